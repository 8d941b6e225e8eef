//! Following a process by e-mail: subscribe (double opt-in), confirm, unsubscribe with one
//! click — from the link in every mail (GET shows a button, POST unsubscribes) or from the mail
//! program's button (RFC 8058: a POST of `List-Unsubscribe=One-Click` to the same address).

use crate::ctx::Ctx;
use crate::ctx::client_address;
use crate::flows::follow::{self as flow, FollowInput, FollowOutcome};
use crate::flows::public_form::{self, GateFields, Posted, PublicForm, Refusal};
use crate::flows::public_process;
use crate::followers::{CONFIRM, UNSUBSCRIBE, confirm_url, verify_mac};
use crate::i18n::publications as texts;
use crate::routes::{WebResult, html_with_status, see_other};
use crate::views::components::FormErrors;
use crate::views::publications::follow::{self as view, FollowForm, LinkPage};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use inspraak_domain::{Email, SubscriptionId};
use inspraak_store::process::{self, Process};
use inspraak_store::publications::{self, Frequency, Subscription};

/// Subscribe requests from one address per window before it must wait.
pub const MAX_PER_ADDRESS: u64 = public_form::FOLLOW.limit;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(form_page)
        .service(subscribe)
        .service(confirm_page)
        .service(confirm)
        .service(unsubscribe_page)
        .service(unsubscribe);
}

#[derive(serde::Deserialize)]
struct Sent {
    verstuurd: Option<String>,
}

#[get("/processen/{slug}/volgen")]
async fn form_page(
    ctx: Ctx,
    slug: web::Path<String>,
    query: web::Query<Sent>,
) -> WebResult<HttpResponse> {
    let process = public_process(&ctx, &slug).await?;
    if query.verstuurd.is_some() {
        return Ok(html_with_status(
            StatusCode::OK,
            view::check_mail(&ctx, &process),
        ));
    }
    let stamp = gate(&ctx, &process).stamp(Posted::default(), false);
    let form = FollowForm::new(stamp.key, stamp.started);
    Ok(html_with_status(
        StatusCode::OK,
        view::form(&ctx, &process, &form, None),
    ))
}

#[derive(serde::Deserialize)]
struct FollowFields {
    #[serde(default)]
    email: String,
    #[serde(default)]
    frequency: String,
    #[serde(flatten)]
    gate: GateFields,
}

fn gate<'a>(ctx: &'a Ctx, process: &Process) -> PublicForm<'a> {
    PublicForm::new(ctx, public_form::FOLLOW, process.id)
}

/// The follow form's own wording where it has one, else the common one.
fn refusal_notice(ctx: &Ctx, refusal: Refusal) -> &'static str {
    let t = texts::texts(ctx.lang);
    match refusal {
        Refusal::SessionExpired => t.err_session_expired,
        Refusal::Honeypot => t.err_honeypot,
        Refusal::RateLimited => t.err_rate,
        other => other.notice(ctx.lang),
    }
}

/// The address and frequency, or the form with every bad field marked.
fn parse(ctx: &Ctx, fields: &FollowFields, form: &mut FollowForm) -> Option<(Email, Frequency)> {
    let t = texts::texts(ctx.lang);
    let email = match Email::parse(fields.email.trim()) {
        Ok(email) => Some(email),
        Err(inspraak_domain::EmailError::NonAsciiLocalPart) => {
            let reason = crate::i18n::common::texts(ctx.lang).email_non_ascii_local;
            form.errors.push("email", reason.to_owned());
            None
        }
        Err(_) => {
            form.errors.push("email", t.err_email.to_owned());
            None
        }
    };
    let frequency = Frequency::parse(&fields.frequency);
    if frequency.is_none() {
        form.errors.push("frequency", t.err_frequency.to_owned());
    }
    Some((email?, frequency?))
}

#[post("/processen/{slug}/volgen")]
async fn subscribe(
    ctx: Ctx,
    req: HttpRequest,
    slug: web::Path<String>,
    fields: web::Form<FollowFields>,
) -> WebResult<HttpResponse> {
    let process = public_process(&ctx, &slug).await?;
    let gate = gate(&ctx, &process);
    let stamp = gate.stamp(fields.gate.posted(), true);
    let mut form = FollowForm {
        email: fields.email.clone(),
        frequency: fields.frequency.clone(),
        website: fields.gate.website.clone(),
        idempotency_key: stamp.key,
        started: stamp.started,
        errors: FormErrors::default(),
    };
    let again = |form: &FollowForm, notice: Option<&str>, status: StatusCode| {
        html_with_status(status, view::form(&ctx, &process, form, notice))
    };
    let refused =
        |form: &FollowForm, r: Refusal| again(form, Some(refusal_notice(&ctx, r)), r.status());
    let key = match gate.check(fields.gate.posted()) {
        Ok(key) => key,
        Err(refusal) => return Ok(refused(&form, refusal)),
    };
    let Some((email, frequency)) = parse(&ctx, &fields, &mut form) else {
        return Ok(again(&form, None, StatusCode::UNPROCESSABLE_ENTITY));
    };
    let confirm_link = |subscription: &Subscription| confirm_url(&ctx.state, subscription);
    let input = FollowInput {
        process: &process,
        email: &email,
        frequency,
        key: &key,
        client_address: &client_address(&req, ctx.state.settings.trust_proxy),
        confirm_link: &confirm_link,
    };
    match flow::follow(&ctx, &gate, &input).await? {
        FollowOutcome::CheckMail => Ok(see_other(&format!(
            "/processen/{}/volgen?verstuurd=1",
            process.slug
        ))),
        FollowOutcome::Refused(refusal) => Ok(refused(&form, refusal)),
    }
}

/// The subscription a signed link points at, with its process; `None` for a dead link.
async fn linked(
    ctx: &Ctx,
    id: SubscriptionId,
    mac: &str,
    purpose: &str,
) -> WebResult<Option<(Subscription, Process)>> {
    let conn = ctx.state.db.read();
    let Some(subscription) = publications::find_subscription(conn, id).await? else {
        return Ok(None);
    };
    if !verify_mac(&ctx.state, purpose, &subscription, mac) {
        return Ok(None);
    }
    let process = process::find(conn, subscription.process_id).await?;
    Ok(process.map(|p| (subscription, p)))
}

fn dead_link(ctx: &Ctx) -> HttpResponse {
    html_with_status(StatusCode::NOT_FOUND, view::dead_link(ctx))
}

#[get("/volgen/{id}/{mac}/bevestigen")]
async fn confirm_page(
    ctx: Ctx,
    path: web::Path<(SubscriptionId, String)>,
) -> WebResult<HttpResponse> {
    let Some((_, process)) = linked(&ctx, path.0, &path.1, CONFIRM).await? else {
        return Ok(dead_link(&ctx));
    };
    Ok(html_with_status(
        StatusCode::OK,
        view::link_page(&ctx, &process, LinkPage::Confirm),
    ))
}

#[post("/volgen/{id}/{mac}/bevestigen")]
async fn confirm(ctx: Ctx, path: web::Path<(SubscriptionId, String)>) -> WebResult<HttpResponse> {
    let Some((subscription, process)) = linked(&ctx, path.0, &path.1, CONFIRM).await? else {
        return Ok(dead_link(&ctx));
    };
    publications::confirm(ctx.state.db.write(), subscription.id, ctx.now).await?;
    Ok(html_with_status(
        StatusCode::OK,
        view::link_page(&ctx, &process, LinkPage::Confirmed),
    ))
}

#[get("/volgen/{id}/{mac}/afmelden")]
async fn unsubscribe_page(
    ctx: Ctx,
    path: web::Path<(SubscriptionId, String)>,
) -> WebResult<HttpResponse> {
    let Some((_, process)) = linked(&ctx, path.0, &path.1, UNSUBSCRIBE).await? else {
        return Ok(dead_link(&ctx));
    };
    Ok(html_with_status(
        StatusCode::OK,
        view::link_page(&ctx, &process, LinkPage::Unsubscribe),
    ))
}

/// Needs no CSRF token: the signed link is the proof, and a forged request could only do what
/// the link's owner asked for anyway.
#[post("/volgen/{id}/{mac}/afmelden")]
async fn unsubscribe(
    ctx: Ctx,
    path: web::Path<(SubscriptionId, String)>,
) -> WebResult<HttpResponse> {
    let Some((subscription, process)) = linked(&ctx, path.0, &path.1, UNSUBSCRIBE).await? else {
        return Ok(dead_link(&ctx));
    };
    publications::unsubscribe(ctx.state.db.write(), subscription.id).await?;
    Ok(html_with_status(
        StatusCode::OK,
        view::link_page(&ctx, &process, LinkPage::Unsubscribed),
    ))
}
