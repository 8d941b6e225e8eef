//! Online consultations: the organiser's form builder, submissions, the organiser's view of the
//! responses, and the erasure of personal data.
//!
//! - [`admin`]: consultations and their questions (create, edit, reorder, remove, publish).
//! - [`submit`]: storing one response in one transaction, idempotently.
//! - [`responses`]: paging through responses, responses per day, hiding spam, the running counts.
//! - [`privacy`]: e-mail addresses kept apart from answers, and erased on time or on request.
//!
//! Concurrency: every submission and every change that could alter what stored answers mean
//! takes the consultation's row with a conditional `UPDATE` first, so on PostgreSQL they queue
//! behind each other; on SQLite the single write connection does the same.

pub mod admin;
pub mod batch;
pub mod privacy;
pub mod responses;
pub mod submit;

pub use admin::{MoveDirection, find, questions};
pub use submit::{
    NewContact, NewResponse, Receipt, SubmitOutcome, new_receipt_code, submit, submit_in,
};

use crate::entities::consultation::{answers, consultations, questions};
use crate::{StoreError, StoreResult};
use chrono::{DateTime, Utc};
use inspraak_domain::consultation::{
    Answer, ConsultationStatus, ConsultationWindow, Question, QuestionKind,
};
use inspraak_domain::{ConsultationId, ProcessId, QuestionId, Translated};
use sea_orm::{ConnectionTrait, EntityTrait, Set};

/// A consultation as the rest of the program sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consultation {
    pub id: ConsultationId,
    pub process_id: ProcessId,
    pub title: Translated,
    pub intro: Translated,
    pub privacy: Translated,
    pub window: ConsultationWindow,
    pub status: ConsultationStatus,
    /// Changes when a question is removed or changes kind; a submission names the version its
    /// form was parsed against.
    pub structure_version: i32,
    /// Every stored response, hidden ones included.
    pub response_count: i64,
    /// Responses hidden as spam: kept, but left out of every count and result.
    pub hidden_count: i64,
    pub updated_at: DateTime<Utc>,
    /// The organiser shows the running figures, marked provisional, while it is open.
    pub live_results: bool,
}

impl Consultation {
    /// The responses that count: all but the hidden ones.
    pub fn visible_count(&self) -> i64 {
        self.response_count - self.hidden_count
    }

    pub fn is_published(&self) -> bool {
        self.status == ConsultationStatus::Published
    }
}

fn corrupt(what: String) -> StoreError {
    StoreError::Db(sea_orm::DbErr::Custom(what))
}

pub(crate) fn to_consultation(model: consultations::Model) -> StoreResult<Consultation> {
    let status = ConsultationStatus::parse(&model.status)
        .ok_or_else(|| corrupt(format!("unknown consultation status {}", model.status)))?;
    let window = ConsultationWindow::new(model.opens_at, model.closes_at)
        .map_err(|e| corrupt(format!("consultation {}: {e}", model.id)))?;
    Ok(Consultation {
        id: ConsultationId(model.id),
        process_id: ProcessId(model.process_id),
        title: Translated::new(model.title, model.title_translation),
        intro: Translated::new(model.intro, model.intro_translation),
        privacy: Translated::new(model.privacy_statement, model.privacy_statement_translation),
        window,
        status,
        structure_version: model.structure_version,
        response_count: model.response_count,
        hidden_count: model.hidden_count,
        updated_at: model.updated_at,
        live_results: model.live_results,
    })
}

pub(crate) fn to_question(model: questions::Model) -> StoreResult<Question> {
    let kind = QuestionKind::parse(&model.kind)
        .ok_or_else(|| corrupt(format!("unknown question kind {}", model.kind)))?;
    let labels = |json: &Option<String>| -> StoreResult<Vec<String>> {
        match json {
            Some(json) => serde_json::from_str(json)
                .map_err(|e| corrupt(format!("question {} options: {e}", model.id))),
            None => Ok(Vec::new()),
        }
    };
    let options = labels(&model.options)?;
    // A translation list of another length than the options (an edit elsewhere) is ignored
    // rather than shown against the wrong options.
    let options_translation = Some(labels(&model.options_translation)?)
        .filter(|t| t.len() == options.len())
        .unwrap_or_default();
    Ok(Question {
        id: QuestionId(model.id),
        kind,
        prompt: Translated::new(model.prompt, model.prompt_translation),
        help: Translated::optional(model.help_text, model.help_text_translation),
        required: model.required,
        max_length: model.max_length.and_then(|n| u32::try_from(n).ok()),
        options,
        options_translation,
        allow_other: model.allow_other,
    })
}

/// Keys of an answer as stored (a JSON array), or `None` for an answer without keys.
pub(crate) fn encode_keys(keys: &[String]) -> StoreResult<Option<String>> {
    if keys.is_empty() {
        return Ok(None);
    }
    serde_json::to_string(keys)
        .map(Some)
        .map_err(|e| corrupt(e.to_string()))
}

/// Rows per insert of answers: four bound values a row, 16,000 of SQLite's limit of 32,766.
const ANSWER_ROWS_PER_STATEMENT: usize = 4_000;

/// The stored row of one answer of a response.
pub(crate) fn answer_row(
    response: i64,
    question: QuestionId,
    answer: &Answer,
) -> StoreResult<answers::ActiveModel> {
    let stored = answer.to_stored();
    Ok(answers::ActiveModel {
        response_id: Set(response),
        question_id: Set(question.0),
        choice_keys: Set(encode_keys(&stored.keys)?),
        text_value: Set(stored.text),
        ..Default::default()
    })
}

/// Inserts answer rows ([`answer_row`]) in as few statements as SQLite's limit of bound values
/// allows; none when there are none.
pub(crate) async fn insert_answer_rows(
    conn: &impl ConnectionTrait,
    mut rows: Vec<answers::ActiveModel>,
) -> StoreResult<()> {
    while !rows.is_empty() {
        let rest = rows.split_off(rows.len().min(ANSWER_ROWS_PER_STATEMENT));
        answers::Entity::insert_many(std::mem::replace(&mut rows, rest))
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

pub(crate) fn decode_keys(json: Option<&str>) -> StoreResult<Vec<String>> {
    match json {
        Some(json) => serde_json::from_str(json).map_err(|e| corrupt(e.to_string())),
        None => Ok(Vec::new()),
    }
}
