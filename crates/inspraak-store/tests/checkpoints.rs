#![allow(clippy::unwrap_used, clippy::expect_used)]
//! SQLite's checkpoints beside the writer (`inspraak_store::checkpoints`): a writer that never
//! pauses still gets a write-ahead log that starts over, and nothing it wrote is lost.

use inspraak_store::checkpoints::{RESTART_FRAMES, WRITER_CHECKPOINT_FRAMES};
use inspraak_store::testing::{Engine, TestDatabase};
use sea_orm::{ConnectionTrait, DbBackend, Statement};

/// A log page on disk: the page and its 24-byte frame header.
const FRAME_BYTES: u64 = 4096 + 24;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_writer_that_never_pauses_gets_a_log_that_starts_over() {
    let t = TestDatabase::new(Engine::Sqlite).await.unwrap();
    let path = t
        .url
        .trim_start_matches("sqlite://")
        .trim_end_matches("?mode=rwc")
        .to_owned();
    t.db.write()
        .execute_unprepared("CREATE TABLE scratch (id INTEGER PRIMARY KEY, data BLOB NOT NULL)")
        .await
        .unwrap();

    // Transactions of 40 rows of 3,500 bytes (a page each), back to back, until far more pages
    // were written than the writer's own checkpoint allows in the log.
    let rows_per_transaction = 40_u64;
    let transactions = (u64::from(WRITER_CHECKPOINT_FRAMES) * 3 / 2) / rows_per_transaction;
    let insert = format!(
        "INSERT INTO scratch (data) SELECT randomblob(3500) FROM \
         (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows_per_transaction}) \
         SELECT i FROM n)"
    );
    for _ in 0..transactions {
        let txn = t.db.begin().await.unwrap();
        txn.execute_unprepared(&insert).await.unwrap();
        txn.commit().await.unwrap();
    }

    // The log file keeps its largest size: it never held as many pages as the writer's own
    // checkpoint waits for, so it was started over by the restart after RESTART_FRAMES.
    let log_bytes = std::fs::metadata(format!("{path}-wal")).unwrap().len();
    let most = (RESTART_FRAMES as u64
        + (u64::from(WRITER_CHECKPOINT_FRAMES) - RESTART_FRAMES as u64) * 3 / 4)
        * FRAME_BYTES;
    assert!(log_bytes > 0, "the database is in WAL mode");
    assert!(
        log_bytes < most,
        "the log grew to {} pages ({} written)",
        log_bytes / FRAME_BYTES,
        transactions * rows_per_transaction
    );

    // Every row is there.
    let count =
        t.db.read()
            .query_one_raw(Statement::from_string(
                DbBackend::Sqlite,
                "SELECT COUNT(*) AS n FROM scratch",
            ))
            .await
            .unwrap()
            .unwrap()
            .try_get::<i64>("", "n")
            .unwrap();
    assert_eq!(count as u64, transactions * rows_per_transaction);
}
