//! The action plan as a whole: the organiser's introduction (one row per process, table
//! `action_plans`). The action points themselves are in `action_points`.

use crate::StoreResult;
use crate::entities::ideas::action_plans as rows;
use chrono::{DateTime, Utc};
use inspraak_domain::ideas::NewPlanIntroduction;
use inspraak_domain::{ProcessId, Translated, UserId};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, Set};

/// The introduction of a process's action plan and when it was last saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Introduction {
    /// `None` once the organiser emptied it.
    pub text: Option<Translated>,
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
            text: Translated::optional(Some(m.introduction), m.introduction_translation),
            updated_at: m.updated_at,
        }))
}

/// Saves the introduction and its translation (`None` empties it; the time of that change is kept, as the plan
/// changed). An insert the first time, an update after, in one statement.
pub async fn save_introduction(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    text: &NewPlanIntroduction,
    by: UserId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let model = rows::ActiveModel {
        process_id: Set(process.0),
        introduction: Set(text.text.clone().unwrap_or_default()),
        introduction_translation: Set(text.translation.clone()),
        updated_at: Set(now),
        updated_by: Set(Some(by.0)),
    };
    rows::Entity::insert(model)
        .on_conflict(
            OnConflict::column(rows::Column::ProcessId)
                .update_columns([
                    rows::Column::Introduction,
                    rows::Column::IntroductionTranslation,
                    rows::Column::UpdatedAt,
                    rows::Column::UpdatedBy,
                ])
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    Ok(())
}
