//! Publications end to end: document upload and download, refused files leave nothing behind,
//! progress reports reach confirmed followers once (and unconfirmed ones never), unsubscribing
//! from the link and from the mail program's one-click POST, Atom feeds that parse as XML.

use crate::helpers::{TestApp, client, csrf_token, link_starting_with, spawn_app, spawn_app_with};
use inspraak_domain::{NewProcess, ProcessId, ProcessStatus, SubscriptionId};
use inspraak_store::{process, publications};

pub(crate) const BOUNDARY: &str = "inspraak-test-grens-7d1f";

/// A multipart/form-data body with text fields and an optional file named `file`.
pub(crate) fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((file_name, bytes)) = file {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

pub(crate) async fn published_process(app: &TestApp) -> (ProcessId, String) {
    let new = NewProcess::parse("Actieplan Open Overheid 2030", "", "Samen.").unwrap();
    let id = process::insert(app.db.write(), &new, app.clock.now())
        .await
        .unwrap();
    process::set_status(
        app.db.write(),
        id,
        ProcessStatus::Published,
        app.clock.now(),
    )
    .await
    .unwrap();
    let slug = process::find(app.db.read(), id)
        .await
        .unwrap()
        .unwrap()
        .slug;
    (id, slug)
}

/// Posts the upload form as the logged-in organiser of `app`.
pub(crate) async fn upload(
    app: &TestApp,
    process: ProcessId,
    title: &str,
    file: Option<(&str, &[u8])>,
) -> reqwest::Response {
    let page = app
        .get_html(&format!("/beheer/processen/{process}/publicaties"))
        .await;
    let token = csrf_token(&page);
    let fields = [
        ("csrf_token", token.as_str()),
        ("title", title),
        ("description", "Het actieplan zelf."),
        ("date", "2021-04-14"),
        ("language", "nl"),
        ("owner", "process"),
    ];
    app.client
        .post(app.url(&format!("/beheer/processen/{process}/documenten")))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(multipart(&fields, file))
        .send()
        .await
        .unwrap()
}

fn stored_files(app: &TestApp) -> usize {
    match std::fs::read_dir(&app.state.settings.documents_dir) {
        Ok(entries) => entries.count(),
        Err(_) => 0,
    }
}

pub(crate) fn pdf_bytes(len: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut x: u32 = 12345;
    while bytes.len() < len {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        bytes.push((x >> 16) as u8);
    }
    bytes
}

#[tokio::test]
async fn a_pdf_is_uploaded_and_downloaded_byte_identical_with_safe_headers() {
    let app = spawn_app().await;
    app.login_as_organiser().await;
    let (process, slug) = published_process(&app).await;
    let pdf = pdf_bytes(1_258_291);
    let response = upload(
        &app,
        process,
        "Actieplan 2020-2022",
        Some(("plan.pdf", &pdf)),
    )
    .await;
    assert_eq!(response.status().as_u16(), 303);
    let documents = publications::documents_for_process(app.db.read(), process)
        .await
        .unwrap();
    assert_eq!(documents.len(), 1);
    let id = documents[0].id;

    let visitor = app.new_visitor();
    let page = visitor.get_html(&format!("/documenten/{id}")).await;
    assert!(page.contains("Actieplan 2020-2022"));
    assert!(page.contains("PDF, 1,2 MB"), "{page}");
    let process_page = visitor.get_html(&format!("/processen/{slug}")).await;
    assert!(process_page.contains(&format!("/documenten/{id}")));

    let download = visitor.get(&format!("/documenten/{id}/download")).await;
    assert_eq!(download.status().as_u16(), 200);
    let headers = download.headers().clone();
    assert_eq!(headers["content-type"], "application/pdf");
    assert_eq!(
        headers["content-disposition"],
        format!("attachment; filename=\"document-{id}.pdf\"")
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    let bytes = download.bytes().await.unwrap();
    assert!(bytes.as_ref() == pdf.as_slice(), "downloaded bytes differ");
}

#[tokio::test]
async fn html_as_pdf_svg_oversized_and_empty_files_are_refused_and_nothing_is_stored() {
    let app = spawn_app_with(&[("INSPRAAK_UPLOAD_MAX_BYTES", "100000")]).await;
    app.login_as_organiser().await;
    let (process, _) = published_process(&app).await;
    let html = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>".to_vec();
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".to_vec();
    let big = pdf_bytes(100_001);
    let cases: [(&str, &[u8], &str); 4] = [
        (
            "verslag.pdf",
            &html,
            "HTML- en SVG-bestanden kun je niet uploaden",
        ),
        (
            "logo.svg",
            &svg,
            "HTML- en SVG-bestanden kun je niet uploaden",
        ),
        (
            "groot.pdf",
            &big,
            "Het bestand is te groot. Het mag hoogstens 97,7 kB zijn.",
        ),
        ("leeg.pdf", b"", "Het bestand is leeg."),
    ];
    for (name, bytes, message) in cases {
        let response = upload(&app, process, "Geweigerd", Some((name, bytes))).await;
        assert_eq!(response.status().as_u16(), 422, "{name}");
        let page = response.text().await.unwrap();
        assert!(page.contains(message), "{name}: {page}");
        assert!(
            page.contains("value=\"Geweigerd\""),
            "{name}: typed title kept"
        );
        assert_eq!(
            publications::count_documents(app.db.read()).await.unwrap(),
            0,
            "{name}: no row"
        );
        assert_eq!(stored_files(&app), 0, "{name}: no file");
    }
    // Without a file at all.
    let response = upload(&app, process, "Geen bestand", None).await;
    assert_eq!(response.status().as_u16(), 422);
    assert!(response.text().await.unwrap().contains("Kies een bestand."));
    // A forged CSRF token stores nothing either.
    let fields = [
        ("csrf_token", "vals"),
        ("title", "x"),
        ("date", "2021-04-14"),
        ("owner", "process"),
    ];
    let response = app
        .client
        .post(app.url(&format!("/beheer/processen/{process}/documenten")))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(multipart(&fields, Some(("a.pdf", &pdf_bytes(1000)))))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 422);
    assert_eq!(
        publications::count_documents(app.db.read()).await.unwrap(),
        0
    );
    assert_eq!(stored_files(&app), 0);
}

/// Subscribes `email` from a fresh browser; returns the mailed confirmation link (absolute).
pub(crate) async fn subscribe(app: &TestApp, slug: &str, email: &str, frequency: &str) -> String {
    let visitor = app.new_visitor();
    let path = format!("/processen/{slug}/volgen");
    let page = visitor.get_html(&path).await;
    let token = csrf_token(&page);
    let key_marker = "name=\"idempotency_key\" value=\"";
    let start = page.find(key_marker).unwrap() + key_marker.len();
    let key = &page[start..start + 43];
    let started = crate::public_forms::start_time(app, &page);
    let response = visitor
        .post_raw(
            &path,
            &[
                ("csrf_token", &token),
                ("email", email),
                ("frequency", frequency),
                ("website", ""),
                ("idempotency_key", key),
                ("form_started", &started),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let mail = app
        .wait_for_mail(email, |m| m.subject.contains("Bevestig"))
        .await;
    link_starting_with(&mail.body, &app.address).unwrap()
}

pub(crate) async fn press(app: &TestApp, url: &str) -> reqwest::Response {
    let visitor = app.new_visitor();
    let path = url.trim_start_matches(&app.address).to_owned();
    let page = visitor.get(&path).await;
    assert_eq!(page.status().as_u16(), 200, "{path}");
    let token = csrf_token(&page.text().await.unwrap());
    visitor.post_raw(&path, &[("csrf_token", &token)]).await
}

pub(crate) async fn publish_report(app: &TestApp, process: ProcessId, title: &str) {
    let page = format!("/beheer/processen/{process}/publicaties");
    let response = app
        .post_form(
            &page,
            &format!("/beheer/processen/{process}/voortgang"),
            &[
                ("report_title", title),
                ("report_date", "2021-04-14"),
                (
                    "body",
                    "## Stand van zaken\n- actiepunt 1 loopt\n\nZie https://www.open-overheid.nl.",
                ),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303, "report published");
}

fn publication_mails(app: &TestApp, to: &str) -> Vec<inspraak_web::mail::CapturedMail> {
    app.mails
        .all()
        .into_iter()
        .filter(|m| m.to == to && m.subject.starts_with("Nieuw bij"))
        .collect()
}

#[tokio::test]
async fn a_publication_reaches_a_confirmed_follower_once_and_an_unconfirmed_one_never() {
    let app = spawn_app().await;
    app.login_as_organiser().await;
    let (process, slug) = published_process(&app).await;
    let confirm = subscribe(&app, &slug, "volger@example.nl", "immediate").await;
    let confirmed = press(&app, &confirm).await;
    assert_eq!(confirmed.status().as_u16(), 200);
    assert!(
        confirmed
            .text()
            .await
            .unwrap()
            .contains("Je volgt dit proces")
    );
    let _unconfirmed = subscribe(&app, &slug, "twijfelaar@example.nl", "immediate").await;

    publish_report(&app, process, "Update 1").await;
    let mail = app
        .wait_for_mail("volger@example.nl", |m| m.subject.contains("Update 1"))
        .await;
    assert!(mail.body.contains("/voortgang#rapportage-"));
    let unsubscribe = mail.list_unsubscribe.clone().expect("List-Unsubscribe");
    assert!(unsubscribe.ends_with("/afmelden"));
    assert!(mail.body.contains(&unsubscribe));

    publish_report(&app, process, "Update 2").await;
    app.wait_for_mail("volger@example.nl", |m| m.subject.contains("Update 2"))
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let mails = publication_mails(&app, "volger@example.nl");
    assert_eq!(mails.len(), 2, "one mail per publication");
    assert_eq!(
        mails
            .iter()
            .filter(|m| m.subject.contains("Update 1"))
            .count(),
        1
    );
    assert!(publication_mails(&app, "twijfelaar@example.nl").is_empty());

    // The timeline shows the reports, newest first, rendered through the safe subset.
    let timeline = app
        .new_visitor()
        .get_html(&format!("/processen/{slug}/voortgang"))
        .await;
    assert!(timeline.contains("<h3>Stand van zaken</h3>"));
    let (first, second) = (
        timeline.find("Update 2").unwrap(),
        timeline.find("Update 1").unwrap(),
    );
    assert!(first < second, "newest first");
}

#[tokio::test]
async fn unsubscribing_works_from_the_link_and_from_the_one_click_header() {
    let app = spawn_app().await;
    app.login_as_organiser().await;
    let (process, slug) = published_process(&app).await;
    for email in ["link@example.nl", "knop@example.nl"] {
        let confirm = subscribe(&app, &slug, email, "immediate").await;
        assert_eq!(press(&app, &confirm).await.status().as_u16(), 200);
    }
    publish_report(&app, process, "Update 1").await;
    let by_link = app
        .wait_for_mail("link@example.nl", |m| m.subject.contains("Update 1"))
        .await;
    let by_button = app
        .wait_for_mail("knop@example.nl", |m| m.subject.contains("Update 1"))
        .await;

    // From the link: GET shows a button and changes nothing; POST unsubscribes.
    let link = by_link.list_unsubscribe.unwrap();
    let response = press(&app, &link).await;
    assert_eq!(response.status().as_u16(), 200);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Je volgt dit proces niet meer")
    );

    // RFC 8058: the mail program posts without cookies or token.
    let header_url = by_button.list_unsubscribe.unwrap();
    let response = client()
        .post(&header_url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);

    for id in 1..=2 {
        assert!(
            publications::find_subscription(app.db.read(), SubscriptionId(id))
                .await
                .unwrap()
                .is_none()
        );
    }
    publish_report(&app, process, "Update 2").await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(publication_mails(&app, "link@example.nl").len(), 1);
    assert_eq!(publication_mails(&app, "knop@example.nl").len(), 1);
    // A used link is dead, not an error.
    let again = app
        .new_visitor()
        .get(link.trim_start_matches(&app.address))
        .await;
    assert_eq!(again.status().as_u16(), 404);
}

#[tokio::test]
async fn atom_feeds_are_xml_and_list_the_publication() {
    let app = spawn_app().await;
    app.login_as_organiser().await;
    let (process, slug) = published_process(&app).await;
    publish_report(&app, process, "Update 1 <script>&amp; \"co\"").await;
    for path in [
        format!("/processen/{slug}/feed.atom"),
        "/feed.atom".to_owned(),
    ] {
        let response = app.new_visitor().get(&path).await;
        assert_eq!(response.status().as_u16(), 200);
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("application/atom+xml")
        );
        let text = response.text().await.unwrap();
        let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
        let feed = doc.root_element();
        assert_eq!(feed.tag_name().name(), "feed");
        assert_eq!(
            feed.tag_name().namespace(),
            Some("http://www.w3.org/2005/Atom")
        );
        let titles: Vec<&str> = feed
            .children()
            .filter(|n| n.has_tag_name("entry"))
            .flat_map(|e| e.children().filter(|n| n.has_tag_name("title")))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(titles, ["Update 1 <script>&amp; \"co\""], "{path}");
    }
}
