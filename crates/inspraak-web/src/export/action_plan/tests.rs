use super::*;

fn nl(text: &str) -> Text {
    Text {
        text: text.to_owned(),
        lang: Some("nl"),
    }
}

fn content() -> PlanContent {
    PlanContent {
        process_title: nl("Open overheid 2026"),
        introduction: Some(nl("Eerste alinea.\n\nTweede alinea.")),
        themes: vec![ThemeContent {
            name: Some(nl("Openbaarheid")),
            points: vec![PointContent {
                title: nl("Open data register"),
                ambition: nl("Alle datasets vindbaar.\nOok oude."),
                holder: nl("Ministerie van BZK"),
                partners: Some(nl("VNG")),
                status: ActionPointStatus::InProgress,
                latest: Some((
                    NaiveDate::from_ymd_opt(2026, 11, 2).unwrap_or_default(),
                    nl("Begonnen."),
                )),
                origin: vec![Text {
                    text: "Idee van een inwoner 🌍".to_owned(),
                    lang: None,
                }],
            }],
        }],
    }
}

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 6).unwrap_or_default()
}

#[test]
fn the_document_reads_title_date_introduction_then_each_theme_and_point() {
    let doc = PlanDocument::new(&content(), Lang::Nl, date(), "https://x.example/p");
    let text: Vec<String> = doc.blocks.iter().map(Block::plain).collect();
    let expected = [
        "Actieplan – Open overheid 2026",
        "Stand van 6 december 2026",
        "Online: https://x.example/p",
        "Inleiding",
        "Eerste alinea.",
        "Tweede alinea.",
        "Openbaarheid",
        "Open data register",
        "Ambitie: Alle datasets vindbaar.",
        "Ook oude.",
        "Actiehouder: Ministerie van BZK",
        "In samenwerking met: VNG",
    ];
    assert_eq!(&text[..expected.len()], expected);
    assert_eq!(doc.lang, "nl");
    assert_eq!(
        doc.file_name("open", DocFormat::Pdf),
        "actieplan-open-2026-12-06-nl.pdf"
    );
}

#[test]
fn english_labels_keep_the_dutch_content_marked_as_dutch() {
    let doc = PlanDocument::new(&content(), Lang::En, date(), "https://x.example/p");
    assert_eq!(doc.lang, "en");
    assert!(doc.title.starts_with("Action plan – "));
    let Some(Block::Heading { runs, .. }) = doc.blocks.first() else {
        panic!("no title");
    };
    assert_eq!(
        runs.iter().map(|r| r.lang).collect::<Vec<_>>(),
        [None, Some("nl")]
    );
    assert!(
        doc.blocks
            .iter()
            .any(|b| b.plain() == "As of 6 December 2026")
    );
    assert_eq!(
        doc.file_name("open", DocFormat::Odt),
        "action-plan-open-2026-12-06-en.odt"
    );
}

#[test]
fn odt_is_a_zip_with_the_mimetype_first_and_outline_headings() {
    let doc = PlanDocument::new(&content(), Lang::En, date(), "https://x.example/p");
    let bytes = odt::write(&doc).unwrap_or_default();
    assert_eq!(bytes.get(30..38), Some(&b"mimetype"[..]));
    let xml = content_xml(&bytes);
    assert!(xml.contains(r#"<text:h text:style-name="Heading_20_1" text:outline-level="1">Action plan – <text:span text:style-name="Lang_nl">Open overheid 2026</text:span></text:h>"#), "{xml}");
    assert!(xml.contains(r#"text:outline-level="3""#));
    assert!(xml.contains("<text:list "));
}

fn content_xml(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut zip = match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
        Ok(zip) => zip,
        Err(e) => panic!("not a zip: {e}"),
    };
    let mut xml = String::new();
    if let Ok(mut file) = zip.by_name("content.xml") {
        let _ = file.read_to_string(&mut xml);
    }
    xml
}

#[test]
fn pdf_passes_krillas_pdf_ua_checks_and_is_tagged() {
    for lang in [Lang::Nl, Lang::En] {
        let doc = PlanDocument::new(&content(), lang, date(), "https://x.example/p");
        let bytes = match pdf::write(&doc) {
            Ok(bytes) => bytes,
            Err(e) => panic!("{e}"),
        };
        assert!(bytes.starts_with(b"%PDF-"));
        let raw = String::from_utf8_lossy(&bytes);
        assert!(raw.contains("/StructTreeRoot"));
        // krilla writes compact dictionaries: `/Lang(nl)` in the catalog and the structure root.
        assert!(raw.contains(&format!("/Lang({})", lang.code())));
        assert!(raw.contains("/MarkInfo<</Marked true"));
    }
}

#[test]
fn a_long_plan_takes_several_pages_and_renders_from_the_cache_the_second_time() {
    let mut long = content();
    if let Some(theme) = long.themes.first_mut() {
        let point = theme.points.remove(0);
        for n in 0..40 {
            theme.points.push(PointContent {
                title: nl(&format!("Actiepunt {n}")),
                ambition: nl(&"Een lange ambitie met veel woorden. ".repeat(8)),
                holder: point.holder.clone(),
                partners: None,
                status: point.status,
                latest: None,
                origin: Vec::new(),
            });
        }
    }
    let doc = PlanDocument::new(&long, Lang::Nl, date(), "https://x.example/p");
    let first = render(&doc, DocFormat::Pdf).map_err(|e| e.to_string());
    let second = render(&doc, DocFormat::Pdf).map_err(|e| e.to_string());
    let (Ok(first), Ok(second)) = (first, second) else {
        panic!("render failed");
    };
    assert!(Arc::ptr_eq(&first.bytes, &second.bytes));
    let raw = String::from_utf8_lossy(&first.bytes);
    // The page tree's object: "/Type/Pages/Count n …".
    let pages: Option<u32> = raw
        .split("endobj")
        .find(|object| object.contains("/Type/Pages"))
        .and_then(|object| object.split("/Count ").nth(1))
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok());
    assert!(pages.is_some_and(|n| n >= 3), "pages: {pages:?}");
}

/// The PDF's content streams, inflated (marked content lives there).
fn content_streams(pdf: &[u8]) -> String {
    use std::io::Read;
    let mut out = String::new();
    let mut rest = pdf;
    while let Some(start) = rest.windows(7).position(|w| w == b"stream\n") {
        let body = &rest[start + 7..];
        let Some(end) = body.windows(9).position(|w| w == b"endstream") else {
            break;
        };
        let mut text = Vec::new();
        if flate2::read::ZlibDecoder::new(&body[..end])
            .read_to_end(&mut text)
            .is_ok()
        {
            out.push_str(&String::from_utf8_lossy(&text));
        }
        rest = &body[end + 9..];
    }
    out
}

#[test]
fn in_an_english_pdf_the_dutch_content_is_marked_dutch_and_nothing_else_is() {
    let doc = PlanDocument::new(&content(), Lang::En, date(), "https://x.example/p");
    let bytes = pdf::write(&doc).unwrap_or_default();
    let streams = content_streams(&bytes);
    // Marked content: `/Span<</Lang(nl)/MCID n>>BDC` for each Dutch piece of text.
    let dutch = streams.matches("/Lang(nl)").count();
    assert!(dutch >= 10, "{dutch} Dutch spans in:\n{streams}");
    assert!(
        !streams.contains("/Lang(en)"),
        "English is the document's own language"
    );
    // The footer is an artifact, outside the structure tree.
    assert!(streams.contains("/Artifact"));
    let doc = PlanDocument::new(&content(), Lang::Nl, date(), "https://x.example/p");
    let streams = content_streams(&pdf::write(&doc).unwrap_or_default());
    assert!(
        !streams.contains("/Lang("),
        "a Dutch document marks no Dutch spans"
    );
}
