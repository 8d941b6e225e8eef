//! The self-evaluation of a closed process ("Eerdere actieplannen", issue #24): what went well
//! and what did not, written by the organiser after the process ended. Its text is in the
//! content language and may have a translation into the other interface language, parsed by
//! the same text type (so it obeys the same length and character rules).

use crate::process::ProcessStatus;
use crate::text::NonEmptyText;
use crate::translated::parse_translation;
use crate::validation::FieldErrors;

/// The longest self-evaluation, in characters (a few pages of text).
pub const MAX_EVALUATION: usize = 20_000;

/// Whether a process in `status` may carry a self-evaluation (and its documents): only a
/// closed, archived one. A process published again keeps what was written, unshown.
pub fn allowed(status: ProcessStatus) -> bool {
    status == ProcessStatus::Archived
}

pub type EvaluationText = NonEmptyText<MAX_EVALUATION, true>;

/// A self-evaluation as an organiser saves it. Fields are named as in the form: `body` and
/// `body_translation`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvaluation {
    pub body: EvaluationText,
    /// `None` when the translation field was left empty.
    pub translation: Option<EvaluationText>,
}

impl NewEvaluation {
    pub fn parse(body: &str, translation: &str) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let body = errors.take("body", EvaluationText::parse(body));
        let translation = errors.take(
            "body_translation",
            parse_translation::<MAX_EVALUATION, true, false>(translation),
        );
        match (body, translation) {
            (Some(body), Some(translation)) if errors.is_empty() => Ok(Self { body, translation }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Problem, TextError};

    #[test]
    fn only_an_archived_process_carries_one() {
        assert!(allowed(ProcessStatus::Archived));
        assert!(!allowed(ProcessStatus::Published));
        assert!(!allowed(ProcessStatus::Draft));
    }

    #[test]
    fn the_text_is_required_and_its_translation_is_optional() {
        let both = NewEvaluation::parse("Goed gegaan.", "Went well.").unwrap();
        assert_eq!(both.body.as_str(), "Goed gegaan.");
        assert_eq!(both.translation.unwrap().as_str(), "Went well.");
        assert_eq!(
            NewEvaluation::parse("Goed.", "  ").unwrap().translation,
            None
        );
        let errors = NewEvaluation::parse(" ", "Went well.").unwrap_err();
        assert_eq!(
            errors.for_field("body"),
            Some(Problem::Text(TextError::Empty))
        );
    }

    #[test]
    fn a_too_long_translation_is_an_error_of_its_own_field() {
        let long = "a".repeat(MAX_EVALUATION + 1);
        let errors = NewEvaluation::parse("Goed.", &long).unwrap_err();
        assert_eq!(
            errors.for_field("body_translation"),
            Some(Problem::Text(TextError::TooLong {
                max: MAX_EVALUATION
            }))
        );
        assert_eq!(errors.for_field("body"), None);
    }
}
