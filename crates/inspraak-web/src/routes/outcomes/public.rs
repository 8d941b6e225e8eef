//! Public outcomes pages: per consultation, and the list per process.

use super::super::WebResult;
use crate::ctx::Ctx;
use crate::views::outcomes as view;
use actix_web::{get, web};
use inspraak_domain::ConsultationId;
use inspraak_store::{consultation, outcomes};
use maud::Markup;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(process_outcomes).service(consultation_outcome);
}

#[get("/processen/{slug}/uitkomsten")]
async fn process_outcomes(ctx: Ctx, slug: web::Path<String>) -> WebResult<Markup> {
    let conn = ctx.state.db.read();
    let process = crate::flows::public_process(&ctx, &slug).await?;
    let mut list = Vec::new();
    for id in outcomes::published_for_process(conn, process.id).await? {
        list.extend(consultation::find(conn, id).await?);
    }
    Ok(view::process_page(&ctx, &process, &list))
}

#[get("/processen/{slug}/uitkomsten/{id}")]
async fn consultation_outcome(
    ctx: Ctx,
    path: web::Path<(String, ConsultationId)>,
) -> WebResult<Markup> {
    let conn = ctx.state.db.read();
    let process = crate::flows::public_process(&ctx, &path.0).await?;
    let loaded = super::load_public(conn, &process, path.1).await?;
    let page = loaded.page(&process, ctx.state.settings.min_group_size);
    Ok(view::consultation_page(&ctx, &page))
}
