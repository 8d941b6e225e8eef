//! Throttling in the database, so it holds across app instances. Keys are hashed by the caller:
//! no e-mail or IP is stored here.
//!
//! [`take`] is the throttle that holds under concurrency: ONE statement
//! (`INSERT … ON CONFLICT (scope_key) DO UPDATE SET hits = hits + 1 … RETURNING hits`) reserves
//! an attempt and returns how many the key has taken in its window, so the caller decides on a
//! count no parallel request can share; it runs before the expensive or lasting work (a password
//! check, storing a response). A key's window starts at its first attempt and lasts `window`;
//! the first attempt after that starts a new one at 1. [`give_back`] returns a slot that turned
//! out not to count (a right password, an idempotent replay).
//!
//! The older `failures_since`/`record_failure` pair counts rows then inserts: fine for a
//! soft limit (traceability misses, proposed events), not for anything parallel requests could
//! beat.

use crate::StoreResult;
use crate::entities::login_failures;
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait, QueryFilter, Set,
    Statement,
};

/// An attempt reserved by [`take`]: the count it got, and the window it was counted in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    key: String,
    window_start: i64,
    /// Attempts taken in this window, this one included.
    pub hits: u64,
}

impl Slot {
    /// Whether this attempt is within `limit` attempts per window.
    pub fn within(&self, limit: u64) -> bool {
        self.hits <= limit
    }
}

/// Reserves one attempt for `key` and returns the count, atomically (see the module comment).
pub async fn take(
    conn: &impl ConnectionTrait,
    key: &str,
    window: chrono::Duration,
    now: DateTime<Utc>,
) -> StoreResult<Slot> {
    let backend = conn.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "INSERT INTO throttle_buckets (scope_key, window_start, hits) VALUES ($1, $2, 1) \
             ON CONFLICT (scope_key) DO UPDATE SET \
             hits = CASE WHEN throttle_buckets.window_start <= $3 THEN 1 \
                    ELSE throttle_buckets.hits + 1 END, \
             window_start = CASE WHEN throttle_buckets.window_start <= $4 \
                    THEN excluded.window_start ELSE throttle_buckets.window_start END \
             RETURNING hits, window_start"
        }
        _ => {
            "INSERT INTO throttle_buckets (scope_key, window_start, hits) VALUES (?, ?, 1) \
             ON CONFLICT (scope_key) DO UPDATE SET \
             hits = CASE WHEN throttle_buckets.window_start <= ? THEN 1 \
                    ELSE throttle_buckets.hits + 1 END, \
             window_start = CASE WHEN throttle_buckets.window_start <= ? \
                    THEN excluded.window_start ELSE throttle_buckets.window_start END \
             RETURNING hits, window_start"
        }
    };
    let now_s = now.timestamp();
    let expired = now_s - window.num_seconds();
    let statement = Statement::from_sql_and_values(
        backend,
        sql,
        [key.into(), now_s.into(), expired.into(), expired.into()],
    );
    let row = conn
        .query_one_raw(statement)
        .await?
        .ok_or_else(|| sea_orm::DbErr::RecordNotFound("throttle bucket".into()))?;
    let hits: i64 = row.try_get("", "hits")?;
    let window_start: i64 = row.try_get("", "window_start")?;
    Ok(Slot {
        key: key.to_owned(),
        window_start,
        hits: u64::try_from(hits).unwrap_or(0),
    })
}

/// Returns a slot that should not count (its window still running); a no-op after the window
/// moved on.
pub async fn give_back(conn: &impl ConnectionTrait, slot: &Slot) -> StoreResult<()> {
    let backend = conn.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "UPDATE throttle_buckets SET hits = hits - 1 \
             WHERE scope_key = $1 AND window_start = $2 AND hits > 0"
        }
        _ => {
            "UPDATE throttle_buckets SET hits = hits - 1 \
             WHERE scope_key = ? AND window_start = ? AND hits > 0"
        }
    };
    conn.execute_raw(Statement::from_sql_and_values(
        backend,
        sql,
        [slot.key.clone().into(), slot.window_start.into()],
    ))
    .await?;
    Ok(())
}

/// The attempts `key` has taken in its current window (0 when it has none running).
pub async fn taken(
    conn: &impl ConnectionTrait,
    key: &str,
    window: chrono::Duration,
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    let backend = conn.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "SELECT hits FROM throttle_buckets WHERE scope_key = $1 AND window_start > $2"
        }
        _ => "SELECT hits FROM throttle_buckets WHERE scope_key = ? AND window_start > ?",
    };
    let expired = now.timestamp() - window.num_seconds();
    let row = conn
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [key.into(), expired.into()],
        ))
        .await?;
    Ok(match row {
        Some(row) => u64::try_from(row.try_get::<i64>("", "hits")?).unwrap_or(0),
        None => 0,
    })
}

/// Deletes buckets whose window started before `before` (housekeeping; pass a moment at least
/// the longest window ago).
pub async fn purge_buckets_before(
    conn: &impl ConnectionTrait,
    before: DateTime<Utc>,
) -> StoreResult<u64> {
    let backend = conn.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => "DELETE FROM throttle_buckets WHERE window_start < $1",
        _ => "DELETE FROM throttle_buckets WHERE window_start < ?",
    };
    let result = conn
        .execute_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [before.timestamp().into()],
        ))
        .await?;
    Ok(result.rows_affected())
}

/// Failures recorded for `key` since `since`.
pub async fn failures_since(
    conn: &impl ConnectionTrait,
    key: &str,
    since: DateTime<Utc>,
) -> StoreResult<u64> {
    Ok(login_failures::Entity::find()
        .filter(login_failures::Column::ScopeKey.eq(key))
        .filter(login_failures::Column::FailedAt.gt(since))
        .count(conn)
        .await?)
}

pub async fn record_failure(
    conn: &impl ConnectionTrait,
    key: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    login_failures::Entity::insert(login_failures::ActiveModel {
        scope_key: Set(key.to_owned()),
        failed_at: Set(now),
        ..Default::default()
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Forgets the failures of a key (after a successful login).
pub async fn clear(conn: &impl ConnectionTrait, key: &str) -> StoreResult<()> {
    login_failures::Entity::delete_many()
        .filter(login_failures::Column::ScopeKey.eq(key))
        .exec(conn)
        .await?;
    Ok(())
}

/// Deletes failures older than `before` (housekeeping).
pub async fn purge_before(conn: &impl ConnectionTrait, before: DateTime<Utc>) -> StoreResult<u64> {
    let result = login_failures::Entity::delete_many()
        .filter(login_failures::Column::FailedAt.lt(before))
        .exec(conn)
        .await?;
    Ok(result.rows_affected)
}
