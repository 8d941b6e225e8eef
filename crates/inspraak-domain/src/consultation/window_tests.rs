//! The period rules around Dutch midnight and the daylight-saving changes (last Sunday of March:
//! 02:00 becomes 03:00; last Sunday of October: 03:00 becomes 02:00 again).

use super::*;
use crate::time::local_date;
use chrono::{Datelike, Duration, TimeZone, Weekday};
use proptest::prelude::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

fn window(
    opens_on: &str,
    opens_time: &str,
    closes_on: &str,
    closes_time: &str,
) -> ConsultationWindow {
    ConsultationWindow::parse(opens_on, opens_time, closes_on, closes_time)
        .unwrap_or_else(|e| panic!("{e:?}"))
}

/// The last Sunday of a month: the day the clocks change in March and October.
fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let mut day = date(year, month, 31);
    while day.weekday() != Weekday::Sun {
        day = day.pred_opt().unwrap_or(day);
    }
    day
}

#[test]
fn open_through_30_september_closes_at_dutch_midnight() {
    let w = window("2026-09-01", "", "2026-09-30", "");
    // Summer time (UTC+2): Dutch midnight is 22:00 UTC the evening before.
    assert_eq!(w.opens_at(), utc(2026, 8, 31, 22, 0));
    assert_eq!(w.closes_at(), utc(2026, 9, 30, 22, 0));
    assert_eq!(w.closing(), ClosingMoment::EndOfDay(date(2026, 9, 30)));
    let last_second = w.closes_at() - Duration::seconds(1);
    assert_eq!(w.state(last_second), WindowState::Open);
    assert_eq!(w.state(w.closes_at()), WindowState::Closed);
    assert_eq!(
        w.state(w.opens_at() - Duration::seconds(1)),
        WindowState::NotYetOpen
    );
    assert_eq!(w.state(w.opens_at()), WindowState::Open);
}

#[test]
fn a_closing_time_during_the_day_is_taken_literally() {
    let w = window("2026-09-01", "09:00", "2026-09-30", "17:00");
    assert_eq!(w.opens_at(), utc(2026, 9, 1, 7, 0));
    assert_eq!(w.closes_at(), utc(2026, 9, 30, 15, 0));
    assert_eq!(
        w.closing(),
        ClosingMoment::At(
            date(2026, 9, 30).and_time(NaiveTime::from_hms_opt(17, 0, 0).unwrap_or(NaiveTime::MIN))
        )
    );
}

#[test]
fn winter_time_midnight_is_23_utc() {
    let w = window("2026-12-01", "", "2026-12-31", "");
    assert_eq!(w.closes_at(), utc(2026, 12, 31, 23, 0));
}

#[test]
fn the_last_day_lasts_23_hours_in_march_and_25_in_october() {
    for year in [2025, 2026, 2027] {
        let spring = last_sunday(year, 3);
        let w = window("2020-01-01", "", &spring.to_string(), "");
        let day_start = ConsultationWindow::end_of_day(spring.pred_opt().unwrap_or(spring));
        assert_eq!(w.closes_at() - day_start, Duration::hours(23), "{spring}");
        let autumn = last_sunday(year, 10);
        let w = window("2020-01-01", "", &autumn.to_string(), "");
        let day_start = ConsultationWindow::end_of_day(autumn.pred_opt().unwrap_or(autumn));
        assert_eq!(w.closes_at() - day_start, Duration::hours(25), "{autumn}");
    }
}

#[test]
fn a_time_in_the_spring_gap_moves_forward_and_one_in_the_autumn_overlap_takes_the_first() {
    // 29 March 2026 02:30 does not exist: the form opens at 03:00 summer time (01:00 UTC).
    let w = window("2026-03-29", "02:30", "2026-04-30", "");
    assert_eq!(w.opens_at(), utc(2026, 3, 29, 1, 0));
    // 25 October 2026 02:30 happens twice: the form closes at the first (00:30 UTC).
    let w = window("2026-10-01", "", "2026-10-25", "02:30");
    assert_eq!(w.closes_at(), utc(2026, 10, 25, 0, 30));
}

#[test]
fn bad_input_names_every_field() {
    let errors = ConsultationWindow::parse("1-9-2026", "25:00", "", "nu")
        .err()
        .unwrap_or_default();
    assert_eq!(
        errors,
        vec![
            WindowError::OpensOnInvalid,
            WindowError::OpensTimeInvalid,
            WindowError::ClosesOnInvalid,
            WindowError::ClosesTimeInvalid
        ]
    );
    let fields: Vec<_> = errors.iter().map(|e| e.field()).collect();
    assert_eq!(
        fields,
        ["opens_on", "opens_time", "closes_on", "closes_time"]
    );
}

#[test]
fn a_period_must_not_be_empty_or_reversed() {
    assert_eq!(
        ConsultationWindow::parse("2026-09-30", "", "2026-09-01", ""),
        Err(vec![WindowError::ClosesBeforeOpens])
    );
    assert_eq!(
        ConsultationWindow::parse("2026-09-30", "12:00", "2026-09-30", "12:00"),
        Err(vec![WindowError::ClosesBeforeOpens])
    );
    // One day, through the end of it, is fine.
    assert!(ConsultationWindow::parse("2026-09-30", "", "2026-09-30", "").is_ok());
}

#[test]
fn browsers_that_send_seconds_are_understood() {
    let w = window("2026-09-01", "09:00:00", "2026-09-30", "17:00:30");
    assert_eq!(
        w.closes_at(),
        utc(2026, 9, 30, 15, 0) + Duration::seconds(30)
    );
    assert_eq!(w.form_values().3, "17:00:30");
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    // 2000..2060, every day, so every DST change in that span is covered.
    (0i64..21915).prop_map(|offset| date(2000, 1, 1) + Duration::days(offset))
}

/// Dates within a few days of a DST change, where mistakes hide.
fn date_near_a_clock_change() -> impl Strategy<Value = NaiveDate> {
    (2000i32..2060, prop::bool::ANY, -2i64..=2).prop_map(|(year, spring, shift)| {
        last_sunday(year, if spring { 3 } else { 10 }) + Duration::days(shift)
    })
}

fn any_time() -> impl Strategy<Value = NaiveTime> {
    (0u32..24, 0u32..60)
        .prop_map(|(h, m)| NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN))
}

proptest! {
    /// "Tot en met D": every instant whose Dutch date is D is open, the first instant of D+1 is
    /// closed, whatever the season.
    #[test]
    fn through_a_date_means_every_moment_of_that_dutch_day(
        last_day in prop_oneof![any_date(), date_near_a_clock_change()],
        seconds_before in 1i64..(23 * 3600),
    ) {
        let first_day = last_day - Duration::days(10);
        let w = window(&first_day.to_string(), "", &last_day.to_string(), "");
        prop_assert_eq!(local_date(w.closes_at()), last_day + Duration::days(1));
        prop_assert_eq!(utc_to_local(w.closes_at()).time(), NaiveTime::MIN);
        prop_assert_eq!(w.state(w.closes_at()), WindowState::Closed);
        let inside = w.closes_at() - Duration::seconds(seconds_before);
        prop_assert_eq!(local_date(inside), last_day);
        prop_assert_eq!(w.state(inside), WindowState::Open);
        prop_assert_eq!(w.closing(), ClosingMoment::EndOfDay(last_day));
    }

    /// The opening day starts at Dutch midnight: one second earlier (the day before) is not yet
    /// open.
    #[test]
    fn an_opening_date_starts_at_dutch_midnight(
        first_day in prop_oneof![any_date(), date_near_a_clock_change()],
    ) {
        let last_day = first_day + Duration::days(3);
        let w = window(&first_day.to_string(), "", &last_day.to_string(), "");
        prop_assert_eq!(local_date(w.opens_at()), first_day);
        prop_assert_eq!(utc_to_local(w.opens_at()).time(), NaiveTime::MIN);
        let before = w.opens_at() - Duration::seconds(1);
        prop_assert_eq!(local_date(before), first_day - Duration::days(1));
        prop_assert_eq!(w.state(before), WindowState::NotYetOpen);
    }

    /// A Dutch day lasts 24 hours, except the last Sundays of March (23) and October (25).
    #[test]
    fn a_one_day_window_lasts_as_long_as_that_dutch_day(day in prop_oneof![any_date(), date_near_a_clock_change()]) {
        let w = window(&day.to_string(), "", &day.to_string(), "");
        let expected = if day == last_sunday(day.year(), 3) {
            23
        } else if day == last_sunday(day.year(), 10) {
            25
        } else {
            24
        };
        prop_assert_eq!(w.closes_at() - w.opens_at(), Duration::hours(expected));
    }

    /// Time only moves forward through the states: never open again after closing.
    #[test]
    fn states_follow_each_other_in_order(
        day in date_near_a_clock_change(),
        opens in any_time(),
        closes in any_time(),
        probes in prop::collection::vec(-3i64 * 86400..5 * 86400, 2..20),
    ) {
        let closes_on = day + Duration::days(1);
        let w = window(&day.to_string(), &opens.format("%H:%M").to_string(), &closes_on.to_string(), &closes.format("%H:%M").to_string());
        let start = start_of_local_day(day);
        let mut instants: Vec<_> = probes.iter().map(|s| start + Duration::seconds(*s)).collect();
        instants.sort();
        let states: Vec<_> = instants.iter().map(|i| w.state(*i)).collect();
        prop_assert!(states.windows(2).all(|pair| pair[0] <= pair[1]), "{:?}", states);
    }

    /// Saving the organiser's form unchanged keeps exactly the same period.
    #[test]
    fn form_values_round_trip(
        day in prop_oneof![any_date(), date_near_a_clock_change()],
        opens in any_time(),
        closes in prop::option::of(any_time()),
        length in 0i64..60,
    ) {
        let closes_on = day + Duration::days(length + 1);
        let closes_time = closes.map(|t| t.format("%H:%M").to_string()).unwrap_or_default();
        let w = window(&day.to_string(), &opens.format("%H:%M").to_string(), &closes_on.to_string(), &closes_time);
        let (a, b, c, d) = w.form_values();
        let again = ConsultationWindow::parse(&a, &b, &c, &d);
        prop_assert_eq!(again, Ok(w));
    }
}
