//! Signing up for a session: reserve the address's slot, then the pending sign-up and its mail
//! (confirmation link, or "you had signed up already") in one transaction.

use super::commit;
use super::public_form::{PublicForm, Refusal};
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::sessions::mailer::WebMailer;
use inspraak_domain::session::NewRegistration;
use inspraak_store::StoreError;
use inspraak_store::sessions::{self, Session, SignUpOutcome};

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
    let slot = match gate.reserve(client_address).await? {
        Ok(slot) => slot,
        Err(refusal) => return Ok(SignUpResult::Refused(refusal)),
    };
    let mailer = WebMailer::new(&ctx.state, ctx.now);
    let txn = ctx.state.db.begin().await?;
    let outcome = match sessions::sign_up(&txn, &mailer, session, new, ctx.now).await {
        Ok(outcome) => outcome,
        Err(error) => {
            // Roll back first: on SQLite the transaction holds the one writer.
            drop(txn);
            slot.give_back(ctx).await?;
            return match error {
                StoreError::Conflict("signup_closed") => Ok(SignUpResult::Closed),
                other => Err(other.into()),
            };
        }
    };
    commit(txn).await?;
    let created = matches!(outcome, SignUpOutcome::Created(_));
    tracing::info!(session = %session.id, new = created, "sign-up");
    Ok(SignUpResult::CheckMail)
}
