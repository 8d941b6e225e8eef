//! "Volg de voortgang" (a process's timeline) and the Atom feeds, both built from one merge of
//! sources, newest first: progress reports, published session reports, documents of the process,
//! progress updates of action points that are not drafts, and published consultation outcomes.
//! Nothing is shown that is not really published.

use crate::ctx::Ctx;
use crate::i18n::publications as texts;
use crate::routes::WebResult;
use crate::sessions::report_markup;
use crate::views::publications::public as view;
use actix_web::http::header;
use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, NaiveDate, Utc};
use inspraak_domain::ProcessStatus;
use inspraak_domain::ideas::ActionPointStatus;
use inspraak_store::processes::{self, Process};
use inspraak_store::{ConnectionTrait, consultations, ideas, outcomes, publications, sessions};
use maud::{Markup, html};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(timeline)
        .service(process_feed)
        .service(site_feed);
}

/// Entries in the site-wide feed.
const SITE_FEED_ENTRIES: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Report,
    SessionReport,
    Document,
    /// A progress update of a published action point.
    ActionPointUpdate,
    /// A published consultation outcome.
    Outcome,
}

impl ItemKind {
    /// Plain text (shown as typed) rather than the reports' light markup.
    pub fn plain_body(self) -> bool {
        matches!(self, ItemKind::Document | ItemKind::ActionPointUpdate)
    }
}

/// One entry of the timeline and the feeds.
#[derive(Debug, Clone)]
pub struct Item {
    pub kind: ItemKind,
    pub date: NaiveDate,
    /// When it went online (the feed's `updated`).
    pub published: DateTime<Utc>,
    pub title: String,
    /// Path on this site, e.g. `/documenten/3`.
    pub path: String,
    /// Light markup of the organiser (reports), or a plain description.
    pub body: Option<String>,
    pub anchor: String,
    /// Documents attached to a progress report.
    pub attachments: Vec<publications::Document>,
}

/// Everything a process published, newest first.
pub async fn items(conn: &impl ConnectionTrait, process: &Process) -> WebResult<Vec<Item>> {
    let mut items = Vec::new();
    for report in publications::reports_for_process(conn, process.id).await? {
        let anchor = format!("rapportage-{}", report.id);
        let owner = publications::Owner {
            kind: publications::OwnerKind::Report,
            id: report.id.0,
        };
        let attachments = publications::documents_of(conn, owner).await?;
        items.push(Item {
            attachments,
            kind: ItemKind::Report,
            date: report.date,
            published: report.published_at.unwrap_or_default(),
            title: report.title,
            path: format!("/processen/{}/voortgang#{anchor}", process.slug),
            body: Some(report.body),
            anchor,
        });
    }
    for session in sessions::list_for_process(conn, process.id).await? {
        let (Some(at), Some(report)) = (session.report_published_at, session.published_report())
        else {
            continue;
        };
        items.push(Item {
            kind: ItemKind::SessionReport,
            date: inspraak_domain::time::local_date(at),
            published: at,
            title: session.title.clone(),
            path: format!("/bijeenkomsten/{}", session.id),
            body: Some(report.to_owned()),
            anchor: format!("verslag-{}", session.id),
            attachments: Vec::new(),
        });
    }
    for document in publications::documents_for_process(conn, process.id).await? {
        items.push(Item {
            kind: ItemKind::Document,
            date: document.date,
            published: document.created_at,
            title: document.title,
            path: format!("/documenten/{}", document.id),
            body: (!document.description.is_empty()).then_some(document.description),
            anchor: format!("document-{}", document.id),
            attachments: Vec::new(),
        });
    }
    for point in ideas::action_points::list_for_process(conn, process.id).await? {
        if point.status == ActionPointStatus::Draft {
            continue;
        }
        for update in ideas::action_points::updates(conn, point.id).await? {
            items.push(Item {
                kind: ItemKind::ActionPointUpdate,
                date: update.on,
                published: update.created_at,
                title: point.title.clone(),
                path: format!("/processen/{}/actiepunten/{}", process.slug, point.id),
                body: Some(update.body),
                anchor: format!("actiepunt-voortgang-{}", update.id),
                attachments: Vec::new(),
            });
        }
    }
    for id in outcomes::published_for_process(conn, process.id).await? {
        let (Some(consultation), Some(at)) = (
            consultations::find(conn, id).await?,
            outcomes::state(conn, id).await?.published_at,
        ) else {
            continue;
        };
        items.push(Item {
            kind: ItemKind::Outcome,
            date: inspraak_domain::time::local_date(at),
            published: at,
            title: consultation.title,
            path: format!("/processen/{}/uitkomsten/{}", process.slug, id),
            body: None,
            anchor: format!("uitkomst-{id}"),
            attachments: Vec::new(),
        });
    }
    items.sort_by_key(|item| std::cmp::Reverse((item.date, item.published)));
    Ok(items)
}

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
            author { name { "Inspraak" } }
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
    Ok(atom(
        &ctx,
        &process.title,
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
    Ok(atom(&ctx, t.site_feed_title, "/feed.atom", "/", &entries))
}
