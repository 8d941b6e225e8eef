//! Plain records the store hands out, and their conversion from rows.

use crate::entities::{registrants, sessions};
use crate::{StoreError, StoreResult};
use chrono::{DateTime, Utc};
use inspraak_domain::session::{Capacity, Schedule, SeatsLeft, SessionKind, SignupStatus};
use inspraak_domain::{Language, ProcessId, SessionId, ThemeId, Translated};

/// A session or event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id: SessionId,
    pub process_id: ProcessId,
    pub theme_id: Option<ThemeId>,
    pub kind: SessionKind,
    pub title: Translated,
    pub description: Translated,
    pub schedule: Schedule,
    pub location: Option<String>,
    /// Only for confirmed participants: never render it on a public page.
    pub online_link: Option<String>,
    pub capacity: Capacity,
    pub seats_taken: u32,
    pub ask_organisation: bool,
    pub ask_needs: bool,
    /// The calendar SEQUENCE: raised on every edit and before every calendar file mailed.
    pub revision: i32,
    pub report: Option<Translated>,
    pub report_published_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    /// When the organiser called it off.
    pub cancelled_at: Option<DateTime<Utc>>,
}

impl Session {
    pub fn is_cancelled(&self) -> bool {
        self.cancelled_at.is_some()
    }

    /// Whether people can sign up now: as the schedule says, and never once called off.
    pub fn signup_status(&self, now: DateTime<Utc>) -> SignupStatus {
        if self.is_cancelled() {
            SignupStatus::Closed
        } else {
            self.schedule.signup_status(now)
        }
    }

    pub fn seats_left(&self) -> SeatsLeft {
        self.capacity.seats_left(self.seats_taken)
    }

    /// The published report, if any.
    pub fn published_report(&self) -> Option<&Translated> {
        self.report_published_at.and(self.report.as_ref())
    }
}

/// The personal data of a sign-up.
#[derive(Clone, PartialEq, Eq)]
pub struct Registrant {
    pub name: String,
    pub email: String,
    pub organisation: Option<String>,
    pub needs: Option<String>,
    pub wants_report: bool,
    /// The language of the page they signed up on, for every mail about the sign-up.
    pub language: Language,
}

/// Personal data: debug output names no one.
impl std::fmt::Debug for Registrant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registrant").finish_non_exhaustive()
    }
}

pub(crate) fn corrupt(what: &str, value: impl std::fmt::Display) -> StoreError {
    StoreError::Db(sea_orm::DbErr::Custom(format!(
        "stored {what} is invalid: {value}"
    )))
}

pub(crate) fn to_session(model: sessions::Model) -> StoreResult<Session> {
    let kind = SessionKind::parse(&model.kind).ok_or_else(|| corrupt("kind", &model.kind))?;
    let schedule = Schedule::new(
        model.starts_at,
        model.ends_at,
        model.signup_opens_at,
        model.signup_closes_at,
    )
    .map_err(|e| corrupt("schedule", e))?;
    let capacity = match model.capacity {
        None => Capacity::Unlimited,
        Some(n) => Capacity::from_number(u64::try_from(n).map_err(|_| corrupt("capacity", n))?)
            .map_err(|_| corrupt("capacity", n))?,
    };
    Ok(Session {
        id: SessionId(model.id),
        process_id: ProcessId(model.process_id),
        theme_id: model.theme_id.map(ThemeId),
        kind,
        title: Translated::new(model.title, model.title_translation),
        description: Translated::new(model.description, model.description_translation),
        schedule,
        location: model.location,
        online_link: model.online_link,
        capacity,
        seats_taken: u32::try_from(model.seats_taken).unwrap_or(0),
        ask_organisation: model.ask_organisation,
        ask_needs: model.ask_needs,
        revision: model.revision,
        report: Translated::optional(model.report, model.report_translation),
        report_published_at: model.report_published_at,
        updated_at: model.updated_at,
        cancelled_at: model.cancelled_at,
    })
}

pub(crate) fn to_registrant(model: registrants::Model) -> Registrant {
    Registrant {
        name: model.name,
        email: model.email,
        organisation: model.organisation,
        needs: model.needs,
        wants_report: model.wants_report,
        language: Language::from_code(&model.language),
    }
}
