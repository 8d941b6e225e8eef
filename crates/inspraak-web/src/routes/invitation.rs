//! `/uitnodiging/{token}`: accepting an invitation to a staff account (organiser or action
//! holder). The link is the proof (single use, expiring, only its hash stored); the invitee
//! chooses a name and a password. An action holder is logged in at once and lands on their
//! home; an organiser goes on to enrol their second factor before any organiser page.

use crate::audit;
use crate::ctx::Ctx;
use crate::flows::accounts::{self as flow, Accepted};
use crate::i18n::accounts as texts;
use crate::routes::auth::step_up;
use crate::routes::{WebResult, html_with_status};
use crate::views::components::FormErrors;
use crate::views::invitation as view;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use inspraak_domain::ideas::NewMember;
use inspraak_domain::{AuditAction, Role};
use inspraak_store::login_sessions::Stage;
use std::collections::HashMap;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(invitation_page).service(accept);
}

fn gone(ctx: &Ctx) -> HttpResponse {
    html_with_status(StatusCode::GONE, view::invalid(ctx))
}

#[get("/uitnodiging/{token}")]
async fn invitation_page(ctx: Ctx, token: web::Path<String>) -> WebResult<HttpResponse> {
    Ok(match flow::open_invitation(&ctx, &token).await? {
        Some(invitation) => {
            let page = view::accept(
                &ctx,
                &token,
                &invitation,
                &HashMap::new(),
                &FormErrors::default(),
            );
            html_with_status(StatusCode::OK, page)
        }
        None => gone(&ctx),
    })
}

#[post("/uitnodiging/{token}")]
async fn accept(
    ctx: Ctx,
    req: HttpRequest,
    token: web::Path<String>,
    form: web::Form<HashMap<String, String>>,
) -> WebResult<HttpResponse> {
    let Some(invitation) = flow::open_invitation(&ctx, &token).await? else {
        return Ok(gone(&ctx));
    };
    let values = form.into_inner();
    let get = |name: &str| values.get(name).map_or("", String::as_str);
    let member = match NewMember::parse(get("name"), get("organisation"), get("password")) {
        Ok(member) => member,
        Err(errors) => {
            let t = texts::texts(ctx.lang);
            let errors = FormErrors::from_fields(ctx.lang, &errors, |field| {
                match field {
                    "name" => t.name,
                    "organisation" => t.organisation,
                    _ => t.password,
                }
                .to_owned()
            });
            let again = view::accept(&ctx, &token, &invitation, &values, &errors);
            return Ok(html_with_status(StatusCode::UNPROCESSABLE_ENTITY, again));
        }
    };
    let user = match flow::accept(&ctx, &invitation, &member).await? {
        Accepted::Account(user) => user,
        Accepted::Gone => return Ok(gone(&ctx)),
    };
    // The password was chosen a moment ago: an organiser goes straight on to the second
    // factor (the enrolment stage, as after a first login); an action holder is logged in.
    if user.role == Role::Organiser {
        return step_up(
            &ctx,
            &req,
            &user,
            Stage::Enrol,
            "/account/tweestapsverificatie",
        )
        .await;
    }
    let action = AuditAction::LoginSucceeded;
    audit::record(ctx.state.db.write(), &ctx, Some(&user), action, None).await?;
    step_up(&ctx, &req, &user, Stage::Full, "/actiehouder").await
}
