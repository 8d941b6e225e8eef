//! The organiser's side: consultations and their ordered questions.
//!
//! Rule: once the first response exists, a question cannot be removed, change kind or lose
//! options (answers would lose their meaning); texts may always be corrected. The check is a
//! conditional `UPDATE … WHERE response_count = 0` on the consultation's row, which also bumps
//! `structure_version`, so it cannot race a submission (call these inside a transaction).

use super::{Consultation, privacy, to_consultation, to_question};
use crate::entities::consultation::{consultations, questions};
use crate::error::found;
use crate::{StoreError, StoreResult};
use chrono::{DateTime, Utc};
use inspraak_domain::consultation::{
    ConsultationStatus, NewConsultation, NewQuestion, Question, QuestionKind, WindowState,
};
use inspraak_domain::{ConsultationId, ProcessId, QuestionId};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

/// Creates a draft consultation on a process.
pub async fn insert(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    new: &NewConsultation,
    now: DateTime<Utc>,
) -> StoreResult<ConsultationId> {
    let model = consultations::ActiveModel {
        process_id: Set(process.0),
        title: Set(new.title.as_str().to_owned()),
        intro: Set(new.intro.as_str().to_owned()),
        privacy_statement: Set(new.privacy.as_str().to_owned()),
        title_translation: Set(new
            .title_translation
            .as_ref()
            .map(|t| t.as_str().to_owned())),
        intro_translation: Set(new
            .intro_translation
            .as_ref()
            .map(|t| t.as_str().to_owned())),
        privacy_statement_translation: Set(new
            .privacy_translation
            .as_ref()
            .map(|t| t.as_str().to_owned())),
        opens_at: Set(new.window.opens_at()),
        closes_at: Set(new.window.closes_at()),
        status: Set(ConsultationStatus::Draft.as_str().to_owned()),
        structure_version: Set(0),
        response_count: Set(0),
        hidden_count: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    Ok(ConsultationId(model.insert(conn).await?.id))
}

/// Updates texts and period. Personal data's erase dates follow a new closing moment.
pub async fn update(
    conn: &impl ConnectionTrait,
    id: ConsultationId,
    new: &NewConsultation,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let result = consultations::Entity::update_many()
        .col_expr(
            consultations::Column::Title,
            Expr::value(new.title.as_str()),
        )
        .col_expr(
            consultations::Column::Intro,
            Expr::value(new.intro.as_str()),
        )
        .col_expr(
            consultations::Column::PrivacyStatement,
            Expr::value(new.privacy.as_str()),
        )
        .col_expr(
            consultations::Column::TitleTranslation,
            Expr::value(
                new.title_translation
                    .as_ref()
                    .map(|t| t.as_str().to_owned()),
            ),
        )
        .col_expr(
            consultations::Column::IntroTranslation,
            Expr::value(
                new.intro_translation
                    .as_ref()
                    .map(|t| t.as_str().to_owned()),
            ),
        )
        .col_expr(
            consultations::Column::PrivacyStatementTranslation,
            Expr::value(
                new.privacy_translation
                    .as_ref()
                    .map(|t| t.as_str().to_owned()),
            ),
        )
        .col_expr(
            consultations::Column::OpensAt,
            Expr::value(new.window.opens_at()),
        )
        .col_expr(
            consultations::Column::ClosesAt,
            Expr::value(new.window.closes_at()),
        )
        .col_expr(consultations::Column::UpdatedAt, Expr::value(now))
        .filter(consultations::Column::Id.eq(id.0))
        .exec(conn)
        .await?;
    if result.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    privacy::recompute_erase_after(conn, id).await
}

pub async fn set_status(
    conn: &impl ConnectionTrait,
    id: ConsultationId,
    status: ConsultationStatus,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let result = consultations::Entity::update_many()
        .col_expr(consultations::Column::Status, Expr::value(status.as_str()))
        .col_expr(consultations::Column::UpdatedAt, Expr::value(now))
        .filter(consultations::Column::Id.eq(id.0))
        .exec(conn)
        .await?;
    found(result.rows_affected)
}

pub async fn find(
    conn: &impl ConnectionTrait,
    id: ConsultationId,
) -> StoreResult<Option<Consultation>> {
    consultations::Entity::find_by_id(id.0)
        .one(conn)
        .await?
        .map(to_consultation)
        .transpose()
}

/// A consultation only if it belongs to `process`: the per-object check for URLs that name both.
pub async fn find_in_process(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    id: ConsultationId,
) -> StoreResult<Option<Consultation>> {
    Ok(find(conn, id).await?.filter(|c| c.process_id == process))
}

/// Every consultation of a process, the latest opening first (organisers).
pub async fn list_for_process(
    conn: &impl ConnectionTrait,
    process: ProcessId,
) -> StoreResult<Vec<Consultation>> {
    consultations::Entity::find()
        .filter(consultations::Column::ProcessId.eq(process.0))
        .order_by_desc(consultations::Column::OpensAt)
        .order_by_desc(consultations::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_consultation)
        .collect()
}

/// The consultation the public page of a process shows: a published one that is open now,
/// else the next to open, else the one that closed last.
pub async fn public_for_process(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    now: DateTime<Utc>,
) -> StoreResult<Option<Consultation>> {
    let published: Vec<Consultation> = list_for_process(conn, process)
        .await?
        .into_iter()
        .filter(Consultation::is_published)
        .collect();
    let in_state = |state: WindowState| {
        published
            .iter()
            .filter(move |c| c.window.state(now) == state)
    };
    let open = in_state(WindowState::Open).max_by_key(|c| c.window.opens_at());
    let upcoming = in_state(WindowState::NotYetOpen).min_by_key(|c| c.window.opens_at());
    let closed = in_state(WindowState::Closed).max_by_key(|c| c.window.closes_at());
    Ok(open.or(upcoming).or(closed).cloned())
}

/// The questions of a consultation, in order.
pub async fn questions(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
) -> StoreResult<Vec<Question>> {
    questions::Entity::find()
        .filter(questions::Column::ConsultationId.eq(consultation.0))
        .order_by_asc(questions::Column::Position)
        .order_by_asc(questions::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_question)
        .collect()
}

pub async fn find_question(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
    id: QuestionId,
) -> StoreResult<Option<Question>> {
    questions::Entity::find_by_id(id.0)
        .filter(questions::Column::ConsultationId.eq(consultation.0))
        .one(conn)
        .await?
        .map(to_question)
        .transpose()
}

fn options_json(new: &NewQuestion) -> StoreResult<Option<String>> {
    labels_json(&new.options)
}

fn options_translation_json(new: &NewQuestion) -> StoreResult<Option<String>> {
    labels_json(&new.options_translation)
}

fn labels_json(
    options: &[inspraak_domain::consultation::question::OptionLabel],
) -> StoreResult<Option<String>> {
    if options.is_empty() {
        return Ok(None);
    }
    let labels: Vec<&str> = options.iter().map(|o| o.as_str()).collect();
    serde_json::to_string(&labels)
        .map(Some)
        .map_err(|e| StoreError::Db(sea_orm::DbErr::Custom(e.to_string())))
}

/// A consultation has at most one e-mail question: one address per response, kept apart.
async fn ensure_single_email_question(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
    new: &NewQuestion,
    except: Option<QuestionId>,
) -> StoreResult<()> {
    if new.kind != QuestionKind::EmailUpdates {
        return Ok(());
    }
    let taken = questions(conn, consultation)
        .await?
        .iter()
        .any(|q| q.kind == QuestionKind::EmailUpdates && Some(q.id) != except);
    if taken {
        return Err(StoreError::Conflict("email_question"));
    }
    Ok(())
}

/// Takes the consultation's row and bumps its structure version, only while no response exists.
/// `Conflict("responses_exist")` otherwise.
async fn change_structure(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let result = consultations::Entity::update_many()
        .col_expr(
            consultations::Column::StructureVersion,
            Expr::col(consultations::Column::StructureVersion).add(1),
        )
        .col_expr(consultations::Column::UpdatedAt, Expr::value(now))
        .filter(consultations::Column::Id.eq(consultation.0))
        .filter(consultations::Column::ResponseCount.eq(0))
        .exec(conn)
        .await?;
    if result.rows_affected == 1 {
        return Ok(());
    }
    match find(conn, consultation).await? {
        Some(_) => Err(StoreError::Conflict("responses_exist")),
        None => Err(StoreError::NotFound),
    }
}

/// Adds a question at the end. Allowed after responses exist: earlier responses simply have
/// no answer to it.
pub async fn add_question(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
    new: &NewQuestion,
) -> StoreResult<QuestionId> {
    if find(conn, consultation).await?.is_none() {
        return Err(StoreError::NotFound);
    }
    ensure_single_email_question(conn, consultation, new, None).await?;
    let last: Option<Option<i32>> = questions::Entity::find()
        .select_only()
        .column_as(questions::Column::Position.max(), "max_position")
        .filter(questions::Column::ConsultationId.eq(consultation.0))
        .into_tuple()
        .one(conn)
        .await?;
    let position = last.flatten().map_or(0, |p| p + 1);
    let model = questions::ActiveModel {
        consultation_id: Set(consultation.0),
        position: Set(position),
        kind: Set(new.kind.as_str().to_owned()),
        prompt: Set(new.prompt.as_str().to_owned()),
        help_text: Set(new.help.as_deref().map(str::to_owned)),
        required: Set(new.required),
        max_length: Set(new.max_length.and_then(|n| i32::try_from(n).ok())),
        options: Set(options_json(new)?),
        allow_other: Set(new.allow_other),
        prompt_translation: Set(new
            .prompt_translation
            .as_ref()
            .map(|t| t.as_str().to_owned())),
        help_text_translation: Set(new.help_translation.as_deref().map(str::to_owned)),
        options_translation: Set(options_translation_json(new)?),
        ..Default::default()
    };
    Ok(QuestionId(model.insert(conn).await?.id))
}

/// Saves an edited question. Corrections are always allowed; a change of kind or fewer
/// options only while no response exists (`Conflict("responses_exist")`).
pub async fn update_question(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
    id: QuestionId,
    new: &NewQuestion,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let current = find_question(conn, consultation, id)
        .await?
        .ok_or(StoreError::NotFound)?;
    if new.changes_meaning_of(&current) {
        change_structure(conn, consultation, now).await?;
    }
    ensure_single_email_question(conn, consultation, new, Some(id)).await?;
    questions::Entity::update_many()
        .col_expr(questions::Column::Kind, Expr::value(new.kind.as_str()))
        .col_expr(questions::Column::Prompt, Expr::value(new.prompt.as_str()))
        .col_expr(
            questions::Column::HelpText,
            Expr::value(new.help.as_deref().map(str::to_owned)),
        )
        .col_expr(questions::Column::Required, Expr::value(new.required))
        .col_expr(
            questions::Column::MaxLength,
            Expr::value(new.max_length.and_then(|n| i32::try_from(n).ok())),
        )
        .col_expr(questions::Column::Options, Expr::value(options_json(new)?))
        .col_expr(questions::Column::AllowOther, Expr::value(new.allow_other))
        .col_expr(
            questions::Column::PromptTranslation,
            Expr::value(
                new.prompt_translation
                    .as_ref()
                    .map(|t| t.as_str().to_owned()),
            ),
        )
        .col_expr(
            questions::Column::HelpTextTranslation,
            Expr::value(new.help_translation.as_deref().map(str::to_owned)),
        )
        .col_expr(
            questions::Column::OptionsTranslation,
            Expr::value(options_translation_json(new)?),
        )
        .filter(questions::Column::Id.eq(id.0))
        .filter(questions::Column::ConsultationId.eq(consultation.0))
        .exec(conn)
        .await?;
    Ok(())
}

/// Removes a question, only while no response exists (`Conflict("responses_exist")`).
pub async fn remove_question(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
    id: QuestionId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    if find_question(conn, consultation, id).await?.is_none() {
        return Err(StoreError::NotFound);
    }
    change_structure(conn, consultation, now).await?;
    questions::Entity::delete_many()
        .filter(questions::Column::Id.eq(id.0))
        .filter(questions::Column::ConsultationId.eq(consultation.0))
        .exec(conn)
        .await?;
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveDirection {
    Up,
    Down,
}

impl MoveDirection {
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "up" => Some(Self::Up),
            "down" => Some(Self::Down),
            _ => None,
        }
    }
}

/// Moves a question one place up or down (a no-op at either end). Always allowed: order does
/// not change what an answer means.
pub async fn move_question(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
    id: QuestionId,
    direction: MoveDirection,
) -> StoreResult<()> {
    let mut order: Vec<QuestionId> = questions(conn, consultation)
        .await?
        .iter()
        .map(|q| q.id)
        .collect();
    let at = order
        .iter()
        .position(|q| *q == id)
        .ok_or(StoreError::NotFound)?;
    let other = match direction {
        MoveDirection::Up => at.checked_sub(1),
        MoveDirection::Down => (at + 1 < order.len()).then_some(at + 1),
    };
    if let Some(other) = other {
        order.swap(at, other);
    }
    reorder(conn, consultation, &order).await
}

/// Gives the questions the positions of `order` (which must hold exactly the consultation's
/// questions).
pub async fn reorder(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
    order: &[QuestionId],
) -> StoreResult<()> {
    let mut current: Vec<QuestionId> = questions(conn, consultation)
        .await?
        .iter()
        .map(|q| q.id)
        .collect();
    let mut wanted = order.to_vec();
    current.sort();
    wanted.sort();
    if current != wanted {
        return Err(StoreError::Conflict("question_order"));
    }
    for (position, id) in (0i32..).zip(order) {
        questions::Entity::update_many()
            .col_expr(questions::Column::Position, Expr::value(position))
            .filter(questions::Column::Id.eq(id.0))
            .filter(questions::Column::ConsultationId.eq(consultation.0))
            .exec(conn)
            .await?;
    }
    Ok(())
}

/// Switches the running figures on the public outcomes page on or off.
pub async fn set_live_results(
    conn: &impl ConnectionTrait,
    id: ConsultationId,
    on: bool,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let result = consultations::Entity::update_many()
        .col_expr(consultations::Column::LiveResults, Expr::value(on))
        .col_expr(consultations::Column::UpdatedAt, Expr::value(now))
        .filter(consultations::Column::Id.eq(id.0))
        .exec(conn)
        .await?;
    found(result.rows_affected)
}
