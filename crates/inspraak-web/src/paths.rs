//! Paths that pages of several families link to, so views build them without importing routes.

use inspraak_domain::traceability::{Contribution, ContributionKind};

/// The public privacy statement (linked from every page's footer).
pub const PRIVACY_STATEMENT: &str = "/privacy";

/// The Dutch path segment of a contribution kind.
pub fn contribution_segment(kind: ContributionKind) -> &'static str {
    match kind {
        ContributionKind::Response => "reactie",
        ContributionKind::Idea => "idee",
        ContributionKind::Comment => "forumreactie",
        ContributionKind::SessionReport => "verslag",
    }
}

pub fn parse_contribution_segment(segment: &str) -> Option<ContributionKind> {
    ContributionKind::ALL
        .into_iter()
        .find(|k| contribution_segment(*k) == segment)
}

/// The organiser's link page of a contribution.
pub fn contribution_admin(contribution: Contribution) -> String {
    format!(
        "/beheer/inbreng/{}/{}",
        contribution_segment(contribution.kind()),
        contribution.raw_id()
    )
}
