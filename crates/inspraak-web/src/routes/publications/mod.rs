//! Publications of a process: documents (upload, page, download), plan-level progress reports,
//! the "Volg de voortgang" timeline, following a process by e-mail, and Atom feeds.
//!
//! The timeline and the feeds read `read::timeline`. Immediate followers get each publication by
//! `followers::notify`; weekly followers a digest (`follower_digest`, a background job).

pub mod admin;
pub mod feeds;
pub mod follow;
pub mod public;

// The follow pages reach the followers' links through here.
use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    admin::configure(cfg);
    public::configure(cfg);
    follow::configure(cfg);
    feeds::configure(cfg);
}

/// Forms that check CSRF themselves: the upload (multipart, so the middleware cannot read its
/// token), the public follow form (shown again with what was typed), and unsubscribing (mail
/// programs post RFC 8058 one-click requests without any token; the signed link is the proof).
pub fn handles_csrf_itself(path: &str) -> bool {
    (path.starts_with("/beheer/processen/") && path.ends_with("/documenten"))
        || (path.starts_with("/processen/") && path.ends_with("/volgen"))
        || (path.starts_with("/volgen/") && path.ends_with("/afmelden"))
}
