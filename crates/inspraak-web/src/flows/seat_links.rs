//! The mailed sign-up links: confirming takes a seat (or a place on the waiting list) and
//! cancelling gives it back and promotes the first waitlisted, each in one transaction with its
//! mail. A fresh confirmation also gets a personal trace link (only its hash is stored).

use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::sessions::mailer::WebMailer;
use inspraak_domain::traceability::Contribution;
use inspraak_store::sessions::{self, CancelOutcome, ConfirmOutcome};
use inspraak_store::tokens;
use inspraak_store::traceability::trace;

/// The outcome, and the new trace token when the confirmation was fresh.
pub async fn confirm(ctx: &Ctx, token: &str) -> WebResult<(ConfirmOutcome, Option<String>)> {
    let mailer = WebMailer::new(&ctx.state, ctx.now);
    let txn = ctx.state.db.begin().await?;
    let outcome = sessions::confirm(&txn, &mailer, token, ctx.now).await?;
    // The trace link shows what the session fed (its report's links).
    let mut trace_token = None;
    if let ConfirmOutcome::Confirmed(id) | ConfirmOutcome::Waitlisted(id) = &outcome {
        let new = tokens::new_token();
        let contribution = Contribution::session_report(*id);
        trace::add(&txn, contribution, &tokens::hash_token(&new), ctx.now).await?;
        trace_token = Some(new);
    }
    txn.commit().await?;
    Ok((outcome, trace_token))
}

pub async fn cancel(ctx: &Ctx, token: &str) -> WebResult<CancelOutcome> {
    let mailer = WebMailer::new(&ctx.state, ctx.now);
    let txn = ctx.state.db.begin().await?;
    let outcome = sessions::cancel(&txn, &mailer, token, ctx.now).await?;
    txn.commit().await?;
    Ok(outcome)
}
