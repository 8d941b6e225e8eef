//! Public pages: home, process, theme.

use super::WebResult;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::participation;
use crate::views::process::{self as view, ProcessPage};
use actix_web::{get, web};
use inspraak_domain::ProcessStatus;
use inspraak_store::processes;
use inspraak_store::sessions::{self, AgendaScope};
use maud::{Markup, html};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(home).service(process_page).service(theme_page);
}

#[get("/")]
async fn home(ctx: Ctx) -> WebResult<Markup> {
    let conn = ctx.state.db.read();
    let current = processes::list_with_status(conn, ProcessStatus::Published).await?;
    let earlier = processes::list_with_status(conn, ProcessStatus::Archived).await?;
    Ok(view::home(&ctx, &current, &earlier))
}

#[get("/processen/{slug}")]
async fn process_page(ctx: Ctx, slug: web::Path<String>) -> WebResult<Markup> {
    let conn = ctx.state.db.read();
    let process = processes::find_public_by_slug(conn, &slug)
        .await?
        .ok_or(WebError::NotFound)?;
    let phases = processes::phases(conn, process.id).await?;
    let themes = processes::themes(conn, process.id).await?;
    // Loaded once for the sessions block and for "Doe mee".
    let agenda = sessions::agenda(conn, ctx.now, AgendaScope::Process(process.id)).await?;
    let join =
        participation::open_items(conn, ctx.lang, &process, &phases, &agenda.upcoming, ctx.now)
            .await?;
    let today = inspraak_domain::time::local_date(ctx.now);
    Ok(view::process(
        &ctx,
        ProcessPage {
            process: &process,
            phases: &phases,
            themes: &themes,
            join: &join,
            today,
            extra: html! {
                (super::sessions::process_block(&ctx, &agenda))
                (super::publications::public::process_block(&ctx, &process).await?)
                (super::ideas::process_block(&ctx, &process))
            },
        },
    ))
}

#[get("/processen/{slug}/themas/{theme}")]
async fn theme_page(ctx: Ctx, path: web::Path<(String, String)>) -> WebResult<Markup> {
    let (slug, theme_slug) = path.into_inner();
    let conn = ctx.state.db.read();
    let process = processes::find_public_by_slug(conn, &slug)
        .await?
        .ok_or(WebError::NotFound)?;
    let theme = processes::find_theme(conn, process.id, &theme_slug)
        .await?
        .ok_or(WebError::NotFound)?;
    // Families add what they show per theme (ideas, sessions) here.
    let extra = html! {
        (super::sessions::theme_block(&ctx, theme.id).await?)
        (super::ideas::theme_block(&ctx, &process, &theme))
    };
    Ok(view::theme(&ctx, &process, &theme, extra))
}
