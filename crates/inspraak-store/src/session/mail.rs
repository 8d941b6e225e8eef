//! The mails a sign-up causes. The store decides when a mail goes and to whom; the caller's
//! [`SessionMailer`] decides what it says.

use super::records::{Registrant, Session};
use super::tokens::{TokenPurpose, mint};
use crate::StoreResult;
use crate::outbox::{self, Attachment, NewMail};
use chrono::{DateTime, Utc};
use inspraak_domain::session::RegistrationState;
use inspraak_domain::{Email, RegistrationId};
use sea_orm::ConnectionTrait;

/// Which mail to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionMail<'a> {
    /// After signing up: please confirm with this link.
    ConfirmRequest { confirm_token: &'a str },
    /// The address signed up again. A pending sign-up gets a fresh confirmation link.
    SignedUpAgain {
        state: RegistrationState,
        confirm_token: Option<&'a str>,
    },
    /// Confirmed with a seat (calendar invitation).
    Confirmed,
    /// Confirmed, but the session was full: on the waiting list.
    Waitlisted,
    /// A seat came free: off the waiting list and in (calendar invitation).
    Promoted,
    /// The sign-up was cancelled (calendar cancellation).
    Cancelled,
    /// The session is tomorrow.
    Reminder,
    /// The report was published.
    Report,
    /// A message from the organiser to all participants.
    Message { subject: &'a str, body: &'a str },
}

/// Who the mail is for and the links it may carry.
#[derive(Debug, Clone, Copy)]
pub struct MailContext<'a> {
    pub session: &'a Session,
    pub registration_id: RegistrationId,
    pub registrant: &'a Registrant,
    /// A fresh cancel link token, present while the sign-up is active.
    pub cancel_token: Option<&'a str>,
    /// A fresh "erase my data" token (`/gegevens-wissen/`), present while the sign-up has its
    /// personal data: every mail but the one saying it was cancelled (which erased it).
    pub erase_token: Option<&'a str>,
}

/// What the caller's mailer writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailContent {
    pub subject: String,
    pub body_text: String,
    pub attachment: Option<Attachment>,
}

/// Writes the text of session mails (language, links, calendar files).
pub trait SessionMailer: Sync {
    fn compose(&self, context: &MailContext<'_>, mail: &SessionMail<'_>) -> MailContent;
}

/// Composes and queues one mail. Mails to an active sign-up carry a newly minted cancel link,
/// so every mail's link keeps working until the sign-up is cancelled; every mail but the
/// cancellation carries a newly minted "erase my data" link too.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn queue(
    conn: &impl ConnectionTrait,
    mailer: &impl SessionMailer,
    session: &Session,
    registration_id: RegistrationId,
    registrant: &Registrant,
    mail: SessionMail<'_>,
    dedupe_key: Option<String>,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    if Email::parse(&registrant.email).is_err() {
        // Stored addresses were parsed on the way in; one that no longer parses is skipped
        // rather than failing the whole action.
        tracing::warn!(registration = %registration_id, "stored e-mail address no longer parses");
        return Ok(false);
    }
    let cancel_token = match mail {
        SessionMail::Cancelled | SessionMail::Report => None,
        _ => Some(mint(conn, registration_id, TokenPurpose::Cancel, now).await?),
    };
    queue_with_token(
        conn,
        mailer,
        session,
        registration_id,
        registrant,
        mail,
        dedupe_key,
        cancel_token,
        now,
    )
    .await
}

/// As [`queue`], with a cancel token minted beforehand (outside the session's lock).
#[allow(clippy::too_many_arguments)]
pub(crate) async fn queue_with_token(
    conn: &impl ConnectionTrait,
    mailer: &impl SessionMailer,
    session: &Session,
    registration_id: RegistrationId,
    registrant: &Registrant,
    mail: SessionMail<'_>,
    dedupe_key: Option<String>,
    cancel_token: Option<String>,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let Ok(recipient) = Email::parse(&registrant.email) else {
        tracing::warn!(registration = %registration_id, "stored e-mail address no longer parses");
        return Ok(false);
    };
    let erase_token = match mail {
        SessionMail::Cancelled => None,
        _ => Some(mint(conn, registration_id, TokenPurpose::Erase, now).await?),
    };
    let context = MailContext {
        session,
        registration_id,
        registrant,
        cancel_token: cancel_token.as_deref(),
        erase_token: erase_token.as_deref(),
    };
    let content = mailer.compose(&context, &mail);
    let queued = outbox::enqueue(
        conn,
        &NewMail {
            recipient,
            subject: content.subject,
            body_text: content.body_text,
            attachment: content.attachment,
            dedupe_key,
        },
        now,
    )
    .await?;
    Ok(queued.is_some())
}
