//! The link graph: can each kind of user reach every page by clicking? For each role's start page
//! (visitor `/`, organiser `/beheer`, forum member `/forum`, action holder `/actiehouder`) the test
//! crawls same-origin links breadth-first (`a[href]`, GET forms submitted with their defaults, and
//! what a browser loads with a page: stylesheets, scripts, feeds), never submitting a POST form and
//! never following logout. Every GET route the app registers must be reached by some role, except
//! the entry points listed in `NOT_LINKED` (reached from a mail, by a form submission, or by
//! machines). A new route that nothing links to fails this test. Crawled pages must not answer
//! 5xx, and a link that answers 404 is a broken link.
//!
//! The list of routes is read from the source at test time: the `#[get("…")]` attributes (and any
//! `#[route(…, method = "GET")]`, `web::resource(…)` with a GET route, `.route(…, web::get())`)
//! in crates/inspraak-web/src. The source is the registry: there is no second list to forget.

mod html;

use crate::helpers::{TestApp, spawn_app};
use html::{forms, links};
use inspraak_domain::Role;
use inspraak_store::process;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::path::Path;

/// GET routes nobody reaches by clicking from a start page, each with why.
const NOT_LINKED: &[(&str, &str)] = &[
    // Machines, not people.
    ("/healthz", "liveness probe for the container orchestrator"),
    ("/readyz", "readiness probe for the container orchestrator"),
    // Open data for programs: described in the OpenAPI document (linked in every page's footer),
    // where programs find them; a page for people would link the JSON itself.
    (
        "/api/v1/processen",
        "open-data list of processes, described in /api/v1/openapi.json",
    ),
    (
        "/api/v1/processen/{slug}",
        "open data of one process, described in /api/v1/openapi.json",
    ),
    (
        "/api/v1/processen/{slug}/ideeen",
        "open data of a process's public ideas, described in /api/v1/openapi.json",
    ),
    (
        "/api/v1/processen/{slug}/actiepunten",
        "open data of a process's action plan, described in /api/v1/openapi.json",
    ),
    // Only from a mail.
    (
        "/aanmelding/bevestigen/{token}",
        "session sign-up confirmation link in the sign-up mail",
    ),
    (
        "/aanmelding/annuleren/{token}",
        "cancel link in the sign-up mails",
    ),
    (
        "/inbreng/{token}",
        "personal 'what became of my input' page: secret link in the receipt mail and on the receipt page",
    ),
    (
        "/inbreng/afmelden/{key}/{mac}",
        "unsubscribe link in the traceability notices",
    ),
    (
        "/volgen/{id}/{mac}/bevestigen",
        "confirmation link in the 'follow this process' mail",
    ),
    (
        "/volgen/{id}/{mac}/afmelden",
        "unsubscribe link in the follow digests",
    ),
    (
        "/wachtwoord-herstellen/{token}",
        "password reset link in the reset mail",
    ),
    (
        "/forum/uitnodiging/{token}",
        "forum invitation link in the invitation mail",
    ),
    (
        "/uitnodiging/{token}",
        "staff account invitation link in the invitation mail (organiser, action holder)",
    ),
    (
        "/gegevens-wissen/{token}",
        "erase-my-data link in the consultation receipt mail",
    ),
    // Only after submitting a form (the redirect of a POST).
    (
        "/processen/{slug}/consultatie/{id}/ontvangen/{response}/{code}",
        "receipt page after submitting a consultation response",
    ),
    // Linked from nowhere any more: a bookmark of a receipt from before migration 000028.
    (
        "/processen/{slug}/consultatie/{id}/ontvangen/{code}",
        "old receipt address (perhaps bookmarked), redirects to the one with the response's id",
    ),
    (
        "/processen/{slug}/ideeen/ontvangen",
        "thank-you page after submitting an idea",
    ),
    (
        "/bijeenkomsten/{id}/aangemeld",
        "thank-you page after signing up for a session",
    ),
    (
        "/agenda/bijeenkomst-aanmelden/bedankt",
        "thank-you page after proposing a session",
    ),
    (
        "/forum/aanmelden/bedankt",
        "thank-you page after asking to join the stakeholder forum",
    ),
    (
        "/processen/{slug}/actieplan/bestellen/bedankt",
        "thank-you page after ordering a printed action plan",
    ),
    (
        "/contact/bedankt",
        "thank-you page after sending a message with the contact form",
    ),
    (
        "/inloggen/code",
        "second login step, after the password step of an account with two-step verification",
    ),
];

/// At most this many distinct URLs per route pattern, and pages per role: enough to see every
/// kind of page the start page leads to, without reading every idea of the demo.
const PER_PATTERN: usize = 6;
const PER_ROLE: usize = 1500;

// ---------------------------------------------------------------------------------------------
// The routes, from the source.

#[derive(Debug)]
struct Route {
    pattern: String,
    /// Per path segment, its parts: literal text or a placeholder (`{id}`).
    segments: Vec<Vec<Part>>,
}

#[derive(Debug, PartialEq)]
enum Part {
    Literal(String),
    Placeholder,
}

impl Route {
    fn new(pattern: &str) -> Route {
        let segments = pattern
            .split('/')
            .map(|segment| {
                let mut parts = Vec::new();
                let mut rest = segment;
                while let Some(open) = rest.find('{') {
                    if open > 0 {
                        parts.push(Part::Literal(rest[..open].to_owned()));
                    }
                    let close = rest[open..].find('}').map_or(rest.len(), |c| open + c + 1);
                    parts.push(Part::Placeholder);
                    rest = &rest[close..];
                }
                if !rest.is_empty() {
                    parts.push(Part::Literal(rest.to_owned()));
                }
                parts
            })
            .collect();
        Route {
            pattern: pattern.to_owned(),
            segments,
        }
    }

    /// Whether a path (no query) matches: placeholders take one or more characters of a segment.
    fn matches(&self, path: &str) -> bool {
        let segments: Vec<&str> = path.split('/').collect();
        segments.len() == self.segments.len()
            && self
                .segments
                .iter()
                .zip(&segments)
                .all(|(parts, segment)| segment_matches(parts, segment))
    }

    /// Literal characters: the most specific pattern wins (`/beheer/processen/nieuw` over
    /// `/beheer/processen/{id}`), as actix tries the fixed route first.
    fn specificity(&self) -> usize {
        self.segments
            .iter()
            .flatten()
            .map(|p| match p {
                Part::Literal(text) => text.len(),
                Part::Placeholder => 0,
            })
            .sum()
    }
}

fn segment_matches(parts: &[Part], text: &str) -> bool {
    match parts.split_first() {
        None => text.is_empty(),
        Some((Part::Literal(literal), rest)) => text
            .strip_prefix(literal.as_str())
            .is_some_and(|after| segment_matches(rest, after)),
        Some((Part::Placeholder, rest)) => {
            (1..=text.len()).any(|n| text.is_char_boundary(n) && segment_matches(rest, &text[n..]))
        }
    }
}

/// The first string literal in `text`.
fn string_literal(text: &str) -> Option<String> {
    let start = text.find('"')? + 1;
    let end = text[start..].find('"')? + start;
    Some(text[start..end].to_owned())
}

/// Every GET route registered in the source files under `dir`, with the file it is in.
fn get_routes(dir: &Path, found: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("routes directory")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            get_routes(&path, found);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let source = std::fs::read_to_string(&path).expect("source file");
        // Comments do not register routes.
        let code: String = source
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let file = path.display().to_string();
        let mut add = |pattern: Option<String>| {
            let pattern = pattern.unwrap_or_else(|| panic!("unreadable route in {file}"));
            found.push((pattern, file.clone()));
        };
        for (at, _) in code.match_indices("#[get(") {
            add(string_literal(&code[at..]));
        }
        for (at, _) in code.match_indices("#[route(") {
            let attribute = &code[at..at + code[at..].find(")]").unwrap_or(0)];
            if attribute.contains("\"GET\"") {
                add(string_literal(attribute));
            }
        }
        for (at, _) in code.match_indices("web::resource(") {
            // The resource's chain up to the end of the statement.
            let chain = &code[at..at + code[at..].find(';').unwrap_or(code.len() - at)];
            if chain.contains("web::get()") || chain.contains("Method::GET") {
                add(string_literal(chain));
            }
        }
        for (at, _) in code.match_indices(".route(\"") {
            let call = &code[at..at + code[at..].find(';').unwrap_or(code.len() - at)];
            if call.contains("web::get()") {
                add(string_literal(call));
            }
        }
        assert!(
            !code.contains("web::scope("),
            "{file} registers routes under a web::scope: teach link_graph.rs to prefix them"
        );
    }
}

fn registered_routes() -> Vec<Route> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/inspraak-web/src");
    let mut found = Vec::new();
    get_routes(&src, &mut found);
    let patterns: BTreeSet<String> = found.into_iter().map(|(p, _)| p).collect();
    assert!(
        patterns.len() > 50 && patterns.contains("/") && patterns.contains("/beheer"),
        "reading the routes from the source went wrong: {patterns:?}"
    );
    patterns.iter().map(|p| Route::new(p)).collect()
}

fn route_of<'a>(routes: &'a [Route], path: &str) -> Option<&'a Route> {
    routes
        .iter()
        .filter(|r| r.matches(path))
        .max_by_key(|r| r.specificity())
}

// ---------------------------------------------------------------------------------------------
// The crawl.

#[derive(Default)]
struct Findings {
    /// Route pattern → (role, first URL that reached it).
    reached: BTreeMap<String, (String, String)>,
    server_errors: Vec<String>,
    broken: Vec<String>,
    start_problems: Vec<String>,
    /// 4xx other than 404 (e.g. a link to a page this role may not see): shown, not failed.
    notes: Vec<String>,
}

/// The same-origin path (with query, no fragment) a link points to, seen from `from`.
fn resolve(from: &str, href: &str) -> Option<String> {
    let base = reqwest::Url::parse("http://app.invalid")
        .ok()?
        .join(from)
        .ok()?;
    let mut target = base.join(href).ok()?;
    if target.host_str() != Some("app.invalid") {
        return None;
    }
    target.set_fragment(None);
    Some(match target.query() {
        Some(q) => format!("{}?{q}", target.path()),
        None => target.path().to_owned(),
    })
}

async fn crawl(app: &TestApp, role: &str, start: &str, routes: &[Route], f: &mut Findings) {
    let mut queue: VecDeque<(String, String)> = VecDeque::from([(start.to_owned(), String::new())]);
    let mut seen: BTreeSet<String> = BTreeSet::from([start.to_owned()]);
    let mut per_pattern: HashMap<String, usize> = HashMap::new();
    let mut fetched = 0;
    while let Some((url, from)) = queue.pop_front() {
        if fetched >= PER_ROLE {
            f.notes.push(format!(
                "{role}: stopped after {PER_ROLE} pages, {} links not followed",
                queue.len() + 1
            ));
            break;
        }
        let path = url.split('?').next().unwrap_or_default();
        let route = route_of(routes, path);
        if let Some(r) = route {
            let count = per_pattern.entry(r.pattern.clone()).or_default();
            if *count >= PER_PATTERN {
                continue;
            }
            *count += 1;
        }
        fetched += 1;
        let response = app.get(&url).await;
        let status = response.status().as_u16();
        let link = if from.is_empty() {
            format!("{url} (start page of the {role})")
        } else {
            format!("{url} (linked from {from}, as {role})")
        };
        if from.is_empty() && status != 200 {
            f.start_problems
                .push(format!("{role}: start page {url} answers {status}"));
        }
        if status >= 500 {
            f.server_errors.push(format!("{status} {link}"));
        } else if status == 404 && !from.is_empty() {
            f.broken.push(link.clone());
        } else if (400..500).contains(&status) && !from.is_empty() {
            f.notes.push(format!("{status} {link}"));
        }
        if status < 400
            && let Some(r) = route
        {
            f.reached
                .entry(r.pattern.clone())
                .or_insert_with(|| (role.to_owned(), url.clone()));
        }
        let location = response
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .map(str::to_owned);
        let html = response
            .headers()
            .get("content-type")
            .and_then(|c| c.to_str().ok())
            .is_some_and(|c| c.starts_with("text/html"));
        let body = if html {
            response.text().await.unwrap_or_default()
        } else {
            String::new()
        };
        let targets = location.into_iter().chain(links(&body));
        for target in targets.filter_map(|href| resolve(&url, &href)) {
            // Logging out ends the crawl's session; the language switch (`?lang=`) shows the
            // same page in the other language.
            let skip = target.starts_with("/uitloggen")
                || target.contains("?lang=")
                || target.contains("&lang=");
            if !skip && seen.insert(target.clone()) {
                queue.push_back((target, url.clone()));
            }
        }
    }
}

/// The first link on `page` whose path starts with `prefix` and goes further.
async fn first_link(app: &TestApp, page: &str, prefix: &str) -> String {
    let html = app.get_html(page).await;
    links(&html)
        .into_iter()
        .find(|l| l.starts_with(prefix) && l.len() > prefix.len() && !l.contains("/nieuw"))
        .unwrap_or_else(|| panic!("{page} has no link starting with {prefix}"))
}

/// Submits the POST form on `page` that has a field `field`, with `value` in it.
async fn submit_with(app: &TestApp, page: &str, field: &str, value: &str) {
    let html = app.get_html(page).await;
    let mut form = forms(&html)
        .into_iter()
        .find(|f| f.method == "post" && f.fields.iter().any(|(name, _)| name == field))
        .unwrap_or_else(|| panic!("{page} has no form with a field {field}"));
    for (name, v) in &mut form.fields {
        if name == field {
            *v = value.to_owned();
        }
    }
    let response = app
        .client
        .post(app.url(&form.action))
        .form(&form.fields)
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status().as_u16(),
        303,
        "submitting {field} on {page}"
    );
}

/// What a site in use has and the demo does not: a document on the current process, an action
/// point linked to the holder's account, and a forum comment young enough to edit. Set up
/// through the forms; none of it counts as reached (only the crawls do).
async fn content_in_use(app: &TestApp, organiser: &TestApp, member: &TestApp, holder: &str) {
    let current = process::find_by_slug(app.db.read(), "actieplan-open-overheid-2026")
        .await
        .unwrap()
        .expect("demo process");
    let uploaded = crate::publications::upload(
        organiser,
        current.id,
        "Startnotitie",
        Some(("startnotitie.pdf", &crate::publications::pdf_bytes(2000))),
    )
    .await;
    assert_eq!(uploaded.status().as_u16(), 303, "document upload");

    let archived = process::find_by_slug(app.db.read(), "actieplan-open-overheid-2020-2022")
        .await
        .unwrap()
        .expect("demo process");
    let points = format!("/beheer/processen/{}/actiepunten/", archived.id);
    let point = first_link(organiser, &points[..points.len() - 1], &points).await;
    submit_with(organiser, &point, "holder_account", holder).await;

    let ideas = format!("/processen/{}/ideeen/", archived.slug);
    let idea = first_link(member, &ideas[..ideas.len() - 1], &ideas).await;
    submit_with(member, &idea, "body", "Een reactie van het forum.").await;
}

#[tokio::test]
async fn every_get_route_is_reached_by_clicking_from_a_start_page() {
    let routes = registered_routes();
    let app = spawn_app().await;
    app.load_demo().await;
    let mut findings = Findings::default();

    let visitor = app.new_visitor();
    let organiser = app.new_visitor();
    organiser.login_as_organiser().await;
    let member = app.new_visitor();
    member
        .create_account("lid@example.nl", "een lang wachtwoord", Role::ForumMember)
        .await;
    let login = member.login("lid@example.nl", "een lang wachtwoord").await;
    assert_eq!(login.status().as_u16(), 303, "forum member login");
    // A forum member lands on their start page when logging in (issue 18).
    let landing = login.headers()["location"].to_str().unwrap_or_default();
    if landing != "/forum" {
        findings.start_problems.push(format!(
            "forum member: logging in lands on {landing}, not on /forum"
        ));
    }
    let holder = app.new_visitor();
    holder
        .create_account(
            "houder@example.nl",
            "een lang wachtwoord",
            Role::ActionHolder,
        )
        .await;
    let login = holder
        .login("houder@example.nl", "een lang wachtwoord")
        .await;
    assert_eq!(login.status().as_u16(), 303, "action holder login");
    content_in_use(&app, &organiser, &member, "houder@example.nl").await;

    crawl(&visitor, "visitor", "/", &routes, &mut findings).await;
    crawl(&organiser, "organiser", "/beheer", &routes, &mut findings).await;
    crawl(&member, "forum member", "/forum", &routes, &mut findings).await;
    crawl(
        &holder,
        "action holder",
        "/actiehouder",
        &routes,
        &mut findings,
    )
    .await;

    let excepted: BTreeMap<&str, &str> = NOT_LINKED.iter().copied().collect();
    let unreached: Vec<&str> = routes
        .iter()
        .map(|r| r.pattern.as_str())
        .filter(|p| !findings.reached.contains_key(*p) && !excepted.contains_key(p))
        .collect();
    // An exception that is reached after all, or no longer a route, is out of date.
    let stale: Vec<String> = NOT_LINKED
        .iter()
        .filter_map(|(p, _)| {
            if !routes.iter().any(|r| r.pattern == *p) {
                Some(format!("{p}: no longer a route"))
            } else {
                findings
                    .reached
                    .get(*p)
                    .map(|(role, url)| format!("{p}: reached by the {role} at {url}"))
            }
        })
        .collect();

    println!(
        "Reached {} of {} GET routes:",
        findings.reached.len(),
        routes.len()
    );
    for (pattern, (role, url)) in &findings.reached {
        println!("  {pattern}  ({role}: {url})");
    }
    for note in &findings.notes {
        println!("note: {note}");
    }
    let mut problems = Vec::new();
    let mut section = |title: &str, items: Vec<String>| {
        if !items.is_empty() {
            problems.push(format!("{title}:\n  {}", items.join("\n  ")));
        }
    };
    section(
        "start pages that do not answer 200",
        findings.start_problems.clone(),
    );
    section(
        "GET routes no role reaches by clicking (link to them, or add them to NOT_LINKED with why)",
        unreached.iter().map(|p| (*p).to_owned()).collect(),
    );
    section("server errors", findings.server_errors.clone());
    section("broken links (404)", findings.broken.clone());
    section("NOT_LINKED entries that are out of date", stale);
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n\n"));
}

#[test]
fn route_patterns_match_as_actix_does() {
    let export = Route::new("/beheer/consultaties/{id}/export/reacties.{format}");
    assert!(export.matches("/beheer/consultaties/12/export/reacties.ods"));
    assert!(!export.matches("/beheer/consultaties/12/export/themas.ods"));
    assert!(!export.matches("/beheer/consultaties/12/export/reacties."));
    let process = Route::new("/processen/{slug}");
    assert!(process.matches("/processen/a"));
    assert!(!process.matches("/processen/a/b"));
    assert!(!process.matches("/processen/"));
    let routes = [
        Route::new("/beheer/processen/{id}"),
        Route::new("/beheer/processen/nieuw"),
    ];
    assert_eq!(
        route_of(&routes, "/beheer/processen/nieuw")
            .unwrap()
            .pattern,
        "/beheer/processen/nieuw"
    );
    assert!(Route::new("/").matches("/"));
    assert_eq!(resolve("/p/q", "r").as_deref(), Some("/p/r"));
    assert_eq!(resolve("/p", "https://example.org/x"), None);
    assert_eq!(resolve("/p", "#inhoud").as_deref(), Some("/p"));
}
