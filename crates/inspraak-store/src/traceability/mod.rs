//! Traceability (issue #10): links from a contribution to a recurring thread or an action point,
//! the hashed trace tokens behind "Wat is er met mijn inbreng gedaan?", and the notices that the
//! daily digest turns into one mail per person per day.
//!
//! A link is unique per (contribution, target) by a UNIQUE key; linking twice is an
//! `ON CONFLICT DO NOTHING` that reports "already linked". Linking queues a notice for the
//! contribution's consenting address in the same transaction (see `notices`).

pub mod contributions;
pub mod notices;
pub mod trace;

use crate::entities::traceability::links;
use crate::ideas::corrupt;
use crate::{StoreError, StoreResult};
use chrono::{DateTime, Utc};
use inspraak_domain::traceability::{
    Contribution, ContributionKind, NewLink, NoticeEvent, Target, TargetKind,
};
use inspraak_domain::{LinkId, ProcessId, ThreadId, UserId};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::{BTreeMap, HashMap};

/// A stored link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub id: LinkId,
    pub process_id: ProcessId,
    pub contribution: Contribution,
    pub target: Target,
    pub explanation: String,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
}

fn to_link(m: links::Model) -> StoreResult<Link> {
    Ok(Link {
        id: LinkId(m.id),
        process_id: ProcessId(m.process_id),
        contribution: Contribution::from_raw(
            ContributionKind::parse(&m.contribution_kind)
                .ok_or_else(|| corrupt("contribution kind", &m.contribution_kind))?,
            m.contribution_id,
        ),
        target: Target::from_raw(
            TargetKind::parse(&m.target_kind)
                .ok_or_else(|| corrupt("target kind", &m.target_kind))?,
            m.target_id,
        ),
        explanation: m.explanation,
        created_by: m.created_by_user_id.map(UserId),
        created_at: m.created_at,
    })
}

/// Links a contribution to a target of the same process. `Ok(false)` when this link existed;
/// `NotFound` when the contribution or the target is unknown or of another process. A new link
/// queues a "linked" notice for the contribution's consenting address.
pub async fn link(
    conn: &impl ConnectionTrait,
    contribution: Contribution,
    new: &NewLink,
    by: Option<UserId>,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let process = contributions::process_of(conn, contribution)
        .await?
        .ok_or(StoreError::NotFound)?;
    if contributions::target_process(conn, new.target).await? != Some(process) {
        return Err(StoreError::NotFound);
    }
    let inserted = links::Entity::insert(links::ActiveModel {
        process_id: Set(process.0),
        contribution_kind: Set(contribution.kind().as_str().to_owned()),
        contribution_id: Set(contribution.raw_id()),
        target_kind: Set(new.target.kind().as_str().to_owned()),
        target_id: Set(new.target.raw_id()),
        explanation: Set(new.explanation.as_str().to_owned()),
        created_by_user_id: Set(by.map(|u| u.0)),
        created_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            links::Column::ContributionKind,
            links::Column::ContributionId,
            links::Column::TargetKind,
            links::Column::TargetId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    if inserted == 0 {
        return Ok(false);
    }
    let key = format!(
        "linked:{}:{}:{}:{}",
        contribution.kind().as_str(),
        contribution.raw_id(),
        new.target.kind().as_str(),
        new.target.raw_id()
    );
    notices::queue(
        conn,
        contribution,
        NoticeEvent::Linked,
        Some(new.target),
        &key,
        now,
    )
    .await?;
    Ok(true)
}

/// Removes a link of this contribution and returns it; `None` when there was none.
pub async fn unlink(
    conn: &impl ConnectionTrait,
    contribution: Contribution,
    link: LinkId,
) -> StoreResult<Option<Link>> {
    let Some(found) = links::Entity::find_by_id(link.0)
        .filter(links::Column::ContributionKind.eq(contribution.kind().as_str()))
        .filter(links::Column::ContributionId.eq(contribution.raw_id()))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let done = links::Entity::delete_by_id(link.0).exec(conn).await?;
    if done.rows_affected == 0 {
        return Ok(None);
    }
    to_link(found).map(Some)
}

/// The links of one contribution, oldest first.
pub async fn for_contribution(
    conn: &impl ConnectionTrait,
    contribution: Contribution,
) -> StoreResult<Vec<Link>> {
    links::Entity::find()
        .filter(links::Column::ContributionKind.eq(contribution.kind().as_str()))
        .filter(links::Column::ContributionId.eq(contribution.raw_id()))
        .order_by_asc(links::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_link)
        .collect()
}

/// The links into one target, oldest first.
pub async fn for_target(conn: &impl ConnectionTrait, target: Target) -> StoreResult<Vec<Link>> {
    links::Entity::find()
        .filter(links::Column::TargetKind.eq(target.kind().as_str()))
        .filter(links::Column::TargetId.eq(target.raw_id()))
        .order_by_asc(links::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_link)
        .collect()
}

/// How many contributions of each channel feed a target.
pub async fn counts_for_target(
    conn: &impl ConnectionTrait,
    target: Target,
) -> StoreResult<BTreeMap<ContributionKind, u64>> {
    let mut counts = BTreeMap::new();
    for link in for_target(conn, target).await? {
        *counts.entry(link.contribution.kind()).or_insert(0) += 1;
    }
    Ok(counts)
}

/// How many contributions feed each of several threads (an outcome page's).
pub async fn totals_for_threads(
    conn: &impl ConnectionTrait,
    threads: &[ThreadId],
) -> StoreResult<HashMap<ThreadId, u64>> {
    let mut totals = HashMap::new();
    if threads.is_empty() {
        return Ok(totals);
    }
    let rows: Vec<i64> = links::Entity::find()
        .filter(links::Column::TargetKind.eq(TargetKind::Thread.as_str()))
        .filter(links::Column::TargetId.is_in(threads.iter().map(|t| t.0)))
        .all(conn)
        .await?
        .into_iter()
        .map(|m| m.target_id)
        .collect();
    for id in rows {
        *totals.entry(ThreadId(id)).or_insert(0) += 1;
    }
    Ok(totals)
}
