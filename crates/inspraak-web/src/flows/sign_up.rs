//! Signing up for a session: the address's slot, the pending sign-up and its mail (confirmation
//! link, or "you had signed up already") in one transaction. Confirming and
//! cancelling, from the buttons behind the mailed links (the link's token is the proof: no
//! gate).

use super::TraceToken;
use super::public_form::{PublicForm, Refusal};
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::session::mailer::WebMailer;
use inspraak_domain::session::NewRegistration;
use inspraak_domain::traceability::Contribution;
use inspraak_store::StoreError;
use inspraak_store::session::{self, Session, SignUpOutcome};

pub enum SignUpResult {
    /// The page says "check your mail" whatever happened: it never tells whether an address
    /// had signed up.
    CheckMail,
    /// Sign-up closed while the form was open: the page now says so.
    Closed,
    Refused(Refusal),
}

pub async fn sign_up(
    ctx: &Ctx,
    gate: &PublicForm<'_>,
    session: &Session,
    new: &NewRegistration,
    client_address: &str,
) -> Result<SignUpResult, WebError> {
    let mailer = WebMailer::new(&ctx.state, ctx.now);
    let txn = ctx.state.db.begin().await?;
    // Not committing (a refusal, a closed sign-up, an error) gives the slot back with the rest.
    if let Err(refusal) = gate.reserve_in(&txn, client_address).await? {
        return Ok(SignUpResult::Refused(refusal));
    }
    let outcome = match session::sign_up(&txn, &mailer, session, new, ctx.now).await {
        Ok(outcome) => outcome,
        Err(StoreError::Conflict("signup_closed")) => return Ok(SignUpResult::Closed),
        Err(other) => return Err(other.into()),
    };
    txn.commit().await?;
    let created = matches!(outcome, SignUpOutcome::Created(_));
    tracing::info!(session = %session.id, new = created, "sign-up");
    Ok(SignUpResult::CheckMail)
}

/// The confirmation link's button was pressed: confirm (a seat, or the waiting list) with its
/// mail in one transaction. A fresh confirmation gets a personal trace token (to what the
/// session fed, through its report), returned to be shown once.
pub async fn confirm(
    ctx: &Ctx,
    token: &str,
) -> Result<(session::ConfirmOutcome, Option<String>), WebError> {
    let mailer = WebMailer::new(&ctx.state, ctx.now);
    let txn = ctx.state.db.begin().await?;
    let outcome = session::confirm(&txn, &mailer, token, ctx.now).await?;
    let mut trace = None;
    if let session::ConfirmOutcome::Confirmed(id) | session::ConfirmOutcome::Waitlisted(id) =
        &outcome
    {
        let token = TraceToken::new(ctx.now);
        token
            .add(&txn, Contribution::SessionReport(*id), ctx.now)
            .await?;
        trace = Some(token.into_token());
    }
    txn.commit().await?;
    tracing::info!(outcome = ?outcome, "confirmation link used");
    Ok((outcome, trace))
}

/// The cancel link's button was pressed: cancel, give the seat back and promote the first on
/// the waiting list, with the mails, in one transaction.
pub async fn cancel(ctx: &Ctx, token: &str) -> Result<session::CancelOutcome, WebError> {
    let mailer = WebMailer::new(&ctx.state, ctx.now);
    let txn = ctx.state.db.begin().await?;
    let outcome = session::cancel(&txn, &mailer, token, ctx.now).await?;
    txn.commit().await?;
    tracing::info!(
        cancelled = matches!(outcome, session::CancelOutcome::Cancelled { .. }),
        "cancel link used"
    );
    Ok(outcome)
}
