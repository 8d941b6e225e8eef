//! SQLite's checkpoints beside the writer, not inside it (issue #22).
//!
//! A checkpoint copies the write-ahead log back into the database file, and with
//! `synchronous=NORMAL` it syncs both files to disk. Left automatic, it runs inside the commit
//! that takes the log past a thousand pages, so the one writer waited for two `fsync`s about
//! every fourth batch of responses: with the syncs switched off (an experiment only) the
//! writer stored 40 % more (`docs/benchmarks.md`). Here a task with its own connection
//! checkpoints every [`EVERY`] (`PASSIVE`: it never waits for, nor blocks, readers or the
//! writer), so the copying and syncing happen beside the writer. Durability is unchanged:
//! commits are not synced (as before), checkpoints are.
//!
//! SQLite starts the log over from its beginning only when a write begins while the whole log
//! has been copied back, which a writer that is never idle does not meet: the task copies what
//! was committed, and the next batch is already adding to it. So once the log is past
//! [`RESTART_FRAMES`], the next transaction on the write pool first checkpoints on the write
//! connection (the few pages the task has not copied yet; no write runs meanwhile), and the
//! write that comes next finds the whole log copied and starts it over. When a reader still
//! needs part of the log, the log is not wholly copied and the task asks again at its next
//! round. The write connection's automatic checkpoint stays as a net, at
//! [`WRITER_CHECKPOINT_FRAMES`], for a task that fell behind.

use crate::StoreResult;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Weak};
use std::time::Duration;

/// How often the task checkpoints: at a rush about a thousand pages each time.
const EVERY: Duration = Duration::from_millis(50);

/// Log pages (4 KiB each) past which the next write transaction lets the log start over.
pub const RESTART_FRAMES: i64 = 10_000;

/// The write connection's own automatic checkpoint (SQLite's default is 1,000 pages): only a
/// net, when the task is behind.
pub const WRITER_CHECKPOINT_FRAMES: u32 = 20_000;

/// Shared by the task and the write pool's users.
#[derive(Debug, Default)]
pub(crate) struct Checkpoints {
    /// The log is long: the next write transaction checkpoints first ([`Checkpoints::before_write`]).
    restart_due: AtomicBool,
}

impl Checkpoints {
    /// Starts the task on its own connection; it ends when the returned state is dropped (the
    /// last clone of the `Db`).
    pub(crate) fn start(connection: DatabaseConnection) -> Arc<Checkpoints> {
        let state = Arc::new(Checkpoints::default());
        // Its connection is not the read or write pool's, so `Db::statement_count` never sees it.
        tokio::spawn(run(connection, Arc::downgrade(&state)));
        state
    }

    /// One round of the task: a passive checkpoint on `connection` (not the write pool's), and
    /// when the log is long, the restart due.
    pub(crate) async fn round(&self, connection: &DatabaseConnection) -> StoreResult<()> {
        if checkpoint(connection).await? >= RESTART_FRAMES {
            self.restart_due.store(true, Ordering::Relaxed);
        }
        Ok(())
    }

    /// Called before a write transaction: when the log is due to start over, checkpoints on the
    /// write connection first (see the module comment).
    pub(crate) async fn before_write(&self, write: &DatabaseConnection) -> StoreResult<()> {
        if self.restart_due.swap(false, Ordering::Relaxed) {
            checkpoint(write).await?;
        }
        Ok(())
    }
}

async fn run(connection: DatabaseConnection, state: Weak<Checkpoints>) {
    let mut tick = tokio::time::interval(EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let Some(state) = state.upgrade() else { break };
        // The writer's automatic checkpoint is the net; try again at the next tick.
        if let Err(error) = state.round(&connection).await {
            tracing::warn!(%error, "checkpoint beside the writer failed");
        }
    }
    let _ = connection.close().await;
}

/// A passive checkpoint; returns the number of pages in the log.
async fn checkpoint(connection: &DatabaseConnection) -> StoreResult<i64> {
    let row = connection
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA wal_checkpoint(PASSIVE)",
        ))
        .await?;
    // (busy, log, checkpointed); `log` is -1 when another checkpoint was running.
    Ok(match row {
        Some(row) => row.try_get_by_index::<i64>(1)?,
        None => 0,
    })
}
