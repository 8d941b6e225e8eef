//! Messages sent with the contact form ("Laat het ons weten"): the organisers' queue.
//!
//! The whole row is personal data (name, address, and a message about the person), so it is
//! deleted, not blanked: by "erase my data" (`privacy::erase_address`) and at `erase_after`
//! ([`erase_expired`], run by the housekeeping job), which marking it handled brings forward.

use crate::entities::contact_messages;
use crate::{StoreError, StoreResult};
use chrono::{DateTime, Utc};
use inspraak_domain::contact::NewContactMessage;
use inspraak_domain::retention::handled;
use inspraak_domain::{ContactMessageId, Language, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactMessage {
    pub id: ContactMessageId,
    pub name: Option<String>,
    pub email: String,
    pub message: String,
    pub language: Language,
    pub created_at: DateTime<Utc>,
    pub handled_at: Option<DateTime<Utc>>,
    pub erase_after: DateTime<Utc>,
}

fn to_message(model: contact_messages::Model) -> ContactMessage {
    ContactMessage {
        id: ContactMessageId(model.id),
        name: model.name,
        email: model.email,
        message: model.message,
        language: Language::from_code(&model.language),
        created_at: model.created_at,
        handled_at: model.handled_at,
        erase_after: model.erase_after,
    }
}

/// Stores a message, open, in the language of the page it was sent from.
pub async fn insert(
    conn: &impl ConnectionTrait,
    new: &NewContactMessage,
    language: Language,
    now: DateTime<Utc>,
) -> StoreResult<ContactMessageId> {
    let model = contact_messages::ActiveModel {
        name: Set(new.name.clone()),
        email: Set(new.email.as_str().to_owned()),
        message: Set(new.message.as_str().to_owned()),
        language: Set(language.code().to_owned()),
        created_at: Set(now),
        handled_at: Set(None),
        handled_by: Set(None),
        erase_after: Set(handled::erase_after(now, None)),
        ..Default::default()
    };
    Ok(ContactMessageId(model.insert(conn).await?.id))
}

/// Open messages (oldest first) or handled ones (latest handled first).
pub async fn list(conn: &impl ConnectionTrait, handled: bool) -> StoreResult<Vec<ContactMessage>> {
    let query = contact_messages::Entity::find();
    let query = if handled {
        query
            .filter(contact_messages::Column::HandledAt.is_not_null())
            .order_by_desc(contact_messages::Column::HandledAt)
    } else {
        query
            .filter(contact_messages::Column::HandledAt.is_null())
            .order_by_asc(contact_messages::Column::CreatedAt)
    };
    Ok(query
        .order_by_asc(contact_messages::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_message)
        .collect())
}

/// How many messages wait for an organiser (the dashboard's count).
pub async fn count_open(conn: &impl ConnectionTrait) -> StoreResult<u64> {
    Ok(contact_messages::Entity::find()
        .filter(contact_messages::Column::HandledAt.is_null())
        .count(conn)
        .await?)
}

/// Marks an open message handled and brings its erasure forward. One conditional statement, so
/// two organisers handling it at once leave one handling: `Conflict("handled")` for the second,
/// `NotFound` when it is gone (erased).
pub async fn mark_handled(
    conn: &impl ConnectionTrait,
    id: ContactMessageId,
    by: UserId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let Some(found) = contact_messages::Entity::find_by_id(id.0).one(conn).await? else {
        return Err(StoreError::NotFound);
    };
    let result = contact_messages::Entity::update_many()
        .col_expr(contact_messages::Column::HandledAt, Expr::value(now))
        .col_expr(contact_messages::Column::HandledBy, Expr::value(by.0))
        .col_expr(
            contact_messages::Column::EraseAfter,
            Expr::value(handled::erase_after(found.created_at, Some(now))),
        )
        .filter(contact_messages::Column::Id.eq(id.0))
        .filter(contact_messages::Column::HandledAt.is_null())
        .exec(conn)
        .await?;
    if result.rows_affected == 0 {
        return Err(StoreError::Conflict("handled"));
    }
    Ok(())
}

/// Retention: deletes messages past their `erase_after`. Returns how many.
pub async fn erase_expired(conn: &impl ConnectionTrait, now: DateTime<Utc>) -> StoreResult<u64> {
    let result = contact_messages::Entity::delete_many()
        .filter(contact_messages::Column::EraseAfter.lte(now))
        .exec(conn)
        .await?;
    Ok(result.rows_affected)
}
