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

/// For a group commit (`consultation::batch`): takes the rows of `keys`, each at the time of
/// its own request, in one statement, creating missing ones and starting a new window at 0
/// where the old one ran out, and returns how many attempts each key has taken in its running
/// window. Nothing is counted: the caller decides in memory and adds what it kept with
/// [`add_many`] in the same transaction. On PostgreSQL the rows stay locked until that
/// transaction ends, as with [`take`]; they are taken in key order, so two such batches cannot
/// deadlock on them.
pub async fn hold_many(
    conn: &impl ConnectionTrait,
    keys: &[(&str, DateTime<Utc>)],
    window: chrono::Duration,
) -> StoreResult<std::collections::HashMap<String, u64>> {
    // One row per key, at its latest time.
    let mut latest = std::collections::BTreeMap::<&str, DateTime<Utc>>::new();
    for (key, at) in keys {
        let entry = latest.entry(key).or_insert(*at);
        *entry = (*entry).max(*at);
    }
    let mut held = std::collections::HashMap::new();
    if latest.is_empty() {
        return Ok(held);
    }
    let backend = conn.get_database_backend();
    let mut params = Params::new(backend);
    let rows = latest
        .iter()
        .map(|(key, at)| {
            let (k, at) = (params.push(*key), params.push(at.timestamp()));
            format!("({k}, {at}, 0)")
        })
        .collect::<Vec<_>>()
        .join(", ");
    let (w1, w2) = (
        params.push(window.num_seconds()),
        params.push(window.num_seconds()),
    );
    // `excluded.window_start` is the row's own request time: its window ran out when it
    // started at least `window` before.
    let sql = format!(
        "INSERT INTO throttle_buckets (scope_key, window_start, hits) VALUES {rows} \
         ON CONFLICT (scope_key) DO UPDATE SET \
         hits = CASE WHEN throttle_buckets.window_start <= excluded.window_start - {w1} THEN 0 \
                ELSE throttle_buckets.hits END, \
         window_start = CASE WHEN throttle_buckets.window_start <= excluded.window_start - {w2} \
                THEN excluded.window_start ELSE throttle_buckets.window_start END \
         RETURNING scope_key, hits"
    );
    for row in conn.query_all_raw(params.statement(sql)).await? {
        let key: String = row.try_get("", "scope_key")?;
        let hits: i64 = row.try_get("", "hits")?;
        held.insert(key, u64::try_from(hits).unwrap_or(0));
    }
    Ok(held)
}

/// Adds attempts to rows taken by [`hold_many`] in the same transaction (one statement).
pub async fn add_many(conn: &impl ConnectionTrait, counts: &[(&str, u64)]) -> StoreResult<()> {
    let mut counts: Vec<_> = counts.iter().filter(|(_, n)| *n > 0).collect();
    if counts.is_empty() {
        return Ok(());
    }
    counts.sort_unstable();
    let backend = conn.get_database_backend();
    let mut params = Params::new(backend);
    let rows = counts
        .iter()
        .map(|(key, n)| {
            let n = i64::try_from(*n).unwrap_or(i64::MAX);
            let (k, at, hits) = (params.push(*key), params.push(0_i64), params.push(n));
            format!("({k}, {at}, {hits})")
        })
        .collect::<Vec<_>>()
        .join(", ");
    // Every row exists (held); the insert part never applies.
    let sql = format!(
        "INSERT INTO throttle_buckets (scope_key, window_start, hits) VALUES {rows} \
         ON CONFLICT (scope_key) DO UPDATE SET hits = throttle_buckets.hits + excluded.hits"
    );
    conn.execute_raw(params.statement(sql)).await?;
    Ok(())
}

/// Numbered (PostgreSQL) or positional (SQLite) placeholders with their values, for the few
/// statements sea-query has no builder for.
struct Params {
    backend: DbBackend,
    values: Vec<sea_orm::Value>,
}

impl Params {
    fn new(backend: DbBackend) -> Self {
        Params {
            backend,
            values: Vec::new(),
        }
    }

    fn push(&mut self, value: impl Into<sea_orm::Value>) -> String {
        self.values.push(value.into());
        match self.backend {
            DbBackend::Postgres => format!("${}", self.values.len()),
            _ => "?".to_owned(),
        }
    }

    fn statement(self, sql: String) -> Statement {
        Statement::from_sql_and_values(self.backend, sql, self.values)
    }
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
