//! Submitting an idea: the address's slot, the idea (pending or public, by the process's
//! moderation setting) and its trace token in one transaction, committed only when the idea is
//! new (a replay drops it, and the slot with it).

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
    let moderation = ideas::settings(ctx.state.db.read(), process.id)
        .await?
        .moderation;
    let public = moderation == Moderation::Post;
    let trace = TraceToken::new(ctx.now);
    let txn = ctx.state.db.begin().await?;
    // Not committing (a refusal, a replay, an error) gives the slot back with the rest.
    if let Err(refusal) = gate.reserve_in(&txn, client_address).await? {
        return Ok(IdeaOutcome::Refused(refusal));
    }
    Ok(
        match ideas::submit(&txn, process.id, new, moderation, ctx.now).await? {
            SubmitOutcome::Stored(id) => {
                trace.add(&txn, Contribution::Idea(id), ctx.now).await?;
                txn.commit().await?;
                IdeaOutcome::Stored {
                    public,
                    trace: trace.into_token(),
                }
            }
            SubmitOutcome::Replayed(_) => IdeaOutcome::Replayed { public },
        },
    )
}
