//! Public outcomes pages: per consultation, and the list per process.

use super::super::WebResult;
use crate::ctx::Ctx;
use crate::read::cache;
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
    let key = format!("/processen/{slug}/uitkomsten");
    let m = cache::page(&ctx, key, || async {
        let conn = ctx.state.db.read();
        let process = crate::flows::public_process(&ctx, &slug).await?;
        let mut list = Vec::new();
        for id in outcomes::published_for_process(conn, process.id).await? {
            list.extend(consultation::find(conn, id).await?);
        }
        let live: Vec<_> = consultation::admin::list_for_process(conn, process.id)
            .await?
            .into_iter()
            .filter(|c| super::is_live(c, ctx.now) && !list.iter().any(|p| p.id == c.id))
            .collect();
        Ok((process, list, live))
    })
    .await?;
    Ok(view::process_page(&ctx, &m.0, &m.1, &m.2))
}

#[get("/processen/{slug}/uitkomsten/{id}")]
async fn consultation_outcome(
    ctx: Ctx,
    path: web::Path<(String, ConsultationId)>,
) -> WebResult<Markup> {
    let key = format!("/processen/{}/uitkomsten/{}", path.0, path.1);
    let load = || async {
        let process = crate::flows::public_process(&ctx, &path.0).await?;
        let shown = super::load_shown(ctx.state.db.read(), &process, path.1, ctx.now).await?;
        Ok((process, shown))
    };
    // Provisional figures move with every response: read for each visitor.
    let m = cache::page_unless_live(&ctx, key, load, |m| m.1.1.is_some()).await?;
    let (process, (loaded, live)) = (&m.0, &m.1);
    let mut page = loaded.page(process, ctx.state.settings.min_group_size);
    page.live = *live;
    Ok(view::consultation_page(&ctx, &page))
}
