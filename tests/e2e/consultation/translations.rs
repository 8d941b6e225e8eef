//! Content in two languages (issue #24) for consultations: the organiser writes translations
//! beside the Dutch texts in the builder and the outcome forms; the English pages show them
//! unmarked, and a text without translation in Dutch marked `lang="nl"`; mistakes in a
//! translation come back as field errors with everything typed; answers posted from the
//! English form count in the same tallies as Dutch ones.

use super::*;
use crate::helpers::form_fields;
use inspraak_domain::consultation::answer::option_key;
use inspraak_store::outcomes;

/// The fields of the form posting to `action` on `html`, with `changes` set (added if absent).
fn with(html: &str, action: &str, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut fields = form_fields(html, action);
    for (name, value) in changes {
        match fields.iter_mut().find(|(n, _)| n == name) {
            Some(field) => field.1 = (*value).to_owned(),
            None => fields.push(((*name).to_owned(), (*value).to_owned())),
        }
    }
    fields
}

async fn post_fields(app: &TestApp, path: &str, fields: &[(String, String)]) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .form(fields)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_organiser_translates_a_consultation_and_the_english_form_shows_it() {
    let app = spawn_app().await;
    let s = setup(&app, &[("single_choice", true), ("short_text", false)]).await;
    app.login_as_organiser().await;
    let edit = format!("/beheer/consultaties/{}", s.consultation);
    let page = app.get_html(&edit).await;
    assert!(
        page.contains("Titel (Engels)"),
        "the translation field is labelled"
    );

    // A translated title that is too long comes back with the error and everything typed.
    let too_long = "T".repeat(201);
    let fields = with(
        &page,
        &edit,
        &[
            ("title_translation", &too_long),
            ("intro_translation", "Tell us what you think."),
        ],
    );
    let refused = post_fields(&app, &edit, &fields).await;
    assert_eq!(refused.status().as_u16(), 422);
    let html = refused.text().await.unwrap();
    assert!(
        html.contains("Titel (Engels)") && html.contains("200"),
        "{html}"
    );
    assert!(html.contains(&too_long) && html.contains("Tell us what you think."));
    let stored = consultation::find(app.db.read(), s.consultation)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.title.translation, None, "nothing saved");

    let fields = with(
        &page,
        &edit,
        &[
            ("title_translation", "Consultation 2030"),
            ("intro_translation", "Tell us what you think."),
        ],
    );
    assert_eq!(
        post_fields(&app, &edit, &fields).await.status().as_u16(),
        303
    );

    // The choice question: its translated options must be as many as its options.
    let question = format!("{edit}/vragen/{}", s.questions[0]);
    let page = app.get_html(&edit).await;
    let fields = with(
        &page,
        &question,
        &[
            ("prompt_translation", "Question one"),
            ("options_translation", "Yes\nNo"),
        ],
    );
    let refused = post_fields(&app, &question, &fields).await;
    assert_eq!(refused.status().as_u16(), 422);
    let html = refused.text().await.unwrap();
    assert!(html.contains("Geef 3 vertaalde keuzes"), "{html}");
    assert!(html.contains("Question one") && html.contains("Yes\nNo"));
    let fields = with(
        &page,
        &question,
        &[
            ("prompt_translation", "Question one"),
            ("options_translation", "Yes\nNo\nMaybe"),
        ],
    );
    assert_eq!(
        post_fields(&app, &question, &fields)
            .await
            .status()
            .as_u16(),
        303
    );

    // The English form: translations unmarked, the untranslated texts marked Dutch.
    let english = app.new_visitor();
    let form_path = format!("/processen/{}/consultatie", s.slug);
    let html = english.get_html(&format!("{form_path}?lang=en")).await;
    assert!(html.contains("<html lang=\"en\">"));
    assert!(
        html.contains("<h1 class=\"utrecht-heading-1\">Consultation 2030</h1>"),
        "{html}"
    );
    assert!(html.contains("<p>Tell us what you think.</p>"));
    assert!(html.contains("<p lang=\"nl\">We bewaren je antwoorden zonder naam.</p>"));
    assert!(html.contains("--html-legend\">Question one"));
    assert!(html.contains("for=\"veld-q") && html.contains(">Maybe</label>"));
    assert!(
        !html.contains(">Misschien<"),
        "the Dutch option is not shown"
    );
    assert!(html.contains("lang=\"nl\">Vraag 2 (short_text)"));
    let dutch_page = app.new_visitor().get_html(&form_path).await;
    assert!(dutch_page.contains(">Misschien</label>") && !dutch_page.contains("Maybe"));

    // An answer from the English form and one from the Dutch form: the same option, one tally.
    let dutch = app.new_visitor();
    let english_form = s.open_form(&english).await;
    let dutch_form = s.open_form(&dutch).await;
    app.clock.advance(Duration::seconds(10));
    let answer = vec![(s.field(0), "2".to_owned())];
    for (visitor, form) in [(&english, &english_form), (&dutch, &dutch_form)] {
        assert_eq!(
            post(visitor, form, &answer, &[]).await.status().as_u16(),
            303
        );
    }
    let tallies = responses::tallies(app.db.read(), s.consultation)
        .await
        .unwrap();
    let maybe = tallies
        .iter()
        .find(|t| t.question == s.questions[0] && t.key == option_key(2))
        .expect("a tally for the third option");
    assert_eq!(maybe.responses, 2, "both languages count in one tally");
}

#[tokio::test]
async fn outcome_texts_and_threads_show_in_english_with_a_marked_fallback() {
    let app = spawn_app().await;
    let s = setup(&app, &[("single_choice", true)]).await;
    app.login_as_organiser().await;
    let base = format!("/beheer/consultaties/{}/uitkomsten", s.consultation);
    let intro = app
        .post_form(
            &base,
            &format!("{base}/inleiding"),
            &[
                ("intro", "Dank voor je inbreng."),
                ("intro_translation", "Thank you for your input."),
            ],
        )
        .await;
    assert_eq!(intro.status().as_u16(), 303);
    let threads = format!("{base}/rode-draden");
    let too_long = "B".repeat(5001);
    let refused = app
        .post_form(
            &base,
            &threads,
            &[
                ("title", "Samen doen"),
                ("title_translation", "Doing it together"),
                ("body", "Niet alleen praten."),
                ("body_translation", &too_long),
            ],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 422);
    let html = refused.text().await.unwrap();
    assert!(
        html.contains("Tekst (Engels)") && html.contains("5000"),
        "{html}"
    );
    assert!(
        html.contains("Doing it together")
            && html.contains(&too_long)
            && html.contains("Samen doen")
    );
    for fields in [
        [
            ("title", "Samen doen"),
            ("title_translation", "Doing it together"),
            ("body", "Niet alleen praten."),
            ("body_translation", "Not only talk."),
        ],
        [
            ("title", "Kleine groepen"),
            ("title_translation", ""),
            ("body", "Ook klein kan."),
            ("body_translation", ""),
        ],
    ] {
        let added = app.post_form(&base, &threads, &fields).await;
        assert_eq!(added.status().as_u16(), 303);
    }
    let published = app
        .post_form(&base, &format!("{base}/publicatie"), &[("published", "1")])
        .await;
    assert_eq!(published.status().as_u16(), 303);

    let english = app.new_visitor();
    let path = format!("/processen/{}/uitkomsten/{}", s.slug, s.consultation);
    let html = english.get_html(&format!("{path}?lang=en")).await;
    assert!(html.contains("<p>Thank you for your input.</p>"), "{html}");
    assert!(html.contains("<h3 class=\"utrecht-heading-3\">Doing it together</h3>"));
    assert!(html.contains("<p>Not only talk.</p>"));
    assert!(html.contains("<span lang=\"nl\">Kleine groepen</span>"));
    assert!(html.contains("<p lang=\"nl\">Ook klein kan.</p>"));
    let html = app.new_visitor().get_html(&path).await;
    assert!(html.contains("<p>Dank voor je inbreng.</p>") && html.contains(">Samen doen</h3>"));
    assert!(!html.contains("Doing it together"));
}

#[tokio::test]
async fn the_english_consultation_form_of_the_demo_shows_english_questions_and_options() {
    let app = spawn_app().await;
    app.load_demo().await;
    let english = app.new_visitor();
    let html = english
        .get_html("/processen/actieplan-open-overheid-2026/consultatie?lang=en")
        .await;
    assert!(
        html.contains(">Online consultation Open Government Action Plan 2026</h1>"),
        "{html}"
    );
    assert!(html.contains("--html-legend\">Which themes do you find most important?"));
    assert!(html.contains(">How did you hear about this consultation?"));
    assert!(html.contains(">Newsletter</label>") && html.contains(">Through my work</label>"));
    assert!(html.contains(">1 (not open at all)</label>"));
    assert!(!html.contains("Nieuwsbrief"), "no Dutch option left");
    let outcome = outcomes::published_for_process(
        app.db.read(),
        process::find_by_slug(app.db.read(), "actieplan-open-overheid-2020-2022")
            .await
            .unwrap()
            .unwrap()
            .id,
    )
    .await
    .unwrap()[0];
    let html = english
        .get_html(&format!(
            "/processen/actieplan-open-overheid-2020-2022/uitkomsten/{outcome}"
        ))
        .await;
    assert!(
        html.contains(">We build the network together</h3>"),
        "{html}"
    );
    assert!(html.contains("Which themes interest you most?"));
}

/// A thread written before gets its translation afterwards, by the "Bewerken" link on the
/// organiser's outcomes page: the form holds the thread's texts, a mistake comes back with what
/// was typed (still editing that thread), and the saved thread keeps its id (so the
/// contributions linked to it stay linked) and shows in English.
#[tokio::test]
async fn an_existing_thread_is_edited_to_add_its_translation() {
    let app = spawn_app().await;
    let s = setup(&app, &[("single_choice", true)]).await;
    app.login_as_organiser().await;
    let base = format!("/beheer/consultaties/{}/uitkomsten", s.consultation);
    let added = app
        .post_form(
            &base,
            &format!("{base}/rode-draden"),
            &[("title", "Kleine groepen"), ("body", "Ook klein kan.")],
        )
        .await;
    assert_eq!(added.status().as_u16(), 303);
    let thread = outcomes::threads(app.db.read(), s.consultation)
        .await
        .unwrap()
        .remove(0);

    // The organiser clicks "Bewerken" on the thread.
    let page = app.get_html(&base).await;
    let edit_link = format!("{base}?rode-draad={}#rode-draad-formulier", thread.id);
    assert!(page.contains(&format!("href=\"{edit_link}\"")), "{page}");
    let edit_page = app.get_html(&edit_link).await;
    let action = format!("{base}/rode-draden/{}", thread.id);
    assert!(edit_page.contains("Rode draad bewerken"));
    let fields = form_fields(&edit_page, &action);
    let value = |name: &str| {
        fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(value("title").as_deref(), Some("Kleine groepen"));

    let too_long = "S".repeat(201);
    let refused = post_fields(
        &app,
        &action,
        &with(
            &edit_page,
            &action,
            &[
                ("title_translation", &too_long),
                ("body_translation", "Small works too."),
            ],
        ),
    )
    .await;
    assert_eq!(refused.status().as_u16(), 422);
    let html = refused.text().await.unwrap();
    assert!(html.contains(&too_long) && html.contains("Small works too."));
    assert!(
        html.contains(&format!("action=\"{action}\"")),
        "still editing it"
    );

    let saved = post_fields(
        &app,
        &action,
        &with(
            &edit_page,
            &action,
            &[
                ("title_translation", "Small groups"),
                ("body_translation", "Small works too."),
            ],
        ),
    )
    .await;
    assert_eq!(saved.status().as_u16(), 303);
    let threads = outcomes::threads(app.db.read(), s.consultation)
        .await
        .unwrap();
    assert_eq!(threads.len(), 1);
    assert_eq!(threads[0].id, thread.id, "the same thread");
    assert_eq!(
        threads[0].title.translation.as_deref(),
        Some("Small groups")
    );
    assert_eq!(threads[0].title.main, "Kleine groepen");

    let published = app
        .post_form(&base, &format!("{base}/publicatie"), &[("published", "1")])
        .await;
    assert_eq!(published.status().as_u16(), 303);
    let path = format!("/processen/{}/uitkomsten/{}", s.slug, s.consultation);
    let html = app.new_visitor().get_html(&format!("{path}?lang=en")).await;
    assert!(
        html.contains("<h3 class=\"utrecht-heading-3\">Small groups</h3>"),
        "{html}"
    );
    assert!(html.contains("<p>Small works too.</p>"));
}
