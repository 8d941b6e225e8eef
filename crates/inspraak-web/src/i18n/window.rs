//! How a consultation's open window reads ("open tot en met 30 september 2026"): words for the
//! pages, the "Doe mee" block and mails alike, so it lives with the texts, not in a view.

use crate::i18n::{Lang, consultation as texts, fill};
use chrono::NaiveTime;
use inspraak_domain::consultation::{ClosingMoment, ConsultationWindow};

/// When the form opens: a date alone when it opens at midnight, else date and time.
pub fn opening(lang: Lang, window: &ConsultationWindow) -> String {
    let opens = window.opens_local();
    if opens.time() == NaiveTime::MIN {
        lang.date(opens.date())
    } else {
        lang.date_time(window.opens_at())
    }
}

/// "Open van 1 september 2026 tot en met 30 september 2026".
pub fn period(lang: Lang, window: &ConsultationWindow) -> String {
    let t = texts::texts(lang);
    let start = opening(lang, window);
    match window.closing() {
        ClosingMoment::EndOfDay(day) => fill(
            t.period_through,
            &[("start", &start), ("end", &lang.date(day))],
        ),
        ClosingMoment::At(_) => fill(
            t.period_until,
            &[
                ("start", &start),
                ("end", &lang.date_time(window.closes_at())),
            ],
        ),
    }
}

/// "open tot en met 30 september 2026" (or "open tot 30 september 2026, 17:00").
pub fn open_until(lang: Lang, window: &ConsultationWindow) -> String {
    let t = texts::texts(lang);
    match window.closing() {
        ClosingMoment::EndOfDay(day) => fill(t.open_until_through, &[("date", &lang.date(day))]),
        ClosingMoment::At(_) => fill(
            t.open_until_at,
            &[("date", &lang.date_time(window.closes_at()))],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_period_reads_tot_en_met_the_last_day() {
        let window = ConsultationWindow::parse("2026-09-01", "", "2026-09-30", "")
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            period(Lang::Nl, &window),
            "Open van 1 september 2026 tot en met 30 september 2026"
        );
        assert_eq!(
            open_until(Lang::Nl, &window),
            "open tot en met 30 september 2026"
        );
        let window = ConsultationWindow::parse("2026-09-01", "09:00", "2026-09-30", "17:00")
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            period(Lang::Nl, &window),
            "Open van 1 september 2026, 09:00 tot 30 september 2026, 17:00"
        );
    }
}
