//! The pages behind the mailed links: `/aanmelding/bevestigen/{token}` and
//! `/aanmelding/annuleren/{token}`. GET shows, POST acts (in one transaction, with the mail),
//! then redirects back to the GET, which shows the new state.

use crate::ctx::Ctx;
use crate::flows::sign_up as flow;
use crate::routes::{WebResult, html_with_status, see_other};
use crate::views::session::links::{self as view, CancelState, ConfirmState};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use inspraak_domain::session::{CancelReason, RegistrationState};
use inspraak_store::session::{self, Session, TokenPurpose, TokenView};
// Anything but a token we could have made is not looked up nor echoed in a redirect.
use inspraak_store::tokens::is_token;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(confirm_page)
        .service(confirm)
        .service(cancel_page)
        .service(cancel);
}

fn confirm_state(
    view: &TokenView,
    session: &Session,
    now: chrono::DateTime<chrono::Utc>,
) -> ConfirmState {
    match view.state {
        RegistrationState::Confirmed => ConfirmState::Confirmed,
        RegistrationState::Waitlisted => ConfirmState::Waitlisted,
        RegistrationState::Cancelled if view.cancel_reason == Some(CancelReason::Expired) => {
            if session.schedule.has_started(now) {
                ConfirmState::Started
            } else {
                ConfirmState::Expired
            }
        }
        RegistrationState::Cancelled => ConfirmState::Cancelled,
        RegistrationState::Pending if session.schedule.has_started(now) => ConfirmState::Started,
        RegistrationState::Pending if view.expired => ConfirmState::Expired,
        RegistrationState::Pending => ConfirmState::Pending,
    }
}

/// Status codes that say what a page is: gone for expired or too late, not found for a bad link.
fn status(state: ConfirmState) -> StatusCode {
    match state {
        ConfirmState::Invalid => StatusCode::NOT_FOUND,
        ConfirmState::Expired | ConfirmState::Started => StatusCode::GONE,
        _ => StatusCode::OK,
    }
}

fn invalid(ctx: &Ctx) -> HttpResponse {
    html_with_status(
        StatusCode::NOT_FOUND,
        view::confirm(ctx, "", None, ConfirmState::Invalid),
    )
}

async fn look_up(
    ctx: &Ctx,
    token: &str,
    purpose: TokenPurpose,
) -> WebResult<Option<(TokenView, Session)>> {
    if !is_token(token) {
        return Ok(None);
    }
    let conn = ctx.state.db.read();
    let Some(view) = session::peek_token(conn, token, purpose, ctx.now).await? else {
        return Ok(None);
    };
    Ok(session::find(conn, view.session_id)
        .await?
        .map(|s| (view, s)))
}

#[derive(serde::Deserialize)]
struct TraceQuery {
    spoor: Option<String>,
}

#[get("/aanmelding/bevestigen/{token}")]
async fn confirm_page(
    ctx: Ctx,
    token: web::Path<String>,
    query: web::Query<TraceQuery>,
) -> WebResult<HttpResponse> {
    let (state, session) = match look_up(&ctx, &token, TokenPurpose::Confirm).await? {
        Some((view, session)) => (confirm_state(&view, &session, ctx.now), Some(session)),
        None => (ConfirmState::Invalid, None),
    };
    // The personal trace link of the session contribution, shown once after confirming.
    let trace = match &session {
        Some(s) => {
            crate::routes::traceability::public::receipt_trace_link(
                &ctx,
                s.process_id,
                inspraak_domain::traceability::ContributionKind::SessionReport,
                query.spoor.as_deref(),
            )
            .await?
        }
        None => None,
    };
    Ok(html_with_status(
        status(state),
        view::confirm_with_trace(&ctx, &token, session.as_ref(), state, trace.as_deref()),
    ))
}

#[post("/aanmelding/bevestigen/{token}")]
async fn confirm(ctx: Ctx, token: web::Path<String>) -> WebResult<HttpResponse> {
    if !is_token(&token) {
        return Ok(invalid(&ctx));
    }
    let (_, trace) = flow::confirm(&ctx, &token).await?;
    let trace = trace.map(|t| format!("?spoor={t}")).unwrap_or_default();
    // The page behind the link now shows the result; a replay shows the same.
    Ok(see_other(&format!(
        "/aanmelding/bevestigen/{}{trace}",
        token.as_str()
    )))
}

#[get("/aanmelding/annuleren/{token}")]
async fn cancel_page(ctx: Ctx, token: web::Path<String>) -> WebResult<HttpResponse> {
    let (state, session) = match look_up(&ctx, &token, TokenPurpose::Cancel).await? {
        Some((view, session)) => {
            let state = if !view.state.is_active() {
                CancelState::Cancelled
            } else if session.schedule.is_over(ctx.now) {
                CancelState::Over
            } else {
                CancelState::Active
            };
            (state, Some(session))
        }
        None => (CancelState::Invalid, None),
    };
    let code = if state == CancelState::Invalid {
        StatusCode::NOT_FOUND
    } else {
        StatusCode::OK
    };
    Ok(html_with_status(
        code,
        view::cancel(&ctx, &token, session.as_ref(), state),
    ))
}

#[post("/aanmelding/annuleren/{token}")]
async fn cancel(ctx: Ctx, token: web::Path<String>) -> WebResult<HttpResponse> {
    if !is_token(&token) {
        return Ok(invalid(&ctx));
    }
    flow::cancel(&ctx, &token).await?;
    Ok(see_other(&format!(
        "/aanmelding/annuleren/{}",
        token.as_str()
    )))
}
