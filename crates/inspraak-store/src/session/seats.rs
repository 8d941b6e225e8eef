//! Confirming (taking a seat or joining the waiting list), cancelling (giving the seat to the
//! first on the waiting list) — each in the caller's one transaction.

use super::mail::{SessionMail, queue, queue_with_token};
use super::records::{Registrant, Session, to_registrant, to_session};
use super::tokens::{TokenPurpose, mint, registration_for, state_of};
use crate::entities::{registrants, registrations, sessions};
use crate::{StoreError, StoreResult};
use chrono::{DateTime, Utc};
use inspraak_domain::session::{CancelReason, RegistrationState};
use inspraak_domain::{RegistrationId, SessionId};
use sea_orm::sea_query::{Expr, ExprTrait, LockType};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::mail::SessionMailer;

/// What following a confirmation link did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmOutcome {
    /// Confirmed now, with a seat.
    Confirmed(SessionId),
    /// Confirmed now, but full: on the waiting list.
    Waitlisted(SessionId),
    /// The link was used before (a replay): nothing changed.
    AlreadyConfirmed(SessionId),
    AlreadyWaitlisted(SessionId),
    /// The sign-up was cancelled before.
    Cancelled(SessionId),
    /// The link came too late; the sign-up is cancelled and its data erased.
    Expired(SessionId),
    /// The session has already started: no more confirmations.
    SessionStarted(SessionId),
    /// No such link.
    InvalidToken,
}

/// What following a cancel link did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CancelOutcome {
    /// Cancelled now; `promoted` got the seat that came free.
    Cancelled {
        session: SessionId,
        promoted: Vec<RegistrationId>,
    },
    AlreadyCancelled(SessionId),
    /// The session is over; there is nothing to cancel.
    SessionOver(SessionId),
    InvalidToken,
}

/// Locks the session's row until the transaction ends and reads it (PostgreSQL: `SELECT … FOR
/// NO KEY UPDATE`, which waits for and then sees every committed change, yet lets sign-ups
/// insert rows that refer to the session; SQLite has one writer).
pub(crate) async fn lock_session(
    conn: &impl ConnectionTrait,
    id: SessionId,
) -> StoreResult<Session> {
    let model = sessions::Entity::find_by_id(id.0)
        .lock(LockType::NoKeyUpdate)
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    to_session(model)
}

/// Takes a seat if one is free: the one conditional statement the capacity rests on.
pub(crate) async fn take_seat(conn: &impl ConnectionTrait, id: SessionId) -> StoreResult<bool> {
    let result = sessions::Entity::update_many()
        .col_expr(
            sessions::Column::SeatsTaken,
            Expr::col(sessions::Column::SeatsTaken).add(1),
        )
        .filter(sessions::Column::Id.eq(id.0))
        .filter(
            Condition::any()
                .add(sessions::Column::Capacity.is_null())
                .add(
                    Expr::col(sessions::Column::SeatsTaken)
                        .lt(Expr::col(sessions::Column::Capacity)),
                ),
        )
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

pub(crate) async fn give_back_seat(conn: &impl ConnectionTrait, id: SessionId) -> StoreResult<()> {
    sessions::Entity::update_many()
        .col_expr(
            sessions::Column::SeatsTaken,
            Expr::col(sessions::Column::SeatsTaken).sub(1),
        )
        .filter(sessions::Column::Id.eq(id.0))
        .filter(sessions::Column::SeatsTaken.gt(0))
        .exec(conn)
        .await?;
    Ok(())
}

/// Moves a sign-up from `from` to `to` if it is still in `from`; false when someone else
/// changed it first.
async fn transition(
    conn: &impl ConnectionTrait,
    id: RegistrationId,
    from: RegistrationState,
    to: RegistrationState,
    extra: Vec<(registrations::Column, Expr)>,
) -> StoreResult<bool> {
    let mut update = registrations::Entity::update_many()
        .col_expr(registrations::Column::State, Expr::value(to.as_str()));
    for (column, value) in extra {
        update = update.col_expr(column, value);
    }
    let result = update
        .filter(registrations::Column::Id.eq(id.0))
        .filter(registrations::Column::State.eq(from.as_str()))
        .exec(conn)
        .await?;
    Ok(result.rows_affected == 1)
}

pub(crate) async fn registrant(
    conn: &impl ConnectionTrait,
    id: RegistrationId,
) -> StoreResult<Option<Registrant>> {
    Ok(registrants::Entity::find_by_id(id.0)
        .one(conn)
        .await?
        .map(to_registrant))
}

/// Ends a sign-up: cancelled, its e-mail key cleared (the address may sign up again), its
/// personal data erased. The caller has checked it was in `from`.
pub(crate) async fn end_registration(
    conn: &impl ConnectionTrait,
    id: RegistrationId,
    from: RegistrationState,
    reason: CancelReason,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let ended = transition(
        conn,
        id,
        from,
        RegistrationState::Cancelled,
        vec![
            (registrations::Column::CancelledAt, Expr::value(now)),
            (
                registrations::Column::CancelReason,
                Expr::value(reason.as_str()),
            ),
            (
                registrations::Column::ActiveKey,
                Expr::value(Option::<String>::None),
            ),
            (
                registrations::Column::ExpiresAt,
                Expr::value(Option::<DateTime<Utc>>::None),
            ),
        ],
    )
    .await?;
    if ended {
        registrants::Entity::delete_by_id(id.0).exec(conn).await?;
    }
    Ok(ended)
}

/// What a sign-up that cannot be confirmed (any more) tells the person.
async fn unconfirmable(
    conn: &impl ConnectionTrait,
    id: RegistrationId,
    session: &Session,
    now: DateTime<Utc>,
) -> StoreResult<ConfirmOutcome> {
    let session_id = session.id;
    let Some(model) = registrations::Entity::find_by_id(id.0).one(conn).await? else {
        return Ok(ConfirmOutcome::InvalidToken);
    };
    let started = session.schedule.has_started(now);
    Ok(match state_of(&model)? {
        RegistrationState::Confirmed => ConfirmOutcome::AlreadyConfirmed(session_id),
        RegistrationState::Waitlisted => ConfirmOutcome::AlreadyWaitlisted(session_id),
        RegistrationState::Cancelled => {
            let expired = model.cancel_reason.as_deref() == Some(CancelReason::Expired.as_str());
            if !expired {
                ConfirmOutcome::Cancelled(session_id)
            } else if started {
                ConfirmOutcome::SessionStarted(session_id)
            } else {
                ConfirmOutcome::Expired(session_id)
            }
        }
        // Past its confirmation time (which ends at the start at the latest): it ends here.
        RegistrationState::Pending => {
            end_registration(
                conn,
                id,
                RegistrationState::Pending,
                CancelReason::Expired,
                now,
            )
            .await?;
            if started {
                ConfirmOutcome::SessionStarted(session_id)
            } else {
                ConfirmOutcome::Expired(session_id)
            }
        }
    })
}

/// Follows a confirmation link: a seat if one is free, else the waiting list.
pub async fn confirm(
    conn: &impl ConnectionTrait,
    mailer: &impl SessionMailer,
    token: &str,
    now: DateTime<Utc>,
) -> StoreResult<ConfirmOutcome> {
    let Some(found) = registration_for(conn, token, TokenPurpose::Confirm).await? else {
        return Ok(ConfirmOutcome::InvalidToken);
    };
    let id = RegistrationId(found.id);
    let session_id = SessionId(found.session_id);
    // Reads and the token for the mail come first: the session's lock is held briefly.
    let looks_pending = state_of(&found)? == RegistrationState::Pending;
    let person = registrant(conn, id).await?;
    let cancel_token = match (&person, looks_pending) {
        (Some(_), true) => Some(mint(conn, id, TokenPurpose::Cancel, now).await?),
        _ => None,
    };
    // From here on every change to this session's sign-ups waits for us, and we see theirs.
    let session = lock_session(conn, session_id).await?;
    let (Some(person), Some(cancel_token)) = (person, cancel_token) else {
        return unconfirmable(conn, id, &session, now).await;
    };
    if session.schedule.has_started(now) {
        return unconfirmable(conn, id, &session, now).await;
    }
    let confirmed = registrations::Entity::update_many()
        .col_expr(
            registrations::Column::State,
            Expr::value(RegistrationState::Confirmed.as_str()),
        )
        .col_expr(registrations::Column::ConfirmedAt, Expr::value(now))
        .col_expr(
            registrations::Column::ExpiresAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(registrations::Column::Id.eq(id.0))
        .filter(registrations::Column::State.eq(RegistrationState::Pending.as_str()))
        .filter(registrations::Column::ExpiresAt.gt(now))
        .exec(conn)
        .await?;
    if confirmed.rows_affected == 0 {
        return unconfirmable(conn, id, &session, now).await;
    }
    let seated = take_seat(conn, session_id).await?;
    if !seated {
        transition(
            conn,
            id,
            RegistrationState::Confirmed,
            RegistrationState::Waitlisted,
            vec![(registrations::Column::WaitlistedAt, Expr::value(now))],
        )
        .await?;
    }
    let (mail, outcome) = if seated {
        (
            SessionMail::Confirmed,
            ConfirmOutcome::Confirmed(session_id),
        )
    } else {
        (
            SessionMail::Waitlisted,
            ConfirmOutcome::Waitlisted(session_id),
        )
    };
    let session = Session {
        seats_taken: session.seats_taken + u32::from(seated),
        ..session
    };
    let token = Some(cancel_token);
    queue_with_token(conn, mailer, &session, id, &person, mail, None, token, now).await?;
    Ok(outcome)
}

/// Follows a cancel link: the sign-up ends, a held seat goes to the first on the waiting list.
pub async fn cancel(
    conn: &impl ConnectionTrait,
    mailer: &impl SessionMailer,
    token: &str,
    now: DateTime<Utc>,
) -> StoreResult<CancelOutcome> {
    let Some(found) = registration_for(conn, token, TokenPurpose::Cancel).await? else {
        return Ok(CancelOutcome::InvalidToken);
    };
    let id = RegistrationId(found.id);
    let session_id = SessionId(found.session_id);
    end_sign_up(conn, mailer, id, session_id, true, now).await
}

/// "Erase my data" for a sign-up of a session that is not over: as a cancellation (the seat
/// goes to the first on the waiting list, in the caller's transaction), but without the mail
/// saying so, since the address is being erased.
pub(crate) async fn cancel_for_erasure(
    conn: &impl ConnectionTrait,
    mailer: &impl SessionMailer,
    id: RegistrationId,
    session_id: SessionId,
    now: DateTime<Utc>,
) -> StoreResult<CancelOutcome> {
    end_sign_up(conn, mailer, id, session_id, false, now).await
}

async fn end_sign_up(
    conn: &impl ConnectionTrait,
    mailer: &impl SessionMailer,
    id: RegistrationId,
    session_id: SessionId,
    tell: bool,
    now: DateTime<Utc>,
) -> StoreResult<CancelOutcome> {
    let session = lock_session(conn, session_id).await?;
    if session.schedule.is_over(now) {
        return Ok(CancelOutcome::SessionOver(session_id));
    }
    let Some(model) = registrations::Entity::find_by_id(id.0).one(conn).await? else {
        return Ok(CancelOutcome::InvalidToken);
    };
    let state = state_of(&model)?;
    if !state.is_active() {
        return Ok(CancelOutcome::AlreadyCancelled(session_id));
    }
    // The mail goes before the personal data is erased.
    let person = registrant(conn, id).await?;
    if !end_registration(conn, id, state, CancelReason::ByRegistrant, now).await? {
        return Ok(CancelOutcome::AlreadyCancelled(session_id));
    }
    if let (true, Some(person)) = (tell, person) {
        queue(
            conn,
            mailer,
            &session,
            id,
            &person,
            SessionMail::Cancelled,
            None,
            now,
        )
        .await?;
    }
    let mut promoted = Vec::new();
    if state.holds_seat() {
        give_back_seat(conn, session_id).await?;
        promoted = fill_free_seats(conn, mailer, session_id, now).await?;
    }
    Ok(CancelOutcome::Cancelled {
        session: session_id,
        promoted,
    })
}

/// Gives free seats to the waiting list, first come first served, and mails each promoted
/// person. The caller holds the session's lock (or is about to take it here).
pub(crate) async fn fill_free_seats(
    conn: &impl ConnectionTrait,
    mailer: &impl SessionMailer,
    session_id: SessionId,
    now: DateTime<Utc>,
) -> StoreResult<Vec<RegistrationId>> {
    let session = lock_session(conn, session_id).await?;
    let mut promoted = Vec::new();
    if session.schedule.has_started(now) {
        return Ok(promoted);
    }
    loop {
        if !take_seat(conn, session_id).await? {
            break;
        }
        let first = registrations::Entity::find()
            .filter(registrations::Column::SessionId.eq(session_id.0))
            .filter(registrations::Column::State.eq(RegistrationState::Waitlisted.as_str()))
            .order_by_asc(registrations::Column::WaitlistedAt)
            .order_by_asc(registrations::Column::Id)
            .one(conn)
            .await?;
        let Some(first) = first else {
            give_back_seat(conn, session_id).await?;
            break;
        };
        let id = RegistrationId(first.id);
        let moved = transition(
            conn,
            id,
            RegistrationState::Waitlisted,
            RegistrationState::Confirmed,
            vec![(
                registrations::Column::WaitlistedAt,
                Expr::value(Option::<DateTime<Utc>>::None),
            )],
        )
        .await?;
        if !moved {
            give_back_seat(conn, session_id).await?;
            continue;
        }
        promoted.push(id);
        if let Some(person) = registrant(conn, id).await? {
            queue(
                conn,
                mailer,
                &session,
                id,
                &person,
                SessionMail::Promoted,
                None,
                now,
            )
            .await?;
        }
    }
    Ok(promoted)
}
