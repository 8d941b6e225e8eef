//! WCAG 2.1 SC 3.1.2 (language of parts): what organisers wrote is in the content language
//! (Dutch by default). On an English page it carries `lang="nl"`, so a screen reader reads it
//! with a Dutch voice; on a Dutch page nothing is added (the html element's `lang` fits).

use crate::helpers::{TestApp, escape, spawn_app, tags_around};
use inspraak_store::{ConnectionTrait, consultation, outcomes, process};

const SLUG: &str = "actieplan-open-overheid-2020-2022";

async fn demo_app() -> TestApp {
    let app = spawn_app().await;
    app.load_demo().await;
    app
}

/// Every element that holds exactly `text` is marked Dutch, and there is at least one.
fn assert_marked_dutch(html: &str, text: &str) {
    let tags = tags_around(html, text);
    assert!(
        !tags.is_empty(),
        "'{text}' not found as an element's content"
    );
    for tag in tags {
        assert!(
            tag.contains(" lang=\"nl\""),
            "'{text}' in {tag} is not marked"
        );
    }
}

/// On a Dutch page only the html element says `lang="nl"`.
fn assert_only_html_is_dutch(html: &str) {
    assert_eq!(html.matches("lang=\"nl\"").count(), 1, "{html}");
    assert!(html.contains("<html lang=\"nl\">"));
}

#[tokio::test]
async fn organiser_content_is_marked_dutch_on_english_pages_and_left_alone_on_dutch_ones() {
    let app = demo_app().await;
    let process = process::find_by_slug(app.db.read(), SLUG)
        .await
        .unwrap()
        .unwrap();
    let consultation_id = *outcomes::published_for_process(app.db.read(), process.id)
        .await
        .unwrap()
        .first()
        .expect("the demo publishes an outcome");
    let consultation = consultation::find(app.db.read(), consultation_id)
        .await
        .unwrap()
        .unwrap();
    let themes = process::themes(app.db.read(), process.id).await.unwrap();
    let process_path = format!("/processen/{SLUG}");
    let outcome_path = format!("/processen/{SLUG}/uitkomsten/{consultation_id}");

    let english = app.new_visitor();
    let page = english.get_html(&format!("{process_path}?lang=en")).await;
    assert!(page.contains("<html lang=\"en\">"));
    // The demo's process and themes have an English translation: shown, and not marked Dutch.
    let title = process
        .title
        .translation
        .as_deref()
        .expect("the demo translates it");
    assert!(page.contains(&format!(
        "<h1 class=\"utrecht-heading-1\">{}</h1>",
        escape(title)
    )));
    let theme = themes[0]
        .name
        .translation
        .as_deref()
        .expect("the demo translates it");
    assert!(page.contains(&format!(">{}</a>", escape(theme))));
    assert!(!page.contains(&format!(">{}<", escape(&process.title.main))));

    let page = english.get_html(&outcome_path).await;
    assert!(page.contains("<html lang=\"en\">"));
    // The consultation's title has its English translation: shown unmarked.
    let english_title = consultation
        .title
        .translation
        .as_deref()
        .expect("demo English");
    assert!(page.contains(&format!("{}</h1>", escape(english_title))));
    assert!(!page.contains(&format!("<span lang=\"nl\">{}", escape(english_title))));
    // So has the process's title.
    let english_process = process.title.translation.as_deref().expect("demo English");
    assert!(page.contains(&escape(english_process)));
    // A theme's name in the data table and as a chart label: the demo translates it, so the
    // English name, unmarked (the fallback is `a_theme_without_translation_…` below).
    assert!(page.contains("<th scope=\"row\">Open Technology</th>"));
    let chart_label = tags_around(&page, "Open Technology")
        .into_iter()
        .any(|tag| tag.starts_with("<text ") && !tag.contains(" lang="));
    assert!(chart_label, "chart label in English, unmarked");
    assert!(tags_around(&page, "Open Technologie").is_empty());
    // A recurring thread the organiser wrote, translated: unmarked.
    assert!(page.contains(">We build the network together</h3>"));

    // The open consultation's form: its title and the question prompts (legends, labels).
    let page = english
        .get_html("/processen/actieplan-open-overheid-2026/consultatie")
        .await;
    // The demo gives the form's title and questions in English: nothing of them is marked.
    assert!(
        page.contains("<h1 class=\"utrecht-heading-1\">Online consultation"),
        "consultation title"
    );
    assert!(
        page.contains(
            "class=\"utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend\">Which themes"
        ),
        "question prompts"
    );

    let dutch = app.new_visitor();
    let page = dutch.get_html(&process_path).await;
    assert!(page.contains(&format!(
        "<h1 class=\"utrecht-heading-1\">{}</h1>",
        escape(&process.title.main)
    )));
    assert_only_html_is_dutch(&page);
    let page = dutch
        .get_html("/processen/actieplan-open-overheid-2026/consultatie")
        .await;
    assert!(page.contains(
        "class=\"utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend\">"
    ));
    assert_only_html_is_dutch(&page);
    let page = dutch.get_html(&outcome_path).await;
    assert!(page.contains("<th scope=\"row\">Open Technologie</th>"));
    assert_only_html_is_dutch(&page);
}

#[tokio::test]
async fn english_content_is_marked_on_dutch_pages_when_organisers_write_english() {
    let app = crate::helpers::spawn_app_with(&[("INSPRAAK_CONTENT_LANGUAGE", "en")]).await;
    app.load_demo().await;
    // The demo's translations are English (it assumes Dutch content): without them, the main
    // text stands in on the Dutch page.
    app.db
        .write()
        .execute_unprepared("UPDATE processes SET title_translation = NULL")
        .await
        .unwrap();
    let process = process::find_by_slug(app.db.read(), SLUG)
        .await
        .unwrap()
        .unwrap();
    let page = app.get_html(&format!("/processen/{SLUG}")).await;
    assert!(page.contains(&format!(
        "<h1 class=\"utrecht-heading-1\" lang=\"en\">{}</h1>",
        escape(&process.title.main)
    )));
    let page = app.get_html(&format!("/processen/{SLUG}?lang=en")).await;
    assert!(page.contains(&format!(
        "<h1 class=\"utrecht-heading-1\">{}</h1>",
        escape(&process.title.main)
    )));
}

/// The organiser clears a theme's translation by the real form: the English outcome page then
/// shows its Dutch name, marked, in the data table and the chart.
#[tokio::test]
async fn a_theme_without_translation_is_shown_in_dutch_and_marked_on_english_outcomes() {
    let app = demo_app().await;
    let process = process::find_by_slug(app.db.read(), SLUG)
        .await
        .unwrap()
        .unwrap();
    let theme = process::themes(app.db.read(), process.id)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.name.main == "Open Technologie")
        .expect("the demo theme");
    let consultation_id = *outcomes::published_for_process(app.db.read(), process.id)
        .await
        .unwrap()
        .first()
        .unwrap();
    let org = app.new_visitor();
    org.login_as_organiser().await;
    let edit = format!("/beheer/processen/{}", process.id);
    let description = theme
        .description
        .as_ref()
        .map(|d| d.main.clone())
        .unwrap_or_default();
    let saved = org
        .post_form(
            &edit,
            &format!("{edit}/themas/{}", theme.id),
            &[
                ("name", "Open Technologie"),
                ("name_translation", ""),
                ("slug", theme.slug.as_str()),
                ("description", description.as_str()),
                ("description_translation", ""),
            ],
        )
        .await;
    assert_eq!(saved.status().as_u16(), 303);

    let english = app.new_visitor();
    english
        .get_html(&format!("/processen/{SLUG}?lang=en"))
        .await;
    let page = english
        .get_html(&format!("/processen/{SLUG}/uitkomsten/{consultation_id}"))
        .await;
    assert!(page.contains("<th scope=\"row\" lang=\"nl\">Open Technologie</th>"));
    assert_marked_dutch(&page, "Open Technologie");
    let chart_label = tags_around(&page, "Open Technologie")
        .into_iter()
        .any(|tag| tag.starts_with("<text ") && tag.contains(" lang=\"nl\""));
    assert!(chart_label, "chart label marked");
    // No stale translation in the table or the chart (the demo's English texts may still
    // mention the theme in their own words).
    assert!(!page.contains("<th scope=\"row\">Open Technology</th>"));
    assert!(
        !tags_around(&page, "Open Technology")
            .iter()
            .any(|tag| tag.starts_with("<text ")),
        "no stale chart label"
    );
}
