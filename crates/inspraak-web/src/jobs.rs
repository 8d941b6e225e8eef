//! Background work that runs beside the web server: the mail outbox worker and housekeeping.
//! Jobs keep their state in the database, so a restart picks up where the last run stopped and
//! several instances can run them side by side.

use crate::clock::Clock;
use crate::mail::{self, Transport};
use crate::state::AppState;
use chrono::{DateTime, Duration, Utc};
// Jobs' statements are not a request's: left out of the query-budget count.
use inspraak_store::not_counted;
use inspraak_store::{Db, throttle};
use lettre::message::Mailbox;
use std::future::Future;
use std::time::Duration as StdDuration;
use tokio::task::JoinHandle;

/// How often the outbox is checked for due mail.
const OUTBOX_INTERVAL: StdDuration = StdDuration::from_millis(250);
const HOUSEKEEPING_INTERVAL: StdDuration = StdDuration::from_secs(600);

pub fn spawn_all(db: Db, transport: Transport, from: Mailbox, clock: Clock) -> Vec<JoinHandle<()>> {
    let mut handles = Vec::new();
    {
        let (db, clock) = (db.clone(), clock.clone());
        handles.push(tokio::spawn(not_counted(async move {
            loop {
                mail::deliver_due(&db, &transport, &from, &clock).await;
                tokio::time::sleep(OUTBOX_INTERVAL).await;
            }
        })));
    }
    handles.push(tokio::spawn(not_counted(async move {
        loop {
            housekeeping(&db, clock.now()).await;
            tokio::time::sleep(HOUSEKEEPING_INTERVAL).await;
        }
    })));
    handles
}

/// One round of housekeeping at `now`: spent throttles and personal data past its retention.
/// Each step logs its own failure and the next round tries again. Public so tests run the very
/// steps the job runs.
pub async fn housekeeping(db: &Db, now: DateTime<Utc>) {
    // Forum join requests keep who sent them a month after the decision, no longer.
    let handled_before =
        now - Duration::days(inspraak_store::forum_requests::KEEP_DAYS_AFTER_HANDLING);
    if let Err(error) =
        inspraak_store::forum_requests::purge_handled(db.write(), handled_before).await
    {
        tracing::warn!(error = %error, "purging forum requests failed");
    }
    // Failed logins matter for 15 minutes; a day is ample for any investigation.
    if let Err(error) = throttle::purge_before(db.write(), now - Duration::days(1)).await {
        tracing::warn!(error = %error, "housekeeping failed");
    }
    // Throttle windows last at most an hour, the public-form gate's key buckets 25 hours: a
    // bucket two days old counts nothing.
    if let Err(error) = throttle::purge_buckets_before(db.write(), now - Duration::days(2)).await {
        tracing::warn!(error = %error, "housekeeping failed");
    }
    // Personal data past its process's retention period (answers and counts stay).
    if let Err(error) = inspraak_store::consultation::privacy::erase_expired(db.write(), now).await
    {
        tracing::warn!(error = %error, "erasing expired personal data failed");
    }
    // Contact messages a month after handling, or a year after they came in.
    if let Err(error) = inspraak_store::contact::erase_expired(db.write(), now).await {
        tracing::warn!(error = %error, "erasing expired contact messages failed");
    }
    // Names and addresses of print orders, by the same rule.
    if let Err(error) = inspraak_store::print_orders::erase_expired(db.write(), now).await {
        tracing::warn!(error = %error, "erasing expired print orders failed");
    }
    // Notices about contributions whose address is gone (erased on request or expired).
    if let Err(error) = inspraak_store::privacy::purge_orphan_notices(db.write()).await {
        tracing::warn!(error = %error, "purging notices failed");
    }
}

/// Runs `round` at the app clock's "now", then again every `interval`, for ever; a failed round
/// is logged as `what` and the next one tries again (the state is in the database).
pub fn periodic<F, Fut, T, E>(
    state: AppState,
    interval: StdDuration,
    what: &'static str,
    round: F,
) -> JoinHandle<()>
where
    F: Fn(AppState, DateTime<Utc>) -> Fut + Send + 'static,
    Fut: Future<Output = Result<T, E>> + Send,
    E: std::fmt::Display,
{
    tokio::spawn(not_counted(async move {
        loop {
            let now = state.clock.now();
            if let Err(error) = round(state.clone(), now).await {
                tracing::warn!(error = %error, job = what, "background job failed");
            }
            tokio::time::sleep(interval).await;
        }
    }))
}
