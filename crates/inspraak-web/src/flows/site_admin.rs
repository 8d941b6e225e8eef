//! Site-wide organiser writes: resetting an account's second factor (its sessions end with it)
//! and the accessibility statement. One transaction each, with its audit row.

use crate::audit;
use crate::ctx::Ctx;
use crate::error::{WebError, WebResult};
use inspraak_domain::{AuditAction, UserId};
use inspraak_store::users::User;
use inspraak_store::{accessibility, login_sessions, second_factor, users};

/// Resets `account`'s second factor; a missing account is a 404.
pub async fn reset_second_factor(ctx: &Ctx, account: UserId) -> WebResult<()> {
    let txn = ctx.state.db.begin().await?;
    users::find(&txn, account)
        .await?
        .ok_or(WebError::NotFound)?;
    second_factor::reset(&txn, account).await?;
    // Whoever holds that account's sessions must log in (and enrol) again.
    login_sessions::end_all_for_user(&txn, account).await?;
    let detail = format!("account {account}");
    audit::record(
        &txn,
        ctx,
        None,
        AuditAction::SecondFactorReset,
        Some(detail),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn save_accessibility_statement(
    ctx: &Ctx,
    editor: &User,
    texts: accessibility::NewStatementTexts<'_>,
) -> WebResult<()> {
    let txn = ctx.state.db.begin().await?;
    accessibility::save(&txn, texts, Some(editor.id), ctx.now).await?;
    let action = AuditAction::AccessibilityStatementEdited;
    audit::record(&txn, ctx, Some(editor), action, None).await?;
    txn.commit()
        .await
        .map_err(|e| WebError::Internal(e.to_string()))?;
    Ok(())
}
