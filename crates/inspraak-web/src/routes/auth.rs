//! Logging in (password, then the second factor) and out.
//!
//! Throttling is per account and per client address (both keyed hashes, so neither is stored),
//! in the database, so it holds across app instances and under concurrency: every attempt first
//! reserves a slot with one atomic statement (`throttle::take`), and only an attempt that got a
//! slot within the limit has its password checked. 100 parallel attempts therefore check at most
//! `MAX_FAILURES_PER_ACCOUNT` wrong passwords. Policy: a right password gives its own slot back
//! (a successful login does not count), but it does not wipe the earlier wrong ones: they count
//! until the window (15 minutes from the first) is over, so an attacker racing the real user
//! gets no fresh guesses from the user's login. A throttled attempt is refused before any
//! password work. Unknown addresses get the same message and the same argon2 work as wrong
//! passwords. The second step's codes follow the same policy per account.
//!
//! Every step up (password done, second factor done) ends the session it came from and starts a
//! new one with a new token: the session id rotates at login and at each change of privilege.

use super::{WebResult, html_with_status, see_other};
use crate::audit;
use crate::ctx::{Ctx, LOGIN_LIFETIMES, PENDING_LIFETIMES};
use crate::error::WebError;
use crate::flows::login::{self, Code, Login};
use crate::i18n::common::problem_message;
use crate::i18n::{account as account_texts, auth as texts};
use crate::views::account as account_view;
use crate::views::auth as view;
use crate::views::components::FormErrors;
use crate::visitor::{LOGGED_IN_COOKIE, cookie, visitor_cookie_name};
use actix_web::cookie::Cookie;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use inspraak_domain::{AuditAction, EmailError, Problem, Role, TextError};
use inspraak_store::login_sessions::{self, SessionOrigin, Stage};
use inspraak_store::users::User;
use maud::Markup;
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(login_page)
        .service(login_submit)
        .service(second_step_page)
        .service(second_step_submit)
        .service(logout);
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
    hersteld: Option<String>,
}

/// Only paths on this site: `/beheer`, never `//evil.example` or `https://…`.
pub fn safe_next(next: &str) -> Option<&str> {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control);
    ok.then_some(next)
}

use crate::ctx::client_address;

pub fn session_origin(ctx: &Ctx, req: &HttpRequest) -> SessionOrigin {
    SessionOrigin {
        user_agent: req
            .headers()
            .get("user-agent")
            .and_then(|v| v.to_str().ok())
            .map(|ua| ua.chars().take(200).collect()),
        address_range: ctx.client_range.clone(),
    }
}

/// Ends the current session (if any) and starts one at `stage`; returns the cookies that carry
/// the new session id.
pub async fn rotate_session(
    ctx: &Ctx,
    req: &HttpRequest,
    user: &User,
    stage: Stage,
) -> WebResult<[Cookie<'static>; 2]> {
    let conn = ctx.state.db.write();
    login_sessions::end(conn, &ctx.visitor_id).await?;
    let lifetimes = if stage == Stage::Full {
        LOGIN_LIFETIMES
    } else {
        PENDING_LIFETIMES
    };
    let token = login_sessions::start(
        conn,
        user.id,
        stage,
        &session_origin(ctx, req),
        ctx.now,
        lifetimes,
    )
    .await?;
    let https = ctx.state.settings.is_https();
    Ok([
        cookie(visitor_cookie_name(https), token, https),
        cookie(LOGGED_IN_COOKIE, "1".into(), https),
    ])
}

/// `rotate_session`, then a 303 to `location`.
pub async fn step_up(
    ctx: &Ctx,
    req: &HttpRequest,
    user: &User,
    stage: Stage,
    location: &str,
) -> WebResult<HttpResponse> {
    let mut response = HttpResponse::SeeOther();
    response.insert_header(("Location", location.to_owned()));
    for cookie in rotate_session(ctx, req, user, stage).await? {
        response.cookie(cookie);
    }
    Ok(response.finish())
}

fn default_landing(user: &User) -> &'static str {
    match user.role {
        Role::Organiser => "/beheer",
        Role::ForumMember => "/forum",
        Role::ActionHolder => "/actiehouder",
    }
}

#[get("/inloggen")]
async fn login_page(ctx: Ctx, query: web::Query<NextQuery>) -> Markup {
    let next = query.next.as_deref().and_then(safe_next).unwrap_or("");
    let notice = query
        .hersteld
        .is_some()
        .then_some(account_texts::texts(ctx.lang).reset_done);
    view::login(&ctx, "", next, &FormErrors::default(), notice)
}

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
    let next = safe_next(&form.next).unwrap_or("").to_owned();

    let fail = |message: &str, status: StatusCode| {
        let mut errors = FormErrors::default();
        errors.push("email", message.to_owned());
        html_with_status(status, view::login(&ctx, &form.email, &next, &errors, None))
    };

    // An empty field is a slip, not a login attempt: name the field, count nothing, hash nothing.
    let mut missing = FormErrors::default();
    if form.email.trim().is_empty() {
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

    let client = client_address(&req, ctx.state.settings.trust_proxy);
    let (user, has_second_factor) =
        match login::check_password(&ctx, &client, &form.email, &form.password).await? {
            Login::Verified {
                user,
                second_factor,
            } => (user, second_factor),
            Login::Throttled => return Ok(fail(t.login_throttled, StatusCode::TOO_MANY_REQUESTS)),
            Login::Failed => return Ok(fail(t.login_failed, StatusCode::UNAUTHORIZED)),
        };
    let (stage, location) = if has_second_factor {
        let query = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("next", &next)
            .finish();
        (Stage::SecondFactor, format!("/inloggen/code?{query}"))
    } else if user.role == Role::Organiser {
        (Stage::Enrol, "/account/tweestapsverificatie".to_owned())
    } else {
        let conn = ctx.state.db.write();
        audit::record(conn, &ctx, Some(&user), AuditAction::LoginSucceeded, None).await?;
        (
            Stage::Full,
            if next.is_empty() {
                default_landing(&user).to_owned()
            } else {
                next.clone()
            },
        )
    };
    step_up(&ctx, &req, &user, stage, &location).await
}

#[get("/inloggen/code")]
async fn second_step_page(ctx: Ctx, query: web::Query<NextQuery>) -> HttpResponse {
    if !matches!(ctx.pending, Some((_, Stage::SecondFactor))) {
        return see_other("/inloggen");
    }
    let next = query.next.as_deref().and_then(safe_next).unwrap_or("");
    html_with_status(
        StatusCode::OK,
        account_view::second_step(&ctx, next, &FormErrors::default()),
    )
}

#[derive(Deserialize)]
struct CodeForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    next: String,
}

#[post("/inloggen/code")]
async fn second_step_submit(
    ctx: Ctx,
    req: HttpRequest,
    form: web::Form<CodeForm>,
) -> WebResult<HttpResponse> {
    let Some((user, Stage::SecondFactor)) = ctx.pending.clone() else {
        return Ok(see_other("/inloggen"));
    };
    let t = account_texts::texts(ctx.lang);
    let next = safe_next(&form.next).unwrap_or("").to_owned();
    let fail = |message: &str, status: StatusCode| {
        let mut errors = FormErrors::default();
        errors.push("code", message.to_owned());
        html_with_status(status, account_view::second_step(&ctx, &next, &errors))
    };
    match login::check_code(&ctx, &user, &form.code).await? {
        Code::Accepted => {}
        Code::Throttled => return Ok(fail(t.code_throttled, StatusCode::TOO_MANY_REQUESTS)),
        Code::Wrong => return Ok(fail(t.code_wrong, StatusCode::UNAUTHORIZED)),
    }
    let location = if next.is_empty() {
        default_landing(&user).to_owned()
    } else {
        next
    };
    step_up(&ctx, &req, &user, Stage::Full, &location).await
}

#[post("/uitloggen")]
async fn logout(ctx: Ctx) -> WebResult<HttpResponse> {
    let https = ctx.state.settings.is_https();
    let conn = ctx.state.db.write();
    login_sessions::end(conn, &ctx.visitor_id).await?;
    if ctx.user.is_some() {
        audit::record(conn, &ctx, None, AuditAction::LoggedOut, None).await?;
    }
    let mut gone = Cookie::build(LOGGED_IN_COOKIE, "").path("/").finish();
    gone.make_removal();
    let mut response = see_other("/");
    response
        .add_cookie(&cookie(
            visitor_cookie_name(https),
            inspraak_store::tokens::new_token(),
            https,
        ))
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
