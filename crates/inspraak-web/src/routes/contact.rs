//! "Laat het ons weten": the contact form (`/contact`) and the organisers' queue
//! (`/beheer/contact`).

use crate::auth::guard::Organiser;
use crate::ctx::{Ctx, client_address};
use crate::flows::contact::{self as flow, ContactOutcome};
use crate::flows::public_form::{self, PublicForm, Refusal};
use crate::i18n::{common, contact as texts};
use crate::routes::{WebResult, html_with_status, see_other};
use crate::views::components::FormErrors;
use crate::views::contact::{self as view, ADMIN_PATH, ContactForm, PATH};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use inspraak_domain::ContactMessageId;
use inspraak_domain::contact::NewContactMessage;
use inspraak_store::contact;
use maud::Markup;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(form_page)
        .service(send)
        .service(thanks)
        .service(queue)
        .service(handle);
}

/// The form posts to its own path; it shows itself again when the CSRF check fails.
pub fn handles_csrf_itself(path: &str) -> bool {
    path == PATH
}

fn gate(ctx: &Ctx) -> PublicForm<'_> {
    PublicForm::new(ctx, public_form::CONTACT, "contact")
}

fn show(ctx: &Ctx, mut form: ContactForm, errors: &FormErrors, status: StatusCode) -> HttpResponse {
    form.gate.restamp(&gate(ctx), status != StatusCode::OK);
    html_with_status(status, view::form(ctx, &form, errors))
}

fn refused(ctx: &Ctx, form: ContactForm, refusal: Refusal) -> HttpResponse {
    let notice = match refusal {
        Refusal::SessionExpired => common::texts(ctx.lang).csrf_text,
        other => other.notice(ctx.lang),
    };
    let mut errors = FormErrors::default();
    errors.push("email", notice.to_owned());
    show(ctx, form, &errors, refusal.status())
}

#[get("/contact")]
async fn form_page(ctx: Ctx) -> HttpResponse {
    show(
        &ctx,
        ContactForm::default(),
        &FormErrors::default(),
        StatusCode::OK,
    )
}

#[post("/contact")]
async fn send(ctx: Ctx, req: HttpRequest, form: web::Form<ContactForm>) -> WebResult<HttpResponse> {
    let form = form.into_inner();
    let gate = gate(&ctx);
    let key = match gate.check(form.gate.posted()) {
        Ok(key) => key,
        Err(refusal) => return Ok(refused(&ctx, form, refusal)),
    };
    let new = match NewContactMessage::parse(&form.name, &form.email, &form.message) {
        Ok(new) => new,
        Err(errors) => {
            let errors = FormErrors::from_fields(ctx.lang, &errors, |f| view::label(&ctx, f));
            return Ok(show(&ctx, form, &errors, StatusCode::UNPROCESSABLE_ENTITY));
        }
    };
    let address = client_address(&req, ctx.state.settings.trust_proxy);
    match flow::send(&ctx, &gate, &new, &key, &address).await? {
        ContactOutcome::Received => Ok(see_other("/contact/bedankt")),
        ContactOutcome::Refused(refusal) => Ok(refused(&ctx, form, refusal)),
    }
}

#[get("/contact/bedankt")]
async fn thanks(ctx: Ctx) -> Markup {
    view::thanks(&ctx)
}

#[derive(serde::Deserialize)]
struct Notice {
    afgehandeld: Option<String>,
}

#[get("/beheer/contact")]
async fn queue(o: Organiser, query: web::Query<Notice>) -> WebResult<Markup> {
    let conn = o.ctx.state.db.read();
    let open = contact::list(conn, false).await?;
    let handled = contact::list(conn, true).await?;
    let notice = query
        .afgehandeld
        .is_some()
        .then_some(texts::texts(o.ctx.lang).handled_notice);
    Ok(view::queue(&o.ctx, &open, &handled, notice))
}

#[post("/beheer/contact/{id}/afgehandeld")]
async fn handle(o: Organiser, id: web::Path<ContactMessageId>) -> WebResult<HttpResponse> {
    flow::mark_handled(&o.ctx, &o.user, *id).await?;
    Ok(see_other(&format!("{ADMIN_PATH}?afgehandeld=1")))
}
