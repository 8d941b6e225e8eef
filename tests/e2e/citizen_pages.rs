//! The citizen's way to outcomes, on the demo content: the process page leads to the published
//! outcome, the action plan and the latest news; a closed consultation says what happened next;
//! a theme page gathers its figures, threads, ideas, sessions and action points (each checked
//! against the store); the home page gives each open thing one button; error pages are whole
//! pages in the visitor's language.

use crate::helpers::{TestApp, spawn_app};
use inspraak_domain::ideas::{ActionPointStatus, IdeaSort};
use inspraak_domain::session::SignupStatus;
use inspraak_store::consultation::{self, admin};
use inspraak_store::ideas::{self, ListQuery, action_points};
use inspraak_store::outcomes::{self, figures};
use inspraak_store::process::{self, Process};
use inspraak_store::session::{self, AgendaScope};

const OLD: &str = "actieplan-open-overheid-2020-2022";
const NEW: &str = "actieplan-open-overheid-2026";

async fn demo() -> TestApp {
    let app = spawn_app().await;
    app.load_demo().await;
    app
}

async fn process(app: &TestApp, slug: &str) -> Process {
    process::find_by_slug(app.db.read(), slug)
        .await
        .unwrap()
        .unwrap()
}

/// The 2020 consultation and whether its outcome is published (the demo publishes it).
async fn old_consultation(app: &TestApp) -> consultation::Consultation {
    let old = process(app, OLD).await;
    let c = admin::list_for_process(app.db.read(), old.id)
        .await
        .unwrap()
        .remove(0);
    let state = outcomes::state(app.db.read(), c.id).await.unwrap();
    assert!(
        state.published_at.is_some(),
        "the demo publishes the 2020 outcome"
    );
    c
}

/// How often `needle` occurs in `haystack`.
fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[tokio::test]
async fn the_2020_process_page_leads_to_the_published_outcome_the_action_plan_and_the_latest_news()
{
    let app = demo().await;
    let c = old_consultation(&app).await;
    let page = app.get_html(&format!("/processen/{OLD}")).await;
    let results = &page[page
        .find("id=\"inbreng-resultaat\"")
        .expect("results block")..];
    let outcome_href = format!("href=\"/processen/{OLD}/uitkomsten/{}\"", c.id);
    assert!(results.contains(&outcome_href), "links to the outcome");
    assert!(
        results.contains("Aantal reacties: 48"),
        "the participation count (48 is above the minimum group)"
    );
    assert!(results.contains(&format!("href=\"/processen/{OLD}/actieplan\"")));
    // The plan summary counts the public action points per status.
    let old = process(&app, OLD).await;
    let points: Vec<_> = action_points::list_for_process(app.db.read(), old.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|p| p.status != ActionPointStatus::Draft)
        .collect();
    assert!(!points.is_empty());
    let done = points
        .iter()
        .filter(|p| p.status == ActionPointStatus::Done)
        .count();
    assert!(
        results.contains(&format!("{} actiepunten", points.len()))
            || (points.len() == 1 && results.contains("1 actiepunt")),
        "{results}"
    );
    if done > 0 {
        assert!(results.contains(&format!("{done} afgerond")));
    }
    // Latest news: at most three entries into the timeline, and the way to all of it.
    let news_start = results.find("id=\"laatste-nieuws\"").unwrap();
    let news = &results[news_start..];
    let news = &news[..news.find("</ul>").unwrap_or(news.len())];
    let entries = count(news, &format!("href=\"/processen/{OLD}/voortgang#"));
    assert!((1..=3).contains(&entries), "{entries} entries: {news}");
    assert!(results.contains(&format!("href=\"/processen/{OLD}/voortgang\"")));
    // In English too.
    let en = app.get_html(&format!("/processen/{OLD}?lang=en")).await;
    assert!(en.contains("Number of responses: 48") && en.contains("See the action plan"));
}

#[tokio::test]
async fn a_closed_consultation_links_to_its_outcome_and_says_not_saved_only_after_a_post() {
    let app = demo().await;
    let c = old_consultation(&app).await;
    let outcome_href = format!("href=\"/processen/{OLD}/uitkomsten/{}\"", c.id);
    for path in [
        format!("/processen/{OLD}/consultatie"),
        format!("/processen/{OLD}/consultatie/{}", c.id),
    ] {
        let response = app.get(&path).await;
        assert_eq!(response.status().as_u16(), 200);
        let page = response.text().await.unwrap();
        assert!(page.contains("Deze consultatie is gesloten"), "{path}");
        assert!(page.contains("Wat er nu gebeurt"), "{path}");
        assert!(page.contains(&outcome_href), "{path} links to the outcome");
        assert!(
            !page.contains("niet opgeslagen"),
            "{path}: a visit saved nothing"
        );
    }
    // Someone who really posted to the closed form is told, and keeps what they typed.
    let question = consultation::questions(app.db.read(), c.id).await.unwrap();
    let field = question
        .iter()
        .find(|q| {
            matches!(
                q.kind,
                inspraak_domain::consultation::QuestionKind::LongText
                    | inspraak_domain::consultation::QuestionKind::ShortText
            )
        })
        .map(|q| q.field());
    let mut fields = vec![];
    if let Some(field) = &field {
        fields.push((field.as_str(), "Mijn late reactie"));
    }
    let posted = app
        .post_form(
            "/inloggen",
            &format!("/processen/{OLD}/consultatie/{}", c.id),
            &fields,
        )
        .await;
    assert_eq!(posted.status().as_u16(), 410);
    let page = posted.text().await.unwrap();
    assert!(page.contains("Je reactie is niet opgeslagen"));
    assert!(page.contains(&outcome_href));
    if field.is_some() {
        assert!(page.contains("Mijn late reactie"));
    }
}

#[tokio::test]
async fn a_consultation_closed_without_a_published_outcome_says_the_organisers_work_on_it() {
    let app = demo().await;
    let c = old_consultation(&app).await;
    outcomes::set_published(app.db.write(), c.id, false, app.clock.now())
        .await
        .unwrap();
    let page = app.get_html(&format!("/processen/{OLD}/consultatie")).await;
    assert!(page.contains("De organisatoren werken aan de uitkomst"));
    assert!(!page.contains(&format!("/uitkomsten/{}", c.id)));
    assert!(page.contains(&format!("href=\"/processen/{OLD}/volgen\"")));
    let process_page = app.get_html(&format!("/processen/{OLD}")).await;
    assert!(process_page.contains("is gesloten. De organisatoren werken aan de uitkomst."));
    assert!(!process_page.contains(&format!("/uitkomsten/{}\"", c.id)));
}

#[tokio::test]
async fn a_theme_page_shows_the_figures_threads_ideas_sessions_and_action_points_of_its_theme() {
    let app = demo().await;
    let conn = app.db.read();
    let old = process(&app, OLD).await;
    let c = old_consultation(&app).await;
    let themes = process::themes(conn, old.id).await.unwrap();
    let min_group = app.state.settings.min_group_size;
    // The demo's threads name no theme; one that does, so the thread check below has a case.
    let tech = themes
        .iter()
        .find(|t| t.name.main == "Open Technologie")
        .unwrap();
    outcomes::add_thread(
        app.db.write(),
        c.id,
        outcomes::ThreadTexts::untranslated(
            "Algoritmes in de openbaarheid",
            "Veel mensen vroegen om een register.",
        ),
        &[tech.id],
    )
    .await
    .unwrap();
    let mut threads_seen = 0;
    // Every theme of the 2020 process: its page against the store.
    for theme in &themes {
        let page = app
            .get_html(&format!("/processen/{OLD}/themas/{}", theme.slug))
            .await;
        let section = |id: &str| -> String {
            let start = page.find(&format!("id=\"{id}\"")).expect(id);
            let rest = &page[start..];
            rest[..rest.find("</section>").unwrap()].to_owned()
        };
        // Figures: the theme's row of the outcome's theme question, protected as a group.
        let f = figures::load(conn, &c).await.unwrap();
        let figures_html = section("cijfers");
        for q in &f.questions {
            if let figures::Body::Themes {
                themes: rows,
                other,
                ..
            } = &q.body
            {
                let at = rows.iter().position(|r| r.theme == theme.id).unwrap();
                let counts: Vec<i64> = rows.iter().map(|r| r.chosen).chain([*other]).collect();
                let shown = min_group.protect_group(&counts)[at];
                assert!(
                    figures_html.contains(&format!("<td class=\"num\">{shown}</td>")),
                    "{}: chosen {shown} in {figures_html}",
                    theme.name.main
                );
            }
        }
        // Threads of the published outcome that name this theme, and no others.
        let threads_html = section("rode-draden");
        for thread in outcomes::threads(conn, c.id).await.unwrap() {
            let mention = format!(">{}</h3>", thread.title.main);
            threads_seen += usize::from(threads_html.contains(&mention));
            assert_eq!(
                threads_html.contains(&mention),
                thread.themes.contains(&theme.id),
                "{}: thread {}",
                theme.name.main,
                thread.title.main
            );
        }
        // Public ideas on the theme.
        let (ideas, total) = ideas::public_page(
            conn,
            &ListQuery {
                process: old.id,
                theme: Some(theme.id),
                search: None,
                sort: IdeaSort::Newest,
                page: 0,
                per_page: 5,
            },
        )
        .await
        .unwrap();
        let ideas_html = section("ideeen");
        for idea in &ideas {
            assert!(ideas_html.contains(&format!("/ideeen/{}\"", idea.id)));
        }
        assert_eq!(ideas_html.contains("Er zijn nog geen ideeën"), total == 0);
        if total > 0 {
            assert!(
                ideas_html.contains(&format!("Ideeën: {total} ·")),
                "{ideas_html}"
            );
        }
        // Sessions on the theme.
        let agenda = session::agenda(conn, app.clock.now(), AgendaScope::Theme(theme.id))
            .await
            .unwrap();
        for e in agenda.upcoming.iter().chain(&agenda.past) {
            assert!(page.contains(&format!("/bijeenkomsten/{}\"", e.session.id)));
        }
        if agenda.upcoming.is_empty() && agenda.past.is_empty() {
            assert!(page.contains("Er zijn geen bijeenkomsten over dit thema."));
        }
        // Public action points on the theme, and none of another theme.
        let points_html = section("actiepunten");
        for point in action_points::list_for_process(conn, old.id).await.unwrap() {
            let link = format!("/actiepunten/{}\"", point.id);
            let expected =
                point.theme_id == Some(theme.id) && point.status != ActionPointStatus::Draft;
            assert_eq!(
                points_html.contains(&link),
                expected,
                "{}",
                point.title.main
            );
        }
    }
    // The checks above were not only about empty sections: Open Technologie has the thread,
    // an idea, past sessions and an action point in the demo.
    let mentions: usize = outcomes::threads(conn, c.id)
        .await
        .unwrap()
        .iter()
        .map(|t| t.themes.len())
        .sum();
    assert_eq!(threads_seen, mentions);
    assert!(mentions >= 1);
    let page = app
        .get_html(&format!("/processen/{OLD}/themas/{}", tech.slug))
        .await;
    for part in [
        "Algoritmes in de openbaarheid",
        "/actiepunten/",
        "/ideeen/",
        "/bijeenkomsten/",
    ] {
        assert!(page.contains(part), "{part}");
    }
}

#[tokio::test]
async fn the_home_page_gives_each_open_thing_one_button() {
    let app = demo().await;
    let conn = app.db.read();
    let new = process(&app, NEW).await;
    let home = app.get_html("/").await;
    let open = &home[home.find("id=\"nu-open\"").expect("open-now block")..];
    let open = &open[..open.find("</section>").unwrap()];
    // The open consultation of 2026.
    assert_eq!(
        count(
            open,
            &format!(
                "class=\"utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action\" href=\"/processen/{NEW}/consultatie\""
            )
        ),
        1
    );
    assert_eq!(count(open, ">Vul de consultatie in<"), 1);
    // One "Meld je aan" per session open for sign-up.
    let agenda = session::agenda(conn, app.clock.now(), AgendaScope::All)
        .await
        .unwrap();
    let open_sessions: Vec<_> = agenda
        .upcoming
        .iter()
        .filter(|e| e.session.schedule.signup_status(app.clock.now()) == SignupStatus::Open)
        .collect();
    assert_eq!(count(open, ">Meld je aan<"), open_sessions.len());
    for e in &open_sessions {
        assert!(open.contains(&format!("href=\"/bijeenkomsten/{}\"", e.session.id)));
    }
    // Ideas, when the idea phase is open.
    let ideas_open = count(open, &format!("href=\"/processen/{NEW}/ideeen/nieuw\""));
    assert_eq!(count(open, ">Deel je idee<"), ideas_open);
    // Following: one per current process; archived ones are not in the block.
    let current = process::list_with_status(conn, inspraak_domain::ProcessStatus::Published)
        .await
        .unwrap();
    assert_eq!(count(open, ">Volg dit proces<"), current.len());
    assert!(open.contains(&format!("href=\"/processen/{}/volgen\"", new.slug)));
    assert!(!open.contains(OLD));
    // The block comes before the list of processes.
    assert!(home.find("id=\"nu-open\"").unwrap() < home.find("id=\"lopend\"").unwrap());
}

fn assert_full_page(page: &str, lang: &str) {
    assert!(page.contains(&format!("<html lang=\"{lang}\"")), "{page}");
    assert!(
        page.contains("<header class=\"utrecht-page-header\""),
        "header"
    );
    assert!(page.contains("<nav"), "navigation");
    assert!(
        page.contains("<footer class=\"utrecht-page-footer\""),
        "footer"
    );
    assert!(page.contains("href=\"/\""), "a way home");
}

#[tokio::test]
async fn a_404_and_a_429_are_full_pages_in_the_visitors_language_with_a_way_back() {
    let app = spawn_app().await;
    let response = app.get("/bestaat-niet?lang=en").await;
    assert_eq!(response.status().as_u16(), 404);
    let page = response.text().await.unwrap();
    assert_full_page(&page, "en");
    assert!(page.contains("Page not found") && page.contains("Go to the home page"));
    // A 404 from a handler (unknown process), with the page the visitor came from.
    let response = app
        .client
        .get(app.url("/processen/bestaat-niet"))
        .header("Referer", app.url("/agenda"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 404);
    let page = response.text().await.unwrap();
    assert_full_page(&page, "en"); // the language cookie from the first request
    assert!(page.contains("href=\"/agenda\"") && page.contains("Back to the previous page"));
    // A referrer from another site is not offered.
    let response = app
        .client
        .get(app.url("/processen/bestaat-niet?lang=nl"))
        .header("Referer", "https://elders.example/agenda")
        .send()
        .await
        .unwrap();
    let page = response.text().await.unwrap();
    assert_full_page(&page, "nl");
    assert!(page.contains("Pagina niet gevonden") && !page.contains("elders.example"));

    // 429: guessing trace links past the limit.
    let visitor = app.new_visitor();
    let max = inspraak_web::routes::traceability::public::MAX_MISSES;
    for n in 0..max {
        visitor.get(&format!("/inbreng/{:0>43}", n)).await;
    }
    let response = visitor.get(&format!("/inbreng/{:0>43}?lang=en", max)).await;
    assert_eq!(response.status().as_u16(), 429);
    assert!(response.headers().contains_key("retry-after"));
    let page = response.text().await.unwrap();
    assert_full_page(&page, "en");
    assert!(page.contains("Error code 429"));
}

#[tokio::test]
async fn a_refused_form_is_a_full_page_with_the_way_back_to_the_form() {
    let app = spawn_app().await;
    app.get("/?lang=en").await;
    // No CSRF token: refused by the visitor middleware before any handler.
    let response = app
        .client
        .post(app.url("/uitloggen"))
        .header("Referer", app.url("/account"))
        .form(&[("x", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 403);
    let page = response.text().await.unwrap();
    assert_full_page(&page, "en");
    assert!(page.contains("Form expired") && page.contains("href=\"/account\""));
}

#[tokio::test]
async fn a_refused_form_from_a_visitor_without_cookies_is_bilingual_in_the_full_layout() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/uitloggen"))
        .form(&[("x", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 403);
    let page = response.text().await.unwrap();
    assert_full_page(&page, "nl");
    assert!(page.contains("Formulier verlopen") && page.contains("Form expired"));
    assert!(page.contains("<div lang=\"en\">"));
}

#[tokio::test]
async fn the_overload_503_is_a_full_page_bilingual_or_in_the_language_the_request_names() {
    // The one place in flight is held by a download whose client stopped reading (a half-sent
    // form body holds none: see slow_clients.rs).
    let (app, path) = crate::slow_clients::app_with_a_large_document(
        &[("INSPRAAK_QUEUE_WAIT_MS", "0")],
        20 * 1024 * 1024,
    )
    .await;
    let (held, _) = crate::slow_clients::stalled_download(&app, &path).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let busy = app.new_visitor().get("/").await;
    assert_eq!(busy.status().as_u16(), 503);
    assert_eq!(busy.headers()["retry-after"], "5");
    let page = busy.text().await.unwrap();
    assert_full_page(&page, "nl");
    assert!(page.contains("Het is even druk") && page.contains("It is busy right now"));
    let busy = app.new_visitor().get("/agenda?lang=en").await;
    assert_eq!(busy.status().as_u16(), 503);
    assert_eq!(busy.headers()["retry-after"], "5");
    let page = busy.text().await.unwrap();
    assert_full_page(&page, "en");
    assert!(page.contains("It is busy right now") && !page.contains("Het is even druk"));
    drop(held);
}
