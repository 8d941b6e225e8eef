//! One sheet, written a row at a time. Every format writes into a [`Chunks`] buffer that the
//! caller drains with [`SheetWriter::take`] after each page and sends on (HTTP body, file), so
//! memory stays at one page plus the zip compressor's window whatever the number of rows.
//!
//! Columns are typed ([`Column`], [`Cell`]): CSV writes cells as text (times in Dutch time,
//! `2026-03-04 10:15`), ODS and XLSX as typed cells (see [`super::zipped`]), JSON as an array
//! of objects keyed by the columns' machine keys, written by serde_json's serializer.

use super::cell::{Cell, Column, Kind};
use super::neutralise;
use super::zipped::ZipSheet;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::ser::{CompactFormatter, Formatter};
use std::io::{self, Write};
use std::sync::{Arc, Mutex, PoisonError};

/// An export format, as named in URLs and on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Standard CSV (RFC 4180): comma, CRLF, no BOM.
    Csv,
    /// CSV as Dutch Excel opens it: semicolon, BOM, CRLF, decimal comma.
    CsvExcel,
    Ods,
    Xlsx,
    Json,
}

impl Format {
    pub const ALL: [Format; 5] = [Self::Csv, Self::CsvExcel, Self::Ods, Self::Xlsx, Self::Json];

    /// The name in URLs and on the command line: `csv`, `excel.csv`, `ods`, `xlsx`, `json`.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::CsvExcel => "excel.csv",
            other => other.extension(),
        }
    }

    /// The file name's extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv | Self::CsvExcel => "csv",
            Self::Ods => "ods",
            Self::Xlsx => "xlsx",
            Self::Json => "json",
        }
    }

    /// A short label for a download link.
    pub fn label(self) -> &'static str {
        match self {
            Self::Csv => "CSV",
            Self::CsvExcel => "CSV (Excel NL)",
            Self::Ods => "ODS",
            Self::Xlsx => "XLSX",
            Self::Json => "JSON",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::Csv | Self::CsvExcel => "text/csv; charset=utf-8",
            Self::Ods => "application/vnd.oasis.opendocument.spreadsheet",
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Self::Json => "application/json",
        }
    }

    /// A download's file name: `<stem>.csv`, with `-excel` before the extension for Dutch Excel.
    pub fn file_name(self, stem: &str) -> String {
        match self {
            Self::CsvExcel => format!("{stem}-excel.csv"),
            other => format!("{stem}.{}", other.extension()),
        }
    }
}

/// Bytes written so far and not yet taken.
#[derive(Clone, Default)]
pub struct Chunks(Arc<Mutex<Vec<u8>>>);

impl Chunks {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

impl Write for Chunks {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

enum Inner {
    Csv {
        writer: Box<csv::Writer<Chunks>>,
        decimal_comma: bool,
    },
    Json {
        rows: usize,
        started: bool,
        keys: Vec<String>,
    },
    Zip(ZipSheet),
}

pub struct SheetWriter {
    inner: Inner,
    out: Chunks,
}

pub(crate) fn to_io(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(e.to_string())
}

pub(crate) fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    xml_escape_into(&mut out, text);
    out
}

/// Appends `text` escaped for XML (no allocation per cell on the hot path).
pub(crate) fn xml_escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Tabs and line breaks are allowed in XML; other control characters are not.
            c if c.is_control() && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
}

/// Sheet names: at most 31 characters and none of `[]:*?/\` (Excel's rule).
fn sheet_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect();
    if clean.trim().is_empty() {
        "Export".to_owned()
    } else {
        clean
    }
}

/// One JSON row: the cells keyed by their column's machine key.
struct JsonRow<'a> {
    keys: &'a [String],
    cells: &'a [Cell],
}

impl Serialize for JsonRow<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.keys.len()))?;
        for (key, cell) in self.keys.iter().zip(self.cells) {
            map.serialize_entry(key, cell)?;
        }
        map.end()
    }
}

impl SheetWriter {
    pub fn new(format: Format, sheet: &str) -> io::Result<Self> {
        Self::with_compression(format, sheet, true)
    }

    /// `compress: false` stores zip entries as they are: for small tables, whose XML then stays
    /// readable in the file.
    pub fn with_compression(format: Format, sheet: &str, compress: bool) -> io::Result<Self> {
        let out = Chunks::default();
        let sheet = sheet_name(sheet);
        let csv = |delimiter: u8| {
            csv::WriterBuilder::new()
                .delimiter(delimiter)
                .terminator(csv::Terminator::CRLF)
                .from_writer(out.clone())
        };
        let inner = match format {
            Format::Csv => Inner::Csv {
                writer: Box::new(csv(b',')),
                decimal_comma: false,
            },
            Format::CsvExcel => {
                // The BOM tells Excel the file is UTF-8.
                out.clone().write_all(b"\xEF\xBB\xBF")?;
                Inner::Csv {
                    writer: Box::new(csv(b';')),
                    decimal_comma: true,
                }
            }
            Format::Json => Inner::Json {
                rows: 0,
                started: false,
                keys: Vec::new(),
            },
            Format::Ods => Inner::Zip(ZipSheet::new(out.clone(), true, sheet, compress)?),
            Format::Xlsx => Inner::Zip(ZipSheet::new(out.clone(), false, sheet, compress)?),
        };
        Ok(Self { inner, out })
    }

    /// The columns; first, once. CSV and the spreadsheets write their labels as the header row,
    /// JSON keeps their keys for each row's object.
    pub fn columns(&mut self, columns: &[Column]) -> io::Result<()> {
        match &mut self.inner {
            Inner::Csv { writer, .. } => writer
                .write_record(columns.iter().map(|c| neutralise(&c.label)))
                .map_err(to_io),
            Inner::Json { started, keys, .. } => {
                *keys = columns.iter().map(|c| c.key.clone()).collect();
                *started = true;
                CompactFormatter.begin_array(&mut self.out)
            }
            Inner::Zip(sheet) => sheet.header(columns),
        }
    }

    pub fn cells(&mut self, cells: &[Cell]) -> io::Result<()> {
        match &mut self.inner {
            Inner::Csv {
                writer,
                decimal_comma,
            } => writer
                .write_record(cells.iter().map(|c| match c {
                    // Only text can start a formula; a negative number stays a number.
                    Cell::Text(text) => neutralise(text),
                    other => other.display(*decimal_comma),
                }))
                .map_err(to_io),
            Inner::Json { rows, keys, .. } => {
                let first = *rows == 0;
                *rows += 1;
                let mut f = CompactFormatter;
                f.begin_array_value(&mut self.out, first)?;
                if !first {
                    // One row a line: readable with line tools, still one JSON value.
                    self.out.write_all(b"\n")?;
                }
                JsonRow { keys, cells }
                    .serialize(&mut serde_json::Serializer::new(&mut self.out))
                    .map_err(to_io)?;
                f.end_array_value(&mut self.out)
            }
            Inner::Zip(sheet) => sheet.row(cells),
        }
    }

    /// Untyped columns: every column text, keyed by its label.
    pub fn header(&mut self, header: &[String]) -> io::Result<()> {
        let columns: Vec<Column> = header
            .iter()
            .map(|label| Column::new(label.clone(), label.clone(), Kind::Text))
            .collect();
        self.columns(&columns)
    }

    /// A row of text cells.
    pub fn row(&mut self, cells: &[String]) -> io::Result<()> {
        let cells: Vec<Cell> = cells.iter().map(|c| Cell::Text(c.clone())).collect();
        self.cells(&cells)
    }

    /// The bytes finished so far; call after each page and send them on.
    pub fn take(&mut self) -> io::Result<Vec<u8>> {
        if let Inner::Csv { writer, .. } = &mut self.inner {
            writer.flush()?;
        }
        Ok(self.out.take())
    }

    /// Closes the file and returns its last bytes.
    pub fn finish(self) -> io::Result<Vec<u8>> {
        let mut out = self.out;
        match self.inner {
            Inner::Csv { mut writer, .. } => writer.flush()?,
            Inner::Json { started, .. } => {
                let mut f = CompactFormatter;
                if !started {
                    f.begin_array(&mut out)?;
                }
                f.end_array(&mut out)?;
                out.write_all(b"\n")?;
            }
            Inner::Zip(sheet) => sheet.finish()?,
        }
        Ok(out.take())
    }
}

#[cfg(test)]
mod tests {
    use super::super::zipped::ODS_MIMETYPE;
    use super::*;
    use chrono::{TimeZone, Utc};
    use std::io::Read;

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

    fn typed() -> (Vec<Column>, Vec<Vec<Cell>>) {
        let columns = vec![
            Column::new("id", "Nummer", Kind::Integer),
            Column::new("average", "Gemiddelde", Kind::Decimal),
            Column::new("at", "Ingestuurd", Kind::DateTime),
            Column::new("hidden", "Verborgen", Kind::Flag),
            Column::new("text", "Tekst", Kind::LongText),
        ];
        let at = Utc.with_ymd_and_hms(2026, 1, 2, 9, 30, 0).unwrap();
        let rows = vec![
            vec![
                Cell::Integer(-5),
                Cell::Decimal(1.0),
                Cell::DateTime(at),
                Cell::Flag(true, "ja"),
                Cell::text("=1+1"),
            ],
            vec![
                Cell::Integer(7),
                Cell::Empty,
                Cell::DateTime(at),
                Cell::Flag(false, "nee"),
                Cell::text("gewoon"),
            ],
        ];
        (columns, rows)
    }

    fn typed_file(format: Format, rows: usize) -> Vec<u8> {
        let (columns, cells) = typed();
        let cells: Vec<Vec<Cell>> = cells.into_iter().cycle().take(rows).collect();
        super::super::typed_table(format, "Blad", &columns, &cells).unwrap_or_default()
    }

    fn unzip(bytes: &[u8], name: &str) -> String {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec()))
            .unwrap_or_else(|e| panic!("{e}"));
        let mut text = String::new();
        archive
            .by_name(name)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .read_to_string(&mut text)
            .unwrap_or_default();
        text
    }

    fn read_csv(bytes: &[u8], delimiter: u8) -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .delimiter(delimiter)
            .from_reader(bytes)
            .records()
            .map(|r| {
                r.map(|r| r.iter().map(str::to_owned).collect())
                    .unwrap_or_default()
            })
            .collect()
    }

    #[test]
    fn standard_csv_has_commas_and_no_bom_and_neutralises_formulas() {
        let bytes = super::super::csv(&table()).unwrap_or_default();
        assert!(!bytes.starts_with(b"\xEF\xBB\xBF"));
        assert!(bytes.windows(2).any(|w| w == b"\r\n"));
        let rows = read_csv(&bytes, b',');
        assert_eq!(rows[0], ["Naam", "Organisatie"]);
        assert_eq!(rows[1][0], "'=HYPERLINK(\"http://x?\"&A1)");
        assert_eq!(rows[2], ["'+31 6 1234", "'-5"]);
    }

    #[test]
    fn excel_csv_has_a_bom_semicolons_crlf_and_decimal_commas() {
        let bytes = typed_file(Format::CsvExcel, 2);
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or_default();
        let text = String::from_utf8_lossy(body);
        assert!(text.starts_with("Nummer;Gemiddelde;Ingestuurd;Verborgen;Tekst\r\n"));
        let rows = read_csv(body, b';');
        // A negative number is a number, not a formula; text that is a formula is neutralised.
        assert_eq!(rows[1], ["-5", "1,00", "2026-01-02 10:30", "ja", "'=1+1"]);
        assert_eq!(rows[2], ["7", "", "2026-01-02 10:30", "nee", "gewoon"]);
        let standard = read_csv(&typed_file(Format::Csv, 2), b',');
        assert_eq!(standard[1][1], "1.00");
    }

    #[test]
    fn ods_cells_are_typed_with_a_bold_frozen_filtered_header() {
        let ods = typed_file(Format::Ods, 2);
        assert_eq!(&ods[30..38], b"mimetype");
        assert_eq!(unzip(&ods, "mimetype"), ODS_MIMETYPE);
        let content = unzip(&ods, "content.xml");
        assert!(content.contains(r#"office:value-type="float" office:value="-5""#));
        assert!(content.contains(
            r#"table:style-name="ce2" office:value-type="date" office:date-value="2026-01-02T10:30:00""#
        ));
        assert!(
            content
                .contains(r#"table:style-name="ce3" office:value-type="float" office:value="1""#)
        );
        assert!(content.contains(r#"<table:table-cell table:style-name="ce1" office:value-type="string"><text:p>Nummer</text:p>"#));
        assert!(
            content.contains(
                r#"table:target-range-address="&apos;Blad&apos;.A1:&apos;Blad&apos;.E3""#
            )
        );
        assert!(!content.contains("table:formula"));
        assert!(
            unzip(&ods, "settings.xml")
                .contains(r#"config:name="VerticalSplitPosition" config:type="int">1<"#)
        );
        let old = super::super::ods("Deelnemers <1>", &table()).unwrap_or_default();
        let content = unzip(&old, "content.xml");
        assert!(content.contains(r#"table:name="Deelnemers &lt;1&gt;""#));
        assert!(content.contains("=HYPERLINK(&quot;http://x?&quot;&amp;A1)"));
    }

    #[test]
    fn xlsx_cells_are_typed_with_a_bold_frozen_filtered_header() {
        let mut writer =
            SheetWriter::new(Format::Xlsx, "Reacties").unwrap_or_else(|e| panic!("{e}"));
        let (columns, rows) = typed();
        writer.columns(&columns).unwrap_or_default();
        let mut bytes = Vec::new();
        for row in rows {
            writer.cells(&row).unwrap_or_default();
            bytes.extend(writer.take().unwrap_or_default());
        }
        bytes.extend(writer.finish().unwrap_or_default());
        let sheet = unzip(&bytes, "xl/worksheets/sheet1.xml");
        assert!(sheet.contains(r#"<c r="A2"><v>-5</v></c>"#));
        assert!(sheet.contains(r#"<c r="B2" s="3"><v>1</v></c>"#));
        assert!(sheet.contains(r#"<c r="C2" s="2"><v>46024.4375</v></c>"#));
        assert!(
            sheet.contains(
                r#"<c r="A1" t="inlineStr" s="1"><is><t xml:space="preserve">Nummer</t>"#
            )
        );
        assert!(sheet.contains(
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        ));
        assert!(sheet.contains(r#"<autoFilter ref="A1:E3"/>"#));
        assert!(sheet.contains(r#"<t xml:space="preserve">=1+1</t>"#));
        assert!(!sheet.contains("<f>"));
        let workbook = unzip(&bytes, "xl/workbook.xml");
        assert!(workbook.contains("name=\"Reacties\""));
        assert!(workbook.contains("&apos;Reacties&apos;!$A$1:$E$3"));
        assert!(unzip(&bytes, "xl/styles.xml").contains("<b/>"));
    }

    #[test]
    fn json_is_valid_at_zero_one_and_many_rows_with_typed_values() {
        for rows in [0, 1, 3] {
            let bytes = typed_file(Format::Json, rows);
            let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
                panic!("{rows} rows: {e}: {}", String::from_utf8_lossy(&bytes))
            });
            assert_eq!(value.as_array().map(Vec::len), Some(rows));
        }
        let bytes = typed_file(Format::Json, 2);
        let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
        assert_eq!(value[0]["id"], -5);
        assert_eq!(value[0]["average"], 1.0);
        assert_eq!(value[0]["at"], "2026-01-02T09:30:00Z");
        assert_eq!(value[0]["hidden"], true);
        assert_eq!(value[0]["text"], "=1+1");
        assert!(value[1]["average"].is_null());
        // Without columns (never started) the file is still an empty array.
        let empty = SheetWriter::new(Format::Json, "")
            .and_then(SheetWriter::finish)
            .unwrap_or_default();
        assert_eq!(empty, b"[]\n");
    }

    #[test]
    fn formats_round_trip_through_their_url_names() {
        for format in Format::ALL {
            assert_eq!(Format::parse(format.name()), Some(format));
        }
        assert_eq!(Format::CsvExcel.file_name("x"), "x-excel.csv");
    }
}
