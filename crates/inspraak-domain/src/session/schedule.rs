//! When a session happens and when people can sign up: entered as Dutch wall-clock time,
//! stored as UTC instants.

use crate::time::{local_to_utc, utc_to_local};
use crate::validation::FieldErrors;
use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum ScheduleError {
    #[error("not a date and time")]
    Invalid,
    #[error("the end is not after the start")]
    EndNotAfterStart,
    #[error("sign-up closes before it opens")]
    ClosesBeforeOpens,
    #[error("sign-up closes after the session has started")]
    ClosesAfterStart,
}

/// Whether people can sign up at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignupStatus {
    NotYetOpen,
    Open,
    Closed,
}

/// Start, end and sign-up window of a session. The end is after the start; the window, when
/// given, opens before it closes and closes no later than the start (a confirmation after the
/// start is refused, so a later close would promise what cannot be kept). Without a closing time
/// sign-up closes when the session starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    signup_opens_at: Option<DateTime<Utc>>,
    signup_closes_at: Option<DateTime<Utc>>,
}

/// Parses the value of an `<input type="datetime-local">` (`2026-10-05T14:00`, seconds allowed,
/// a space for the `T` too) as a time in the Netherlands. Years outside 2000-2200 are refused.
pub fn parse_local_datetime(raw: &str) -> Result<DateTime<Utc>, ScheduleError> {
    let value = raw.trim().replacen(' ', "T", 1);
    let local = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(&value, format).ok())
        .ok_or(ScheduleError::Invalid)?;
    if !(2000..=2200).contains(&local.year()) {
        return Err(ScheduleError::Invalid);
    }
    Ok(local_to_utc(local))
}

/// The value for an `<input type="datetime-local">`: the Dutch wall-clock time of an instant.
pub fn local_input_value(instant: DateTime<Utc>) -> String {
    utc_to_local(instant).format("%Y-%m-%dT%H:%M").to_string()
}

impl Schedule {
    pub fn new(
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
        signup_opens_at: Option<DateTime<Utc>>,
        signup_closes_at: Option<DateTime<Utc>>,
    ) -> Result<Self, ScheduleError> {
        if ends_at <= starts_at {
            return Err(ScheduleError::EndNotAfterStart);
        }
        if let (Some(opens), Some(closes)) = (signup_opens_at, signup_closes_at)
            && closes <= opens
        {
            return Err(ScheduleError::ClosesBeforeOpens);
        }
        if signup_closes_at.is_some_and(|closes| closes > starts_at) {
            return Err(ScheduleError::ClosesAfterStart);
        }
        Ok(Self {
            starts_at,
            ends_at,
            signup_opens_at,
            signup_closes_at,
        })
    }

    /// Parses the four form fields (`starts_at`, `ends_at`, `signup_opens_at`,
    /// `signup_closes_at`; the last two may be empty), reporting every bad one.
    pub fn parse(
        starts_at: &str,
        ends_at: &str,
        signup_opens_at: &str,
        signup_closes_at: &str,
    ) -> Result<Self, FieldErrors> {
        let optional = |raw: &str| {
            if raw.trim().is_empty() {
                Ok(None)
            } else {
                parse_local_datetime(raw).map(Some)
            }
        };
        let mut errors = FieldErrors::default();
        let starts = errors.take("starts_at", parse_local_datetime(starts_at));
        let ends = errors.take("ends_at", parse_local_datetime(ends_at));
        let opens = errors.take("signup_opens_at", optional(signup_opens_at));
        let closes = errors.take("signup_closes_at", optional(signup_closes_at));
        let (Some(starts), Some(ends), Some(opens), Some(closes)) = (starts, ends, opens, closes)
        else {
            return Err(errors);
        };
        Self::new(starts, ends, opens, closes).map_err(|error| {
            let field = match error {
                ScheduleError::Invalid | ScheduleError::EndNotAfterStart => "ends_at",
                ScheduleError::ClosesBeforeOpens | ScheduleError::ClosesAfterStart => {
                    "signup_closes_at"
                }
            };
            let mut errors = FieldErrors::default();
            errors.take::<(), _>(field, Err(error));
            errors
        })
    }

    pub fn starts_at(&self) -> DateTime<Utc> {
        self.starts_at
    }

    pub fn ends_at(&self) -> DateTime<Utc> {
        self.ends_at
    }

    pub fn signup_opens_at(&self) -> Option<DateTime<Utc>> {
        self.signup_opens_at
    }

    pub fn signup_closes_at(&self) -> Option<DateTime<Utc>> {
        self.signup_closes_at
    }

    /// When sign-up actually closes: the closing time, or else the start.
    pub fn effective_signup_close(&self) -> DateTime<Utc> {
        self.signup_closes_at.unwrap_or(self.starts_at)
    }

    pub fn signup_status(&self, now: DateTime<Utc>) -> SignupStatus {
        if self.signup_opens_at.is_some_and(|opens| now < opens) {
            SignupStatus::NotYetOpen
        } else if now >= self.effective_signup_close() {
            SignupStatus::Closed
        } else {
            SignupStatus::Open
        }
    }

    pub fn has_started(&self, now: DateTime<Utc>) -> bool {
        now >= self.starts_at
    }

    pub fn is_over(&self, now: DateTime<Utc>) -> bool {
        now >= self.ends_at
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::Problem;
    use chrono::{Duration, TimeZone, Timelike};
    use proptest::prelude::*;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn dutch_wall_clock_time_is_stored_as_utc_in_summer_and_winter() {
        // 5 October 2020 14:00 in Amsterdam is summer time (UTC+2).
        assert_eq!(
            parse_local_datetime("2020-10-05T14:00"),
            Ok(utc(2020, 10, 5, 12, 0))
        );
        // 1 December 2020 14:00 is winter time (UTC+1).
        assert_eq!(
            parse_local_datetime("2020-12-01 14:00:00"),
            Ok(utc(2020, 12, 1, 13, 0))
        );
        assert_eq!(
            local_input_value(utc(2020, 12, 1, 13, 0)),
            "2020-12-01T14:00"
        );
    }

    #[test]
    fn nonsense_dates_are_refused() {
        for raw in [
            "",
            "morgen",
            "2026-02-30T10:00",
            "2026-10-05",
            "99999-01-01T10:00",
            "1900-01-01T10:00",
            "2026-10-05T25:00",
        ] {
            assert_eq!(
                parse_local_datetime(raw),
                Err(ScheduleError::Invalid),
                "{raw}"
            );
        }
    }

    #[test]
    fn every_bad_field_is_reported_and_the_end_must_follow_the_start() {
        let errors = Schedule::parse("x", "y", "z", "").err().unwrap_or_default();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["starts_at", "ends_at", "signup_opens_at"]);
        let errors = Schedule::parse("2026-10-05T14:00", "2026-10-05T14:00", "", "")
            .err()
            .unwrap_or_default();
        assert_eq!(
            errors.for_field("ends_at"),
            Some(Problem::Schedule(ScheduleError::EndNotAfterStart))
        );
        let errors = Schedule::parse(
            "2026-10-05T14:00",
            "2026-10-05T16:00",
            "2026-10-01T09:00",
            "2026-10-05T15:00",
        )
        .err()
        .unwrap_or_default();
        assert_eq!(
            errors.for_field("signup_closes_at"),
            Some(Problem::Schedule(ScheduleError::ClosesAfterStart))
        );
    }

    #[test]
    fn sign_up_opens_and_closes_at_the_given_times_or_at_the_start() {
        let schedule = Schedule::parse(
            "2026-10-05T14:00",
            "2026-10-05T16:00",
            "2026-09-01T09:00",
            "",
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        let start = schedule.starts_at();
        assert_eq!(start.hour(), 12);
        assert_eq!(
            schedule.signup_status(utc(2026, 8, 31, 12, 0)),
            SignupStatus::NotYetOpen
        );
        assert_eq!(
            schedule.signup_status(utc(2026, 9, 1, 7, 0)),
            SignupStatus::Open
        );
        assert_eq!(
            schedule.signup_status(start - Duration::seconds(1)),
            SignupStatus::Open
        );
        assert_eq!(schedule.signup_status(start), SignupStatus::Closed);
        assert!(schedule.has_started(start));
        assert!(!schedule.is_over(start));
    }

    proptest! {
        #[test]
        fn a_built_schedule_always_ends_after_it_starts(a in 0i64..100_000, b in 0i64..100_000) {
            let base = utc(2026, 1, 1, 0, 0);
            let result = Schedule::new(base + Duration::minutes(a), base + Duration::minutes(b), None, None);
            prop_assert_eq!(result.is_ok(), b > a);
            if let Ok(schedule) = result {
                prop_assert!(schedule.ends_at() > schedule.starts_at());
                prop_assert_eq!(schedule.effective_signup_close(), schedule.starts_at());
            }
        }

        #[test]
        fn local_input_values_round_trip(minutes in 0i64..5_000_000) {
            // Whole minutes, away from the autumn overlap hour where two instants share a clock time.
            let instant = utc(2020, 1, 1, 0, 0) + Duration::minutes(minutes);
            let local = crate::time::utc_to_local(instant);
            prop_assume!(!(local.month() == 10 && local.hour() == 2 && local.weekday() == chrono::Weekday::Sun && local.day() > 24));
            prop_assert_eq!(parse_local_datetime(&local_input_value(instant)), Ok(instant));
        }
    }
}
