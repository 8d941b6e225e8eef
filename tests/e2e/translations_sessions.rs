//! Content in two languages (issue #24) for sessions, session reports, documents, progress
//! reports and the accessibility statement: the organiser writes the translation in the real
//! form, the English page shows it unmarked, a text without translation shows there in Dutch
//! marked `lang="nl"`, and a translation that breaks the field's rules comes back with its error
//! and everything typed.

use crate::helpers::{TestApp, csrf_token, spawn_app, tags_around};
use crate::publications::{BOUNDARY, multipart, pdf_bytes};
use crate::session::{Visitor, mail_to};

/// `text` is on the page as the whole content of an element, and never marked with a `lang`.
fn assert_shown_unmarked(html: &str, text: &str) {
    let tags = tags_around(html, text);
    assert!(!tags.is_empty(), "'{text}' not on the page:\n{html}");
    for tag in tags {
        assert!(!tag.contains(" lang="), "'{text}' in {tag} is marked");
    }
}

/// `text` is on the page as the whole content of an element, each time marked Dutch.
fn assert_marked_dutch(html: &str, text: &str) {
    let tags = tags_around(html, text);
    assert!(!tags.is_empty(), "'{text}' not on the page:\n{html}");
    for tag in tags {
        assert!(
            tag.contains(" lang=\"nl\""),
            "'{text}' in {tag} is not marked"
        );
    }
}

/// The id at the end of a redirect such as `/beheer/bijeenkomsten/12?opgeslagen=1`.
fn id_after(location: &str, prefix: &str) -> String {
    let rest = location
        .strip_prefix(prefix)
        .unwrap_or_else(|| panic!("{location}"));
    rest.split(['?', '/']).next().unwrap().to_owned()
}

async fn english_visitor(app: &TestApp) -> Visitor<'_> {
    let visitor = Visitor::new(app);
    assert!(
        visitor
            .html("/?lang=en")
            .await
            .contains("<html lang=\"en\">")
    );
    visitor
}

#[tokio::test]
async fn the_english_agenda_shows_the_english_session_titles_of_the_demo() {
    let app = spawn_app().await;
    app.load_demo().await;
    let english = english_visitor(&app).await;
    let agenda = english.html("/agenda").await;
    assert_shown_unmarked(&agenda, "Think-along session Open Technology");
    assert_shown_unmarked(&agenda, "Think-along session Open Justice");
    assert!(!agenda.contains(">Meedenksessie Open Justice<"), "{agenda}");

    // A past session's page: title and report in English.
    let dutch = Visitor::new(&app);
    let nl_agenda = dutch.html("/agenda?lang=nl").await;
    assert_shown_unmarked(&nl_agenda, "Meedenksessie Open Justice");
    let at = nl_agenda.find(">Meedenksessie Open Justice<").unwrap();
    let href_start = nl_agenda[..at].rfind("href=\"").unwrap() + 6;
    let href_end = href_start + nl_agenda[href_start..].find('"').unwrap();
    let page = english.html(&nl_agenda[href_start..href_end]).await;
    assert_shown_unmarked(&page, "Think-along session Open Justice");
    assert!(page.contains("What we discussed"), "{page}");
    assert!(!page.contains("Wat we bespraken"), "{page}");

    // The progress reports of 2020-2022 in English.
    let progress = english
        .html("/processen/actieplan-open-overheid-2020-2022/voortgang")
        .await;
    assert!(progress.contains("Where things stand"), "{progress}");
    assert!(
        !progress.contains("De actiehouders houden je op de hoogte"),
        "{progress}"
    );
}

#[tokio::test]
async fn an_organiser_translates_a_session_and_its_report_and_english_pages_and_mails_use_it() {
    let app = spawn_app().await;
    let process = crate::session::published_process(&app).await;
    app.login_as_organiser().await;
    let new_page = format!("/beheer/processen/{process}/bijeenkomsten/nieuw");
    let form = app.get_html(&new_page).await;
    assert!(form.contains("name=\"title_translation\""), "{form}");
    assert!(form.contains("Titel (Engels)"), "{form}");
    let day = inspraak_domain::time::local_date(app.clock.now() + chrono::Duration::days(3));
    let (starts, ends) = (format!("{day}T10:00"), format!("{day}T12:00"));
    let long = "Too long ".repeat(30);
    let mut fields = vec![
        ("kind", "think_along"),
        ("title", "Meedenksessie Vertaald"),
        ("title_translation", long.as_str()),
        ("description", "Praat mee over vertalen."),
        ("description_translation", ""),
        ("starts_at", starts.as_str()),
        ("ends_at", ends.as_str()),
        ("capacity", "10"),
    ];

    // A translation longer than the title may be: the form again, with everything typed.
    let refused = app.post_form(&new_page, &new_page, &fields).await;
    assert_eq!(refused.status().as_u16(), 422);
    let again = refused.text().await.unwrap();
    assert!(again.contains("Titel (Engels)"), "{again}");
    assert!(
        again.contains("href=\"#veld-title_translation\""),
        "{again}"
    );
    assert!(again.contains(&format!("value=\"{long}\"")), "{again}");
    assert!(again.contains("value=\"Meedenksessie Vertaald\""));
    assert!(again.contains("Praat mee over vertalen."));

    fields[2] = ("title_translation", "Translated think-along session");
    let saved = app.post_form(&new_page, &new_page, &fields).await;
    assert_eq!(saved.status().as_u16(), 303);
    let location = saved.headers()["location"].to_str().unwrap().to_owned();
    let id = id_after(&location, "/beheer/bijeenkomsten/");

    // The English page: the translated title unmarked, the untranslated description marked.
    let english = english_visitor(&app).await;
    let page = english.html(&format!("/bijeenkomsten/{id}")).await;
    assert_shown_unmarked(&page, "Translated think-along session");
    assert_marked_dutch(&page, "Praat mee over vertalen.");
    assert!(!page.contains(">Meedenksessie Vertaald<"), "{page}");
    assert_shown_unmarked(
        &english.html("/agenda").await,
        "Translated think-along session",
    );
    // The Dutch page is as before.
    let dutch = Visitor::new(&app);
    let nl_page = dutch.html(&format!("/bijeenkomsten/{id}?lang=nl")).await;
    assert_shown_unmarked(&nl_page, "Meedenksessie Vertaald");
    assert!(!nl_page.contains("Translated think-along session"));

    // Someone signing up on the English page gets the English title in their mail.
    let session_id = inspraak_domain::SessionId(id.parse().unwrap());
    english.sign_up(session_id, "Ben", "ben@example.nl").await;
    let mail = mail_to(&app, "ben@example.nl", "Confirm your sign-up").await;
    assert!(
        mail.subject.contains("Translated think-along session"),
        "{}",
        mail.subject
    );
    dutch.sign_up(session_id, "Anna", "anna@example.nl").await;
    let mail = mail_to(&app, "anna@example.nl", "Bevestig je aanmelding").await;
    assert!(
        mail.subject.contains("Meedenksessie Vertaald"),
        "{}",
        mail.subject
    );

    // The report: a too long translation is refused with everything kept, then saved.
    let report_page = format!("/beheer/bijeenkomsten/{id}/verslag");
    let huge = "x".repeat(50_001);
    let refused = app
        .post_form(
            &report_page,
            &report_page,
            &[
                ("report", "## Wat we hoorden\nVeel over vertalen."),
                ("report_translation", huge.as_str()),
                ("action", "publish"),
            ],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 422);
    let again = refused.text().await.unwrap();
    assert!(
        again.contains("href=\"#veld-report_translation\""),
        "{again}"
    );
    assert!(again.contains("Veel over vertalen."));
    assert!(again.contains(&huge));
    let saved = app
        .post_form(
            &report_page,
            &report_page,
            &[
                ("report", "## Wat we hoorden\nVeel over vertalen."),
                (
                    "report_translation",
                    "## What we heard\nMuch about translating.",
                ),
                ("action", "publish"),
            ],
        )
        .await;
    assert_eq!(saved.status().as_u16(), 303);
    let page = english.html(&format!("/bijeenkomsten/{id}")).await;
    assert_shown_unmarked(&page, "Much about translating.");
    assert!(!page.contains("Veel over vertalen."), "{page}");
    let nl_page = dutch.html(&format!("/bijeenkomsten/{id}?lang=nl")).await;
    assert!(nl_page.contains("Veel over vertalen."));
}

/// Posts the upload form with `fields` (and a small PDF) as the logged-in organiser.
async fn upload(
    app: &TestApp,
    process: inspraak_domain::ProcessId,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let page = app
        .get_html(&format!("/beheer/processen/{process}/publicaties"))
        .await;
    let token = csrf_token(&page);
    let mut all = vec![("csrf_token", token.as_str())];
    all.extend_from_slice(fields);
    app.client
        .post(app.url(&format!("/beheer/processen/{process}/documenten")))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(multipart(&all, Some(("plan.pdf", &pdf_bytes(2_000)))))
        .send()
        .await
        .unwrap()
}

fn document_fields(title_translation: &str) -> [(&str, &str); 7] {
    [
        ("title", "Het actieplan"),
        ("title_translation", title_translation),
        ("description", "Het plan zelf."),
        ("description_translation", ""),
        ("date", "2021-04-14"),
        ("language", "nl"),
        ("owner", "process"),
    ]
}

fn report_fields(title_translation: &str) -> [(&str, &str); 5] {
    [
        ("report_title", "Voortgang 1"),
        ("report_title_translation", title_translation),
        ("report_date", "2021-04-14"),
        ("body", "## Stand\nHet loopt."),
        ("body_translation", ""),
    ]
}

#[tokio::test]
async fn documents_and_progress_reports_show_their_translation_on_english_pages() {
    let app = spawn_app().await;
    let (process, slug) = crate::publications::published_process(&app).await;
    app.login_as_organiser().await;
    let long = "T".repeat(201);
    let refused = upload(&app, process, &document_fields(&long)).await;
    assert_eq!(refused.status().as_u16(), 422);
    let again = refused.text().await.unwrap();
    assert!(
        again.contains("href=\"#veld-title_translation\""),
        "{again}"
    );
    assert!(again.contains(&long));
    assert!(again.contains("value=\"Het actieplan\""));
    assert!(again.contains("Het plan zelf."));

    let saved = upload(&app, process, &document_fields("The action plan")).await;
    assert_eq!(saved.status().as_u16(), 303);
    let documents = inspraak_store::publications::documents_for_process(app.db.read(), process)
        .await
        .unwrap();
    assert_eq!(documents.len(), 1, "the refused upload stored nothing");
    let id = documents[0].id;

    let page = format!("/beheer/processen/{process}/publicaties");
    let path = format!("/beheer/processen/{process}/voortgang");
    let refused = app.post_form(&page, &path, &report_fields(&long)).await;
    assert_eq!(refused.status().as_u16(), 422);
    let again = refused.text().await.unwrap();
    assert!(
        again.contains("href=\"#veld-report_title_translation\""),
        "{again}"
    );
    assert!(again.contains(&long));
    assert!(again.contains("value=\"Voortgang 1\""));
    let saved = app
        .post_form(&page, &path, &report_fields("Progress 1"))
        .await;
    assert_eq!(saved.status().as_u16(), 303);

    let english = english_visitor(&app).await;
    let document_page = english.html(&format!("/documenten/{id}")).await;
    assert_shown_unmarked(&document_page, "The action plan");
    assert_marked_dutch(&document_page, "Het plan zelf.");
    let progress = english.html(&format!("/processen/{slug}/voortgang")).await;
    assert_shown_unmarked(&progress, "Progress 1");
    assert!(progress.contains("The action plan"), "{progress}");
    assert!(
        progress.contains("<div lang=\"nl\">"),
        "the untranslated body is marked"
    );
    let process_page = english.html(&format!("/processen/{slug}")).await;
    assert_shown_unmarked(&process_page, "Progress 1");
    assert_shown_unmarked(&process_page, "The action plan");
    let dutch = Visitor::new(&app);
    let nl_progress = dutch
        .html(&format!("/processen/{slug}/voortgang?lang=nl"))
        .await;
    assert_shown_unmarked(&nl_progress, "Voortgang 1");
    assert!(!nl_progress.contains("Progress 1"));
}

#[tokio::test]
async fn the_accessibility_statement_shows_the_translated_contact_on_the_english_page() {
    let app = spawn_app().await;
    app.login_as_organiser().await;
    let form = "/beheer/toegankelijkheid";
    let edit = app.get_html(form).await;
    assert!(edit.contains("name=\"contact_translation\""), "{edit}");
    // The first time, the default text stands in both fields.
    assert!(edit.contains("We answer within 5 working days."), "{edit}");
    let long = "x".repeat(5_001);
    let refused = app
        .post_form(
            form,
            form,
            &[
                ("contact", "Mail ons op toegankelijk@example.nl."),
                ("contact_translation", long.as_str()),
                ("known_problems", "De kaart heeft geen tekst."),
                ("known_problems_translation", ""),
            ],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 422);
    let again = refused.text().await.unwrap();
    assert!(
        again.contains("href=\"#veld-contact_translation\""),
        "{again}"
    );
    assert!(again.contains("Contact (Engels)"), "{again}");
    assert!(again.contains(&long));
    assert!(again.contains("Mail ons op toegankelijk@example.nl."));
    assert!(again.contains("De kaart heeft geen tekst."));
    let saved = app
        .post_form(
            form,
            form,
            &[
                ("contact", "Mail ons op toegankelijk@example.nl."),
                ("contact_translation", "Mail us at toegankelijk@example.nl."),
                ("known_problems", "De kaart heeft geen tekst."),
                ("known_problems_translation", ""),
            ],
        )
        .await;
    assert_eq!(saved.status().as_u16(), 303);
    let english = english_visitor(&app).await;
    let page = english.html("/toegankelijkheid").await;
    assert_shown_unmarked(&page, "Mail us at toegankelijk@example.nl.");
    assert_marked_dutch(&page, "De kaart heeft geen tekst.");
    let dutch = Visitor::new(&app);
    let nl_page = dutch.html("/toegankelijkheid?lang=nl").await;
    assert_shown_unmarked(&nl_page, "Mail ons op toegankelijk@example.nl.");
}
