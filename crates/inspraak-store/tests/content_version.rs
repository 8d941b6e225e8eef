#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The content version (migration 000023): every table is either public, with a trigger that
//! bumps the version in the writer's transaction, or listed as private; a committed change
//! raises the version and a rolled-back one does not. SQLite always, PostgreSQL when
//! `INSPRAAK_TEST_PG` is set.

use chrono::Utc;
use inspraak_domain::NewProcess;
use inspraak_store::content_version::{self, PRIVATE_TABLES, PUBLIC_TABLES};
use inspraak_store::testing::each_engine;
use inspraak_store::{outbox, process};
use sea_orm::TransactionTrait;

#[tokio::test]
async fn every_table_is_public_with_a_trigger_or_listed_as_private() {
    each_engine(|t| async move {
        let tables = content_version::tables_and_triggers(t.db.read())
            .await
            .unwrap();
        assert!(tables.len() > 30, "{tables:?}");
        for (table, bumps) in &tables {
            let public = PUBLIC_TABLES.contains(&table.as_str());
            let private = PRIVATE_TABLES.contains(&table.as_str());
            assert!(
                public || private,
                "{:?}: table {table} feeds public pages or not? Add it to PUBLIC_TABLES (with \
                 `bump_triggers` in its migration) or to PRIVATE_TABLES",
                t.engine
            );
            assert_eq!(*bumps, public, "{:?}: trigger on {table}", t.engine);
        }
        for listed in PUBLIC_TABLES.iter().chain(PRIVATE_TABLES) {
            assert!(
                tables.iter().any(|(t, _)| t == listed),
                "{listed} is listed but not in the schema"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn a_committed_change_raises_the_version_and_a_rolled_back_or_private_one_does_not() {
    each_engine(|t| async move {
        let conn = t.db.write();
        let new = NewProcess::parse("Versie", "", "Samenvatting").unwrap();
        let v0 = content_version::current(t.db.read()).await.unwrap();
        let txn = conn.begin().await.unwrap();
        process::insert(&txn, &new, Utc::now()).await.unwrap();
        // Not visible to others before the commit.
        assert_eq!(content_version::current(t.db.read()).await.unwrap(), v0);
        txn.rollback().await.unwrap();
        assert_eq!(content_version::current(t.db.read()).await.unwrap(), v0);

        let id = process::insert(conn, &new, Utc::now()).await.unwrap();
        let v1 = content_version::current(t.db.read()).await.unwrap();
        assert!(v1 > v0, "{:?}: {v0} → {v1}", t.engine);
        process::set_status(
            conn,
            id,
            inspraak_domain::ProcessStatus::Published,
            Utc::now(),
        )
        .await
        .unwrap();
        let v2 = content_version::current(t.db.read()).await.unwrap();
        assert!(v2 > v1, "{:?}: an update: {v1} → {v2}", t.engine);

        // A private table (the mail outbox) leaves the version alone.
        let before = content_version::current(t.db.read()).await.unwrap();
        outbox::enqueue(
            conn,
            &outbox::NewMail {
                recipient: inspraak_domain::Email::parse("iemand@example.nl").unwrap(),
                subject: "Onderwerp".into(),
                body_text: "Tekst".into(),
                attachment: None,
                dedupe_key: None,
            },
            Utc::now(),
        )
        .await
        .unwrap();
        assert_eq!(content_version::current(t.db.read()).await.unwrap(), before);
    })
    .await;
}
