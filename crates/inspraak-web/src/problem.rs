//! Errors of the open-data API (everything under `/api`) as RFC 9457 problem details: English,
//! `application/problem+json`, readable from any site. Outside `routes/` so that the error and
//! visitor middleware can answer with them without naming the routes.

use crate::error::WebError;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

/// Every path under this prefix is the API: errors as problem details, no cookies.
pub const PREFIX: &str = "/api/";

pub fn is_api(path: &str) -> bool {
    path.starts_with(PREFIX) || path == "/api"
}

/// An error, as RFC 9457 problem details (`application/problem+json`).
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "about:blank", "title": "Page not found", "status": 404,
    "detail": "There is nothing at this address."
}))]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
}

/// An error under `/api` as problem details in English (the API's language), readable from any
/// site. `error` is the handler's error when it was a `WebError`; other errors (a path that does
/// not parse, a method not allowed) are described by their status.
pub fn response(status: StatusCode, error: Option<&WebError>) -> HttpResponse {
    let (title, detail) = match error {
        Some(error) => {
            let (title, text) = error.title_and_text(crate::i18n::Lang::En);
            (title.to_owned(), text)
        }
        None => {
            let reason = status.canonical_reason().unwrap_or("Error").to_owned();
            (reason.clone(), format!("{reason}."))
        }
    };
    let body = Problem {
        kind: "about:blank".into(),
        title,
        status: status.as_u16(),
        detail,
    };
    let mut response = match error {
        // Status and headers (`Retry-After`) as the error sets them.
        Some(error) => error.error_response(),
        None => HttpResponse::new(status),
    };
    let headers = response.headers_mut();
    if status == StatusCode::METHOD_NOT_ALLOWED {
        headers.insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
    }
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    let json = serde_json::to_string(&body).unwrap_or_default();
    response.set_body(actix_web::body::BoxBody::new(json))
}
