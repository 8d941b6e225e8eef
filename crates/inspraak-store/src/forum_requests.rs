//! Requests to join the stakeholder forum, sent by anyone through a public form and handled by
//! an organiser (accepted: the usual forum invitation goes out; declined: a mail). Name,
//! address, organisation and motivation are personal data: "erase my data" deletes the request
//! (`privacy::erase_address`), and [`purge_handled`] empties them a while after handling.

use crate::entities::forum_join_requests as rows;
use crate::{StoreError, StoreResult};
use chrono::{DateTime, Utc};
use inspraak_domain::ideas::JoinRequest;
use inspraak_domain::{Language, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Open,
    Accepted,
    Declined,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Open => "open",
            State::Accepted => "accepted",
            State::Declined => "declined",
        }
    }
}

/// An open request as the organiser's queue shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub organisation: Option<String>,
    pub motivation: String,
    /// The language of the page it was sent from: the answer is written in it.
    pub language: Language,
    pub created_at: DateTime<Utc>,
}

fn to_request(m: rows::Model) -> Option<Request> {
    Some(Request {
        id: m.id,
        name: m.name?,
        email: m.email?,
        organisation: m.organisation,
        motivation: m.motivation?,
        language: Language::from_code(&m.language),
        created_at: m.created_at,
    })
}

/// Stores a request with the hash of its "erase my data" token; returns its id.
pub async fn submit(
    conn: &impl ConnectionTrait,
    request: &JoinRequest,
    language: Language,
    erase_token_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<i64> {
    let model = rows::ActiveModel {
        name: Set(Some(request.name.as_str().to_owned())),
        email: Set(Some(request.email.as_str().to_owned())),
        organisation: Set(request.organisation.clone()),
        motivation: Set(Some(request.motivation.as_str().to_owned())),
        language: Set(language.code().to_owned()),
        state: Set(State::Open.as_str().to_owned()),
        erase_token_hash: Set(Some(erase_token_hash.to_owned())),
        created_at: Set(now),
        ..Default::default()
    };
    Ok(model.insert(conn).await?.id)
}

/// Open requests, oldest first.
pub async fn list_open(conn: &impl ConnectionTrait) -> StoreResult<Vec<Request>> {
    Ok(rows::Entity::find()
        .filter(rows::Column::State.eq(State::Open.as_str()))
        .filter(rows::Column::Email.is_not_null())
        .order_by_asc(rows::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .filter_map(to_request)
        .collect())
}

pub async fn count_open(conn: &impl ConnectionTrait) -> StoreResult<u64> {
    Ok(rows::Entity::find()
        .filter(rows::Column::State.eq(State::Open.as_str()))
        .filter(rows::Column::Email.is_not_null())
        .count(conn)
        .await?)
}

/// Decides an open request: one conditional update, so two organisers (or two tabs) deciding
/// at once cannot both send a mail. Returns the request as it was, or `Conflict("decided")`
/// when it was decided (or erased) already.
pub async fn decide(
    conn: &impl ConnectionTrait,
    id: i64,
    accept: bool,
    by: UserId,
    now: DateTime<Utc>,
) -> StoreResult<Request> {
    let state = if accept {
        State::Accepted
    } else {
        State::Declined
    };
    let Some(request) = rows::Entity::find_by_id(id)
        .filter(rows::Column::State.eq(State::Open.as_str()))
        .one(conn)
        .await?
        .and_then(to_request)
    else {
        return Err(StoreError::Conflict("decided"));
    };
    let result = rows::Entity::update_many()
        .col_expr(rows::Column::State, Expr::value(state.as_str()))
        .col_expr(rows::Column::HandledAt, Expr::value(now))
        .col_expr(rows::Column::HandledBy, Expr::value(by.0))
        .filter(rows::Column::Id.eq(id))
        .filter(rows::Column::State.eq(State::Open.as_str()))
        .exec(conn)
        .await?;
    if result.rows_affected == 0 {
        return Err(StoreError::Conflict("decided"));
    }
    Ok(request)
}

/// Retention: empties the personal data of requests handled before `before` (the row stays as
/// a number with its outcome). Returns how many.
pub async fn purge_handled(conn: &impl ConnectionTrait, before: DateTime<Utc>) -> StoreResult<u64> {
    let result = rows::Entity::update_many()
        .col_expr(rows::Column::Name, Expr::value(Option::<String>::None))
        .col_expr(rows::Column::Email, Expr::value(Option::<String>::None))
        .col_expr(
            rows::Column::Organisation,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            rows::Column::Motivation,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            rows::Column::EraseTokenHash,
            Expr::value(Option::<String>::None),
        )
        .filter(rows::Column::State.ne(State::Open.as_str()))
        .filter(rows::Column::HandledAt.lt(before))
        .filter(rows::Column::Email.is_not_null())
        .exec(conn)
        .await?;
    Ok(result.rows_affected)
}

/// How long a handled request keeps its personal data (for questions about the decision).
pub const KEEP_DAYS_AFTER_HANDLING: i64 = 30;

/// Gives a request a new "erase my data" token, for the mail about to carry it.
pub async fn renew_erase_token(
    conn: &impl ConnectionTrait,
    id: i64,
    token_hash: &str,
) -> StoreResult<()> {
    let result = rows::Entity::update_many()
        .col_expr(rows::Column::EraseTokenHash, Expr::value(token_hash))
        .filter(rows::Column::Id.eq(id))
        .exec(conn)
        .await?;
    crate::error::found(result.rows_affected)
}
