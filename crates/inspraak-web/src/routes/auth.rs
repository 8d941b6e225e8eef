//! Logging in and out.
//!
//! Throttling counts failures in the database per account and per client address (both keyed
//! hashes, so neither is stored), which holds across app instances. The check comes before the
//! password is verified, so a throttled account cannot be probed at all. Unknown addresses get
//! the same message and the same argon2 work as wrong passwords.

use super::{WebResult, html_with_status, see_other};
use crate::ctx::{Ctx, LOGIN_LIFETIMES};
use crate::error::WebError;
use crate::i18n::auth as texts;
use crate::i18n::common::problem_message;
use crate::views::auth as view;
use crate::views::components::FormErrors;
use crate::visitor::{LOGGED_IN_COOKIE, cookie, visitor_cookie_name};
use actix_web::cookie::Cookie;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::Duration;
use inspraak_domain::{Email, EmailError, Problem, Role, TextError};
use inspraak_store::{login_sessions, throttle, users};
use serde::Deserialize;

pub const MAX_FAILURES_PER_ACCOUNT: u64 = 5;
pub const MAX_FAILURES_PER_ADDRESS: u64 = 50;
const THROTTLE_WINDOW_MINUTES: i64 = 15;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(login_page)
        .service(login_submit)
        .service(logout);
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
}

/// Only paths on this site: `/beheer`, never `//evil.example` or `https://…`.
pub fn safe_next(next: &str) -> Option<&str> {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control);
    ok.then_some(next)
}

/// The client's address: the peer, or the first `X-Forwarded-For` hop behind a trusted proxy.
pub fn client_address(req: &HttpRequest, trust_proxy: bool) -> String {
    if trust_proxy
        && let Some(forwarded) = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
        && let Some(first) = forwarded.split(',').next()
    {
        return first.trim().to_owned();
    }
    req.peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default()
}

#[get("/inloggen")]
async fn login_page(ctx: Ctx, query: web::Query<NextQuery>) -> Markup {
    let next = query.next.as_deref().and_then(safe_next).unwrap_or("");
    view::login(&ctx, "", next, &FormErrors::default(), None)
}

use maud::Markup;

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

#[post("/inloggen")]
async fn login_submit(
    ctx: Ctx,
    req: HttpRequest,
    form: web::Form<LoginForm>,
) -> WebResult<HttpResponse> {
    let t = texts::texts(ctx.lang);
    let state = ctx.state.clone();
    let conn = state.db.write();
    let next = safe_next(&form.next).unwrap_or("").to_owned();
    let typed_email = form.email.trim().to_lowercase();
    let account_key = format!(
        "account:{}",
        state.keys.hash("throttle-account", &typed_email)
    );
    let address_key = format!(
        "address:{}",
        state.keys.hash(
            "throttle-address",
            &client_address(&req, state.settings.trust_proxy)
        )
    );
    let since = ctx.now - Duration::minutes(THROTTLE_WINDOW_MINUTES);

    let fail = |message: &str, status: StatusCode| {
        let mut errors = FormErrors::default();
        errors.push("email", message.to_owned());
        html_with_status(status, view::login(&ctx, &form.email, &next, &errors, None))
    };

    // An empty field is a slip, not a login attempt: name the field, count nothing, hash nothing.
    let mut missing = FormErrors::default();
    if typed_email.is_empty() {
        let problem = Problem::Email(EmailError::Empty);
        missing.push("email", problem_message(ctx.lang, problem, t.email));
    }
    if form.password.is_empty() {
        let problem = Problem::Text(TextError::Empty);
        missing.push("password", problem_message(ctx.lang, problem, t.password));
    }
    if !missing.is_empty() {
        let page = view::login(&ctx, &form.email, &next, &missing, None);
        return Ok(html_with_status(StatusCode::UNPROCESSABLE_ENTITY, page));
    }

    if throttle::failures_since(conn, &account_key, since).await? >= MAX_FAILURES_PER_ACCOUNT
        || throttle::failures_since(conn, &address_key, since).await? >= MAX_FAILURES_PER_ADDRESS
    {
        tracing::warn!("login throttled");
        return Ok(fail(t.login_throttled, StatusCode::TOO_MANY_REQUESTS));
    }

    let credentials = match Email::parse(&form.email) {
        Ok(email) => users::credentials_by_email(conn, &email).await?,
        Err(_) => None,
    };
    let verified = state
        .passwords
        .verify(
            &form.password,
            credentials.as_ref().map(|c| c.password_hash.as_str()),
        )
        .await
        .map_err(|e| WebError::Internal(e.to_string()))?;

    let Some(credentials) = credentials.filter(|_| verified) else {
        throttle::record_failure(conn, &account_key, ctx.now).await?;
        throttle::record_failure(conn, &address_key, ctx.now).await?;
        tracing::info!("login failed");
        return Ok(fail(t.login_failed, StatusCode::UNAUTHORIZED));
    };

    throttle::clear(conn, &account_key).await?;
    // The old visitor id may have been seen by others; the session gets a brand-new one.
    let token = login_sessions::start(conn, credentials.user.id, ctx.now, LOGIN_LIFETIMES).await?;
    tracing::info!(user = %credentials.user.id, "login succeeded");

    let https = state.settings.is_https();
    let default_next = if credentials.user.role == Role::Organiser {
        "/beheer"
    } else {
        "/"
    };
    let location = if next.is_empty() {
        default_next.to_owned()
    } else {
        next
    };
    Ok(HttpResponse::SeeOther()
        .insert_header(("Location", location))
        .cookie(cookie(visitor_cookie_name(https), token, https))
        .cookie(cookie(LOGGED_IN_COOKIE, "1".into(), https))
        .finish())
}

#[post("/uitloggen")]
async fn logout(ctx: Ctx, req: HttpRequest) -> WebResult<HttpResponse> {
    let https = ctx.state.settings.is_https();
    let name = visitor_cookie_name(https);
    if let Some(current) = req.cookie(name) {
        login_sessions::end(ctx.state.db.write(), current.value()).await?;
    }
    let mut gone = Cookie::build(LOGGED_IN_COOKIE, "").path("/").finish();
    gone.make_removal();
    let mut response = see_other("/");
    response
        .add_cookie(&cookie(name, inspraak_store::tokens::new_token(), https))
        .map_err(|e| WebError::Internal(e.to_string()))?;
    response
        .add_cookie(&gone)
        .map_err(|e| WebError::Internal(e.to_string()))?;
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_internal_paths_are_followed_after_login() {
        assert_eq!(
            safe_next("/beheer/processen/1"),
            Some("/beheer/processen/1")
        );
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "beheer",
            "/a\r\nSet-Cookie: x",
        ] {
            assert_eq!(safe_next(bad), None, "{bad:?}");
        }
    }
}
