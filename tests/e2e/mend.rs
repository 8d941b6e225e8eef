//! What a first walk-through found (issue 18, "Mend"), each through the real app: the 2020-2022
//! action point page names its ideas once and never "nothing linked" beside them; the organiser's
//! action point form has its own labels; the outcome chart keeps its text at body size on a phone
//! and tables keep words whole; demo items of 2020-2022 carry dates of that period.

use crate::helpers::spawn_app;
use crate::ideas::setup;
use inspraak_domain::traceability::{Contribution, NewLink, Target};
use inspraak_store::ideas::{self, action_points};
use inspraak_store::{process, traceability};

const OLD: &str = "actieplan-open-overheid-2020-2022";

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[tokio::test]
async fn an_action_point_lists_each_idea_behind_it_once_under_its_origin() {
    let app = spawn_app().await;
    app.load_demo().await;
    let conn = app.db.read();
    let process = process::find_by_slug(conn, OLD).await.unwrap().unwrap();
    let points = action_points::list_for_process(conn, process.id)
        .await
        .unwrap();
    let (point, idea) = {
        let mut found = None;
        for point in &points {
            if let Some(idea) = ideas::for_action_point(conn, point.id)
                .await
                .unwrap()
                .into_iter()
                .next()
            {
                found = Some((point.clone(), idea));
                break;
            }
        }
        found.expect("a demo action point with an idea")
    };
    let path = format!("/processen/{OLD}/actiepunten/{}", point.id);
    let page = app.new_visitor().get_html(&path).await;
    assert!(
        !page.contains("Nog geen inbreng gekoppeld"),
        "an idea is behind it: {page}"
    );
    assert!(page.contains("1 idee"), "{page}");
    let link = format!("/processen/{OLD}/ideeen/{}\"", idea.id);
    assert_eq!(count(&page, &link), 1, "{page}");

    // Linking the same idea on the traceability page too still shows it once.
    let linked = traceability::link(
        app.db.write(),
        Contribution::Idea(idea.id),
        &NewLink::parse(
            &Target::ActionPoint(point.id).to_value(),
            "Dit idee staat in het actiepunt.",
        )
        .unwrap(),
        None,
        app.clock.now(),
    )
    .await
    .unwrap();
    assert!(linked);
    let page = app.new_visitor().get_html(&path).await;
    assert_eq!(count(&page, &link), 1, "listed once: {page}");
    assert!(
        page.contains("1 idee") && !page.contains("2 ideeën"),
        "{page}"
    );
}

#[tokio::test]
async fn the_action_point_form_is_labelled_for_an_action_point() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    app.login_as_organiser().await;
    let form = app
        .get_html(&format!("/beheer/processen/{}/actiepunten", s.process))
        .await;
    assert!(form.contains("Titel van het actiepunt"), "{form}");
    assert!(!form.contains("Titel van je idee"), "{form}");
    let english = app
        .get_html(&format!(
            "/beheer/processen/{}/actiepunten?lang=en",
            s.process
        ))
        .await;
    assert!(english.contains("Title of the action point"));
}

#[tokio::test]
async fn outcome_charts_fit_a_phone_column_unscaled_and_tables_keep_words_whole() {
    let app = spawn_app().await;
    app.load_demo().await;
    let list = app.get_html(&format!("/processen/{OLD}/uitkomsten")).await;
    let marker = format!("/processen/{OLD}/uitkomsten/");
    let start = list.find(&marker).unwrap() + marker.len();
    let id: String = list[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let page = app.get_html(&format!("{marker}{id}")).await;
    // A 375 px screen leaves a 343 px column: a chart drawn at most that wide is not scaled
    // down, so its text stays at the size the stylesheet gives it.
    let mut charts = 0;
    for piece in page.split("<svg").skip(1) {
        let width: i64 = piece
            .split("viewBox=\"0 0 ")
            .nth(1)
            .and_then(|v| v.split(' ').next())
            .and_then(|w| w.parse().ok())
            .unwrap();
        assert!(width <= 343, "chart {width} wide");
        charts += 1;
    }
    assert!(charts > 0);
    assert!(page.contains("Open Technologie"));
    assert!(
        page.contains("class=\"table-wrapper figure__table\" tabindex=\"0\" role=\"region\""),
        "a table too wide scrolls in its wrapper"
    );
    let css = app.get_html("/static/inspraak.css").await;
    let rule = |selector: &str| {
        let at = css
            .find(&format!("\n{selector} {{"))
            .unwrap_or_else(|| panic!("no rule {selector}"));
        css[at..].split('}').next().unwrap().to_owned()
    };
    assert!(
        rule(".chart-label, .chart-value").contains("font-size: 17px"),
        "chart text at the body size (1.0625rem)"
    );
    assert!(css.contains("font-size: 1.0625rem"), "the body size");
    let table = rule(".data-table");
    assert!(
        table.contains("overflow-wrap: normal") && !table.contains("anywhere"),
        "no mid-word breaks in tables: {table}"
    );
}

#[tokio::test]
async fn demo_items_of_2020_2022_carry_dates_of_that_period() {
    let app = spawn_app().await;
    app.load_demo().await;
    let conn = app.db.read();
    let process = process::find_by_slug(conn, OLD).await.unwrap().unwrap();
    let in_period = |at: chrono::DateTime<chrono::Utc>| {
        let day = inspraak_domain::time::local_date(at).to_string();
        ("2019-09-01".."2023-01-01").contains(&day.as_str())
    };
    for idea in ideas::all_for_process(conn, process.id).await.unwrap() {
        assert!(in_period(idea.created_at), "idea {}", idea.created_at);
        for comment in inspraak_store::ideas::forum::comments_for(
            conn,
            inspraak_store::ideas::forum::CommentSubject::Idea(idea.id),
        )
        .await
        .unwrap()
        {
            assert!(
                in_period(comment.created_at),
                "comment {}",
                comment.created_at
            );
        }
    }
    for point in action_points::list_for_process(conn, process.id)
        .await
        .unwrap()
    {
        assert!(
            in_period(point.updated_at),
            "action point {}",
            point.updated_at
        );
        for update in action_points::updates(conn, point.id).await.unwrap() {
            assert!(in_period(update.created_at), "update {}", update.created_at);
        }
    }
    // What a visitor reads: the idea list and a session report show 2020 dates, not 2026.
    let list = app.get_html(&format!("/processen/{OLD}/ideeen")).await;
    assert!(list.contains("2020") && !list.contains("2026"), "{list}");
}

#[tokio::test]
async fn wording_fits_the_question_plain_words_for_jargon_and_one_apostrophe() {
    let app = spawn_app().await;
    app.load_demo().await;
    // The demo scale asks how open the government is: its ends say so.
    let form = app
        .get_html("/processen/actieplan-open-overheid-2026/consultatie")
        .await;
    assert!(
        form.contains("1 (helemaal niet open)") && form.contains("5 (heel open)"),
        "{form}"
    );
    assert!(!form.contains("heel erg"), "{form}");
    // The feed link says what it is for.
    let progress = app.get_html(&format!("/processen/{OLD}/voortgang")).await;
    assert!(
        progress.contains("Nieuwsfeed (Atom) voor een feedlezer"),
        "{progress}"
    );
    assert!(!progress.contains(">Atom-feed<"));
    // One apostrophe style in the interface: thema’s, pagina’s.
    let ideas = app.get_html(&format!("/processen/{OLD}/ideeen")).await;
    assert!(
        ideas.contains("Alle thema’s") && !ideas.contains("thema's"),
        "{ideas}"
    );
    // The organiser's process form: "Webadres" with a plain hint, no "slug".
    let org = app.new_visitor();
    org.login_as_organiser().await;
    let new = org.get_html("/beheer/processen/nieuw").await;
    assert!(new.contains("Webadres") && !new.contains("(slug)"), "{new}");
    assert!(new.contains("Het laatste deel van het webadres van de pagina"));
}
