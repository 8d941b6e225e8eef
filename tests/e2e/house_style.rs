//! The house style (issue #19): another organisation's name, logo and primary colour, set by
//! configuration, reach the pages, the mails and the calendar files; the footer links the
//! privacy statement, which is written from the retention settings; organisers see whether the
//! colours pass contrast.

use crate::helpers::{TestApp, spawn_app_with};
use crate::session::{Visitor, confirm_link, mail_to, path_of, published_process, session};
use inspraak_domain::retention::RetentionDays;
use inspraak_store::retention;

const LOGO: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><circle cx="20" cy="20" r="18" fill="#7a1f5c"/></svg>"##;

/// The app of "Gemeente Lindendal", with its logo in the data folder. The folder is returned
/// so it lives as long as the test.
async fn lindendal(colour: &str) -> (TestApp, tempfile::TempDir) {
    let data = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(data.path().join("huisstijl")).unwrap();
    std::fs::write(data.path().join("huisstijl/logo.svg"), LOGO).unwrap();
    let dir = data.path().display().to_string();
    let app = spawn_app_with(&[
        ("INSPRAAK_DATA_DIR", &dir),
        ("INSPRAAK_SITE_NAME", "Stem van Lindendal"),
        ("INSPRAAK_ORGANISATION_NAME", "Gemeente Lindendal"),
        ("INSPRAAK_LOGO", "huisstijl/logo.svg"),
        ("INSPRAAK_COLOUR_PRIMARY", colour),
        ("INSPRAAK_CONTACT_EMAIL", "participatie@lindendal.example"),
        ("INSPRAAK_CONTACT_PHONE", "14 0123"),
        (
            "INSPRAAK_SOURCE_URL",
            "https://code.lindendal.example/inspraak",
        ),
    ])
    .await;
    (app, data)
}

/// The value of the first `attribute="…"` after `marker` in a page.
fn attribute_after(html: &str, marker: &str, attribute: &str) -> String {
    let start = html
        .find(marker)
        .unwrap_or_else(|| panic!("no {marker} in {html}"));
    let rest = &html[start..];
    let key = format!("{attribute}=\"");
    let from = rest.find(&key).unwrap() + key.len();
    let to = rest[from..].find('"').unwrap() + from;
    rest[from..to].replace("&amp;", "&")
}

#[tokio::test]
async fn another_organisation_s_name_logo_and_colour_reach_a_page_a_mail_and_a_calendar() {
    let (app, _data) = lindendal("#7a1f5c").await;

    // A page: the name in the header and title, the logo, the colour in the house stylesheet.
    let home = app.get_html("/").await;
    assert!(home.contains("<title>"), "{home}");
    assert!(home.contains(" – Stem van Lindendal</title>"), "{home}");
    assert!(
        home.contains("alt=\"Logo van Gemeente Lindendal\""),
        "{home}"
    );
    assert!(home.contains("Stem van Lindendal is een website van Gemeente Lindendal."));
    assert!(home.contains("href=\"mailto:participatie@lindendal.example\""));
    assert!(home.contains("href=\"tel:140123\""));
    assert!(home.contains("href=\"https://code.lindendal.example/inspraak\""));
    assert!(home.contains("href=\"/.well-known/security.txt\""));
    assert!(home.contains("EUPL-1.2"));
    assert!(
        !home.contains(">Inspraak<"),
        "the default name is gone from the header"
    );

    let logo_path = attribute_after(&home, "class=\"site-logo\"", "src");
    assert!(logo_path.starts_with("/huisstijl/logo-") && logo_path.ends_with(".svg"));
    let logo = app.get(&logo_path).await;
    assert_eq!(logo.status().as_u16(), 200);
    assert_eq!(logo.headers()["content-type"], "image/svg+xml");
    assert!(
        logo.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    let policy = logo.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        policy.contains("sandbox") && policy.contains("default-src 'none'"),
        "{policy}"
    );
    assert_eq!(logo.text().await.unwrap(), LOGO);
    // Only the configured names answer: no path reaches the data folder.
    assert_eq!(app.get("/huisstijl/logo.svg").await.status().as_u16(), 404);
    assert_eq!(
        app.get("/huisstijl/..%2Fsecret_key")
            .await
            .status()
            .as_u16(),
        404
    );

    let css_path = attribute_after(&home, "href=\"/huisstijl.css", "href");
    let css = app.get(&css_path).await;
    assert_eq!(css.headers()["content-type"], "text/css; charset=utf-8");
    let css = css.text().await.unwrap();
    assert!(css.contains("--colour-primary: #7a1f5c;"), "{css}");
    assert!(css.contains("--utrecht-button-primary-action-background-color: #7a1f5c;"));
    let favicon = attribute_after(&home, "rel=\"icon\"", "href");
    assert_eq!(app.get(&favicon).await.status().as_u16(), 200);

    // A mail: a sign-up's mails are signed with the site's name, sent in its name, and the
    // invitation names the organisation as organiser.
    let process = published_process(&app).await;
    let id = session(&app, process, "5").await;
    let jan = Visitor::new(&app);
    assert_eq!(
        jan.sign_up(id, "Jan Jansen", "jan@example.nl")
            .await
            .status()
            .as_u16(),
        303
    );
    let check = mail_to(&app, "jan@example.nl", "Bevestig je aanmelding").await;
    assert!(
        check.body.ends_with("Stem van Lindendal") || check.body.contains("\nStem van Lindendal"),
        "{}",
        check.body
    );
    assert!(!check.body.contains("Inspraak"), "{}", check.body);
    assert_eq!(
        app.state.settings.mail_from,
        "Stem van Lindendal <noreply@localhost>"
    );
    let link = path_of(&confirm_link(&app, "jan@example.nl").await);
    let (status, _) = jan.follow_and_press(&link).await;
    assert_eq!(status, 200);
    let confirmed = mail_to(&app, "jan@example.nl", "Aanmelding bevestigd").await;
    let (_, invitation) = confirmed.attachment.expect("calendar attachment");
    let unfolded = invitation.replace("\r\n ", "");
    assert!(
        unfolded.contains("ORGANIZER;CN=Gemeente Lindendal:mailto:noreply@localhost"),
        "{invitation}"
    );
    assert!(
        unfolded.contains("PRODID:-//Gemeente Lindendal//Stem van Lindendal//NL"),
        "{invitation}"
    );

    // A calendar download: the same names, and no trace of the default.
    let download = app.get(&format!("/bijeenkomsten/{id}/agenda.ics")).await;
    assert_eq!(download.status().as_u16(), 200);
    let ics = download.text().await.unwrap().replace("\r\n ", "");
    assert!(
        ics.contains("PRODID:-//Gemeente Lindendal//Stem van Lindendal//NL"),
        "{ics}"
    );
    assert!(!ics.contains("Inspraak"), "{ics}");
    let feed = app.get_html("/agenda.ics").await.replace("\r\n ", "");
    assert!(feed.contains("X-WR-CALNAME:Stem van Lindendal"), "{feed}");

    // The feeds and the OpenAPI document carry the names too.
    let atom = app.get_html("/feed.atom").await;
    assert!(
        atom.contains("<title>Stem van Lindendal: alle publicaties</title>"),
        "{atom}"
    );
    assert!(atom.contains("<name>Gemeente Lindendal</name>"), "{atom}");
    let openapi: serde_json::Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    assert_eq!(openapi["info"]["title"], "Stem van Lindendal open data");
    assert_eq!(
        openapi["info"]["contact"]["email"],
        "participatie@lindendal.example"
    );
}

#[tokio::test]
async fn the_privacy_statement_is_written_from_the_retention_settings() {
    let (app, _data) = lindendal("#7a1f5c").await;
    let process = published_process(&app).await;
    retention::set(
        app.db.write(),
        process,
        RetentionDays::new(90).unwrap(),
        app.clock.now(),
    )
    .await
    .unwrap();
    let home = app.get_html("/").await;
    assert!(
        home.contains("href=\"/privacy\""),
        "the footer links the privacy statement"
    );
    let page = app.get_html("/privacy").await;
    assert!(page.contains("<h1>Privacyverklaring</h1>"), "{page}");
    assert!(page.contains("Stem van Lindendal is een website van Gemeente Lindendal."));
    // The process's own period, and the default for the others.
    assert!(page.contains("Actieplan Open Overheid 2030"), "{page}");
    assert!(page.contains("90 dagen"), "{page}");
    assert!(page.contains(&format!("{} dagen", RetentionDays::DEFAULT.days())));
    // How to have it erased: the link in every mail, and whom to contact.
    assert!(page.contains("link om je gegevens te wissen"));
    assert!(page.contains("mailto:participatie@lindendal.example"));
    let english = app.get_html("/privacy?lang=en").await;
    assert!(english.contains("<h1>Privacy statement</h1>"), "{english}");
    assert!(english.contains("90 days"));
}

#[tokio::test]
async fn organisers_see_which_colour_fails_contrast() {
    // Yellow under white text: 1.6:1.
    let (app, _data) = lindendal("#f9c74f").await;
    app.login_as_organiser().await;
    let dashboard = app.get_html("/beheer").await;
    assert!(
        dashboard.contains("href=\"/beheer/huisstijl\""),
        "{dashboard}"
    );
    assert!(
        dashboard.contains("kleuren met te weinig contrast"),
        "{dashboard}"
    );
    let page = app.get_html("/beheer/huisstijl").await;
    // The primary colour and the hover colour made from it (2.81:1) both fail.
    assert!(
        page.contains("2 kleuren van de huisstijl hebben te weinig contrast"),
        "{page}"
    );
    assert!(page.contains("#f9c74f"));
    assert!(page.contains("1.57:1"), "{page}");
    assert!(page.contains("2.81:1"), "{page}");
    assert!(page.contains("Voldoet niet"));

    // A colour that passes: no warning, the ratio shown.
    let (good, _data) = lindendal("#7a1f5c").await;
    good.login_as_organiser().await;
    assert!(
        !good
            .get_html("/beheer")
            .await
            .contains("kleuren met te weinig contrast")
    );
    let page = good.get_html("/beheer/huisstijl").await;
    assert!(!page.contains("te weinig contrast"), "{page}");
    assert!(page.contains("9.64:1"), "{page}");
    // Visitors do not reach it.
    let visitor = good.new_visitor();
    assert_ne!(
        visitor.get("/beheer/huisstijl").await.status().as_u16(),
        200
    );
}
