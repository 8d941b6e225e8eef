//! The organiser's view of the sign-ups: the list (and attendee export), attendance, and a
//! message to everyone taking part.

use super::admin::find_model;
use super::mail::{SessionMail, SessionMailer, queue};
use super::records::{Registrant, to_registrant, to_session};
use super::tokens::state_of;
use crate::StoreResult;
use crate::entities::{registrants, registrations};
use chrono::{DateTime, Utc};
use inspraak_domain::session::{CancelReason, RegistrationState};
use inspraak_domain::{RegistrationId, SessionId};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// One sign-up in the organiser's list. `registrant` is `None` once the personal data has been
/// erased (cancelled, expired, or past the retention date).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrationRow {
    pub id: RegistrationId,
    pub state: RegistrationState,
    pub cancel_reason: Option<CancelReason>,
    pub created_at: DateTime<Utc>,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub attended: Option<bool>,
    pub registrant: Option<Registrant>,
}

fn state_order(state: RegistrationState) -> u8 {
    match state {
        RegistrationState::Confirmed => 0,
        RegistrationState::Waitlisted => 1,
        RegistrationState::Pending => 2,
        RegistrationState::Cancelled => 3,
    }
}

/// Every sign-up of a session: confirmed, then the waiting list in its order, then pending,
/// then cancelled. Bounded by the session's size, so it is read at once.
pub async fn registrations(
    conn: &impl ConnectionTrait,
    session: SessionId,
) -> StoreResult<Vec<RegistrationRow>> {
    let rows = registrations::Entity::find()
        .filter(registrations::Column::SessionId.eq(session.0))
        .order_by_asc(registrations::Column::WaitlistedAt)
        .order_by_asc(registrations::Column::Id)
        .all(conn)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut people: HashMap<i64, Registrant> = HashMap::new();
    for chunk in ids.chunks(500) {
        for person in registrants::Entity::find()
            .filter(registrants::Column::RegistrationId.is_in(chunk.iter().copied()))
            .all(conn)
            .await?
        {
            people.insert(person.registration_id, to_registrant(person));
        }
    }
    let mut list = Vec::with_capacity(rows.len());
    for row in rows {
        list.push(RegistrationRow {
            id: RegistrationId(row.id),
            state: state_of(&row)?,
            cancel_reason: row.cancel_reason.as_deref().and_then(CancelReason::parse),
            created_at: row.created_at,
            confirmed_at: row.confirmed_at,
            attended: row.attended,
            registrant: people.remove(&row.id),
        });
    }
    // Stable: within a state the database order (waiting-list order, then sign-up order) stays.
    list.sort_by_key(|r| state_order(r.state));
    Ok(list)
}

/// How many sign-ups a session has in each state.
pub async fn registration_counts(
    conn: &impl ConnectionTrait,
    session: SessionId,
) -> StoreResult<HashMap<RegistrationState, u64>> {
    use sea_orm::PaginatorTrait;
    let mut counts = HashMap::new();
    for state in RegistrationState::ALL {
        let n = registrations::Entity::find()
            .filter(registrations::Column::SessionId.eq(session.0))
            .filter(registrations::Column::State.eq(state.as_str()))
            .count(conn)
            .await?;
        counts.insert(state, n);
    }
    Ok(counts)
}

/// Records who came: confirmed sign-ups in `present` attended, the other confirmed ones did
/// not. Ids of other sessions are ignored.
pub async fn record_attendance(
    conn: &impl ConnectionTrait,
    session: SessionId,
    present: &[RegistrationId],
) -> StoreResult<()> {
    let ids: Vec<i64> = present.iter().map(|id| id.0).collect();
    let confirmed = || {
        registrations::Entity::update_many()
            .filter(registrations::Column::SessionId.eq(session.0))
            .filter(registrations::Column::State.eq(RegistrationState::Confirmed.as_str()))
    };
    confirmed()
        .col_expr(registrations::Column::Attended, Expr::value(false))
        .filter(registrations::Column::Id.is_not_in(ids.iter().copied()))
        .exec(conn)
        .await?;
    if !ids.is_empty() {
        confirmed()
            .col_expr(registrations::Column::Attended, Expr::value(true))
            .filter(registrations::Column::Id.is_in(ids))
            .exec(conn)
            .await?;
    }
    Ok(())
}

/// Mails every confirmed participant. `form_key` is the random key of the organiser's form, so
/// submitting the same form twice sends each person one mail. Returns how many were queued.
pub async fn mail_participants(
    conn: &impl ConnectionTrait,
    mailer: &impl SessionMailer,
    session_id: SessionId,
    subject: &str,
    body: &str,
    form_key: &str,
    now: DateTime<Utc>,
) -> StoreResult<usize> {
    let session = to_session(find_model(conn, session_id).await?)?;
    let mut queued = 0;
    for row in registrations(conn, session_id).await? {
        let (RegistrationState::Confirmed, Some(person)) = (row.state, &row.registrant) else {
            continue;
        };
        let key = format!("session-message:{}:{form_key}:{}", session_id, row.id);
        let mail = SessionMail::Message { subject, body };
        if queue(conn, mailer, &session, row.id, person, mail, Some(key), now).await? {
            queued += 1;
        }
    }
    Ok(queued)
}
