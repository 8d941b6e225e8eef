//! The group-commit writer of consultation responses (issue #22): every response a request
//! parsed is queued here, and one task writes what has queued up meanwhile in one transaction
//! (`inspraak_store::consultation::batch`). A quiet site writes each response alone, as soon as
//! it comes; at a deadline rush, the responses that arrive while one batch is being written go
//! together in the next, so the database does about nine statements per batch instead of six
//! per response, and on SQLite the one writer is free again that much sooner.
//!
//! Each response keeps its own outcome (stored with its receipt, a replay, refused by its
//! address's limit, not open, changed questions), decided exactly as when written alone, and
//! its request waits for the commit of its batch before it answers: a 303 to a receipt means
//! the response is on disk. One task per app instance; instances on one PostgreSQL database
//! each write their own batches, and the database's locks keep them correct.

use inspraak_store::consultation::batch::{self, QueuedResponse, Written};
use inspraak_store::{Db, DbErr, StoreError, StoreResult};
use tokio::sync::{mpsc, oneshot};

/// Responses per transaction at most: a batch of 64 with ten answers each binds about 3,000
/// values, and its transaction stays short enough that waiting for it is not felt.
const MAX_BATCH: usize = 64;

/// Requests waiting beyond this wait for room in the queue (their own request time runs on).
const QUEUE_LENGTH: usize = 1024;

struct Job {
    queued: QueuedResponse,
    reply: oneshot::Sender<StoreResult<Written>>,
}

/// A handle to the writer task (`AppState::responses`).
#[derive(Clone)]
pub struct ResponseWriter {
    db: Db,
    queue: mpsc::Sender<Job>,
}

impl ResponseWriter {
    /// Starts the writer task on the current tokio runtime. It ends when every handle is gone.
    pub fn start(db: Db) -> Self {
        let (queue, jobs) = mpsc::channel(QUEUE_LENGTH);
        tokio::spawn(run(db.clone(), jobs));
        ResponseWriter { db, queue }
    }

    /// Queues a response and waits until its batch is committed (or it was refused).
    pub async fn write(&self, queued: QueuedResponse) -> StoreResult<Written> {
        let (reply, answer) = oneshot::channel();
        match self.queue.send(Job { queued, reply }).await {
            Ok(()) => answer.await.unwrap_or_else(|_| {
                Err(StoreError::Db(DbErr::Custom(
                    "the response writer stopped before answering".into(),
                )))
            }),
            // The task is gone (the app is stopping): write this one here, alone.
            Err(mpsc::error::SendError(job)) => batch::write_one(&self.db, &job.queued).await,
        }
    }
}

async fn run(db: Db, mut jobs: mpsc::Receiver<Job>) {
    let mut waiting = Vec::with_capacity(MAX_BATCH);
    while jobs.recv_many(&mut waiting, MAX_BATCH).await > 0 {
        let (queued, replies): (Vec<_>, Vec<_>) =
            waiting.drain(..).map(|job| (job.queued, job.reply)).unzip();
        let started = std::time::Instant::now();
        let results = batch::write(&db, &queued).await;
        tracing::debug!(
            size = queued.len(),
            ms = started.elapsed().as_secs_f64() * 1000.0,
            "responses written"
        );
        for (reply, result) in replies.into_iter().zip(results) {
            // A request that went away meanwhile needs no answer; its response is kept.
            let _ = reply.send(result);
        }
    }
}
