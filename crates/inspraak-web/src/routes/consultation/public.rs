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
use crate::error::WebError;
use crate::i18n::{consultation as texts, fill};
use crate::routes::auth::client_address;
use crate::views::components::FormErrors;
use crate::views::consultation::form::{self as view, FormView, HONEYPOT, Values, answer_errors};
use crate::views::consultation::pages;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use inspraak_domain::consultation::{
    IdempotencyKey, ParsedResponse, Question, RawForm, ReceiptCode, WindowState, parse_response,
};
use inspraak_domain::time::local_date;
use inspraak_domain::traceability::{Contribution, ContributionKind};
use inspraak_domain::{ConsultationId, Email};
use inspraak_store::consultations::{self, Consultation, NewContact, NewResponse, SubmitOutcome};
use inspraak_store::outbox::NewMail;
use inspraak_store::processes::{self, Process, Theme};
use inspraak_store::traceability::trace;
use inspraak_store::{retention, throttle, tokens};

/// A person needs more than this to read and fill in a form; bots post at once.
pub const MIN_FILL_SECONDS: i64 = 3;
/// Responses stored from one client address per window before it must wait.
pub const MAX_RESPONSES_PER_ADDRESS: u64 = 20;
const RATE_WINDOW_MINUTES: i64 = 10;
/// How long a handed-out form can be sent: a day covers reading, thinking and a night's sleep;
/// after that the form comes back once with a fresh start time (nothing typed is lost).
pub const FORM_VALID_HOURS: i64 = 24;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(current)
        .service(receipt_page)
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
}

async fn load(ctx: &Ctx, process: Process, consultation: Consultation) -> WebResult<Loaded> {
    let conn = ctx.state.db.read();
    let questions = consultations::questions(conn, consultation.id).await?;
    let themes = processes::themes(conn, process.id).await?;
    let days = retention::days_for(conn, process.id).await?;
    let erase_by = local_date(days.erase_after(consultation.window.closes_at()));
    Ok(Loaded {
        process,
        consultation,
        questions,
        themes,
        erase_by,
    })
}

async fn public_process(ctx: &Ctx, slug: &str) -> WebResult<Process> {
    processes::find_public_by_slug(ctx.state.db.read(), slug)
        .await?
        .ok_or(WebError::NotFound)
}

async fn load_by_id(ctx: &Ctx, slug: &str, id: i64) -> WebResult<Loaded> {
    let process = public_process(ctx, slug).await?;
    let consultation =
        consultations::admin::find_in_process(ctx.state.db.read(), process.id, ConsultationId(id))
            .await?
            .filter(Consultation::is_published)
            .ok_or(WebError::NotFound)?;
    load(ctx, process, consultation).await
}

/// The signed moment a form was handed out, for this visitor and this idempotency key:
/// `<unix seconds>.<hmac>`.
fn start_stamp(ctx: &Ctx, consultation: ConsultationId, key: &str, earlier: Duration) -> String {
    let seconds = (ctx.now - earlier).timestamp();
    let mac = ctx.state.keys.hash(
        "consultation-form",
        &stamp_input(ctx, consultation, key, seconds),
    );
    format!("{seconds}.{mac}")
}

fn stamp_input(
    ctx: &Ctx,
    consultation: ConsultationId,
    key: &str,
    seconds: impl std::fmt::Display,
) -> String {
    format!("{consultation}:{}:{key}:{seconds}", ctx.visitor_id)
}

/// When the form was handed out, if `raw` is a start time signed for this visitor and key that
/// has not expired.
fn stamp_time(
    ctx: &Ctx,
    consultation: ConsultationId,
    key: &str,
    raw: &str,
) -> Option<DateTime<Utc>> {
    let (seconds, mac) = raw.split_once('.')?;
    let ok = ctx.state.keys.verify(
        "consultation-form",
        &stamp_input(ctx, consultation, key, seconds),
        mac,
    );
    ok.then(|| seconds.parse::<i64>().ok())
        .flatten()
        .and_then(|s| DateTime::<Utc>::from_timestamp(s, 0))
        .filter(|at| ctx.now - *at <= Duration::hours(FORM_VALID_HOURS))
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
    let values = Values(values);
    let key = match IdempotencyKey::parse(values.get("idempotency_key")) {
        Ok(key) => key.as_str().to_owned(),
        Err(_) => tokens::new_token(),
    };
    let id = loaded.consultation.id;
    let started = match stamp_time(ctx, id, &key, values.get("form_started")) {
        Some(_) => values.get("form_started").to_owned(),
        // Shown again after a refusal (e.g. a lost session): the person has already spent the
        // time filling it in, so sending it again at once is not "too fast".
        None if status != StatusCode::OK => {
            start_stamp(ctx, id, &key, Duration::seconds(MIN_FILL_SECONDS))
        }
        None => start_stamp(ctx, id, &key, Duration::zero()),
    };
    let page = view::form_page(
        ctx,
        FormView {
            process: &loaded.process,
            consultation: &loaded.consultation,
            questions: &loaded.questions,
            themes: &loaded.themes,
            values,
            idempotency_key: &key,
            started: &started,
            errors,
            notice,
            erase_by: loaded.erase_by,
            preview: false,
        },
    );
    html_with_status(status, page)
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

/// The consultation of a process: open now, else the next, else the last one.
#[get("/processen/{slug}/consultatie")]
async fn current(ctx: Ctx, slug: web::Path<String>) -> WebResult<HttpResponse> {
    let process = public_process(&ctx, &slug).await?;
    let found =
        consultations::admin::public_for_process(ctx.state.db.read(), process.id, ctx.now).await?;
    let Some(consultation) = found else {
        return Ok(html_with_status(
            StatusCode::OK,
            pages::none(&ctx, &process),
        ));
    };
    let loaded = load(&ctx, process, consultation).await?;
    show(&ctx, &loaded, &[], StatusCode::OK).await
}

#[get("/processen/{slug}/consultatie/{id}")]
async fn form_page(ctx: Ctx, path: web::Path<(String, i64)>) -> WebResult<HttpResponse> {
    let loaded = load_by_id(&ctx, &path.0, path.1).await?;
    show(&ctx, &loaded, &[], StatusCode::OK).await
}

/// Refusals that come before the answers are read: expired session, honeypot, too fast.
fn spam_or_session_notice(ctx: &Ctx, loaded: &Loaded, values: Values<'_>) -> Option<&'static str> {
    let t = texts::texts(ctx.lang);
    if ctx.csrf_ok == Some(false) {
        return Some(t.notice_session_expired);
    }
    if !values.get(HONEYPOT).is_empty() {
        tracing::info!(consultation = %loaded.consultation.id, "honeypot filled; response not stored");
        return Some(t.notice_honeypot);
    }
    let Some(started) = stamp_time(
        ctx,
        loaded.consultation.id,
        values.get("idempotency_key"),
        values.get("form_started"),
    ) else {
        tracing::info!(consultation = %loaded.consultation.id, "start time expired or not this visitor's; response not stored");
        return Some(t.notice_form_expired);
    };
    if ctx.now - started < Duration::seconds(MIN_FILL_SECONDS) {
        tracing::info!(consultation = %loaded.consultation.id, "form sent too fast; response not stored");
        return Some(t.notice_too_fast);
    }
    None
}

fn confirmation_mail(
    ctx: &Ctx,
    loaded: &Loaded,
    email: &Email,
    code: &ReceiptCode,
    token: &str,
    trace_token: &str,
) -> NewMail {
    let t = texts::texts(ctx.lang);
    let link = format!("{}/gegevens-wissen/{token}", ctx.state.settings.base_url);
    let title = &loaded.consultation.title;
    NewMail {
        recipient: email.clone(),
        subject: fill(t.mail_subject, &[("title", title)]),
        body_text: fill(
            t.mail_body,
            &[
                ("title", title),
                ("code", code.as_str()),
                ("date", &ctx.lang.date(loaded.erase_by)),
                ("link", &link),
            ],
        ) + &trace_line(ctx, trace_token),
        attachment: None,
        dedupe_key: None,
    }
}

/// The personal "what was done with my input" link, added to the confirmation mail.
fn trace_line(ctx: &Ctx, trace_token: &str) -> String {
    let t = crate::i18n::traceability::texts(ctx.lang);
    format!(
        "\n\n{}\n{}{}",
        t.trace_title,
        ctx.state.settings.base_url,
        crate::routes::traceability::public::trace_path(trace_token)
    )
}

async fn store(
    ctx: &Ctx,
    loaded: &Loaded,
    key: &IdempotencyKey,
    parsed: &ParsedResponse,
    trace_token: &str,
) -> WebResult<SubmitOutcome> {
    let receipt = consultations::new_receipt_code();
    let token = tokens::new_token();
    let token_hash = tokens::hash_token(&token);
    let mail = parsed
        .contact
        .as_ref()
        .map(|email| confirmation_mail(ctx, loaded, email, &receipt, &token, trace_token));
    let contact = parsed.contact.as_ref().map(|email| NewContact {
        email,
        erase_token_hash: &token_hash,
        confirmation: mail.as_ref(),
        language: ctx.lang.into(),
    });
    let new = NewResponse {
        consultation: loaded.consultation.id,
        structure_version: loaded.consultation.structure_version,
        key,
        receipt: &receipt,
        answers: &parsed.answers,
        contact,
    };
    // The trace token's hash is stored in the same transaction as the response.
    let txn = ctx.state.db.begin().await?;
    let outcome = consultations::submit(&txn, &new, ctx.now).await?;
    if let SubmitOutcome::Stored(receipt) = &outcome {
        let contribution = Contribution {
            kind: ContributionKind::Response,
            id: receipt.response.0,
        };
        trace::add(
            &txn,
            contribution,
            &tokens::hash_token(trace_token),
            ctx.now,
        )
        .await?;
    }
    txn.commit()
        .await
        .map_err(inspraak_store::StoreError::from)?;
    Ok(outcome)
}

fn receipt_path(loaded: &Loaded, code: &ReceiptCode) -> String {
    format!(
        "/processen/{}/consultatie/{}/ontvangen/{code}",
        loaded.process.slug, loaded.consultation.id
    )
}

#[post("/processen/{slug}/consultatie/{id}")]
async fn submit(
    ctx: Ctx,
    req: HttpRequest,
    path: web::Path<(String, i64)>,
    form: web::Form<Vec<(String, String)>>,
) -> WebResult<HttpResponse> {
    let t = texts::texts(ctx.lang);
    let loaded = load_by_id(&ctx, &path.0, path.1).await?;
    let values = form.into_inner();
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    if loaded.consultation.window.state(ctx.now) != WindowState::Open {
        return show(&ctx, &loaded, &values, unprocessable).await;
    }
    if let Some(notice) = spam_or_session_notice(&ctx, &loaded, Values(&values)) {
        return Ok(render(
            &ctx,
            &loaded,
            &values,
            &FormErrors::default(),
            Some(notice),
            unprocessable,
        ));
    }
    let theme_ids: Vec<_> = loaded.themes.iter().map(|th| th.id).collect();
    let parsed = match parse_response(&loaded.questions, &theme_ids, &RawForm::new(&values)) {
        Ok(parsed) => parsed,
        Err(errors) => {
            let errors = answer_errors(ctx.lang, &errors, &loaded.questions, &loaded.themes);
            return Ok(render(&ctx, &loaded, &values, &errors, None, unprocessable));
        }
    };
    let Ok(key) = IdempotencyKey::parse(Values(&values).get("idempotency_key")) else {
        let notice = Some(t.notice_key_invalid);
        return Ok(render(
            &ctx,
            &loaded,
            &values,
            &FormErrors::default(),
            notice,
            unprocessable,
        ));
    };
    // The address is only ever stored as a keyed hash. The slot is reserved before storing.
    let address = ctx.state.keys.hash(
        "consultation-submit",
        &client_address(&req, ctx.state.settings.trust_proxy),
    );
    let throttle_key = format!("consultation:{address}");
    let window = Duration::minutes(RATE_WINDOW_MINUTES);
    let slot = throttle::take(ctx.state.db.write(), &throttle_key, window, ctx.now).await?;
    if !slot.within(MAX_RESPONSES_PER_ADDRESS) {
        let notice = Some(t.notice_rate_limited);
        return Ok(render(
            &ctx,
            &loaded,
            &values,
            &FormErrors::default(),
            notice,
            StatusCode::TOO_MANY_REQUESTS,
        ));
    }
    let trace_token = tokens::new_token();
    let outcome = store(&ctx, &loaded, &key, &parsed, &trace_token).await;
    if !matches!(outcome, Ok(SubmitOutcome::Stored(_))) {
        // Nothing new was stored: the slot does not count.
        throttle::give_back(ctx.state.db.write(), &slot).await?;
    }
    match outcome? {
        SubmitOutcome::Stored(receipt) => {
            // The trace link is shown once, on the receipt right after sending (and mailed).
            Ok(see_other(&format!(
                "{}?spoor={trace_token}",
                receipt_path(&loaded, &receipt.code)
            )))
        }
        SubmitOutcome::Replayed(receipt) => Ok(see_other(&receipt_path(&loaded, &receipt.code))),
        SubmitOutcome::NotOpen(_) => show(&ctx, &loaded, &values, unprocessable).await,
        SubmitOutcome::QuestionsChanged => {
            let fresh = load_by_id(&ctx, &path.0, path.1).await?;
            let notice = Some(t.notice_questions_changed);
            Ok(render(
                &ctx,
                &fresh,
                &values,
                &FormErrors::default(),
                notice,
                unprocessable,
            ))
        }
        SubmitOutcome::NotFound => Err(WebError::NotFound),
    }
}

#[derive(serde::Deserialize)]
struct TraceQuery {
    spoor: Option<String>,
}

#[get("/processen/{slug}/consultatie/{id}/ontvangen/{code}")]
async fn receipt_page(
    ctx: Ctx,
    path: web::Path<(String, i64, String)>,
    query: web::Query<TraceQuery>,
) -> WebResult<HttpResponse> {
    let (slug, id, code) = path.into_inner();
    let code = ReceiptCode::parse(&code).ok_or(WebError::NotFound)?;
    let loaded = load_by_id(&ctx, &slug, id).await?;
    let found =
        consultations::submit::find_receipt(ctx.state.db.read(), loaded.consultation.id, &code)
            .await?
            .ok_or(WebError::NotFound)?;
    let contribution = Contribution {
        kind: ContributionKind::Response,
        id: found.response.0,
    };
    let mut trace_href = None;
    if let Some(token) = query.spoor.as_deref().filter(|t| t.len() == 43)
        && trace::belongs_to(
            ctx.state.db.read(),
            contribution,
            &tokens::hash_token(token),
        )
        .await?
    {
        trace_href = Some(format!(
            "{}{}",
            ctx.state.settings.base_url,
            crate::routes::traceability::public::trace_path(token)
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
