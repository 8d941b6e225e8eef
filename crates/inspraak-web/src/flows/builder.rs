//! The organiser's consultation builder: its details, its questions (add, change, remove, move)
//! and the process's retention period. Each change is one transaction. Question changes that
//! would alter the meaning of answers are refused by the store once a response exists.

use crate::ctx::Ctx;
use crate::error::WebResult;
use inspraak_domain::consultation::{NewConsultation, NewQuestion};
use inspraak_domain::retention::RetentionDays;
use inspraak_domain::{ConsultationId, ProcessId, QuestionId};
use inspraak_store::consultation::{MoveDirection, admin as store};
use inspraak_store::{StoreError, retention};

/// What became of a question change.
pub enum QuestionChange {
    Saved,
    /// Responses exist: the change would alter what earlier answers meant.
    ResponsesExist,
    /// The consultation already has its one e-mail question.
    EmailQuestionTaken,
}

fn question_change(result: Result<(), StoreError>) -> WebResult<QuestionChange> {
    match result {
        Ok(()) => Ok(QuestionChange::Saved),
        Err(StoreError::Conflict("responses_exist")) => Ok(QuestionChange::ResponsesExist),
        Err(StoreError::Conflict("email_question")) => Ok(QuestionChange::EmailQuestionTaken),
        Err(other) => Err(other.into()),
    }
}

pub async fn update_details(
    ctx: &Ctx,
    consultation: ConsultationId,
    new: &NewConsultation,
) -> WebResult<()> {
    let txn = ctx.state.db.begin().await?;
    store::update(&txn, consultation, new, ctx.now).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn add_question(
    ctx: &Ctx,
    consultation: ConsultationId,
    new: &NewQuestion,
) -> WebResult<QuestionChange> {
    let txn = ctx.state.db.begin().await?;
    let added = store::add_question(&txn, consultation, new)
        .await
        .map(|_| ());
    let change = question_change(added)?;
    if matches!(change, QuestionChange::Saved) {
        txn.commit().await?;
    }
    Ok(change)
}

pub async fn update_question(
    ctx: &Ctx,
    consultation: ConsultationId,
    question: QuestionId,
    new: &NewQuestion,
) -> WebResult<QuestionChange> {
    let txn = ctx.state.db.begin().await?;
    let updated = store::update_question(&txn, consultation, question, new, ctx.now).await;
    let change = question_change(updated)?;
    if matches!(change, QuestionChange::Saved) {
        txn.commit().await?;
    }
    Ok(change)
}

pub async fn remove_question(
    ctx: &Ctx,
    consultation: ConsultationId,
    question: QuestionId,
) -> WebResult<QuestionChange> {
    let txn = ctx.state.db.begin().await?;
    let removed = store::remove_question(&txn, consultation, question, ctx.now).await;
    let change = question_change(removed)?;
    if matches!(change, QuestionChange::Saved) {
        txn.commit().await?;
    }
    Ok(change)
}

pub async fn move_question(
    ctx: &Ctx,
    consultation: ConsultationId,
    question: QuestionId,
    direction: MoveDirection,
) -> WebResult<()> {
    let txn = ctx.state.db.begin().await?;
    store::move_question(&txn, consultation, question, direction).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn set_retention(ctx: &Ctx, process: ProcessId, days: RetentionDays) -> WebResult<()> {
    let txn = ctx.state.db.begin().await?;
    retention::set(&txn, process, days, ctx.now).await?;
    txn.commit().await?;
    Ok(())
}

/// Switches live results (the running figures while the consultation is open) on or off, with
/// an audit row: what the public sees changes.
pub async fn set_live_results(
    ctx: &Ctx,
    organiser: &inspraak_store::users::User,
    consultation: ConsultationId,
    on: bool,
) -> WebResult<()> {
    let txn = ctx.state.db.begin().await?;
    store::set_live_results(&txn, consultation, on, ctx.now).await?;
    let subject = format!(
        "consultation {consultation}: {}",
        if on { "on" } else { "off" }
    );
    let action = inspraak_domain::AuditAction::LiveResultsChanged;
    crate::audit::record(&txn, ctx, Some(organiser), action, Some(subject)).await?;
    txn.commit().await?;
    Ok(())
}
