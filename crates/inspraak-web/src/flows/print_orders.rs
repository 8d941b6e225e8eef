//! "Bestel een gedrukte versie": a visitor orders printed copies of a process's action plan
//! through the public-form gate (the orders table keeps no key, so the gate's `first_use` takes
//! it once); organisers mark orders handled (bringing the erasure of name and address forward)
//! with an audit row.

use super::public_form::{PublicForm, Refusal};
use crate::ctx::Ctx;
use crate::error::WebError;
use inspraak_domain::consultation::IdempotencyKey;
use inspraak_domain::print_order::NewPrintOrder;
use inspraak_domain::{AuditAction, PrintOrderId, ProcessId};
use inspraak_store::print_orders;
use inspraak_store::users::User;

pub enum OrderOutcome {
    /// Stored now, or under this key before (a double click): both thank the person.
    Received,
    Refused(Refusal),
}

pub async fn order(
    ctx: &Ctx,
    gate: &PublicForm<'_>,
    process: ProcessId,
    new: &NewPrintOrder,
    key: &IdempotencyKey,
    client_address: &str,
) -> Result<OrderOutcome, WebError> {
    let slot = match gate.reserve(client_address).await? {
        Ok(slot) => slot,
        Err(refusal) => return Ok(OrderOutcome::Refused(refusal)),
    };
    let Some(once) = gate.first_use(key).await? else {
        slot.give_back(ctx).await?;
        return Ok(OrderOutcome::Received);
    };
    // One statement: no transaction needed.
    if let Err(error) = print_orders::insert(ctx.state.db.write(), process, new, ctx.now).await {
        once.give_back(ctx).await?;
        slot.give_back(ctx).await?;
        return Err(error.into());
    }
    Ok(OrderOutcome::Received)
}

/// Marks an order handled; one handled a moment ago by a colleague is left as it is.
pub async fn mark_handled(ctx: &Ctx, organiser: &User, id: PrintOrderId) -> Result<(), WebError> {
    let txn = ctx.state.db.begin().await?;
    match print_orders::mark_handled(&txn, id, organiser.id, ctx.now).await {
        Ok(()) => {}
        Err(inspraak_store::StoreError::Conflict("handled")) => return Ok(()),
        Err(other) => return Err(other.into()),
    }
    let subject = Some(format!("print order {id}"));
    crate::audit::record(
        &txn,
        ctx,
        Some(organiser),
        AuditAction::PrintOrderHandled,
        subject,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The orders for a download, with the audit row every export leaves.
pub async fn export(
    ctx: &Ctx,
    organiser: &User,
    format: &str,
) -> Result<Vec<print_orders::PrintOrder>, WebError> {
    let orders = print_orders::list(ctx.state.db.read()).await?;
    let subject = Some(format!("print orders ({format}, {} rows)", orders.len()));
    let action = AuditAction::PrintOrdersExported;
    crate::audit::record(ctx.state.db.write(), ctx, Some(organiser), action, subject).await?;
    Ok(orders)
}
