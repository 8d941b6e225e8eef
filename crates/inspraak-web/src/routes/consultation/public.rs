//! The public form of a process's consultation, the submission, and the receipt.
//!
//! A submission is refused, with the form shown again and everything typed kept, when: the CSRF
//! token or session expired (a fresh token comes with the form), the honeypot is filled, the form
//! came back faster than a person can fill it (a signed start time), answers do not parse, or
//! the visitor's address sent too many responses lately. Only then is it stored, in one
//! transaction, idempotently under the form's key; the answer is a 303 to the receipt.
//!
//! The signed start time is bound to the visitor (cookie) and to the form's idempotency key, and
//! expires after `FORM_VALID_HOURS`: one fetched form covers one response, not any number. An
//! expired or foreign one gets the form back with everything typed, a fresh start time and a
//! notice. The per-address limit (over all consultations) is enforced by the database: the slot is
//! reserved by one atomic statement before the response is stored, and given back when nothing
//! new was stored (a replay, a closed window).

use super::super::{WebResult, html_with_status, see_other};
use crate::ctx::Ctx;
use crate::ctx::client_address;
use crate::error::WebError;
use crate::flows::consultation::{self as flow, ResponseInput, ResponseOutcome};
use crate::flows::public_form::{self, Posted, PublicForm, Refusal};
use crate::flows::public_process;
use crate::i18n::consultation as texts;
use crate::read::cache;
use crate::views::components::FormErrors;
use crate::views::consultation::form::{self as view, FormView, Values, answer_errors};
use crate::views::consultation::pages;
use crate::views::shell::Shell;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::NaiveDate;
use inspraak_domain::consultation::{Question, RawForm, ReceiptCode, WindowState, parse_response};
use inspraak_domain::time::local_date;
use inspraak_domain::traceability::Contribution;
use inspraak_domain::{ConsultationId, ResponseId};
use inspraak_store::consultation::{self, Consultation, Receipt};
use inspraak_store::process::{self, Process, Theme};
use inspraak_store::traceability::trace;
use inspraak_store::{retention, tokens};
use std::sync::OnceLock;

/// Responses stored from one client address per window before it must wait.
pub const MAX_RESPONSES_PER_ADDRESS: u64 = public_form::CONSULTATION.limit;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(current)
        .service(receipt_page)
        .service(receipt_by_code)
        .service(form_page)
        .service(submit);
}

/// A published consultation of a public process, with what its form needs.
struct Loaded {
    process: Process,
    consultation: Consultation,
    questions: Vec<Question>,
    themes: Vec<Theme>,
    erase_by: NaiveDate,
    /// The form as first shown, rendered once for the visitors who share this model from memory
    /// (`cache::shared`); their CSRF token, key and start time are filled in per request.
    shell: OnceLock<Option<Shell<3>>>,
}

async fn load(ctx: &Ctx, process: Process, consultation: Consultation) -> WebResult<Loaded> {
    let conn = ctx.state.db.read();
    let questions = consultation::questions(conn, consultation.id).await?;
    let themes = process::themes(conn, process.id).await?;
    let days = retention::days_for(conn, process.id).await?;
    let erase_by = local_date(days.erase_after(consultation.window.closes_at()));
    Ok(Loaded {
        process,
        consultation,
        questions,
        themes,
        erase_by,
        shell: OnceLock::new(),
    })
}

async fn load_by_id(ctx: &Ctx, slug: &str, id: ConsultationId) -> WebResult<Loaded> {
    let process = public_process(ctx, slug).await?;
    let consultation = consultation::admin::find_in_process(ctx.state.db.read(), process.id, id)
        .await?
        .filter(Consultation::is_published)
        .ok_or(WebError::NotFound)?;
    load(ctx, process, consultation).await
}

/// Shows the form (again) with what was posted, and a new key and start time where needed.
fn render(
    ctx: &Ctx,
    loaded: &Loaded,
    values: &[(String, String)],
    errors: &FormErrors,
    notice: Option<&str>,
    status: StatusCode,
) -> HttpResponse {
    let stamp = gate(ctx, loaded).stamp(Posted::from_fields(values), status != StatusCode::OK);
    let as_first_shown = values.is_empty() && errors.0.is_empty() && notice.is_none();
    // Only for a model from memory: with the cache off (as the cache test's reference instance
    // runs), every page is rendered whole.
    if as_first_shown && cache::shared(ctx) {
        let shell = loaded.shell.get_or_init(|| {
            Shell::render(&ctx.path, |[csrf_token, key, started]| {
                let anyone = Ctx {
                    csrf_token: csrf_token.to_owned(),
                    ..ctx.clone()
                };
                form_view(
                    &anyone,
                    loaded,
                    Values(values),
                    key,
                    started,
                    errors,
                    notice,
                )
            })
        });
        let visitor = [ctx.csrf_token.as_str(), &stamp.key, &stamp.started];
        if let Some(page) = shell.as_ref().and_then(|s| s.fill(&ctx.path, visitor)) {
            return html_with_status(status, page);
        }
    }
    let page = form_view(
        ctx,
        loaded,
        Values(values),
        &stamp.key,
        &stamp.started,
        errors,
        notice,
    );
    html_with_status(status, page)
}

fn form_view(
    ctx: &Ctx,
    loaded: &Loaded,
    values: Values<'_>,
    idempotency_key: &str,
    started: &str,
    errors: &FormErrors,
    notice: Option<&str>,
) -> maud::Markup {
    view::form_page(
        ctx,
        FormView {
            process: &loaded.process,
            consultation: &loaded.consultation,
            questions: &loaded.questions,
            themes: &loaded.themes,
            values,
            idempotency_key,
            started,
            errors,
            notice,
            erase_by: loaded.erase_by,
            preview: false,
        },
    )
}

async fn show(
    ctx: &Ctx,
    loaded: &Loaded,
    values: &[(String, String)],
    status: StatusCode,
) -> WebResult<HttpResponse> {
    let state = loaded.consultation.window.state(ctx.now);
    if state == WindowState::Open {
        Ok(render(
            ctx,
            loaded,
            values,
            &FormErrors::default(),
            None,
            status,
        ))
    } else {
        // A closed page says what happened next: the outcome, or that it is being worked on.
        let outcome_published = state == WindowState::Closed
            && inspraak_store::outcomes::state(ctx.state.db.read(), loaded.consultation.id)
                .await?
                .published_at
                .is_some();
        let typed = if status == StatusCode::OK {
            Vec::new()
        } else {
            pages::typed_texts(&loaded.questions, values)
        };
        let status = match (status, state) {
            (StatusCode::OK, _) => StatusCode::OK,
            (_, WindowState::NotYetOpen) => StatusCode::FORBIDDEN,
            _ => StatusCode::GONE,
        };
        let page = pages::not_open(
            ctx,
            &pages::NotOpen {
                process: &loaded.process,
                consultation: &loaded.consultation,
                state,
                typed: &typed,
                posted: status != StatusCode::OK,
                outcome_published,
            },
        );
        Ok(html_with_status(status, page))
    }
}

/// The consultation a process shows now, or the process when it has none.
enum Current {
    None(Process),
    Some(Box<Loaded>),
}

async fn load_current(ctx: &Ctx, slug: &str) -> WebResult<Current> {
    let process = public_process(ctx, slug).await?;
    let found =
        consultation::admin::public_for_process(ctx.state.db.read(), process.id, ctx.now).await?;
    Ok(match found {
        Some(consultation) => Current::Some(Box::new(load(ctx, process, consultation).await?)),
        None => Current::None(process),
    })
}

/// The consultation of a process: open now, else the next, else the last one. The read model
/// comes from memory (`read::cache`); the form's key and start time are made per request.
#[get("/processen/{slug}/consultatie")]
async fn current(ctx: Ctx, slug: web::Path<String>) -> WebResult<HttpResponse> {
    let key = format!("/processen/{slug}/consultatie");
    match cache::form(&ctx, key, || load_current(&ctx, &slug))
        .await?
        .as_ref()
    {
        Current::None(process) => Ok(html_with_status(StatusCode::OK, pages::none(&ctx, process))),
        Current::Some(loaded) => show(&ctx, loaded, &[], StatusCode::OK).await,
    }
}

#[get("/processen/{slug}/consultatie/{id}")]
async fn form_page(ctx: Ctx, path: web::Path<(String, ConsultationId)>) -> WebResult<HttpResponse> {
    let key = format!("/processen/{}/consultatie/{}", path.0, path.1);
    let loaded = cache::form(&ctx, key, || load_by_id(&ctx, &path.0, path.1)).await?;
    show(&ctx, &loaded, &[], StatusCode::OK).await
}

fn gate<'a>(ctx: &'a Ctx, loaded: &Loaded) -> PublicForm<'a> {
    PublicForm::new(ctx, public_form::CONSULTATION, loaded.consultation.id)
}

/// The consultation's own wording of the gate's refusals.
fn refusal_notice(ctx: &Ctx, refusal: Refusal) -> &'static str {
    let t = texts::texts(ctx.lang);
    match refusal {
        Refusal::SessionExpired => t.notice_session_expired,
        Refusal::Honeypot => t.notice_honeypot,
        Refusal::FormExpired => t.notice_form_expired,
        Refusal::TooFast => t.notice_too_fast,
        Refusal::KeyInvalid => t.notice_key_invalid,
        Refusal::RateLimited => t.notice_rate_limited,
    }
}

fn refused(ctx: &Ctx, loaded: &Loaded, values: &[(String, String)], r: Refusal) -> HttpResponse {
    let notice = Some(refusal_notice(ctx, r));
    render(
        ctx,
        loaded,
        values,
        &FormErrors::default(),
        notice,
        r.status(),
    )
}

fn receipt_path(loaded: &Loaded, receipt: &Receipt) -> String {
    format!(
        "/processen/{}/consultatie/{}/ontvangen/{}/{}",
        loaded.process.slug, loaded.consultation.id, receipt.response, receipt.code
    )
}

#[post("/processen/{slug}/consultatie/{id}")]
async fn submit(
    ctx: Ctx,
    req: HttpRequest,
    path: web::Path<(String, ConsultationId)>,
    form: web::Form<Vec<(String, String)>>,
) -> WebResult<HttpResponse> {
    // Stored, refused or sent back: no public page changed (`cache::ContentUnchanged`).
    store_response(ctx, req, path, form)
        .await
        .map(cache::content_unchanged)
}

async fn store_response(
    ctx: Ctx,
    req: HttpRequest,
    path: web::Path<(String, ConsultationId)>,
    form: web::Form<Vec<(String, String)>>,
) -> WebResult<HttpResponse> {
    // The form's read model from memory, as for showing it: the one of the process's form page
    // when that is this consultation (where the form was most likely served), else its own. The
    // writer checks the questions' version and the window again under the consultation's lock,
    // so a model a moment old cannot store a response against changed questions or too late.
    let shown = cache::peek::<Current>(&ctx, &format!("/processen/{}/consultatie", path.0)).await?;
    let by_id;
    let loaded: &Loaded = match shown.as_deref() {
        Some(Current::Some(loaded)) if loaded.consultation.id == path.1 => loaded.as_ref(),
        _ => {
            let key = format!("/processen/{}/consultatie/{}", path.0, path.1);
            by_id = cache::form(&ctx, key, || load_by_id(&ctx, &path.0, path.1)).await?;
            &by_id
        }
    };
    let values = form.into_inner();
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    if loaded.consultation.window.state(ctx.now) != WindowState::Open {
        return show(&ctx, loaded, &values, unprocessable).await;
    }
    let gate = gate(&ctx, loaded);
    let key = match gate.check(Posted::from_fields(&values)) {
        Ok(key) => key,
        Err(refusal) => return Ok(refused(&ctx, loaded, &values, refusal)),
    };
    let theme_ids: Vec<_> = loaded.themes.iter().map(|th| th.id).collect();
    let parsed = match parse_response(&loaded.questions, &theme_ids, &RawForm::new(&values)) {
        Ok(parsed) => parsed,
        Err(errors) => {
            let errors = answer_errors(
                ctx.lang,
                ctx.content_lang().is_some(),
                &errors,
                &loaded.questions,
                &loaded.themes,
            );
            return Ok(render(&ctx, loaded, &values, &errors, None, unprocessable));
        }
    };
    let input = ResponseInput {
        consultation: &loaded.consultation,
        erase_by: loaded.erase_by,
        key: &key,
        parsed: &parsed,
        client_address: &client_address(&req, ctx.state.settings.trust_proxy),
    };
    match flow::submit_response(&ctx, &gate, &input).await? {
        // The trace link is shown once, on the receipt right after sending (and mailed).
        ResponseOutcome::Stored { receipt, trace } => Ok(see_other(&format!(
            "{}?spoor={trace}",
            receipt_path(loaded, &receipt)
        ))),
        ResponseOutcome::Replayed(receipt) => Ok(see_other(&receipt_path(loaded, &receipt))),
        ResponseOutcome::NotOpen => show(&ctx, loaded, &values, unprocessable).await,
        ResponseOutcome::QuestionsChanged => {
            // Changed elsewhere: this instance's form in memory is older than the database, so
            // the next page asks for the version at once (the marker only skips the check for
            // this instance's own change, of which a response has none).
            ctx.state.cache.recheck();
            let fresh = load_by_id(&ctx, &path.0, path.1).await?;
            let notice = Some(texts::texts(ctx.lang).notice_questions_changed);
            let errors = FormErrors::default();
            Ok(render(
                &ctx,
                &fresh,
                &values,
                &errors,
                notice,
                unprocessable,
            ))
        }
        ResponseOutcome::NotFound => Err(WebError::NotFound),
        ResponseOutcome::Refused(refusal) => Ok(refused(&ctx, loaded, &values, refusal)),
    }
}

#[derive(serde::Deserialize)]
struct TraceQuery {
    spoor: Option<String>,
}

/// The receipt's address before it held the response's id (migration 000028), perhaps
/// bookmarked: a permanent redirect to the current one, for the responses stored then.
#[get("/processen/{slug}/consultatie/{id}/ontvangen/{code}")]
async fn receipt_by_code(
    ctx: Ctx,
    path: web::Path<(String, ConsultationId, String)>,
    req: HttpRequest,
) -> WebResult<HttpResponse> {
    let (slug, id, code) = path.into_inner();
    let code = ReceiptCode::parse(&code).ok_or(WebError::NotFound)?;
    let loaded = load_by_id(&ctx, &slug, id).await?;
    let found = consultation::submit::find_receipt_by_code(
        ctx.state.db.read(),
        loaded.consultation.id,
        &code,
    )
    .await?
    .ok_or(WebError::NotFound)?;
    let mut to = receipt_path(&loaded, &found);
    if !req.query_string().is_empty() {
        to = format!("{to}?{}", req.query_string());
    }
    Ok(HttpResponse::PermanentRedirect()
        .insert_header((actix_web::http::header::LOCATION, to))
        .finish())
}

#[get("/processen/{slug}/consultatie/{id}/ontvangen/{response}/{code}")]
async fn receipt_page(
    ctx: Ctx,
    path: web::Path<(String, ConsultationId, ResponseId, String)>,
    query: web::Query<TraceQuery>,
) -> WebResult<HttpResponse> {
    let (slug, id, response, code) = path.into_inner();
    let code = ReceiptCode::parse(&code).ok_or(WebError::NotFound)?;
    let loaded = load_by_id(&ctx, &slug, id).await?;
    let found = consultation::submit::find_receipt(
        ctx.state.db.read(),
        loaded.consultation.id,
        response,
        &code,
    )
    .await?
    .ok_or(WebError::NotFound)?;
    let contribution = Contribution::Response(found.response);
    let mut trace_href = None;
    if let Some(token) = query.spoor.as_deref().filter(|t| tokens::is_trace_token(t))
        && trace::belongs_to(
            ctx.state.db.read(),
            contribution,
            &tokens::hash_trace_token(token),
        )
        .await?
    {
        trace_href = Some(format!(
            "{}{}",
            ctx.state.settings.base_url,
            crate::flows::trace_path(token)
        ));
    }
    let page = pages::receipt(
        &ctx,
        &loaded.process,
        &loaded.consultation,
        &found,
        trace_href.as_deref(),
    );
    Ok(html_with_status(StatusCode::OK, page))
}
