//! "Forgot your password": a mailed link, single use, one hour. The page after asking is the
//! same whether the address has an account or not, so nobody learns which addresses do.
//!
//! Setting the new password checks the link first (a hash lookup) and hashes the new password
//! only for a live link, so fake links cost no argon2 work. Attempts are throttled per client
//! address and per link with the same atomic database throttle as logins (`throttle::take`).

use super::{WebResult, html_with_status, see_other};
use crate::audit;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::i18n::{account as texts, common, fill};
use crate::views::account as view;
use crate::views::components::FormErrors;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::Duration;
use inspraak_domain::{AuditAction, Email, NewPassword};
use inspraak_store::outbox::{self, NewMail};
use inspraak_store::{login_sessions, password_resets, throttle, users};
use serde::Deserialize;

const RESET_VALID_MINUTES: i64 = 60;
/// Requests per client address per 15 minutes before further ones are silently not mailed.
const MAX_REQUESTS_PER_ADDRESS: u64 = 10;
/// Attempts to set a password through a link, per client address per 15 minutes.
pub const MAX_RESET_ATTEMPTS_PER_ADDRESS: u64 = 20;
/// Attempts per link per 15 minutes (a weak password refused counts).
pub const MAX_RESET_ATTEMPTS_PER_LINK: u64 = 5;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(forgot_page)
        .service(forgot_submit)
        .service(reset_page)
        .service(reset_submit);
}

#[get("/wachtwoord-vergeten")]
async fn forgot_page(ctx: Ctx) -> maud::Markup {
    view::forgot(&ctx, "", &FormErrors::default(), false)
}

#[derive(Deserialize)]
struct ForgotForm {
    #[serde(default)]
    email: String,
}

#[post("/wachtwoord-vergeten")]
async fn forgot_submit(
    ctx: Ctx,
    req: HttpRequest,
    form: web::Form<ForgotForm>,
) -> WebResult<HttpResponse> {
    let t = texts::texts(ctx.lang);
    let email = match Email::parse(&form.email) {
        Ok(email) => email,
        Err(problem) => {
            let mut errors = FormErrors::default();
            errors.push(
                "email",
                common::problem_message(
                    ctx.lang,
                    problem.into(),
                    crate::i18n::auth::texts(ctx.lang).email,
                ),
            );
            return Ok(html_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                view::forgot(&ctx, &form.email, &errors, false),
            ));
        }
    };
    let state = &ctx.state;
    let address_key = format!(
        "reset:{}",
        state.keys.hash(
            "throttle-address",
            &crate::ctx::client_address(&req, state.settings.trust_proxy)
        )
    );
    let window = Duration::minutes(super::auth::THROTTLE_WINDOW_MINUTES);
    let allowed = throttle::take(state.db.write(), &address_key, window, ctx.now)
        .await?
        .within(MAX_REQUESTS_PER_ADDRESS);
    let txn = state.db.begin().await?;
    if allowed && let Some(credentials) = users::credentials_by_email(&txn, &email).await? {
        let token = password_resets::create(
            &txn,
            credentials.user.id,
            ctx.now,
            Duration::minutes(RESET_VALID_MINUTES),
        )
        .await?;
        let link = format!("{}/wachtwoord-herstellen/{token}", state.settings.base_url);
        let mail = NewMail {
            recipient: email.clone(),
            subject: fill(
                t.reset_mail_subject,
                &[("site", &state.settings.house.site_name)],
            ),
            body_text: fill(
                t.reset_mail_body,
                &[("link", &link), ("site", &state.settings.house.site_name)],
            ),
            attachment: None,
            dedupe_key: None,
        };
        outbox::enqueue(&txn, &mail, ctx.now).await?;
        audit::record(
            &txn,
            &ctx,
            Some(&credentials.user),
            AuditAction::PasswordResetRequested,
            None,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(html_with_status(
        StatusCode::OK,
        view::forgot(&ctx, "", &FormErrors::default(), true),
    ))
}

#[get("/wachtwoord-herstellen/{token}")]
async fn reset_page(ctx: Ctx, token: web::Path<String>) -> WebResult<HttpResponse> {
    if password_resets::peek(ctx.state.db.read(), &token, ctx.now)
        .await?
        .is_none()
    {
        return Ok(html_with_status(
            StatusCode::NOT_FOUND,
            view::reset_invalid(&ctx),
        ));
    }
    Ok(html_with_status(
        StatusCode::OK,
        view::reset(&ctx, &token, &FormErrors::default()),
    ))
}

#[derive(Deserialize)]
struct ResetForm {
    #[serde(default)]
    new_password: String,
}

#[post("/wachtwoord-herstellen/{token}")]
async fn reset_submit(
    ctx: Ctx,
    req: HttpRequest,
    token: web::Path<String>,
    form: web::Form<ResetForm>,
) -> WebResult<HttpResponse> {
    let t = texts::texts(ctx.lang);
    let state = &ctx.state;
    let window = Duration::minutes(super::auth::THROTTLE_WINDOW_MINUTES);
    let address_key = format!(
        "reset-attempt:{}",
        state.keys.hash(
            "throttle-address",
            &crate::ctx::client_address(&req, state.settings.trust_proxy)
        )
    );
    if !throttle::take(state.db.write(), &address_key, window, ctx.now)
        .await?
        .within(MAX_RESET_ATTEMPTS_PER_ADDRESS)
    {
        return Err(WebError::TooManyRequests(None));
    }
    // The link first: a hash lookup, before any password work.
    if password_resets::peek(state.db.read(), &token, ctx.now)
        .await?
        .is_none()
    {
        return Ok(html_with_status(
            StatusCode::NOT_FOUND,
            view::reset_invalid(&ctx),
        ));
    }
    let link_key = format!("reset-link:{}", inspraak_store::tokens::hash_token(&token));
    if !throttle::take(state.db.write(), &link_key, window, ctx.now)
        .await?
        .within(MAX_RESET_ATTEMPTS_PER_LINK)
    {
        return Err(WebError::TooManyRequests(None));
    }
    let password = match NewPassword::parse(&form.new_password) {
        Ok(password) => password,
        Err(problem) => {
            let mut errors = FormErrors::default();
            errors.push(
                "new_password",
                common::problem_message(ctx.lang, problem.into(), t.new_password),
            );
            return Ok(html_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                view::reset(&ctx, &token, &errors),
            ));
        }
    };
    // Hash before the transaction: argon2 is slow and SQLite has one writer.
    let hash = ctx
        .state
        .passwords
        .hash(password.expose())
        .await
        .map_err(|e| WebError::Internal(e.to_string()))?;
    let txn = ctx.state.db.begin().await?;
    let Some(user_id) = password_resets::consume(&txn, &token, ctx.now).await? else {
        return Ok(html_with_status(
            StatusCode::NOT_FOUND,
            view::reset_invalid(&ctx),
        ));
    };
    users::set_password_hash(&txn, user_id, &hash).await?;
    login_sessions::end_all_for_user(&txn, user_id).await?;
    let user = users::find(&txn, user_id).await?;
    audit::record(
        &txn,
        &ctx,
        user.as_ref(),
        AuditAction::PasswordResetCompleted,
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(see_other("/inloggen?hersteld=1"))
}
