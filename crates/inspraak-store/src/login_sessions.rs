//! Server-side login sessions. The cookie holds a random token; the table holds its hash, so
//! logging out (or an expiry) ends the session for good, whoever kept a copy of the cookie.

use crate::entities::login_sessions;
use crate::users::{User, to_user};
use crate::{StoreResult, tokens};
use chrono::{DateTime, Duration, Utc};
use inspraak_domain::UserId;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// How long a session lives: it ends after `idle` without a request, and after `absolute` in any
/// case.
#[derive(Debug, Clone, Copy)]
pub struct Lifetimes {
    pub idle: Duration,
    pub absolute: Duration,
}

/// Starts a session for a user and returns the token for the cookie.
pub async fn start(
    conn: &impl ConnectionTrait,
    user: UserId,
    now: DateTime<Utc>,
    lifetimes: Lifetimes,
) -> StoreResult<String> {
    let token = tokens::new_token();
    login_sessions::ActiveModel {
        token_hash: Set(tokens::hash_token(&token)),
        user_id: Set(user.0),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + lifetimes.absolute),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(token)
}

/// The user behind a session token, if the session is still alive; marks it as seen now.
pub async fn user_for_token(
    conn: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
    lifetimes: Lifetimes,
) -> StoreResult<Option<User>> {
    let hash = tokens::hash_token(token);
    let Some(session) = login_sessions::Entity::find()
        .filter(login_sessions::Column::TokenHash.eq(hash.as_str()))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let idle_cutoff = now - lifetimes.idle;
    if session.expires_at <= now || session.last_seen_at <= idle_cutoff {
        login_sessions::Entity::delete_by_id(session.id)
            .exec(conn)
            .await?;
        return Ok(None);
    }
    // Write the last-seen time at most once a minute: reads stay reads on busy pages.
    if now - session.last_seen_at > Duration::minutes(1) {
        login_sessions::Entity::update_many()
            .col_expr(
                login_sessions::Column::LastSeenAt,
                sea_orm::sea_query::Expr::value(now),
            )
            .filter(login_sessions::Column::Id.eq(session.id))
            .exec(conn)
            .await?;
    }
    let user = crate::entities::users::Entity::find_by_id(session.user_id)
        .one(conn)
        .await?;
    user.map(to_user).transpose()
}

/// Ends the session behind a token (logout).
pub async fn end(conn: &impl ConnectionTrait, token: &str) -> StoreResult<()> {
    login_sessions::Entity::delete_many()
        .filter(login_sessions::Column::TokenHash.eq(tokens::hash_token(token)))
        .exec(conn)
        .await?;
    Ok(())
}

/// Ends every session of a user ("log out everywhere", password change).
pub async fn end_all_for_user(conn: &impl ConnectionTrait, user: UserId) -> StoreResult<()> {
    login_sessions::Entity::delete_many()
        .filter(login_sessions::Column::UserId.eq(user.0))
        .exec(conn)
        .await?;
    Ok(())
}
