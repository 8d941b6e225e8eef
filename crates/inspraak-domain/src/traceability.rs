//! Traceability (issue #10): what a contribution fed. A contribution (a consultation response, an
//! idea, a forum comment, a session report) can be linked by an organiser to a recurring thread
//! of an outcome or to an action point, with a short public explanation.

use crate::{
    ActionPointId, CommentId, FieldErrors, IdeaId, NonEmptyText, Problem, ResponseId, SessionId,
};

/// Where a piece of input came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ContributionKind {
    Response,
    Idea,
    Comment,
    SessionReport,
}

impl ContributionKind {
    pub const ALL: [ContributionKind; 4] = [
        Self::Response,
        Self::Idea,
        Self::Comment,
        Self::SessionReport,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Response => "response",
            Self::Idea => "idea",
            Self::Comment => "comment",
            Self::SessionReport => "session_report",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == value)
    }
}

/// What a contribution can feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TargetKind {
    /// A recurring thread (rode draad) of a consultation's outcome.
    Thread,
    ActionPoint,
}

impl TargetKind {
    pub const ALL: [TargetKind; 2] = [Self::Thread, Self::ActionPoint];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Thread => "thread",
            Self::ActionPoint => "action_point",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == value)
    }
}

/// A contribution: its kind and its row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Contribution {
    pub kind: ContributionKind,
    pub id: i64,
}

/// Typed ways in: the id's type says the kind, so a response id cannot be filed as an idea's.
impl Contribution {
    pub fn response(id: ResponseId) -> Self {
        Contribution {
            kind: ContributionKind::Response,
            id: id.0,
        }
    }

    pub fn idea(id: IdeaId) -> Self {
        Contribution {
            kind: ContributionKind::Idea,
            id: id.0,
        }
    }

    pub fn comment(id: CommentId) -> Self {
        Contribution {
            kind: ContributionKind::Comment,
            id: id.0,
        }
    }

    /// A session's report; a sign-up's trace link follows it.
    pub fn session_report(session: SessionId) -> Self {
        Contribution {
            kind: ContributionKind::SessionReport,
            id: session.0,
        }
    }
}

/// A thread or action point: its kind and its row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Target {
    pub kind: TargetKind,
    pub id: i64,
}

impl Target {
    pub fn action_point(id: ActionPointId) -> Self {
        Target {
            kind: TargetKind::ActionPoint,
            id: id.0,
        }
    }

    /// The form value of a target in a select: `thread:12` or `action_point:3`.
    pub fn to_value(self) -> String {
        format!("{}:{}", self.kind.as_str(), self.id)
    }

    pub fn parse_value(value: &str) -> Option<Self> {
        let (kind, id) = value.trim().split_once(':')?;
        Some(Target {
            kind: TargetKind::parse(kind)?,
            id: id.parse().ok().filter(|id: &i64| *id > 0)?,
        })
    }
}

/// The short public explanation of why a contribution fed a target.
pub type LinkExplanation = NonEmptyText<500, true>;

/// The organiser's link form, parsed.
#[derive(Debug, Clone)]
pub struct NewLink {
    pub target: Target,
    pub explanation: LinkExplanation,
}

impl NewLink {
    /// Field names as in the form: `target`, `explanation`.
    pub fn parse(target: &str, explanation: &str) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let target = errors.take(
            "target",
            if target.trim().is_empty() {
                Err(Problem::Text(crate::TextError::Empty))
            } else {
                Target::parse_value(target).ok_or(Problem::Invalid)
            },
        );
        let explanation = errors.take("explanation", LinkExplanation::parse(explanation));
        match (target, explanation) {
            (Some(target), Some(explanation)) => Ok(NewLink {
                target,
                explanation,
            }),
            _ => Err(errors),
        }
    }
}

/// Why a notice was queued for the digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoticeEvent {
    /// The contribution was linked to a thread or action point.
    Linked,
    /// The outcome of the consultation was published.
    Outcome,
    /// An action point the contribution fed got a progress update.
    Progress,
}

impl NoticeEvent {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Linked => "linked",
            Self::Outcome => "outcome",
            Self::Progress => "progress",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::Linked, Self::Outcome, Self::Progress]
            .into_iter()
            .find(|e| e.as_str() == value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for k in ContributionKind::ALL {
            assert_eq!(ContributionKind::parse(k.as_str()), Some(k));
        }
        for k in TargetKind::ALL {
            assert_eq!(TargetKind::parse(k.as_str()), Some(k));
        }
    }

    #[test]
    fn typed_constructors_name_the_kind_of_their_id() {
        let idea = Contribution::idea(IdeaId(7));
        assert_eq!((idea.kind, idea.id), (ContributionKind::Idea, 7));
        let report = Contribution::session_report(SessionId(3));
        assert_eq!(
            (report.kind, report.id),
            (ContributionKind::SessionReport, 3)
        );
        assert_eq!(
            Contribution::response(ResponseId(2)).kind,
            ContributionKind::Response
        );
        assert_eq!(
            Contribution::comment(CommentId(2)).kind,
            ContributionKind::Comment
        );
        assert_eq!(
            Target::action_point(ActionPointId(9)).to_value(),
            "action_point:9"
        );
    }

    #[test]
    fn the_link_form_is_parsed_with_every_error_at_once() {
        let ok = NewLink::parse("thread:4", "Veel mensen noemden dit").unwrap();
        assert_eq!(
            ok.target,
            Target {
                kind: TargetKind::Thread,
                id: 4
            }
        );
        let errors = NewLink::parse("", " ").unwrap_err();
        assert_eq!(
            errors.for_field("target"),
            Some(Problem::Text(crate::TextError::Empty))
        );
        assert!(errors.for_field("explanation").is_some());
        for bad in ["thread", "thread:x", "thread:-1", "idea:3", ":3"] {
            assert!(NewLink::parse(bad, "x").is_err(), "{bad}");
        }
    }
}
