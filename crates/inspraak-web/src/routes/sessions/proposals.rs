//! "Meld bijeenkomst aan": anyone proposes an event; organisers approve or reject it.

use crate::auth::guard::Organiser;
use crate::ctx::Ctx;
use crate::ctx::client_address;
use crate::error::WebError;
use crate::i18n::sessions_admin;
use crate::routes::{WebResult, html_with_status, see_other};
use crate::views::components::FormErrors;
use crate::views::sessions::admin_lists;
use crate::views::sessions::public::{self as view, ProposalForm};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::Duration;
use inspraak_domain::session::{NewProposedEvent, ProposalStatus, ProposedEventId};
use inspraak_store::{StoreError, sessions, throttle};
use maud::Markup;

/// Proposals per client address per hour.
const PROPOSALS_PER_ADDRESS_PER_HOUR: u64 = 10;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(propose_page)
        .service(propose)
        .service(thanks)
        .service(review)
        .service(decide);
}

#[get("/agenda/bijeenkomst-aanmelden")]
async fn propose_page(ctx: Ctx) -> Markup {
    view::propose(&ctx, &ProposalForm::default(), &FormErrors::default())
}

#[post("/agenda/bijeenkomst-aanmelden")]
async fn propose(
    ctx: Ctx,
    req: HttpRequest,
    form: web::Form<ProposalForm>,
) -> WebResult<HttpResponse> {
    if ctx.csrf_ok == Some(false) {
        let errors = super::expired_form(&ctx, "title");
        return Ok(html_with_status(
            StatusCode::FORBIDDEN,
            view::propose(&ctx, &form, &errors),
        ));
    }
    match NewProposedEvent::parse(&form.title, &form.starts_at, &form.organiser, &form.link) {
        Ok(new) => {
            let address = client_address(&req, ctx.state.settings.trust_proxy);
            let key = format!(
                "propose:{}",
                ctx.state.keys.hash("throttle-propose", &address)
            );
            let db = ctx.state.db.write();
            if throttle::failures_since(db, &key, ctx.now - Duration::hours(1)).await?
                >= PROPOSALS_PER_ADDRESS_PER_HOUR
            {
                return Err(WebError::TooManyRequests(None));
            }
            throttle::record_failure(db, &key, ctx.now).await?;
            sessions::propose_event(db, &new, ctx.now).await?;
            Ok(see_other("/agenda/bijeenkomst-aanmelden/bedankt"))
        }
        Err(errors) => {
            let errors =
                FormErrors::from_fields(ctx.lang, &errors, |f| view::proposal_label(&ctx, f));
            Ok(html_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                view::propose(&ctx, &form, &errors),
            ))
        }
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
    let pending = sessions::list_proposals(conn, ProposalStatus::Pending).await?;
    let approved = sessions::approved_proposals(conn, o.ctx.now).await?;
    let notice = query
        .opgeslagen
        .is_some()
        .then_some(sessions_admin::texts(o.ctx.lang).proposal_decided);
    Ok(admin_lists::proposals(&o.ctx, &pending, &approved, notice))
}

#[derive(serde::Deserialize)]
struct Decision {
    decision: String,
}

#[post("/beheer/agenda-voorstellen/{id}")]
async fn decide(
    o: Organiser,
    id: web::Path<i64>,
    form: web::Form<Decision>,
) -> WebResult<HttpResponse> {
    let approve = match form.decision.as_str() {
        "approve" => true,
        "reject" => false,
        _ => return Err(WebError::BadRequest),
    };
    match sessions::decide_proposal(
        o.ctx.state.db.write(),
        ProposedEventId(*id),
        approve,
        o.ctx.now,
    )
    .await
    {
        // Decided by a colleague a moment ago: the list shows how.
        Ok(()) | Err(StoreError::Conflict("decided")) => {}
        Err(other) => return Err(other.into()),
    }
    tracing::info!(proposal = *id, approve, user = %o.user.id, "proposed event decided");
    Ok(see_other("/beheer/agenda-voorstellen?opgeslagen=1"))
}
