//! Following a process by e-mail: subscribe (double opt-in), confirm, unsubscribe with one
//! click — from the link in every mail (GET shows a button, POST unsubscribes) or from the mail
//! program's button (RFC 8058: a POST of `List-Unsubscribe=One-Click` to the same address).

use super::{CONFIRM, UNSUBSCRIBE, confirm_url, verify_mac};
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::i18n::{fill, publications as texts};
use crate::routes::auth::client_address;
use crate::routes::{WebResult, html_with_status, see_other};
use crate::views::components::FormErrors;
use crate::views::publications::follow::{self as view, FollowForm, LinkPage};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::Duration;
use inspraak_domain::{Email, SubscriptionId};
use inspraak_store::outbox::{self, NewMail};
use inspraak_store::processes::{self, Process};
use inspraak_store::publications::{self, Frequency, SubscribeOutcome, Subscription};
use inspraak_store::{throttle, tokens};

/// Subscribe requests from one address per window before it must wait.
pub const MAX_PER_ADDRESS: u64 = 10;
const RATE_WINDOW_MINUTES: i64 = 15;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(form_page)
        .service(subscribe)
        .service(confirm_page)
        .service(confirm)
        .service(unsubscribe_page)
        .service(unsubscribe);
}

async fn public_process(ctx: &Ctx, slug: &str) -> WebResult<Process> {
    processes::find_public_by_slug(ctx.state.db.read(), slug)
        .await?
        .ok_or(WebError::NotFound)
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
    let form = FollowForm::new(tokens::new_token());
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
    #[serde(default)]
    website: String,
    #[serde(default)]
    idempotency_key: String,
}

fn idempotency_key(raw: &str) -> String {
    let ok = raw.len() == 43
        && raw
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        raw.to_owned()
    } else {
        tokens::new_token()
    }
}

#[post("/processen/{slug}/volgen")]
async fn subscribe(
    ctx: Ctx,
    req: HttpRequest,
    slug: web::Path<String>,
    fields: web::Form<FollowFields>,
) -> WebResult<HttpResponse> {
    let process = public_process(&ctx, &slug).await?;
    let t = texts::texts(ctx.lang);
    let mut form = FollowForm {
        email: fields.email.clone(),
        frequency: fields.frequency.clone(),
        website: fields.website.clone(),
        idempotency_key: idempotency_key(&fields.idempotency_key),
        errors: FormErrors::default(),
    };
    let again = |form: &FollowForm, notice: Option<&str>| {
        html_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            view::form(&ctx, &process, form, notice),
        )
    };
    if ctx.csrf_ok == Some(false) {
        return Ok(again(&form, Some(t.err_session_expired)));
    }
    if !fields.website.is_empty() {
        tracing::info!("honeypot filled; follow request not stored");
        return Ok(again(&form, Some(t.err_honeypot)));
    }
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
    let (Some(email), Some(frequency)) = (email, frequency) else {
        return Ok(again(&form, None));
    };
    let address = client_address(&req, ctx.state.settings.trust_proxy);
    let rate_key = format!("follow:{}", ctx.state.keys.hash("follow-rate", &address));
    // One atomic statement reserves the slot and counts: parallel posts cannot share a count.
    let window = Duration::minutes(RATE_WINDOW_MINUTES);
    let slot = throttle::take(ctx.state.db.write(), &rate_key, window, ctx.now).await?;
    if !slot.within(MAX_PER_ADDRESS) {
        return Ok(again(&form, Some(t.err_rate)));
    }
    let txn = ctx.state.db.begin().await?;
    if let SubscribeOutcome::Confirm(subscription) = publications::subscribe_in(
        &txn,
        process.id,
        &email,
        frequency,
        ctx.lang.code(),
        ctx.now,
    )
    .await?
    {
        let link = confirm_url(&ctx.state, &subscription);
        let mail = NewMail {
            recipient: email.clone(),
            subject: fill(t.mail_confirm_subject, &[("title", &process.title)]),
            body_text: fill(
                t.mail_confirm_body,
                &[("title", &process.title), ("link", &link)],
            ),
            attachment: None,
            // The same form sent twice (a double click) sends one mail.
            dedupe_key: Some(format!(
                "follow-confirm:{}:{}",
                subscription.id, form.idempotency_key
            )),
        };
        outbox::enqueue(&txn, &mail, ctx.now).await?;
    }
    txn.commit()
        .await
        .map_err(|e| WebError::Internal(e.to_string()))?;
    Ok(see_other(&format!(
        "/processen/{}/volgen?verstuurd=1",
        process.slug
    )))
}

/// The subscription a signed link points at, with its process; `None` for a dead link.
async fn linked(
    ctx: &Ctx,
    id: i64,
    mac: &str,
    purpose: &str,
) -> WebResult<Option<(Subscription, Process)>> {
    let conn = ctx.state.db.read();
    let Some(subscription) = publications::find_subscription(conn, SubscriptionId(id)).await?
    else {
        return Ok(None);
    };
    if !verify_mac(&ctx.state, purpose, &subscription, mac) {
        return Ok(None);
    }
    let process = processes::find(conn, subscription.process_id).await?;
    Ok(process.map(|p| (subscription, p)))
}

fn dead_link(ctx: &Ctx) -> HttpResponse {
    html_with_status(StatusCode::NOT_FOUND, view::dead_link(ctx))
}

#[get("/volgen/{id}/{mac}/bevestigen")]
async fn confirm_page(ctx: Ctx, path: web::Path<(i64, String)>) -> WebResult<HttpResponse> {
    let Some((_, process)) = linked(&ctx, path.0, &path.1, CONFIRM).await? else {
        return Ok(dead_link(&ctx));
    };
    Ok(html_with_status(
        StatusCode::OK,
        view::link_page(&ctx, &process, LinkPage::Confirm),
    ))
}

#[post("/volgen/{id}/{mac}/bevestigen")]
async fn confirm(ctx: Ctx, path: web::Path<(i64, String)>) -> WebResult<HttpResponse> {
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
async fn unsubscribe_page(ctx: Ctx, path: web::Path<(i64, String)>) -> WebResult<HttpResponse> {
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
async fn unsubscribe(ctx: Ctx, path: web::Path<(i64, String)>) -> WebResult<HttpResponse> {
    let Some((subscription, process)) = linked(&ctx, path.0, &path.1, UNSUBSCRIBE).await? else {
        return Ok(dead_link(&ctx));
    };
    publications::unsubscribe(ctx.state.db.write(), subscription.id).await?;
    Ok(html_with_status(
        StatusCode::OK,
        view::link_page(&ctx, &process, LinkPage::Unsubscribed),
    ))
}
