//! Sending what the outbox holds: over SMTP, to `.eml` files, or into memory for tests.
//!
//! The worker claims one message at a time with a lease (see `inspraak_store::outbox`), sends it,
//! and marks it sent; a failure is retried with exponential backoff and given up after
//! `MAX_ATTEMPTS`. Mails are plain text: readable everywhere, nothing to inject into.

use crate::clock::Clock;
use crate::config::MailSettings;
use chrono::Duration;
use inspraak_store::Db;
use inspraak_store::outbox::{self, OutboxMessage};
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::sync::{Arc, Mutex};

pub const MAX_ATTEMPTS: i32 = 8;
const LEASE_MINUTES: i64 = 10;

/// A mail as a test sees it.
#[derive(Debug, Clone)]
pub struct CapturedMail {
    pub to: String,
    pub subject: String,
    pub body: String,
    pub attachment: Option<(String, String)>,
    /// The `List-Unsubscribe` address the mail carries, if any.
    pub list_unsubscribe: Option<String>,
}

/// Mails kept in memory by the test transport.
#[derive(Clone, Debug, Default)]
pub struct CapturedMails(Arc<Mutex<Vec<CapturedMail>>>);

impl CapturedMails {
    pub fn all(&self) -> Vec<CapturedMail> {
        self.0.lock().map(|m| m.clone()).unwrap_or_default()
    }

    fn push(&self, mail: CapturedMail) {
        if let Ok(mut mails) = self.0.lock() {
            mails.push(mail);
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("could not build the message: {0}")]
    Build(String),
    #[error("could not send the message: {0}")]
    Send(String),
}

pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>),
    Capture(CapturedMails),
}

impl Transport {
    pub fn from_settings(settings: &MailSettings) -> Result<Transport, MailError> {
        Ok(match settings {
            MailSettings::Smtp(smtp) => {
                Transport::Smtp(smtp.transport().map_err(MailError::Build)?)
            }
            MailSettings::Files(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| MailError::Build(e.to_string()))?;
                Transport::Files(AsyncFileTransport::new(dir))
            }
            MailSettings::Capture(mails) => Transport::Capture(mails.clone()),
        })
    }

    async fn send(&self, from: &Mailbox, message: &OutboxMessage) -> Result<(), MailError> {
        if let Transport::Capture(mails) = self {
            mails.push(CapturedMail {
                to: message.recipient.clone(),
                subject: message.subject.clone(),
                body: message.body_text.clone(),
                attachment: message
                    .attachment
                    .as_ref()
                    .map(|a| (a.file_name.clone(), a.body.clone())),
                list_unsubscribe: message.list_unsubscribe.clone(),
            });
            return Ok(());
        }
        let email = build(from, message)?;
        match self {
            Transport::Smtp(smtp) => smtp
                .send(email)
                .await
                .map(|_| ())
                .map_err(|e| MailError::Send(e.to_string())),
            Transport::Files(files) => files
                .send(email)
                .await
                .map(|_| ())
                .map_err(|e| MailError::Send(e.to_string())),
            Transport::Capture(_) => Ok(()),
        }
    }
}

/// Builds the MIME message. lettre encodes header values, so a subject or name with CR/LF can
/// never add a header.
fn build(from: &Mailbox, message: &OutboxMessage) -> Result<Message, MailError> {
    let to: Mailbox = message
        .recipient
        .parse()
        .map_err(|e: lettre::address::AddressError| MailError::Build(e.to_string()))?;
    let mut builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(message.subject.clone());
    if let Some(url) = &message.list_unsubscribe {
        // RFC 2369 + RFC 8058: mail programs offer an unsubscribe button that POSTs
        // `List-Unsubscribe=One-Click` to the address; no login, no page to visit.
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{url}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_owned(),
            ));
    }
    let text = SinglePart::builder()
        .header(ContentType::TEXT_PLAIN)
        .body(message.body_text.clone());
    let result = match &message.attachment {
        None => builder.singlepart(text),
        Some(a) => {
            let content_type =
                ContentType::parse(&a.content_type).map_err(|e| MailError::Build(e.to_string()))?;
            let attachment =
                Attachment::new(a.file_name.clone()).body(a.body.clone(), content_type);
            builder.multipart(MultiPart::mixed().singlepart(text).singlepart(attachment))
        }
    };
    result.map_err(|e| MailError::Build(e.to_string()))
}

/// Sends every due message, then returns how many were handled.
pub async fn deliver_due(db: &Db, transport: &Transport, from: &Mailbox, clock: &Clock) -> usize {
    let mut handled = 0;
    loop {
        let claimed =
            match outbox::claim_next(db.write(), clock.now(), Duration::minutes(LEASE_MINUTES))
                .await
            {
                Ok(Some(message)) => message,
                Ok(None) => return handled,
                Err(error) => {
                    tracing::error!(error = %error, "could not claim an outbox message");
                    return handled;
                }
            };
        handled += 1;
        let outcome = transport.send(from, &claimed).await;
        let now = clock.now();
        let recorded = match outcome {
            Ok(()) => outbox::mark_sent(db.write(), claimed.id, now).await,
            Err(error) => {
                // The error names no recipient: the message id is enough to look it up.
                tracing::warn!(message = %claimed.id, attempt = claimed.attempts, error = %error, "mail not sent");
                let retry_at = (claimed.attempts < MAX_ATTEMPTS).then(|| {
                    now + Duration::seconds(30 * 2i64.pow(claimed.attempts.clamp(0, 12) as u32))
                });
                outbox::mark_failed(db.write(), claimed.id, &error.to_string(), now, retry_at).await
            }
        };
        if let Err(error) = recorded {
            tracing::error!(message = %claimed.id, error = %error, "could not record a mail's outcome");
        }
    }
}
