//! Issue 21, the feeds as a reader we did not write (`atom_syndication`) sees them: every entry
//! its own id that stays the same (progress updates of one action point too), an empty feed
//! dated by its process, and ETag / Last-Modified answered with 304 so polling costs nothing.

use crate::helpers::{TestApp, spawn_app};
use crate::publications::{publish_report, published_process};
use atom_syndication::Feed;
use inspraak_domain::ProcessId;
use inspraak_store::process;
use std::collections::HashSet;

async fn feed(app: &TestApp, path: &str) -> Feed {
    let response = app.new_visitor().get(path).await;
    assert_eq!(response.status().as_u16(), 200, "{path}");
    let text = response.text().await.unwrap();
    text.parse::<Feed>()
        .unwrap_or_else(|e| panic!("{path} is no Atom feed: {e}\n{text}"))
}

/// A published action point with two progress updates; returns its id.
async fn action_point_with_two_updates(app: &TestApp, process: ProcessId) -> String {
    let points = format!("/beheer/processen/{process}/actiepunten");
    let created = app
        .post_form(
            &points,
            &points,
            &[
                ("title", "Open by design"),
                ("description", "Open werken als standaard."),
                ("theme", ""),
                ("holder", "Ministerie van BZK"),
                ("holder_account", ""),
                ("partners", ""),
                ("status", "in_progress"),
                ("findings", ""),
            ],
        )
        .await;
    assert_eq!(created.status().as_u16(), 303);
    let point = created.headers()["location"]
        .to_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    let page = format!("{points}/{point}");
    for (on, body) in [
        ("2026-11-20", "Subsidieregeling opgesteld."),
        ("2026-11-30", "Subsidie verleend aan drie gemeenten."),
    ] {
        let posted = app
            .post_form(
                &page,
                &format!("{page}/voortgang"),
                &[("on", on), ("body", body)],
            )
            .await;
        assert_eq!(posted.status().as_u16(), 303);
    }
    point
}

#[tokio::test]
async fn every_entry_has_its_own_id_that_stays_the_same() {
    let app = spawn_app().await;
    app.login_as_organiser().await;
    let (process, slug) = published_process(&app).await;
    publish_report(&app, process, "Update 1").await;
    let point = action_point_with_two_updates(&app, process).await;

    for path in [
        format!("/processen/{slug}/feed.atom"),
        "/feed.atom".to_owned(),
    ] {
        let first = feed(&app, &path).await;
        let ids: Vec<&str> = first.entries().iter().map(|e| e.id()).collect();
        assert_eq!(ids.len(), 3, "{path}: {ids:?}");
        let unique: HashSet<&str> = ids.iter().copied().collect();
        assert_eq!(unique.len(), 3, "{path}: ids repeat: {ids:?}");
        let updates: Vec<&str> = ids
            .iter()
            .copied()
            .filter(|id| id.contains(&format!("/actiepunten/{point}#")))
            .collect();
        assert_eq!(updates.len(), 2, "{path}: {ids:?}");
        // Each entry links to the action point, though its id is its own.
        for entry in first.entries() {
            assert!(entry.id().starts_with(&app.address), "{}", entry.id());
            assert!(!entry.links().is_empty());
        }

        // Fetched again: the same ids.
        let again = feed(&app, &path).await;
        let ids_again: Vec<&str> = again.entries().iter().map(|e| e.id()).collect();
        assert_eq!(ids, ids_again, "{path}");
    }
    // Something new: the earlier entries keep their ids.
    let path = format!("/processen/{slug}/feed.atom");
    let before: HashSet<String> = feed(&app, &path)
        .await
        .entries()
        .iter()
        .map(|e| e.id().to_owned())
        .collect();
    publish_report(&app, process, "Update 2").await;
    let after: HashSet<String> = feed(&app, &path)
        .await
        .entries()
        .iter()
        .map(|e| e.id().to_owned())
        .collect();
    assert_eq!(after.len(), 4);
    assert!(before.is_subset(&after), "{before:?} / {after:?}");
}

#[tokio::test]
async fn an_empty_feed_is_dated_by_its_process_not_1970() {
    let app = spawn_app().await;
    let (process, slug) = published_process(&app).await;
    let changed = process::find(app.db.read(), process)
        .await
        .unwrap()
        .unwrap()
        .updated_at;
    for path in [
        format!("/processen/{slug}/feed.atom"),
        "/feed.atom".to_owned(),
    ] {
        let feed = feed(&app, &path).await;
        assert!(feed.entries().is_empty(), "{path}");
        assert_eq!(
            feed.updated().timestamp(),
            changed.timestamp(),
            "{path}: {}",
            feed.updated()
        );
    }
}

#[tokio::test]
async fn feeds_answer_conditional_requests_with_304() {
    let app = spawn_app().await;
    app.login_as_organiser().await;
    let (process, slug) = published_process(&app).await;
    publish_report(&app, process, "Update 1").await;
    for path in [
        format!("/processen/{slug}/feed.atom"),
        "/feed.atom".to_owned(),
    ] {
        let reader = app.new_visitor();
        let first = reader.get(&path).await;
        assert_eq!(first.status().as_u16(), 200);
        let etag = first.headers()["etag"].to_str().unwrap().to_owned();
        let last_modified = first.headers()["last-modified"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(etag.starts_with('"') && etag.ends_with('"'), "{etag}");
        assert!(last_modified.ends_with(" GMT"), "{last_modified}");

        let conditional = |name: &'static str, value: String| {
            let url = app.url(&path);
            async move {
                crate::helpers::client()
                    .get(url)
                    .header(name, value)
                    .send()
                    .await
                    .unwrap()
            }
        };
        let unchanged = conditional("if-none-match", etag.clone()).await;
        assert_eq!(unchanged.status().as_u16(), 304, "{path}");
        assert_eq!(unchanged.headers()["etag"].to_str().unwrap(), etag);
        assert!(unchanged.bytes().await.unwrap().is_empty());
        // A reader that stores the weak form, or several tags, still gets its 304.
        let weak = conditional("if-none-match", format!("\"other\", W/{etag}")).await;
        assert_eq!(weak.status().as_u16(), 304, "{path}");
        let since = conditional("if-modified-since", last_modified.clone()).await;
        assert_eq!(since.status().as_u16(), 304, "{path}");
        let stale = conditional("if-none-match", "\"stale\"".to_owned()).await;
        assert_eq!(stale.status().as_u16(), 200, "{path}");
        assert!(stale.text().await.unwrap().contains("Update 1"));
        let old = conditional(
            "if-modified-since",
            "Mon, 01 Jan 2001 00:00:00 GMT".to_owned(),
        )
        .await;
        assert_eq!(old.status().as_u16(), 200, "{path}");
    }

    // Something new: the old ETag no longer matches.
    let path = format!("/processen/{slug}/feed.atom");
    let before = app.new_visitor().get(&path).await;
    let etag = before.headers()["etag"].to_str().unwrap().to_owned();
    publish_report(&app, process, "Update 2").await;
    let after = crate::helpers::client()
        .get(app.url(&path))
        .header("if-none-match", etag.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(after.status().as_u16(), 200);
    assert_ne!(after.headers()["etag"].to_str().unwrap(), etag);
    assert!(after.text().await.unwrap().contains("Update 2"));
}
