//! Server-side login sessions. The cookie holds a random token; the table holds its hash, so
//! logging out (or an expiry) ends the session for good, whoever kept a copy of the cookie.
//!
//! A session has a stage: after the password an account with a second factor is only halfway
//! (`SecondFactor`), an organiser without one must first enrol (`Enrol`); only `Full` sessions
//! reach pages. Each step up starts a new session with a new token (the id rotates).

use crate::entities::login_sessions;
use crate::users::{User, to_user};
use crate::{StoreResult, tokens};
use chrono::{DateTime, Duration, Utc};
use inspraak_domain::UserId;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

/// How long a session lives: it ends after `idle` without a request, and after `absolute` in any
/// case.
#[derive(Debug, Clone, Copy)]
pub struct Lifetimes {
    pub idle: Duration,
    pub absolute: Duration,
}

/// How far a login has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Password and (where needed) second factor done.
    Full,
    /// Password done; the second factor is asked next.
    SecondFactor,
    /// Password done; this account must set up a second factor before anything else.
    Enrol,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Full => "full",
            Stage::SecondFactor => "second_factor",
            Stage::Enrol => "enrol",
        }
    }

    fn parse(value: &str) -> Stage {
        match value {
            "full" => Stage::Full,
            "enrol" => Stage::Enrol,
            // Anything unknown is treated as the most restricted stage.
            _ => Stage::SecondFactor,
        }
    }
}

/// Where a session was started from, shown in the list of one's sessions.
#[derive(Debug, Clone, Default)]
pub struct SessionOrigin {
    pub user_agent: Option<String>,
    pub address_range: Option<String>,
}

/// A session as shown in "your active sessions".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionInfo {
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub user_agent: Option<String>,
    pub address_range: Option<String>,
    pub is_current: bool,
}

/// Starts a session for a user and returns the token for the cookie.
pub async fn start(
    conn: &impl ConnectionTrait,
    user: UserId,
    stage: Stage,
    origin: &SessionOrigin,
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
        stage: Set(stage.as_str().to_owned()),
        user_agent: Set(origin
            .user_agent
            .as_ref()
            .map(|ua| ua.chars().take(200).collect())),
        address_range: Set(origin.address_range.clone()),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(token)
}

/// The user and stage behind a session token, if the session is still alive; marks it seen.
pub async fn user_for_token(
    conn: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
    lifetimes: Lifetimes,
) -> StoreResult<Option<(User, Stage)>> {
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
            .col_expr(login_sessions::Column::LastSeenAt, Expr::value(now))
            .filter(login_sessions::Column::Id.eq(session.id))
            .exec(conn)
            .await?;
    }
    let user = crate::entities::users::Entity::find_by_id(session.user_id)
        // A removed account's sessions are ended with it; this keeps a straggler out too.
        .filter(crate::entities::users::Column::RemovedAt.is_null())
        .one(conn)
        .await?;
    let stage = Stage::parse(&session.stage);
    Ok(user.map(to_user).transpose()?.map(|u| (u, stage)))
}

/// Ends the session behind a token (logout, or the step to the next stage).
pub async fn end(conn: &impl ConnectionTrait, token: &str) -> StoreResult<()> {
    login_sessions::Entity::delete_many()
        .filter(login_sessions::Column::TokenHash.eq(tokens::hash_token(token)))
        .exec(conn)
        .await?;
    Ok(())
}

/// Ends every session of a user (after a password reset or a second-factor reset).
pub async fn end_all_for_user(conn: &impl ConnectionTrait, user: UserId) -> StoreResult<u64> {
    let result = login_sessions::Entity::delete_many()
        .filter(login_sessions::Column::UserId.eq(user.0))
        .exec(conn)
        .await?;
    Ok(result.rows_affected)
}

/// Ends every session of a user but the one behind `current_token` ("log out everywhere else").
pub async fn end_others(
    conn: &impl ConnectionTrait,
    user: UserId,
    current_token: &str,
) -> StoreResult<u64> {
    let result = login_sessions::Entity::delete_many()
        .filter(login_sessions::Column::UserId.eq(user.0))
        .filter(login_sessions::Column::TokenHash.ne(tokens::hash_token(current_token)))
        .exec(conn)
        .await?;
    Ok(result.rows_affected)
}

/// A user's live full sessions, most recently used first.
pub async fn list_for_user(
    conn: &impl ConnectionTrait,
    user: UserId,
    current_token: &str,
    now: DateTime<Utc>,
    lifetimes: Lifetimes,
) -> StoreResult<Vec<SessionInfo>> {
    let current = tokens::hash_token(current_token);
    Ok(login_sessions::Entity::find()
        .filter(login_sessions::Column::UserId.eq(user.0))
        .filter(login_sessions::Column::Stage.eq(Stage::Full.as_str()))
        .filter(login_sessions::Column::ExpiresAt.gt(now))
        .filter(login_sessions::Column::LastSeenAt.gt(now - lifetimes.idle))
        .order_by_desc(login_sessions::Column::LastSeenAt)
        .all(conn)
        .await?
        .into_iter()
        .map(|s| SessionInfo {
            created_at: s.created_at,
            last_seen_at: s.last_seen_at,
            user_agent: s.user_agent,
            address_range: s.address_range,
            is_current: s.token_hash == current,
        })
        .collect())
}
