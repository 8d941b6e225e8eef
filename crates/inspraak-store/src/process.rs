//! Processes with their phases and themes.

use crate::entities::{phases, processes, themes};
use crate::error::found;
use crate::{StoreError, StoreResult};
use chrono::{DateTime, Utc};
use inspraak_domain::{
    NewPhase, NewProcess, NewTheme, PhaseDates, PhaseId, ProcessId, ProcessStatus, ThemeId,
    Translated,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Process {
    pub id: ProcessId,
    pub slug: String,
    pub title: Translated,
    pub summary: Translated,
    pub status: ProcessStatus,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phase {
    pub id: PhaseId,
    pub process_id: ProcessId,
    pub name: Translated,
    pub description: Option<Translated>,
    pub dates: PhaseDates,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub id: ThemeId,
    pub process_id: ProcessId,
    pub name: Translated,
    pub slug: String,
    pub description: Option<Translated>,
}

/// A parsed translation as the column's value (`NULL` while nobody wrote it).
fn owned<const MAX: usize, const MULTILINE: bool, const NAME: bool>(
    text: &Option<inspraak_domain::NonEmptyText<MAX, MULTILINE, NAME>>,
) -> Option<String> {
    text.as_ref().map(|t| t.as_str().to_owned())
}

fn to_process(model: processes::Model) -> StoreResult<Process> {
    let status = ProcessStatus::parse(&model.status).ok_or_else(|| {
        StoreError::Db(sea_orm::DbErr::Custom(format!(
            "unknown process status {}",
            model.status
        )))
    })?;
    Ok(Process {
        id: ProcessId(model.id),
        slug: model.slug,
        title: Translated::new(model.title, model.title_translation),
        summary: Translated::new(model.summary, model.summary_translation),
        status,
        updated_at: model.updated_at,
    })
}

fn to_phase(model: phases::Model) -> StoreResult<Phase> {
    let dates = PhaseDates::new(model.starts_on, model.ends_on)
        .map_err(|e| StoreError::Db(sea_orm::DbErr::Custom(e.to_string())))?;
    Ok(Phase {
        id: PhaseId(model.id),
        process_id: ProcessId(model.process_id),
        name: Translated::new(model.name, model.name_translation),
        description: Translated::optional(model.description, model.description_translation),
        dates,
    })
}

fn to_theme(model: themes::Model) -> Theme {
    Theme {
        id: ThemeId(model.id),
        process_id: ProcessId(model.process_id),
        name: Translated::new(model.name, model.name_translation),
        slug: model.slug,
        description: Translated::optional(model.description, model.description_translation),
    }
}

/// Creates a draft process; `Conflict("slug")` when the slug is taken.
pub async fn insert(
    conn: &impl ConnectionTrait,
    new: &NewProcess,
    now: DateTime<Utc>,
) -> StoreResult<ProcessId> {
    let model = processes::ActiveModel {
        slug: Set(new.slug.as_str().to_owned()),
        title: Set(new.title.as_str().to_owned()),
        title_translation: Set(owned(&new.title_translation)),
        summary: Set(new.summary.as_str().to_owned()),
        summary_translation: Set(owned(&new.summary_translation)),
        status: Set(ProcessStatus::Draft.as_str().to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    let inserted = model
        .insert(conn)
        .await
        .map_err(|e| StoreError::unique_as(e, "slug"))?;
    Ok(ProcessId(inserted.id))
}

pub async fn update(
    conn: &impl ConnectionTrait,
    id: ProcessId,
    new: &NewProcess,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let result = processes::Entity::update_many()
        .col_expr(processes::Column::Slug, Expr::value(new.slug.as_str()))
        .col_expr(processes::Column::Title, Expr::value(new.title.as_str()))
        .col_expr(
            processes::Column::TitleTranslation,
            Expr::value(owned(&new.title_translation)),
        )
        .col_expr(
            processes::Column::Summary,
            Expr::value(new.summary.as_str()),
        )
        .col_expr(
            processes::Column::SummaryTranslation,
            Expr::value(owned(&new.summary_translation)),
        )
        .col_expr(processes::Column::UpdatedAt, Expr::value(now))
        .filter(processes::Column::Id.eq(id.0))
        .exec(conn)
        .await
        .map_err(|e| StoreError::unique_as(e, "slug"))?;
    found(result.rows_affected)
}

pub async fn set_status(
    conn: &impl ConnectionTrait,
    id: ProcessId,
    status: ProcessStatus,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let result = processes::Entity::update_many()
        .col_expr(processes::Column::Status, Expr::value(status.as_str()))
        .col_expr(processes::Column::UpdatedAt, Expr::value(now))
        .filter(processes::Column::Id.eq(id.0))
        .exec(conn)
        .await?;
    found(result.rows_affected)
}

pub async fn find(conn: &impl ConnectionTrait, id: ProcessId) -> StoreResult<Option<Process>> {
    processes::Entity::find_by_id(id.0)
        .one(conn)
        .await?
        .map(to_process)
        .transpose()
}

pub async fn find_by_slug(conn: &impl ConnectionTrait, slug: &str) -> StoreResult<Option<Process>> {
    processes::Entity::find()
        .filter(processes::Column::Slug.eq(slug))
        .one(conn)
        .await?
        .map(to_process)
        .transpose()
}

/// A public process by slug: drafts are treated as if they did not exist.
pub async fn find_public_by_slug(
    conn: &impl ConnectionTrait,
    slug: &str,
) -> StoreResult<Option<Process>> {
    Ok(find_by_slug(conn, slug)
        .await?
        .filter(|p| p.status.is_public()))
}

/// Every process, newest first (organisers).
pub async fn list_all(conn: &impl ConnectionTrait) -> StoreResult<Vec<Process>> {
    processes::Entity::find()
        .order_by_desc(processes::Column::CreatedAt)
        .order_by_desc(processes::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_process)
        .collect()
}

/// Processes with a given status, newest first.
pub async fn list_with_status(
    conn: &impl ConnectionTrait,
    status: ProcessStatus,
) -> StoreResult<Vec<Process>> {
    processes::Entity::find()
        .filter(processes::Column::Status.eq(status.as_str()))
        .order_by_desc(processes::Column::CreatedAt)
        .order_by_desc(processes::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_process)
        .collect()
}

pub async fn phases(conn: &impl ConnectionTrait, process: ProcessId) -> StoreResult<Vec<Phase>> {
    phases::Entity::find()
        .filter(phases::Column::ProcessId.eq(process.0))
        .order_by_asc(phases::Column::StartsOn)
        .order_by_asc(phases::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_phase)
        .collect()
}

pub async fn add_phase(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    new: &NewPhase,
) -> StoreResult<PhaseId> {
    let model = phases::ActiveModel {
        process_id: Set(process.0),
        name: Set(new.name.as_str().to_owned()),
        name_translation: Set(owned(&new.name_translation)),
        description: Set(new.description.as_deref().map(str::to_owned)),
        description_translation: Set(new.description_translation.as_deref().map(str::to_owned)),
        starts_on: Set(new.dates.start()),
        ends_on: Set(new.dates.end()),
        ..Default::default()
    };
    Ok(PhaseId(model.insert(conn).await?.id))
}

/// Updates a phase of the given process; `NotFound` when the phase belongs to another process.
pub async fn update_phase(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    id: PhaseId,
    new: &NewPhase,
) -> StoreResult<()> {
    let result = phases::Entity::update_many()
        .col_expr(phases::Column::Name, Expr::value(new.name.as_str()))
        .col_expr(
            phases::Column::NameTranslation,
            Expr::value(owned(&new.name_translation)),
        )
        .col_expr(
            phases::Column::Description,
            Expr::value(new.description.as_deref().map(str::to_owned)),
        )
        .col_expr(
            phases::Column::DescriptionTranslation,
            Expr::value(new.description_translation.as_deref().map(str::to_owned)),
        )
        .col_expr(phases::Column::StartsOn, Expr::value(new.dates.start()))
        .col_expr(phases::Column::EndsOn, Expr::value(new.dates.end()))
        .filter(phases::Column::Id.eq(id.0))
        .filter(phases::Column::ProcessId.eq(process.0))
        .exec(conn)
        .await?;
    found(result.rows_affected)
}

pub async fn delete_phase(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    id: PhaseId,
) -> StoreResult<()> {
    let result = phases::Entity::delete_many()
        .filter(phases::Column::Id.eq(id.0))
        .filter(phases::Column::ProcessId.eq(process.0))
        .exec(conn)
        .await?;
    found(result.rows_affected)
}

pub async fn themes(conn: &impl ConnectionTrait, process: ProcessId) -> StoreResult<Vec<Theme>> {
    Ok(themes::Entity::find()
        .filter(themes::Column::ProcessId.eq(process.0))
        .order_by_asc(themes::Column::Position)
        .order_by_asc(themes::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_theme)
        .collect())
}

pub async fn find_theme(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    slug: &str,
) -> StoreResult<Option<Theme>> {
    Ok(themes::Entity::find()
        .filter(themes::Column::ProcessId.eq(process.0))
        .filter(themes::Column::Slug.eq(slug))
        .one(conn)
        .await?
        .map(to_theme))
}

/// Adds a theme at the end of the list; `Conflict("slug")` when the process has that slug.
pub async fn add_theme(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    new: &NewTheme,
) -> StoreResult<ThemeId> {
    let position = themes(conn, process).await?.len() as i32;
    let model = themes::ActiveModel {
        process_id: Set(process.0),
        name: Set(new.name.as_str().to_owned()),
        name_translation: Set(owned(&new.name_translation)),
        slug: Set(new.slug.as_str().to_owned()),
        description: Set(new.description.as_deref().map(str::to_owned)),
        description_translation: Set(new.description_translation.as_deref().map(str::to_owned)),
        position: Set(position),
        ..Default::default()
    };
    let inserted = model
        .insert(conn)
        .await
        .map_err(|e| StoreError::unique_as(e, "slug"))?;
    Ok(ThemeId(inserted.id))
}

pub async fn update_theme(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    id: ThemeId,
    new: &NewTheme,
) -> StoreResult<()> {
    let result = themes::Entity::update_many()
        .col_expr(themes::Column::Name, Expr::value(new.name.as_str()))
        .col_expr(
            themes::Column::NameTranslation,
            Expr::value(owned(&new.name_translation)),
        )
        .col_expr(themes::Column::Slug, Expr::value(new.slug.as_str()))
        .col_expr(
            themes::Column::Description,
            Expr::value(new.description.as_deref().map(str::to_owned)),
        )
        .col_expr(
            themes::Column::DescriptionTranslation,
            Expr::value(new.description_translation.as_deref().map(str::to_owned)),
        )
        .filter(themes::Column::Id.eq(id.0))
        .filter(themes::Column::ProcessId.eq(process.0))
        .exec(conn)
        .await
        .map_err(|e| StoreError::unique_as(e, "slug"))?;
    found(result.rows_affected)
}

pub async fn delete_theme(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    id: ThemeId,
) -> StoreResult<()> {
    let result = themes::Entity::delete_many()
        .filter(themes::Column::Id.eq(id.0))
        .filter(themes::Column::ProcessId.eq(process.0))
        .exec(conn)
        .await?;
    found(result.rows_affected)
}
