//! "Volg de voortgang" (a process's timeline) and the Atom feeds, both built from the timeline
//! read model (`read::timeline`).
//!
//! Feed readers poll, so the feeds answer `If-None-Match` (an ETag over the body) and
//! `If-Modified-Since` (the feed's `updated`) with 304. The ETag is the exact check: an edit
//! that moves no date (a corrected report) changes it, while a reader sending only
//! `If-Modified-Since` sees the edit with the next publication. A feed with no entries takes its
//! `updated` from the process (or, site-wide, the newest process) rather than 1970.

use crate::ctx::Ctx;
use crate::i18n::publications as texts;
use crate::read::timeline::{Item, ItemKind, items};
use crate::routes::WebResult;
use crate::session::report_markup;
use crate::views::publications::public as view;
use actix_web::http::header::{self, EntityTag, HttpDate};
use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono::{DateTime, Utc};
use inspraak_domain::ProcessStatus;
use inspraak_store::process;
use maud::{Markup, html};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;
use std::time::{Duration, UNIX_EPOCH};

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

/// What a feed is about, beside its entries.
struct FeedHead<'a> {
    title: &'a str,
    self_path: &'a str,
    alternate: &'a str,
    /// When what the feed describes last changed (the process), or `None` when nothing does.
    changed: Option<DateTime<Utc>>,
}

fn atom(
    ctx: &Ctx,
    req: &HttpRequest,
    head: &FeedHead<'_>,
    entries: &[(String, Item)],
) -> HttpResponse {
    // With nothing at all to date it by, the first time this process served a feed: stable
    // while it runs, so polling readers still get their 304.
    static FIRST_SERVED: OnceLock<DateTime<Utc>> = OnceLock::new();
    let updated = entries
        .iter()
        .map(|(_, item)| item.published)
        .chain(head.changed)
        .max()
        .unwrap_or_else(|| *FIRST_SERVED.get_or_init(|| ctx.now));
    let body = feed_document(ctx, head, entries, updated);
    let etag = EntityTag::new_strong(hex(&Sha256::digest(body.as_bytes())[..16]));
    let last_modified = HttpDate::from(
        UNIX_EPOCH + Duration::from_secs(u64::try_from(updated.timestamp()).unwrap_or(0)),
    );
    if not_modified(req, &etag, last_modified) {
        return HttpResponse::NotModified()
            .insert_header(header::ETag(etag))
            .insert_header(header::LastModified(last_modified))
            .finish();
    }
    HttpResponse::Ok()
        .insert_header(header::ETag(etag))
        .insert_header(header::LastModified(last_modified))
        .insert_header((header::CONTENT_TYPE, "application/atom+xml; charset=utf-8"))
        .body(body)
}

/// The Atom document: the feed's head and one entry per published item, newest first.
fn feed_document(
    ctx: &Ctx,
    head: &FeedHead<'_>,
    entries: &[(String, Item)],
    updated: DateTime<Utc>,
) -> String {
    let base = &ctx.state.settings.base_url;
    let (title, self_path, alternate) = (head.title, head.self_path, head.alternate);
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
                    title { (xml_text(&item.title.main)) }
                    id { (base) (item.feed_id) }
                    link rel="alternate" type="text/html" href={ (base) (item.path) } {}
                    updated { (item.published.to_rfc3339()) }
                    category term=(kind_term(item.kind)) {}
                    summary type="text" { (xml_text(process_title)) ", " (item.date) }
                    @if let Some(body) = &item.body {
                        @if item.kind.plain_body() {
                            content type="text" { (xml_text(&body.main)) }
                        } @else {
                            content type="html" { (xml_text(&report_markup::render(&body.main).into_string())) }
                        }
                    }
                }
            }
        }
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{}",
        feed.into_string()
    )
}

/// RFC 9110 13.2.2: `If-None-Match` decides when present (weak comparison); only without it
/// does `If-Modified-Since` count.
pub(crate) fn not_modified(req: &HttpRequest, etag: &EntityTag, last_modified: HttpDate) -> bool {
    use actix_web::http::header::{Header, IfModifiedSince, IfNoneMatch};
    if req.headers().contains_key(header::IF_NONE_MATCH) {
        return match IfNoneMatch::parse(req) {
            Ok(IfNoneMatch::Any) => true,
            Ok(IfNoneMatch::Items(tags)) => tags.iter().any(|tag| tag.weak_eq(etag)),
            Err(_) => false,
        };
    }
    match IfModifiedSince::parse(req) {
        Ok(IfModifiedSince(since)) => {
            std::time::SystemTime::from(last_modified) <= std::time::SystemTime::from(since)
        }
        Err(_) => false,
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
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
async fn process_feed(
    ctx: Ctx,
    req: HttpRequest,
    slug: web::Path<String>,
) -> WebResult<HttpResponse> {
    let process = crate::flows::public_process(&ctx, &slug).await?;
    // The title in the feed's language (the translation when there is one).
    let process_title = process.title.pick(ctx.content_lang().is_some()).0;
    let entries: Vec<(String, Item)> = items(ctx.state.db.read(), &process)
        .await?
        .into_iter()
        .map(|item| (process_title.to_owned(), item))
        .collect();
    // The site's name beside the process's, so a feed reader shows whose feed it is.
    let title = format!("{} – {}", process_title, ctx.state.settings.house.site_name);
    let head = FeedHead {
        title: &title,
        self_path: &format!("/processen/{}/feed.atom", process.slug),
        alternate: &format!("/processen/{}/voortgang", process.slug),
        changed: Some(process.updated_at),
    };
    Ok(atom(&ctx, &req, &head, &entries))
}

#[get("/feed.atom")]
async fn site_feed(ctx: Ctx, req: HttpRequest) -> WebResult<HttpResponse> {
    let conn = ctx.state.db.read();
    let mut entries = Vec::new();
    let mut changed = None;
    for status in [ProcessStatus::Published, ProcessStatus::Archived] {
        for process in process::list_with_status(conn, status).await? {
            changed = changed.max(Some(process.updated_at));
            for item in items(conn, &process).await? {
                entries.push((
                    process
                        .title
                        .pick(ctx.content_lang().is_some())
                        .0
                        .to_owned(),
                    item,
                ));
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
    let head = FeedHead {
        title: &title,
        self_path: "/feed.atom",
        alternate: "/",
        changed,
    };
    Ok(atom(&ctx, &req, &head, &entries))
}
