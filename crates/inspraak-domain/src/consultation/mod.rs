//! Online consultations: a form with an open period, ordered questions, and the answers
//! citizens give without an account.
//!
//! - [`window`]: the open period, entered and shown in Dutch time, stored in UTC.
//! - [`question`]: the question kinds and the organiser's question builder.
//! - [`answer`]: typed answers, their stored form and the counters they feed.
//! - [`form`]: parsing a filled-in form into answers, or every mistake at once.

pub mod answer;
pub mod form;
pub mod question;
pub mod window;

pub use answer::{Answer, StoredAnswer, TallyEntry};
pub use form::{AnswerError, AnswerErrors, AnswerProblem, ParsedResponse, RawForm, parse_response};
pub use question::{NewQuestion, Question, QuestionError, QuestionKind};
pub use window::{ClosingMoment, ConsultationWindow, WindowError, WindowState};

use crate::text::NonEmptyText;
use crate::translated::parse_translation;
use crate::validation::{FieldErrors, Problem};
use std::fmt;
use thiserror::Error;

/// Whether the public can see a consultation. Whether it takes answers is the window's business.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConsultationStatus {
    /// Being prepared; organisers only.
    Draft,
    /// Public: shown on the process, takes answers while its window is open.
    Published,
}

impl ConsultationStatus {
    pub const ALL: [ConsultationStatus; 2] = [Self::Draft, Self::Published];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Published => "published",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

pub type ConsultationTitle = NonEmptyText<200>;
pub type ConsultationIntro = NonEmptyText<10_000, true>;
pub type PrivacyStatement = NonEmptyText<10_000, true>;

impl From<WindowError> for Problem {
    fn from(e: WindowError) -> Self {
        Problem::Window(e)
    }
}

/// A consultation as an organiser creates or edits it. Field names: `title`, `intro`,
/// `privacy`, `opens_on`, `opens_time`, `closes_on`, `closes_time`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewConsultation {
    pub title: ConsultationTitle,
    pub intro: ConsultationIntro,
    pub privacy: PrivacyStatement,
    pub window: ConsultationWindow,
    /// The same texts in the other interface language (issue #24); `None` while not written.
    /// Field names: `title_translation`, `intro_translation`, `privacy_translation`.
    pub title_translation: Option<ConsultationTitle>,
    pub intro_translation: Option<ConsultationIntro>,
    pub privacy_translation: Option<PrivacyStatement>,
}

impl NewConsultation {
    pub fn parse(
        title: &str,
        intro: &str,
        privacy: &str,
        opens_on: &str,
        opens_time: &str,
        closes_on: &str,
        closes_time: &str,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = errors.take("title", ConsultationTitle::parse(title));
        let intro = errors.take("intro", ConsultationIntro::parse(intro));
        let privacy = errors.take("privacy", PrivacyStatement::parse(privacy));
        let window = match ConsultationWindow::parse(opens_on, opens_time, closes_on, closes_time) {
            Ok(window) => Some(window),
            Err(window_errors) => {
                for e in window_errors {
                    errors.take::<(), _>(e.field(), Err(e));
                }
                None
            }
        };
        match (title, intro, privacy, window) {
            (Some(title), Some(intro), Some(privacy), Some(window)) if errors.is_empty() => {
                Ok(Self {
                    title,
                    intro,
                    privacy,
                    window,
                    title_translation: None,
                    intro_translation: None,
                    privacy_translation: None,
                })
            }
            _ => Err(errors),
        }
    }

    /// Adds the translations of title, intro and privacy statement to a parsed (or refused)
    /// consultation; each obeys its main field's rules, and an empty one is `None`. Every
    /// mistake of both comes back at once.
    pub fn with_translations(
        main: Result<Self, FieldErrors>,
        title: &str,
        intro: &str,
        privacy: &str,
    ) -> Result<Self, FieldErrors> {
        let (mut errors, main) = match main {
            Ok(main) => (FieldErrors::default(), Some(main)),
            Err(errors) => (errors, None),
        };
        let title = errors.take("title_translation", parse_translation(title));
        let intro = errors.take("intro_translation", parse_translation(intro));
        let privacy = errors.take("privacy_translation", parse_translation(privacy));
        match (main, title, intro, privacy) {
            (Some(main), Some(title), Some(intro), Some(privacy)) if errors.is_empty() => {
                Ok(Self {
                    title_translation: title,
                    intro_translation: intro,
                    privacy_translation: privacy,
                    ..main
                })
            }
            _ => Err(errors),
        }
    }
}

/// The random key a form carries so that a double click, a refresh or a replay stores one
/// response: 16 to 64 characters of `A-Z a-z 0-9 - _`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IdempotencyKey(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("the form's key is missing or malformed")]
pub struct IdempotencyKeyError;

impl IdempotencyKey {
    pub fn parse(raw: &str) -> Result<Self, IdempotencyKeyError> {
        let ok = (16..=64).contains(&raw.len())
            && raw
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if ok {
            Ok(Self(raw.to_owned()))
        } else {
            Err(IdempotencyKeyError)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The code on a receipt: ten characters of Crockford's base32 (no I, L, O, U), shown in two
/// groups of five, e.g. `7KQ2M-9XDAF`. About 50 random bits: unguessable enough for a page that
/// shows only the code and the consultation's title.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReceiptCode(String);

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

impl ReceiptCode {
    pub const LEN: usize = 11;

    /// Builds a code from random bytes (the caller supplies the randomness: no I/O here).
    pub fn from_random(bytes: [u8; 10]) -> Self {
        let mut code = String::with_capacity(Self::LEN);
        for (i, byte) in bytes.iter().enumerate() {
            if i == 5 {
                code.push('-');
            }
            code.push(char::from(CROCKFORD[usize::from(byte & 31)]));
        }
        Self(code)
    }

    /// Reads a code as typed or taken from a URL: case-insensitive, with or without the dash.
    pub fn parse(raw: &str) -> Option<Self> {
        let cleaned: String = raw
            .trim()
            .chars()
            .filter(|c| *c != '-' && *c != ' ')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if cleaned.len() != 10 || !cleaned.bytes().all(|b| CROCKFORD.contains(&b)) {
            return None;
        }
        Some(Self(format!("{}-{}", &cleaned[..5], &cleaned[5..])))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ReceiptCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_consultation_reports_every_bad_field() {
        let errors = NewConsultation::parse("", "Intro", "", "2026-09-30", "", "2026-09-01", "")
            .err()
            .unwrap_or_default();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["title", "privacy", "closes_on"]);
        assert_eq!(
            errors.for_field("closes_on"),
            Some(Problem::Window(WindowError::ClosesBeforeOpens))
        );
    }

    #[test]
    fn a_good_consultation_parses() {
        let parsed = NewConsultation::parse(
            "Consultatie Actieplan Open Overheid",
            "Deel je ideeën.",
            "We bewaren je e-mailadres alleen als je dat wilt.",
            "2026-09-01",
            "",
            "2026-09-30",
            "",
        );
        assert_eq!(
            parsed.map(|c| c.window.closing()).ok(),
            Some(ClosingMoment::EndOfDay(
                chrono::NaiveDate::from_ymd_opt(2026, 9, 30).unwrap_or_default()
            ))
        );
    }

    #[test]
    fn idempotency_keys_are_bounded_and_url_safe() {
        assert!(IdempotencyKey::parse("abcdefghijklmnop").is_ok());
        assert!(IdempotencyKey::parse("short").is_err());
        assert!(IdempotencyKey::parse(&"a".repeat(65)).is_err());
        assert!(IdempotencyKey::parse("abcdefghijklmnop'; DROP").is_err());
    }

    proptest! {
        #[test]
        fn receipt_codes_read_back_however_they_are_typed(bytes in prop::array::uniform10(any::<u8>())) {
            let code = ReceiptCode::from_random(bytes);
            prop_assert_eq!(code.as_str().len(), ReceiptCode::LEN);
            prop_assert_eq!(ReceiptCode::parse(code.as_str()), Some(code.clone()));
            let typed = code.as_str().to_lowercase().replace('-', " ");
            prop_assert_eq!(ReceiptCode::parse(&typed), Some(code));
        }
    }
}
