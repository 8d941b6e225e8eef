//! The open period of a consultation.
//!
//! Organisers enter dates and times on the Dutch wall clock; the period is stored as two UTC
//! instants and is half-open: answers are taken from `opens_at` (inclusive) until `closes_at`
//! (exclusive). A closing date without a time means "tot en met" that day: the form closes at
//! the first moment of the next day, Dutch time. So "open tot en met 30 september 2026" is
//! stored as `closes_at = 2026-10-01 00:00 Europe/Amsterdam = 2026-09-30 22:00 UTC`, and a day on
//! which the clocks change simply lasts 23 or 25 hours.

use crate::time::{local_to_utc, utc_to_local};
use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};
use thiserror::Error;

/// Why a period was refused. Each names the form field it belongs to (see [`WindowError::field`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum WindowError {
    #[error("the opening date is not a date")]
    OpensOnInvalid,
    #[error("the opening time is not a time")]
    OpensTimeInvalid,
    #[error("the closing date is not a date")]
    ClosesOnInvalid,
    #[error("the closing time is not a time")]
    ClosesTimeInvalid,
    #[error("the consultation closes before it opens")]
    ClosesBeforeOpens,
}

impl WindowError {
    /// The form field that holds the mistake.
    pub fn field(self) -> &'static str {
        match self {
            Self::OpensOnInvalid => "opens_on",
            Self::OpensTimeInvalid => "opens_time",
            Self::ClosesOnInvalid => "closes_on",
            Self::ClosesTimeInvalid => "closes_time",
            Self::ClosesBeforeOpens => "closes_on",
        }
    }
}

/// Where a consultation stands at a given instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WindowState {
    NotYetOpen,
    Open,
    Closed,
}

/// How to tell people when the form closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClosingMoment {
    /// Closes at Dutch midnight: "open tot en met {date}" (the last whole day it is open).
    EndOfDay(NaiveDate),
    /// Closes at a time during the day: "open tot {date} {time}".
    At(NaiveDateTime),
}

/// The period in which a consultation takes answers: `[opens_at, closes_at)`, non-empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConsultationWindow {
    opens_at: DateTime<Utc>,
    closes_at: DateTime<Utc>,
}

fn parse_date(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok()
}

/// An `<input type="time">` value: `HH:MM`, or `HH:MM:SS` as some browsers send.
fn parse_time(raw: &str) -> Option<NaiveTime> {
    let raw = raw.trim();
    NaiveTime::parse_from_str(raw, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(raw, "%H:%M:%S"))
        .ok()
}

/// Dutch midnight at the start of `date`. Midnight never falls in a DST gap in the Netherlands
/// (the clocks change at 02:00/03:00), so this is always exact.
fn start_of_local_day(date: NaiveDate) -> DateTime<Utc> {
    local_to_utc(date.and_time(NaiveTime::MIN))
}

impl ConsultationWindow {
    /// A window from two instants; `closes_at` must be later than `opens_at`.
    pub fn new(opens_at: DateTime<Utc>, closes_at: DateTime<Utc>) -> Result<Self, WindowError> {
        if closes_at <= opens_at {
            return Err(WindowError::ClosesBeforeOpens);
        }
        Ok(Self {
            opens_at,
            closes_at,
        })
    }

    /// Parses the organiser's form: dates as `YYYY-MM-DD`, times as `HH:MM`.
    ///
    /// An empty opening time means the start of the opening day (00:00). An empty closing time
    /// means the END of the closing day: open "tot en met" that date, closing at 00:00 of the
    /// next day. Times are Dutch wall-clock times; one that does not exist (the spring gap)
    /// moves forward, one that happens twice (the autumn overlap) takes the first.
    pub fn parse(
        opens_on: &str,
        opens_time: &str,
        closes_on: &str,
        closes_time: &str,
    ) -> Result<Self, Vec<WindowError>> {
        let mut errors = Vec::new();
        let opens_date = parse_date(opens_on);
        if opens_date.is_none() {
            errors.push(WindowError::OpensOnInvalid);
        }
        let opens_clock = if opens_time.trim().is_empty() {
            Some(NaiveTime::MIN)
        } else {
            let parsed = parse_time(opens_time);
            if parsed.is_none() {
                errors.push(WindowError::OpensTimeInvalid);
            }
            parsed
        };
        let closes_date = parse_date(closes_on);
        if closes_date.is_none() {
            errors.push(WindowError::ClosesOnInvalid);
        }
        let closes_clock = if closes_time.trim().is_empty() {
            None
        } else {
            let parsed = parse_time(closes_time);
            if parsed.is_none() {
                errors.push(WindowError::ClosesTimeInvalid);
            }
            parsed
        };
        let (Some(opens_date), Some(opens_clock), Some(closes_date)) =
            (opens_date, opens_clock, closes_date)
        else {
            return Err(errors);
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let opens_at = local_to_utc(opens_date.and_time(opens_clock));
        let closes_at = match closes_clock {
            Some(clock) => local_to_utc(closes_date.and_time(clock)),
            None => Self::end_of_day(closes_date),
        };
        Self::new(opens_at, closes_at).map_err(|e| vec![e])
    }

    /// The instant a period that runs "tot en met `last_day`" closes: Dutch midnight after it.
    pub fn end_of_day(last_day: NaiveDate) -> DateTime<Utc> {
        match last_day.checked_add_days(Days::new(1)) {
            Some(next) => start_of_local_day(next),
            // Only at the end of chrono's calendar; a far-future instant is the honest answer.
            None => DateTime::<Utc>::MAX_UTC,
        }
    }

    pub fn opens_at(&self) -> DateTime<Utc> {
        self.opens_at
    }

    pub fn closes_at(&self) -> DateTime<Utc> {
        self.closes_at
    }

    /// Where the consultation stands at `now`.
    pub fn state(&self, now: DateTime<Utc>) -> WindowState {
        if now < self.opens_at {
            WindowState::NotYetOpen
        } else if now < self.closes_at {
            WindowState::Open
        } else {
            WindowState::Closed
        }
    }

    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        self.state(now) == WindowState::Open
    }

    /// The Dutch wall-clock moment the form opens.
    pub fn opens_local(&self) -> NaiveDateTime {
        utc_to_local(self.opens_at).naive_local()
    }

    /// How to describe the closing moment: a last whole day when it closes at Dutch midnight.
    pub fn closing(&self) -> ClosingMoment {
        let local = utc_to_local(self.closes_at).naive_local();
        if local.time() == NaiveTime::MIN {
            match local.date().pred_opt() {
                Some(last_day) => ClosingMoment::EndOfDay(last_day),
                None => ClosingMoment::At(local),
            }
        } else {
            ClosingMoment::At(local)
        }
    }

    /// The values to put back in the organiser's form, so that saving it unchanged keeps the
    /// same period: `(opens_on, opens_time, closes_on, closes_time)`.
    pub fn form_values(&self) -> (String, String, String, String) {
        let opens = self.opens_local();
        let opens_time = if opens.time() == NaiveTime::MIN {
            String::new()
        } else {
            format_clock(opens.time())
        };
        let (closes_on, closes_time) = match self.closing() {
            ClosingMoment::EndOfDay(day) => (day.format("%Y-%m-%d").to_string(), String::new()),
            ClosingMoment::At(at) => (
                at.date().format("%Y-%m-%d").to_string(),
                format_clock(at.time()),
            ),
        };
        (
            opens.date().format("%Y-%m-%d").to_string(),
            opens_time,
            closes_on,
            closes_time,
        )
    }
}

/// `HH:MM`, with seconds only when there are any (so a round trip never loses them).
fn format_clock(time: NaiveTime) -> String {
    if time.second() == 0 {
        time.format("%H:%M").to_string()
    } else {
        time.format("%H:%M:%S").to_string()
    }
}

#[cfg(test)]
#[path = "window_tests.rs"]
mod tests;
