//! Think-along sessions (meedenksessies) and events: what an organiser sets up, who signs up,
//! and the rules of seats, waiting list, sign-up window and reminders.

mod capacity;
mod link;
mod proposal;
mod registration;
mod schedule;

pub use capacity::{Capacity, CapacityError, SeatsLeft};
pub use link::{LinkError, WebLink};
pub use proposal::{
    NewProposedEvent, ProposalOrganiser, ProposalStatus, ProposalTitle, ProposedEventId,
};
pub use registration::{
    CancelReason, NewRegistration, RegistrantName, RegistrantNeeds, RegistrantOrganisation,
    RegistrationEvent, RegistrationState, TransitionError,
};
pub use schedule::{
    Schedule, ScheduleError, SignupStatus, local_input_value, parse_local_datetime,
};

use crate::ids::ThemeId;
use crate::text::{NonEmptyText, OptionalText};
use crate::translated::parse_translation;
use crate::validation::{FieldErrors, Problem};
use chrono::Duration;

/// How long a confirmation link works; an unconfirmed sign-up is then cancelled and its
/// personal data erased.
pub const CONFIRMATION_TIME: Duration = Duration::hours(48);

/// How long before the start the reminder goes out ("the day before").
pub const REMINDER_LEAD: Duration = Duration::hours(24);

/// How many mails one sign-up may cause by signing up again with the same address: after this,
/// signing up again sends nothing (mail bombing someone else's address stays bounded).
pub const MAX_SIGNUP_MAILS: i32 = 5;

/// A think-along session on a theme, or another event such as the sneak preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SessionKind {
    ThinkAlong,
    Event,
}

impl SessionKind {
    pub const ALL: [SessionKind; 2] = [Self::ThinkAlong, Self::Event];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::ThinkAlong => "think_along",
            Self::Event => "event",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == value.trim())
    }
}

pub type SessionTitle = NonEmptyText<200>;
pub type SessionDescription = NonEmptyText<10_000, true>;
pub type SessionLocation = OptionalText<300>;
/// A report (verslag): plain text where `## ` starts a heading and web addresses become links.
pub type ReportText = NonEmptyText<50_000, true>;

/// The organiser's form, as raw strings named like the form fields.
#[derive(Debug, Clone, Copy, Default)]
pub struct SessionForm<'a> {
    pub kind: &'a str,
    pub theme_id: &'a str,
    pub title: &'a str,
    pub title_translation: &'a str,
    pub description: &'a str,
    pub description_translation: &'a str,
    pub starts_at: &'a str,
    pub ends_at: &'a str,
    pub location: &'a str,
    pub online_link: &'a str,
    pub capacity: &'a str,
    pub signup_opens_at: &'a str,
    pub signup_closes_at: &'a str,
    pub ask_organisation: bool,
    pub ask_needs: bool,
}

/// A session as an organiser creates or edits it.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub kind: SessionKind,
    pub theme_id: Option<ThemeId>,
    pub title: SessionTitle,
    /// The title in the other interface language; `None` while nobody wrote it.
    pub title_translation: Option<SessionTitle>,
    pub description: SessionDescription,
    pub description_translation: Option<SessionDescription>,
    pub schedule: Schedule,
    pub location: SessionLocation,
    /// Shown only to confirmed participants and in their mails.
    pub online_link: Option<WebLink>,
    pub capacity: Capacity,
    /// Ask for an organisation at sign-up.
    pub ask_organisation: bool,
    /// Ask for dietary or accessibility needs at sign-up.
    pub ask_needs: bool,
}

fn parse_theme(raw: &str) -> Result<Option<ThemeId>, Problem> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    match value.parse::<i64>() {
        Ok(id) if id > 0 && value.bytes().all(|b| b.is_ascii_digit()) => Ok(Some(ThemeId(id))),
        _ => Err(Problem::Invalid),
    }
}

impl NewSession {
    pub fn parse(form: &SessionForm<'_>) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let kind = errors.take(
            "kind",
            SessionKind::parse(form.kind).ok_or(Problem::Invalid),
        );
        let theme_id = errors.take("theme_id", parse_theme(form.theme_id));
        let title = errors.take("title", SessionTitle::parse(form.title));
        let title_translation = errors.take(
            "title_translation",
            parse_translation::<200, false, false>(form.title_translation),
        );
        let description = errors.take("description", SessionDescription::parse(form.description));
        let description_translation = errors.take(
            "description_translation",
            parse_translation::<10_000, true, false>(form.description_translation),
        );
        let schedule = match Schedule::parse(
            form.starts_at,
            form.ends_at,
            form.signup_opens_at,
            form.signup_closes_at,
        ) {
            Ok(schedule) => Some(schedule),
            Err(schedule_errors) => {
                errors.0.extend(schedule_errors.0);
                None
            }
        };
        let location = errors.take("location", SessionLocation::parse(form.location));
        let online_link = errors.take("online_link", WebLink::parse_optional(form.online_link));
        let capacity = errors.take("capacity", Capacity::parse(form.capacity));
        match (
            kind,
            theme_id,
            (title, title_translation),
            (description, description_translation),
            schedule,
            location,
            online_link,
            capacity,
        ) {
            (
                Some(kind),
                Some(theme_id),
                (Some(title), Some(title_translation)),
                (Some(description), Some(description_translation)),
                Some(schedule),
                Some(location),
                Some(online_link),
                Some(capacity),
            ) => Ok(Self {
                kind,
                theme_id,
                title,
                title_translation,
                description,
                description_translation,
                schedule,
                location,
                online_link,
                capacity,
                ask_organisation: form.ask_organisation,
                ask_needs: form.ask_needs,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form<'a>() -> SessionForm<'a> {
        SessionForm {
            kind: "think_along",
            theme_id: "3",
            title: "Meedenksessie Open Justice",
            title_translation: "Think-along session Open Justice",
            description: "We praten over open klachtbehandeling.",
            description_translation: "",
            starts_at: "2026-10-05T14:00",
            ends_at: "2026-10-05T16:00",
            location: "",
            online_link: "https://meet.example.nl/open-justice",
            capacity: "25",
            signup_opens_at: "",
            signup_closes_at: "",
            ask_organisation: true,
            ask_needs: false,
        }
    }

    #[test]
    fn a_complete_form_becomes_a_session() {
        let session = NewSession::parse(&form()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(session.kind, SessionKind::ThinkAlong);
        assert_eq!(session.theme_id, Some(ThemeId(3)));
        assert_eq!(session.capacity, Capacity::Limited(25));
        assert!(session.ask_organisation);
        assert_eq!(
            session
                .title_translation
                .map(|t| t.into_string())
                .as_deref(),
            Some("Think-along session Open Justice")
        );
        assert_eq!(session.description_translation, None);
    }

    #[test]
    fn a_translation_obeys_the_rules_of_its_field() {
        let long = "x".repeat(201);
        let bad = SessionForm {
            title_translation: &long,
            ..form()
        };
        let errors = NewSession::parse(&bad).err().unwrap_or_default();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["title_translation"]);
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let bad = SessionForm {
            kind: "party",
            theme_id: "-1",
            title: "",
            description: "",
            starts_at: "2026-10-05T14:00",
            ends_at: "2026-10-05T13:00",
            online_link: "javascript:alert(1)",
            capacity: "NaN",
            ..form()
        };
        let errors = NewSession::parse(&bad).err().unwrap_or_default();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "kind",
                "theme_id",
                "title",
                "description",
                "ends_at",
                "online_link",
                "capacity"
            ]
        );
        assert_eq!(
            errors.for_field("capacity"),
            Some(Problem::Capacity(CapacityError::NotAWholeNumber))
        );
    }
}
