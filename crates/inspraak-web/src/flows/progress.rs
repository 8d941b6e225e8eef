//! Recording progress: an action point's progress update (by an organiser or the linked action
//! holder) and a plan-level progress report. One transaction each: the row, the audit row, the
//! followers' mail and, for action points, the traceability notices for the daily digest.

use crate::audit;
use crate::ctx::Ctx;
use crate::error::{WebError, WebResult};
use crate::followers::{self, Publication, UpdateNews};
use chrono::NaiveDate;
use inspraak_domain::ideas::{NewActionPoint, NewPlanIntroduction, NewProgressUpdate};
use inspraak_domain::{ActionPointId, AuditAction, ProgressReportId, UserId};
use inspraak_store::ideas::action_plan;
use inspraak_store::ideas::action_points::{self, ActionPoint};
use inspraak_store::process::Process;
use inspraak_store::publications;
use inspraak_store::traceability::notices;

/// Stores a progress update of an action point; `subject` is the audit line (who posted it).
pub async fn record_update(
    ctx: &Ctx,
    point: &ActionPoint,
    update: &NewProgressUpdate,
    author: UserId,
    subject: String,
) -> WebResult<()> {
    let txn = ctx.state.db.begin().await?;
    let update_id =
        action_points::add_update(&txn, point.id, update, Some(author), ctx.now).await?;
    followers::notify_action_point_update(&txn, ctx, point, update_id, UpdateNews::New).await?;
    notices::queue_progress(&txn, point.id, &update_id.to_string(), ctx.now).await?;
    audit::record(&txn, ctx, None, AuditAction::ProcessUpdated, Some(subject)).await?;
    txn.commit().await?;
    Ok(())
}

/// An organiser's correction of a progress update; a wrong id is a 404. Followers who get each
/// new update by mail get the corrected one too, marked as corrected (not when it is hidden).
pub async fn edit_update(
    ctx: &Ctx,
    point: &ActionPoint,
    update: i64,
    new: &NewProgressUpdate,
) -> WebResult<()> {
    let txn = ctx.state.db.begin().await?;
    action_points::edit_update(&txn, point.id, update, new, ctx.now).await?;
    let visible = action_points::updates(&txn, point.id)
        .await?
        .iter()
        .any(|u| u.id == update);
    if visible {
        let news = UpdateNews::Corrected(ctx.now);
        followers::notify_action_point_update(&txn, ctx, point, update, news).await?;
    }
    let point = point.id;
    let detail = format!("action point {point}: progress update {update} edited");
    audit::record(&txn, ctx, None, AuditAction::ContentModerated, Some(detail)).await?;
    txn.commit().await?;
    Ok(())
}

/// Hides a progress update from the public pages, or shows it again; a wrong id is a 404.
pub async fn set_update_hidden(
    ctx: &Ctx,
    point: ActionPointId,
    update: i64,
    hidden: bool,
) -> WebResult<()> {
    let txn = ctx.state.db.begin().await?;
    action_points::set_update_hidden(&txn, point, update, hidden, ctx.now).await?;
    let verb = if hidden { "hidden" } else { "shown" };
    let detail = format!("action point {point}: progress update {update} {verb}");
    audit::record(&txn, ctx, None, AuditAction::ContentModerated, Some(detail)).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn create_point(
    ctx: &Ctx,
    process: &Process,
    point: &NewActionPoint,
    holder: Option<UserId>,
) -> WebResult<ActionPointId> {
    let txn = ctx.state.db.begin().await?;
    let id = action_points::insert(&txn, process.id, point, holder, ctx.now).await?;
    let detail = format!("action point {id} created");
    audit::record(&txn, ctx, None, AuditAction::ProcessUpdated, Some(detail)).await?;
    txn.commit().await?;
    Ok(id)
}

pub async fn update_point(
    ctx: &Ctx,
    process: &Process,
    point: ActionPointId,
    new: &NewActionPoint,
    holder: Option<UserId>,
) -> WebResult<()> {
    let txn = ctx.state.db.begin().await?;
    action_points::update(&txn, process.id, point, new, holder, ctx.now).await?;
    let detail = format!("action point {point} updated");
    audit::record(&txn, ctx, None, AuditAction::ProcessUpdated, Some(detail)).await?;
    txn.commit().await?;
    Ok(())
}

/// Saves the introduction of a process's action plan and its translation (`None` empties it),
/// with an audit row. The plan's documents change with it (their date and ETag follow the
/// plan's last change).
pub async fn save_plan_introduction(
    ctx: &Ctx,
    process: &Process,
    introduction: &NewPlanIntroduction,
    editor: UserId,
) -> WebResult<()> {
    let txn = ctx.state.db.begin().await?;
    action_plan::save_introduction(&txn, process.id, introduction, editor, ctx.now).await?;
    let detail = format!("process {}: action plan introduction edited", process.id);
    audit::record(&txn, ctx, None, AuditAction::ProcessUpdated, Some(detail)).await?;
    txn.commit().await?;
    Ok(())
}

/// A plan-level progress report, published at once and mailed to immediate followers.
pub struct NewReport<'a> {
    pub texts: publications::NewReportTexts<'a>,
    pub date: NaiveDate,
}

pub async fn publish_report(
    ctx: &Ctx,
    process: &Process,
    report: &NewReport<'_>,
) -> WebResult<ProgressReportId> {
    let NewReport { texts, date } = *report;
    let title = texts.title;
    let txn = ctx.state.db.begin().await?;
    let id = publications::insert_report(&txn, process.id, texts, date, ctx.now).await?;
    let detail = format!("process {}: progress report {id} published", process.id);
    audit::record(&txn, ctx, None, AuditAction::ProcessUpdated, Some(detail)).await?;
    let publication = Publication {
        key: format!("report:{id}"),
        title,
        link: format!(
            "{}/processen/{}/voortgang#rapportage-{id}",
            ctx.state.settings.base_url, process.slug
        ),
    };
    followers::notify(&txn, ctx, process, &publication).await?;
    txn.commit()
        .await
        .map_err(|e| WebError::Internal(e.to_string()))?;
    Ok(id)
}
