//! Traceability (issue #10): the organiser links a contribution to a recurring thread or an
//! action point (`admin`); the contributor follows it on a personal page behind the receipt's
//! trace link and can stop the daily digest without logging in (`public`).

pub mod admin;
pub mod public;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    admin::configure(cfg);
    public::configure(cfg);
}

/// The one-click unsubscribe (RFC 8058) is posted by mail programs without a CSRF token: the
/// signed link is the proof.
pub fn handles_csrf_itself(path: &str) -> bool {
    path.starts_with("/inbreng/afmelden/")
}
