//! One's own account: two-step enrolment, active sessions, password change.

use super::auth::rotate_session;
use super::{WebResult, html_with_status, see_other};
use crate::audit;
use crate::auth::totp;
use crate::ctx::{Ctx, LOGIN_LIFETIMES};
use crate::error::WebError;
use crate::flows::login;
use crate::i18n::account as texts;
use crate::views::account::{self as view, AccountPage, Enrolment};
use crate::views::components::FormErrors;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use inspraak_domain::{AuditAction, NewPassword};
use inspraak_store::login_sessions::{self, Stage};
use inspraak_store::users::User;
use inspraak_store::{second_factor, users};
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(enrol_page)
        .service(enrol_submit)
        .service(account_page)
        .service(end_other_sessions)
        .service(change_password);
}

/// Who may set up two-step verification: a logged-in account, or one that must enrol first.
fn enrolling_user(ctx: &Ctx) -> Option<(User, bool)> {
    match (&ctx.user, &ctx.pending) {
        (Some(user), _) => Some((user.clone(), false)),
        (None, Some((user, Stage::Enrol))) => Some((user.clone(), true)),
        _ => None,
    }
}

fn internal(e: impl std::fmt::Display) -> WebError {
    WebError::Internal(e.to_string())
}

async fn render_enrolment(
    ctx: &Ctx,
    user: &User,
    required: bool,
    errors: &FormErrors,
) -> WebResult<HttpResponse> {
    let conn = ctx.state.db.write();
    let secret = match second_factor::find(conn, user.id).await? {
        Some(credential) if credential.confirmed => {
            let unused = second_factor::unused_recovery_codes(conn, user.id).await?;
            return Ok(html_with_status(
                StatusCode::OK,
                view::already_enrolled(ctx, unused),
            ));
        }
        Some(credential) => ctx
            .state
            .secret_box
            .open(&credential.secret_ciphertext)
            .map_err(internal)?,
        None => {
            let secret = totp::new_secret().map_err(internal)?;
            let sealed = ctx.state.secret_box.seal(&secret).map_err(internal)?;
            second_factor::save_unconfirmed(conn, user.id, &sealed, ctx.now).await?;
            secret
        }
    };
    let url = totp::otpauth_url(&secret, &user.email, &ctx.state.settings.house.site_name)
        .map_err(internal)?;
    let qr = totp::qr_svg(&url).map_err(internal)?;
    let shown = totp::secret_for_display(&secret, &user.email).map_err(internal)?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(html_with_status(
        status,
        view::enrol(
            ctx,
            Enrolment {
                required,
                qr_svg: &qr,
                secret: &shown,
            },
            errors,
        ),
    ))
}

#[get("/account/tweestapsverificatie")]
async fn enrol_page(ctx: Ctx) -> WebResult<HttpResponse> {
    let Some((user, required)) = enrolling_user(&ctx) else {
        return Ok(see_other(
            "/inloggen?next=%2Faccount%2Ftweestapsverificatie",
        ));
    };
    render_enrolment(&ctx, &user, required, &FormErrors::default()).await
}

#[derive(Deserialize)]
struct CodeForm {
    #[serde(default)]
    code: String,
}

#[post("/account/tweestapsverificatie")]
async fn enrol_submit(
    ctx: Ctx,
    req: HttpRequest,
    form: web::Form<CodeForm>,
) -> WebResult<HttpResponse> {
    let Some((user, required)) = enrolling_user(&ctx) else {
        return Ok(see_other("/inloggen"));
    };
    let codes = match login::confirm_enrolment(&ctx, &user, &form.code).await? {
        login::Enrolment::Enrolled { recovery_codes } => recovery_codes,
        login::Enrolment::NotPending => return Ok(see_other("/account/tweestapsverificatie")),
        login::Enrolment::Wrong => {
            let mut errors = FormErrors::default();
            errors.push("code", texts::texts(ctx.lang).code_wrong.to_owned());
            return render_enrolment(&ctx, &user, required, &errors).await;
        }
    };
    // The codes are shown once, on this response. An enrolling login steps up to a full
    // session at the same time (new session id), so "Verder" leads straight in.
    let landing = if user.role == inspraak_domain::Role::Organiser {
        "/beheer"
    } else {
        "/account"
    };
    let page = view::recovery_codes(&ctx, &codes, landing).into_string();
    let mut response = HttpResponse::Ok();
    if required {
        let conn = ctx.state.db.write();
        audit::record(conn, &ctx, Some(&user), AuditAction::LoginSucceeded, None).await?;
        for cookie in rotate_session(&ctx, &req, &user, Stage::Full).await? {
            response.cookie(cookie);
        }
    }
    Ok(response.content_type("text/html; charset=utf-8").body(page))
}

/// Where an anonymous visitor of an account page is sent.
fn to_login() -> HttpResponse {
    see_other("/inloggen?next=%2Faccount")
}

async fn render_account(
    ctx: &Ctx,
    user: &User,
    notice: Option<&str>,
    errors: &FormErrors,
) -> WebResult<HttpResponse> {
    let conn = ctx.state.db.read();
    let sessions =
        login_sessions::list_for_user(conn, user.id, &ctx.visitor_id, ctx.now, LOGIN_LIFETIMES)
            .await?;
    let two_step_on = second_factor::find(conn, user.id)
        .await?
        .is_some_and(|c| c.confirmed);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(html_with_status(
        status,
        view::account(
            ctx,
            AccountPage {
                sessions: &sessions,
                two_step_on,
                notice,
                errors,
            },
        ),
    ))
}

#[derive(Deserialize)]
struct NoticeQuery {
    melding: Option<String>,
}

#[get("/account")]
async fn account_page(ctx: Ctx, query: web::Query<NoticeQuery>) -> WebResult<HttpResponse> {
    let Some(user) = ctx.user.clone() else {
        return Ok(to_login());
    };
    let t = texts::texts(ctx.lang);
    let notice = match query.melding.as_deref() {
        Some("uitgelogd") => Some(t.ended_others),
        Some("wachtwoord") => Some(t.password_changed),
        _ => None,
    };
    render_account(&ctx, &user, notice, &FormErrors::default()).await
}

#[post("/account/sessies/beeindigen")]
async fn end_other_sessions(ctx: Ctx) -> WebResult<HttpResponse> {
    let Some(user) = ctx.user.clone() else {
        return Ok(to_login());
    };
    let conn = ctx.state.db.write();
    let ended = login_sessions::end_others(conn, user.id, &ctx.visitor_id).await?;
    audit::record(
        conn,
        &ctx,
        None,
        AuditAction::LoggedOutEverywhere,
        Some(format!("{ended} sessions")),
    )
    .await?;
    Ok(see_other("/account?melding=uitgelogd"))
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

#[post("/account/wachtwoord")]
async fn change_password(ctx: Ctx, form: web::Form<PasswordForm>) -> WebResult<HttpResponse> {
    let Some(user) = ctx.user.clone() else {
        return Ok(to_login());
    };
    let t = texts::texts(ctx.lang);
    let email = inspraak_domain::Email::parse(&user.email).map_err(internal)?;
    let credentials = users::credentials_by_email(ctx.state.db.read(), &email)
        .await?
        .ok_or(WebError::NotFound)?;
    let mut errors = FormErrors::default();
    let current_ok = ctx
        .state
        .passwords
        .verify(&form.current_password, Some(&credentials.password_hash))
        .await
        .map_err(internal)?;
    if !current_ok {
        errors.push("current_password", t.current_password_wrong.to_owned());
    }
    let new_password = match NewPassword::parse(&form.new_password) {
        Ok(password) => Some(password),
        Err(problem) => {
            let label = t.new_password;
            errors.push(
                "new_password",
                crate::i18n::common::problem_message(ctx.lang, problem.into(), label),
            );
            None
        }
    };
    let (Some(new_password), true) = (new_password, errors.is_empty()) else {
        return render_account(&ctx, &user, None, &errors).await;
    };
    let hash = ctx
        .state
        .passwords
        .hash(new_password.expose())
        .await
        .map_err(internal)?;
    let conn = ctx.state.db.write();
    users::set_password_hash(conn, user.id, &hash).await?;
    login_sessions::end_others(conn, user.id, &ctx.visitor_id).await?;
    audit::record(conn, &ctx, None, AuditAction::PasswordChanged, None).await?;
    Ok(see_other("/account?melding=wachtwoord"))
}
