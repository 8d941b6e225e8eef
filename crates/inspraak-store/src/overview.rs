//! Reads for the public overview pages (a process page, a theme page) that gather what several
//! families published, each in one statement whatever the number of rows, so a page does not
//! grow a query per consultation or per action point.

use crate::StoreResult;
use crate::consultation::{Consultation, to_consultation};
use crate::entities::consultation::consultations;
use crate::entities::ideas::progress_updates;
use crate::entities::outcome::outcomes;
use crate::ideas::action_points::ProgressUpdate;
use crate::outcomes::OutcomeState;
use inspraak_domain::consultation::ConsultationStatus;
use inspraak_domain::{ActionPointId, ProcessId, UserId};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// A published consultation with its outcome: `outcome` is `Some` only when the organiser
/// published it (a draft introduction is never shown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsultationOutcome {
    pub consultation: Consultation,
    pub outcome: Option<OutcomeState>,
}

/// The published consultations of a process with their published outcomes, the latest opening
/// first: two statements (none for the outcomes when there is no consultation).
pub async fn consultation_outcomes(
    conn: &impl ConnectionTrait,
    process: ProcessId,
) -> StoreResult<Vec<ConsultationOutcome>> {
    let list: Vec<Consultation> = consultations::Entity::find()
        .filter(consultations::Column::ProcessId.eq(process.0))
        .filter(consultations::Column::Status.eq(ConsultationStatus::Published.as_str()))
        .order_by_desc(consultations::Column::OpensAt)
        .order_by_desc(consultations::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_consultation)
        .collect::<StoreResult<_>>()?;
    if list.is_empty() {
        return Ok(Vec::new());
    }
    let mut published: HashMap<i64, OutcomeState> = outcomes::Entity::find()
        .filter(outcomes::Column::ConsultationId.is_in(list.iter().map(|c| c.id.0)))
        .filter(outcomes::Column::PublishedAt.is_not_null())
        .all(conn)
        .await?
        .into_iter()
        .map(|m| {
            (
                m.consultation_id,
                OutcomeState {
                    intro: inspraak_domain::Translated::new(m.intro, m.intro_translation),
                    published_at: m.published_at,
                },
            )
        })
        .collect();
    Ok(list
        .into_iter()
        .map(|consultation| ConsultationOutcome {
            outcome: published.remove(&consultation.id.0),
            consultation,
        })
        .collect())
}

/// The latest `limit` progress updates of the given action points, newest first: one statement.
/// The caller passes only points the public may see (no drafts).
pub async fn recent_updates(
    conn: &impl ConnectionTrait,
    points: &[ActionPointId],
    limit: u64,
) -> StoreResult<Vec<ProgressUpdate>> {
    if points.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    Ok(progress_updates::Entity::find()
        .filter(progress_updates::Column::ActionPointId.is_in(points.iter().map(|p| p.0)))
        .filter(progress_updates::Column::HiddenAt.is_null())
        .order_by_desc(progress_updates::Column::PostedOn)
        .order_by_desc(progress_updates::Column::Id)
        .limit(limit)
        .all(conn)
        .await?
        .into_iter()
        .map(|m| ProgressUpdate {
            id: m.id,
            action_point: ActionPointId(m.action_point_id),
            on: m.posted_on,
            body: inspraak_domain::Translated::new(m.body, m.body_translation),
            author: m.author_user_id.map(UserId),
            created_at: m.created_at,
            hidden: false,
            edited_at: m.edited_at,
        })
        .collect())
}
