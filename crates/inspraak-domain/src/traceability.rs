//! Traceability (issue #10): what a contribution fed. A contribution (a consultation response, an
//! idea, a forum comment, a session report) can be linked by an organiser to a recurring thread
//! of an outcome or to an action point, with a short public explanation.

use crate::{
    ActionPointId, CommentId, FieldErrors, IdeaId, NonEmptyText, Problem, ResponseId, SessionId,
    ThreadId,
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

/// A contribution, by the typed id of its row: a response id cannot be filed as an idea's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Contribution {
    Response(ResponseId),
    Idea(IdeaId),
    Comment(CommentId),
    /// A session's report; a sign-up's trace link follows it.
    SessionReport(SessionId),
}

impl Contribution {
    pub fn kind(self) -> ContributionKind {
        match self {
            Self::Response(_) => ContributionKind::Response,
            Self::Idea(_) => ContributionKind::Idea,
            Self::Comment(_) => ContributionKind::Comment,
            Self::SessionReport(_) => ContributionKind::SessionReport,
        }
    }

    /// The row id as stored next to the kind (links, notices, trace tokens).
    pub fn raw_id(self) -> i64 {
        match self {
            Self::Response(id) => id.0,
            Self::Idea(id) => id.0,
            Self::Comment(id) => id.0,
            Self::SessionReport(id) => id.0,
        }
    }

    /// A stored (kind, id) pair back into its typed form.
    pub fn from_raw(kind: ContributionKind, id: i64) -> Self {
        match kind {
            ContributionKind::Response => Self::Response(ResponseId(id)),
            ContributionKind::Idea => Self::Idea(IdeaId(id)),
            ContributionKind::Comment => Self::Comment(CommentId(id)),
            ContributionKind::SessionReport => Self::SessionReport(SessionId(id)),
        }
    }
}

/// What a contribution fed, by the typed id of its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    Thread(ThreadId),
    ActionPoint(ActionPointId),
}

impl Target {
    pub fn kind(self) -> TargetKind {
        match self {
            Self::Thread(_) => TargetKind::Thread,
            Self::ActionPoint(_) => TargetKind::ActionPoint,
        }
    }

    /// The row id as stored next to the kind.
    pub fn raw_id(self) -> i64 {
        match self {
            Self::Thread(id) => id.0,
            Self::ActionPoint(id) => id.0,
        }
    }

    pub fn from_raw(kind: TargetKind, id: i64) -> Self {
        match kind {
            TargetKind::Thread => Self::Thread(ThreadId(id)),
            TargetKind::ActionPoint => Self::ActionPoint(ActionPointId(id)),
        }
    }

    /// The form value of a target in a select: `thread:12` or `action_point:3`.
    pub fn to_value(self) -> String {
        format!("{}:{}", self.kind().as_str(), self.raw_id())
    }

    pub fn parse_value(value: &str) -> Option<Self> {
        let (kind, id) = value.trim().split_once(':')?;
        let kind = TargetKind::parse(kind)?;
        let id = id.parse().ok().filter(|id: &i64| *id > 0)?;
        Some(Self::from_raw(kind, id))
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

/// The event key of the notice that a consultation's outcome was published: one per address and
/// outcome (notices are unique per address and event key), however many ideas the address sent.
pub fn outcome_event_key(consultation: crate::ConsultationId) -> String {
    format!("outcome:{consultation}")
}

/// The consultation an outcome notice's event key names.
pub fn outcome_of_event_key(key: &str) -> Option<crate::ConsultationId> {
    key.strip_prefix("outcome:")?
        .parse()
        .ok()
        .map(crate::ConsultationId)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcome_event_keys_round_trip() {
        let id = crate::ConsultationId(42);
        assert_eq!(outcome_of_event_key(&outcome_event_key(id)), Some(id));
        assert_eq!(outcome_of_event_key("progress:1:idea:2:x"), None);
        assert_eq!(outcome_of_event_key("outcome:x"), None);
    }

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
    fn typed_ids_name_the_kind_and_round_trip_through_storage() {
        let all = [
            Contribution::Idea(IdeaId(7)),
            Contribution::SessionReport(SessionId(3)),
            Contribution::Response(ResponseId(2)),
            Contribution::Comment(CommentId(2)),
        ];
        let kinds: Vec<_> = all.iter().map(|c| c.kind()).collect();
        assert_eq!(
            kinds,
            [
                ContributionKind::Idea,
                ContributionKind::SessionReport,
                ContributionKind::Response,
                ContributionKind::Comment
            ]
        );
        for c in all {
            assert_eq!(Contribution::from_raw(c.kind(), c.raw_id()), c);
        }
        assert_eq!(Contribution::Idea(IdeaId(7)).raw_id(), 7);
        assert_eq!(
            Target::ActionPoint(ActionPointId(9)).to_value(),
            "action_point:9"
        );
        for t in [
            Target::Thread(ThreadId(4)),
            Target::ActionPoint(ActionPointId(9)),
        ] {
            assert_eq!(Target::parse_value(&t.to_value()), Some(t));
        }
    }

    #[test]
    fn the_link_form_is_parsed_with_every_error_at_once() {
        let ok = NewLink::parse("thread:4", "Veel mensen noemden dit").unwrap();
        assert_eq!(ok.target, Target::Thread(ThreadId(4)));
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
