//! Events proposed for the agenda by anyone ("Meld bijeenkomst aan"), shown once approved.

use crate::entities::proposed_events;
use crate::{StoreError, StoreResult};
use chrono::{DateTime, Utc};
use inspraak_domain::session::{NewProposedEvent, ProposalStatus, ProposedEventId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposedEvent {
    pub id: ProposedEventId,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub organiser: String,
    pub link: String,
    pub status: ProposalStatus,
    pub created_at: DateTime<Utc>,
}

fn to_proposal(model: proposed_events::Model) -> StoreResult<ProposedEvent> {
    let status = ProposalStatus::parse(&model.status)
        .ok_or_else(|| super::records::corrupt("proposal status", &model.status))?;
    Ok(ProposedEvent {
        id: ProposedEventId(model.id),
        title: model.title,
        starts_at: model.starts_at,
        organiser: model.organiser,
        link: model.link,
        status,
        created_at: model.created_at,
    })
}

/// Stores a proposal, pending an organiser's decision.
pub async fn insert(
    conn: &impl ConnectionTrait,
    new: &NewProposedEvent,
    now: DateTime<Utc>,
) -> StoreResult<ProposedEventId> {
    let model = proposed_events::ActiveModel {
        title: Set(new.title.as_str().to_owned()),
        starts_at: Set(new.starts_at),
        organiser: Set(new.organiser.as_str().to_owned()),
        link: Set(new.link.as_str().to_owned()),
        status: Set(ProposalStatus::Pending.as_str().to_owned()),
        created_at: Set(now),
        decided_at: Set(None),
        ..Default::default()
    };
    Ok(ProposedEventId(model.insert(conn).await?.id))
}

/// Proposals with a status, by date.
pub async fn list(
    conn: &impl ConnectionTrait,
    status: ProposalStatus,
) -> StoreResult<Vec<ProposedEvent>> {
    proposed_events::Entity::find()
        .filter(proposed_events::Column::Status.eq(status.as_str()))
        .order_by_asc(proposed_events::Column::StartsAt)
        .order_by_asc(proposed_events::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_proposal)
        .collect()
}

/// Approves or rejects a pending proposal; `Conflict("decided")` when it was decided already.
pub async fn decide(
    conn: &impl ConnectionTrait,
    id: ProposedEventId,
    approve: bool,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let status = if approve {
        ProposalStatus::Approved
    } else {
        ProposalStatus::Rejected
    };
    let result = proposed_events::Entity::update_many()
        .col_expr(
            proposed_events::Column::Status,
            Expr::value(status.as_str()),
        )
        .col_expr(proposed_events::Column::DecidedAt, Expr::value(now))
        .filter(proposed_events::Column::Id.eq(id.0))
        .filter(proposed_events::Column::Status.eq(ProposalStatus::Pending.as_str()))
        .exec(conn)
        .await?;
    if result.rows_affected == 0 {
        let exists = proposed_events::Entity::find_by_id(id.0).one(conn).await?;
        return Err(match exists {
            Some(_) => StoreError::Conflict("decided"),
            None => StoreError::NotFound,
        });
    }
    Ok(())
}

/// Approved proposals that have not started yet (the agenda shows them next to sessions).
pub async fn approved_upcoming(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> StoreResult<Vec<ProposedEvent>> {
    proposed_events::Entity::find()
        .filter(proposed_events::Column::Status.eq(ProposalStatus::Approved.as_str()))
        .filter(proposed_events::Column::StartsAt.gte(now))
        .order_by_asc(proposed_events::Column::StartsAt)
        .order_by_asc(proposed_events::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_proposal)
        .collect()
}
