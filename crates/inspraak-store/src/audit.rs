//! The audit trail of privileged actions: who, what, when, from which network range.

use crate::StoreResult;
use crate::entities::audit_log;
use chrono::{DateTime, Utc};
use inspraak_domain::{AuditAction, UserId};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

/// One row to record. `subject` names what was acted on (e.g. "process 12"), never content.
#[derive(Debug, Clone)]
pub struct NewEntry {
    pub actor: Option<UserId>,
    pub actor_label: Option<String>,
    pub action: AuditAction,
    pub subject: Option<String>,
    pub address_range: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: Option<UserId>,
    pub actor_label: Option<String>,
    pub action: Option<AuditAction>,
    pub subject: Option<String>,
    pub address_range: Option<String>,
}

/// Filters for the organiser's view; all optional.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub action: Option<AuditAction>,
    pub actor: Option<UserId>,
}

pub async fn record(
    conn: &impl ConnectionTrait,
    entry: &NewEntry,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    audit_log::Entity::insert(audit_log::ActiveModel {
        at: Set(now),
        actor_user_id: Set(entry.actor.map(|u| u.0)),
        actor_label: Set(entry.actor_label.clone()),
        action: Set(entry.action.as_str().to_owned()),
        subject: Set(entry.subject.clone()),
        address_range: Set(entry.address_range.clone()),
        ..Default::default()
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

fn to_entry(m: audit_log::Model) -> Entry {
    Entry {
        id: m.id,
        at: m.at,
        actor: m.actor_user_id.map(UserId),
        actor_label: m.actor_label,
        action: AuditAction::parse(&m.action),
        subject: m.subject,
        address_range: m.address_range,
    }
}

fn filtered(filter: &Filter) -> sea_orm::Select<audit_log::Entity> {
    let mut query = audit_log::Entity::find();
    if let Some(action) = filter.action {
        query = query.filter(audit_log::Column::Action.eq(action.as_str()));
    }
    if let Some(actor) = filter.actor {
        query = query.filter(audit_log::Column::ActorUserId.eq(actor.0));
    }
    query.order_by_desc(audit_log::Column::Id)
}

/// A page of entries, newest first, and the total count.
pub async fn page(
    conn: &impl ConnectionTrait,
    filter: &Filter,
    page: u64,
    per_page: u64,
) -> StoreResult<(Vec<Entry>, u64)> {
    let total = filtered(filter).count(conn).await?;
    let rows = filtered(filter)
        .offset(page * per_page)
        .limit(per_page)
        .all(conn)
        .await?;
    Ok((rows.into_iter().map(to_entry).collect(), total))
}

/// Every matching entry, newest first, in batches (for exports).
pub async fn for_each_batch<F>(
    conn: &impl ConnectionTrait,
    filter: &Filter,
    mut each: F,
) -> StoreResult<()>
where
    F: FnMut(Vec<Entry>),
{
    let mut offset = 0;
    loop {
        let rows = filtered(filter)
            .offset(offset)
            .limit(1000)
            .all(conn)
            .await?;
        if rows.is_empty() {
            return Ok(());
        }
        offset += rows.len() as u64;
        each(rows.into_iter().map(to_entry).collect());
    }
}
