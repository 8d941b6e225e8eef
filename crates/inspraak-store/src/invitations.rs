//! Invitations to a staff account (an organiser or an action holder), made by an organiser:
//! single use, expiring, only the token's SHA-256 stored. Forum members have their own
//! invitations (`ideas::forum`).

use crate::entities::account_invitations as rows;
use crate::error::found;
use crate::{StoreError, StoreResult};
use chrono::{DateTime, Utc};
use inspraak_domain::{Email, Role, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub expires_at: DateTime<Utc>,
}

fn to_invitation(m: rows::Model) -> StoreResult<Invitation> {
    let role = Role::parse(&m.role).ok_or_else(|| {
        StoreError::Db(sea_orm::DbErr::Custom(format!("unknown role {}", m.role)))
    })?;
    Ok(Invitation {
        id: m.id,
        email: m.email,
        role,
        expires_at: m.expires_at,
    })
}

pub struct NewInvitation<'a> {
    pub email: &'a Email,
    pub role: Role,
    pub token_hash: &'a str,
    pub invited_by: UserId,
    pub expires_at: DateTime<Utc>,
}

pub async fn create(
    conn: &impl ConnectionTrait,
    new: &NewInvitation<'_>,
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    let model = rows::ActiveModel {
        email: Set(new.email.as_str().to_owned()),
        role: Set(new.role.as_str().to_owned()),
        token_hash: Set(new.token_hash.to_owned()),
        invited_by: Set(Some(new.invited_by.0)),
        created_at: Set(now),
        expires_at: Set(new.expires_at),
        accepted_at: Set(None),
        ..Default::default()
    };
    Ok(model.insert(conn).await?.id)
}

/// The open invitation behind a token: not used and not expired.
pub async fn open(
    conn: &impl ConnectionTrait,
    token_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<Invitation>> {
    rows::Entity::find()
        .filter(rows::Column::TokenHash.eq(token_hash))
        .filter(rows::Column::AcceptedAt.is_null())
        .filter(rows::Column::ExpiresAt.gt(now))
        .one(conn)
        .await?
        .map(to_invitation)
        .transpose()
}

/// Invitations not used yet and not expired, newest first (for the accounts page).
pub async fn list_open(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> StoreResult<Vec<Invitation>> {
    rows::Entity::find()
        .filter(rows::Column::AcceptedAt.is_null())
        .filter(rows::Column::ExpiresAt.gt(now))
        .order_by_desc(rows::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_invitation)
        .collect()
}

/// Uses an invitation up: a conditional update, so two tabs cannot both accept it
/// (`NotFound` for the second).
pub async fn accept(conn: &impl ConnectionTrait, id: i64, now: DateTime<Utc>) -> StoreResult<()> {
    let result = rows::Entity::update_many()
        .col_expr(rows::Column::AcceptedAt, Expr::value(now))
        .filter(rows::Column::Id.eq(id))
        .filter(rows::Column::AcceptedAt.is_null())
        .filter(rows::Column::ExpiresAt.gt(now))
        .exec(conn)
        .await?;
    found(result.rows_affected)
}

/// Withdraws an open invitation (its link stops working at once).
pub async fn withdraw(conn: &impl ConnectionTrait, id: i64, now: DateTime<Utc>) -> StoreResult<()> {
    let result = rows::Entity::update_many()
        .col_expr(rows::Column::ExpiresAt, Expr::value(now))
        .filter(rows::Column::Id.eq(id))
        .filter(rows::Column::AcceptedAt.is_null())
        .filter(rows::Column::ExpiresAt.gt(now))
        .exec(conn)
        .await?;
    found(result.rows_affected)
}
