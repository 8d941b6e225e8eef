//! Sending what the outbox holds: over SMTP, to `.eml` files, or into memory for tests.
//!
//! The worker claims one message at a time with a lease (see `inspraak_store::outbox`), sends it,
//! and marks it sent; a failure is retried with exponential backoff and given up after
//! `MAX_ATTEMPTS`. A mail's stored text is its one source: it goes out as the plain-text part and,
//! made into HTML by `mail_html`, as the HTML alternative. Every mail carries a `Message-ID` on
//! the site's own domain (some providers score mail without one as spam), derived from the outbox
//! row and the secret key so a retried mail keeps it and nobody outside can predict it.

use crate::clock::Clock;
use crate::config::{MailSettings, Settings};
use chrono::Duration;
use hmac::{Hmac, Mac};
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
    /// The `Message-ID` header, angle brackets included.
    pub message_id: String,
    /// The HTML alternative made from `body`.
    pub html: String,
    /// The whole message as it would go over the wire.
    pub raw: String,
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

enum Kind {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>),
    Capture(CapturedMails),
}

/// Where mail goes, and what every mail is stamped with.
pub struct Transport {
    kind: Kind,
    /// Keys the `Message-ID`s (a key of its own, derived from the secret key).
    id_key: [u8; 32],
    /// The right-hand side of every `Message-ID`: the host of the base URL.
    id_domain: String,
    site_name: String,
}

impl Transport {
    pub fn from_settings(settings: &Settings) -> Result<Transport, MailError> {
        let kind = match &settings.mail {
            MailSettings::Smtp(smtp) => Kind::Smtp(smtp.transport().map_err(MailError::Build)?),
            MailSettings::Files(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| MailError::Build(e.to_string()))?;
                Kind::Files(AsyncFileTransport::new(dir))
            }
            MailSettings::Capture(mails) => Kind::Capture(mails.clone()),
        };
        Ok(Transport {
            kind,
            id_key: keyed(
                settings.secret_key.expose().as_bytes(),
                b"inspraak mail message-id",
            ),
            id_domain: message_id_domain(&settings.base_url),
            site_name: settings.house.site_name.clone(),
        })
    }

    async fn send(&self, from: &Mailbox, message: &OutboxMessage) -> Result<(), MailError> {
        let message_id = message_id(&self.id_key, &self.id_domain, message);
        let html = crate::mail_html::render(&self.site_name, &message.subject, &message.body_text);
        let email = build(from, message, message_id.clone(), html.clone())?;
        match &self.kind {
            Kind::Smtp(smtp) => smtp
                .send(email)
                .await
                .map(|_| ())
                .map_err(|e| MailError::Send(e.to_string())),
            Kind::Files(files) => files
                .send(email)
                .await
                .map(|_| ())
                .map_err(|e| MailError::Send(e.to_string())),
            Kind::Capture(mails) => {
                mails.push(CapturedMail {
                    to: message.recipient.clone(),
                    subject: message.subject.clone(),
                    body: message.body_text.clone(),
                    attachment: message
                        .attachment
                        .as_ref()
                        .map(|a| (a.file_name.clone(), a.body.clone())),
                    list_unsubscribe: message.list_unsubscribe.clone(),
                    message_id,
                    html,
                    raw: String::from_utf8_lossy(&email.formatted()).into_owned(),
                });
                Ok(())
            }
        }
    }
}

/// `<uuid@host>` for an outbox row: the same on every attempt, unguessable without the key.
fn message_id(key: &[u8; 32], domain: &str, message: &OutboxMessage) -> String {
    let digest = keyed(
        key,
        format!(
            "{}\n{}",
            message.id.0,
            message.created_at.timestamp_micros()
        )
        .as_bytes(),
    );
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    let uuid = uuid::Builder::from_custom_bytes(bytes).into_uuid();
    format!("<{uuid}@{domain}>")
}

/// HMAC-SHA256 of `data` under `key`.
fn keyed(key: &[u8], data: &[u8]) -> [u8; 32] {
    // HMAC takes a key of any length, so `new_from_slice` cannot fail; the fallback keeps this
    // free of panics all the same.
    match Hmac::<sha2::Sha256>::new_from_slice(key) {
        Ok(mut mac) => {
            mac.update(data);
            mac.finalize().into_bytes().into()
        }
        Err(_) => {
            use sha2::Digest;
            sha2::Sha256::new_with_prefix(key)
                .chain_update(data)
                .finalize()
                .into()
        }
    }
}

/// The host of the base URL (`inspraak.example.nl`, `[::1]`), else `localhost`.
fn message_id_domain(base_url: &str) -> String {
    url::Url::parse(base_url)
        .ok()
        .and_then(|url| url.host().map(|host| host.to_string()))
        .unwrap_or_else(|| "localhost".to_owned())
}

/// Builds the MIME message: the text and its HTML as alternatives, with the attachment (if any)
/// beside them. lettre encodes header values, so a subject or name with CR/LF can never add a
/// header.
fn build(
    from: &Mailbox,
    message: &OutboxMessage,
    message_id: String,
    html: String,
) -> Result<Message, MailError> {
    let to: Mailbox = message
        .recipient
        .parse()
        .map_err(|e: lettre::address::AddressError| MailError::Build(e.to_string()))?;
    let mut builder = Message::builder()
        .from(from.clone())
        .to(to)
        .message_id(Some(message_id))
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
    let html = SinglePart::builder()
        .header(ContentType::TEXT_HTML)
        .body(html);
    let alternative = MultiPart::alternative().singlepart(text).singlepart(html);
    let result = match &message.attachment {
        None => builder.multipart(alternative),
        Some(a) => {
            let content_type =
                ContentType::parse(&a.content_type).map_err(|e| MailError::Build(e.to_string()))?;
            let attachment =
                Attachment::new(a.file_name.clone()).body(a.body.clone(), content_type);
            builder.multipart(
                MultiPart::mixed()
                    .multipart(alternative)
                    .singlepart(attachment),
            )
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use inspraak_domain::OutboxMessageId;

    fn queued(id: i64, second: u32) -> OutboxMessage {
        OutboxMessage {
            id: OutboxMessageId(id),
            recipient: "ada@example.nl".to_owned(),
            subject: "Onderwerp".to_owned(),
            body_text: "Hallo,\n\nZie https://inspraak.example.nl/x.\n".to_owned(),
            attachment: None,
            attempts: 1,
            created_at: Utc.with_ymd_and_hms(2026, 12, 6, 14, 0, second).unwrap(),
            list_unsubscribe: None,
        }
    }

    #[test]
    fn a_message_id_is_stable_per_row_and_differs_between_rows_and_keys() {
        let key = keyed(b"secret", b"inspraak mail message-id");
        let first = message_id(&key, "inspraak.example.nl", &queued(7, 0));
        let mut retried = queued(7, 0);
        retried.attempts = 3;
        assert_eq!(first, message_id(&key, "inspraak.example.nl", &retried));
        assert_ne!(
            first,
            message_id(&key, "inspraak.example.nl", &queued(8, 0))
        );
        // A database started afresh reuses row ids, not their queueing time.
        assert_ne!(
            first,
            message_id(&key, "inspraak.example.nl", &queued(7, 1))
        );
        let other = keyed(b"other secret", b"inspraak mail message-id");
        assert_ne!(
            first,
            message_id(&other, "inspraak.example.nl", &queued(7, 0))
        );
        let uuid = first
            .strip_prefix('<')
            .and_then(|s| s.strip_suffix("@inspraak.example.nl>"))
            .unwrap();
        assert!(uuid::Uuid::parse_str(uuid).is_ok(), "{first}");
    }

    #[test]
    fn the_message_id_domain_is_the_base_url_host() {
        assert_eq!(
            message_id_domain("https://inspraak.example.nl/"),
            "inspraak.example.nl"
        );
        assert_eq!(message_id_domain("http://127.0.0.1:8080"), "127.0.0.1");
        assert_eq!(message_id_domain("not a url"), "localhost");
    }

    #[test]
    fn the_message_has_a_message_id_and_text_and_html_alternatives() {
        let from: Mailbox = "Inspraak <noreply@inspraak.example.nl>".parse().unwrap();
        let message = queued(7, 0);
        let html = crate::mail_html::render("Inspraak", &message.subject, &message.body_text);
        let email = build(&from, &message, "<a@inspraak.example.nl>".to_owned(), html).unwrap();
        let raw = String::from_utf8(email.formatted()).unwrap();
        assert!(raw.contains("Message-ID: <a@inspraak.example.nl>"), "{raw}");
        assert!(raw.contains("multipart/alternative"), "{raw}");
        let text_at = raw.find("Content-Type: text/plain").unwrap();
        let html_at = raw.find("Content-Type: text/html").unwrap();
        // RFC 2046: the preferred (richer) alternative comes last.
        assert!(text_at < html_at, "{raw}");
    }
}
