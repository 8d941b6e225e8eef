//! Background work: expiring unconfirmed sign-ups, day-before reminders, erasing personal data
//! after the retention time. Each is safe to run on several instances at once and to repeat.

use super::attendees::registrations;
use super::mail::{SessionMail, SessionMailer, queue};
use super::records::to_session;
use super::seats::fill_free_seats;
use crate::StoreResult;
use crate::entities::{registrants, registrations as registrations_table, sessions};
use chrono::{DateTime, Utc};
use inspraak_domain::SessionId;
use inspraak_domain::session::{CancelReason, REMINDER_LEAD, RegistrationState};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

/// Cancels pending sign-ups whose confirmation time has passed and erases their personal data.
/// They never held a seat. Returns how many expired.
pub async fn expire_pending(conn: &impl ConnectionTrait, now: DateTime<Utc>) -> StoreResult<u64> {
    // Conditional on still being pending: a confirmation racing this wins or loses cleanly.
    let expired = registrations_table::Entity::update_many()
        .col_expr(
            registrations_table::Column::State,
            Expr::value(RegistrationState::Cancelled.as_str()),
        )
        .col_expr(
            registrations_table::Column::CancelReason,
            Expr::value(CancelReason::Expired.as_str()),
        )
        .col_expr(registrations_table::Column::CancelledAt, Expr::value(now))
        .col_expr(
            registrations_table::Column::ActiveKey,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            registrations_table::Column::ExpiresAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(registrations_table::Column::State.eq(RegistrationState::Pending.as_str()))
        .filter(registrations_table::Column::ExpiresAt.lte(now))
        .exec(conn)
        .await?;
    erase_cancelled(conn).await?;
    Ok(expired.rows_affected)
}

/// Personal data of cancelled sign-ups is never kept.
async fn erase_cancelled(conn: &impl ConnectionTrait) -> StoreResult<u64> {
    let erased = registrants::Entity::delete_many()
        .filter(
            registrants::Column::RegistrationId.in_subquery(
                Query::select()
                    .column(registrations_table::Column::Id)
                    .from(registrations_table::Entity)
                    .and_where(
                        registrations_table::Column::State
                            .eq(RegistrationState::Cancelled.as_str()),
                    )
                    .to_owned(),
            ),
        )
        .exec(conn)
        .await?;
    Ok(erased.rows_affected)
}

/// Queues the reminder for every session that starts within a day. Each session is claimed by
/// one conditional update, and each mail has a dedupe key naming the sign-up and the start, so
/// a reminder goes once per sign-up across restarts and instances — and again only when the
/// session is moved. Returns how many mails were queued.
pub async fn queue_reminders(
    conn: &impl ConnectionTrait,
    mailer: &impl SessionMailer,
    now: DateTime<Utc>,
) -> StoreResult<usize> {
    let due = sessions::Entity::find()
        .filter(sessions::Column::RemindersQueuedAt.is_null())
        .filter(sessions::Column::StartsAt.gt(now))
        .filter(sessions::Column::StartsAt.lte(now + REMINDER_LEAD))
        .all(conn)
        .await?;
    let mut queued = 0;
    for model in due {
        let claimed = sessions::Entity::update_many()
            .col_expr(sessions::Column::RemindersQueuedAt, Expr::value(now))
            .filter(sessions::Column::Id.eq(model.id))
            .filter(sessions::Column::RemindersQueuedAt.is_null())
            .exec(conn)
            .await?;
        if claimed.rows_affected == 0 {
            continue;
        }
        let session = to_session(model)?;
        for row in registrations(conn, session.id).await? {
            let (RegistrationState::Confirmed, Some(person)) = (row.state, &row.registrant) else {
                continue;
            };
            let key = format!(
                "session-reminder:{}:{}",
                row.id,
                session.schedule.starts_at().timestamp()
            );
            let mail = SessionMail::Reminder;
            if queue(conn, mailer, &session, row.id, person, mail, Some(key), now).await? {
                queued += 1;
            }
        }
    }
    Ok(queued)
}

/// Erases the personal data of sign-ups past their erase date (the process's retention period
/// after the session), and with it their e-mail keys. States and attendance stay for the figures.
pub async fn erase_due_personal_data(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    let erased = registrants::Entity::delete_many()
        .filter(registrants::Column::EraseAfter.lte(now))
        .exec(conn)
        .await?;
    registrations_table::Entity::update_many()
        .col_expr(
            registrations_table::Column::ActiveKey,
            Expr::value(Option::<String>::None),
        )
        .filter(registrations_table::Column::ActiveKey.is_not_null())
        .filter(
            registrations_table::Column::Id.not_in_subquery(
                Query::select()
                    .column(registrants::Column::RegistrationId)
                    .from(registrants::Entity)
                    .to_owned(),
            ),
        )
        .exec(conn)
        .await?;
    Ok(erased.rows_affected + erase_cancelled(conn).await?)
}

/// A safety net: gives any free seat of an upcoming session to its waiting list. Cancelling
/// already does this in its own transaction; this catches seats freed in other ways.
pub async fn fill_all_free_seats(
    conn: &impl ConnectionTrait,
    mailer: &impl SessionMailer,
    now: DateTime<Utc>,
) -> StoreResult<usize> {
    let with_waiting_list: Vec<i64> = registrations_table::Entity::find()
        .select_only()
        .column(registrations_table::Column::SessionId)
        .distinct()
        .filter(registrations_table::Column::State.eq(RegistrationState::Waitlisted.as_str()))
        .into_tuple()
        .all(conn)
        .await?;
    let mut promoted = 0;
    for id in with_waiting_list {
        let upcoming = sessions::Entity::find_by_id(id)
            .filter(sessions::Column::StartsAt.gt(now))
            .one(conn)
            .await?;
        if upcoming.is_some_and(|s| s.capacity.is_none_or(|c| s.seats_taken < c)) {
            promoted += fill_free_seats(conn, mailer, SessionId(id), now)
                .await?
                .len();
        }
    }
    Ok(promoted)
}
