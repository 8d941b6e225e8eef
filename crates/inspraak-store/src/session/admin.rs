//! Organisers create, edit and delete sessions.

use super::mail::{SessionMail, SessionMailer, queue};
use super::records::{Session, to_session};
use super::seats::{fill_free_seats, lock_session, registrant};
use crate::entities::{processes, registrants, registrations, sessions, themes};
use crate::{StoreError, StoreResult};
use chrono::{DateTime, Utc};
use inspraak_domain::session::{NewSession, RegistrationState};
use inspraak_domain::{ProcessId, ProcessStatus, RegistrationId, SessionId};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
};

pub(crate) async fn find_model(
    conn: &impl ConnectionTrait,
    id: SessionId,
) -> StoreResult<sessions::Model> {
    sessions::Entity::find_by_id(id.0)
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)
}

/// The theme must belong to the session's process: `Conflict("theme_id")` otherwise.
async fn check_theme(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    new: &NewSession,
) -> StoreResult<()> {
    if let Some(theme) = new.theme_id {
        let found = themes::Entity::find_by_id(theme.0)
            .filter(themes::Column::ProcessId.eq(process.0))
            .count(conn)
            .await?;
        if found == 0 {
            return Err(StoreError::Conflict("theme_id"));
        }
    }
    Ok(())
}

pub async fn insert(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    new: &NewSession,
    now: DateTime<Utc>,
) -> StoreResult<SessionId> {
    check_theme(conn, process, new).await?;
    let model = sessions::ActiveModel {
        process_id: Set(process.0),
        theme_id: Set(new.theme_id.map(|t| t.0)),
        kind: Set(new.kind.as_str().to_owned()),
        title: Set(new.title.as_str().to_owned()),
        title_translation: Set(new
            .title_translation
            .as_ref()
            .map(|t| t.as_str().to_owned())),
        description: Set(new.description.as_str().to_owned()),
        description_translation: Set(new
            .description_translation
            .as_ref()
            .map(|t| t.as_str().to_owned())),
        starts_at: Set(new.schedule.starts_at()),
        ends_at: Set(new.schedule.ends_at()),
        location: Set(new.location.as_deref().map(str::to_owned)),
        online_link: Set(new.online_link.as_ref().map(|l| l.as_str().to_owned())),
        capacity: Set(new.capacity.limit().map(|n| n as i32)),
        seats_taken: Set(0),
        signup_opens_at: Set(new.schedule.signup_opens_at()),
        signup_closes_at: Set(new.schedule.signup_closes_at()),
        ask_organisation: Set(new.ask_organisation),
        ask_needs: Set(new.ask_needs),
        revision: Set(0),
        reminders_queued_at: Set(None),
        report: Set(None),
        report_translation: Set(None),
        report_published_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    Ok(SessionId(model.insert(conn).await?.id))
}

/// Edits a session of `process`. The capacity may not drop below the seats already taken
/// (`Conflict("capacity")`); a raised capacity goes to the waiting list at once. A new start
/// time re-arms the reminder and moves the erase date of the sign-ups' personal data. A new
/// time, end, place or online link is mailed to everyone confirmed (with a calendar update)
/// and to the waiting list (a note); a change of the text alone is not. Returns how many
/// people were told.
pub async fn update(
    conn: &impl ConnectionTrait,
    mailer: &impl SessionMailer,
    process: ProcessId,
    id: SessionId,
    new: &NewSession,
    now: DateTime<Utc>,
) -> StoreResult<usize> {
    check_theme(conn, process, new).await?;
    // Sign-ups queue behind the edit, so the ones told are exactly the ones that exist.
    let current = lock_session(conn, id).await?;
    if current.process_id != process {
        return Err(StoreError::NotFound);
    }
    let moved = current.schedule.starts_at() != new.schedule.starts_at();
    let new_location = new.location.as_deref().map(str::to_owned);
    let new_link = new.online_link.as_ref().map(|l| l.as_str().to_owned());
    let changed = moved
        || current.schedule.ends_at() != new.schedule.ends_at()
        || current.location != new_location
        || current.online_link != new_link;
    let mut update = sessions::Entity::update_many()
        .col_expr(
            sessions::Column::ThemeId,
            Expr::value(new.theme_id.map(|t| t.0)),
        )
        .col_expr(sessions::Column::Kind, Expr::value(new.kind.as_str()))
        .col_expr(sessions::Column::Title, Expr::value(new.title.as_str()))
        .col_expr(
            sessions::Column::TitleTranslation,
            Expr::value(
                new.title_translation
                    .as_ref()
                    .map(|t| t.as_str().to_owned()),
            ),
        )
        .col_expr(
            sessions::Column::Description,
            Expr::value(new.description.as_str()),
        )
        .col_expr(
            sessions::Column::DescriptionTranslation,
            Expr::value(
                new.description_translation
                    .as_ref()
                    .map(|t| t.as_str().to_owned()),
            ),
        )
        .col_expr(
            sessions::Column::StartsAt,
            Expr::value(new.schedule.starts_at()),
        )
        .col_expr(
            sessions::Column::EndsAt,
            Expr::value(new.schedule.ends_at()),
        )
        .col_expr(sessions::Column::Location, Expr::value(new_location))
        .col_expr(sessions::Column::OnlineLink, Expr::value(new_link))
        .col_expr(
            sessions::Column::Capacity,
            Expr::value(new.capacity.limit().map(|n| n as i32)),
        )
        .col_expr(
            sessions::Column::SignupOpensAt,
            Expr::value(new.schedule.signup_opens_at()),
        )
        .col_expr(
            sessions::Column::SignupClosesAt,
            Expr::value(new.schedule.signup_closes_at()),
        )
        .col_expr(
            sessions::Column::AskOrganisation,
            Expr::value(new.ask_organisation),
        )
        .col_expr(sessions::Column::AskNeeds, Expr::value(new.ask_needs))
        // The calendar SEQUENCE: the feed and downloads show the edit (see `raise_sequence`).
        .col_expr(
            sessions::Column::Revision,
            Expr::col(sessions::Column::Revision).add(1),
        )
        .col_expr(sessions::Column::UpdatedAt, Expr::value(now));
    if moved {
        update = update.col_expr(
            sessions::Column::RemindersQueuedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        );
    }
    // Conditional on the seats taken at the moment of writing, not at the moment of reading.
    let mut filter = Condition::all().add(sessions::Column::Id.eq(id.0));
    if let Some(limit) = new.capacity.limit() {
        filter = filter.add(sessions::Column::SeatsTaken.lte(limit as i32));
    }
    let result = update.filter(filter).exec(conn).await?;
    if result.rows_affected == 0 {
        return Err(StoreError::Conflict("capacity"));
    }
    if current.schedule.ends_at() != new.schedule.ends_at() {
        let retention = crate::retention::days_for(conn, process).await?;
        move_erase_dates(conn, id, retention.erase_after(new.schedule.ends_at())).await?;
    }
    // The promoted get the new details in the mail that gives them their seat.
    let promoted = fill_free_seats(conn, mailer, id, now).await?;
    if !changed || new.schedule.is_over(now) {
        return Ok(0);
    }
    tell_of_change(conn, mailer, id, &promoted, now).await
}

/// Mails the new time or place to the session's confirmed sign-ups (a calendar update) and its
/// waiting list (a note), except those in `skip`. Not to pending sign-ups: their address is not
/// confirmed yet, and the confirmation brings the new details.
async fn tell_of_change(
    conn: &impl ConnectionTrait,
    mailer: &impl SessionMailer,
    id: SessionId,
    skip: &[RegistrationId],
    now: DateTime<Utc>,
) -> StoreResult<usize> {
    let session = to_session(find_model(conn, id).await?)?;
    let active = registrations::Entity::find()
        .filter(registrations::Column::SessionId.eq(id.0))
        .filter(registrations::Column::State.is_in([
            RegistrationState::Confirmed.as_str(),
            RegistrationState::Waitlisted.as_str(),
        ]))
        .order_by_asc(registrations::Column::Id)
        .all(conn)
        .await?;
    let mut told = 0;
    for row in active {
        let registration = RegistrationId(row.id);
        if skip.contains(&registration) {
            continue;
        }
        let Some(person) = registrant(conn, registration).await? else {
            continue;
        };
        let mail = if row.state == RegistrationState::Confirmed.as_str() {
            SessionMail::Changed
        } else {
            SessionMail::ChangedWaitlisted
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
    Ok(told)
}

async fn move_erase_dates(
    conn: &impl ConnectionTrait,
    session: SessionId,
    erase_after: DateTime<Utc>,
) -> StoreResult<()> {
    registrants::Entity::update_many()
        .col_expr(registrants::Column::EraseAfter, Expr::value(erase_after))
        .filter(
            registrants::Column::RegistrationId.in_subquery(
                Query::select()
                    .column(registrations::Column::Id)
                    .from(registrations::Entity)
                    .and_where(registrations::Column::SessionId.eq(session.0))
                    .to_owned(),
            ),
        )
        .exec(conn)
        .await?;
    Ok(())
}

/// Moves the erase dates of every sign-up of a process after its retention period changed.
pub async fn recompute_erase_after(
    conn: &impl ConnectionTrait,
    process: ProcessId,
) -> StoreResult<()> {
    let retention = crate::retention::days_for(conn, process).await?;
    for session in list_for_process(conn, process).await? {
        let erase_after = retention.erase_after(session.schedule.ends_at());
        move_erase_dates(conn, session.id, erase_after).await?;
    }
    Ok(())
}

/// Deletes a session of `process` that nobody is signed up for: `Conflict("registrations")`
/// while sign-ups are active.
pub async fn delete(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    id: SessionId,
) -> StoreResult<()> {
    let active = registrations::Entity::find()
        .filter(registrations::Column::SessionId.eq(id.0))
        .filter(registrations::Column::State.ne(RegistrationState::Cancelled.as_str()))
        .count(conn)
        .await?;
    if active > 0 {
        return Err(StoreError::Conflict("registrations"));
    }
    let result = sessions::Entity::delete_many()
        .filter(sessions::Column::Id.eq(id.0))
        .filter(sessions::Column::ProcessId.eq(process.0))
        .exec(conn)
        .await?;
    if result.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

pub async fn find(conn: &impl ConnectionTrait, id: SessionId) -> StoreResult<Option<Session>> {
    sessions::Entity::find_by_id(id.0)
        .one(conn)
        .await?
        .map(to_session)
        .transpose()
}

/// A session of a public (published or archived) process; drafts' sessions do not exist.
pub async fn find_public(
    conn: &impl ConnectionTrait,
    id: SessionId,
) -> StoreResult<Option<Session>> {
    let Some(session) = find(conn, id).await? else {
        return Ok(None);
    };
    let public = processes::Entity::find_by_id(session.process_id.0)
        .one(conn)
        .await?
        .and_then(|p| ProcessStatus::parse(&p.status))
        .is_some_and(ProcessStatus::is_public);
    Ok(public.then_some(session))
}

/// Every session of a process in time order (organisers; the process page).
pub async fn list_for_process(
    conn: &impl ConnectionTrait,
    process: ProcessId,
) -> StoreResult<Vec<Session>> {
    sessions::Entity::find()
        .filter(sessions::Column::ProcessId.eq(process.0))
        .order_by_asc(sessions::Column::StartsAt)
        .order_by_asc(sessions::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_session)
        .collect()
}
