//! `/.well-known/security.txt` (RFC 9116), required by the Forum Standaardisatie list: where to
//! report a vulnerability. The contact comes from the settings; the expiry date rolls forward, so
//! a running installation never serves a stale file.

use crate::state::AppState;
use actix_web::{HttpResponse, get, web};

/// RFC 9116 asks for an expiry less than a year ahead.
const VALID_DAYS: i64 = 180;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(security_txt);
}

#[get("/.well-known/security.txt")]
async fn security_txt(state: web::Data<AppState>) -> HttpResponse {
    let settings = &state.settings;
    let expires = (state.clock.now() + chrono::Duration::days(VALID_DAYS))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let mut body = format!(
        "Contact: {}\nExpires: {expires}\nPreferred-Languages: nl, en\n",
        settings.security_contact
    );
    if settings.base_url_explicit {
        body.push_str(&format!(
            "Canonical: {}/.well-known/security.txt\n",
            settings.base_url
        ));
    }
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .insert_header(("Cache-Control", "public, max-age=86400"))
        .body(body)
}
