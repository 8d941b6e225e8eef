#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The self-evaluation of a closed process on SQLite (and PostgreSQL with `INSPRAAK_TEST_PG`):
//! one row per process, written the first time and replaced after, keeping when it was first
//! published; a missing translation reads as `None`; it goes with its process.

use chrono::{Duration, TimeZone, Utc};
use inspraak_domain::evaluation::NewEvaluation;
use inspraak_domain::{NewProcess, Translated, UserId};
use inspraak_store::testing::each_engine;
use inspraak_store::{content_version, evaluation, process};

fn noon() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 6, 12, 0, 0)
        .single()
        .unwrap()
}

#[tokio::test]
async fn saving_again_replaces_the_text_and_keeps_the_first_publication() {
    each_engine(|t| async move {
        let conn = t.db.write();
        let new = NewProcess::parse("Actieplan 2018", "", "Het derde plan.").unwrap();
        let id = process::insert(conn, &new, noon()).await.unwrap();
        assert_eq!(evaluation::find(conn, id).await.unwrap(), None);

        let first = NewEvaluation::parse("Goed gegaan.", "Went well.").unwrap();
        evaluation::save(conn, id, &first, UserId(1), noon())
            .await
            .unwrap();
        let saved = evaluation::find(conn, id).await.unwrap().unwrap();
        assert_eq!(
            saved.body,
            Translated::new("Goed gegaan.", Some("Went well.".into()))
        );
        assert_eq!(saved.published_at, noon());

        // The archived process's public page shows it: a change refreshes cached pages.
        let before = content_version::current(t.db.read()).await.unwrap();
        let later = noon() + Duration::days(3);
        let second = NewEvaluation::parse("Beter dan gedacht.", "").unwrap();
        evaluation::save(conn, id, &second, UserId(1), later)
            .await
            .unwrap();
        let after = content_version::current(t.db.read()).await.unwrap();
        assert!(after > before, "{:?}: {before} → {after}", t.engine);
        let saved = evaluation::find(conn, id).await.unwrap().unwrap();
        assert_eq!(saved.body, Translated::untranslated("Beter dan gedacht."));
        assert_eq!(saved.published_at, noon(), "first publication kept");
        assert_eq!(saved.updated_at, later);
    })
    .await;
}
