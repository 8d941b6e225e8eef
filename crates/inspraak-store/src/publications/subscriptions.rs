//! Following a process by e-mail: one row per (process, address), confirmed by a mailed link
//! (double opt-in). Unsubscribing deletes the row, and with it the address.

use crate::entities::subscriptions;
use crate::{StoreError, StoreResult};
use chrono::{DateTime, Utc};
use inspraak_domain::{Email, ProcessId, SubscriptionId};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

/// Confirmation mails per unconfirmed subscription: enough for a lost mail, too few to bomb.
pub const MAX_CONFIRM_MAILS: i32 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    Immediate,
    Weekly,
}

impl Frequency {
    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Immediate => "immediate",
            Frequency::Weekly => "weekly",
        }
    }

    pub fn parse(raw: &str) -> Option<Frequency> {
        match raw {
            "immediate" => Some(Frequency::Immediate),
            "weekly" => Some(Frequency::Weekly),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub id: SubscriptionId,
    pub process_id: ProcessId,
    pub email: String,
    pub frequency: Frequency,
    pub created_at: DateTime<Utc>,
    pub confirmed_at: Option<DateTime<Utc>>,
    /// Until when a weekly digest covered publications (`None`: no digest sent yet).
    pub digest_until: Option<DateTime<Utc>>,
    /// Language code the follower subscribed in (`nl` or `en`); mail goes out in it.
    pub language: String,
}

fn to_subscription(m: subscriptions::Model) -> Subscription {
    Subscription {
        id: SubscriptionId(m.id),
        process_id: ProcessId(m.process_id),
        email: m.email,
        frequency: Frequency::parse(&m.frequency).unwrap_or(Frequency::Immediate),
        created_at: m.created_at,
        confirmed_at: m.confirmed_at,
        digest_until: m.digest_until,
        language: m.language,
    }
}

/// What a subscribe request led to. The page says the same in every case, so nobody learns
/// whether an address already follows a process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubscribeOutcome {
    /// Send (again) a confirmation mail for this unconfirmed subscription.
    Confirm(Subscription),
    /// Already confirmed, or too many confirmation mails: nothing to send.
    Nothing,
}

/// Records a wish to follow a process (unconfirmed until the mailed link is used), in Dutch.
pub async fn subscribe(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    email: &Email,
    frequency: Frequency,
    now: DateTime<Utc>,
) -> StoreResult<SubscribeOutcome> {
    subscribe_in(conn, process, email, frequency, "nl", now).await
}

/// Records a wish to follow a process; `language` (`nl` or `en`) is the language of the mail
/// the follower gets. Asking again while unconfirmed updates the frequency and the language.
pub async fn subscribe_in(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    email: &Email,
    frequency: Frequency,
    language: &str,
    now: DateTime<Utc>,
) -> StoreResult<SubscribeOutcome> {
    let language = if language == "en" { "en" } else { "nl" };
    let model = subscriptions::ActiveModel {
        process_id: Set(process.0),
        email: Set(email.as_str().to_owned()),
        frequency: Set(frequency.as_str().to_owned()),
        created_at: Set(now),
        confirmed_at: Set(None),
        confirm_mails: Set(0),
        digest_until: Set(None),
        language: Set(language.to_owned()),
        ..Default::default()
    };
    subscriptions::Entity::insert(model)
        .on_conflict(
            OnConflict::columns([
                subscriptions::Column::ProcessId,
                subscriptions::Column::Email,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    // Count a confirmation mail only while unconfirmed and under the bound: one conditional
    // update, so two requests at once cannot both pass the bound.
    let counted = subscriptions::Entity::update_many()
        .col_expr(
            subscriptions::Column::ConfirmMails,
            Expr::col(subscriptions::Column::ConfirmMails).add(1),
        )
        .col_expr(
            subscriptions::Column::Frequency,
            Expr::value(frequency.as_str()),
        )
        .col_expr(subscriptions::Column::Language, Expr::value(language))
        .filter(subscriptions::Column::ProcessId.eq(process.0))
        .filter(subscriptions::Column::Email.eq(email.as_str()))
        .filter(subscriptions::Column::ConfirmedAt.is_null())
        .filter(subscriptions::Column::ConfirmMails.lt(MAX_CONFIRM_MAILS))
        .exec(conn)
        .await?;
    if counted.rows_affected == 0 {
        return Ok(SubscribeOutcome::Nothing);
    }
    let found = subscriptions::Entity::find()
        .filter(subscriptions::Column::ProcessId.eq(process.0))
        .filter(subscriptions::Column::Email.eq(email.as_str()))
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(SubscribeOutcome::Confirm(to_subscription(found)))
}

pub async fn find_subscription(
    conn: &impl ConnectionTrait,
    id: SubscriptionId,
) -> StoreResult<Option<Subscription>> {
    Ok(subscriptions::Entity::find_by_id(id.0)
        .one(conn)
        .await?
        .map(to_subscription))
}

/// Confirms a subscription; true when this call confirmed it.
pub async fn confirm(
    conn: &impl ConnectionTrait,
    id: SubscriptionId,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let result = subscriptions::Entity::update_many()
        .col_expr(subscriptions::Column::ConfirmedAt, Expr::value(now))
        .filter(subscriptions::Column::Id.eq(id.0))
        .filter(subscriptions::Column::ConfirmedAt.is_null())
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Ends a subscription and forgets the address; true when there was one to end.
pub async fn unsubscribe(conn: &impl ConnectionTrait, id: SubscriptionId) -> StoreResult<bool> {
    let result = subscriptions::Entity::delete_by_id(id.0).exec(conn).await?;
    Ok(result.rows_affected == 1)
}

/// Confirmed subscribers of a process who want each publication at once.
pub async fn confirmed_immediate(
    conn: &impl ConnectionTrait,
    process: ProcessId,
) -> StoreResult<Vec<Subscription>> {
    Ok(subscriptions::Entity::find()
        .filter(subscriptions::Column::ProcessId.eq(process.0))
        .filter(subscriptions::Column::ConfirmedAt.is_not_null())
        .filter(subscriptions::Column::Frequency.eq(Frequency::Immediate.as_str()))
        .all(conn)
        .await?
        .into_iter()
        .map(to_subscription)
        .collect())
}

/// Number of confirmed subscribers of a process (for the organiser).
pub async fn count_confirmed(conn: &impl ConnectionTrait, process: ProcessId) -> StoreResult<u64> {
    Ok(subscriptions::Entity::find()
        .filter(subscriptions::Column::ProcessId.eq(process.0))
        .filter(subscriptions::Column::ConfirmedAt.is_not_null())
        .count(conn)
        .await?)
}

/// Confirmed weekly followers (of every process) whose last digest window — or, before the first
/// digest, their confirmation — ended at or before `due_before`.
pub async fn weekly_due(
    conn: &impl ConnectionTrait,
    due_before: DateTime<Utc>,
) -> StoreResult<Vec<Subscription>> {
    use sea_orm::Condition;
    Ok(subscriptions::Entity::find()
        .filter(subscriptions::Column::ConfirmedAt.is_not_null())
        .filter(subscriptions::Column::Frequency.eq(Frequency::Weekly.as_str()))
        .filter(
            Condition::any()
                .add(subscriptions::Column::DigestUntil.lte(due_before))
                .add(
                    Condition::all()
                        .add(subscriptions::Column::DigestUntil.is_null())
                        .add(subscriptions::Column::ConfirmedAt.lte(due_before)),
                ),
        )
        .all(conn)
        .await?
        .into_iter()
        .map(to_subscription)
        .collect())
}

/// Moves a weekly follower's digest window on to `until`, only if it still ends where the caller
/// saw it (`seen`): true when this call moved it, so of two job runs at once only one goes on.
pub async fn advance_digest(
    conn: &impl ConnectionTrait,
    id: SubscriptionId,
    seen: Option<DateTime<Utc>>,
    until: DateTime<Utc>,
) -> StoreResult<bool> {
    let mut update = subscriptions::Entity::update_many()
        .col_expr(subscriptions::Column::DigestUntil, Expr::value(until))
        .filter(subscriptions::Column::Id.eq(id.0));
    update = match seen {
        Some(seen) => update.filter(subscriptions::Column::DigestUntil.eq(seen)),
        None => update.filter(subscriptions::Column::DigestUntil.is_null()),
    };
    Ok(update.exec(conn).await?.rows_affected == 1)
}
