//! TOTP second factor: the (encrypted) secret per account, replay protection, recovery codes.
//! Encryption happens in the web layer; this module stores what it is given.

use crate::StoreResult;
use crate::entities::{recovery_codes, totp_credentials};
use chrono::{DateTime, Utc};
use inspraak_domain::UserId;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

/// A stored TOTP credential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotpCredential {
    pub secret_ciphertext: String,
    pub confirmed: bool,
}

pub async fn find(
    conn: &impl ConnectionTrait,
    user: UserId,
) -> StoreResult<Option<TotpCredential>> {
    Ok(totp_credentials::Entity::find_by_id(user.0)
        .one(conn)
        .await?
        .map(|m| TotpCredential {
            secret_ciphertext: m.secret_ciphertext,
            confirmed: m.confirmed_at.is_some(),
        }))
}

/// Stores a new, unconfirmed secret, replacing an unconfirmed one. A confirmed secret is kept:
/// replacing it takes a reset first.
pub async fn save_unconfirmed(
    conn: &impl ConnectionTrait,
    user: UserId,
    ciphertext: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    totp_credentials::Entity::delete_many()
        .filter(totp_credentials::Column::UserId.eq(user.0))
        .filter(totp_credentials::Column::ConfirmedAt.is_null())
        .exec(conn)
        .await?;
    totp_credentials::Entity::insert(totp_credentials::ActiveModel {
        user_id: Set(user.0),
        secret_ciphertext: Set(ciphertext.to_owned()),
        created_at: Set(now),
        confirmed_at: Set(None),
        last_used_step: Set(None),
    })
    .on_conflict(
        OnConflict::column(totp_credentials::Column::UserId)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Marks the secret as confirmed (its first code was right).
pub async fn confirm(
    conn: &impl ConnectionTrait,
    user: UserId,
    step: i64,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let result = totp_credentials::Entity::update_many()
        .col_expr(totp_credentials::Column::ConfirmedAt, Expr::value(now))
        .col_expr(totp_credentials::Column::LastUsedStep, Expr::value(step))
        .filter(totp_credentials::Column::UserId.eq(user.0))
        .filter(totp_credentials::Column::ConfirmedAt.is_null())
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Records that the code of time step `step` was used. Returns false when that step (or a later
/// one) was used before: a code works once, even if two requests race with it.
pub async fn use_step(conn: &impl ConnectionTrait, user: UserId, step: i64) -> StoreResult<bool> {
    let result = totp_credentials::Entity::update_many()
        .col_expr(totp_credentials::Column::LastUsedStep, Expr::value(step))
        .filter(totp_credentials::Column::UserId.eq(user.0))
        .filter(totp_credentials::Column::ConfirmedAt.is_not_null())
        .filter(
            sea_orm::Condition::any()
                .add(totp_credentials::Column::LastUsedStep.is_null())
                .add(totp_credentials::Column::LastUsedStep.lt(step)),
        )
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Removes the second factor and all recovery codes of an account.
pub async fn reset(conn: &impl ConnectionTrait, user: UserId) -> StoreResult<()> {
    totp_credentials::Entity::delete_many()
        .filter(totp_credentials::Column::UserId.eq(user.0))
        .exec(conn)
        .await?;
    recovery_codes::Entity::delete_many()
        .filter(recovery_codes::Column::UserId.eq(user.0))
        .exec(conn)
        .await?;
    Ok(())
}

/// Replaces the recovery codes of an account with new ones (given as hashes).
pub async fn replace_recovery_codes(
    conn: &impl ConnectionTrait,
    user: UserId,
    hashes: &[String],
) -> StoreResult<()> {
    recovery_codes::Entity::delete_many()
        .filter(recovery_codes::Column::UserId.eq(user.0))
        .exec(conn)
        .await?;
    for hash in hashes {
        recovery_codes::Entity::insert(recovery_codes::ActiveModel {
            user_id: Set(user.0),
            code_hash: Set(hash.clone()),
            used_at: Set(None),
            ..Default::default()
        })
        .exec_without_returning(conn)
        .await?;
    }
    Ok(())
}

/// Uses a recovery code (by hash) once. Returns false when it is unknown or already used.
pub async fn use_recovery_code(
    conn: &impl ConnectionTrait,
    user: UserId,
    hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let result = recovery_codes::Entity::update_many()
        .col_expr(recovery_codes::Column::UsedAt, Expr::value(now))
        .filter(recovery_codes::Column::UserId.eq(user.0))
        .filter(recovery_codes::Column::CodeHash.eq(hash))
        .filter(recovery_codes::Column::UsedAt.is_null())
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

pub async fn unused_recovery_codes(conn: &impl ConnectionTrait, user: UserId) -> StoreResult<u64> {
    Ok(recovery_codes::Entity::find()
        .filter(recovery_codes::Column::UserId.eq(user.0))
        .filter(recovery_codes::Column::UsedAt.is_null())
        .count(conn)
        .await?)
}
