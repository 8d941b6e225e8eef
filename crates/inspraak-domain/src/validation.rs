//! Field-level validation results shared by every form the domain parses.

use crate::session::{CapacityError, LinkError, ScheduleError};
use crate::{EmailError, PasswordError, PhaseDatesError, SlugError, TextError};

/// A field that did not parse, named as in the form, with the reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub problem: Problem,
}

/// Why a field was refused. The web layer turns each into a sentence in the reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Text(TextError),
    Slug(SlugError),
    Email(EmailError),
    Password(PasswordError),
    Dates(PhaseDatesError),
    Capacity(CapacityError),
    Schedule(ScheduleError),
    Link(LinkError),
    /// A consultation's open period.
    Window(crate::consultation::WindowError),
    /// A question definition in the question builder.
    Question(crate::consultation::QuestionError),
    /// An answer in a filled-in consultation form.
    Answer(crate::consultation::AnswerProblem),
    /// A retention period for personal data.
    Retention(crate::retention::RetentionError),
    /// The value is not one of the allowed ones, or not in the expected format.
    Invalid,
}

/// Collects field errors while parsing a whole form, so every mistake is reported at once.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn take<T, E: Into<Problem>>(
        &mut self,
        field: &'static str,
        result: Result<T, E>,
    ) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.0.push(FieldError {
                    field,
                    problem: error.into(),
                });
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn for_field(&self, field: &str) -> Option<Problem> {
        self.0.iter().find(|e| e.field == field).map(|e| e.problem)
    }
}

impl From<TextError> for Problem {
    fn from(e: TextError) -> Self {
        Problem::Text(e)
    }
}
impl From<SlugError> for Problem {
    fn from(e: SlugError) -> Self {
        Problem::Slug(e)
    }
}
impl From<EmailError> for Problem {
    fn from(e: EmailError) -> Self {
        Problem::Email(e)
    }
}
impl From<PasswordError> for Problem {
    fn from(e: PasswordError) -> Self {
        Problem::Password(e)
    }
}
impl From<PhaseDatesError> for Problem {
    fn from(e: PhaseDatesError) -> Self {
        Problem::Dates(e)
    }
}
impl From<CapacityError> for Problem {
    fn from(e: CapacityError) -> Self {
        Problem::Capacity(e)
    }
}
impl From<ScheduleError> for Problem {
    fn from(e: ScheduleError) -> Self {
        Problem::Schedule(e)
    }
}
impl From<LinkError> for Problem {
    fn from(e: LinkError) -> Self {
        Problem::Link(e)
    }
}
