//! Signing up: a pending sign-up and a mail with the confirmation link, in one transaction.

use super::mail::{SessionMail, SessionMailer, queue};
use super::records::Session;
use super::seats::registrant;
use super::tokens::{TokenPurpose, mint, state_of};
use crate::entities::{registrants, registrations};
use crate::{StoreError, StoreResult};
use chrono::{DateTime, Utc};
use inspraak_domain::RegistrationId;
use inspraak_domain::session::{
    CONFIRMATION_TIME, MAX_SIGNUP_MAILS, NewRegistration, RegistrationState, SignupStatus,
};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TryInsertResult,
};
use sha2::{Digest, Sha256};

/// What signing up did. The page says the same in every case ("check your mail"), so the form
/// never tells a stranger whether an address had signed up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignUpOutcome {
    /// A new pending sign-up; the confirmation mail is queued.
    Created(RegistrationId),
    /// The address already has an active sign-up; a mail saying so is queued.
    AlreadyRegistered(RegistrationId, RegistrationState),
    /// The address already has an active sign-up and has had enough mails: nothing queued.
    NotMailed(RegistrationId),
}

/// The key that makes one active sign-up per address and session (UNIQUE with the session).
pub(crate) fn active_key(email: &str) -> String {
    hex::encode(Sha256::digest(email.as_bytes()))
}

/// Signs someone up for a session whose sign-up is open: `Conflict("signup_closed")` otherwise.
pub async fn sign_up(
    conn: &impl ConnectionTrait,
    mailer: &impl SessionMailer,
    session: &Session,
    new: &NewRegistration,
    now: DateTime<Utc>,
) -> StoreResult<SignUpOutcome> {
    if session.schedule.signup_status(now) != SignupStatus::Open {
        return Err(StoreError::Conflict("signup_closed"));
    }
    let key = active_key(new.email.as_str());
    // Twice at most: the active sign-up we collide with may be cancelled in between.
    for _ in 0..2 {
        let expires_at = std::cmp::min(now + CONFIRMATION_TIME, session.schedule.starts_at());
        let inserted = registrations::Entity::insert(registrations::ActiveModel {
            session_id: Set(session.id.0),
            state: Set(RegistrationState::Pending.as_str().to_owned()),
            active_key: Set(Some(key.clone())),
            created_at: Set(now),
            expires_at: Set(Some(expires_at)),
            signup_mails: Set(1),
            ..Default::default()
        })
        .on_conflict_do_nothing_on([
            registrations::Column::SessionId,
            registrations::Column::ActiveKey,
        ])
        .exec(conn)
        .await?;
        // A new sign-up's id comes back with the insert; only a repeat reads the one it met.
        if let TryInsertResult::Inserted(result) = inserted {
            let id = RegistrationId(result.last_insert_id);
            created(conn, mailer, session, id, new, now).await?;
            return Ok(SignUpOutcome::Created(id));
        }
        let existing = registrations::Entity::find()
            .filter(registrations::Column::SessionId.eq(session.id.0))
            .filter(registrations::Column::ActiveKey.eq(key.as_str()))
            .one(conn)
            .await?;
        let Some(existing) = existing else {
            continue;
        };
        return again(conn, mailer, session, &existing, now).await;
    }
    Err(StoreError::Conflict("registration"))
}

async fn created(
    conn: &impl ConnectionTrait,
    mailer: &impl SessionMailer,
    session: &Session,
    id: RegistrationId,
    new: &NewRegistration,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    // Kept for the process's retention period after the session (attendance, the report).
    let retention = crate::retention::days_for(conn, session.process_id).await?;
    registrants::ActiveModel {
        registration_id: Set(id.0),
        name: Set(new.name.as_str().to_owned()),
        email: Set(new.email.as_str().to_owned()),
        // Only what the organiser asked for is kept.
        organisation: Set(session
            .ask_organisation
            .then(|| new.organisation.as_deref().map(str::to_owned))
            .flatten()),
        needs: Set(session
            .ask_needs
            .then(|| new.needs.as_deref().map(str::to_owned))
            .flatten()),
        wants_report: Set(new.wants_report),
        erase_after: Set(retention.erase_after(session.schedule.ends_at())),
        language: Set(new.language.code().to_owned()),
    }
    .insert(conn)
    .await?;
    let confirm_token = mint(conn, id, TokenPurpose::Confirm, now).await?;
    let Some(person) = registrant(conn, id).await? else {
        return Err(StoreError::NotFound);
    };
    let mail = SessionMail::ConfirmRequest {
        confirm_token: &confirm_token,
    };
    queue(conn, mailer, session, id, &person, mail, None, now).await?;
    Ok(())
}

/// The address signed up before: mail again (a pending one gets a fresh confirmation link and
/// more time), unless this sign-up has had its share of mails. Nothing the stranger typed is
/// stored: the first sign-up's name stays.
async fn again(
    conn: &impl ConnectionTrait,
    mailer: &impl SessionMailer,
    session: &Session,
    existing: &registrations::Model,
    now: DateTime<Utc>,
) -> StoreResult<SignUpOutcome> {
    let id = RegistrationId(existing.id);
    let state = state_of(existing)?;
    let counted = registrations::Entity::update_many()
        .col_expr(
            registrations::Column::SignupMails,
            Expr::col(registrations::Column::SignupMails).add(1),
        )
        .filter(registrations::Column::Id.eq(id.0))
        .filter(registrations::Column::SignupMails.lt(MAX_SIGNUP_MAILS))
        .exec(conn)
        .await?;
    let Some(person) = registrant(conn, id).await? else {
        return Ok(SignUpOutcome::NotMailed(id));
    };
    if counted.rows_affected == 0 {
        return Ok(SignUpOutcome::NotMailed(id));
    }
    let confirm_token = if state == RegistrationState::Pending {
        let expires_at = std::cmp::min(now + CONFIRMATION_TIME, session.schedule.starts_at());
        registrations::Entity::update_many()
            .col_expr(registrations::Column::ExpiresAt, Expr::value(expires_at))
            .filter(registrations::Column::Id.eq(id.0))
            .filter(registrations::Column::State.eq(RegistrationState::Pending.as_str()))
            .exec(conn)
            .await?;
        Some(mint(conn, id, TokenPurpose::Confirm, now).await?)
    } else {
        None
    };
    let mail = SessionMail::SignedUpAgain {
        state,
        confirm_token: confirm_token.as_deref(),
    };
    queue(conn, mailer, session, id, &person, mail, None, now).await?;
    Ok(SignUpOutcome::AlreadyRegistered(id, state))
}
