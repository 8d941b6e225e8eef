//! Public pages from memory (issue #22, `read::cache`): random organiser changes through the
//! real app, and after each one every cached public page — on the instance that made the change
//! and on a second instance on the same database — equals the page a third instance renders
//! from the database (`INSPRAAK_CONTENT_CHECK_MS=off`). Also the 304 answers, the staleness bound
//! across instances, and that logged-in pages stay uncached.

use crate::helpers::{TestApp, form_fields, spawn_app};
use chrono::{Duration, NaiveDateTime};
use inspraak_domain::ProcessStatus;
use inspraak_store::consultation::{self, responses};
use inspraak_store::process;
use inspraak_store::session::{self, AgendaScope};

/// A small reproducible random source (the seed is printed, `CACHE_SEED` replays it).
struct Rng(u64);

impl Rng {
    fn from_env() -> Rng {
        let seed = std::env::var("CACHE_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| u64::from(uuid::Uuid::new_v4().as_u64_pair().0 as u32) | 1);
        println!("public cache property test: CACHE_SEED={seed}");
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Blanks what differs between two renders of the same page for the same visitor: the form's
/// one-time key and signed start time.
fn normalised(html: &str) -> String {
    let mut out = html.to_owned();
    for name in ["idempotency_key", "form_started"] {
        let marker = format!("name=\"{name}\" value=\"");
        let mut from = 0;
        while let Some(at) = out[from..].find(&marker) {
            let start = from + at + marker.len();
            let end = out[start..].find('"').map_or(out.len(), |e| e + start);
            out.replace_range(start..end, "");
            from = start;
        }
    }
    out
}

/// Every public page the cache serves, for the content now in the database.
async fn public_pages(app: &TestApp) -> Vec<String> {
    let conn = app.db.read();
    let mut pages = vec!["/".to_owned(), "/agenda".to_owned()];
    for process in process::list_all(conn).await.unwrap() {
        let p = format!("/processen/{}", process.slug);
        for suffix in ["", "/uitkomsten", "/actieplan", "/consultatie"] {
            pages.push(format!("{p}{suffix}"));
        }
        for theme in process::themes(conn, process.id).await.unwrap() {
            pages.push(format!("{p}/themas/{}", theme.slug));
            pages.push(format!("/agenda?thema={}", theme.id));
        }
        for c in consultation::admin::list_for_process(conn, process.id)
            .await
            .unwrap()
        {
            pages.push(format!("{p}/consultatie/{}", c.id));
            pages.push(format!("{p}/uitkomsten/{}", c.id));
        }
    }
    pages
}

async fn page(app: &TestApp, path: &str) -> (u16, String) {
    let response = app.get(path).await;
    let status = response.status().as_u16();
    (status, normalised(&response.text().await.unwrap()))
}

/// Compares every public page of the cached instances with the uncached one.
async fn assert_coherent(cached: &[&TestApp], fresh: &TestApp, step: &str) {
    for path in public_pages(fresh).await {
        let expected = page(fresh, &path).await;
        for (n, app) in cached.iter().enumerate() {
            let got = page(app, &path).await;
            assert!(
                got == expected,
                "after {step}: instance {n} serves a stale {path} ({} vs fresh {})",
                got.0,
                expected.0
            );
        }
    }
}

/// One random organiser change, made through the organiser pages; returns what it did.
async fn random_change(organiser: &TestApp, rng: &mut Rng, round: usize) -> String {
    let conn = organiser.db.read();
    let all = process::list_all(conn).await.unwrap();
    let process = &all[rng.below(all.len())];
    let consultations = consultation::admin::list_for_process(conn, process.id)
        .await
        .unwrap();
    let edit = format!("/beheer/processen/{}", process.id);
    match rng.below(6) {
        0 => {
            let html = organiser.get_html(&edit).await;
            let mut fields = form_fields(&html, &edit);
            for (name, value) in &mut fields {
                if name == "title" {
                    *value = format!("Titel {round} van {}", process.id);
                }
            }
            post(organiser, &edit, &fields).await;
            format!("edit title of process {}", process.id)
        }
        1 => {
            let path = format!("{edit}/themas");
            let name = format!("Thema ronde {round}");
            let fields = [
                ("name", name.as_str()),
                ("slug", ""),
                ("description", "Nieuw."),
            ];
            let fields: Vec<_> = fields
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect();
            post(organiser, &path, &fields).await;
            format!("add theme to process {}", process.id)
        }
        2 => {
            let status = [ProcessStatus::Published, ProcessStatus::Archived][rng.below(2)];
            let fields = vec![("status".to_owned(), status.as_str().to_owned())];
            post(organiser, &format!("{edit}/status"), &fields).await;
            format!("set process {} {}", process.id, status.as_str())
        }
        3 if !consultations.is_empty() => {
            let c = &consultations[rng.below(consultations.len())];
            let published = ["0", "1"][rng.below(2)];
            let path = format!("/beheer/consultaties/{}/uitkomsten/publicatie", c.id);
            post(organiser, &path, &[("published".into(), published.into())]).await;
            format!("publish={published} outcome of consultation {}", c.id)
        }
        4 => {
            let agenda = session::agenda(conn, organiser.clock.now(), AgendaScope::All)
                .await
                .unwrap();
            let all: Vec<_> = agenda.upcoming.iter().chain(&agenda.past).collect();
            if all.is_empty() {
                return "nothing (no session to move)".into();
            }
            let session = &all[rng.below(all.len())].session;
            let path = format!("/beheer/bijeenkomsten/{}", session.id);
            let html = organiser.get_html(&path).await;
            let mut fields = form_fields(&html, &path);
            let days = [-2i64, 1, 3][rng.below(3)];
            for (name, value) in &mut fields {
                if let Ok(at) = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M")
                    && (name == "starts_at" || name == "ends_at")
                {
                    *value = (at + Duration::days(days))
                        .format("%Y-%m-%dT%H:%M")
                        .to_string();
                }
            }
            post(organiser, &path, &fields).await;
            format!("move session {} by {days} days", session.id)
        }
        _ => {
            for c in &consultations {
                let page = responses::list(conn, c.id, 1, 50).await.unwrap();
                if page.rows.is_empty() {
                    continue;
                }
                let row = &page.rows[rng.below(page.rows.len())];
                let hidden = if row.hidden { "0" } else { "1" };
                let path = format!(
                    "/beheer/consultaties/{}/reacties/{}/verbergen",
                    c.id, row.id
                );
                post(organiser, &path, &[("hidden".into(), hidden.into())]).await;
                return format!("hidden={hidden} response {} of {}", row.id, c.id);
            }
            "nothing (no response to hide)".into()
        }
    }
}

/// Gives a process another title through its edit form, as the logged-in organiser.
async fn retitle(organiser: &TestApp, process: &process::Process, title: &str) {
    let edit = format!("/beheer/processen/{}", process.id);
    let mut fields = form_fields(&organiser.get_html(&edit).await, &edit);
    for (name, value) in &mut fields {
        if name == "title" {
            *value = title.into();
        }
    }
    post(organiser, &edit, &fields).await;
}

/// Posts with the organiser's CSRF token; every change is a 303 (or a 422 that changed nothing).
async fn post(organiser: &TestApp, path: &str, fields: &[(String, String)]) {
    let token = crate::helpers::csrf_token(&organiser.get_html("/beheer").await);
    let mut all = vec![("csrf_token".to_owned(), token)];
    all.extend(fields.iter().filter(|(k, _)| k != "csrf_token").cloned());
    let response = organiser
        .client
        .post(organiser.url(path))
        .form(&all)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    assert!(status == 303 || status == 422, "POST {path}: {status}");
}

#[tokio::test]
async fn cached_public_pages_equal_fresh_ones_after_random_organiser_changes() {
    let organiser = spawn_app().await;
    organiser.load_demo().await;
    organiser.login_as_organiser().await;
    // One visitor (one cookie, so one CSRF token) asks all three instances.
    let visitor = organiser.new_visitor();
    let other = visitor.sibling(&[]).await;
    let fresh = visitor
        .sibling(&[("INSPRAAK_CONTENT_CHECK_MS", "off")])
        .await;
    assert_coherent(&[&visitor, &other], &fresh, "loading the demo").await;
    let mut rng = Rng::from_env();
    for round in 0..12 {
        let step = random_change(&organiser, &mut rng, round).await;
        println!("round {round}: {step}");
        assert_coherent(&[&visitor, &other], &fresh, &step).await;
    }
}

#[tokio::test]
async fn another_instance_shows_a_change_within_its_check_interval() {
    let app = spawn_app().await;
    app.load_demo().await;
    // An anonymous visitor of a second instance (the organiser logs in on the first).
    let slow = app
        .new_visitor()
        .sibling(&[("INSPRAAK_CONTENT_CHECK_MS", "300")])
        .await;
    let process = process::list_all(app.db.read()).await.unwrap()[0].clone();
    let path = format!("/processen/{}", process.slug);
    assert!(slow.get_html(&path).await.contains(&process.title.main));
    app.login_as_organiser().await;
    retitle(&app, &process, "Een titel die net is veranderd").await;
    // Within the bound plus a margin for the query, the other instance shows it.
    tokio::time::sleep(std::time::Duration::from_millis(450)).await;
    assert!(
        slow.get_html(&path)
            .await
            .contains("Een titel die net is veranderd")
    );
}

#[tokio::test]
async fn the_instance_that_made_a_change_shows_it_on_its_next_page() {
    let app = spawn_app().await;
    app.load_demo().await;
    // Checks the version only every 10 s, except right after a change made on it.
    let quiet = app.sibling(&[("INSPRAAK_CONTENT_CHECK_MS", "10000")]).await;
    let visitor = quiet.new_visitor();
    let process = process::list_all(app.db.read()).await.unwrap()[0].clone();
    let path = format!("/processen/{}", process.slug);
    assert!(visitor.get_html(&path).await.contains(&process.title.main));
    quiet.login_as_organiser().await;
    retitle(&quiet, &process, "Een titel die net is veranderd").await;
    assert!(
        visitor
            .get_html(&path)
            .await
            .contains("Een titel die net is veranderd"),
        "the next page, well within the interval"
    );
}

#[tokio::test]
async fn an_unchanged_public_page_is_answered_304_until_the_content_changes() {
    let app = spawn_app().await;
    app.load_demo().await;
    let visitor = app.new_visitor();
    let process = process::list_all(app.db.read()).await.unwrap()[0].clone();
    let path = format!("/processen/{}", process.slug);
    let first = visitor.get(&path).await;
    assert_eq!(first.status().as_u16(), 200);
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    let modified = first.headers()["last-modified"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(first.headers()["cache-control"], "private, no-cache");
    let again = |header: &'static str, value: String| {
        let visitor = visitor.clone();
        let path = path.clone();
        async move {
            let r = visitor
                .client
                .get(visitor.url(&path))
                .header(header, value)
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            (status, r.text().await.unwrap())
        }
    };
    assert_eq!(
        again("if-none-match", etag.clone()).await,
        (304, String::new())
    );
    assert_eq!(again("if-modified-since", modified.clone()).await.0, 304);
    assert_eq!(again("if-none-match", "W/\"other\"".into()).await.0, 200);
    // Another visitor's page holds another CSRF token: not this visitor's tag.
    let stranger = app.new_visitor();
    let theirs = stranger.get(&path).await;
    assert_ne!(theirs.headers()["etag"].to_str().unwrap(), etag);
    // A change made elsewhere (here: straight in the store) gives a new tag and the new page.
    process::set_status(
        app.db.write(),
        process.id,
        ProcessStatus::Archived,
        app.clock.now(),
    )
    .await
    .unwrap();
    let (status, body) = again("if-none-match", etag.clone()).await;
    assert_eq!(status, 200);
    assert!(!body.is_empty());
    // Logged in, pages are read afresh and carry no validators.
    app.login_as_organiser().await;
    let organiser_view = app.get(&path).await;
    assert!(organiser_view.headers().get("etag").is_none());
    assert_eq!(organiser_view.headers()["cache-control"], "no-store");
}
