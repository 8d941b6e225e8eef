//! Proposing an event for the agenda ("Meld bijeenkomst aan"): reserve the address's slot, take
//! the form's key once (the proposals table has no key of its own), store the proposal.

use super::public_form::{PublicForm, Refusal};
use crate::ctx::Ctx;
use crate::error::WebError;
use inspraak_domain::consultation::IdempotencyKey;
use inspraak_domain::session::NewProposedEvent;
use inspraak_store::session;

pub enum ProposalOutcome {
    /// Stored now, or stored before under this key: both thank the person.
    Received,
    Refused(Refusal),
}

pub async fn propose(
    ctx: &Ctx,
    gate: &PublicForm<'_>,
    new: &NewProposedEvent,
    key: &IdempotencyKey,
    client_address: &str,
) -> Result<ProposalOutcome, WebError> {
    let slot = match gate.reserve(client_address).await? {
        Ok(slot) => slot,
        Err(refusal) => return Ok(ProposalOutcome::Refused(refusal)),
    };
    let Some(once) = gate.first_use(key).await? else {
        // A replay stores nothing new: its slot does not count.
        slot.give_back(ctx).await?;
        return Ok(ProposalOutcome::Received);
    };
    // One statement: no transaction needed.
    if let Err(error) = session::propose_event(ctx.state.db.write(), new, ctx.now).await {
        // Nothing stored: the key may be sent again and the slot does not count.
        once.give_back(ctx).await?;
        slot.give_back(ctx).await?;
        return Err(error.into());
    }
    Ok(ProposalOutcome::Received)
}
