//! Statements per public page (issue #22), counted by `Db::statement_count` around one request
//! on the demo content, both engines. A page read from memory costs the content-version check
//! and nothing else; within the check interval not even that.
//!
//! Background jobs share the counter, so each figure is the least of a few tries.

use crate::helpers::{TestApp, spawn_app, spawn_app_with};
use inspraak_store::{consultation, process};

/// A cached page, checked against the version on every request: one statement (the version).
const CACHED_BUDGET: u64 = 1;
/// A cached page within the check interval: no statement at all.
const WITHIN_INTERVAL_BUDGET: u64 = 0;

/// Statements the demo's public pages cost when read from the database (the first visit, or
/// with the cache off), written next to the pages; the cached figure is checked against
/// `CACHED_BUDGET`. Figures measured on the demo content, the larger of the two engines (the
/// home page costs 8 on SQLite, 9 on PostgreSQL).
const COLD_BUDGETS: &[(&str, u64)] = &[
    ("/", 9),
    ("process", 13),
    ("theme", 11),
    ("consultation", 5),
    ("/agenda", 4),
    ("outcome", 4),
    // 7 since the action plan read model (introduction and included ideas, one query each,
    // where the page before read the ideas of each action point separately).
    ("plan", 7),
];

async fn statements(app: &TestApp, path: &str) -> u64 {
    let mut least = u64::MAX;
    for _ in 0..3 {
        let before = app.db.statement_count();
        let response = app.get(path).await;
        let after = app.db.statement_count();
        assert_eq!(response.status().as_u16(), 200, "{path}");
        least = least.min(after - before);
    }
    least
}

/// The demo's public pages, named as in `COLD_BUDGETS`.
async fn demo_pages(app: &TestApp) -> Vec<(&'static str, String)> {
    let conn = app.db.read();
    let process = process::list_with_status(conn, inspraak_domain::ProcessStatus::Published)
        .await
        .unwrap()
        .remove(0);
    let p = format!("/processen/{}", process.slug);
    let theme = process::themes(conn, process.id).await.unwrap().remove(0);
    let consultation = consultation::admin::list_for_process(conn, process.id)
        .await
        .unwrap()
        .remove(0);
    vec![
        ("/", "/".to_owned()),
        ("process", p.clone()),
        ("theme", format!("{p}/themas/{}", theme.slug)),
        (
            "consultation",
            format!("{p}/consultatie/{}", consultation.id),
        ),
        ("/agenda", "/agenda".to_owned()),
        ("outcome", format!("{p}/uitkomsten")),
        ("plan", format!("{p}/actieplan")),
    ]
}

#[tokio::test]
async fn a_cached_public_page_costs_one_statement_and_none_within_the_interval() {
    let app = spawn_app().await;
    app.load_demo().await;
    let visitor = app.new_visitor();
    let quiet = visitor
        .sibling(&[("INSPRAAK_CONTENT_CHECK_MS", "10000")])
        .await;
    for (name, path) in demo_pages(&app).await {
        visitor.get(&path).await;
        let cached = statements(&visitor, &path).await;
        println!("{name}: {cached} statement(s) cached");
        assert!(cached <= CACHED_BUDGET, "{path}: {cached} statements");
        quiet.get(&path).await;
        let within = statements(&quiet, &path).await;
        assert!(
            within == WITHIN_INTERVAL_BUDGET,
            "{path}: {within} statements"
        );
    }
}

#[tokio::test]
async fn public_pages_read_from_the_database_stay_within_their_budgets() {
    let app = spawn_app_with(&[("INSPRAAK_CONTENT_CHECK_MS", "off")]).await;
    app.load_demo().await;
    let visitor = app.new_visitor();
    for (name, path) in demo_pages(&app).await {
        let cold = statements(&visitor, &path).await;
        let budget = COLD_BUDGETS
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(0, |(_, b)| *b);
        println!("{name}: {cold} statement(s) uncached (budget {budget})");
        assert!(cold <= budget, "{path}: {cold} statements, budget {budget}");
    }
}
