//! Password-reset links: single use, short-lived, stored as hashes.

use crate::entities::password_resets;
use crate::{StoreResult, tokens};
use chrono::{DateTime, Duration, Utc};
use inspraak_domain::UserId;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// Makes a reset link token for a user, valid for `valid_for`.
pub async fn create(
    conn: &impl ConnectionTrait,
    user: UserId,
    now: DateTime<Utc>,
    valid_for: Duration,
) -> StoreResult<String> {
    let token = tokens::new_token();
    password_resets::Entity::insert(password_resets::ActiveModel {
        user_id: Set(user.0),
        token_hash: Set(tokens::hash_token(&token)),
        created_at: Set(now),
        expires_at: Set(now + valid_for),
        used_at: Set(None),
        ..Default::default()
    })
    .exec_without_returning(conn)
    .await?;
    Ok(token)
}

/// The account a live, unused token belongs to (without using it).
pub async fn peek(
    conn: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<UserId>> {
    Ok(password_resets::Entity::find()
        .filter(password_resets::Column::TokenHash.eq(tokens::hash_token(token)))
        .filter(password_resets::Column::UsedAt.is_null())
        .filter(password_resets::Column::ExpiresAt.gt(now))
        .one(conn)
        .await?
        .map(|m| UserId(m.user_id)))
}

/// Uses a token: returns its account once, and `None` for every later, expired or unknown try.
/// One conditional UPDATE, so two racing requests cannot both use it.
pub async fn consume(
    conn: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<UserId>> {
    let Some(user) = peek(conn, token, now).await? else {
        return Ok(None);
    };
    let result = password_resets::Entity::update_many()
        .col_expr(password_resets::Column::UsedAt, Expr::value(now))
        .filter(password_resets::Column::TokenHash.eq(tokens::hash_token(token)))
        .filter(password_resets::Column::UsedAt.is_null())
        .exec(conn)
        .await?;
    Ok((result.rows_affected == 1).then_some(user))
}
