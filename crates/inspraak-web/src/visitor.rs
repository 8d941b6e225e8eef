//! The visitor middleware: every request gets a random visitor id in a cookie, a language, and —
//! for every state-changing request — a CSRF verdict.
//!
//! CSRF: the token in a form is the HMAC of the visitor id under the secret key. A POST without
//! it, with a token of another visitor, or from a foreign origin is refused with 403 before any
//! handler runs. The few forms where losing typed input would hurt (see `handles_csrf_itself`)
//! get the verdict instead and show the form again with a fresh token.
//!
//! The visitor id doubles as the login session token: logging in replaces it with a new value
//! that has a row in `login_sessions` (so the id changes at login), logging out with a fresh one.

use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use actix_web::HttpMessage;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::Next;
use actix_web::web::{Bytes, BytesMut, Data};
use futures_util::StreamExt;
use std::time::Duration;

/// Largest form body accepted; bigger requests get 413 before they are read to the end.
pub const MAX_FORM_BYTES: usize = 256 * 1024;

pub const LANG_COOKIE: &str = "inspraak_lang";
/// Set while logged in, so anonymous page views never look up a login session.
pub const LOGGED_IN_COOKIE: &str = "inspraak_account";

/// The visitor cookie's name: `__Host-` prefixed on https, where browsers then refuse to let any
/// other site or subdomain set it.
pub fn visitor_cookie_name(https: bool) -> &'static str {
    if https {
        "__Host-inspraak"
    } else {
        "inspraak_visitor"
    }
}

/// What the middleware learned about a request, for `Ctx` and handlers.
#[derive(Clone, Debug)]
pub struct Visitor {
    pub id: String,
    pub lang: Lang,
    pub logged_in_hint: bool,
    /// `None` for safe methods, otherwise whether the CSRF token was right.
    pub csrf_ok: Option<bool>,
}

/// Public forms that show themselves again, with everything typed, when the CSRF check fails.
/// Their handlers must check `Ctx::csrf_ok` before changing anything.
fn handles_csrf_itself(path: &str) -> bool {
    (path.starts_with("/processen/") && path.contains("/consultatie/"))
        || crate::routes::session::handles_csrf_itself(path)
        || crate::routes::publications::handles_csrf_itself(path)
        || crate::routes::ideas::handles_csrf_itself(path)
        || crate::routes::forum_requests::handles_csrf_itself(path)
        || crate::routes::traceability::handles_csrf_itself(path)
        || crate::routes::contact::handles_csrf_itself(path)
        || crate::routes::print_orders::handles_csrf_itself(path)
}

pub fn cookie(name: &'static str, value: String, https: bool) -> Cookie<'static> {
    Cookie::build(name, value)
        .path("/")
        .http_only(true)
        .secure(https)
        .same_site(SameSite::Lax)
        .finish()
}

/// True when the request comes from another site, judged by `Sec-Fetch-Site` or `Origin`.
fn is_cross_site(req: &ServiceRequest, base_url: &str) -> bool {
    if let Some(site) = req
        .headers()
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        && site == "cross-site"
    {
        return true;
    }
    match req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
    {
        None => false,
        Some(origin) => {
            let host = req.connection_info().host().to_owned();
            let same_as_host =
                origin == format!("http://{host}") || origin == format!("https://{host}");
            !(same_as_host || origin == base_url)
        }
    }
}

/// Reads a form body, refusing one that is too large or arrives too slowly: the whole body
/// within `limit`, and never a pause of `limit` between two parts of it. A client that sends a
/// `Content-Length` and then a trickle (or nothing) is cut off instead of holding a place.
async fn read_body(req: &mut ServiceRequest, limit: Duration) -> Result<Bytes, WebError> {
    if let Some(length) = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
        && length > MAX_FORM_BYTES
    {
        return Err(WebError::PayloadTooLarge);
    }
    let mut payload = req.take_payload();
    let read = async {
        let mut body = BytesMut::new();
        loop {
            let chunk = match tokio::time::timeout(limit, payload.next()).await {
                Err(_) => return Err(WebError::RequestTimeout),
                Ok(None) => return Ok(body.freeze()),
                Ok(Some(chunk)) => chunk.map_err(|_| WebError::BadRequest)?,
            };
            if body.len() + chunk.len() > MAX_FORM_BYTES {
                return Err(WebError::PayloadTooLarge);
            }
            body.extend_from_slice(&chunk);
        }
    };
    tokio::time::timeout(limit, read)
        .await
        .unwrap_or(Err(WebError::RequestTimeout))
}

/// Form values must decode to valid UTF-8; the usual decoders would quietly swap bad bytes for
/// U+FFFD and store them.
fn form_is_valid_utf8(body: &[u8]) -> bool {
    body.split(|b| *b == b'&')
        .flat_map(|pair| pair.split(|b| *b == b'='))
        .all(|part| percent_encoding::percent_decode(part).decode_utf8().is_ok())
}

fn csrf_token_in_form(body: &[u8]) -> Option<String> {
    url::form_urlencoded::parse(body)
        .find(|(key, _)| key == "csrf_token")
        .map(|(_, value)| value.into_owned())
}

pub async fn middleware(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let Some(state) = req.app_data::<Data<AppState>>().cloned() else {
        return Err(WebError::Internal("application state missing".into()).into());
    };
    let https = state.settings.is_https();
    let cookie_name = visitor_cookie_name(https);

    let existing = req
        .cookie(cookie_name)
        .map(|c| c.value().to_owned())
        .filter(|v| inspraak_store::tokens::is_token(v));
    let (id, new_id) = match existing {
        Some(id) => (id, false),
        None => (inspraak_store::tokens::new_token(), true),
    };

    let query_lang = url::form_urlencoded::parse(req.query_string().as_bytes())
        .find(|(key, _)| key == "lang")
        .and_then(|(_, value)| Lang::parse(&value));
    let lang = query_lang
        .or_else(|| req.cookie(LANG_COOKIE).and_then(|c| Lang::parse(c.value())))
        .unwrap_or_default();
    let logged_in_hint = req.cookie(LOGGED_IN_COOKIE).is_some();

    // A CORS preflight to the open-data API: any site may read it, with GET or HEAD.
    if *req.method() == Method::OPTIONS && crate::problem::is_api(req.path()) {
        let response = actix_web::HttpResponse::NoContent()
            .insert_header(("Allow", "GET, HEAD"))
            .insert_header(("Access-Control-Allow-Origin", "*"))
            .insert_header(("Access-Control-Allow-Methods", "GET, HEAD"))
            .insert_header(("Access-Control-Max-Age", "86400"))
            .finish();
        return Ok(req.into_response(response));
    }
    let csrf_ok = if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        None
    } else {
        // The open-data API only reads: any other method is 405, before CSRF is looked at.
        if crate::problem::is_api(req.path()) {
            let response =
                crate::problem::response(actix_web::http::StatusCode::METHOD_NOT_ALLOWED, None);
            return Ok(req.into_response(response));
        }
        if is_cross_site(&req, &state.settings.base_url) {
            let response =
                crate::error_pages::in_visitor(req.request(), &id, WebError::CsrfRejected);
            return Ok(req.into_response(response));
        }
        let is_form = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        let token = if is_form {
            let body = match read_body(&mut req, state.settings.traffic.body_timeout).await {
                Ok(body) => body,
                Err(error) => {
                    let response = crate::error_pages::in_visitor(req.request(), &id, error);
                    return Ok(req.into_response(response));
                }
            };
            if !form_is_valid_utf8(&body) {
                let response =
                    crate::error_pages::in_visitor(req.request(), &id, WebError::BadRequest);
                return Ok(req.into_response(response));
            }
            let token = csrf_token_in_form(&body);
            req.set_payload(Payload::from(body));
            token
        } else {
            req.headers()
                .get("x-csrf-token")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let ok = !new_id && token.is_some_and(|token| state.keys.verify("csrf", &id, &token));
        if !ok && !handles_csrf_itself(req.path()) {
            // No path in the log: it can hold a token from a mailed link.
            tracing::info!(
                method = %req.method(),
                "refused a state change without a valid CSRF token"
            );
            let response =
                crate::error_pages::in_visitor(req.request(), &id, WebError::CsrfRejected);
            return Ok(req.into_response(response));
        }
        Some(ok)
    };

    req.extensions_mut().insert(Visitor {
        id: id.clone(),
        lang,
        logged_in_hint,
        csrf_ok,
    });
    let mut response = next.call(req).await?.map_into_boxed_body();

    // A handler that set the visitor cookie itself (login, logout) has the last word.
    let handler_set_it = response
        .response()
        .cookies()
        .any(|c| c.name() == cookie_name);
    // The open-data API is read by programs and other sites: it keeps no state, so no cookies.
    if crate::problem::is_api(response.request().path()) {
        return Ok(response);
    }
    if new_id && !handler_set_it {
        response
            .response_mut()
            .add_cookie(&cookie(cookie_name, id, https))?;
    }
    if let Some(lang) = query_lang {
        let mut lang_cookie = cookie(LANG_COOKIE, lang.code().to_owned(), https);
        lang_cookie.set_max_age(actix_web::cookie::time::Duration::days(365));
        response.response_mut().add_cookie(&lang_cookie)?;
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_csrf_field_is_found_among_others() {
        assert_eq!(
            csrf_token_in_form(b"a=1&csrf_token=abc%2B&b=2"),
            Some("abc+".into())
        );
        assert_eq!(csrf_token_in_form(b"a=1"), None);
    }

    #[test]
    fn invalid_utf8_in_a_form_is_noticed() {
        assert!(form_is_valid_utf8(b"title=caf%C3%A9&x=1"));
        assert!(!form_is_valid_utf8(b"title=%C3%28"));
        assert!(!form_is_valid_utf8(b"%FF=1"));
    }
}
