//! Public pages: idea lists (per process, per theme) with search, sort and paging; the idea form
//! (through the public-form gate, `flows::public_form`, an error summary keeping everything
//! typed) while the idea phase runs; the idea page; the action plan (its PDF and ODT are in
//! `plan_document`).

use crate::ctx::Ctx;
use crate::ctx::client_address;
use crate::ctx::is_forum_member;
use crate::error::WebError;
use crate::flows::ideas::{self as flow, IdeaOutcome};
use crate::flows::public_form::{self, Posted, PublicForm, Refusal};
use crate::flows::public_process;
use crate::i18n::ideas as texts;
use crate::participation::open_idea_phase;
use crate::read::cache;
use crate::routes::{WebResult, html_with_status, see_other};
use crate::views::components::FormErrors;
use crate::views::ideas::comments::CommentsView;
use crate::views::ideas::public as view;
use crate::views::layout;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use inspraak_domain::ideas::{ActionPointStatus, IdeaSort, NewIdea, RawIdea, Visibility};
use inspraak_domain::{ActionPointId, IdeaId};
use inspraak_store::ideas::forum::{self, CommentSubject};
use inspraak_store::ideas::{self, ListQuery, action_points};
use inspraak_store::process::{self, Process, Theme};
use std::collections::HashMap;

/// Ideas stored from one client address per window before it must wait.
pub const MAX_IDEAS_PER_ADDRESS: u64 = public_form::IDEA.limit;
const PER_PAGE: u64 = 10;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list)
        .service(form_page)
        .service(submit)
        .service(thanks)
        .service(idea_page)
        .service(plan)
        .service(point_page);
}

#[derive(serde::Deserialize)]
struct ListParams {
    thema: Option<String>,
    q: Option<String>,
    sort: Option<String>,
    pagina: Option<u64>,
}

#[get("/processen/{slug}/ideeen")]
async fn list(
    ctx: Ctx,
    slug: web::Path<String>,
    params: web::Query<ListParams>,
) -> WebResult<HttpResponse> {
    let conn = ctx.state.db.read();
    let process = public_process(&ctx, &slug).await?;
    let themes = process::themes(conn, process.id).await?;
    let theme = match params.thema.as_deref().filter(|s| !s.is_empty()) {
        Some(slug) => Some(
            themes
                .iter()
                .find(|t| t.slug == slug)
                .ok_or(WebError::NotFound)?,
        ),
        None => None,
    };
    let sort = params
        .sort
        .as_deref()
        .and_then(IdeaSort::parse)
        .unwrap_or(IdeaSort::Newest);
    // Long searches are cut and control characters (NUL: an error on PostgreSQL) stripped, not
    // refused: a search box is no place for an error.
    let search = inspraak_domain::text::search_text(params.q.as_deref().unwrap_or(""), 100);
    let page = params.pagina.unwrap_or(1).clamp(1, 10_000) - 1;
    let query = ListQuery {
        process: process.id,
        theme: theme.map(|t| t.id),
        search: Some(search.clone()),
        sort,
        page,
        per_page: PER_PAGE,
    };
    let (found, total) = ideas::public_page(conn, &query).await?;
    let phases = process::phases(conn, process.id).await?;
    let open = open_idea_phase(conn, &process, &phases, ctx.now)
        .await?
        .is_some();
    let page_markup = view::list(
        &ctx,
        &view::ListView {
            process: &process,
            themes: &themes,
            ideas: &found,
            total,
            theme,
            search: &search,
            sort,
            page,
            pages: total.div_ceil(PER_PAGE),
            open,
        },
    );
    Ok(html_with_status(StatusCode::OK, page_markup))
}

fn render_form(
    ctx: &Ctx,
    process: &Process,
    themes: &[Theme],
    values: &HashMap<String, String>,
    errors: &FormErrors,
    notice: Option<&str>,
    status: StatusCode,
) -> HttpResponse {
    let t = texts::texts(ctx.lang);
    let get = |name: &str| values.get(name).map_or("", String::as_str);
    let posted = Posted {
        key: get(public_form::KEY_FIELD),
        started: get(public_form::STARTED_FIELD),
        honeypot: "",
    };
    let stamp = gate(ctx, process).stamp(posted, status != StatusCode::OK);
    let body = view::form(
        ctx,
        &view::FormView {
            process,
            themes,
            values,
            key: &stamp.key,
            started: &stamp.started,
            errors,
            notice,
        },
    );
    html_with_status(status, layout::page(ctx, t.form_title, body))
}

fn closed_page(ctx: &Ctx, process: &Process, status: StatusCode) -> HttpResponse {
    let t = texts::texts(ctx.lang);
    html_with_status(
        status,
        layout::page(
            ctx,
            t.form_title,
            maud::html! {
                h1 { (t.form_title) }
                p { (t.closed) }
                p { a href={ "/processen/" (process.slug) "/ideeen" } { (t.back_to_ideas) } }
            },
        ),
    )
}

#[derive(serde::Deserialize)]
struct FormParams {
    thema: Option<String>,
}

#[get("/processen/{slug}/ideeen/nieuw")]
async fn form_page(
    ctx: Ctx,
    slug: web::Path<String>,
    params: web::Query<FormParams>,
) -> WebResult<HttpResponse> {
    let conn = ctx.state.db.read();
    let process = public_process(&ctx, &slug).await?;
    let phases = process::phases(conn, process.id).await?;
    if open_idea_phase(conn, &process, &phases, ctx.now)
        .await?
        .is_none()
    {
        return Ok(closed_page(&ctx, &process, StatusCode::OK));
    }
    let themes = process::themes(conn, process.id).await?;
    let mut values = HashMap::new();
    if let Some(theme) = themes
        .iter()
        .find(|t| Some(t.slug.as_str()) == params.thema.as_deref())
    {
        values.insert("theme".to_owned(), theme.id.to_string());
    }
    Ok(render_form(
        &ctx,
        &process,
        &themes,
        &values,
        &FormErrors::default(),
        None,
        StatusCode::OK,
    ))
}

fn field_label(lang: crate::i18n::Lang, field: &str) -> String {
    let t = texts::texts(lang);
    match field {
        "theme" => t.theme,
        "title" => t.title,
        "body" => t.body,
        "name" => t.name,
        "email" => t.email,
        "consent" => t.consent,
        _ => t.form_title,
    }
    .to_owned()
}

fn gate<'a>(ctx: &'a Ctx, process: &Process) -> PublicForm<'a> {
    PublicForm::new(ctx, public_form::IDEA, process.id)
}

/// The idea form's own wording where it has one, else the common one.
fn refusal_notice(ctx: &Ctx, refusal: Refusal) -> &'static str {
    let t = texts::texts(ctx.lang);
    match refusal {
        Refusal::SessionExpired => t.notice_session_expired,
        Refusal::Honeypot => t.notice_honeypot,
        Refusal::RateLimited => t.notice_rate_limited,
        other => other.notice(ctx.lang),
    }
}

/// The posted fields by name; a name sent twice keeps its first value, as the form never sends
/// one twice.
fn by_name(fields: Vec<(String, String)>) -> HashMap<String, String> {
    let mut values = HashMap::new();
    for (name, value) in fields {
        values.entry(name).or_insert(value);
    }
    values
}

fn parse_idea(
    ctx: &Ctx,
    values: &HashMap<String, String>,
    themes: &[Theme],
) -> Result<NewIdea, FormErrors> {
    let get = |name: &str| values.get(name).map_or("", String::as_str);
    let raw = RawIdea {
        theme: get("theme"),
        title: get("title"),
        body: get("body"),
        name: get("name"),
        email: get("email"),
        consent: !get("consent").is_empty(),
        key: get(public_form::KEY_FIELD),
    };
    let theme_ids: Vec<_> = themes.iter().map(|th| th.id).collect();
    let mut new = NewIdea::parse(&raw, &theme_ids)
        .map_err(|e| FormErrors::from_fields(ctx.lang, &e, |f| field_label(ctx.lang, f)))?;
    new.language = ctx.lang.into();
    Ok(new)
}

#[post("/processen/{slug}/ideeen/nieuw")]
async fn submit(
    ctx: Ctx,
    req: HttpRequest,
    slug: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> WebResult<HttpResponse> {
    let process = public_process(&ctx, &slug).await?;
    let conn = ctx.state.db.read();
    let phases = process::phases(conn, process.id).await?;
    if open_idea_phase(conn, &process, &phases, ctx.now)
        .await?
        .is_none()
    {
        return Ok(closed_page(&ctx, &process, StatusCode::GONE));
    }
    let themes = process::themes(conn, process.id).await?;
    let fields = form.into_inner();
    let gate = gate(&ctx, &process);
    let refused = |values: &HashMap<String, String>, r: Refusal| {
        let notice = Some(refusal_notice(&ctx, r));
        render_form(
            &ctx,
            &process,
            &themes,
            values,
            &FormErrors::default(),
            notice,
            r.status(),
        )
    };
    let checked = gate.check(Posted::from_fields(&fields));
    let values = by_name(fields);
    if let Err(refusal) = checked {
        return Ok(refused(&values, refusal));
    }
    let new = match parse_idea(&ctx, &values, &themes) {
        Ok(new) => new,
        Err(errors) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(render_form(
                &ctx, &process, &themes, &values, &errors, None, status,
            ));
        }
    };
    let address = client_address(&req, ctx.state.settings.trust_proxy);
    let (public, trace) = match flow::submit_idea(&ctx, &gate, &process, &new, &address).await? {
        IdeaOutcome::Stored { public, trace } => (public, format!("&spoor={trace}")),
        IdeaOutcome::Replayed { public } => (public, String::new()),
        IdeaOutcome::Refused(refusal) => return Ok(refused(&values, refusal)),
    };
    Ok(see_other(&format!(
        "/processen/{}/ideeen/ontvangen?openbaar={}{trace}",
        process.slug,
        if public { "1" } else { "0" }
    )))
}

#[derive(serde::Deserialize)]
struct ThanksParams {
    openbaar: Option<String>,
    spoor: Option<String>,
}

#[get("/processen/{slug}/ideeen/ontvangen")]
async fn thanks(
    ctx: Ctx,
    slug: web::Path<String>,
    params: web::Query<ThanksParams>,
) -> WebResult<HttpResponse> {
    let process = public_process(&ctx, &slug).await?;
    let public = params.openbaar.as_deref() == Some("1");
    let trace = crate::routes::traceability::public::receipt_trace_link(
        &ctx,
        process.id,
        inspraak_domain::traceability::ContributionKind::Idea,
        params.spoor.as_deref(),
    )
    .await?;
    Ok(html_with_status(
        StatusCode::OK,
        view::thanks(&ctx, &process, public, trace.as_deref()),
    ))
}

#[get("/processen/{slug}/ideeen/{id}")]
async fn idea_page(ctx: Ctx, path: web::Path<(String, IdeaId)>) -> WebResult<HttpResponse> {
    let conn = ctx.state.db.read();
    let process = public_process(&ctx, &path.0).await?;
    let idea = ideas::find(conn, process.id, path.1)
        .await?
        .filter(|i| i.visibility == Visibility::Public || ctx.is_organiser())
        .ok_or(WebError::NotFound)?;
    let themes = process::themes(conn, process.id).await?;
    let action_point = match idea.action_point {
        Some(id) => action_points::find(conn, process.id, id).await?,
        None => None,
    };
    let comments = forum::comments_for(conn, CommentSubject::Idea(idea.id)).await?;
    let page = view::idea_page(
        &ctx,
        &view::IdeaView {
            process: &process,
            themes: &themes,
            idea: &idea,
            action_point: action_point.as_ref(),
            comments: CommentsView {
                target: format!("idee-{}", idea.id),
                comments: &comments,
                can_comment: is_forum_member(ctx.user.as_ref()),
            },
        },
    );
    Ok(html_with_status(StatusCode::OK, page))
}

#[get("/processen/{slug}/actieplan")]
async fn plan(ctx: Ctx, slug: web::Path<String>) -> WebResult<HttpResponse> {
    let key = format!("/processen/{slug}/actieplan");
    let plan = cache::page(&ctx, key, || async {
        let process = public_process(&ctx, &slug).await?;
        crate::read::action_plan::load(ctx.state.db.read(), process).await
    })
    .await?;
    // The files are made when someone downloads one, not for every view of the page: their
    // exact size would cost a PDF per page view (and the PDF writer's output varies by a few
    // bytes between runs, so a size in the link would make equal pages differ).
    let downloads = view::Downloads { date: plan.as_of() };
    let page = view::plan(
        &ctx,
        &view::PlanView {
            plan: &plan,
            downloads: &downloads,
        },
    );
    Ok(html_with_status(StatusCode::OK, page))
}

#[get("/processen/{slug}/actiepunten/{id}")]
async fn point_page(ctx: Ctx, path: web::Path<(String, ActionPointId)>) -> WebResult<HttpResponse> {
    let conn = ctx.state.db.read();
    let process = public_process(&ctx, &path.0).await?;
    let member = is_forum_member(ctx.user.as_ref());
    // Draft action points are for the forum to discuss, not yet for everyone.
    let point = action_points::find(conn, process.id, path.1)
        .await?
        .filter(|p| p.status != ActionPointStatus::Draft || member)
        .ok_or(WebError::NotFound)?;
    let themes = process::themes(conn, process.id).await?;
    let updates = action_points::updates(conn, point.id).await?;
    let from_ideas = ideas::for_action_point(conn, point.id).await?;
    let comments = forum::comments_for(conn, CommentSubject::ActionPoint(point.id)).await?;
    let documents = inspraak_store::publications::documents_of(
        conn,
        inspraak_store::publications::Owner::ActionPoint(point.id),
    )
    .await?;
    let ids: Vec<_> = updates
        .iter()
        .map(|u| inspraak_domain::ProgressUpdateId(u.id))
        .collect();
    let update_documents = inspraak_store::publications::documents_of_updates(conn, &ids).await?;
    let page = view::point_page(
        &ctx,
        &view::PointView {
            process: &process,
            point: &point,
            theme: themes.iter().find(|t| Some(t.id) == point.theme_id),
            updates: &updates,
            ideas: &from_ideas,
            documents: &documents,
            update_documents: &update_documents,
            comments: CommentsView {
                target: format!("actiepunt-{}", point.id),
                comments: &comments,
                can_comment: member,
            },
            origin: crate::routes::traceability::public::origin(
                &ctx,
                &process,
                point.id,
                &from_ideas,
            )
            .await?,
        },
    );
    Ok(html_with_status(StatusCode::OK, page))
}
