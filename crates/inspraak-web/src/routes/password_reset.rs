//! "Forgot your password": a mailed link, single use, one hour. The page after asking is the
//! same whether the address has an account or not, so nobody learns which addresses do.
//!
//! Setting the new password checks the link first (a hash lookup) and hashes the new password
//! only for a live link, so fake links cost no argon2 work. Attempts are throttled per client
//! address and per link with the same atomic database throttle as logins (`throttle::take`).

use super::{WebResult, html_with_status, see_other};
use crate::ctx::{Ctx, client_address};
use crate::flows::password_reset::{self as flows, Reset};
use crate::i18n::{account as texts, common};
use crate::views::account as view;
use crate::views::components::FormErrors;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use inspraak_domain::Email;
use inspraak_store::password_resets;
use serde::Deserialize;

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
    let client = client_address(&req, ctx.state.settings.trust_proxy);
    flows::request(&ctx, &client, &email).await?;
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
    let client = client_address(&req, ctx.state.settings.trust_proxy);
    match flows::reset(&ctx, &client, &token, &form.new_password).await? {
        Reset::Done => Ok(see_other("/inloggen?hersteld=1")),
        Reset::InvalidLink => Ok(html_with_status(
            StatusCode::NOT_FOUND,
            view::reset_invalid(&ctx),
        )),
        Reset::Refused(problem) => {
            let t = texts::texts(ctx.lang);
            let mut errors = FormErrors::default();
            errors.push(
                "new_password",
                common::problem_message(ctx.lang, problem, t.new_password),
            );
            Ok(html_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                view::reset(&ctx, &token, &errors),
            ))
        }
    }
}
