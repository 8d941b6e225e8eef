//! Plan-level progress reports ("Update 1" … "Update 7"): dated, published when saved.

use crate::StoreResult;
use crate::entities::progress_reports;
use chrono::{DateTime, NaiveDate, Utc};
use inspraak_domain::{ProcessId, ProgressReportId, Translated};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressReport {
    pub id: ProgressReportId,
    pub process_id: ProcessId,
    pub title: Translated,
    /// The light markup the organiser typed; rendered by the web layer's safe renderer.
    pub body: Translated,
    pub date: NaiveDate,
    pub published_at: Option<DateTime<Utc>>,
}

fn to_report(m: progress_reports::Model) -> ProgressReport {
    ProgressReport {
        id: ProgressReportId(m.id),
        process_id: ProcessId(m.process_id),
        title: Translated::new(m.title, m.title_translation),
        body: Translated::new(m.body, m.body_translation),
        date: m.report_date,
        published_at: m.published_at,
    }
}

/// A report's texts as the organiser writes them; a translation is `None` while not written.
#[derive(Debug, Clone, Copy)]
pub struct NewReportTexts<'a> {
    pub title: &'a str,
    pub title_translation: Option<&'a str>,
    pub body: &'a str,
    pub body_translation: Option<&'a str>,
}

/// Stores and publishes a report.
pub async fn insert_report(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    texts: NewReportTexts<'_>,
    date: NaiveDate,
    now: DateTime<Utc>,
) -> StoreResult<ProgressReportId> {
    let model = progress_reports::ActiveModel {
        process_id: Set(process.0),
        title: Set(texts.title.to_owned()),
        title_translation: Set(texts.title_translation.map(str::to_owned)),
        body: Set(texts.body.to_owned()),
        body_translation: Set(texts.body_translation.map(str::to_owned)),
        report_date: Set(date),
        published_at: Set(Some(now)),
        created_at: Set(now),
        ..Default::default()
    };
    let inserted = progress_reports::Entity::insert(model).exec(conn).await?;
    Ok(ProgressReportId(inserted.last_insert_id))
}

pub async fn find_report(
    conn: &impl ConnectionTrait,
    id: ProgressReportId,
) -> StoreResult<Option<ProgressReport>> {
    Ok(progress_reports::Entity::find_by_id(id.0)
        .one(conn)
        .await?
        .map(to_report))
}

/// Published reports of a process, newest date first.
pub async fn reports_for_process(
    conn: &impl ConnectionTrait,
    process: ProcessId,
) -> StoreResult<Vec<ProgressReport>> {
    Ok(progress_reports::Entity::find()
        .filter(progress_reports::Column::ProcessId.eq(process.0))
        .filter(progress_reports::Column::PublishedAt.is_not_null())
        .order_by_desc(progress_reports::Column::ReportDate)
        .order_by_desc(progress_reports::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_report)
        .collect())
}
