#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The content version (migration 000023): every table is either public, with a trigger that
//! bumps the version in the writer's transaction, or listed as private; a committed change
//! raises the version and a rolled-back one does not. SQLite always, PostgreSQL when
//! `INSPRAAK_TEST_PG` is set.

use chrono::Utc;
use inspraak_domain::NewProcess;
use inspraak_store::content_version::{
    self, PRIVATE_TABLES, PUBLIC_TABLES, RESPONSE_COUNT_COLUMN, RESPONSE_TABLES,
};
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
            let private = PRIVATE_TABLES.contains(&table.as_str()) as usize
                + RESPONSE_TABLES.contains(&table.as_str()) as usize;
            assert_eq!(
                public as usize + private,
                1,
                "{:?}: table {table} feeds public pages or not? Add it to PUBLIC_TABLES (with \
                 `bump_triggers` in its migration) or to PRIVATE_TABLES (one list only)",
                t.engine
            );
            assert_eq!(*bumps, public, "{:?}: trigger on {table}", t.engine);
        }
        for listed in PUBLIC_TABLES
            .iter()
            .chain(PRIVATE_TABLES)
            .chain(RESPONSE_TABLES)
        {
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

/// Migration 000027: a response raises `consultations.response_count` without making public
/// pages stale, and an update of any other column of `consultations` (every one, read from the
/// schema, so a column added later without `consultation_triggers` fails here) bumps the version.
#[tokio::test]
async fn every_consultation_column_but_the_response_count_bumps_the_version() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    each_engine(|t| async move {
        let conn = t.db.write();
        let backend = conn.get_database_backend();
        let process = process::insert(
            conn,
            &NewProcess::parse("Versie", "", "Samenvatting").unwrap(),
            Utc::now(),
        )
        .await
        .unwrap();
        let consultation = inspraak_store::consultation::admin::insert(
            conn,
            process,
            &inspraak_domain::consultation::NewConsultation::parse(
                "Consultatie",
                "Inleiding",
                "Privacy",
                "2026-09-01",
                "",
                "2026-09-30",
                "",
            )
            .unwrap(),
            Utc::now(),
        )
        .await
        .unwrap();
        let columns_sql = match backend {
            DbBackend::Postgres => {
                "SELECT column_name AS name FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = 'consultations'"
            }
            _ => "SELECT name FROM pragma_table_info('consultations')",
        };
        let columns: Vec<String> = conn
            .query_all_raw(Statement::from_string(backend, columns_sql))
            .await
            .unwrap()
            .iter()
            .map(|row| row.try_get("", "name").unwrap())
            .collect();
        assert!(columns.len() > 10, "{columns:?}");
        let id = consultation.0;
        for column in &columns {
            let before = content_version::current(t.db.read()).await.unwrap();
            let set = if column == RESPONSE_COUNT_COLUMN {
                format!("{column} = {column} + 1")
            } else {
                format!("{column} = {column}")
            };
            conn.execute_unprepared(&format!("UPDATE consultations SET {set} WHERE id = {id}"))
                .await
                .unwrap();
            let after = content_version::current(t.db.read()).await.unwrap();
            if column == RESPONSE_COUNT_COLUMN {
                assert_eq!(after, before, "{:?}: {column}", t.engine);
            } else {
                assert!(after > before, "{:?}: {column} did not bump", t.engine);
            }
        }
    })
    .await;
}
