//! The action plan as a whole: the organiser's introduction (one row per process, table
//! `action_plans`). The action points themselves are in `action_points`.

use crate::StoreResult;
use crate::entities::ideas::action_plans as rows;
use chrono::{DateTime, Utc};
use inspraak_domain::{ProcessId, UserId};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, Set};

/// The introduction of a process's action plan and when it was last saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Introduction {
    /// `None` once the organiser emptied it.
    pub text: Option<String>,
    pub updated_at: DateTime<Utc>,
}

/// The introduction, or `None` while nobody has written one.
pub async fn introduction(
    conn: &impl ConnectionTrait,
    process: ProcessId,
) -> StoreResult<Option<Introduction>> {
    Ok(rows::Entity::find_by_id(process.0)
        .one(conn)
        .await?
        .map(|m| Introduction {
            text: Some(m.introduction).filter(|t| !t.is_empty()),
            updated_at: m.updated_at,
        }))
}

/// Saves the introduction (`None` empties it; the time of that change is kept, as the plan
/// changed). An insert the first time, an update after, in one statement.
pub async fn save_introduction(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    text: Option<&str>,
    by: UserId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let model = rows::ActiveModel {
        process_id: Set(process.0),
        introduction: Set(text.unwrap_or_default().to_owned()),
        updated_at: Set(now),
        updated_by: Set(Some(by.0)),
    };
    rows::Entity::insert(model)
        .on_conflict(
            OnConflict::column(rows::Column::ProcessId)
                .update_columns([
                    rows::Column::Introduction,
                    rows::Column::UpdatedAt,
                    rows::Column::UpdatedBy,
                ])
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    Ok(())
}
