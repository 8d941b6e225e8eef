//! The organiser's view of responses: paging, responses per day, hiding spam, and the running
//! counts (tallies) that results pages read instead of scanning every answer.
//!
//! A hidden response is kept but leaves every count: hiding subtracts its answers from the
//! tallies and adds one to `hidden_count`, in one transaction, and only if it was not hidden
//! already (a conditional `UPDATE`), so two organisers clicking at once count it once.

use super::{decode_keys, questions};
use crate::entities::consultation::{answers, consultations, responses, tallies};
use crate::{StoreError, StoreResult};
use chrono::{DateTime, NaiveDate, Utc};
use inspraak_domain::consultation::{Answer, StoredAnswer};
use inspraak_domain::{ConsultationId, QuestionId, ResponseId};
use sea_orm::sea_query::{Alias, Expr, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use std::collections::BTreeMap;

/// Adds (`sign = 1`) or subtracts (`sign = -1`) answers to or from the running counts, with one
/// multi-row upsert. Counters are written in key order, so concurrent writers never deadlock.
pub(crate) async fn add_to_tallies(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
    answers: &[(QuestionId, Answer)],
    sign: i64,
) -> StoreResult<()> {
    add_many_to_tallies(conn, [(consultation, answers)], sign).await
}

/// As [`add_to_tallies`] for many responses (a group commit): summed first, one upsert.
pub(crate) async fn add_many_to_tallies<'a>(
    conn: &impl ConnectionTrait,
    responses: impl IntoIterator<Item = (ConsultationId, &'a [(QuestionId, Answer)])>,
    sign: i64,
) -> StoreResult<()> {
    use sea_orm::sea_query::ExprTrait;
    // Keyed by question first: one question belongs to one consultation.
    let mut sums: BTreeMap<(i64, String), (i64, i64, i64)> = BTreeMap::new();
    for (consultation, answers) in responses {
        for (question, answer) in answers {
            for entry in answer.tally() {
                let sum = sums.entry((question.0, entry.key)).or_default();
                sum.0 = consultation.0;
                sum.1 += sign;
                sum.2 += sign * entry.points;
            }
        }
    }
    if sums.is_empty() {
        return Ok(());
    }
    let rows = sums
        .into_iter()
        .map(
            |((question, key), (consultation, count, points))| tallies::ActiveModel {
                consultation_id: Set(consultation),
                question_id: Set(question),
                option_key: Set(key),
                responses: Set(count),
                points: Set(points),
                ..Default::default()
            },
        );
    let add = |column: tallies::Column| {
        Expr::col((tallies::Entity, column)).add(Expr::col((Alias::new("excluded"), column)))
    };
    tallies::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([tallies::Column::QuestionId, tallies::Column::OptionKey])
                .value(tallies::Column::Responses, add(tallies::Column::Responses))
                .value(tallies::Column::Points, add(tallies::Column::Points))
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// One running count: how many visible responses chose `key` for a question, and the points
/// they gave it (rankings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    pub question: QuestionId,
    pub key: String,
    pub responses: i64,
    pub points: i64,
}

/// Every running count of a consultation (counters that dropped to zero included).
pub async fn tallies(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
) -> StoreResult<Vec<Tally>> {
    Ok(tallies::Entity::find()
        .filter(tallies::Column::ConsultationId.eq(consultation.0))
        .order_by_asc(tallies::Column::QuestionId)
        .order_by_asc(tallies::Column::OptionKey)
        .all(conn)
        .await?
        .into_iter()
        .map(|m| Tally {
            question: QuestionId(m.question_id),
            key: m.option_key,
            responses: m.responses,
            points: m.points,
        })
        .collect())
}

/// A response as the organiser's table shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseRow {
    pub id: ResponseId,
    pub receipt_code: String,
    pub submitted_at: DateTime<Utc>,
    pub hidden: bool,
    pub answers: Vec<(QuestionId, StoredAnswer)>,
}

/// One page of responses, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponsePage {
    pub rows: Vec<ResponseRow>,
    /// All responses, hidden ones included.
    pub total: u64,
    /// 1-based.
    pub page: u64,
    pub per_page: u64,
}

impl ResponsePage {
    pub fn page_count(&self) -> u64 {
        self.total.div_ceil(self.per_page.max(1)).max(1)
    }
}

/// The highest page number asked for; beyond it the offset would overflow the databases' integers.
const MAX_PAGE: u64 = 1_000_000;

/// A page of responses (1-based `page`, clamped to 1..=1 000 000; `per_page` to 1..=200).
pub async fn list(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
    page: u64,
    per_page: u64,
) -> StoreResult<ResponsePage> {
    let page = page.clamp(1, MAX_PAGE);
    let per_page = per_page.clamp(1, 200);
    let query = responses::Entity::find()
        .filter(responses::Column::ConsultationId.eq(consultation.0))
        .order_by_desc(responses::Column::Id);
    let total = query.clone().count(conn).await?;
    let models = query
        .offset((page - 1).saturating_mul(per_page))
        .limit(per_page)
        .all(conn)
        .await?;
    let ids: Vec<i64> = models.iter().map(|m| m.id).collect();
    let mut by_response: BTreeMap<i64, Vec<(QuestionId, StoredAnswer)>> = BTreeMap::new();
    if !ids.is_empty() {
        for answer in answers::Entity::find()
            .filter(answers::Column::ResponseId.is_in(ids))
            .order_by_asc(answers::Column::Id)
            .all(conn)
            .await?
        {
            let stored = StoredAnswer {
                keys: decode_keys(answer.choice_keys.as_deref())?,
                text: answer.text_value,
            };
            by_response
                .entry(answer.response_id)
                .or_default()
                .push((QuestionId(answer.question_id), stored));
        }
    }
    let rows = models
        .into_iter()
        .map(|m| ResponseRow {
            id: ResponseId(m.id),
            answers: by_response.remove(&m.id).unwrap_or_default(),
            receipt_code: m.receipt_code,
            submitted_at: m.submitted_at,
            hidden: m.hidden,
        })
        .collect();
    Ok(ResponsePage {
        rows,
        total,
        page,
        per_page,
    })
}

/// Responses on one Dutch calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayCount {
    pub day: NaiveDate,
    pub visible: i64,
    pub hidden: i64,
}

/// Responses per Dutch calendar day, oldest day first; days without responses are left out.
pub async fn per_day(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
) -> StoreResult<Vec<DayCount>> {
    let rows: Vec<(NaiveDate, bool, i64)> = responses::Entity::find()
        .select_only()
        .column(responses::Column::SubmittedOn)
        .column(responses::Column::Hidden)
        .column_as(responses::Column::Id.count(), "responses")
        .filter(responses::Column::ConsultationId.eq(consultation.0))
        .group_by(responses::Column::SubmittedOn)
        .group_by(responses::Column::Hidden)
        .order_by_asc(responses::Column::SubmittedOn)
        .into_tuple()
        .all(conn)
        .await?;
    let mut days: Vec<DayCount> = Vec::new();
    for (day, hidden, count) in rows {
        if days.last().is_none_or(|d| d.day != day) {
            days.push(DayCount {
                day,
                visible: 0,
                hidden: 0,
            });
        }
        if let Some(last) = days.last_mut() {
            if hidden {
                last.hidden += count;
            } else {
                last.visible += count;
            }
        }
    }
    Ok(days)
}

/// The answers of one response, typed by their questions' kinds.
async fn typed_answers(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
    response: ResponseId,
) -> StoreResult<Vec<(QuestionId, Answer)>> {
    let kinds: BTreeMap<QuestionId, _> = questions(conn, consultation)
        .await?
        .into_iter()
        .map(|q| (q.id, q.kind))
        .collect();
    let mut typed = Vec::new();
    for answer in answers::Entity::find()
        .filter(answers::Column::ResponseId.eq(response.0))
        .all(conn)
        .await?
    {
        let question = QuestionId(answer.question_id);
        let stored = StoredAnswer {
            keys: decode_keys(answer.choice_keys.as_deref())?,
            text: answer.text_value,
        };
        let kind = kinds.get(&question).copied();
        if let Some(parsed) = kind.and_then(|k| Answer::from_stored(k, &stored)) {
            typed.push((question, parsed));
        }
    }
    Ok(typed)
}

/// Hides (`hidden = true`) or shows again a response. Returns whether anything changed; counts
/// follow in the same transaction. `NotFound` when the response is not of this consultation.
pub async fn set_hidden(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
    response: ResponseId,
    hidden: bool,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    use sea_orm::sea_query::ExprTrait;
    let changed = responses::Entity::update_many()
        .col_expr(responses::Column::Hidden, Expr::value(hidden))
        .col_expr(
            responses::Column::HiddenAt,
            Expr::value(hidden.then_some(now)),
        )
        .filter(responses::Column::Id.eq(response.0))
        .filter(responses::Column::ConsultationId.eq(consultation.0))
        .filter(responses::Column::Hidden.eq(!hidden))
        .exec(conn)
        .await?;
    if changed.rows_affected == 0 {
        let exists = responses::Entity::find_by_id(response.0)
            .filter(responses::Column::ConsultationId.eq(consultation.0))
            .one(conn)
            .await?
            .is_some();
        return if exists {
            Ok(false)
        } else {
            Err(StoreError::NotFound)
        };
    }
    let delta: i64 = if hidden { 1 } else { -1 };
    consultations::Entity::update_many()
        .col_expr(
            consultations::Column::HiddenCount,
            Expr::col(consultations::Column::HiddenCount).add(delta),
        )
        .filter(consultations::Column::Id.eq(consultation.0))
        .exec(conn)
        .await?;
    let answers = typed_answers(conn, consultation, response).await?;
    add_to_tallies(conn, consultation, &answers, -delta).await?;
    Ok(true)
}
