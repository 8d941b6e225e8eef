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
//! the response is on disk. On SQLite one task writes (the database has one writer). On
//! PostgreSQL [`WRITERS_ON_POSTGRES`] tasks take turns at the queue, so one batch is written
//! while the next one's statements are on their way; they, and other instances on the same
//! database, wait for each other only for the rows every response shares (the consultation's
//! counter and running counts, locked at the end of a batch), and the database's locks keep
//! them correct.

use inspraak_store::consultation::batch::{self, QueuedResponse, Written};
use inspraak_store::{Db, DbErr, StoreError, StoreResult};
use std::sync::Arc;
use tokio::sync::{Mutex, mpsc, oneshot};

/// Responses per transaction at most: a batch of 64 with ten answers each binds about 3,000
/// values, and its transaction stays short enough that waiting for it is not felt.
const MAX_BATCH: usize = 64;

/// Requests waiting beyond this wait for room in the queue (their own request time runs on).
const QUEUE_LENGTH: usize = 1024;

/// Writer tasks on PostgreSQL. One writer waited for the network and the server for every
/// statement of its batch; a second keeps the connection pool and the server busy meanwhile
/// (`docs/benchmarks.md`). Three gave 14 % more in two alternated runs before the replay
/// lookup was fixed, and 1–5 % (within the spread) in three runs after it; four was erratic.
pub const WRITERS_ON_POSTGRES: usize = 2;

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
    /// Starts the writer tasks on the current tokio runtime. They end when every handle is gone.
    pub fn start(db: Db) -> Self {
        let (queue, jobs) = mpsc::channel(QUEUE_LENGTH);
        let writers = match db.backend() {
            inspraak_store::DbBackend::Postgres => WRITERS_ON_POSTGRES,
            _ => 1,
        };
        let jobs = Arc::new(Mutex::new(jobs));
        for _ in 0..writers {
            tokio::spawn(run(db.clone(), Arc::clone(&jobs)));
        }
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

/// One writer: takes what has queued up (up to a batch; the queue's lock is held only while
/// taking, so another writer takes the next batch meanwhile), writes it, answers, again.
async fn run(db: Db, jobs: Arc<Mutex<mpsc::Receiver<Job>>>) {
    let mut waiting = Vec::with_capacity(MAX_BATCH);
    loop {
        let taken = jobs.lock().await.recv_many(&mut waiting, MAX_BATCH).await;
        if taken == 0 {
            break;
        }
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
