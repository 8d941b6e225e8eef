//! "Erase my data": the link in every mail to a participant (consultation, idea status, outcome,
//! sign-ups, follows). The GET only asks (mail scanners follow links); the POST erases the
//! address everywhere it is (`inspraak_store::privacy::erase_address`) and keeps the answers and
//! ideas. A sign-up for a session still to come is cancelled with it; the seat goes to the
//! waiting list, whose mail [`crate::session::mailer::WebMailer`] writes.

use super::super::{WebResult, html_with_status, see_other};
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::views::consultation::pages;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use inspraak_store::privacy;
use inspraak_store::tokens::hash_token;
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(erase_page).service(erase);
}

/// Only tokens we could have made: 43 characters of URL-safe base64.
fn checked(token: &str) -> WebResult<&str> {
    if inspraak_store::tokens::is_token(token) {
        Ok(token)
    } else {
        Err(WebError::NotFound)
    }
}

#[derive(Deserialize)]
struct DoneQuery {
    gewist: Option<String>,
}

#[get("/gegevens-wissen/{token}")]
async fn erase_page(
    ctx: Ctx,
    token: web::Path<String>,
    query: web::Query<DoneQuery>,
) -> WebResult<HttpResponse> {
    let token = checked(&token)?;
    let known = privacy::token_in_use(ctx.state.db.read(), &hash_token(token)).await?;
    let done = query.gewist.is_some() && !known;
    Ok(html_with_status(
        StatusCode::OK,
        pages::erase(&ctx, token, known, done),
    ))
}

#[post("/gegevens-wissen/{token}")]
async fn erase(ctx: Ctx, token: web::Path<String>) -> WebResult<HttpResponse> {
    let token = checked(&token)?;
    crate::flows::erase::erase_by_token(&ctx, token).await?;
    Ok(see_other(&format!("/gegevens-wissen/{token}?gewist=1")))
}
