//! The retention period of personal data, per process. Processes without a setting use
//! [`RetentionDays::DEFAULT`]. Changing it moves the erase dates of data already held.

use crate::StoreResult;
use crate::consultation;
use crate::entities::consultation::process_retention;
use chrono::{DateTime, Utc};
use inspraak_domain::ProcessId;
use inspraak_domain::retention::RetentionDays;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, Set};

/// The process's retention period, or the default.
pub async fn days_for(
    conn: &impl ConnectionTrait,
    process: ProcessId,
) -> StoreResult<RetentionDays> {
    let stored = process_retention::Entity::find_by_id(process.0)
        .one(conn)
        .await?;
    Ok(stored
        .and_then(|m| u32::try_from(m.retention_days).ok())
        .and_then(|d| RetentionDays::new(d).ok())
        .unwrap_or_default())
}

/// Sets the process's retention period and moves the erase dates of what it holds.
pub async fn set(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    days: RetentionDays,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let value = i32::try_from(days.days()).unwrap_or(i32::MAX);
    process_retention::Entity::insert(process_retention::ActiveModel {
        process_id: Set(process.0),
        retention_days: Set(value),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(process_retention::Column::ProcessId)
            .update_columns([
                process_retention::Column::RetentionDays,
                process_retention::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    for consultation in consultation::admin::list_for_process(conn, process).await? {
        consultation::privacy::recompute_erase_after(conn, consultation.id).await?;
    }
    crate::session::recompute_erase_after(conn, process).await?;
    Ok(())
}
