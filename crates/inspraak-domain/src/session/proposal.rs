//! "Meld bijeenkomst aan": anyone proposes an event for the agenda; an organiser approves it
//! before it appears.

use super::link::WebLink;
use super::schedule::parse_local_datetime;
use crate::text::NonEmptyText;
use crate::validation::FieldErrors;
use chrono::{DateTime, Utc};

/// A proposed agenda event.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
pub struct ProposedEventId(pub i64);

impl std::fmt::Display for ProposedEventId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProposalStatus {
    Pending,
    Approved,
    Rejected,
}

impl ProposalStatus {
    pub const ALL: [ProposalStatus; 3] = [Self::Pending, Self::Approved, Self::Rejected];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

pub type ProposalTitle = NonEmptyText<200>;
pub type ProposalOrganiser = NonEmptyText<200>;

/// A proposed event as the form sends it: `title`, `starts_at` (Dutch time), `organiser`, `link`.
#[derive(Debug, Clone)]
pub struct NewProposedEvent {
    pub title: ProposalTitle,
    pub starts_at: DateTime<Utc>,
    pub organiser: ProposalOrganiser,
    pub link: WebLink,
}

impl NewProposedEvent {
    pub fn parse(
        title: &str,
        starts_at: &str,
        organiser: &str,
        link: &str,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = errors.take("title", ProposalTitle::parse(title));
        let starts_at = errors.take("starts_at", parse_local_datetime(starts_at));
        let organiser = errors.take("organiser", ProposalOrganiser::parse(organiser));
        let link = errors.take("link", WebLink::parse(link));
        match (title, starts_at, organiser, link) {
            (Some(title), Some(starts_at), Some(organiser), Some(link)) => Ok(Self {
                title,
                starts_at,
                organiser,
                link,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proposal_needs_every_field_and_a_web_link() {
        let errors = NewProposedEvent::parse("", "morgen", "", "javascript:alert(1)")
            .err()
            .unwrap_or_default();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["title", "starts_at", "organiser", "link"]);
        let ok = NewProposedEvent::parse(
            "Open data meetup",
            "2026-12-03T19:30",
            "Gemeente Utrecht",
            "https://example.nl/meetup",
        );
        assert!(ok.is_ok());
        for status in ProposalStatus::ALL {
            assert_eq!(ProposalStatus::parse(status.as_str()), Some(status));
        }
    }
}
