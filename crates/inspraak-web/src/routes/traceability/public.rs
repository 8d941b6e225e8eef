//! "Wat is er met mijn inbreng gedaan?" at `/inbreng/{token}`: the token is 256 random bits
//! (43 URL-safe characters), looked up by its SHA-256. Unknown tokens are a 404 and are counted
//! per client address (keyed hash) in the database throttle: past `MAX_MISSES` in
//! `MISS_WINDOW_MINUTES` every lookup from that address is a 429, so guessing is rate-limited on
//! top of being infeasible. The page shows only this contribution's own words and what it fed.
//!
//! `/inbreng/afmelden/{key}/{mac}` stops the digest for an address: `key` is the SHA-256 of the
//! address, `mac` an HMAC of it with the secret key, so only a mailed link works. GET shows a
//! button; POST (also the RFC 8058 one-click POST) unsubscribes, without logging in.

use crate::ctx::Ctx;
use crate::ctx::client_address;
use crate::error::WebError;
use crate::i18n::traceability as texts;
use crate::notice_digest;
use crate::routes::{WebResult, html_with_status};
use crate::views::traceability::public::{self as view, TracePage};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::Duration;
use inspraak_domain::process::PhaseTiming;
use inspraak_domain::time::local_date;
use inspraak_domain::traceability::{Contribution, Target};
use inspraak_store::traceability::contributions::{self, Detail};
use inspraak_store::traceability::{self, notices, trace};
use inspraak_store::{consultation, outcomes, process, throttle, tokens};

/// Unknown trace links an address may try per window before every lookup is refused.
pub const MAX_MISSES: u64 = 20;
pub const MISS_WINDOW_MINUTES: i64 = 15;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(trace_page)
        .service(unsubscribe_page)
        .service(unsubscribe);
}

/// The personal page's path for a token.
pub fn trace_path(token: &str) -> String {
    format!("/inbreng/{token}")
}

fn not_found(ctx: &Ctx) -> HttpResponse {
    let t = texts::texts(ctx.lang);
    html_with_status(
        StatusCode::NOT_FOUND,
        view::message(ctx, t.trace_not_found_title, t.trace_not_found_text),
    )
}

#[get("/inbreng/{token}")]
async fn trace_page(
    ctx: Ctx,
    req: HttpRequest,
    token: web::Path<String>,
) -> WebResult<HttpResponse> {
    let t = texts::texts(ctx.lang);
    let address = format!(
        "trace:{}",
        ctx.state.keys.hash(
            "trace-miss",
            &client_address(&req, ctx.state.settings.trust_proxy)
        )
    );
    let since = ctx.now - Duration::minutes(MISS_WINDOW_MINUTES);
    if throttle::failures_since(ctx.state.db.read(), &address, since).await? >= MAX_MISSES {
        return Err(WebError::TooManyRequests(Some(
            t.trace_throttled.to_owned(),
        )));
    }
    let found = if tokens::is_trace_token(&token) {
        trace::resolve(ctx.state.db.read(), &tokens::hash_trace_token(&token)).await?
    } else {
        None
    };
    let Some(contribution) = found else {
        throttle::record_failure(ctx.state.db.write(), &address, ctx.now).await?;
        return Ok(not_found(&ctx));
    };
    match render(&ctx, contribution).await? {
        Some(page) => Ok(page),
        None => Ok(not_found(&ctx)),
    }
}

/// The outcome: of the response's consultation, or every published outcome of the process.
async fn outcome_links(
    conn: &impl inspraak_store::ConnectionTrait,
    process: &process::Process,
    detail: &Detail,
) -> WebResult<Vec<(String, String)>> {
    let mut links = Vec::new();
    for id in outcomes::published_for_process(conn, process.id).await? {
        if let Detail::Response(r) = detail
            && r.consultation != id
        {
            continue;
        }
        if let Some(c) = consultation::find(conn, id).await? {
            let href = format!("/processen/{}/uitkomsten/{}", process.slug, c.id);
            links.push((href, c.title.main));
        }
    }
    Ok(links)
}

async fn render(ctx: &Ctx, contribution: Contribution) -> WebResult<Option<HttpResponse>> {
    let conn = ctx.state.db.read();
    let Some((process_id, detail)) = contributions::detail(conn, contribution).await? else {
        return Ok(None);
    };
    let Some(process) = process::find(conn, process_id).await? else {
        return Ok(None);
    };
    let (questions, themes) = match &detail {
        Detail::Response(r) => (
            consultation::questions(conn, r.consultation).await?,
            process::themes(conn, process.id).await?,
        ),
        _ => (Vec::new(), Vec::new()),
    };
    let today = local_date(ctx.now);
    let phases = process::phases(conn, process.id).await?;
    let phase_now = phases
        .iter()
        .find(|p| matches!(p.dates.timing(today), PhaseTiming::Now));
    let outcome_links = outcome_links(conn, &process, &detail).await?;
    let mut fed = Vec::new();
    for link in traceability::for_contribution(conn, contribution).await? {
        let Some(info) = contributions::target_info(conn, link.target).await? else {
            continue;
        };
        let href = match link.target {
            Target::ActionPoint(point) => {
                Some(format!("/processen/{}/actiepunten/{point}", process.slug))
            }
            Target::Thread(_) => info.consultation.and_then(|c| {
                outcome_links
                    .iter()
                    .any(|(href, _)| href.ends_with(&format!("/{c}")))
                    .then(|| format!("/processen/{}/uitkomsten/{c}", process.slug))
            }),
        };
        fed.push((link, info, href));
    }
    let page = view::trace(
        ctx,
        &TracePage {
            process: &process,
            detail: &detail,
            questions: &questions,
            themes: &themes,
            phase_now,
            outcomes: &outcome_links,
            fed: &fed,
        },
    );
    Ok(Some(html_with_status(StatusCode::OK, page)))
}

fn dead_link(ctx: &Ctx) -> HttpResponse {
    let t = texts::texts(ctx.lang);
    html_with_status(
        StatusCode::NOT_FOUND,
        view::message(ctx, t.unsubscribe_title, t.dead_link),
    )
}

#[get("/inbreng/afmelden/{key}/{mac}")]
async fn unsubscribe_page(ctx: Ctx, path: web::Path<(String, String)>) -> HttpResponse {
    if !notice_digest::unsubscribe_link_ok(&ctx.state, &path.0, &path.1) {
        return dead_link(&ctx);
    }
    let action = format!("/inbreng/afmelden/{}/{}", path.0, path.1);
    html_with_status(StatusCode::OK, view::unsubscribe(&ctx, &action))
}

/// Needs no CSRF token: the signed link is the proof, and a forged request could only do what
/// the link's owner asked for anyway.
#[post("/inbreng/afmelden/{key}/{mac}")]
async fn unsubscribe(ctx: Ctx, path: web::Path<(String, String)>) -> WebResult<HttpResponse> {
    if !notice_digest::unsubscribe_link_ok(&ctx.state, &path.0, &path.1) {
        return Ok(dead_link(&ctx));
    }
    notices::opt_out(ctx.state.db.write(), &path.0, ctx.now).await?;
    let t = texts::texts(ctx.lang);
    Ok(html_with_status(
        StatusCode::OK,
        view::message(&ctx, t.unsubscribe_title, t.unsubscribed_text),
    ))
}

/// The "Ontstaan uit" block of a public action point page: counts per channel, and links to the
/// linked items that are public themselves (public ideas, published session reports).
pub async fn origin(
    ctx: &Ctx,
    process: &inspraak_store::process::Process,
    point: inspraak_domain::ActionPointId,
    included_ideas: &[inspraak_store::ideas::Idea],
) -> WebResult<maud::Markup> {
    use inspraak_domain::ideas::Visibility;
    use inspraak_domain::traceability::ContributionKind;
    let conn = ctx.state.db.read();
    let target = Target::ActionPoint(point);
    let mut counts = traceability::counts_for_target(conn, target).await?;
    let mut items = Vec::new();
    let mut linked_ideas = std::collections::HashSet::new();
    for link in traceability::for_target(conn, target).await? {
        match link.contribution {
            Contribution::Idea(idea) => {
                linked_ideas.insert(idea);
            }
            Contribution::SessionReport(_) => {}
            _ => continue,
        }
        match contributions::detail(conn, link.contribution).await? {
            Some((_, Detail::Idea(idea))) if idea.visibility == Visibility::Public => items.push((
                format!("/processen/{}/ideeen/{}", process.slug, idea.id),
                idea.title,
            )),
            Some((_, Detail::SessionReport(report))) if report.published => items.push((
                format!("/bijeenkomsten/{}", report.session),
                report.title.main,
            )),
            _ => {}
        }
    }
    // Ideas whose status includes them in this action point fed it too: counted and listed
    // once, also when they are linked as well.
    for idea in included_ideas {
        if linked_ideas.insert(idea.id) {
            *counts.entry(ContributionKind::Idea).or_default() += 1;
            items.push((
                format!("/processen/{}/ideeen/{}", process.slug, idea.id),
                idea.title.clone(),
            ));
        }
    }
    Ok(crate::views::traceability::origin(ctx, &counts, &items))
}

/// The full trace link for a receipt page, when `token` (from the one-time `?spoor=`) opens a
/// contribution of this kind in this process; `None` otherwise.
pub async fn receipt_trace_link(
    ctx: &Ctx,
    process: inspraak_domain::ProcessId,
    kind: inspraak_domain::traceability::ContributionKind,
    token: Option<&str>,
) -> WebResult<Option<String>> {
    let Some(token) = token.filter(|t| tokens::is_trace_token(t)) else {
        return Ok(None);
    };
    let conn = ctx.state.db.read();
    let Some(contribution) = trace::resolve(conn, &tokens::hash_trace_token(token)).await? else {
        return Ok(None);
    };
    if contribution.kind() != kind
        || contributions::process_of(conn, contribution).await? != Some(process)
    {
        return Ok(None);
    }
    Ok(Some(format!(
        "{}{}",
        ctx.state.settings.base_url,
        trace_path(token)
    )))
}
