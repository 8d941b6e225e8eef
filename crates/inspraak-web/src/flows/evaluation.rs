//! Saving the self-evaluation of a closed process ("Eerdere actieplannen"), with its audit row,
//! in one transaction. Only an archived process carries one: anything else is refused here, so
//! no route can forget the rule.

use crate::audit;
use crate::ctx::Ctx;
use crate::error::{WebError, WebResult};
use inspraak_domain::evaluation::NewEvaluation;
use inspraak_domain::{AuditAction, UserId};
use inspraak_store::evaluation;
use inspraak_store::process::Process;

/// Whether `process` may carry a self-evaluation (and documents of it): only once archived.
pub fn allowed(process: &Process) -> bool {
    inspraak_domain::evaluation::allowed(process.status)
}

/// Saves (writes or replaces) the self-evaluation of an archived process; a process that is
/// not archived is a 404, as for a page that does not exist.
pub async fn save(
    ctx: &Ctx,
    process: &Process,
    new: &NewEvaluation,
    editor: UserId,
) -> WebResult<()> {
    if !allowed(process) {
        return Err(WebError::NotFound);
    }
    let txn = ctx.state.db.begin().await?;
    evaluation::save(&txn, process.id, new, editor, ctx.now).await?;
    let detail = format!("process {}: self-evaluation edited", process.id);
    audit::record(&txn, ctx, None, AuditAction::ProcessUpdated, Some(detail)).await?;
    txn.commit().await?;
    Ok(())
}
