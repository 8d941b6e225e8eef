//! Action points of a process's plan and their dated progress updates.

use super::corrupt;
use crate::StoreResult;
use crate::entities::ideas::{action_points, progress_updates};
use crate::error::found;
use chrono::{DateTime, NaiveDate, Utc};
use inspraak_domain::ideas::{ActionPointStatus, NewActionPoint, NewProgressUpdate};
use inspraak_domain::{ActionPointId, ProcessId, ThemeId, Translated, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionPoint {
    pub id: ActionPointId,
    pub process_id: ProcessId,
    pub theme_id: Option<ThemeId>,
    pub title: Translated,
    pub description: Translated,
    pub holder: String,
    /// The action holder's account, which may post progress updates.
    pub holder_user: Option<UserId>,
    pub partners: Option<String>,
    pub status: ActionPointStatus,
    pub findings: Option<Translated>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressUpdate {
    pub id: i64,
    pub action_point: ActionPointId,
    pub on: NaiveDate,
    pub body: Translated,
    pub author: Option<UserId>,
    pub created_at: DateTime<Utc>,
    /// Hidden by an organiser: gone from public pages, feeds and the API; organisers see it.
    pub hidden: bool,
    pub edited_at: Option<DateTime<Utc>>,
}

/// A parsed translation as stored (`None`: NULL).
fn translation<const MAX: usize, const MULTILINE: bool, const NAME: bool>(
    text: &Option<inspraak_domain::NonEmptyText<MAX, MULTILINE, NAME>>,
) -> Option<String> {
    text.as_ref().map(|t| t.as_str().to_owned())
}

fn to_point(m: action_points::Model) -> StoreResult<ActionPoint> {
    Ok(ActionPoint {
        id: ActionPointId(m.id),
        process_id: ProcessId(m.process_id),
        theme_id: m.theme_id.map(ThemeId),
        status: ActionPointStatus::parse(&m.status)
            .ok_or_else(|| corrupt("action point status", &m.status))?,
        title: Translated::new(m.title, m.title_translation),
        description: Translated::new(m.description, m.description_translation),
        holder: m.holder,
        holder_user: m.holder_user_id.map(UserId),
        partners: m.partners,
        findings: Translated::optional(m.findings, m.findings_translation),
        updated_at: m.updated_at,
    })
}

fn to_update(m: progress_updates::Model) -> ProgressUpdate {
    ProgressUpdate {
        id: m.id,
        action_point: ActionPointId(m.action_point_id),
        on: m.posted_on,
        body: Translated::new(m.body, m.body_translation),
        author: m.author_user_id.map(UserId),
        created_at: m.created_at,
        hidden: m.hidden_at.is_some(),
        edited_at: m.edited_at,
    }
}

pub async fn insert(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    new: &NewActionPoint,
    holder_user: Option<UserId>,
    now: DateTime<Utc>,
) -> StoreResult<ActionPointId> {
    let model = action_points::ActiveModel {
        process_id: Set(process.0),
        theme_id: Set(new.theme.map(|t| t.0)),
        title: Set(new.title.as_str().to_owned()),
        description: Set(new.description.as_str().to_owned()),
        holder: Set(new.holder.as_str().to_owned()),
        holder_user_id: Set(holder_user.map(|u| u.0)),
        partners: Set(new.partners.clone()),
        status: Set(new.status.as_str().to_owned()),
        findings: Set(new.findings.clone()),
        title_translation: Set(translation(&new.title_translation)),
        description_translation: Set(translation(&new.description_translation)),
        findings_translation: Set(new.findings_translation.clone()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    Ok(ActionPointId(model.insert(conn).await?.id))
}

pub async fn update(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    id: ActionPointId,
    new: &NewActionPoint,
    holder_user: Option<UserId>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    use action_points::Column as C;
    let result = action_points::Entity::update_many()
        .col_expr(C::ThemeId, Expr::value(new.theme.map(|t| t.0)))
        .col_expr(C::Title, Expr::value(new.title.as_str()))
        .col_expr(C::Description, Expr::value(new.description.as_str()))
        .col_expr(C::Holder, Expr::value(new.holder.as_str()))
        .col_expr(C::HolderUserId, Expr::value(holder_user.map(|u| u.0)))
        .col_expr(C::Partners, Expr::value(new.partners.clone()))
        .col_expr(C::Status, Expr::value(new.status.as_str()))
        .col_expr(C::Findings, Expr::value(new.findings.clone()))
        .col_expr(
            C::TitleTranslation,
            Expr::value(translation(&new.title_translation)),
        )
        .col_expr(
            C::DescriptionTranslation,
            Expr::value(translation(&new.description_translation)),
        )
        .col_expr(
            C::FindingsTranslation,
            Expr::value(new.findings_translation.clone()),
        )
        .col_expr(C::UpdatedAt, Expr::value(now))
        .filter(C::Id.eq(id.0))
        .filter(C::ProcessId.eq(process.0))
        .exec(conn)
        .await?;
    found(result.rows_affected)
}

/// An action point of a process.
pub async fn find(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    id: ActionPointId,
) -> StoreResult<Option<ActionPoint>> {
    action_points::Entity::find_by_id(id.0)
        .filter(action_points::Column::ProcessId.eq(process.0))
        .one(conn)
        .await?
        .map(to_point)
        .transpose()
}

/// An action point by id alone (for the action holder's own page).
pub async fn find_any(
    conn: &impl ConnectionTrait,
    id: ActionPointId,
) -> StoreResult<Option<ActionPoint>> {
    action_points::Entity::find_by_id(id.0)
        .one(conn)
        .await?
        .map(to_point)
        .transpose()
}

/// Every action point of a process, by theme and title.
pub async fn list_for_process(
    conn: &impl ConnectionTrait,
    process: ProcessId,
) -> StoreResult<Vec<ActionPoint>> {
    action_points::Entity::find()
        .filter(action_points::Column::ProcessId.eq(process.0))
        .order_by_asc(action_points::Column::ThemeId)
        .order_by_asc(action_points::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_point)
        .collect()
}

/// The action points an action holder's account may post updates on.
pub async fn list_for_holder(
    conn: &impl ConnectionTrait,
    holder: UserId,
) -> StoreResult<Vec<ActionPoint>> {
    action_points::Entity::find()
        .filter(action_points::Column::HolderUserId.eq(holder.0))
        .order_by_asc(action_points::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_point)
        .collect()
}

/// Adds a progress update; returns its id.
pub async fn add_update(
    conn: &impl ConnectionTrait,
    id: ActionPointId,
    new: &NewProgressUpdate,
    author: Option<UserId>,
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    let inserted = progress_updates::Entity::insert(progress_updates::ActiveModel {
        action_point_id: Set(id.0),
        posted_on: Set(new.on),
        body: Set(new.body.as_str().to_owned()),
        body_translation: Set(translation(&new.body_translation)),
        author_user_id: Set(author.map(|u| u.0)),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(conn)
    .await?;
    action_points::Entity::update_many()
        .col_expr(action_points::Column::UpdatedAt, Expr::value(now))
        .filter(action_points::Column::Id.eq(id.0))
        .exec(conn)
        .await?;
    Ok(inserted.last_insert_id)
}

/// Updates of an action point the public may see (not hidden), newest first.
pub async fn updates(
    conn: &impl ConnectionTrait,
    id: ActionPointId,
) -> StoreResult<Vec<ProgressUpdate>> {
    Ok(progress_updates::Entity::find()
        .filter(progress_updates::Column::ActionPointId.eq(id.0))
        .filter(progress_updates::Column::HiddenAt.is_null())
        .order_by_desc(progress_updates::Column::PostedOn)
        .order_by_desc(progress_updates::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_update)
        .collect())
}

/// Every update of an action point, hidden ones too (for organisers and its action holder),
/// newest first.
pub async fn all_updates(
    conn: &impl ConnectionTrait,
    id: ActionPointId,
) -> StoreResult<Vec<ProgressUpdate>> {
    Ok(progress_updates::Entity::find()
        .filter(progress_updates::Column::ActionPointId.eq(id.0))
        .order_by_desc(progress_updates::Column::PostedOn)
        .order_by_desc(progress_updates::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_update)
        .collect())
}

/// The latest update of each action point of a process.
pub async fn latest_updates(
    conn: &impl ConnectionTrait,
    process: ProcessId,
) -> StoreResult<HashMap<ActionPointId, ProgressUpdate>> {
    let points: Vec<i64> = list_for_process(conn, process)
        .await?
        .iter()
        .map(|p| p.id.0)
        .collect();
    let mut latest = HashMap::new();
    if points.is_empty() {
        return Ok(latest);
    }
    let rows = progress_updates::Entity::find()
        .filter(progress_updates::Column::ActionPointId.is_in(points))
        .filter(progress_updates::Column::HiddenAt.is_null())
        .order_by_asc(progress_updates::Column::PostedOn)
        .order_by_asc(progress_updates::Column::Id)
        .all(conn)
        .await?;
    for row in rows {
        let update = to_update(row);
        latest.insert(update.action_point, update);
    }
    Ok(latest)
}

/// An organiser's correction of an update (its date and text). `NotFound` when the update is
/// not of this action point.
pub async fn edit_update(
    conn: &impl ConnectionTrait,
    point: ActionPointId,
    update: i64,
    new: &NewProgressUpdate,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let result = progress_updates::Entity::update_many()
        .col_expr(progress_updates::Column::PostedOn, Expr::value(new.on))
        .col_expr(
            progress_updates::Column::Body,
            Expr::value(new.body.as_str()),
        )
        .col_expr(
            progress_updates::Column::BodyTranslation,
            Expr::value(translation(&new.body_translation)),
        )
        .col_expr(progress_updates::Column::EditedAt, Expr::value(now))
        .filter(progress_updates::Column::Id.eq(update))
        .filter(progress_updates::Column::ActionPointId.eq(point.0))
        .exec(conn)
        .await?;
    found(result.rows_affected)
}

/// Hides an update from the public (or shows it again). `NotFound` when the update is not of
/// this action point.
pub async fn set_update_hidden(
    conn: &impl ConnectionTrait,
    point: ActionPointId,
    update: i64,
    hidden: bool,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let value = hidden.then_some(now);
    let result = progress_updates::Entity::update_many()
        .col_expr(progress_updates::Column::HiddenAt, Expr::value(value))
        .filter(progress_updates::Column::Id.eq(update))
        .filter(progress_updates::Column::ActionPointId.eq(point.0))
        .exec(conn)
        .await?;
    found(result.rows_affected)
}
