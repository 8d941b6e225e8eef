//! Notices for the daily digest. A notice is queued in the transaction that causes it (a link, a
//! progress update, a published outcome), for the contribution's consenting address, once per
//! address and event (a UNIQUE key on the address's hash and the event key). The digest job
//! turns an address's pending notices into one outbox mail a day. An address that unsubscribed
//! gets no new notices and its pending ones are dropped.

use crate::StoreResult;
use crate::entities::traceability::{links, notices, optouts};
use crate::ideas::corrupt;
use crate::tokens::hash_token;
use chrono::{DateTime, Utc};
use inspraak_domain::ideas::Visibility;
use inspraak_domain::traceability::{
    Contribution, ContributionKind, NoticeEvent, Target, TargetKind, outcome_event_key,
    outcome_of_event_key,
};
use inspraak_domain::{ActionPointId, ConsultationId, IdeaId, Language, ProcessId};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use std::collections::BTreeMap;

/// What an opt-out is matched on: the SHA-256 of the lower-cased, trimmed address.
pub fn email_key(email: &str) -> String {
    hash_token(&email.trim().to_lowercase())
}

pub async fn is_opted_out(conn: &impl ConnectionTrait, key: &str) -> StoreResult<bool> {
    Ok(optouts::Entity::find()
        .filter(optouts::Column::EmailKey.eq(key))
        .count(conn)
        .await?
        > 0)
}

/// Queues one notice for the contribution's consenting address, if it has one and did not
/// unsubscribe. Queueing the same `event_key` twice for an address is a no-op.
pub async fn queue(
    conn: &impl ConnectionTrait,
    contribution: Contribution,
    event: NoticeEvent,
    target: Option<Target>,
    event_key: &str,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let Some((email, language)) = super::contributions::contact_of(conn, contribution).await?
    else {
        return Ok(false);
    };
    let key = email_key(&email);
    if is_opted_out(conn, &key).await? {
        return Ok(false);
    }
    let inserted = notices::Entity::insert(notices::ActiveModel {
        email: Set(email),
        email_key: Set(key),
        contribution_kind: Set(contribution.kind().as_str().to_owned()),
        contribution_id: Set(contribution.raw_id()),
        event: Set(event.as_str().to_owned()),
        target_kind: Set(target.map(|t| t.kind().as_str().to_owned())),
        target_id: Set(target.map(|t| t.raw_id())),
        event_key: Set(event_key.to_owned()),
        created_at: Set(now),
        digested_at: Set(None),
        language: Set(language.code().to_owned()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([notices::Column::EmailKey, notices::Column::EventKey])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(inserted > 0)
}

/// After a progress update on an action point: a notice for every contribution linked to it.
/// `update` names the update (its id or time), so one update is told once.
pub async fn queue_progress(
    conn: &impl ConnectionTrait,
    point: ActionPointId,
    update: &str,
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    let target = Target::ActionPoint(point);
    let mut queued = 0;
    for link in super::for_target(conn, target).await? {
        let key = format!(
            "progress:{}:{}:{}:{update}",
            point.0,
            link.contribution.kind().as_str(),
            link.contribution.raw_id()
        );
        if queue(
            conn,
            link.contribution,
            NoticeEvent::Progress,
            Some(target),
            &key,
            now,
        )
        .await?
        {
            queued += 1;
        }
    }
    Ok(queued)
}

/// On publishing a consultation's outcome: a notice for every address left with an idea of the
/// process (hidden ideas aside), once per address however many ideas it sent (the event key is
/// the outcome's). Addresses that consented with a visible response of the consultation are left
/// out: they get the outcome mail itself, and one mail per person is the rule. Returns how many
/// were queued.
pub async fn queue_outcome_for_ideas(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    consultation: ConsultationId,
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    let backend = conn.get_database_backend();
    let sql = "SELECT c.idea_id AS idea_id FROM idea_contacts c \
         JOIN ideas i ON i.id = c.idea_id \
         WHERE i.process_id = ? AND i.visibility <> ? \
         AND LOWER(c.email) NOT IN (SELECT LOWER(k.email) FROM consultation_contacts k \
            JOIN consultation_responses r ON r.id = k.response_id \
            WHERE r.consultation_id = ? AND r.hidden = ?) \
         ORDER BY c.idea_id";
    let sql = if backend == sea_orm::DbBackend::Postgres {
        sql.replacen('?', "$1", 1)
            .replacen('?', "$2", 1)
            .replacen('?', "$3", 1)
            .replacen('?', "$4", 1)
    } else {
        sql.to_owned()
    };
    let rows = conn
        .query_all_raw(sea_orm::Statement::from_sql_and_values(
            backend,
            sql,
            [
                process.0.into(),
                Visibility::Hidden.as_str().into(),
                consultation.0.into(),
                false.into(),
            ],
        ))
        .await?;
    let key = outcome_event_key(consultation);
    let mut queued = 0;
    for row in rows {
        let idea = Contribution::Idea(IdeaId(row.try_get("", "idea_id")?));
        if queue(conn, idea, NoticeEvent::Outcome, None, &key, now).await? {
            queued += 1;
        }
    }
    Ok(queued)
}

/// A notice waiting for the digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub id: i64,
    pub contribution: Contribution,
    pub event: NoticeEvent,
    pub target: Option<Target>,
    /// The consultation of an outcome notice (which has no target).
    pub outcome: Option<ConsultationId>,
    pub created_at: DateTime<Utc>,
}

/// One address's pending notices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digest {
    pub email: String,
    pub email_key: String,
    /// The language of the address's most recent contribution with notices.
    pub language: Language,
    pub notices: Vec<Pending>,
}

/// Pending notices created before `until`, grouped per address (at most `limit` addresses).
pub async fn pending(
    conn: &impl ConnectionTrait,
    until: DateTime<Utc>,
    limit: u64,
) -> StoreResult<Vec<Digest>> {
    let keys: Vec<String> = notices::Entity::find()
        .select_only()
        .column(notices::Column::EmailKey)
        .filter(notices::Column::DigestedAt.is_null())
        .filter(notices::Column::CreatedAt.lte(until))
        .group_by(notices::Column::EmailKey)
        .order_by_asc(notices::Column::EmailKey)
        .limit(limit.clamp(1, 1000))
        .into_tuple()
        .all(conn)
        .await?;
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let rows = notices::Entity::find()
        .filter(notices::Column::DigestedAt.is_null())
        .filter(notices::Column::CreatedAt.lte(until))
        .filter(notices::Column::EmailKey.is_in(keys))
        .order_by_asc(notices::Column::Id)
        .all(conn)
        .await?;
    let mut grouped: BTreeMap<String, Digest> = BTreeMap::new();
    for m in rows {
        let event =
            NoticeEvent::parse(&m.event).ok_or_else(|| corrupt("notice event", &m.event))?;
        let kind = ContributionKind::parse(&m.contribution_kind)
            .ok_or_else(|| corrupt("contribution kind", &m.contribution_kind))?;
        let target = match (m.target_kind.as_deref(), m.target_id) {
            (Some(k), Some(id)) => Some(Target::from_raw(
                TargetKind::parse(k).ok_or_else(|| corrupt("target kind", k))?,
                id,
            )),
            _ => None,
        };
        let digest = grouped
            .entry(m.email_key.clone())
            .or_insert_with(|| Digest {
                email: m.email.clone(),
                email_key: m.email_key.clone(),
                language: Language::default(),
                notices: Vec::new(),
            });
        // Rows come oldest first: the last one's language wins.
        digest.language = Language::from_code(&m.language);
        digest.notices.push(Pending {
            id: m.id,
            contribution: Contribution::from_raw(kind, m.contribution_id),
            event,
            target,
            outcome: outcome_of_event_key(&m.event_key),
            created_at: m.created_at,
        });
    }
    Ok(grouped.into_values().collect())
}

/// Marks notices as told (their digest mail is in the outbox).
pub async fn mark_digested(
    conn: &impl ConnectionTrait,
    ids: &[i64],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    notices::Entity::update_many()
        .col_expr(notices::Column::DigestedAt, Expr::value(now))
        .filter(notices::Column::Id.is_in(ids.to_vec()))
        .filter(notices::Column::DigestedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// Stops every notice for an address (by its key): records the opt-out (once) and drops the
/// pending notices. Returns whether anything changed.
pub async fn opt_out(
    conn: &impl ConnectionTrait,
    key: &str,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let inserted = optouts::Entity::insert(optouts::ActiveModel {
        email_key: Set(key.to_owned()),
        created_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(optouts::Column::EmailKey)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    notices::Entity::delete_many()
        .filter(notices::Column::EmailKey.eq(key))
        .filter(notices::Column::DigestedAt.is_null())
        .exec(conn)
        .await?;
    Ok(inserted > 0)
}

/// Links feeding an action point, for counting who hears of an update (used by tests).
pub async fn linked_count(conn: &impl ConnectionTrait, point: ActionPointId) -> StoreResult<u64> {
    Ok(links::Entity::find()
        .filter(links::Column::TargetKind.eq(TargetKind::ActionPoint.as_str()))
        .filter(links::Column::TargetId.eq(point.0))
        .count(conn)
        .await?)
}
