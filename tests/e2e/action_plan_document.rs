//! The action plan as a document (issue #24), end to end: the organiser writes the introduction
//! (a refused one comes back as typed, a saved one leaves an audit row), the plan page links the
//! PDF and the ODT with size and date, and each file is read by a program we did not write:
//! poppler (`pdfinfo`: tagged; `pdftotext`: the text in reading order) and LibreOffice (the ODT
//! converted to text). Both in Dutch and, with `?taal=en`, in English; a changed plan makes a new
//! document (new ETag and date), an unchanged one answers 304.
//!
//! `.ci/run` installs LibreOffice Writer and poppler-utils and sets `INSPRAAK_REQUIRE_SOFFICE=1`
//! and `INSPRAAK_REQUIRE_POPPLER=1`; without them (a developer machine) those checks print
//! "skipped" and the rest runs.

use crate::helpers::{TestApp, spawn_app};
use crate::ideas::setup;
use chrono::Duration;
use std::path::{Path, PathBuf};
use std::process::Command;

fn on_path(program: &str, required_by: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(program))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            std::env::var_os(required_by).is_none(),
            "{required_by} is set but {program} is not on PATH"
        );
        println!("skipped: {program} not found");
    }
    found
}

fn run(program: &Path, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{} {args:?}: {}",
        program.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Asserts that `text` holds each of `parts` in this order.
fn assert_in_order(text: &str, parts: &[&str], what: &str) {
    let mut from = 0;
    for part in parts {
        match text[from..].find(part) {
            Some(at) => from += at + part.len(),
            None => panic!("{what}: {part:?} missing or out of order in:\n{text}"),
        }
    }
}

/// Collapses runs of whitespace (line breaks in a PDF's text) into single spaces.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Plan {
    slug: String,
    admin: String,
    /// The organiser's second factor, to log in again after the clock moved on.
    secret: Vec<u8>,
}

/// A published process with two themes, three action points (one a draft) and an organiser.
async fn plan(app: &TestApp) -> Plan {
    let s = setup(app).await;
    let secret = app.login_as_organiser().await;
    let admin = format!("/beheer/processen/{}/actiepunten", s.process);
    let points = [
        (
            1,
            "Open raadsinformatie",
            "Alle stukken van de raad\nzijn vindbaar.",
            "Gemeente Utrecht",
            "VNG",
            "in_progress",
        ),
        (
            0,
            "Register van datasets",
            "Elke dataset staat in één register.",
            "Ministerie van BZK",
            "",
            "planned",
        ),
        (
            0,
            "Geheim concept",
            "Nog niet openbaar.",
            "Niemand",
            "",
            "draft",
        ),
    ];
    for (theme, title, description, holder, partners, status) in points {
        let created = app
            .post_form(
                &admin,
                &admin,
                &[
                    ("title", title),
                    ("description", description),
                    ("theme", &s.themes[theme].to_string()),
                    ("holder", holder),
                    ("holder_account", ""),
                    ("partners", partners),
                    ("status", status),
                    ("findings", ""),
                ],
            )
            .await;
        assert_eq!(created.status().as_u16(), 303, "{title}");
    }
    Plan {
        slug: s.slug,
        admin,
        secret,
    }
}

fn intro_path(admin: &str) -> String {
    admin.replace("/actiepunten", "/actieplan/inleiding")
}

#[tokio::test]
async fn organiser_writes_the_introduction_and_the_page_offers_both_documents() {
    let app = spawn_app().await;
    let p = plan(&app).await;

    // Refused: too long. The form comes back with the error and everything typed.
    let long = format!("Begin {}", "x".repeat(6000));
    let refused = app
        .post_form(&p.admin, &intro_path(&p.admin), &[("introduction", &long)])
        .await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.unwrap();
    assert!(
        page.contains("href=\"#veld-introduction\""),
        "the error summary names the field"
    );
    assert!(page.contains(&long), "the typed introduction is kept");

    let saved = app
        .post_form(
            &p.admin,
            &intro_path(&p.admin),
            &[(
                "introduction",
                "Dit plan maakt de overheid opener.\n\nSamen met jou.",
            )],
        )
        .await;
    assert_eq!(saved.status().as_u16(), 303);
    let admin_page = app.get_html(&p.admin).await;
    assert!(admin_page.contains("Dit plan maakt de overheid opener."));
    let log = app.get_html("/beheer/logboek").await;
    assert!(
        log.contains("action plan introduction edited"),
        "audit row for the introduction"
    );

    // A visitor sees the introduction and the two downloads with size and date.
    let visitor = app.new_visitor();
    let page = visitor
        .get_html(&format!("/processen/{}/actieplan", p.slug))
        .await;
    assert!(page.contains("Dit plan maakt de overheid opener."));
    let today =
        inspraak_web::i18n::Lang::Nl.date(inspraak_domain::time::local_date(app.clock.now()));
    assert!(page.contains(&format!("Stand van {today}")), "{page}");
    for ext in ["pdf", "odt"] {
        let href = format!("href=\"/processen/{}/actieplan.{ext}\"", p.slug);
        assert!(page.contains(&href), "{href}");
        assert!(page.contains(&format!("Download het actieplan ({ext})")));
    }
    assert!(!page.contains("Geheim concept"));

    // Emptying the introduction removes it.
    let emptied = app
        .post_form(&p.admin, &intro_path(&p.admin), &[("introduction", "  ")])
        .await;
    assert_eq!(emptied.status().as_u16(), 303);
    let page = visitor
        .get_html(&format!("/processen/{}/actieplan", p.slug))
        .await;
    assert!(!page.contains("Dit plan maakt de overheid opener."));
}

async fn download(app: &TestApp, path: &str) -> (reqwest::header::HeaderMap, Vec<u8>) {
    let response = app.get(path).await;
    assert_eq!(response.status().as_u16(), 200, "{path}");
    let headers = response.headers().clone();
    (headers, response.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn the_pdf_is_tagged_and_reads_in_order_in_both_languages() {
    let app = spawn_app().await;
    let p = plan(&app).await;
    app.post_form(
        &p.admin,
        &intro_path(&p.admin),
        &[("introduction", "Dit plan maakt de overheid opener.")],
    )
    .await;
    let visitor = app.new_visitor();
    let date = inspraak_domain::time::local_date(app.clock.now());
    let path = format!("/processen/{}/actieplan.pdf", p.slug);
    let (headers, pdf) = download(&visitor, &path).await;
    assert_eq!(headers["content-type"], "application/pdf");
    let disposition = headers["content-disposition"].to_str().unwrap();
    assert_eq!(
        disposition,
        // The slug starts with "actieplan" already, so the name does not say it twice.
        format!("attachment; filename=\"actieplan-ideeen-{date}-nl.pdf\"")
    );
    assert!(pdf.starts_with(b"%PDF-"));
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("/StructTreeRoot"), "a structure tree");
    // krilla writes compact dictionaries: `/Lang(nl)` in the catalog and the structure root.
    assert!(raw.contains("/Lang(nl)"), "the document language");
    assert!(raw.contains("/MarkInfo<</Marked true"));

    // An unchanged plan: 304 for the same ETag.
    let etag = headers["etag"].to_str().unwrap().to_owned();
    let again = visitor
        .client
        .get(visitor.url(&path))
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status().as_u16(), 304);

    let (en_headers, pdf_en) = download(&visitor, &format!("{path}?taal=en")).await;
    assert_ne!(en_headers["etag"], headers["etag"]);
    let raw_en = String::from_utf8_lossy(&pdf_en);
    assert!(raw_en.contains("/Lang(en)"));
    // The Dutch spans are marked in the (compressed) content streams; the unit tests of
    // export::action_plan inflate and check them.

    let (Some(pdfinfo), Some(pdftotext)) = (
        on_path("pdfinfo", "INSPRAAK_REQUIRE_POPPLER"),
        on_path("pdftotext", "INSPRAAK_REQUIRE_POPPLER"),
    ) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [("nl.pdf", &pdf), ("en.pdf", &pdf_en)] {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let file = file.to_str().unwrap();
        let info = run(&pdfinfo, &[file]);
        assert!(
            info.lines()
                .any(|l| l.starts_with("Tagged:") && l.ends_with("yes")),
            "{info}"
        );
        assert!(
            info.contains("Actieplan Ideeën"),
            "title in the metadata: {info}"
        );
        assert!(
            info.lines()
                .any(|l| l.starts_with("PDF version:") && l.ends_with("1.7")),
            "{info}"
        );
    }
    let nl = squeeze(&run(
        &pdftotext,
        &[dir.path().join("nl.pdf").to_str().unwrap(), "-"],
    ));
    let today = inspraak_web::i18n::Lang::Nl.date(date);
    assert_in_order(
        &nl,
        &[
            "Actieplan – Actieplan Ideeën",
            &format!("Stand van {today}"),
            "Inleiding",
            "Dit plan maakt de overheid opener.",
            "Open Data",
            "Register van datasets",
            "Ambitie: Elke dataset staat in één register.",
            "Actiehouder: Ministerie van BZK",
            "Stand van zaken: Gepland",
            "Open Communicatie",
            "Open raadsinformatie",
            "Ambitie: Alle stukken van de raad",
            "zijn vindbaar.",
            "Actiehouder: Gemeente Utrecht",
            "In samenwerking met: VNG",
            "pagina 1 van 1",
        ],
        "Dutch PDF",
    );
    assert!(!nl.contains("Geheim concept"), "drafts stay out");
    let en = squeeze(&run(
        &pdftotext,
        &[dir.path().join("en.pdf").to_str().unwrap(), "-"],
    ));
    let today = inspraak_web::i18n::Lang::En.date(date);
    assert_in_order(
        &en,
        &[
            "Action plan – Actieplan Ideeën",
            &format!("As of {today}"),
            "Introduction",
            "Dit plan maakt de overheid opener.",
            "Register van datasets",
            "Ambition: Elke dataset staat in één register.",
            "Action holder: Ministerie van BZK",
            "Open raadsinformatie",
            "In cooperation with: VNG",
        ],
        "English PDF",
    );
}

#[tokio::test]
async fn libreoffice_opens_the_odt_and_a_changed_plan_makes_a_new_document() {
    let app = spawn_app().await;
    let p = plan(&app).await;
    let visitor = app.new_visitor();
    let path = format!("/processen/{}/actieplan.odt", p.slug);
    let (headers, odt) = download(&visitor, &path).await;
    assert_eq!(
        headers["content-type"],
        "application/vnd.oasis.opendocument.text"
    );
    assert_eq!(&odt[30..38], b"mimetype");
    let content = crate::helpers::unzip(&odt, "content.xml");
    assert!(content.contains(r#"<text:h text:style-name="Heading_20_1" text:outline-level="1">"#));
    assert!(content.contains(r#"text:outline-level="3">Register van datasets</text:h>"#));
    let styles = crate::helpers::unzip(&odt, "styles.xml");
    assert!(styles.contains(r#"fo:language="nl" fo:country="NL""#));

    // A day later the organiser writes an introduction: a new document, dated today.
    let first_etag = headers["etag"].to_str().unwrap().to_owned();
    app.clock.advance(Duration::days(1));
    let login = app
        .login_with_code("organisator@example.nl", "een lang wachtwoord", &p.secret)
        .await;
    assert_eq!(login.status().as_u16(), 303, "organiser logs in again");
    let saved = app
        .post_form(
            &p.admin,
            &intro_path(&p.admin),
            &[("introduction", "Een nieuwe inleiding.")],
        )
        .await;
    assert_eq!(saved.status().as_u16(), 303);
    let changed = visitor
        .client
        .get(visitor.url(&path))
        .header("If-None-Match", &first_etag)
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status().as_u16(), 200, "the plan changed");
    let date = inspraak_domain::time::local_date(app.clock.now());
    assert!(
        changed.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(&format!("-{date}-nl.odt"))
    );
    let odt = changed.bytes().await.unwrap().to_vec();

    let Some(soffice) = on_path("soffice", "INSPRAAK_REQUIRE_SOFFICE") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("actieplan.odt");
    std::fs::write(&file, &odt).unwrap();
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.path().join("profile").display()
    );
    let out = dir.path().join("out");
    let status = Command::new(&soffice)
        .arg(&profile)
        .args([
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
        ])
        .arg(&out)
        .arg(&file)
        .output()
        .unwrap();
    let text = std::fs::read_to_string(out.join("actieplan.txt")).unwrap_or_else(|e| {
        panic!(
            "LibreOffice did not convert the ODT: {e}; {}{}",
            String::from_utf8_lossy(&status.stdout),
            String::from_utf8_lossy(&status.stderr)
        )
    });
    let today = inspraak_web::i18n::Lang::Nl.date(date);
    assert_in_order(
        &squeeze(&text),
        &[
            "Actieplan – Actieplan Ideeën",
            &format!("Stand van {today}"),
            "Inleiding",
            "Een nieuwe inleiding.",
            "Open Data",
            "Register van datasets",
            "Ambitie: Elke dataset staat in één register.",
            "Actiehouder: Ministerie van BZK",
            "Open Communicatie",
            "Open raadsinformatie",
            "In samenwerking met: VNG",
        ],
        "ODT through LibreOffice",
    );
}
