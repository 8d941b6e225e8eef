//! Traceability (issue #10): the organiser links a contribution to a recurring thread or an
//! action point (`admin`); the contributor follows it on a personal page behind the receipt's
//! trace link and can stop the daily digest without logging in (`public`).

pub mod admin;
pub mod public;

use actix_web::web;
use inspraak_domain::traceability::ContributionKind;

pub fn configure(cfg: &mut web::ServiceConfig) {
    admin::configure(cfg);
    public::configure(cfg);
}

/// The one-click unsubscribe (RFC 8058) is posted by mail programs without a CSRF token: the
/// signed link is the proof.
pub fn handles_csrf_itself(path: &str) -> bool {
    path.starts_with("/inbreng/afmelden/")
}

/// The Dutch path segment of a contribution kind.
pub fn kind_segment(kind: ContributionKind) -> &'static str {
    match kind {
        ContributionKind::Response => "reactie",
        ContributionKind::Idea => "idee",
        ContributionKind::Comment => "forumreactie",
        ContributionKind::SessionReport => "verslag",
    }
}

pub fn parse_kind_segment(segment: &str) -> Option<ContributionKind> {
    ContributionKind::ALL
        .into_iter()
        .find(|k| kind_segment(*k) == segment)
}

/// The organiser's link page of a contribution.
pub fn admin_path(kind: ContributionKind, id: i64) -> String {
    format!("/beheer/inbreng/{}/{id}", kind_segment(kind))
}
