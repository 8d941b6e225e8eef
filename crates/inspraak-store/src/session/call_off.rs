//! The organiser calls a whole session off. In one transaction, under the session's lock: the
//! session is marked (once: a conditional UPDATE), every active sign-up ends and its personal
//! data goes, everyone confirmed gets a calendar cancellation and the waiting list a note.
//! Pending sign-ups end without a mail: their address was never confirmed.

use super::admin::find_model;
use super::mail::{SessionMail, SessionMailer, queue};
use super::records::to_session;
use super::seats::{end_registration, lock_session, registrant};
use super::tokens::state_of;
use crate::StoreResult;
use crate::entities::{registrations, sessions};
use chrono::{DateTime, Utc};
use inspraak_domain::session::{CancelReason, RegistrationState};
use inspraak_domain::{RegistrationId, SessionId};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// What calling a session off did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallOffOutcome {
    /// Called off now; `told` people were mailed.
    CalledOff { told: usize },
    /// It was called off before (a resent form): nothing changed.
    AlreadyCalledOff,
    /// It is over: there is nothing to call off.
    Over,
}

pub async fn call_off(
    conn: &impl ConnectionTrait,
    mailer: &impl SessionMailer,
    id: SessionId,
    now: DateTime<Utc>,
) -> StoreResult<CallOffOutcome> {
    let current = lock_session(conn, id).await?;
    if current.is_cancelled() {
        return Ok(CallOffOutcome::AlreadyCalledOff);
    }
    if current.schedule.is_over(now) {
        return Ok(CallOffOutcome::Over);
    }
    let marked = sessions::Entity::update_many()
        .col_expr(sessions::Column::CancelledAt, Expr::value(now))
        .col_expr(sessions::Column::SeatsTaken, Expr::value(0))
        .col_expr(
            sessions::Column::Revision,
            Expr::col(sessions::Column::Revision).add(1),
        )
        .col_expr(sessions::Column::UpdatedAt, Expr::value(now))
        .filter(sessions::Column::Id.eq(id.0))
        .filter(sessions::Column::CancelledAt.is_null())
        .exec(conn)
        .await?;
    if marked.rows_affected == 0 {
        return Ok(CallOffOutcome::AlreadyCalledOff);
    }
    let session = to_session(find_model(conn, id).await?)?;
    let active = registrations::Entity::find()
        .filter(registrations::Column::SessionId.eq(id.0))
        .filter(registrations::Column::State.is_in([
            RegistrationState::Pending.as_str(),
            RegistrationState::Confirmed.as_str(),
            RegistrationState::Waitlisted.as_str(),
        ]))
        .order_by_asc(registrations::Column::Id)
        .all(conn)
        .await?;
    let mut told = 0;
    for row in active {
        let registration = RegistrationId(row.id);
        let state = state_of(&row)?;
        // The mail is written before the personal data goes.
        let person = registrant(conn, registration).await?;
        let reason = CancelReason::SessionCancelled;
        if !end_registration(conn, registration, state, reason, now).await? {
            continue;
        }
        let mail = match state {
            RegistrationState::Confirmed => SessionMail::CalledOff,
            RegistrationState::Waitlisted => SessionMail::CalledOffWaitlisted,
            _ => continue,
        };
        let Some(person) = person else {
            continue;
        };
        if queue(
            conn,
            mailer,
            &session,
            registration,
            &person,
            mail,
            None,
            now,
        )
        .await?
        {
            told += 1;
        }
    }
    Ok(CallOffOutcome::CalledOff { told })
}
