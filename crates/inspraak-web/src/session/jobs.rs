//! The sessions' background job: expires unconfirmed sign-ups, queues the day-before reminders,
//! gives free seats to the waiting list, and erases personal data past its date. State lives in
//! the database (claims, dedupe keys), so restarts and several instances never send twice.

use super::mailer::WebMailer;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use inspraak_store::session;
use inspraak_store::{Db, StoreResult};
use std::time::Duration;
use tokio::task::JoinHandle;

/// Often enough that an expiry or a reminder is never late by much.
const INTERVAL: Duration = Duration::from_secs(30);

/// One round of every task, each in its own transaction. Tests call it after moving the clock.
pub async fn run_once(db: &Db, mailer: &WebMailer, now: DateTime<Utc>) -> StoreResult<()> {
    let txn = db.begin().await?;
    session::expire_pending(&txn, now).await?;
    txn.commit().await?;
    let txn = db.begin().await?;
    session::queue_reminders(&txn, mailer, now).await?;
    txn.commit().await?;
    let txn = db.begin().await?;
    session::fill_all_free_seats(&txn, mailer, now).await?;
    txn.commit().await?;
    let txn = db.begin().await?;
    session::erase_due_personal_data(&txn, now).await?;
    txn.commit().await?;
    Ok(())
}

pub fn spawn(state: AppState) -> JoinHandle<()> {
    crate::jobs::periodic(state, INTERVAL, "sessions", |state, now| async move {
        let mailer = WebMailer::new(&state, now);
        run_once(&state.db, &mailer, now).await
    })
}
