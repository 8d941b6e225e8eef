//! The organiser's writes on a session: its details (a raised capacity promotes the waiting
//! list; a new time or place is mailed to the participants), calling it off, a message to its participants and its report (publishing mails the participants).
//! Mail texts come from `WebMailer`; the store queues them in the same transaction.

use crate::audit;
use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::session::mailer::WebMailer;
use inspraak_domain::session::{NewSession, ReportText};
use inspraak_domain::{AuditAction, ProcessId, SessionId};
use inspraak_store::{StoreError, session};

pub enum SessionChange {
    /// Saved; `told` participants were mailed the new time or place.
    Saved { told: usize },
    /// The chosen theme is not one of the process's.
    ThemeNotInProcess,
    /// Fewer seats than are taken already.
    CapacityBelowTaken,
}

pub async fn update(
    ctx: &Ctx,
    process: ProcessId,
    session: SessionId,
    new: &NewSession,
) -> WebResult<SessionChange> {
    let mailer = WebMailer::new(&ctx.state, ctx.now);
    let txn = ctx.state.db.begin().await?;
    let told = match session::update(&txn, &mailer, process, session, new, ctx.now).await {
        Ok(told) => told,
        Err(StoreError::Conflict("theme_id")) => return Ok(SessionChange::ThemeNotInProcess),
        Err(StoreError::Conflict("capacity")) => return Ok(SessionChange::CapacityBelowTaken),
        Err(other) => return Err(other.into()),
    };
    // A session belongs to its process: its edit is an edit of the process.
    let detail = format!("session {session} edited; {told} participants mailed");
    audit::record(&txn, ctx, None, AuditAction::ProcessUpdated, Some(detail)).await?;
    txn.commit().await?;
    Ok(SessionChange::Saved { told })
}

/// Calls the session off: its sign-ups end, everyone confirmed gets a calendar cancellation,
/// the waiting list a note (all in the store's one transaction), and an audit row.
pub async fn call_off(ctx: &Ctx, session: SessionId) -> WebResult<session::CallOffOutcome> {
    let mailer = WebMailer::new(&ctx.state, ctx.now);
    let txn = ctx.state.db.begin().await?;
    let outcome = session::call_off(&txn, &mailer, session, ctx.now).await?;
    if let session::CallOffOutcome::CalledOff { told } = outcome {
        let detail = format!("session {session} called off; {told} participants mailed");
        audit::record(&txn, ctx, None, AuditAction::ProcessUpdated, Some(detail)).await?;
    }
    txn.commit().await?;
    Ok(outcome)
}

/// A message to everyone signed up; `form_key` makes a resent form queue nothing twice.
/// Returns how many mails were queued.
pub async fn mail_participants(
    ctx: &Ctx,
    session: SessionId,
    subject: &str,
    body: &str,
    form_key: &str,
) -> WebResult<usize> {
    let mailer = WebMailer::new(&ctx.state, ctx.now);
    let txn = ctx.state.db.begin().await?;
    let sent = session::mail_participants(&txn, &mailer, session, subject, body, form_key, ctx.now)
        .await?;
    txn.commit().await?;
    Ok(sent)
}

pub async fn save_report(
    ctx: &Ctx,
    session: SessionId,
    text: &ReportText,
    translation: Option<&ReportText>,
    publish: bool,
) -> WebResult<session::ReportOutcome> {
    let mailer = WebMailer::new(&ctx.state, ctx.now);
    let txn = ctx.state.db.begin().await?;
    let outcome =
        session::save_report(&txn, &mailer, session, text, translation, publish, ctx.now).await?;
    txn.commit().await?;
    Ok(outcome)
}
