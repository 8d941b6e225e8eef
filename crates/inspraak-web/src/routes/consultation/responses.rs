//! The organiser's view of a consultation's responses, and hiding a response as spam.

use super::super::{WebResult, see_other};
use crate::auth::guard::Organiser;
use crate::error::WebError;
use crate::flows::moderation;
use crate::views::consultation::responses::{self as view, ResponsesView};
use actix_web::{HttpResponse, get, post, web};
use inspraak_domain::{ConsultationId, ResponseId};
use inspraak_store::consultation::{self, privacy, responses};
use inspraak_store::process;
use maud::Markup;
use serde::Deserialize;

pub const PER_PAGE: u64 = 25;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list).service(set_hidden);
}

#[derive(Deserialize)]
struct PageQuery {
    pagina: Option<u64>,
}

#[get("/beheer/consultaties/{id}/reacties")]
async fn list(
    o: Organiser,
    id: web::Path<ConsultationId>,
    query: web::Query<PageQuery>,
) -> WebResult<Markup> {
    let conn = o.ctx.state.db.read();
    let (consultation, process) = crate::read::lookup::consultation(conn, *id).await?;
    let questions = consultation::questions(conn, consultation.id).await?;
    let themes = process::themes(conn, consultation.process_id).await?;
    let days = responses::per_day(conn, consultation.id).await?;
    let page = responses::list(conn, consultation.id, query.pagina.unwrap_or(1), PER_PAGE).await?;
    let contacts = privacy::contact_count(conn, consultation.id).await?;
    Ok(view::responses(
        &o.ctx,
        ResponsesView {
            process: &process,
            consultation: &consultation,
            questions: &questions,
            themes: &themes,
            days: &days,
            page: &page,
            contacts,
        },
    ))
}

#[derive(Deserialize)]
struct HideForm {
    hidden: String,
    #[serde(default)]
    pagina: Option<u64>,
}

#[post("/beheer/consultaties/{id}/reacties/{response}/verbergen")]
async fn set_hidden(
    o: Organiser,
    path: web::Path<(ConsultationId, ResponseId)>,
    form: web::Form<HideForm>,
) -> WebResult<HttpResponse> {
    let (consultation, response) = (path.0, path.1);
    let hidden = match form.hidden.as_str() {
        "1" => true,
        "0" => false,
        _ => return Err(WebError::BadRequest),
    };
    let changed = moderation::set_response_hidden(&o.ctx, consultation, response, hidden).await?;
    if changed {
        tracing::info!(consultation = %consultation, response = %response, hidden, user = %o.user.id, "response visibility changed");
    }
    let page = form.pagina.unwrap_or(1).max(1);
    Ok(see_other(&format!(
        "/beheer/consultaties/{consultation}/reacties?pagina={page}"
    )))
}
