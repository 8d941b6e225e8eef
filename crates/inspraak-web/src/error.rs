//! Errors of the web layer and how they look to people.
//!
//! Which error type to use where: the domain crate returns small enums per type (field problems
//! are shown in the form, not here); the store returns `StoreError`; handlers return
//! `Result<_, WebError>`, and this is the one place that turns an error into a response. A
//! `Store`/`Internal` error logs its whole cause chain (never personal data) and shows a calm page.

use crate::i18n::{Lang, common};
use crate::views::layout;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use inspraak_store::StoreError;
use std::fmt;

/// What handlers, flows and web jobs return.
pub type WebResult<T> = Result<T, WebError>;

#[derive(Debug)]
pub enum WebError {
    NotFound,
    Forbidden,
    /// The CSRF check failed.
    CsrfRejected,
    BadRequest,
    PayloadTooLarge,
    /// The request body did not arrive in time (408; the connection is closed).
    RequestTimeout,
    /// Too many requests or the server is saturated: "busy, try again", with a message.
    TooManyRequests(Option<String>),
    /// Too many requests in flight, or the database cannot be reached: 503 "busy, try again".
    Unavailable,
    Store(StoreError),
    Internal(String),
}

impl fmt::Display for WebError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebError::NotFound => f.write_str("not found"),
            WebError::Forbidden => f.write_str("forbidden"),
            WebError::CsrfRejected => f.write_str("CSRF check failed"),
            WebError::BadRequest => f.write_str("bad request"),
            WebError::PayloadTooLarge => f.write_str("payload too large"),
            WebError::RequestTimeout => f.write_str("request body too slow"),
            WebError::TooManyRequests(_) => f.write_str("too many requests"),
            WebError::Unavailable => f.write_str("service unavailable"),
            WebError::Store(e) => {
                write!(f, "store error: {e}")?;
                let mut source = std::error::Error::source(e);
                while let Some(cause) = source {
                    write!(f, ": {cause}")?;
                    source = cause.source();
                }
                Ok(())
            }
            WebError::Internal(message) => write!(f, "internal error: {message}"),
        }
    }
}

impl From<StoreError> for WebError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => WebError::NotFound,
            // A database outage is not a bug: say "busy, try again" and recover with it.
            other if other.is_unavailable() => {
                tracing::warn!(error = %other, "database unavailable");
                WebError::Unavailable
            }
            other => WebError::Store(other),
        }
    }
}

// A failed commit or statement on a transaction the web layer holds: same mapping as the store's.
impl From<inspraak_store::DbErr> for WebError {
    fn from(error: inspraak_store::DbErr) -> Self {
        WebError::from(StoreError::from(error))
    }
}

// A multipart body that is not one, or a file that cannot be written to the upload folder.
impl From<crate::upload::UploadError> for WebError {
    fn from(error: crate::upload::UploadError) -> Self {
        match error {
            crate::upload::UploadError::Malformed => WebError::BadRequest,
            crate::upload::UploadError::Io(e) => WebError::Internal(e.to_string()),
        }
    }
}

impl WebError {
    /// The page title and the sentence that explains the error, in `lang`.
    pub fn title_and_text(&self, lang: Lang) -> (&'static str, String) {
        let t = common::texts(lang);
        match self {
            WebError::NotFound => (t.not_found_title, t.not_found_text.to_owned()),
            WebError::Forbidden => (t.forbidden_title, t.forbidden_text.to_owned()),
            WebError::CsrfRejected => (t.csrf_title, t.csrf_text.to_owned()),
            WebError::BadRequest => (t.bad_request_title, t.bad_request_text.to_owned()),
            WebError::PayloadTooLarge => (t.too_large_title, t.too_large_text.to_owned()),
            WebError::RequestTimeout => (t.timeout_title, t.timeout_text.to_owned()),
            WebError::TooManyRequests(Some(message)) => (t.busy_title, message.clone()),
            WebError::TooManyRequests(None) | WebError::Unavailable => {
                (t.busy_title, t.busy_text.to_owned())
            }
            WebError::Store(_) | WebError::Internal(_) => {
                (t.server_error_title, t.server_error_text.to_owned())
            }
        }
    }
}

impl ResponseError for WebError {
    fn status_code(&self) -> StatusCode {
        match self {
            WebError::NotFound => StatusCode::NOT_FOUND,
            WebError::Forbidden | WebError::CsrfRejected => StatusCode::FORBIDDEN,
            WebError::BadRequest => StatusCode::BAD_REQUEST,
            WebError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            WebError::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            WebError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            WebError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            WebError::Store(_) | WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if matches!(self, WebError::Store(_) | WebError::Internal(_)) {
            tracing::error!(error = %self, "request failed");
        }
        // No request here, so no language: error pages are Dutch with an English line. The
        // error-page middleware (`error_pages`) puts the page into the full layout in the
        // visitor's language on the way out.
        let body = layout::error_page(self.title_and_text(Lang::Nl), self.title_and_text(Lang::En));
        let mut response = HttpResponse::build(self.status_code());
        response.content_type("text/html; charset=utf-8");
        match self {
            WebError::TooManyRequests(_) => {
                response.insert_header(("Retry-After", "60"));
            }
            // The rest of a slow body is not read; the connection cannot be reused.
            WebError::RequestTimeout => {
                response.insert_header((actix_web::http::header::CONNECTION, "close"));
            }
            // Overload and outages pass quickly; ask for a short wait.
            WebError::Unavailable => {
                response.insert_header(("Retry-After", "5"));
            }
            _ => {}
        }
        response.body(body.into_string())
    }
}
