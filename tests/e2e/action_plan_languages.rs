//! The action plan in two languages (issue #24), end to end: the organiser writes translations
//! beside the Dutch texts (action points, the plan's introduction, progress updates) by the real
//! forms; English pages show them unmarked and fall back to the Dutch text marked `lang="nl"`; a
//! refused translation comes back with its error and everything typed. The English documents
//! carry the English texts; an action holder attaches a document to an update; followers hear of
//! a corrected update.

use crate::helpers::{TestApp, csrf_token, spawn_app};
use crate::ideas::setup;
use crate::publications::{BOUNDARY, multipart, pdf_bytes};
use inspraak_domain::Role;

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"]
        .to_str()
        .unwrap_or_default()
        .to_owned()
}

/// Creates an action point by the organiser's form; returns its id.
async fn create_point(app: &TestApp, admin: &str, fields: &[(&str, &str)]) -> String {
    let mut all = vec![
        ("description", "Uitleg in het Nederlands."),
        ("theme", ""),
        ("holder", "Gemeente Utrecht"),
        ("holder_account", ""),
        ("partners", ""),
        ("status", "in_progress"),
        ("findings", ""),
    ];
    all.retain(|(name, _)| !fields.iter().any(|(n, _)| n == name));
    all.extend_from_slice(fields);
    let created = app.post_form(admin, admin, &all).await;
    assert_eq!(created.status().as_u16(), 303, "action point created");
    location(&created).rsplit('/').next().unwrap().to_owned()
}

/// The opening tags of the elements whose whole content is `text`.
fn tags_around<'a>(html: &'a str, text: &str) -> Vec<&'a str> {
    let needle = format!(">{text}<");
    html.match_indices(&needle)
        .map(|(at, _)| &html[html[..at].rfind('<').unwrap()..=at])
        .collect()
}

fn assert_unmarked(html: &str, text: &str) {
    let tags = tags_around(html, text);
    assert!(!tags.is_empty(), "{text:?} not on the page:\n{html}");
    for tag in tags {
        assert!(!tag.contains("lang="), "{text:?} is marked: {tag}");
    }
}

fn assert_marked_dutch(html: &str, text: &str) {
    let tags = tags_around(html, text);
    assert!(!tags.is_empty(), "{text:?} not on the page:\n{html}");
    for tag in tags {
        assert!(tag.contains("lang=\"nl\""), "{text:?} is not marked: {tag}");
    }
}

#[tokio::test]
async fn translations_typed_in_the_forms_show_on_english_pages_and_missing_ones_fall_back_marked() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    app.login_as_organiser().await;
    let admin = format!("/beheer/processen/{}/actiepunten", s.process);

    // A translation that is too long comes back with its error and everything typed.
    let long = "x".repeat(201);
    let fields = [
        ("title", "Register van datasets"),
        ("title_translation", long.as_str()),
        ("description", "Elke dataset staat in één register."),
        (
            "description_translation",
            "Every dataset is in one register.",
        ),
        ("theme", ""),
        ("holder", "Ministerie van BZK"),
        ("holder_account", ""),
        ("partners", "VNG"),
        ("status", "in_progress"),
        ("findings", ""),
        ("findings_translation", ""),
    ];
    let refused = app.post_form(&admin, &admin, &fields).await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.unwrap();
    assert!(page.contains("href=\"#veld-title_translation\""), "{page}");
    assert!(
        page.contains("Titel van het actiepunt (Engels)"),
        "the field says its language"
    );
    for typed in [
        long.as_str(),
        "Register van datasets",
        "Every dataset is in one register.",
        "Ministerie van BZK",
    ] {
        assert!(page.contains(typed), "kept: {typed}");
    }

    let translated = create_point(
        &app,
        &admin,
        &[
            ("title", "Register van datasets"),
            ("title_translation", "Register of datasets"),
            ("description", "Elke dataset staat in één register."),
            (
                "description_translation",
                "Every dataset is in one register.",
            ),
        ],
    )
    .await;
    let _untranslated = create_point(&app, &admin, &[("title", "Open raadsinformatie")]).await;
    let intro = admin.replace("/actiepunten", "/actieplan/inleiding");
    let saved = app
        .post_form(
            &admin,
            &intro,
            &[
                ("introduction", "Dit plan maakt de overheid opener."),
                (
                    "introduction_translation",
                    "This plan makes government more open.",
                ),
            ],
        )
        .await;
    assert_eq!(saved.status().as_u16(), 303);
    let point_admin = format!("{admin}/{translated}");
    let posted = app
        .post_form(
            &point_admin,
            &format!("{point_admin}/voortgang"),
            &[
                ("on", "2026-11-01"),
                ("body", "Het register is online."),
                ("body_translation", "The register is online."),
            ],
        )
        .await;
    assert_eq!(posted.status().as_u16(), 303);

    // An update whose translation is too long comes back with what was typed.
    let refused = app
        .post_form(
            &point_admin,
            &format!("{point_admin}/voortgang"),
            &[
                ("on", "2026-11-02"),
                ("body", "Tweede stap."),
                ("body_translation", &"y".repeat(3001)),
            ],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.unwrap();
    assert!(page.contains("href=\"#veld-u-body_translation\""), "{page}");
    assert!(page.contains("Tweede stap.") && page.contains("2026-11-02"));

    let english = app.new_visitor();
    let plan = english
        .get_html(&format!("/processen/{}/actieplan?lang=en", s.slug))
        .await;
    assert!(plan.contains("<html lang=\"en\">"));
    assert_unmarked(&plan, "Register of datasets");
    assert_unmarked(&plan, "This plan makes government more open.");
    assert!(plan.contains("The register is online."));
    assert!(!plan.contains("Het register is online."));
    assert_marked_dutch(&plan, "Open raadsinformatie");
    assert!(
        plan.contains("actieplan.pdf?taal=en"),
        "the English page links the English documents"
    );
    let point = english
        .get_html(&format!("/processen/{}/actiepunten/{translated}", s.slug))
        .await;
    assert_unmarked(&point, "Register of datasets");
    assert!(point.contains("Every dataset is in one register."));

    let dutch = app.new_visitor();
    let plan = dutch
        .get_html(&format!("/processen/{}/actieplan", s.slug))
        .await;
    assert_unmarked(&plan, "Register van datasets");
    assert!(!plan.contains("Register of datasets"));
    assert!(plan.contains("Dit plan maakt de overheid opener."));
}

fn on_path(program: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(program))
            .find(|p| p.is_file())
    })
}

#[tokio::test]
async fn the_english_documents_carry_the_english_texts_and_say_their_language() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    app.login_as_organiser().await;
    let admin = format!("/beheer/processen/{}/actiepunten", s.process);
    create_point(
        &app,
        &admin,
        &[
            ("title", "Register van datasets"),
            ("title_translation", "Register of datasets"),
        ],
    )
    .await;
    create_point(&app, &admin, &[("title", "Open raadsinformatie")]).await;
    let visitor = app.new_visitor();
    let date = inspraak_domain::time::local_date(app.clock.now());

    let pdf = visitor
        .get(&format!("/processen/{}/actieplan.pdf?taal=en", s.slug))
        .await;
    assert_eq!(pdf.status().as_u16(), 200);
    assert_eq!(
        pdf.headers()["content-disposition"],
        format!("attachment; filename=\"action-plan-actieplan-ideeen-{date}-en.pdf\"")
    );
    assert_eq!(pdf.headers()["content-language"], "en");
    let pdf = pdf.bytes().await.unwrap().to_vec();
    let raw = String::from_utf8_lossy(&pdf);
    assert!(raw.contains("/Lang(en)"), "the PDF's language is English");
    assert!(raw.contains("/StructTreeRoot"));

    let odt = visitor
        .get(&format!("/processen/{}/actieplan.odt?taal=en", s.slug))
        .await;
    assert_eq!(odt.status().as_u16(), 200);
    assert!(
        odt.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .ends_with(&format!("-{date}-en.odt\""))
    );
    let odt = odt.bytes().await.unwrap().to_vec();
    let content = crate::helpers::unzip(&odt, "content.xml");
    assert!(
        content.contains(">Register of datasets</text:h>"),
        "the translation, in the document's language: {content}"
    );
    assert!(
        content.contains("<text:span text:style-name=\"Lang_nl\">Open raadsinformatie</text:span>"),
        "the fallback is marked Dutch: {content}"
    );
    let meta = crate::helpers::unzip(&odt, "meta.xml");
    assert!(meta.contains("<dc:language>en</dc:language>"));

    let dir = tempfile::tempdir().unwrap();
    if let Some(pdftotext) = on_path("pdftotext") {
        let file = dir.path().join("plan.pdf");
        std::fs::write(&file, &pdf).unwrap();
        let out = std::process::Command::new(pdftotext)
            .arg(&file)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Register of datasets"), "{text}");
    } else {
        assert!(std::env::var_os("INSPRAAK_REQUIRE_POPPLER").is_none());
        println!("skipped: pdftotext not found");
    }
    if let Some(soffice) = on_path("soffice") {
        let file = dir.path().join("plan.odt");
        std::fs::write(&file, &odt).unwrap();
        let profile = format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("profile").display()
        );
        let out = dir.path().join("out");
        std::process::Command::new(soffice)
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
        let text = std::fs::read_to_string(out.join("plan.txt")).unwrap();
        assert!(text.contains("Register of datasets"), "{text}");
    } else {
        assert!(std::env::var_os("INSPRAAK_REQUIRE_SOFFICE").is_none());
        println!("skipped: soffice not found");
    }
}

/// An action point linked to a new action holder's account, and the holder logged in.
async fn holder_with_point(app: &TestApp) -> (crate::ideas::IdeaSetup, TestApp, String) {
    let s = setup(app).await;
    let holder = app.new_visitor();
    holder
        .create_account(
            "houder@example.nl",
            "een lang wachtwoord",
            Role::ActionHolder,
        )
        .await;
    app.login_as_organiser().await;
    let admin = format!("/beheer/processen/{}/actiepunten", s.process);
    let point = create_point(
        app,
        &admin,
        &[
            ("title", "Open raadsinformatie"),
            ("holder_account", "houder@example.nl"),
        ],
    )
    .await;
    holder
        .login("houder@example.nl", "een lang wachtwoord")
        .await;
    (s, holder, point)
}

#[tokio::test]
async fn an_action_holder_attaches_a_document_to_an_update_and_the_public_page_links_it() {
    let app = spawn_app().await;
    let (s, holder, point) = holder_with_point(&app).await;

    // A refused update comes back on the holder's home with everything typed.
    let refused = holder
        .post_form(
            "/actiehouder",
            &format!("/actiehouder/actiepunten/{point}/voortgang"),
            &[
                ("on", "geen datum"),
                ("body", "Subsidie verleend."),
                ("body_translation", "Grant awarded."),
            ],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 422);
    let page = refused.text().await.unwrap();
    assert!(
        page.contains(&format!("href=\"#veld-a{point}-on\"")),
        "{page}"
    );
    for typed in ["geen datum", "Subsidie verleend.", "Grant awarded."] {
        assert!(page.contains(typed), "kept: {typed}");
    }

    let posted = holder
        .post_form(
            "/actiehouder",
            &format!("/actiehouder/actiepunten/{point}/voortgang"),
            &[
                ("on", "2026-11-01"),
                ("body", "Subsidie verleend."),
                ("body_translation", "Grant awarded."),
            ],
        )
        .await;
    assert_eq!(posted.status().as_u16(), 303);
    let home = holder.get_html("/actiehouder").await;
    let marker = "action=\"/actiehouder/voortgang/";
    let at = home.find(marker).expect("an attach form per update") + marker.len();
    let update: String = home[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let action = format!("/actiehouder/voortgang/{update}/documenten");

    // The real form: multipart with its own CSRF token.
    let token = csrf_token(&home);
    let send = |fields: Vec<(&'static str, String)>, file: Option<Vec<u8>>| {
        let holder = holder.clone();
        let action = action.clone();
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            holder
                .client
                .post(holder.url(&action))
                .header(
                    "content-type",
                    format!("multipart/form-data; boundary={BOUNDARY}"),
                )
                .body(multipart(
                    &fields,
                    file.as_deref().map(|f| ("verslag.pdf", f)),
                ))
                .send()
                .await
                .unwrap()
        }
    };
    let no_file = send(
        vec![
            ("csrf_token", token.clone()),
            ("title", "Verslag subsidie".into()),
            ("language", "nl".into()),
        ],
        None,
    )
    .await;
    assert_eq!(no_file.status().as_u16(), 422, "a file is needed");
    let page = no_file.text().await.unwrap();
    assert!(page.contains(&format!("#veld-d{update}-file")), "{page}");
    assert!(
        page.contains("value=\"Verslag subsidie\""),
        "the typed title is kept"
    );

    let pdf = pdf_bytes(2048);
    let stored = send(
        vec![
            ("csrf_token", token.clone()),
            ("title", "Verslag subsidie".into()),
            ("language", "nl".into()),
        ],
        Some(pdf.clone()),
    )
    .await;
    assert_eq!(stored.status().as_u16(), 303);

    // Only on updates of the holder's own action points.
    let stranger = app.new_visitor();
    stranger
        .create_account(
            "ander@example.nl",
            "een lang wachtwoord",
            Role::ActionHolder,
        )
        .await;
    stranger
        .login("ander@example.nl", "een lang wachtwoord")
        .await;
    let other_token = csrf_token(&stranger.get_html("/actiehouder").await);
    let refused = stranger
        .client
        .post(stranger.url(&action))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(multipart(
            &[
                ("csrf_token", other_token.as_str()),
                ("title", "Niet van mij"),
            ],
            Some(("x.pdf", &pdf)),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status().as_u16(), 403);

    let visitor = app.new_visitor();
    let page = visitor
        .get_html(&format!("/processen/{}/actiepunten/{point}", s.slug))
        .await;
    assert!(page.contains("Subsidie verleend."));
    assert!(
        page.contains("Verslag subsidie"),
        "the update lists its document"
    );
    let marker = "href=\"/documenten/";
    let at = page.find(marker).expect("a link to the document") + marker.len();
    let id: String = page[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let download = visitor.get(&format!("/documenten/{id}/download")).await;
    assert_eq!(download.status().as_u16(), 200);
    assert_eq!(download.headers()["content-type"], "application/pdf");
    assert_eq!(download.bytes().await.unwrap().to_vec(), pdf);
}

#[tokio::test]
async fn followers_get_a_corrected_update_marked_as_corrected() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    app.login_as_organiser().await;
    let confirm =
        crate::publications::subscribe(&app, &s.slug, "volger@example.nl", "immediate").await;
    let confirmed = crate::publications::press(&app, &confirm).await;
    assert_eq!(confirmed.status().as_u16(), 200);
    let admin = format!("/beheer/processen/{}/actiepunten", s.process);
    let point = create_point(&app, &admin, &[("title", "Open raadsinformatie")]).await;
    let point_admin = format!("{admin}/{point}");
    let posted = app
        .post_form(
            &point_admin,
            &format!("{point_admin}/voortgang"),
            &[("on", "2026-11-01"), ("body", "Twee gemeenten doen mee.")],
        )
        .await;
    assert_eq!(posted.status().as_u16(), 303);
    let first = app
        .wait_for_mail("volger@example.nl", |m| {
            m.subject.contains("Open raadsinformatie")
        })
        .await;
    assert!(!first.subject.contains("gecorrigeerd"));

    let page = app.get_html(&point_admin).await;
    let marker = format!("action=\"{point_admin}/voortgang/");
    let at = page.find(&marker).expect("a correction form") + marker.len();
    let update: String = page[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let corrected = app
        .post_form(
            &point_admin,
            &format!("{point_admin}/voortgang/{update}"),
            &[
                ("on", "2026-11-01"),
                ("body", "Drie gemeenten doen mee."),
                ("body_translation", "Three municipalities take part."),
            ],
        )
        .await;
    assert_eq!(corrected.status().as_u16(), 303);
    let mail = app
        .wait_for_mail("volger@example.nl", |m| m.subject.contains("gecorrigeerd"))
        .await;
    assert!(
        mail.subject.contains("Open raadsinformatie (gecorrigeerd)"),
        "{}",
        mail.subject
    );
    assert!(
        mail.body
            .contains(&format!("/actiepunten/{point}#voortgang-{update}"))
    );
    let page = app
        .new_visitor()
        .get_html(&format!("/processen/{}/actiepunten/{point}", s.slug))
        .await;
    assert!(page.contains("Drie gemeenten doen mee.") && !page.contains("Twee gemeenten"));
}

#[tokio::test]
async fn the_english_action_plan_page_shows_english_action_points_from_the_demo() {
    let app = spawn_app().await;
    app.load_demo().await;
    let english = app.new_visitor();
    let plan = english
        .get_html("/processen/actieplan-open-overheid-2020-2022/actieplan?lang=en")
        .await;
    assert!(plan.contains("<html lang=\"en\">"));
    assert_unmarked(
        &plan,
        "Open decision-making in municipalities and provinces",
    );
    assert_unmarked(&plan, "Open Algorithms");
    assert!(plan.contains("The advice on scaling up Open Wob has been presented."));
    assert!(plan.contains("With the Open Government Action Plan the Netherlands"));
    assert!(!plan.contains("Open besluitvorming bij gemeenten en provincies"));
    let dutch = app.new_visitor();
    let plan = dutch
        .get_html("/processen/actieplan-open-overheid-2020-2022/actieplan")
        .await;
    assert!(plan.contains("Open besluitvorming bij gemeenten en provincies"));
    assert!(!plan.contains("Open decision-making"));
}
