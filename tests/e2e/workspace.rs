//! The organiser workspace (issue 18): the dashboard's counts match what people sent in and
//! link to the work; every organiser page is reached by clicking from `/beheer` (links are
//! read from the pages, never built here); every organiser page has breadcrumbs ending in the
//! current page, and a process's pages mark their section in the sub-navigation.

use crate::consultation::{self, EVERY_KIND, post};
use crate::helpers::{TestApp, spawn_app};
use chrono::Duration;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// Every `href` in a page, entities decoded.
fn hrefs(html: &str) -> Vec<String> {
    html.split(" href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|h| h.replace("&amp;", "&"))
        .collect()
}

/// The count shown on the dashboard link to `href` labelled `label`, if there is one.
fn count_for(html: &str, href: &str, label: &str) -> Option<u64> {
    let marker = format!("<a href=\"{href}\"><span class=\"attention__count\">");
    html.match_indices(&marker).find_map(|(at, _)| {
        let rest = &html[at + marker.len()..];
        let (count, rest) = rest.split_once("</span>")?;
        let label_here = rest
            .strip_prefix(" <span class=\"attention__label\">")?
            .split('<')
            .next()?;
        (label_here == label).then(|| count.parse().ok())?
    })
}

/// The inside of the first `<nav class="{class}" …>` element.
fn nav<'a>(html: &'a str, class: &str) -> Option<&'a str> {
    let start = html.find(&format!("<nav class=\"{class}\""))?;
    let end = html[start..].find("</nav>")? + start;
    Some(&html[start..end])
}

/// Breadcrumbs: a labelled nav with an ordered list whose last item (only) is the current page.
fn check_breadcrumbs(url: &str, html: &str) -> Vec<String> {
    let crumbs =
        nav(html, "utrecht-breadcrumb-nav").unwrap_or_else(|| panic!("{url}: no breadcrumbs"));
    assert!(crumbs.contains("aria-label=\"Kruimelpad\""), "{url}");
    assert!(
        crumbs.contains("<ol class=\"utrecht-breadcrumb-nav__list"),
        "{url}: crumbs are an ordered list"
    );
    assert_eq!(
        crumbs.matches("aria-current=\"page\"").count(),
        1,
        "{url}: {crumbs}"
    );
    let items: Vec<&str> = crumbs
        .split("<li class=\"utrecht-breadcrumb-nav__item\">")
        .skip(1)
        .collect();
    assert!(
        items.last().unwrap().contains("aria-current=\"page\""),
        "{url}: the last crumb is the current page"
    );
    assert!(
        items[0].contains("href=\"/beheer\""),
        "{url}: the trail starts at Beheer"
    );
    hrefs(crumbs)
}

/// The organiser GET routes, read from the route sources like
/// `grep -rn '#\[get("/beheer' crates/inspraak-web/src/routes`.
fn organiser_routes() -> Vec<String> {
    fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let source = std::fs::read_to_string(&path).unwrap();
                for rest in source.split("#[get(\"/beheer").skip(1) {
                    let tail = rest.split('"').next().unwrap();
                    out.push(format!("/beheer{tail}"));
                }
            }
        }
    }
    let mut routes = Vec::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    walk(&root.join("crates/inspraak-web/src/routes"), &mut routes);
    routes.sort();
    routes
}

/// Whether `path` (no query) fits a route pattern; `{x}` stands for one segment, and a segment
/// like `reacties.{format}` for `reacties.` followed by something.
fn fits(pattern: &str, path: &str) -> bool {
    let (p, s): (Vec<&str>, Vec<&str>) = (pattern.split('/').collect(), path.split('/').collect());
    p.len() == s.len()
        && p.iter().zip(&s).all(|(p, s)| match p.find('{') {
            Some(at) => s.len() > at && s.starts_with(&p[..at]),
            None => p == s,
        })
}

/// The most specific route a path fits (fewest placeholders).
fn route_of<'a>(routes: &'a [String], path: &str) -> Option<&'a String> {
    routes
        .iter()
        .filter(|r| fits(r, path))
        .min_by_key(|r| r.matches('{').count())
}

#[tokio::test]
async fn the_dashboard_counts_what_is_waiting_and_links_to_the_work() {
    let app = spawn_app().await;
    let secret = app.login_as_organiser().await;

    // Two ideas from a visitor wait for moderation.
    let ideas = crate::ideas::setup(&app).await;
    let visitor = app.new_visitor();
    for title in ["Open data in de wijk", "Meer inspraak online"] {
        let sent = ideas
            .submit(
                &visitor,
                &[("title", title), ("body", "Uitleg."), ("name", "")],
            )
            .await;
        assert_eq!(sent.status().as_u16(), 303);
    }
    // Two responses to an open consultation, from two people.
    let c = consultation::setup(&app, &EVERY_KIND).await;
    for _ in 0..2 {
        let person = app.new_visitor();
        let form = c.open_form(&person).await;
        app.clock.advance(Duration::seconds(10));
        let sent = post(&person, &form, &c.full_answers(), &[]).await;
        assert_eq!(sent.status().as_u16(), 303);
    }

    let dashboard = app.get_html("/beheer").await;
    let moderation = format!("/beheer/processen/{}/ideeen#moderatie", ideas.process);
    assert_eq!(
        count_for(&dashboard, &moderation, "Ideeën die wachten op moderatie"),
        Some(2),
        "{dashboard}"
    );
    let responses = format!("/beheer/consultaties/{}/reacties", c.consultation);
    assert_eq!(
        count_for(
            &dashboard,
            &responses,
            "Nieuwe reacties in de laatste 7 dagen"
        ),
        Some(2)
    );
    assert_eq!(
        count_for(
            &dashboard,
            &responses,
            "Reacties nog niet gekoppeld aan een rode draad of actiepunt"
        ),
        Some(2)
    );
    let outcomes = format!("/beheer/consultaties/{}/uitkomsten", c.consultation);
    assert!(
        !dashboard.contains(&format!("href=\"{outcomes}\"")),
        "still open"
    );
    assert!(nav(&dashboard, "workspace-nav").is_some());

    // The count's link leads to the moderation queue holding both ideas.
    let queue = app.get_html(moderation.split('#').next().unwrap()).await;
    assert!(queue.contains("id=\"moderatie\""));
    assert!(queue.contains("Open data in de wijk") && queue.contains("Meer inspraak online"));
    let trail = check_breadcrumbs("ideeen", &queue);
    assert_eq!(
        trail,
        vec![
            "/beheer".to_owned(),
            format!("/beheer/processen/{}", ideas.process),
            format!("/beheer/processen/{}/ideeen", ideas.process),
        ]
    );
    let sections = nav(&queue, "subnav").unwrap();
    assert!(sections.contains("aria-label=\"Onderdelen van dit traject\""));
    assert!(sections.contains(&format!(
        "<a href=\"/beheer/processen/{}/ideeen\" aria-current=\"page\">Ideeën en forum</a>",
        ideas.process
    )));
    assert_eq!(sections.matches("aria-current").count(), 1);

    // Eight days on the consultation has closed: its responses are no longer new, and the
    // unpublished outcome is what needs doing.
    app.clock.advance(Duration::days(8));
    let login = app
        .login_with_code("organisator@example.nl", "een lang wachtwoord", &secret)
        .await;
    assert_eq!(login.status().as_u16(), 303, "logged in again");
    let dashboard = app.get_html("/beheer").await;
    assert!(dashboard.contains("class=\"process-card\""), "{dashboard}");
    assert_eq!(
        count_for(
            &dashboard,
            &responses,
            "Nieuwe reacties in de laatste 7 dagen"
        ),
        None
    );
    assert_eq!(
        count_for(
            &dashboard,
            &outcomes,
            "Gesloten, maar de uitkomst is nog niet gepubliceerd"
        ),
        Some(1)
    );
}

/// Visits at most this many URLs per route (the demo has thousands of responses and ideas).
const PER_ROUTE: usize = 2;

/// Organiser pages that are not workspace pages: the preview shows the citizen's form as a
/// citizen sees it (a link back to the builder, no organiser trail).
const NO_TRAIL: &[&str] = &["/beheer/consultaties/{id}/voorbeeld"];

#[tokio::test]
async fn every_organiser_page_is_reached_by_clicking_from_the_dashboard() {
    let app: TestApp = spawn_app().await;
    app.load_demo().await;
    app.login_as_organiser().await;
    let routes = organiser_routes();
    assert!(routes.len() > 25, "{routes:?}");

    let mut reached: BTreeMap<String, usize> = BTreeMap::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut queue = VecDeque::from(["/beheer".to_owned()]);
    while let Some(url) = queue.pop_front() {
        let path = url.split('?').next().unwrap().to_owned();
        let route = route_of(&routes, &path)
            .unwrap_or_else(|| panic!("{url} is linked but no GET route serves it"))
            .clone();
        let visits = reached.entry(route.clone()).or_default();
        if *visits >= PER_ROUTE {
            continue;
        }
        *visits += 1;
        let response = app.get(&url).await;
        assert_eq!(response.status().as_u16(), 200, "{url}");
        let html_page = response
            .headers()
            .get("content-type")
            .is_some_and(|v| v.to_str().unwrap().starts_with("text/html"));
        if !html_page {
            continue;
        }
        let html = response.text().await.unwrap();
        if !NO_TRAIL.contains(&route.as_str()) {
            check_breadcrumbs(&url, &html);
            let in_process = [
                "/beheer/processen/{id}",
                "/beheer/consultaties/",
                "/beheer/bijeenkomsten/{id}",
                "/beheer/inbreng/",
            ]
            .iter()
            .any(|prefix| route.starts_with(prefix));
            if in_process {
                let sections = nav(&html, "subnav")
                    .unwrap_or_else(|| panic!("{url}: no process sub-navigation"));
                assert_eq!(
                    sections.matches("aria-current").count(),
                    1,
                    "{url}: one section is current"
                );
            }
        }
        for href in hrefs(&html) {
            let href = href.split('#').next().unwrap().to_owned();
            // Only the workspace, and not the language switch (it would change the labels).
            if href.starts_with("/beheer") && !href.contains("lang=") && seen.insert(href.clone()) {
                queue.push_back(href);
            }
        }
    }
    let missing: Vec<&String> = routes
        .iter()
        .filter(|r| !reached.contains_key(*r))
        .collect();
    assert!(
        missing.is_empty(),
        "organiser pages no link from /beheer leads to: {missing:?}"
    );
}
