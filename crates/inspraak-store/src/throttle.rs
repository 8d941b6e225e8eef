//! Counting failed attempts per key (an account, an address) in the database, so throttling
//! holds across app instances. Keys are hashed by the caller: no e-mail or IP is stored here.

use crate::StoreResult;
use crate::entities::login_failures;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

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
