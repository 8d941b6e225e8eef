//! URL map. Each page family registers its routes in its own `configure`; this is the one place
//! they are put together. Dutch paths, as on Dutch government sites.

pub mod accessibility;
pub mod account;
pub mod admin_accounts;
pub mod admin_processes;
pub mod api;
pub mod assets;
pub mod auth;
pub mod consultation;
pub mod contact;
pub mod evaluation;
pub mod forum_requests;
pub mod health;
pub mod house;
pub mod ideas;
pub mod invitation;
pub mod outcomes;
pub mod password_reset;
pub mod print_orders;
pub mod privacy_statement;
pub mod public;
pub mod publications;
pub mod security_txt;
pub mod session;
pub mod traceability;

use crate::error::WebError;
use actix_web::{HttpResponse, web};

pub fn configure(cfg: &mut web::ServiceConfig) {
    health::configure(cfg);
    assets::configure(cfg);
    public::configure(cfg);
    // Before the organiser's routes: actix tries routes in this order, a regular expression per
    // route with a parameter, and the consultation form and its submission take the most
    // requests at a deadline (`docs/benchmarks.md`).
    consultation::public::configure(cfg);
    auth::configure(cfg);
    admin_processes::configure(cfg);
    session::configure(cfg);
    account::configure(cfg);
    password_reset::configure(cfg);
    admin_accounts::configure(cfg);
    invitation::configure(cfg);
    forum_requests::configure(cfg);
    consultation::configure(cfg);
    publications::configure(cfg);
    ideas::configure(cfg);
    outcomes::configure(cfg);
    api::configure(cfg);
    security_txt::configure(cfg);
    accessibility::configure(cfg);
    traceability::configure(cfg);
    contact::configure(cfg);
    print_orders::configure(cfg);
    evaluation::configure(cfg);
}

/// 404 for every path nobody answers; `error_pages` makes it a full page in the visitor's
/// language.
pub async fn not_found() -> Result<HttpResponse, WebError> {
    Err(WebError::NotFound)
}

/// A 303 redirect to an internal path (Post/Redirect/Get).
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header(("Location", location))
        .finish()
}

/// An HTML response with a status, for pages shown again with errors.
pub fn html_with_status(status: actix_web::http::StatusCode, body: maud::Markup) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(body.into_string())
}

pub use crate::error::WebResult;
