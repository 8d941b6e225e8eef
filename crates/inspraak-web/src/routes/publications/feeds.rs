//! "Volg de voortgang" (a process's timeline) and the Atom feeds, both built from the timeline
//! read model (`read::timeline`).

use crate::ctx::Ctx;
use crate::i18n::publications as texts;
use crate::read::timeline::{Item, ItemKind, items};
use crate::routes::WebResult;
use crate::sessions::report_markup;
use crate::views::publications::public as view;
use actix_web::http::header;
use actix_web::{HttpResponse, get, web};
use inspraak_domain::ProcessStatus;
use inspraak_store::processes;
use maud::{Markup, html};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(timeline)
        .service(process_feed)
        .service(site_feed);
}

/// Entries in the site-wide feed.
const SITE_FEED_ENTRIES: usize = 50;

#[get("/processen/{slug}/voortgang")]
async fn timeline(ctx: Ctx, slug: web::Path<String>) -> WebResult<Markup> {
    let process = crate::flows::public_process(&ctx, &slug).await?;
    let items = items(ctx.state.db.read(), &process).await?;
    Ok(view::timeline(&ctx, &process, &items))
}

/// Characters XML 1.0 does not allow (most control characters) are dropped from feed text.
fn xml_text(text: &str) -> String {
    text.chars()
        .filter(|c| matches!(c, '\t' | '\n' | '\r') || !c.is_control())
        .collect()
}

fn atom(
    ctx: &Ctx,
    title: &str,
    self_path: &str,
    alternate: &str,
    entries: &[(String, Item)],
) -> HttpResponse {
    let base = &ctx.state.settings.base_url;
    let updated = entries
        .iter()
        .map(|(_, item)| item.published)
        .max()
        .unwrap_or_default();
    // maud escapes &, <, > and " in text and attributes: exactly what XML needs.
    let feed = html! {
        feed xmlns="http://www.w3.org/2005/Atom" {
            title { (xml_text(title)) }
            id { (base) (self_path) }
            link rel="self" type="application/atom+xml" href={ (base) (self_path) } {}
            link rel="alternate" type="text/html" href={ (base) (alternate) } {}
            updated { (updated.to_rfc3339()) }
            author { name { (xml_text(ctx.state.settings.house.organisation_or_site())) } }
            @for (process_title, item) in entries {
                entry {
                    title { (xml_text(&item.title)) }
                    id { (base) (item.path) }
                    link rel="alternate" type="text/html" href={ (base) (item.path) } {}
                    updated { (item.published.to_rfc3339()) }
                    category term=(kind_term(item.kind)) {}
                    summary type="text" { (xml_text(process_title)) ", " (item.date) }
                    @if let Some(body) = &item.body {
                        @if item.kind.plain_body() {
                            content type="text" { (xml_text(body)) }
                        } @else {
                            content type="html" { (xml_text(&report_markup::render(body).into_string())) }
                        }
                    }
                }
            }
        }
    };
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{}",
        feed.into_string()
    );
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "application/atom+xml; charset=utf-8"))
        .body(body)
}

fn kind_term(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Report => "progress-report",
        ItemKind::SessionReport => "session-report",
        ItemKind::Document => "document",
        ItemKind::ActionPointUpdate => "action-point-update",
        ItemKind::Outcome => "outcome",
    }
}

#[get("/processen/{slug}/feed.atom")]
async fn process_feed(ctx: Ctx, slug: web::Path<String>) -> WebResult<HttpResponse> {
    let process = crate::flows::public_process(&ctx, &slug).await?;
    let entries: Vec<(String, Item)> = items(ctx.state.db.read(), &process)
        .await?
        .into_iter()
        .map(|item| (process.title.clone(), item))
        .collect();
    // The site's name beside the process's, so a feed reader shows whose feed it is.
    let title = format!("{} – {}", process.title, ctx.state.settings.house.site_name);
    Ok(atom(
        &ctx,
        &title,
        &format!("/processen/{}/feed.atom", process.slug),
        &format!("/processen/{}/voortgang", process.slug),
        &entries,
    ))
}

#[get("/feed.atom")]
async fn site_feed(ctx: Ctx) -> WebResult<HttpResponse> {
    let conn = ctx.state.db.read();
    let mut entries = Vec::new();
    for status in [ProcessStatus::Published, ProcessStatus::Archived] {
        for process in processes::list_with_status(conn, status).await? {
            for item in items(conn, &process).await? {
                entries.push((process.title.clone(), item));
            }
        }
    }
    entries.sort_by_key(|(_, item)| std::cmp::Reverse(item.published));
    entries.truncate(SITE_FEED_ENTRIES);
    let t = texts::texts(ctx.lang);
    let title = crate::i18n::fill(
        t.site_feed_title,
        &[("site", &ctx.state.settings.house.site_name)],
    );
    Ok(atom(&ctx, &title, "/feed.atom", "/", &entries))
}
