//! "Meld bijeenkomst aan": anyone proposes an event; organisers approve or reject it.

use crate::auth::guard::Organiser;
use crate::ctx::Ctx;
use crate::ctx::client_address;
use crate::error::WebError;
use crate::flows::proposal::{self as flow, ProposalOutcome};
use crate::flows::public_form::{self, PublicForm, Refusal};
use crate::i18n::session_admin;
use crate::routes::{WebResult, html_with_status, see_other};
use crate::views::components::FormErrors;
use crate::views::session::admin_lists;
use crate::views::session::public::{self as view, ProposalForm};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use inspraak_domain::session::{NewProposedEvent, ProposalStatus, ProposedEventId};
use inspraak_store::{StoreError, session};
use maud::Markup;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(propose_page)
        .service(propose)
        .service(thanks)
        .service(review)
        .service(decide);
}

fn gate(ctx: &Ctx) -> PublicForm<'_> {
    PublicForm::new(ctx, public_form::PROPOSAL, "agenda")
}

/// The form with its gate fields kept where still good, else fresh.
fn form_page(
    ctx: &Ctx,
    mut form: ProposalForm,
    errors: &FormErrors,
    status: StatusCode,
) -> HttpResponse {
    form.gate.restamp(&gate(ctx), status != StatusCode::OK);
    html_with_status(status, view::propose(ctx, &form, errors))
}

/// A refusal of the gate, as the error summary's line on the first field.
fn refused(ctx: &Ctx, form: ProposalForm, refusal: Refusal) -> HttpResponse {
    let errors = match refusal {
        Refusal::SessionExpired => super::expired_form(ctx, "title"),
        other => {
            let mut errors = FormErrors::default();
            errors.push("title", other.notice(ctx.lang).to_owned());
            errors
        }
    };
    form_page(ctx, form, &errors, refusal.status())
}

#[get("/agenda/bijeenkomst-aanmelden")]
async fn propose_page(ctx: Ctx) -> HttpResponse {
    form_page(
        &ctx,
        ProposalForm::default(),
        &FormErrors::default(),
        StatusCode::OK,
    )
}

#[post("/agenda/bijeenkomst-aanmelden")]
async fn propose(
    ctx: Ctx,
    req: HttpRequest,
    form: web::Form<ProposalForm>,
) -> WebResult<HttpResponse> {
    let form = form.into_inner();
    let gate = gate(&ctx);
    let key = match gate.check(form.gate.posted()) {
        Ok(key) => key,
        Err(refusal) => return Ok(refused(&ctx, form, refusal)),
    };
    let new =
        match NewProposedEvent::parse(&form.title, &form.starts_at, &form.organiser, &form.link) {
            Ok(new) => new,
            Err(errors) => {
                let errors =
                    FormErrors::from_fields(ctx.lang, &errors, |f| view::proposal_label(&ctx, f));
                return Ok(form_page(
                    &ctx,
                    form,
                    &errors,
                    StatusCode::UNPROCESSABLE_ENTITY,
                ));
            }
        };
    let address = client_address(&req, ctx.state.settings.trust_proxy);
    match flow::propose(&ctx, &gate, &new, &key, &address).await? {
        ProposalOutcome::Received => Ok(see_other("/agenda/bijeenkomst-aanmelden/bedankt")),
        ProposalOutcome::Refused(refusal) => Ok(refused(&ctx, form, refusal)),
    }
}

#[get("/agenda/bijeenkomst-aanmelden/bedankt")]
async fn thanks(ctx: Ctx) -> Markup {
    view::proposal_thanks(&ctx)
}

#[derive(serde::Deserialize)]
struct Notice {
    opgeslagen: Option<String>,
}

#[get("/beheer/agenda-voorstellen")]
async fn review(o: Organiser, query: web::Query<Notice>) -> WebResult<Markup> {
    let conn = o.ctx.state.db.read();
    let pending = session::list_proposals(conn, ProposalStatus::Pending).await?;
    let approved = session::approved_proposals(conn, o.ctx.now).await?;
    let notice = query
        .opgeslagen
        .is_some()
        .then_some(session_admin::texts(o.ctx.lang).proposal_decided);
    Ok(admin_lists::proposals(&o.ctx, &pending, &approved, notice))
}

#[derive(serde::Deserialize)]
struct Decision {
    decision: String,
}

#[post("/beheer/agenda-voorstellen/{id}")]
async fn decide(
    o: Organiser,
    id: web::Path<ProposedEventId>,
    form: web::Form<Decision>,
) -> WebResult<HttpResponse> {
    let approve = match form.decision.as_str() {
        "approve" => true,
        "reject" => false,
        _ => return Err(WebError::BadRequest),
    };
    match session::decide_proposal(o.ctx.state.db.write(), *id, approve, o.ctx.now).await {
        // Decided by a colleague a moment ago: the list shows how.
        Ok(()) | Err(StoreError::Conflict("decided")) => {}
        Err(other) => return Err(other.into()),
    }
    tracing::info!(proposal = %*id, approve, user = %o.user.id, "proposed event decided");
    Ok(see_other("/beheer/agenda-voorstellen?opgeslagen=1"))
}
