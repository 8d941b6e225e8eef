//! Submitting an idea: reserve the address's slot, store the idea (pending or public, by the
//! process's moderation setting) with its trace token in one transaction, give the slot back on
//! a replay.

use super::TraceToken;
use super::public_form::{PublicForm, Refusal};
use crate::ctx::Ctx;
use crate::error::WebError;
use inspraak_domain::ideas::{Moderation, NewIdea};
use inspraak_domain::traceability::Contribution;
use inspraak_store::ideas::{self, SubmitOutcome};
use inspraak_store::process::Process;

pub enum IdeaOutcome {
    /// Stored now. `public`: shown at once (post-moderation); the trace token is shown once.
    Stored {
        public: bool,
        trace: String,
    },
    /// The same form was sent before: nothing new.
    Replayed {
        public: bool,
    },
    Refused(Refusal),
}

pub async fn submit_idea(
    ctx: &Ctx,
    gate: &PublicForm<'_>,
    process: &Process,
    new: &NewIdea,
    client_address: &str,
) -> Result<IdeaOutcome, WebError> {
    let slot = match gate.reserve(client_address).await? {
        Ok(slot) => slot,
        Err(refusal) => return Ok(IdeaOutcome::Refused(refusal)),
    };
    let moderation = ideas::settings(ctx.state.db.read(), process.id)
        .await?
        .moderation;
    let public = moderation == Moderation::Post;
    let trace = TraceToken::new();
    let stored = store(ctx, process, new, moderation, &trace).await;
    if !matches!(stored, Ok(SubmitOutcome::Stored(_))) {
        // A replay (or a failure) stores nothing new: its slot does not count.
        slot.give_back(ctx).await?;
    }
    Ok(match stored? {
        SubmitOutcome::Stored(_) => IdeaOutcome::Stored {
            public,
            trace: trace.into_token(),
        },
        SubmitOutcome::Replayed(_) => IdeaOutcome::Replayed { public },
    })
}

async fn store(
    ctx: &Ctx,
    process: &Process,
    new: &NewIdea,
    moderation: Moderation,
    trace: &TraceToken,
) -> Result<SubmitOutcome, WebError> {
    let txn = ctx.state.db.begin().await?;
    let outcome = ideas::submit(&txn, process.id, new, moderation, ctx.now).await?;
    if let SubmitOutcome::Stored(id) = &outcome {
        trace.add(&txn, Contribution::Idea(*id), ctx.now).await?;
    }
    txn.commit().await?;
    Ok(outcome)
}
