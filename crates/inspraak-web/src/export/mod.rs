//! Spreadsheet and data exports for the whole crate: CSV in two flavours (standard, and for
//! Dutch Excel), ODS, XLSX and JSON, with typed columns (see `docs/exports.md` for the keys).
//!
//! - [`cell`]: typed columns and cells (numbers, Dutch-time dates, text, flags, codes).
//! - [`sheet`]: a writer that takes a header and rows one at a time and hands out finished bytes
//!   as it goes, so an export of a million rows holds one page in memory, never the file.
//! - [`responses`]: a consultation's responses (one row per response, one column per question
//!   part) and its outcomes per theme, streamed from keyset pages of the store.
//! - [`ideas`]: a process's ideas with their status (one row per idea), streamed the same way.
//! - [`action_plan`]: the action plan as a document (tagged PDF and ODT), not a spreadsheet.
//!
//! Small tables (a session's attendee list, the audit log) use [`table`] (or its shorthands
//! [`csv`] and [`ods`]), which build the file in memory from the same writer.

pub mod action_plan;
pub mod audit;
pub mod cell;
pub mod ideas;
pub mod responses;
pub mod sheet;
mod zipped;

pub use cell::{Cell, Column, Kind};
pub use sheet::{Format, SheetWriter};

/// One plain sentence per kind of file, shown beside download links.
pub fn formats_note(lang: crate::i18n::Lang) -> &'static str {
    lang.pick(
        "CSV (met komma's) is voor andere programma's. Open je het bestand in Excel in het \
         Nederlands? Kies dan CSV (Excel NL), met puntkomma's. ODS en XLSX zijn spreadsheets met \
         echte getallen en datums. JSON is voor programmeurs.",
        "CSV (with commas) is for other programs. Opening the file in Excel set to Dutch? Choose \
         CSV (Excel NL), with semicolons. ODS and XLSX are spreadsheets with real numbers and \
         dates. JSON is for programmers.",
    )
}

/// Neutralises a cell a spreadsheet would otherwise run as a formula: cells starting with
/// `= + - @`, tab or CR get a `'` in front.
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// A small table, header first, as a whole file in `format`.
pub fn table(format: Format, sheet: &str, table: &[Vec<String>]) -> std::io::Result<Vec<u8>> {
    let mut writer = SheetWriter::with_compression(format, sheet, false)?;
    let mut out = Vec::new();
    let mut rows = table.iter();
    if let Some(header) = rows.next() {
        writer.header(header)?;
    }
    for row in rows {
        writer.row(row)?;
    }
    out.extend(writer.finish()?);
    Ok(out)
}

/// A small typed table as a whole file in `format`.
pub fn typed_table(
    format: Format,
    sheet: &str,
    columns: &[Column],
    rows: &[Vec<Cell>],
) -> std::io::Result<Vec<u8>> {
    let mut writer = SheetWriter::with_compression(format, sheet, false)?;
    writer.columns(columns)?;
    for row in rows {
        writer.cells(row)?;
    }
    writer.finish()
}

/// A small table as CSV, header first.
pub fn csv(table: &[Vec<String>]) -> std::io::Result<Vec<u8>> {
    self::table(Format::Csv, "", table)
}

/// A small table as an OpenDocument spreadsheet, header first.
pub fn ods(sheet: &str, table: &[Vec<String>]) -> std::io::Result<Vec<u8>> {
    self::table(Format::Ods, sheet, table)
}
