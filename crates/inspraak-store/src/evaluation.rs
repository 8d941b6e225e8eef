//! The self-evaluation of a closed process ("Eerdere actieplannen", issue #24): one row per
//! process (table `process_evaluations`), its text in the content language and, optionally, in
//! the other interface language. Its documents are `documents` rows owned by
//! `publications::Owner::Evaluation`.
//!
//! Whether a process may carry one (only an archived process) is the web layer's rule; the
//! store keeps what it is given.

use crate::StoreResult;
use crate::entities::process_evaluations as rows;
use chrono::{DateTime, Utc};
use inspraak_domain::evaluation::NewEvaluation;
use inspraak_domain::{ProcessId, Translated, UserId};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, Set};

/// A saved self-evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub process: ProcessId,
    pub body: Translated,
    /// When it was first saved (and so published).
    pub published_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The self-evaluation of `process`, or `None` while nobody has written one.
pub async fn find(
    conn: &impl ConnectionTrait,
    process: ProcessId,
) -> StoreResult<Option<Evaluation>> {
    Ok(rows::Entity::find_by_id(process.0)
        .one(conn)
        .await?
        .map(|m| Evaluation {
            process: ProcessId(m.process_id),
            body: Translated::new(m.body, m.body_translation),
            published_at: m.published_at,
            updated_at: m.updated_at,
        }))
}

/// Saves the self-evaluation: an insert the first time (published now), an update after (the
/// first publication time stays), in one statement.
pub async fn save(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    new: &NewEvaluation,
    by: UserId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let model = rows::ActiveModel {
        process_id: Set(process.0),
        body: Set(new.body.as_str().to_owned()),
        body_translation: Set(new.translation.as_ref().map(|t| t.as_str().to_owned())),
        published_at: Set(now),
        updated_at: Set(now),
        updated_by: Set(Some(by.0)),
    };
    rows::Entity::insert(model)
        .on_conflict(
            OnConflict::column(rows::Column::ProcessId)
                .update_columns([
                    rows::Column::Body,
                    rows::Column::BodyTranslation,
                    rows::Column::UpdatedAt,
                    rows::Column::UpdatedBy,
                ])
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    Ok(())
}
