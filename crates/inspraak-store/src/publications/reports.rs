//! Plan-level progress reports ("Update 1" … "Update 7"): dated, published when saved.

use crate::StoreResult;
use crate::entities::progress_reports;
use chrono::{DateTime, NaiveDate, Utc};
use inspraak_domain::{ProcessId, ProgressReportId};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressReport {
    pub id: ProgressReportId,
    pub process_id: ProcessId,
    pub title: String,
    /// The light markup the organiser typed; rendered by the web layer's safe renderer.
    pub body: String,
    pub date: NaiveDate,
    pub published_at: Option<DateTime<Utc>>,
}

fn to_report(m: progress_reports::Model) -> ProgressReport {
    ProgressReport {
        id: ProgressReportId(m.id),
        process_id: ProcessId(m.process_id),
        title: m.title,
        body: m.body,
        date: m.report_date,
        published_at: m.published_at,
    }
}

/// Stores and publishes a report.
pub async fn insert_report(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    title: &str,
    body: &str,
    date: NaiveDate,
    now: DateTime<Utc>,
) -> StoreResult<ProgressReportId> {
    let model = progress_reports::ActiveModel {
        process_id: Set(process.0),
        title: Set(title.to_owned()),
        body: Set(body.to_owned()),
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
