//! ODS and XLSX: zip files written in streaming mode (sizes in data descriptors after each
//! entry), XML by hand. Cells are typed (numbers as numbers, times as date cells in Dutch time,
//! text as text, so no formula ever runs); the header row is bold, frozen and carries an
//! autofilter over every row. XLSX uses inline strings, which need no shared-string table held in
//! memory. Parts that need the row count (the filter range) are written at the end.

use super::cell::{Cell, Column, column_letters};
use super::sheet::{Chunks, to_io, xml_escape, xml_escape_into};
use std::fmt::Write as _;
use std::io::{self, Write};
use zip::write::{SimpleFileOptions, StreamWriter};
use zip::{CompressionMethod, ZipWriter};

pub(crate) const ODS_MIMETYPE: &str = "application/vnd.oasis.opendocument.spreadsheet";

const ODS_MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="settings.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"#;

/// Number styles: N1 a date and time, N2 two decimals. Cell styles: ce1 bold header, ce2 date,
/// ce3 decimal, ce4 wrapped text.
const ODS_STYLES: &str = r#"<number:date-style style:name="N1"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/><number:text> </number:text><number:hours number:style="long"/><number:text>:</number:text><number:minutes number:style="long"/></number:date-style><number:number-style style:name="N2"><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1"/></number:number-style><style:style style:name="ce1" style:family="table-cell"><style:text-properties fo:font-weight="bold"/></style:style><style:style style:name="ce2" style:family="table-cell" style:data-style-name="N1"/><style:style style:name="ce3" style:family="table-cell" style:data-style-name="N2"/>"#;

const XLSX_CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;

const XLSX_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const XLSX_WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// Cell formats: 0 normal, 1 bold header, 2 date and time, 3 two decimals.
const XLSX_STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd\ hh:mm"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#;

/// A sheet being written into a zip.
pub(crate) struct ZipSheet {
    zip: Box<ZipWriter<StreamWriter<Chunks>>>,
    ods: bool,
    sheet: String,
    options: SimpleFileOptions,
    /// Column letters (`A`, `B`, …) for XLSX cell addresses, worked out once.
    letters: Vec<String>,
    /// Rows written, the header included.
    rows: usize,
}

impl ZipSheet {
    pub(crate) fn new(out: Chunks, ods: bool, sheet: String, compress: bool) -> io::Result<Self> {
        let options = SimpleFileOptions::default().compression_method(if compress {
            CompressionMethod::Deflated
        } else {
            CompressionMethod::Stored
        });
        let mut zip = ZipWriter::new_stream(out);
        if ods {
            let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
            // The mimetype comes first and uncompressed, as the format requires.
            zip.start_file("mimetype", stored).map_err(to_io)?;
            zip.write_all(ODS_MIMETYPE.as_bytes())?;
            zip.start_file("META-INF/manifest.xml", options)
                .map_err(to_io)?;
            zip.write_all(ODS_MANIFEST.as_bytes())?;
            zip.start_file("settings.xml", options).map_err(to_io)?;
            zip.write_all(ods_settings(&sheet).as_bytes())?;
        } else {
            for (name, body) in [
                ("[Content_Types].xml", XLSX_CONTENT_TYPES),
                ("_rels/.rels", XLSX_RELS),
                ("xl/_rels/workbook.xml.rels", XLSX_WORKBOOK_RELS),
                ("xl/styles.xml", XLSX_STYLES),
            ] {
                zip.start_file(name, options).map_err(to_io)?;
                zip.write_all(body.as_bytes())?;
            }
        }
        Ok(Self {
            zip: Box::new(zip),
            ods,
            sheet,
            options,
            letters: Vec::new(),
            rows: 0,
        })
    }

    /// Starts the sheet: column widths, frozen bold header row.
    pub(crate) fn header(&mut self, columns: &[Column]) -> io::Result<()> {
        self.letters = (0..columns.len()).map(column_letters).collect();
        self.rows = 1;
        let mut xml = String::new();
        if self.ods {
            self.zip
                .start_file("content.xml", self.options)
                .map_err(to_io)?;
            xml.push_str(r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:automatic-styles>"#);
            xml.push_str(ODS_STYLES);
            for (n, column) in columns.iter().enumerate() {
                // About 0.2 cm per character at the default font.
                xml.push_str(&format!(
                    r#"<style:style style:name="co{n}" style:family="table-column"><style:table-column-properties style:column-width="{:.2}cm"/></style:style>"#,
                    column.width() as f64 * 0.2
                ));
            }
            xml.push_str(&format!(
                r#"</office:automatic-styles><office:body><office:spreadsheet><table:table table:name="{}">"#,
                xml_escape(&self.sheet)
            ));
            for n in 0..columns.len() {
                xml.push_str(&format!(
                    r#"<table:table-column table:style-name="co{n}"/>"#
                ));
            }
            xml.push_str("<table:table-header-rows><table:table-row>");
            for column in columns {
                xml.push_str(
                    r#"<table:table-cell table:style-name="ce1" office:value-type="string">"#,
                );
                ods_paragraphs(&mut xml, &column.label);
                xml.push_str("</table:table-cell>");
            }
            xml.push_str("</table:table-row></table:table-header-rows>");
        } else {
            self.zip
                .start_file("xl/worksheets/sheet1.xml", self.options)
                .map_err(to_io)?;
            xml.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>"#);
            if !columns.is_empty() {
                xml.push_str("<cols>");
                for (n, column) in columns.iter().enumerate() {
                    xml.push_str(&format!(
                        r#"<col min="{0}" max="{0}" width="{1}" customWidth="1"/>"#,
                        n + 1,
                        column.width()
                    ));
                }
                xml.push_str("</cols>");
            }
            xml.push_str(r#"<sheetData><row r="1">"#);
            for (letters, column) in self.letters.iter().zip(columns) {
                xlsx_text(&mut xml, letters, 1, &column.label, 1);
            }
            xml.push_str("</row>");
        }
        self.zip.write_all(xml.as_bytes())
    }

    pub(crate) fn row(&mut self, cells: &[Cell]) -> io::Result<()> {
        self.rows += 1;
        let mut xml = String::new();
        if self.ods {
            xml.push_str("<table:table-row>");
            for cell in cells {
                ods_cell(&mut xml, cell);
            }
            xml.push_str("</table:table-row>");
        } else {
            let _ = write!(xml, r#"<row r="{}">"#, self.rows);
            for (letters, cell) in self.letters.iter().zip(cells) {
                xlsx_cell(&mut xml, letters, self.rows, cell);
            }
            xml.push_str("</row>");
        }
        self.zip.write_all(xml.as_bytes())
    }

    /// The filter range: header and every row, first to last column.
    fn range(&self) -> (String, usize) {
        (
            column_letters(self.letters.len().max(1) - 1),
            self.rows.max(1),
        )
    }

    pub(crate) fn finish(mut self) -> io::Result<()> {
        let (last, rows) = self.range();
        if self.ods {
            let sheet = format!("'{}'", self.sheet.replace('\'', "''"));
            writeln!(
                self.zip,
                r#"</table:table><table:database-ranges><table:database-range table:name="__Anonymous_Sheet_DB__0" table:target-range-address="{0}.A1:{0}.{last}{rows}" table:display-filter-buttons="true"/></table:database-ranges></office:spreadsheet></office:body></office:document-content>"#,
                xml_escape(&sheet)
            )?;
        } else {
            write!(
                self.zip,
                r#"</sheetData><autoFilter ref="A1:{last}{rows}"/></worksheet>"#
            )?;
            // The workbook comes last: its filter name needs the row count.
            self.zip
                .start_file("xl/workbook.xml", self.options)
                .map_err(to_io)?;
            let sheet = format!("'{}'", self.sheet.replace('\'', "''"));
            write!(
                self.zip,
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{}" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">{}!$A$1:${last}${rows}</definedName></definedNames></workbook>"#,
                xml_escape(&self.sheet),
                xml_escape(&sheet)
            )?;
        }
        self.zip.finish().map_err(to_io)?;
        Ok(())
    }
}

fn ods_settings(sheet: &str) -> String {
    let item = |name: &str, kind: &str, value: &str| {
        format!(
            r#"<config:config-item config:name="{name}" config:type="{kind}">{value}</config:config-item>"#
        )
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-settings xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" office:version="1.2"><office:settings><config:config-item-set config:name="ooo:view-settings"><config:config-item-map-indexed config:name="Views"><config:config-item-map-entry>{}<config:config-item-map-named config:name="Tables"><config:config-item-map-entry config:name="{}">{}{}{}{}{}{}</config:config-item-map-entry></config:config-item-map-named></config:config-item-map-entry></config:config-item-map-indexed></config:config-item-set></office:settings></office:document-settings>
"#,
        item("ViewId", "string", "view1"),
        xml_escape(sheet),
        item("HorizontalSplitMode", "short", "0"),
        item("VerticalSplitMode", "short", "2"),
        item("VerticalSplitPosition", "int", "1"),
        item("ActiveSplitRange", "short", "2"),
        item("PositionTop", "int", "0"),
        item("PositionBottom", "int", "1"),
    )
}

fn ods_paragraphs(xml: &mut String, text: &str) {
    for line in text.split('\n') {
        xml.push_str("<text:p>");
        xml_escape_into(xml, line.trim_end_matches('\r'));
        xml.push_str("</text:p>");
    }
}

fn ods_text(xml: &mut String, text: &str) {
    xml.push_str(r#"<table:table-cell office:value-type="string">"#);
    ods_paragraphs(xml, text);
    xml.push_str("</table:table-cell>");
}

// Writing into a String cannot fail: the `fmt::Result`s below are ignored.
fn ods_cell(xml: &mut String, cell: &Cell) {
    match cell {
        Cell::Empty => xml.push_str("<table:table-cell/>"),
        // The value is in the attribute; readers show it in the column's style, so no
        // `<text:p>` copy is written (smaller files, less to compress).
        Cell::Integer(n) => {
            let _ = write!(
                xml,
                r#"<table:table-cell office:value-type="float" office:value="{n}"/>"#
            );
        }
        Cell::Decimal(x) => {
            let _ = write!(
                xml,
                r#"<table:table-cell table:style-name="ce3" office:value-type="float" office:value="{x}"/>"#
            );
        }
        Cell::DateTime(at) => {
            let _ = write!(
                xml,
                r#"<table:table-cell table:style-name="ce2" office:value-type="date" office:date-value="{}"/>"#,
                Cell::local(*at).format("%Y-%m-%dT%H:%M:%S")
            );
        }
        Cell::Text(text) => ods_text(xml, text),
        Cell::Flag(_, label) | Cell::Code { label, .. } => ods_text(xml, label),
    }
}

fn xlsx_text(xml: &mut String, letters: &str, row: usize, text: &str, style: u8) {
    let _ = write!(
        xml,
        r#"<c r="{letters}{row}" t="inlineStr" s="{style}"><is><t xml:space="preserve">"#
    );
    xml_escape_into(xml, text);
    xml.push_str("</t></is></c>");
}

/// A cell at column `letters`, row `row` (`B3`); empty cells are left out.
fn xlsx_cell(xml: &mut String, letters: &str, row: usize, cell: &Cell) {
    match cell {
        Cell::Empty => {}
        Cell::Integer(n) => {
            let _ = write!(xml, r#"<c r="{letters}{row}"><v>{n}</v></c>"#);
        }
        Cell::Decimal(x) => {
            let _ = write!(xml, r#"<c r="{letters}{row}" s="3"><v>{x}</v></c>"#);
        }
        Cell::DateTime(time) => {
            let _ = write!(
                xml,
                r#"<c r="{letters}{row}" s="2"><v>{}</v></c>"#,
                Cell::serial(*time)
            );
        }
        Cell::Text(text) => xlsx_text(xml, letters, row, text, 0),
        Cell::Flag(_, label) | Cell::Code { label, .. } => xlsx_text(xml, letters, row, label, 0),
    }
}
