//! Writing the audit trail from handlers: who (the logged-in account), what, on what, and from
//! which network range. Nothing typed by a person goes in, so no password or content can leak.

use crate::ctx::Ctx;
use inspraak_domain::AuditAction;
use inspraak_store::audit::{self, NewEntry};
use inspraak_store::users::User;
use inspraak_store::{ConnectionTrait, StoreResult};

/// Records an action by the logged-in account of `ctx` (or by `actor` when given).
pub async fn record(
    conn: &impl ConnectionTrait,
    ctx: &Ctx,
    actor: Option<&User>,
    action: AuditAction,
    subject: Option<String>,
) -> StoreResult<()> {
    let actor = actor.or(ctx.user.as_ref());
    let entry = NewEntry {
        actor: actor.map(|u| u.id),
        actor_label: actor.map(|u| u.email.clone()),
        action,
        subject,
        address_range: ctx.client_range.clone(),
    };
    audit::record(conn, &entry, ctx.now).await
}
