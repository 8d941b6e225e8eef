//! Outcomes of a consultation: the organiser's introduction, recurring threads (rode draden) and
//! picked quotes, and whether the outcome is public. The figures are never stored: [`figures`]
//! derives them from the running counts (`consultation_tallies`), which the submission and the
//! hiding of a response keep current in their own transactions, so a page view reads a few
//! dozen rows whatever the number of responses.
//!
//! - [`figures`]: participation, per-theme and per-question figures from the tallies.
//! - [`export`]: keyset pages of responses for streamed exports.
//! - [`generate`]: many realistic responses quickly (benchmarks), tallies kept right.

pub mod export;
pub mod figures;
pub mod generate;

use crate::consultation::decode_keys;
use crate::entities::consultation::{answers, consultations, contacts, responses};
use crate::entities::outcome::{outcomes, quotes, threads};
use crate::{StoreError, StoreResult};
use chrono::{DateTime, Utc};
use inspraak_domain::{
    AnswerId, ConsultationId, ProcessId, QuestionId, ThemeId, ThreadId, Translated,
};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::BTreeSet;

/// What the organiser wrote around the figures, and whether the outcome is public.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OutcomeState {
    /// Empty (`main` = "") while the organiser has written none.
    pub intro: Translated,
    pub published_at: Option<DateTime<Utc>>,
}

/// The outcome's state; the default (empty, unpublished) when the organiser has not started.
pub async fn state(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
) -> StoreResult<OutcomeState> {
    Ok(outcomes::Entity::find_by_id(consultation.0)
        .one(conn)
        .await?
        .map(|m| OutcomeState {
            intro: Translated::new(m.intro, m.intro_translation),
            published_at: m.published_at,
        })
        .unwrap_or_default())
}

async fn ensure_row(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    outcomes::Entity::insert(outcomes::ActiveModel {
        consultation_id: Set(consultation.0),
        intro: Set(String::new()),
        published_at: Set(None),
        updated_at: Set(now),
        intro_translation: Set(None),
    })
    .on_conflict(
        OnConflict::column(outcomes::Column::ConsultationId)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Saves the organiser's introduction and its translation (`None`: not written).
pub async fn save_intro(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
    intro: &str,
    translation: Option<&str>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    ensure_row(conn, consultation, now).await?;
    outcomes::Entity::update_many()
        .col_expr(outcomes::Column::Intro, Expr::value(intro.to_owned()))
        .col_expr(
            outcomes::Column::IntroTranslation,
            Expr::value(translation.map(str::to_owned)),
        )
        .col_expr(outcomes::Column::UpdatedAt, Expr::value(now))
        .filter(outcomes::Column::ConsultationId.eq(consultation.0))
        .exec(conn)
        .await?;
    Ok(())
}

/// Publishes or withdraws the outcome. Returns whether anything changed: a conditional update,
/// so two organisers publishing at once publish (and mail) once.
pub async fn set_published(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
    published: bool,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    ensure_row(conn, consultation, now).await?;
    let mut update = outcomes::Entity::update_many()
        .col_expr(
            outcomes::Column::PublishedAt,
            Expr::value(published.then_some(now)),
        )
        .col_expr(outcomes::Column::UpdatedAt, Expr::value(now))
        .filter(outcomes::Column::ConsultationId.eq(consultation.0));
    update = if published {
        update.filter(outcomes::Column::PublishedAt.is_null())
    } else {
        update.filter(outcomes::Column::PublishedAt.is_not_null())
    };
    Ok(update.exec(conn).await?.rows_affected > 0)
}

/// When the last response that counts (not hidden) came in: the "updated at" of live results.
pub async fn last_response_at(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
) -> StoreResult<Option<DateTime<Utc>>> {
    Ok(responses::Entity::find()
        .select_only()
        .column(responses::Column::SubmittedAt)
        .filter(responses::Column::ConsultationId.eq(consultation.0))
        .filter(responses::Column::Hidden.eq(false))
        .order_by_desc(responses::Column::SubmittedAt)
        .limit(1)
        .into_tuple::<DateTime<Utc>>()
        .one(conn)
        .await?)
}

/// Consultations of a process whose outcome is public, oldest consultation first.
pub async fn published_for_process(
    conn: &impl ConnectionTrait,
    process: ProcessId,
) -> StoreResult<Vec<ConsultationId>> {
    let ids: Vec<i64> = consultations::Entity::find()
        .select_only()
        .column(consultations::Column::Id)
        .filter(consultations::Column::ProcessId.eq(process.0))
        .order_by_asc(consultations::Column::Id)
        .into_tuple()
        .all(conn)
        .await?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let published: BTreeSet<i64> = outcomes::Entity::find()
        .filter(outcomes::Column::ConsultationId.is_in(ids.clone()))
        .filter(outcomes::Column::PublishedAt.is_not_null())
        .all(conn)
        .await?
        .into_iter()
        .map(|m| m.consultation_id)
        .collect();
    Ok(ids
        .into_iter()
        .filter(|id| published.contains(id))
        .map(ConsultationId)
        .collect())
}

/// A recurring thread (rode draad): the organiser's words, and the themes it relates to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thread {
    pub id: ThreadId,
    pub title: Translated,
    pub body: Translated,
    pub themes: Vec<ThemeId>,
}

pub async fn threads(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
) -> StoreResult<Vec<Thread>> {
    threads::Entity::find()
        .filter(threads::Column::ConsultationId.eq(consultation.0))
        .order_by_asc(threads::Column::Position)
        .order_by_asc(threads::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(|m| {
            let themes: Vec<i64> = serde_json::from_str(&m.theme_ids)
                .map_err(|e| StoreError::Db(sea_orm::DbErr::Custom(e.to_string())))?;
            Ok(Thread {
                id: ThreadId(m.id),
                title: Translated::new(m.title, m.title_translation),
                body: Translated::new(m.body, m.body_translation),
                themes: themes.into_iter().map(ThemeId).collect(),
            })
        })
        .collect()
}

/// A thread's texts as the organiser wrote them, with their translations (`None`: not
/// written).
#[derive(Debug, Clone, Copy)]
pub struct ThreadTexts<'a> {
    pub title: &'a str,
    pub body: &'a str,
    pub title_translation: Option<&'a str>,
    pub body_translation: Option<&'a str>,
}

impl<'a> ThreadTexts<'a> {
    /// Texts without translations.
    pub fn untranslated(title: &'a str, body: &'a str) -> Self {
        Self {
            title,
            body,
            title_translation: None,
            body_translation: None,
        }
    }
}

/// Adds a thread at the end.
pub async fn add_thread(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
    texts: ThreadTexts<'_>,
    themes: &[ThemeId],
) -> StoreResult<ThreadId> {
    let last: Option<i32> = threads::Entity::find()
        .select_only()
        .column_as(threads::Column::Position.max(), "position")
        .filter(threads::Column::ConsultationId.eq(consultation.0))
        .into_tuple::<Option<i32>>()
        .one(conn)
        .await?
        .flatten();
    let ids: Vec<i64> = themes.iter().map(|t| t.0).collect();
    let theme_ids = serde_json::to_string(&ids)
        .map_err(|e| StoreError::Db(sea_orm::DbErr::Custom(e.to_string())))?;
    let inserted = threads::Entity::insert(threads::ActiveModel {
        consultation_id: Set(consultation.0),
        position: Set(last.map_or(0, |p| p + 1)),
        title: Set(texts.title.to_owned()),
        body: Set(texts.body.to_owned()),
        theme_ids: Set(theme_ids),
        title_translation: Set(texts.title_translation.map(str::to_owned)),
        body_translation: Set(texts.body_translation.map(str::to_owned)),
        ..Default::default()
    })
    .exec(conn)
    .await?;
    Ok(ThreadId(inserted.last_insert_id))
}

/// Replaces a thread's texts, translations and themes; `NotFound` for another consultation's.
pub async fn update_thread(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
    thread: ThreadId,
    texts: ThreadTexts<'_>,
    themes: &[ThemeId],
) -> StoreResult<()> {
    let ids: Vec<i64> = themes.iter().map(|t| t.0).collect();
    let theme_ids = serde_json::to_string(&ids)
        .map_err(|e| StoreError::Db(sea_orm::DbErr::Custom(e.to_string())))?;
    let done = threads::Entity::update_many()
        .col_expr(threads::Column::Title, Expr::value(texts.title))
        .col_expr(threads::Column::Body, Expr::value(texts.body))
        .col_expr(
            threads::Column::TitleTranslation,
            Expr::value(texts.title_translation.map(str::to_owned)),
        )
        .col_expr(
            threads::Column::BodyTranslation,
            Expr::value(texts.body_translation.map(str::to_owned)),
        )
        .col_expr(threads::Column::ThemeIds, Expr::value(theme_ids))
        .filter(threads::Column::Id.eq(thread.0))
        .filter(threads::Column::ConsultationId.eq(consultation.0))
        .exec(conn)
        .await?;
    crate::error::found(done.rows_affected)
}

/// Removes a thread of this consultation; `NotFound` for another's.
pub async fn remove_thread(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
    thread: ThreadId,
) -> StoreResult<()> {
    let done = threads::Entity::delete_many()
        .filter(threads::Column::Id.eq(thread.0))
        .filter(threads::Column::ConsultationId.eq(consultation.0))
        .exec(conn)
        .await?;
    crate::error::found(done.rows_affected)
}

/// A typed answer text the organiser may quote: a reason of a yes/no question, another topic,
/// or a text answer. `yes` is set for yes/no answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub answer: AnswerId,
    pub question: QuestionId,
    pub yes: Option<bool>,
    pub text: String,
    pub selected: bool,
}

fn to_quote(model: answers::Model, selected: bool) -> StoreResult<Option<Quote>> {
    let keys = decode_keys(model.choice_keys.as_deref())?;
    let yes = match keys.first().map(String::as_str) {
        Some("yes") => Some(true),
        Some("no") => Some(false),
        _ => None,
    };
    Ok(model.text_value.map(|text| Quote {
        answer: AnswerId(model.id),
        question: QuestionId(model.question_id),
        yes,
        text,
        selected,
    }))
}

/// Keeps the answers whose response is visible (not hidden as spam).
async fn visible_only(
    conn: &impl ConnectionTrait,
    rows: Vec<answers::Model>,
) -> StoreResult<Vec<answers::Model>> {
    let ids: BTreeSet<i64> = rows.iter().map(|a| a.response_id).collect();
    if ids.is_empty() {
        return Ok(rows);
    }
    let visible: BTreeSet<i64> = responses::Entity::find()
        .select_only()
        .column(responses::Column::Id)
        .filter(responses::Column::Id.is_in(ids))
        .filter(responses::Column::Hidden.eq(false))
        .into_tuple::<i64>()
        .all(conn)
        .await?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .filter(|a| visible.contains(&a.response_id))
        .collect())
}

/// The quotes the organiser picked, of visible responses only, in answer order.
pub async fn quotes(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
) -> StoreResult<Vec<Quote>> {
    let picked: Vec<i64> = quotes::Entity::find()
        .select_only()
        .column(quotes::Column::AnswerId)
        .filter(quotes::Column::ConsultationId.eq(consultation.0))
        .into_tuple()
        .all(conn)
        .await?;
    if picked.is_empty() {
        return Ok(Vec::new());
    }
    let rows = answers::Entity::find()
        .filter(answers::Column::Id.is_in(picked))
        .order_by_asc(answers::Column::Id)
        .all(conn)
        .await?;
    let mut out = Vec::new();
    for row in visible_only(conn, rows).await? {
        out.extend(to_quote(row, true)?);
    }
    Ok(out)
}

/// Texts of one question the organiser can pick from (visible responses), a page at a time
/// after answer `after` (from the first when `None`), so the list stays quick at a million
/// responses.
pub async fn candidates(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
    question: QuestionId,
    after: Option<AnswerId>,
    limit: u64,
) -> StoreResult<Vec<Quote>> {
    let belongs = crate::consultation::questions(conn, consultation)
        .await?
        .iter()
        .any(|q| q.id == question);
    if !belongs {
        return Err(StoreError::NotFound);
    }
    let rows = answers::Entity::find()
        .filter(answers::Column::QuestionId.eq(question.0))
        .filter(answers::Column::TextValue.is_not_null())
        .filter(answers::Column::Id.gt(after.map_or(0, |a| a.0)))
        .order_by_asc(answers::Column::Id)
        .limit(limit.clamp(1, 200))
        .all(conn)
        .await?;
    let rows = visible_only(conn, rows).await?;
    let ids: Vec<i64> = rows.iter().map(|a| a.id).collect();
    let selected: BTreeSet<i64> = quotes::Entity::find()
        .select_only()
        .column(quotes::Column::AnswerId)
        .filter(quotes::Column::AnswerId.is_in(ids))
        .into_tuple::<i64>()
        .all(conn)
        .await?
        .into_iter()
        .collect();
    let mut out = Vec::new();
    for row in rows {
        let picked = selected.contains(&row.id);
        out.extend(to_quote(row, picked)?);
    }
    Ok(out)
}

/// Picks (or drops) an answer as a quote. `NotFound` when the answer is not of this
/// consultation.
pub async fn set_quote(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
    answer: AnswerId,
    selected: bool,
) -> StoreResult<()> {
    let Some(row) = answers::Entity::find_by_id(answer.0).one(conn).await? else {
        return Err(StoreError::NotFound);
    };
    let ours = responses::Entity::find_by_id(row.response_id)
        .filter(responses::Column::ConsultationId.eq(consultation.0))
        .one(conn)
        .await?
        .is_some();
    if !ours {
        return Err(StoreError::NotFound);
    }
    if selected {
        quotes::Entity::insert(quotes::ActiveModel {
            consultation_id: Set(consultation.0),
            answer_id: Set(answer.0),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::column(quotes::Column::AnswerId)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    } else {
        quotes::Entity::delete_many()
            .filter(quotes::Column::AnswerId.eq(answer.0))
            .exec(conn)
            .await?;
    }
    Ok(())
}

/// Someone who left an address with consent to hear about the outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub contact: i64,
    pub email: String,
    /// The language of the page the response was sent from.
    pub language: inspraak_domain::Language,
}

/// Consenting participants of visible responses whose address is still kept, from contact id
/// `after` on, a page at a time.
pub async fn recipients(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
    after: i64,
    limit: u64,
) -> StoreResult<Vec<Recipient>> {
    let rows = contacts::Entity::find()
        .filter(contacts::Column::Id.gt(after))
        .filter(
            contacts::Column::ResponseId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(responses::Column::Id)
                    .from(responses::Entity)
                    .and_where(responses::Column::ConsultationId.eq(consultation.0))
                    .and_where(responses::Column::Hidden.eq(false))
                    .to_owned(),
            ),
        )
        .order_by_asc(contacts::Column::Id)
        .limit(limit.clamp(1, 1000))
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|m| Recipient {
            contact: m.id,
            language: inspraak_domain::Language::from_code(&m.language),
            email: m.email,
        })
        .collect())
}
