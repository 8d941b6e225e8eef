//! Time in Europe/Amsterdam. Everything is stored in UTC and entered and shown in Dutch time.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The time zone in which organisers enter, and visitors read, every date and time.
pub const ZONE: Tz = chrono_tz::Europe::Amsterdam;

/// The instant a Dutch wall-clock time stands for.
///
/// Daylight saving makes two cases special: in autumn 02:00-03:00 happens twice (we take the
/// first, so a deadline is never later than people read it); in spring 02:00-03:00 does not exist
/// (we move forward to the first time that does, which is what the clock on the wall shows).
pub fn local_to_utc(local: NaiveDateTime) -> DateTime<Utc> {
    let mut candidate = local;
    // A gap is at most an hour; a few steps of 15 minutes always land past it.
    for _ in 0..8 {
        match ZONE.from_local_datetime(&candidate) {
            chrono::LocalResult::Single(time) => return time.with_timezone(&Utc),
            chrono::LocalResult::Ambiguous(earliest, _) => return earliest.with_timezone(&Utc),
            chrono::LocalResult::None => candidate += Duration::minutes(15),
        }
    }
    // Unreachable for Europe/Amsterdam; treat as UTC rather than fail.
    Utc.from_utc_datetime(&local)
}

/// The Dutch wall-clock time of an instant.
pub fn utc_to_local(instant: DateTime<Utc>) -> DateTime<Tz> {
    instant.with_timezone(&ZONE)
}

/// The calendar date in the Netherlands at an instant.
pub fn local_date(instant: DateTime<Utc>) -> NaiveDate {
    utc_to_local(instant).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveTime, Timelike};

    fn at(date: &str, time: &str) -> NaiveDateTime {
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d");
        let time = NaiveTime::parse_from_str(time, "%H:%M");
        match (date, time) {
            (Ok(d), Ok(t)) => d.and_time(t),
            _ => panic!("bad test input"),
        }
    }

    #[test]
    fn summer_and_winter_offsets() {
        assert_eq!(local_to_utc(at("2026-07-01", "12:00")).hour(), 10);
        assert_eq!(local_to_utc(at("2026-01-01", "12:00")).hour(), 11);
    }

    #[test]
    fn the_spring_gap_moves_forward_to_three_oclock() {
        // 29 March 2026: clocks jump from 02:00 to 03:00.
        let instant = local_to_utc(at("2026-03-29", "02:30"));
        assert_eq!(utc_to_local(instant).time().hour(), 3);
    }

    #[test]
    fn the_autumn_overlap_takes_the_earlier_instant() {
        // 25 October 2026: 02:30 happens twice; the first is 00:30 UTC.
        let instant = local_to_utc(at("2026-10-25", "02:30"));
        assert_eq!((instant.hour(), instant.minute()), (0, 30));
    }

    #[test]
    fn the_local_date_changes_at_dutch_midnight() {
        let before = local_to_utc(at("2026-09-30", "23:59"));
        let after = local_to_utc(at("2026-10-01", "00:00"));
        assert_eq!(local_date(before).to_string(), "2026-09-30");
        assert_eq!(local_date(after).to_string(), "2026-10-01");
    }
}
