//! The mail outbox. A mail is a row written in the same transaction as what causes it, so a
//! rolled-back action sends nothing and a committed one is never forgotten. Workers claim rows
//! with a lease; on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so several instances share the work
//! without sending a message twice.
//!
//! Once sent, a row keeps no address, text or attachment ([`mark_sent`]); its dedupe key and
//! sent time stay, so "send this once" still holds and sent mails can be counted.

use crate::entities::outbox;
use crate::{StoreError, StoreResult};
use chrono::{DateTime, Duration, Utc};
use inspraak_domain::{Email, OutboxMessageId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, Set, Statement,
    TryInsertResult,
};

/// A file sent along with a mail (e.g. an `.ics` invitation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub file_name: String,
    pub content_type: String,
    pub body: String,
}

/// A mail to send. `dedupe_key`, when set, makes a second mail with the same key a no-op: the
/// way to say "send this reminder once" that holds across restarts and instances.
#[derive(Debug, Clone)]
pub struct NewMail {
    pub recipient: Email,
    pub subject: String,
    pub body_text: String,
    pub attachment: Option<Attachment>,
    pub dedupe_key: Option<String>,
}

/// A claimed message, ready to be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMessage {
    pub id: OutboxMessageId,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub attachment: Option<Attachment>,
    pub attempts: i32,
    /// When it was queued: with the id, what makes the mail's `Message-ID` (stable over retries).
    pub created_at: DateTime<Utc>,
    /// A one-click unsubscribe address (RFC 8058) for the `List-Unsubscribe` headers.
    pub list_unsubscribe: Option<String>,
}

/// Queues a mail. Returns `None` when a mail with the same dedupe key was queued before.
pub async fn enqueue(
    conn: &impl ConnectionTrait,
    mail: &NewMail,
    now: DateTime<Utc>,
) -> StoreResult<Option<OutboxMessageId>> {
    let (name, content_type, body) = match &mail.attachment {
        Some(a) => (
            Some(a.file_name.clone()),
            Some(a.content_type.clone()),
            Some(a.body.clone()),
        ),
        None => (None, None, None),
    };
    let model = outbox::ActiveModel {
        dedupe_key: Set(mail.dedupe_key.clone()),
        recipient: Set(mail.recipient.as_str().to_owned()),
        subject: Set(mail.subject.clone()),
        body_text: Set(mail.body_text.clone()),
        attachment_name: Set(name),
        attachment_content_type: Set(content_type),
        attachment_body: Set(body),
        created_at: Set(now),
        next_attempt_at: Set(now),
        attempts: Set(0),
        claimed_until: Set(None),
        sent_at: Set(None),
        failed_at: Set(None),
        last_error: Set(None),
        ..Default::default()
    };
    // ON CONFLICT DO NOTHING rather than catching the error: on PostgreSQL a failed statement
    // would abort the caller's whole transaction.
    // The id comes back with the insert (RETURNING): one statement, and no reading back "the
    // newest row", which under concurrent writers could be someone else's.
    let result = outbox::Entity::insert(model)
        .on_conflict_do_nothing_on([outbox::Column::DedupeKey])
        .exec(conn)
        .await?;
    Ok(match result {
        TryInsertResult::Inserted(inserted) => Some(OutboxMessageId(inserted.last_insert_id)),
        TryInsertResult::Empty | TryInsertResult::Conflicted => None,
    })
}

/// Claims the next due message for `lease`. A claimed message that is neither marked sent nor
/// failed when the lease runs out (the sender crashed) becomes due again.
pub async fn claim_next(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    lease: Duration,
) -> StoreResult<Option<OutboxMessage>> {
    let backend = conn.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "UPDATE outbox SET claimed_until = $1, attempts = attempts + 1 WHERE id = (\
             SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $2 \
             AND (claimed_until IS NULL OR claimed_until < $3) ORDER BY next_attempt_at, id LIMIT 1 \
             FOR UPDATE SKIP LOCKED) RETURNING id"
        }
        _ => {
            "UPDATE outbox SET claimed_until = ?, attempts = attempts + 1 WHERE id = (\
             SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ? \
             AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY next_attempt_at, id LIMIT 1) \
             RETURNING id"
        }
    };
    let statement = Statement::from_sql_and_values(
        backend,
        sql,
        [(now + lease).into(), now.into(), now.into()],
    );
    let Some(row) = conn.query_one_raw(statement).await? else {
        return Ok(None);
    };
    let id: i64 = row.try_get("", "id")?;
    let Some(model) = outbox::Entity::find_by_id(id).one(conn).await? else {
        return Err(StoreError::NotFound);
    };
    let attachment = match (
        model.attachment_name,
        model.attachment_content_type,
        model.attachment_body,
    ) {
        (Some(file_name), Some(content_type), Some(body)) => Some(Attachment {
            file_name,
            content_type,
            body,
        }),
        _ => None,
    };
    Ok(Some(OutboxMessage {
        id: OutboxMessageId(model.id),
        recipient: model.recipient,
        subject: model.subject,
        body_text: model.body_text,
        attachment,
        attempts: model.attempts,
        created_at: model.created_at,
        list_unsubscribe: model.list_unsubscribe,
    }))
}

/// Gives a queued mail a one-click unsubscribe address (mails to subscribers of a list).
pub async fn set_list_unsubscribe(
    conn: &impl ConnectionTrait,
    id: OutboxMessageId,
    url: &str,
) -> StoreResult<()> {
    outbox::Entity::update_many()
        .col_expr(outbox::Column::ListUnsubscribe, Expr::value(url))
        .filter(outbox::Column::Id.eq(id.0))
        .exec(conn)
        .await?;
    Ok(())
}

pub async fn mark_sent(
    conn: &impl ConnectionTrait,
    id: OutboxMessageId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    // A sent mail's row keeps only what counting and dedupe need (the dedupe key, the sent
    // time, the subject): the address, the text (it names the person) and the attachment (a
    // calendar file names the attendee) go, so the outbox is no archive of who got what.
    outbox::Entity::update_many()
        .col_expr(outbox::Column::SentAt, Expr::value(now))
        .col_expr(
            outbox::Column::ClaimedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            outbox::Column::LastError,
            Expr::value(Option::<String>::None),
        )
        .col_expr(outbox::Column::Recipient, Expr::value(""))
        .col_expr(outbox::Column::BodyText, Expr::value(""))
        .col_expr(
            outbox::Column::AttachmentBody,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            outbox::Column::ListUnsubscribe,
            Expr::value(Option::<String>::None),
        )
        .filter(outbox::Column::Id.eq(id.0))
        .exec(conn)
        .await?;
    Ok(())
}

/// Records a failed attempt: retried at `retry_at`, or given up when `retry_at` is `None`.
pub async fn mark_failed(
    conn: &impl ConnectionTrait,
    id: OutboxMessageId,
    error: &str,
    now: DateTime<Utc>,
    retry_at: Option<DateTime<Utc>>,
) -> StoreResult<()> {
    let mut update = outbox::Entity::update_many()
        .col_expr(
            outbox::Column::ClaimedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            outbox::Column::LastError,
            Expr::value(error.chars().take(500).collect::<String>()),
        );
    update = match retry_at {
        Some(at) => update.col_expr(outbox::Column::NextAttemptAt, Expr::value(at)),
        None => update.col_expr(outbox::Column::FailedAt, Expr::value(now)),
    };
    update
        .filter(outbox::Column::Id.eq(id.0))
        .exec(conn)
        .await?;
    Ok(())
}

/// Counts of the outbox's states, for the organiser dashboard and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OutboxCounts {
    pub waiting: u64,
    pub sent: u64,
    pub failed: u64,
}

pub async fn counts(conn: &impl ConnectionTrait) -> StoreResult<OutboxCounts> {
    use sea_orm::PaginatorTrait;
    let sent = outbox::Entity::find()
        .filter(outbox::Column::SentAt.is_not_null())
        .count(conn)
        .await?;
    let failed = outbox::Entity::find()
        .filter(outbox::Column::FailedAt.is_not_null())
        .count(conn)
        .await?;
    let waiting = outbox::Entity::find()
        .filter(outbox::Column::SentAt.is_null())
        .filter(outbox::Column::FailedAt.is_null())
        .count(conn)
        .await?;
    Ok(OutboxCounts {
        waiting,
        sent,
        failed,
    })
}
