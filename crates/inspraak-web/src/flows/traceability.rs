//! Linking a contribution (response, idea, comment, session report) to a recurring thread or an
//! action point, and unlinking it. One transaction each, with its audit row; the store queues
//! the notice for the contributor's daily digest in the same transaction.

use crate::audit;
use crate::ctx::Ctx;
use crate::error::{WebError, WebResult};
use inspraak_domain::traceability::{Contribution, NewLink, Target};
use inspraak_domain::{AuditAction, LinkId, UserId};
use inspraak_store::{StoreError, traceability};

pub enum Linked {
    Linked,
    /// The target is not one of the contribution's process (or is gone).
    UnknownTarget,
    /// The contribution is linked to that target already.
    AlreadyLinked,
}

/// What the audit log says about a link: kinds and ids, no content.
fn subject(contribution: Contribution, target: Target) -> String {
    format!(
        "{} {} -> {} {}",
        contribution.kind().as_str(),
        contribution.raw_id(),
        target.kind().as_str(),
        target.raw_id()
    )
}

pub async fn link(
    ctx: &Ctx,
    organiser: UserId,
    contribution: Contribution,
    new: &NewLink,
) -> WebResult<Linked> {
    let txn = ctx.state.db.begin().await?;
    match traceability::link(&txn, contribution, new, Some(organiser), ctx.now).await {
        Ok(true) => {}
        Ok(false) => return Ok(Linked::AlreadyLinked),
        Err(StoreError::NotFound) => return Ok(Linked::UnknownTarget),
        Err(e) => return Err(e.into()),
    }
    let detail = subject(contribution, new.target);
    audit::record(
        &txn,
        ctx,
        None,
        AuditAction::ContributionLinked,
        Some(detail),
    )
    .await?;
    txn.commit().await?;
    Ok(Linked::Linked)
}

/// Removes one link of the contribution; a link that is not its own is a 404.
pub async fn unlink(ctx: &Ctx, contribution: Contribution, link: LinkId) -> WebResult<()> {
    let txn = ctx.state.db.begin().await?;
    let Some(removed) = traceability::unlink(&txn, contribution, link).await? else {
        return Err(WebError::NotFound);
    };
    let detail = subject(contribution, removed.target);
    audit::record(
        &txn,
        ctx,
        None,
        AuditAction::ContributionUnlinked,
        Some(detail),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
