//! Asking to join the stakeholder forum: a public form (`/forum/aanmelden`, through the
//! public-form gate) and the organisers' queue (`/beheer/forum-aanvragen`) to invite or decline.

use crate::auth::guard::Organiser;
use crate::ctx::{Ctx, client_address};
use crate::error::WebError;
use crate::flows::forum_requests::{self as flow, Decided, RequestOutcome};
use crate::flows::public_form::{self, PublicForm, Refusal};
use crate::routes::{WebResult, html_with_status, see_other};
use crate::views::components::FormErrors;
use crate::views::forum_requests::{self as view, Notice, RequestForm};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use inspraak_domain::ideas::JoinRequest;
use inspraak_store::forum_requests;
use maud::Markup;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(form_page)
        .service(submit)
        .service(thanks)
        .service(queue)
        .service(decide);
}

pub const FORM_PATH: &str = "/forum/aanmelden";

/// The form shows itself again (everything typed kept) when its CSRF check fails.
pub fn handles_csrf_itself(path: &str) -> bool {
    path == FORM_PATH
}

fn gate(ctx: &Ctx) -> PublicForm<'_> {
    PublicForm::new(ctx, public_form::FORUM_REQUEST, "forum")
}

fn show(ctx: &Ctx, mut form: RequestForm, errors: &FormErrors, status: StatusCode) -> HttpResponse {
    form.gate.restamp(&gate(ctx), status != StatusCode::OK);
    html_with_status(status, view::request_form(ctx, &form, errors))
}

fn refused(ctx: &Ctx, form: RequestForm, refusal: Refusal) -> HttpResponse {
    let mut errors = FormErrors::default();
    let message = match refusal {
        Refusal::SessionExpired => crate::i18n::common::texts(ctx.lang).csrf_text,
        other => other.notice(ctx.lang),
    };
    errors.push("name", message.to_owned());
    show(ctx, form, &errors, refusal.status())
}

#[get("/forum/aanmelden")]
async fn form_page(ctx: Ctx) -> HttpResponse {
    show(
        &ctx,
        RequestForm::default(),
        &FormErrors::default(),
        StatusCode::OK,
    )
}

#[post("/forum/aanmelden")]
async fn submit(
    ctx: Ctx,
    req: HttpRequest,
    form: web::Form<RequestForm>,
) -> WebResult<HttpResponse> {
    let form = form.into_inner();
    let gate = gate(&ctx);
    let key = match gate.check(form.gate.posted()) {
        Ok(key) => key,
        Err(refusal) => return Ok(refused(&ctx, form, refusal)),
    };
    let request = match JoinRequest::parse(
        &form.name,
        &form.email,
        &form.organisation,
        &form.motivation,
    ) {
        Ok(request) => request,
        Err(errors) => {
            let errors = FormErrors::from_fields(ctx.lang, &errors, |f| view::label(ctx.lang, f));
            return Ok(show(&ctx, form, &errors, StatusCode::UNPROCESSABLE_ENTITY));
        }
    };
    let address = client_address(&req, ctx.state.settings.trust_proxy);
    match flow::submit(&ctx, &gate, &request, &key, &address).await? {
        RequestOutcome::Received => Ok(see_other("/forum/aanmelden/bedankt")),
        RequestOutcome::Refused(refusal) => Ok(refused(&ctx, form, refusal)),
    }
}

#[get("/forum/aanmelden/bedankt")]
async fn thanks(ctx: Ctx) -> Markup {
    view::thanks(&ctx)
}

#[derive(serde::Deserialize)]
struct QueueQuery {
    besluit: Option<String>,
}

#[get("/beheer/forum-aanvragen")]
async fn queue(o: Organiser, query: web::Query<QueueQuery>) -> WebResult<Markup> {
    let requests = forum_requests::list_open(o.ctx.state.db.read()).await?;
    let notice = match query.besluit.as_deref() {
        Some("uitgenodigd") => Some(Notice::Accepted),
        Some("afgewezen") => Some(Notice::Declined),
        Some("al-behandeld") => Some(Notice::Already),
        _ => None,
    };
    Ok(view::queue(&o.ctx, &requests, notice))
}

#[derive(serde::Deserialize)]
struct Decision {
    decision: String,
}

#[post("/beheer/forum-aanvragen/{id}")]
async fn decide(
    o: Organiser,
    id: web::Path<i64>,
    form: web::Form<Decision>,
) -> WebResult<HttpResponse> {
    let accept = match form.decision.as_str() {
        "accept" => true,
        "decline" => false,
        _ => return Err(WebError::BadRequest),
    };
    let outcome = match flow::decide(&o.ctx, &o.user, *id, accept).await? {
        Decided::Accepted => "uitgenodigd",
        Decided::Declined => "afgewezen",
        Decided::Already => "al-behandeld",
    };
    Ok(see_other(&format!(
        "/beheer/forum-aanvragen?besluit={outcome}"
    )))
}
