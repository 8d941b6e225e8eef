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
    // were written than the writer's own checkpoint allows in the log. Each one meets a round of
    // the checkpoint task while it is open, as at a rush when the task copies what was committed
    // while the next batch is writing: the log is then never wholly copied when a write begins,
    // so SQLite itself never starts it over. Placing the round by hand makes this the case in
    // every transaction, however busy the machine (the timed task runs as well; its rounds only
    // copy more).
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
        t.db.checkpoint_round().await.unwrap();
        txn.commit().await.unwrap();
    }

    // The log file keeps its largest size. The round after the log passed RESTART_FRAMES made
    // the restart due, and the next transaction started the log over: a few transactions past
    // that mark at most (one more when a round of the timed task met the restart's checkpoint),
    // far below the writer's own checkpoint, which it reaches without the restart.
    let log_bytes = std::fs::metadata(format!("{path}-wal")).unwrap().len();
    let most = (RESTART_FRAMES as u64 + 25 * rows_per_transaction) * FRAME_BYTES;
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
