//! A sign-up for a session: who signs up, and the life of the sign-up.
//!
//! ```text
//!            confirm (seat free)                 cancel
//! Pending ─────────────────────────▶ Confirmed ─────────▶ Cancelled
//!    │  confirm (full)                    ▲                   ▲
//!    ├────────────────▶ Waitlisted ───────┘ promote           │
//!    │                      └─────────────────────────────────┤ cancel
//!    └────────────────────────────────────────────────────────┘ cancel / expire
//! ```
//!
//! Only `Confirmed` holds a seat. `Cancelled` is final: signing up again makes a new sign-up.

use crate::Language;
use crate::email::Email;
use crate::text::{NonEmptyText, OptionalText};
use crate::validation::FieldErrors;
use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RegistrationState {
    /// Signed up, the confirmation link not yet followed. Holds no seat; expires.
    Pending,
    /// Confirmed and holding a seat.
    Confirmed,
    /// Confirmed while the session was full: first come, first promoted.
    Waitlisted,
    /// Cancelled by the person, or expired unconfirmed. Final.
    Cancelled,
}

/// Something that happens to a sign-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RegistrationEvent {
    /// The confirmation link was followed and a seat was free.
    ConfirmWithSeat,
    /// The confirmation link was followed but the session was full.
    ConfirmWhenFull,
    /// A seat came free and this was the first on the waiting list.
    Promote,
    /// The person used the cancel link.
    Cancel,
    /// The confirmation link was not followed in time.
    Expire,
}

/// Why a cancelled sign-up ended, for the organiser's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CancelReason {
    ByRegistrant,
    Expired,
    /// The organiser called the whole session off (stored as `called_off`: the column holds 16).
    SessionCancelled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("a {from:?} sign-up cannot {event:?}")]
pub struct TransitionError {
    pub from: RegistrationState,
    pub event: RegistrationEvent,
}

impl RegistrationState {
    pub const ALL: [RegistrationState; 4] = [
        Self::Pending,
        Self::Confirmed,
        Self::Waitlisted,
        Self::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Confirmed => "confirmed",
            Self::Waitlisted => "waitlisted",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }

    /// The state after `event`, or an error when the event cannot happen in this state.
    pub fn apply(self, event: RegistrationEvent) -> Result<Self, TransitionError> {
        use RegistrationEvent as E;
        use RegistrationState as S;
        match (self, event) {
            (S::Pending, E::ConfirmWithSeat) | (S::Waitlisted, E::Promote) => Ok(S::Confirmed),
            (S::Pending, E::ConfirmWhenFull) => Ok(S::Waitlisted),
            (S::Pending | S::Confirmed | S::Waitlisted, E::Cancel) | (S::Pending, E::Expire) => {
                Ok(S::Cancelled)
            }
            (from, event) => Err(TransitionError { from, event }),
        }
    }

    /// The states an event may start from: what a conditional `UPDATE … WHERE state IN (…)`
    /// must check so that two racing requests cannot both apply it.
    pub fn sources(event: RegistrationEvent) -> Vec<RegistrationState> {
        Self::ALL
            .into_iter()
            .filter(|state| state.apply(event).is_ok())
            .collect()
    }

    /// Whether this sign-up takes one of the session's seats.
    pub fn holds_seat(self) -> bool {
        matches!(self, Self::Confirmed)
    }

    /// Whether this sign-up still counts: a second one with the same e-mail is refused.
    pub fn is_active(self) -> bool {
        !matches!(self, Self::Cancelled)
    }
}

impl CancelReason {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ByRegistrant => "by_registrant",
            Self::Expired => "expired",
            Self::SessionCancelled => "called_off",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::ByRegistrant, Self::Expired, Self::SessionCancelled]
            .into_iter()
            .find(|r| r.as_str() == value)
    }
}

pub type RegistrantName = NonEmptyText<200, false, true>;
pub type RegistrantOrganisation = OptionalText<200>;
pub type RegistrantNeeds = OptionalText<2000, true>;

/// A sign-up as someone fills in the form.
#[derive(Debug, Clone)]
pub struct NewRegistration {
    pub name: RegistrantName,
    pub email: Email,
    pub organisation: RegistrantOrganisation,
    /// Dietary or accessibility needs, free text.
    pub needs: RegistrantNeeds,
    /// Whether they want the report mailed once it is published.
    pub wants_report: bool,
    /// The language of every mail about this sign-up; [`NewRegistration::parse`] gives Dutch,
    /// the web layer sets the language of the page the form was sent from.
    pub language: Language,
}

impl NewRegistration {
    /// Parses the form fields `name`, `email`, `organisation`, `needs`; `wants_report` is a
    /// checkbox (present or not).
    pub fn parse(
        name: &str,
        email: &str,
        organisation: &str,
        needs: &str,
        wants_report: bool,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.take("name", RegistrantName::parse(name));
        let email = errors.take("email", Email::parse(email));
        let organisation = errors.take("organisation", RegistrantOrganisation::parse(organisation));
        let needs = errors.take("needs", RegistrantNeeds::parse(needs));
        match (name, email, organisation, needs) {
            (Some(name), Some(email), Some(organisation), Some(needs)) => Ok(Self {
                name,
                email,
                organisation,
                needs,
                wants_report,
                language: Language::default(),
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EmailError;
    use crate::text::TextError;
    use crate::validation::Problem;
    use RegistrationEvent as E;
    use RegistrationState as S;
    use proptest::prelude::*;

    #[test]
    fn the_allowed_transitions_and_no_others() {
        let allowed = [
            (S::Pending, E::ConfirmWithSeat, S::Confirmed),
            (S::Pending, E::ConfirmWhenFull, S::Waitlisted),
            (S::Pending, E::Cancel, S::Cancelled),
            (S::Pending, E::Expire, S::Cancelled),
            (S::Waitlisted, E::Promote, S::Confirmed),
            (S::Waitlisted, E::Cancel, S::Cancelled),
            (S::Confirmed, E::Cancel, S::Cancelled),
        ];
        let events = [
            E::ConfirmWithSeat,
            E::ConfirmWhenFull,
            E::Promote,
            E::Cancel,
            E::Expire,
        ];
        for from in S::ALL {
            for event in events {
                let expected = allowed
                    .iter()
                    .find(|(f, e, _)| *f == from && *e == event)
                    .map(|(_, _, to)| *to);
                assert_eq!(from.apply(event).ok(), expected, "{from:?} + {event:?}");
            }
        }
    }

    #[test]
    fn a_replayed_confirmation_or_a_late_expiry_is_refused() {
        assert!(S::Confirmed.apply(E::ConfirmWithSeat).is_err());
        assert!(S::Waitlisted.apply(E::ConfirmWithSeat).is_err());
        assert!(S::Confirmed.apply(E::Expire).is_err());
        assert!(S::Cancelled.apply(E::Cancel).is_err());
        assert_eq!(
            RegistrationState::sources(E::Cancel),
            [S::Pending, S::Confirmed, S::Waitlisted]
        );
        assert_eq!(RegistrationState::sources(E::Promote), [S::Waitlisted]);
    }

    #[test]
    fn states_and_reasons_round_trip_through_their_stored_names() {
        for state in S::ALL {
            assert_eq!(RegistrationState::parse(state.as_str()), Some(state));
        }
        for reason in [
            CancelReason::ByRegistrant,
            CancelReason::Expired,
            CancelReason::SessionCancelled,
        ] {
            assert_eq!(CancelReason::parse(reason.as_str()), Some(reason));
        }
        assert_eq!(RegistrationState::parse("Confirmed"), None);
    }

    #[test]
    fn a_sign_up_form_reports_every_bad_field() {
        let long_name = "a".repeat(10_000);
        let errors = NewRegistration::parse(&long_name, "geen-adres", "", "", false)
            .err()
            .unwrap_or_default();
        assert_eq!(
            errors.for_field("name"),
            Some(Problem::Text(TextError::TooLong { max: 200 }))
        );
        assert_eq!(
            errors.for_field("email"),
            Some(Problem::Email(EmailError::Invalid))
        );
        let ok = NewRegistration::parse(
            " Jan ",
            "Jan@Example.nl",
            "",
            "Rolstoel\r\ntoegankelijk",
            true,
        );
        let ok = ok.unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(ok.name.as_str(), "Jan");
        assert_eq!(ok.email.as_str(), "jan@example.nl");
        assert_eq!(ok.organisation.as_deref(), None);
        assert_eq!(ok.needs.as_deref(), Some("Rolstoel\ntoegankelijk"));
    }

    fn event() -> impl Strategy<Value = RegistrationEvent> {
        prop_oneof![
            Just(E::ConfirmWithSeat),
            Just(E::ConfirmWhenFull),
            Just(E::Promote),
            Just(E::Cancel),
            Just(E::Expire),
        ]
    }

    proptest! {
        /// Following any sequence of events (skipping refused ones), a sign-up visits the states
        /// in the drawn order, never leaves `Cancelled`, and takes and returns at most one seat.
        #[test]
        fn any_event_sequence_keeps_the_invariants(events in proptest::collection::vec(event(), 0..20)) {
            let mut state = S::Pending;
            let mut seats: i32 = 0;
            let mut was_cancelled = false;
            for event in events {
                match state.apply(event) {
                    Ok(next) => {
                        prop_assert!(!was_cancelled, "left Cancelled");
                        seats += i32::from(next.holds_seat()) - i32::from(state.holds_seat());
                        prop_assert!(RegistrationState::sources(event).contains(&state));
                        state = next;
                    }
                    Err(error) => {
                        prop_assert_eq!(error.from, state);
                        prop_assert!(!RegistrationState::sources(event).contains(&state));
                    }
                }
                was_cancelled |= state == S::Cancelled;
                prop_assert!((0..=1).contains(&seats));
                prop_assert_eq!(seats == 1, state.holds_seat());
                prop_assert_eq!(state.is_active(), state != S::Cancelled);
            }
        }

        #[test]
        fn an_accepted_name_is_never_longer_than_200_characters(name in "\\PC{0,300}") {
            if let Ok(registration) = NewRegistration::parse(&name, "a@b.nl", "", "", false) {
                prop_assert!(registration.name.as_str().chars().count() <= 200);
            }
        }
    }
}
