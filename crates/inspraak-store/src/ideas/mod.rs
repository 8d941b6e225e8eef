//! Ideas on a theme: the one-transaction submission (idempotent under the form's key, the
//! address in its own table and only with consent), public lists with search, sort and paging,
//! moderation that hides but never deletes, and the status an organiser gives each idea.
//!
//! `action_points` holds the plan's action points and their progress updates, `forum` the
//! stakeholder forum's invitations and comments.

pub mod action_plan;
pub mod action_points;
pub mod export;
pub mod forum;
pub mod forum_home;

use crate::entities::ideas::{idea_contacts, idea_settings, ideas};
use crate::error::found;
use crate::{StoreError, StoreResult};
use chrono::{DateTime, Utc};
use inspraak_domain::ideas::{IdeaSort, IdeaStatus, Moderation, NewIdea, Visibility};
use inspraak_domain::{
    ActionPointId, Email, IdeaId, Language, PhaseId, ProcessId, ThemeId, UserId,
};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr, OnConflict};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TryInsertResult,
};

/// An idea as pages see it. The submitter's address is not part of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Idea {
    pub id: IdeaId,
    pub process_id: ProcessId,
    pub theme_id: ThemeId,
    pub title: String,
    pub body: String,
    pub author_name: Option<String>,
    pub status: IdeaStatus,
    pub explanation: Option<String>,
    pub action_point: Option<ActionPointId>,
    pub visibility: Visibility,
    pub moderation_reason: Option<String>,
    pub moderated: bool,
    pub comment_count: i64,
    pub created_at: DateTime<Utc>,
}

/// A process's idea settings: the idea phase (ideas can be sent while it runs) and moderation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub phase: Option<PhaseId>,
    pub moderation: Moderation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubmitOutcome {
    Stored(IdeaId),
    /// The same form was sent before: nothing new was stored.
    Replayed(IdeaId),
}

pub(crate) fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Db(sea_orm::DbErr::Custom(format!("unknown {what} {value}")))
}

fn to_idea(m: ideas::Model) -> StoreResult<Idea> {
    Ok(Idea {
        id: IdeaId(m.id),
        process_id: ProcessId(m.process_id),
        theme_id: ThemeId(m.theme_id),
        status: IdeaStatus::parse(&m.status).ok_or_else(|| corrupt("idea status", &m.status))?,
        visibility: Visibility::parse(&m.visibility)
            .ok_or_else(|| corrupt("visibility", &m.visibility))?,
        title: m.title,
        body: m.body,
        author_name: m.author_name,
        explanation: m.explanation,
        action_point: m.action_point_id.map(ActionPointId),
        moderation_reason: m.moderation_reason,
        moderated: m.moderated_at.is_some(),
        comment_count: i64::from(m.comment_count),
        created_at: m.created_at,
    })
}

pub async fn settings(conn: &impl ConnectionTrait, process: ProcessId) -> StoreResult<Settings> {
    let row = idea_settings::Entity::find_by_id(process.0)
        .one(conn)
        .await?;
    Ok(match row {
        Some(row) => Settings {
            phase: row.phase_id.map(PhaseId),
            moderation: Moderation::parse(&row.moderation).unwrap_or(Moderation::Pre),
        },
        None => Settings {
            phase: None,
            moderation: Moderation::Pre,
        },
    })
}

pub async fn save_settings(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    settings: Settings,
) -> StoreResult<()> {
    idea_settings::Entity::insert(idea_settings::ActiveModel {
        process_id: Set(process.0),
        phase_id: Set(settings.phase.map(|p| p.0)),
        moderation: Set(settings.moderation.as_str().to_owned()),
    })
    .on_conflict(
        OnConflict::column(idea_settings::Column::ProcessId)
            .update_columns([
                idea_settings::Column::PhaseId,
                idea_settings::Column::Moderation,
            ])
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Stores an idea (public at once under post-moderation, pending otherwise). Run it in a
/// transaction: the idea and its contact row go in together.
pub async fn submit(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    new: &NewIdea,
    moderation: Moderation,
    now: DateTime<Utc>,
) -> StoreResult<SubmitOutcome> {
    let visibility = match moderation {
        Moderation::Pre => Visibility::Pending,
        Moderation::Post => Visibility::Public,
    };
    let model = ideas::ActiveModel {
        process_id: Set(process.0),
        theme_id: Set(new.theme.0),
        idempotency_key: Set(new.key.as_str().to_owned()),
        title: Set(new.title.as_str().to_owned()),
        body: Set(new.body.as_str().to_owned()),
        author_name: Set(new.author_name.clone()),
        status: Set(IdeaStatus::New.as_str().to_owned()),
        explanation: Set(None),
        action_point_id: Set(None),
        visibility: Set(visibility.as_str().to_owned()),
        moderation_reason: Set(None),
        moderated_by: Set(None),
        moderated_at: Set(None),
        comment_count: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    // DO NOTHING rather than catching the unique error: on PostgreSQL that would abort the
    // transaction. The new id comes back with the insert; only a replay reads the stored row.
    let inserted = ideas::Entity::insert(model)
        .on_conflict_do_nothing_on([ideas::Column::IdempotencyKey])
        .exec(conn)
        .await?;
    let id = match inserted {
        TryInsertResult::Inserted(result) => IdeaId(result.last_insert_id),
        TryInsertResult::Empty | TryInsertResult::Conflicted => {
            let row = ideas::Entity::find()
                .filter(ideas::Column::IdempotencyKey.eq(new.key.as_str()))
                .one(conn)
                .await?
                .ok_or(StoreError::NotFound)?;
            return Ok(SubmitOutcome::Replayed(IdeaId(row.id)));
        }
    };
    if let Some(email) = &new.contact {
        idea_contacts::Entity::insert(idea_contacts::ActiveModel {
            idea_id: Set(id.0),
            email: Set(email.as_str().to_owned()),
            language: Set(new.language.code().to_owned()),
        })
        .exec_without_returning(conn)
        .await?;
    }
    Ok(SubmitOutcome::Stored(id))
}

/// An idea of a process, whatever its visibility (callers decide who may see it).
pub async fn find(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    id: IdeaId,
) -> StoreResult<Option<Idea>> {
    ideas::Entity::find_by_id(id.0)
        .filter(ideas::Column::ProcessId.eq(process.0))
        .one(conn)
        .await?
        .map(to_idea)
        .transpose()
}

/// What a public list shows.
#[derive(Debug, Clone)]
pub struct ListQuery {
    pub process: ProcessId,
    pub theme: Option<ThemeId>,
    pub search: Option<String>,
    pub sort: IdeaSort,
    /// Zero-based.
    pub page: u64,
    pub per_page: u64,
}

fn like_pattern(search: &str) -> String {
    let escaped = search
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

fn public_query(query: &ListQuery) -> sea_orm::Select<ideas::Entity> {
    let mut select = ideas::Entity::find()
        .filter(ideas::Column::ProcessId.eq(query.process.0))
        .filter(ideas::Column::Visibility.eq(Visibility::Public.as_str()));
    if let Some(theme) = query.theme {
        select = select.filter(ideas::Column::ThemeId.eq(theme.0));
    }
    if let Some(search) = query.search.as_deref().filter(|s| !s.trim().is_empty()) {
        let pattern = like_pattern(search.trim());
        // lower() on both sides: PostgreSQL's LIKE is case-sensitive, SQLite's is not.
        let matches = |column: ideas::Column| {
            Expr::expr(Func::lower(Expr::col((ideas::Entity, column))))
                .like(LikeExpr::new(pattern.clone()).escape('\\'))
        };
        select = select.filter(
            Condition::any()
                .add(matches(ideas::Column::Title))
                .add(matches(ideas::Column::Body)),
        );
    }
    match query.sort {
        IdeaSort::Newest => select.order_by_desc(ideas::Column::CreatedAt),
        IdeaSort::MostDiscussed => select
            .order_by_desc(ideas::Column::CommentCount)
            .order_by_desc(ideas::Column::CreatedAt),
    }
    .order_by_desc(ideas::Column::Id)
}

/// A page of public ideas and the number of matches.
pub async fn public_page(
    conn: &impl ConnectionTrait,
    query: &ListQuery,
) -> StoreResult<(Vec<Idea>, u64)> {
    let total = public_query(query).count(conn).await?;
    let rows = public_query(query)
        .offset(query.page * query.per_page)
        .limit(query.per_page)
        .all(conn)
        .await?;
    Ok((
        rows.into_iter().map(to_idea).collect::<StoreResult<_>>()?,
        total,
    ))
}

/// Public ideas that fed an action point ("ontstaan uit").
pub async fn for_action_point(
    conn: &impl ConnectionTrait,
    action_point: ActionPointId,
) -> StoreResult<Vec<Idea>> {
    ideas::Entity::find()
        .filter(ideas::Column::ActionPointId.eq(action_point.0))
        .filter(ideas::Column::Visibility.eq(Visibility::Public.as_str()))
        .order_by_asc(ideas::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_idea)
        .collect()
}

/// The public ideas of a process that its action points include (by the idea's status), per
/// action point, in one statement: what the action plan shows as "where it came from".
pub async fn included_in_plan(
    conn: &impl ConnectionTrait,
    process: ProcessId,
) -> StoreResult<std::collections::HashMap<ActionPointId, Vec<Idea>>> {
    let rows = ideas::Entity::find()
        .filter(ideas::Column::ProcessId.eq(process.0))
        .filter(ideas::Column::ActionPointId.is_not_null())
        .filter(ideas::Column::Visibility.eq(Visibility::Public.as_str()))
        .order_by_asc(ideas::Column::Id)
        .all(conn)
        .await?;
    let mut per_point: std::collections::HashMap<ActionPointId, Vec<Idea>> =
        std::collections::HashMap::new();
    for row in rows {
        let idea = to_idea(row)?;
        if let Some(point) = idea.action_point {
            per_point.entry(point).or_default().push(idea);
        }
    }
    Ok(per_point)
}

/// Every idea of a process that no organiser has looked at yet, oldest first.
pub async fn moderation_queue(
    conn: &impl ConnectionTrait,
    process: ProcessId,
) -> StoreResult<Vec<Idea>> {
    ideas::Entity::find()
        .filter(ideas::Column::ProcessId.eq(process.0))
        .filter(ideas::Column::ModeratedAt.is_null())
        .order_by_asc(ideas::Column::CreatedAt)
        .order_by_asc(ideas::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_idea)
        .collect()
}

/// Every idea of a process, newest first (the organiser's overview, hidden ones included).
pub async fn all_for_process(
    conn: &impl ConnectionTrait,
    process: ProcessId,
) -> StoreResult<Vec<Idea>> {
    ideas::Entity::find()
        .filter(ideas::Column::ProcessId.eq(process.0))
        .order_by_desc(ideas::Column::CreatedAt)
        .order_by_desc(ideas::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_idea)
        .collect()
}

/// Approves (public) or hides an idea, with the reason kept on the row.
pub async fn moderate(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    id: IdeaId,
    visibility: Visibility,
    reason: Option<&str>,
    by: UserId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let result = ideas::Entity::update_many()
        .col_expr(ideas::Column::Visibility, Expr::value(visibility.as_str()))
        .col_expr(
            ideas::Column::ModerationReason,
            Expr::value(reason.map(str::to_owned)),
        )
        .col_expr(ideas::Column::ModeratedBy, Expr::value(by.0))
        .col_expr(ideas::Column::ModeratedAt, Expr::value(now))
        .col_expr(ideas::Column::UpdatedAt, Expr::value(now))
        .filter(ideas::Column::Id.eq(id.0))
        .filter(ideas::Column::ProcessId.eq(process.0))
        .exec(conn)
        .await?;
    found(result.rows_affected)
}

/// Gives an idea a status with its public explanation. `Included` needs an action point of the
/// same process (`Conflict("action point")` otherwise); other statuses unlink it. Returns the
/// submitter's address and language when they asked for updates, so the caller can queue the
/// mail in the same transaction.
pub async fn set_status(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    id: IdeaId,
    status: IdeaStatus,
    explanation: Option<&str>,
    action_point: Option<ActionPointId>,
    now: DateTime<Utc>,
) -> StoreResult<Option<(Email, Language)>> {
    let action_point = match (status, action_point) {
        (IdeaStatus::Included, Some(point)) => {
            action_points::find(conn, process, point)
                .await?
                .ok_or(StoreError::Conflict("action point"))?;
            Some(point)
        }
        (IdeaStatus::Included, None) => return Err(StoreError::Conflict("action point")),
        _ => None,
    };
    let result = ideas::Entity::update_many()
        .col_expr(ideas::Column::Status, Expr::value(status.as_str()))
        .col_expr(
            ideas::Column::Explanation,
            Expr::value(explanation.map(str::to_owned)),
        )
        .col_expr(
            ideas::Column::ActionPointId,
            Expr::value(action_point.map(|p| p.0)),
        )
        .col_expr(ideas::Column::UpdatedAt, Expr::value(now))
        .filter(ideas::Column::Id.eq(id.0))
        .filter(ideas::Column::ProcessId.eq(process.0))
        .exec(conn)
        .await?;
    found(result.rows_affected)?;
    let contact = idea_contacts::Entity::find_by_id(id.0).one(conn).await?;
    Ok(contact.and_then(|c| {
        Some((
            Email::parse(&c.email).ok()?,
            Language::from_code(&c.language),
        ))
    }))
}

/// Per theme of a process: (theme, public ideas, public comments on those ideas).
pub async fn counts_per_theme(
    conn: &impl ConnectionTrait,
    process: ProcessId,
) -> StoreResult<Vec<(ThemeId, u64, u64)>> {
    let rows = ideas::Entity::find()
        .filter(ideas::Column::ProcessId.eq(process.0))
        .filter(ideas::Column::Visibility.eq(Visibility::Public.as_str()))
        .all(conn)
        .await?;
    let mut counts: std::collections::BTreeMap<i64, (u64, u64)> = Default::default();
    for row in rows {
        let entry = counts.entry(row.theme_id).or_default();
        entry.0 += 1;
        entry.1 += u64::try_from(row.comment_count).unwrap_or(0);
    }
    Ok(counts
        .into_iter()
        .map(|(theme, (ideas, comments))| (ThemeId(theme), ideas, comments))
        .collect())
}

/// Raises or lowers an idea's public comment count (in the comment's transaction).
pub(crate) async fn add_to_comment_count(
    conn: &impl ConnectionTrait,
    id: IdeaId,
    delta: i32,
) -> StoreResult<()> {
    ideas::Entity::update_many()
        .col_expr(
            ideas::Column::CommentCount,
            Expr::col(ideas::Column::CommentCount).add(delta),
        )
        .filter(ideas::Column::Id.eq(id.0))
        .exec(conn)
        .await?;
    Ok(())
}

/// An idea by id alone (to find the page a comment belongs to).
pub async fn find_by_id(conn: &impl ConnectionTrait, id: IdeaId) -> StoreResult<Option<Idea>> {
    ideas::Entity::find_by_id(id.0)
        .one(conn)
        .await?
        .map(to_idea)
        .transpose()
}
