//! The receipt page's lookups (migration 000028): by the response's id with its code, and by
//! code alone only for responses stored before that migration, through their partial index.

use crate::*;
use inspraak_store::consultation::submit::{find_receipt, find_receipt_by_code};
use inspraak_store::testing::{Engine, TestDatabase, each_engine};
use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};

#[tokio::test]
async fn a_receipt_is_found_by_its_response_and_code_and_by_code_alone_only_when_old() {
    each_engine(|t| async move {
        let f = fixture(&t.db).await;
        let stored = submit_at(&t.db, &f, &key(1), &answers(&f, true), during()).await;
        let SubmitOutcome::Stored(receipt) = stored else {
            panic!("{:?}: {stored:?}", t.engine)
        };
        let read = t.db.read();
        let found = find_receipt(read, f.consultation, receipt.response, &receipt.code).await;
        assert_eq!(found.unwrap(), Some(receipt.clone()));

        // The id alone opens nothing: the code proves the visitor sent it.
        let guess = consultation::new_receipt_code();
        let found = find_receipt(read, f.consultation, receipt.response, &guess).await;
        assert_eq!(found.unwrap(), None);
        let elsewhere = ConsultationId(f.consultation.0 + 1);
        let found = find_receipt(read, elsewhere, receipt.response, &receipt.code).await;
        assert_eq!(found.unwrap(), None);

        // A response stored now never had an address by code alone ...
        let by_code = find_receipt_by_code(read, f.consultation, &receipt.code).await;
        assert_eq!(by_code.unwrap(), None);
        // ... one stored before the migration (which marked them all) did.
        t.db.write()
            .execute_unprepared(&format!(
                "UPDATE consultation_responses SET receipt_by_code = TRUE WHERE id = {}",
                receipt.response.0
            ))
            .await
            .unwrap();
        let by_code = find_receipt_by_code(read, f.consultation, &receipt.code).await;
        assert_eq!(by_code.unwrap(), Some(receipt.clone()));
        let by_code = find_receipt_by_code(read, f.consultation, &guess).await;
        assert_eq!(by_code.unwrap(), None);
    })
    .await;
}

/// The lookup by code alone, in the form sea-orm sends it (bound values), is answered by the
/// partial index on SQLite, whose planner uses such an index only when the query's condition
/// implies the index's: not a scan of every response of a consultation.
#[tokio::test]
async fn the_lookup_by_code_alone_uses_the_partial_index() {
    let t = TestDatabase::new(Engine::Sqlite).await.unwrap();
    let plan =
        t.db.read()
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                "EXPLAIN QUERY PLAN SELECT \"consultation_responses\".\"id\" \
             FROM \"consultation_responses\" WHERE \"receipt_by_code\" \
             AND \"consultation_responses\".\"consultation_id\" = ? \
             AND \"consultation_responses\".\"receipt_code\" = ? LIMIT ?",
                [
                    Value::from(1_i64),
                    Value::from("ABCD-EFGH"),
                    Value::from(1_u64),
                ],
            ))
            .await
            .unwrap();
    let detail: Vec<String> = plan
        .iter()
        .map(|row| row.try_get::<String>("", "detail").unwrap())
        .collect();
    assert!(
        detail
            .iter()
            .any(|d| d.contains("uq_consultation_responses_receipt_by_code")),
        "{detail:?}"
    );
}

/// Migration 000028 undone and done again over a stored response: the way back restores the
/// unique index on codes, and the way forward marks the response it finds as one whose receipt
/// may be asked for by code alone.
#[tokio::test]
async fn the_receipt_migration_undoes_and_marks_the_responses_stored_before_it() {
    use inspraak_migrations::{Migrator, MigratorTrait};
    each_engine(|t| async move {
        let f = fixture(&t.db).await;
        let stored = submit_at(&t.db, &f, &key(1), &answers(&f, true), during()).await;
        let SubmitOutcome::Stored(receipt) = stored else {
            panic!("{:?}: {stored:?}", t.engine)
        };
        let names: Vec<String> = Migrator::migrations()
            .iter()
            .map(|m| m.name().to_owned())
            .collect();
        let at = names
            .iter()
            .position(|name| name == "m20261207_000028_receipt_by_response")
            .unwrap();
        let steps = u32::try_from(names.len() - at).unwrap();
        Migrator::down(t.db.write(), Some(steps)).await.unwrap();
        Migrator::up(t.db.write(), None).await.unwrap();
        let by_code = find_receipt_by_code(t.db.read(), f.consultation, &receipt.code).await;
        assert_eq!(by_code.unwrap(), Some(receipt));
    })
    .await;
}
