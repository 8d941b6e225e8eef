//! The action plan as an OpenDocument text (ODF 1.3, the Dutch open standard): a small zip of
//! `content.xml`, `styles.xml`, `meta.xml` and the manifest, XML written by hand with every text
//! escaped (as the ODS export does). Headings are `text:h` with an outline level, so the
//! document has a navigable structure in LibreOffice and when exported to PDF from it; lists are
//! `text:list`; text in another language than the document's is a span with its own language.

use super::{Block, PlanDocument, Run};
use crate::export::sheet::xml_escape;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

pub const MIMETYPE: &str = "application/vnd.oasis.opendocument.text";

const NS: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3""#;

const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"#;

/// `fo:language` and `fo:country` of a language code.
fn locale(lang: &str) -> (&str, &str) {
    match lang {
        "en" => ("en", "GB"),
        other => (other, if other == "nl" { "NL" } else { "" }),
    }
}

fn styles(lang: &str) -> String {
    let (language, country) = locale(lang);
    let heading = |level: u8, size: &str| {
        format!(
            r#"<style:style style:name="Heading_20_{level}" style:display-name="Heading {level}" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Text_20_body" style:default-outline-level="{level}" style:class="text"><style:paragraph-properties fo:margin-top="0.5cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/><style:text-properties fo:font-size="{size}" fo:font-weight="bold"/></style:style>"#
        )
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {NS}><office:font-face-decls><style:font-face style:name="Noto Sans" svg:font-family="'Noto Sans'" style:font-family-generic="swiss"/></office:font-face-decls><office:styles><style:default-style style:family="paragraph"><style:text-properties style:font-name="Noto Sans" fo:font-size="11pt" fo:language="{language}" fo:country="{country}"/></style:default-style><style:style style:name="Standard" style:family="paragraph" style:class="text"/><style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard" style:class="text"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.2cm"/></style:style><style:style style:name="List_20_Contents" style:display-name="List Contents" style:family="paragraph" style:parent-style-name="Text_20_body" style:class="list"/>{}{}{}<style:style style:name="Strong_20_Emphasis" style:display-name="Strong Emphasis" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style><text:list-style style:name="List_20_1" style:display-name="List 1"><text:list-level-style-bullet text:level="1" text:bullet-char="•"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.6cm" fo:text-indent="-0.4cm" fo:margin-left="0.6cm"/></style:list-level-properties></text:list-level-style-bullet></text:list-style></office:styles><office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4"/></office:master-styles><office:automatic-styles><style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2.2cm" fo:margin-right="2.2cm"/></style:page-layout></office:automatic-styles></office:document-styles>
"#,
        heading(1, "20pt"),
        heading(2, "15pt"),
        heading(3, "12.5pt")
    )
}

/// The automatic text styles for runs in another language than the document's.
fn language_styles(doc: &PlanDocument) -> String {
    let mut langs: Vec<&str> = Vec::new();
    for block in &doc.blocks {
        let runs: Vec<&Run> = match block {
            Block::Heading { runs, .. } | Block::Paragraph(runs) => runs.iter().collect(),
            Block::List(items) => items.iter().flatten().collect(),
        };
        for lang in runs.iter().filter_map(|r| r.lang) {
            if lang != doc.lang && !langs.contains(&lang) {
                langs.push(lang);
            }
        }
    }
    langs
        .iter()
        .map(|lang| {
            let (language, country) = locale(lang);
            format!(
                r#"<style:style style:name="{}" style:family="text"><style:text-properties fo:language="{language}" fo:country="{country}"/></style:style>"#,
                lang_style(lang)
            )
        })
        .collect()
}

fn lang_style(lang: &str) -> String {
    format!(
        "Lang_{}",
        lang.replace(|c: char| !c.is_ascii_alphanumeric(), "_")
    )
}

fn runs_xml(doc: &PlanDocument, runs: &[Run]) -> String {
    let mut out = String::new();
    for run in runs {
        let text = xml_escape(&run.text);
        match run.lang.filter(|l| *l != doc.lang) {
            Some(lang) => out.push_str(&format!(
                r#"<text:span text:style-name="{}">{text}</text:span>"#,
                lang_style(lang)
            )),
            None if run.strong => out.push_str(&format!(
                r#"<text:span text:style-name="Strong_20_Emphasis">{text}</text:span>"#
            )),
            None => out.push_str(&text),
        }
    }
    out
}

fn content(doc: &PlanDocument) -> String {
    let mut body = String::new();
    for block in &doc.blocks {
        match block {
            Block::Heading { level, runs } => body.push_str(&format!(
                r#"<text:h text:style-name="Heading_20_{level}" text:outline-level="{level}">{}</text:h>"#,
                runs_xml(doc, runs)
            )),
            Block::Paragraph(runs) => body.push_str(&format!(
                r#"<text:p text:style-name="Text_20_body">{}</text:p>"#,
                runs_xml(doc, runs)
            )),
            Block::List(items) => {
                body.push_str(r#"<text:list text:style-name="List_20_1">"#);
                for item in items {
                    body.push_str(&format!(
                        r#"<text:list-item><text:p text:style-name="List_20_Contents">{}</text:p></text:list-item>"#,
                        runs_xml(doc, item)
                    ));
                }
                body.push_str("</text:list>");
            }
        }
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {NS}><office:automatic-styles>{}</office:automatic-styles><office:body><office:text>{body}</office:text></office:body></office:document-content>
"#,
        language_styles(doc)
    )
}

fn meta(doc: &PlanDocument) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta {NS}><office:meta><meta:generator>Inspraak</meta:generator><dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:language>{}</dc:language><dc:date>{}T00:00:00</dc:date></office:meta></office:document-meta>
"#,
        xml_escape(&doc.title),
        xml_escape(&doc.subject),
        doc.lang,
        doc.date
    )
}

pub fn write(doc: &PlanDocument) -> std::io::Result<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    // The mimetype comes first and uncompressed, as the format requires.
    zip.start_file("mimetype", stored)
        .map_err(std::io::Error::other)?;
    zip.write_all(MIMETYPE.as_bytes())?;
    for (name, body) in [
        ("META-INF/manifest.xml", MANIFEST.to_owned()),
        ("styles.xml", styles(doc.lang)),
        ("meta.xml", meta(doc)),
        ("content.xml", content(doc)),
    ] {
        zip.start_file(name, deflated)
            .map_err(std::io::Error::other)?;
        zip.write_all(body.as_bytes())?;
    }
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}
