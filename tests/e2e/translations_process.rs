//! Content in two languages (issue #24) for processes, phases and themes: the organiser writes
//! a translation beside each text, the English pages show it (unmarked), a text without one is
//! shown in Dutch marked `lang="nl"`, and the organiser's process page says what is missing.

use crate::helpers::{TestApp, spawn_app};

const SLUG: &str = "actieplan-open-overheid-2030";

/// Creates a process with a translated title, an untranslated summary, a translated phase and
/// one translated and one untranslated theme, publishes it, and returns its organiser path.
async fn translated_process(app: &TestApp) -> String {
    app.login_as_organiser().await;
    let response = app
        .post_form(
            "/beheer/processen/nieuw",
            "/beheer/processen/nieuw",
            &[
                ("title", "Actieplan Open Overheid 2030"),
                ("title_translation", "Open Government Action Plan 2030"),
                ("slug", ""),
                ("summary", "We schrijven het plan samen."),
                ("summary_translation", ""),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let edit = response.headers()["location"].to_str().unwrap().to_owned();
    let phase = app
        .post_form(
            &edit,
            &format!("{edit}/fasen"),
            &[
                ("name", "Online consultatie"),
                ("name_translation", "Online consultation"),
                ("description", "Vul het formulier in."),
                ("description_translation", "Fill in the form."),
                ("starts_on", "2020-01-01"),
                ("ends_on", "2099-12-31"),
            ],
        )
        .await;
    assert_eq!(phase.status().as_u16(), 303);
    for (name, translation) in [
        ("Open Technologie", "Open Technology"),
        ("Open Informatie", ""),
    ] {
        let theme = app
            .post_form(
                &edit,
                &format!("{edit}/themas"),
                &[
                    ("name", name),
                    ("name_translation", translation),
                    ("slug", ""),
                    ("description", ""),
                    ("description_translation", ""),
                ],
            )
            .await;
        assert_eq!(theme.status().as_u16(), 303);
    }
    let publish = app
        .post_form(&edit, &format!("{edit}/status"), &[("status", "published")])
        .await;
    assert_eq!(publish.status().as_u16(), 303);
    edit
}

#[tokio::test]
async fn an_organisers_translation_shows_on_english_pages_and_a_missing_one_falls_back_marked_dutch()
 {
    let app = spawn_app().await;
    translated_process(&app).await;

    let english = app.new_visitor();
    let page = english
        .get_html(&format!("/processen/{SLUG}?lang=en"))
        .await;
    assert!(page.contains("<html lang=\"en\">"));
    assert!(
        page.contains("<h1 class=\"utrecht-heading-1\">Open Government Action Plan 2030</h1>"),
        "translated title, unmarked: {page}"
    );
    assert!(!page.contains("Actieplan Open Overheid 2030</h1>"));
    assert!(
        page.contains("<p lang=\"nl\">We schrijven het plan samen.</p>"),
        "untranslated summary marked Dutch"
    );
    assert!(page.contains(">Online consultation</h3>"), "phase name");
    assert!(
        page.contains("<p>Fill in the form.</p>"),
        "phase description"
    );
    assert!(page.contains(">Open Technology</a>"), "translated theme");
    assert!(!page.contains("lang=\"nl\">Open Technology"));
    assert!(
        page.contains(" lang=\"nl\">Open Informatie</a>"),
        "untranslated theme marked Dutch"
    );

    let theme = english
        .get_html(&format!("/processen/{SLUG}/themas/open-technologie"))
        .await;
    assert!(theme.contains("<h1 class=\"utrecht-heading-1\">Open Technology</h1>"));
    assert!(theme.contains("Open Government Action Plan 2030"));

    let home = english.get_html("/").await;
    assert!(
        home.contains(">Open Government Action Plan 2030</a>"),
        "home card"
    );

    // The Dutch pages keep the Dutch text, unmarked.
    let dutch = app.new_visitor();
    let page = dutch.get_html(&format!("/processen/{SLUG}")).await;
    assert!(page.contains("<h1 class=\"utrecht-heading-1\">Actieplan Open Overheid 2030</h1>"));
    assert!(page.contains(">Open Technologie</a>"));
    assert!(!page.contains("Open Technology"));
}

#[tokio::test]
async fn the_organisers_process_page_lists_what_still_needs_a_translation_until_it_is_complete() {
    let app = spawn_app().await;
    let edit = translated_process(&app).await;

    let page = app.get_html(&edit).await;
    assert!(page.contains("Nog te vertalen: 2"), "{page}");
    assert!(page.contains("Samenvatting van het traject"));
    assert!(page.contains(">Open Informatie</td>"));
    assert!(page.contains(&format!("href=\"{edit}#themas\"")));
    assert!(!page.contains("Vertaling compleet"));

    // The organiser fills in the two missing translations by the same forms.
    let saved = app
        .post_form(
            &edit,
            &edit,
            &[
                ("title", "Actieplan Open Overheid 2030"),
                ("title_translation", "Open Government Action Plan 2030"),
                ("slug", SLUG),
                ("summary", "We schrijven het plan samen."),
                ("summary_translation", "We write the plan together."),
            ],
        )
        .await;
    assert_eq!(saved.status().as_u16(), 303);
    let form = app.get_html(&edit).await;
    let theme_action = form
        .match_indices(&format!("{edit}/themas/"))
        .map(|(at, _)| {
            let rest = &form[at..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .filter(|action| !action.ends_with("/verwijderen"))
        .nth(1)
        .expect("the second theme's form");
    let saved = app
        .post_form(
            &edit,
            &theme_action,
            &[
                ("name", "Open Informatie"),
                ("name_translation", "Open Information"),
                ("slug", "open-informatie"),
                ("description", ""),
                ("description_translation", ""),
            ],
        )
        .await;
    assert_eq!(saved.status().as_u16(), 303);

    let page = app.get_html(&edit).await;
    assert!(page.contains("Vertaling compleet"), "{page}");
    assert!(!page.contains("Nog te vertalen"));
    let english = app
        .new_visitor()
        .get_html(&format!("/processen/{SLUG}?lang=en"))
        .await;
    assert!(english.contains("<p>We write the plan together.</p>"));
    assert!(english.contains(">Open Information</a>"));
}

#[tokio::test]
async fn a_translation_that_breaks_the_rules_comes_back_with_its_error_and_everything_typed() {
    let app = spawn_app().await;
    let edit = translated_process(&app).await;
    let too_long = "Open Government ".repeat(13); // 208 characters; a title holds 200.
    let response = app
        .post_form(
            &edit,
            &edit,
            &[
                ("title", "Actieplan Open Overheid 2030 (nieuw)"),
                ("title_translation", &too_long),
                ("slug", SLUG),
                ("summary", "Nieuwe samenvatting."),
                ("summary_translation", "New summary."),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.unwrap();
    assert!(
        page.contains("Titel (Engels)"),
        "the field's label in the error"
    );
    assert!(
        page.contains("href=\"#veld-title_translation\""),
        "summary links the field: {page}"
    );
    assert!(page.contains(too_long.trim_end()));
    assert!(page.contains("value=\"Actieplan Open Overheid 2030 (nieuw)\""));
    assert!(page.contains(">Nieuwe samenvatting.</textarea>"));
    assert!(page.contains(">New summary.</textarea>"));

    // A theme's translation with a control character, on the new-theme form.
    let response = app
        .post_form(
            &edit,
            &format!("{edit}/themas"),
            &[
                ("name", "Open Inkoop"),
                ("name_translation", "Open\u{7}Procurement"),
                ("slug", ""),
                ("description", "Contracten."),
                ("description_translation", "Contracts."),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("Naam van het thema (Engels)"));
    assert!(page.contains("value=\"Open Inkoop\""));
    assert!(page.contains(">Contracts.</textarea>"));

    // Nothing was saved: the English page still has the old title.
    let english = app
        .new_visitor()
        .get_html(&format!("/processen/{SLUG}?lang=en"))
        .await;
    assert!(english.contains("Open Government Action Plan 2030</h1>"));
    assert!(!english.contains("Open Procurement"));
}

#[tokio::test]
async fn the_english_demo_process_pages_show_english_titles_phases_and_themes() {
    let app = spawn_app().await;
    app.load_demo().await;
    let english = app.new_visitor();
    let page = english
        .get_html("/processen/actieplan-open-overheid-2026?lang=en")
        .await;
    assert!(page.contains("<h1 class=\"utrecht-heading-1\">Open Government Action Plan 2026</h1>"));
    for text in [
        ">Exploration</h3>",
        ">Online consultation</h3>",
        ">Open Democracy</a>",
        ">Open Technology</a>",
        "The online consultation is open now.",
    ] {
        assert!(page.contains(text), "{text}");
    }
    let archive = english
        .get_html("/processen/actieplan-open-overheid-2020-2022")
        .await;
    assert!(archive.contains("Open Government Action Plan 2020-2022</h1>"));
    assert!(archive.contains(">Open Procurement</a>"));
    let home = english.get_html("/").await;
    assert!(home.contains(">Open Government Action Plan 2026</a>"));
}
