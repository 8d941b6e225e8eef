//! The questions of a consultation as an organiser defines them.

use crate::ids::QuestionId;
use crate::text::{NonEmptyText, OptionalText, TextError};
use crate::translated::{Translated, parse_translation};
use crate::validation::{FieldErrors, Problem};
use thiserror::Error;

/// What kind of answer a question asks for. The kind decides how the answer is stored, so it
/// cannot change once the first response exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuestionKind {
    /// One line of text.
    ShortText,
    /// Several lines of text, with a character limit the organiser sets.
    LongText,
    /// One of the organiser's options.
    SingleChoice,
    /// Any number of the organiser's options.
    MultipleChoice,
    /// Any number of the process's themes, optionally with another topic in free text.
    PickThemes,
    /// The process's themes in order of importance (a number per theme without JavaScript).
    RankThemes,
    /// Yes or no, with an optional "why".
    YesNoWhy,
    /// A number from 1 to 5.
    Scale,
    /// An e-mail address to hear about the outcome, with explicit consent. Stored apart from
    /// the answers and erased after the process's retention period.
    EmailUpdates,
}

impl QuestionKind {
    pub const ALL: [QuestionKind; 9] = [
        Self::ShortText,
        Self::LongText,
        Self::SingleChoice,
        Self::MultipleChoice,
        Self::PickThemes,
        Self::RankThemes,
        Self::YesNoWhy,
        Self::Scale,
        Self::EmailUpdates,
    ];

    /// The stable name stored in the database and used in forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ShortText => "short_text",
            Self::LongText => "long_text",
            Self::SingleChoice => "single_choice",
            Self::MultipleChoice => "multiple_choice",
            Self::PickThemes => "pick_themes",
            Self::RankThemes => "rank_themes",
            Self::YesNoWhy => "yes_no_why",
            Self::Scale => "scale",
            Self::EmailUpdates => "email_updates",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == value.trim())
    }

    /// Kinds whose choices the organiser types.
    pub fn has_options(self) -> bool {
        matches!(self, Self::SingleChoice | Self::MultipleChoice)
    }

    /// Kinds whose choices are the process's themes.
    pub fn uses_themes(self) -> bool {
        matches!(self, Self::PickThemes | Self::RankThemes)
    }
}

/// The longest answer to a short-text question.
pub const SHORT_TEXT_MAX: usize = 200;
/// The limit of a long-text question when the organiser sets none.
pub const LONG_TEXT_DEFAULT_MAX: u32 = 2000;
/// The highest limit an organiser may set on a long-text question.
pub const LONG_TEXT_CEILING: u32 = 10_000;
/// The longest "why" of a yes/no question and the longest "other topic".
pub const WHY_MAX: usize = 2000;
pub const OTHER_TOPIC_MAX: usize = 200;
pub const OPTION_MAX_CHARS: usize = 200;
pub const MIN_OPTIONS: usize = 2;
pub const MAX_OPTIONS: usize = 30;

pub type QuestionPrompt = NonEmptyText<500>;
pub type QuestionHelp = OptionalText<2000, true>;
pub type OptionLabel = NonEmptyText<OPTION_MAX_CHARS>;

/// Why a question definition was refused (beyond plain text errors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum QuestionError {
    #[error("give at least {min} options, one per line")]
    TooFewOptions { min: usize },
    #[error("give at most {max} options")]
    TooManyOptions { max: usize },
    #[error("an option appears twice")]
    DuplicateOption,
    #[error("the character limit must be a number from 1 to {max}")]
    MaxLengthOutOfRange { max: u32 },
    #[error("this question kind does not exist")]
    UnknownKind,
    /// The translated options are not one per option: give as many lines as there are
    /// options, in the same order, or none.
    #[error("give {expected} translated options, one per line, or none")]
    TranslationCount { expected: usize },
}

impl From<QuestionError> for Problem {
    fn from(e: QuestionError) -> Self {
        Problem::Question(e)
    }
}

/// A question as the organiser defines it: parsed from the question builder's form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewQuestion {
    pub kind: QuestionKind,
    pub prompt: QuestionPrompt,
    pub help: QuestionHelp,
    /// Always false for `EmailUpdates`: leaving an address is never required.
    pub required: bool,
    /// Only for `LongText`: the character limit (default [`LONG_TEXT_DEFAULT_MAX`]).
    pub max_length: Option<u32>,
    /// Only for the choice kinds: the options, in order. Answers refer to them by position.
    pub options: Vec<OptionLabel>,
    /// Only for `PickThemes`: offer an "other topic" text field.
    pub allow_other: bool,
    /// The texts in the other interface language (issue #24): field names
    /// `prompt_translation`, `help_translation`, `options_translation`. The translated options
    /// are as many as `options`, in their order, or none.
    pub prompt_translation: Option<QuestionPrompt>,
    pub help_translation: QuestionHelp,
    pub options_translation: Vec<OptionLabel>,
}

/// Option labels one per line, blank lines ignored, none twice.
fn parse_labels(raw: &str) -> Result<Vec<OptionLabel>, Problem> {
    let mut options: Vec<OptionLabel> = Vec::new();
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        let option = OptionLabel::parse(line)?;
        if options.iter().any(|o| o.as_str() == option.as_str()) {
            return Err(QuestionError::DuplicateOption.into());
        }
        options.push(option);
    }
    Ok(options)
}

/// Parses the options textarea: one option per line, blank lines ignored.
fn parse_options(raw: &str) -> Result<Vec<OptionLabel>, Problem> {
    let options = parse_labels(raw)?;
    if options.len() < MIN_OPTIONS {
        return Err(QuestionError::TooFewOptions { min: MIN_OPTIONS }.into());
    }
    if options.len() > MAX_OPTIONS {
        return Err(QuestionError::TooManyOptions { max: MAX_OPTIONS }.into());
    }
    Ok(options)
}

/// A scale's own words for its ends: two lines, what 1 means and what 5 means (e.g. "not
/// open at all", "very open"). Anything else gives none, so the interface's general "not at all"
/// and "very much" are shown (as before; the one options field of the builder may still hold a
/// choice question's options after the kind was changed to a scale).
fn parse_scale_labels(raw: &str) -> Result<Vec<OptionLabel>, Problem> {
    match parse_options(raw) {
        Ok(labels) if labels.len() == 2 => Ok(labels),
        Ok(_) | Err(Problem::Question(_)) => Ok(Vec::new()),
        Err(other) => Err(other),
    }
}

impl Question {
    /// The words for the ends of a scale question, when the organiser gave them.
    pub fn scale_labels(&self) -> Option<(Translated, Translated)> {
        match (self.kind, self.options.as_slice()) {
            (QuestionKind::Scale, [_, _]) => Some((self.option(0), self.option(1))),
            _ => None,
        }
    }

    /// Option `n`'s label with its translation (empty when `n` is out of range).
    pub fn option(&self, n: usize) -> Translated {
        Translated::new(
            self.options.get(n).cloned().unwrap_or_default(),
            self.options_translation.get(n).cloned(),
        )
    }

    /// Every option's label with its translation, in order.
    pub fn option_labels(&self) -> Vec<Translated> {
        (0..self.options.len()).map(|n| self.option(n)).collect()
    }
}

/// The translated options, checked against the main ones: as many, or none. Kinds without
/// options (and a scale without its own words) keep none.
fn parse_options_translation(raw: &str, main: &[OptionLabel]) -> Result<Vec<OptionLabel>, Problem> {
    if main.is_empty() {
        return Ok(Vec::new());
    }
    let labels = parse_labels(raw)?;
    if labels.is_empty() {
        return Ok(Vec::new());
    }
    if labels.len() != main.len() {
        return Err(QuestionError::TranslationCount {
            expected: main.len(),
        }
        .into());
    }
    Ok(labels)
}

fn parse_max_length(raw: &str) -> Result<u32, QuestionError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(LONG_TEXT_DEFAULT_MAX);
    }
    match raw.parse::<u32>() {
        Ok(n) if (1..=LONG_TEXT_CEILING).contains(&n) => Ok(n),
        _ => Err(QuestionError::MaxLengthOutOfRange {
            max: LONG_TEXT_CEILING,
        }),
    }
}

impl NewQuestion {
    /// Parses the question builder's fields (`kind`, `prompt`, `help`, `required`,
    /// `max_length`, `options`, `allow_other`). Fields that do not apply to the kind are ignored.
    pub fn parse(
        kind: &str,
        prompt: &str,
        help: &str,
        required: bool,
        max_length: &str,
        options: &str,
        allow_other: bool,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let kind = errors.take(
            "kind",
            QuestionKind::parse(kind).ok_or(QuestionError::UnknownKind),
        );
        let prompt = errors.take("prompt", QuestionPrompt::parse(prompt));
        let help = errors.take("help", QuestionHelp::parse(help));
        let (max_length, options) = match kind {
            Some(QuestionKind::LongText) => (
                errors.take("max_length", parse_max_length(max_length)),
                Some(Vec::new()),
            ),
            Some(k) if k.has_options() => (Some(0), errors.take("options", parse_options(options))),
            Some(QuestionKind::Scale) => {
                (Some(0), errors.take("options", parse_scale_labels(options)))
            }
            _ => (Some(0), Some(Vec::new())),
        };
        match (kind, prompt, help, max_length, options) {
            (Some(kind), Some(prompt), Some(help), Some(max_length), Some(options))
                if errors.is_empty() =>
            {
                Ok(Self {
                    kind,
                    prompt,
                    help,
                    required: required && kind != QuestionKind::EmailUpdates,
                    max_length: (kind == QuestionKind::LongText).then_some(max_length),
                    options,
                    allow_other: allow_other && kind == QuestionKind::PickThemes,
                    prompt_translation: None,
                    help_translation: QuestionHelp::default(),
                    options_translation: Vec::new(),
                })
            }
            _ => Err(errors),
        }
    }

    /// Adds the translations (`prompt_translation`, `help_translation`,
    /// `options_translation`) to a parsed (or refused) question; every mistake of both comes
    /// back at once. The number of translated options is checked only when the main options
    /// parsed.
    pub fn with_translations(
        main: Result<Self, FieldErrors>,
        prompt: &str,
        help: &str,
        options: &str,
    ) -> Result<Self, FieldErrors> {
        let (mut errors, main) = match main {
            Ok(main) => (FieldErrors::default(), Some(main)),
            Err(errors) => (errors, None),
        };
        let prompt = errors.take("prompt_translation", parse_translation(prompt));
        let help = errors.take("help_translation", QuestionHelp::parse(help));
        let main_options = main.as_ref().map_or(&[][..], |m| m.options.as_slice());
        let labels = match main {
            Some(_) => parse_options_translation(options, main_options),
            None => parse_labels(options),
        };
        let options = errors.take("options_translation", labels);
        match (main, prompt, help, options) {
            (Some(main), Some(prompt), Some(help), Some(options)) if errors.is_empty() => {
                Ok(Self {
                    prompt_translation: prompt,
                    help_translation: help,
                    options_translation: options,
                    ..main
                })
            }
            _ => Err(errors),
        }
    }

    /// Whether saving this over `current` would change what stored answers mean: another kind,
    /// or fewer options (answers point at options by position). Relabelling options, adding
    /// options at the end, and changing texts or the limit are corrections and always allowed.
    pub fn changes_meaning_of(&self, current: &Question) -> bool {
        self.kind != current.kind || self.options.len() < current.options.len()
    }
}

/// A stored question, as the public form and answer parsing need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub id: QuestionId,
    pub kind: QuestionKind,
    pub prompt: Translated,
    pub help: Option<Translated>,
    pub required: bool,
    pub max_length: Option<u32>,
    /// The option labels in the content language; answers point at them by position.
    pub options: Vec<String>,
    /// The same labels in the other language, in the same order; empty while not written.
    pub options_translation: Vec<String>,
    pub allow_other: bool,
}

impl Question {
    /// The character limit of a text answer to this question, if it takes text.
    pub fn text_limit(&self) -> Option<usize> {
        match self.kind {
            QuestionKind::ShortText => Some(SHORT_TEXT_MAX),
            QuestionKind::LongText => {
                Some(self.max_length.unwrap_or(LONG_TEXT_DEFAULT_MAX) as usize)
            }
            _ => None,
        }
    }

    /// The name of the question's main form field: `q<id>`. Others derive from it
    /// (`q<id>_other`, `q<id>_why`, `q<id>_consent`, `q<id>_t<theme id>`).
    pub fn field(&self) -> String {
        format!("q{}", self.id)
    }
}

/// Checks a text against a limit only known at run time (a long-text question's own limit).
pub(crate) fn check_length(text: &str, max: usize) -> Result<(), TextError> {
    if text.chars().count() > max {
        Err(TextError::TooLong { max })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(kind: &str, max: &str, options: &str) -> Result<NewQuestion, FieldErrors> {
        NewQuestion::parse(
            kind,
            "Welke thema's vind je belangrijk?",
            "",
            true,
            max,
            options,
            true,
        )
    }

    #[test]
    fn every_kind_round_trips_through_its_stored_name() {
        for kind in QuestionKind::ALL {
            assert_eq!(QuestionKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(QuestionKind::parse("essay"), None);
    }

    #[test]
    fn choice_questions_need_two_distinct_options() {
        let errors = parse("single_choice", "", "Ja\n\n")
            .err()
            .unwrap_or_default();
        assert_eq!(
            errors.for_field("options"),
            Some(Problem::Question(QuestionError::TooFewOptions { min: 2 }))
        );
        let errors = parse("multiple_choice", "", "Ja\nJa")
            .err()
            .unwrap_or_default();
        assert_eq!(
            errors.for_field("options"),
            Some(Problem::Question(QuestionError::DuplicateOption))
        );
        let ok = parse("multiple_choice", "", " Ja \r\nNee\r\nWeet niet\n").ok();
        let labels: Vec<_> = ok
            .iter()
            .flat_map(|q| q.options.iter().map(|o| o.as_str()))
            .collect();
        assert_eq!(labels, ["Ja", "Nee", "Weet niet"]);
    }

    #[test]
    fn a_scale_takes_its_own_words_for_both_ends_or_none() {
        let plain = parse("scale", "", "  \n").ok();
        assert_eq!(plain.map(|q| q.options.len()), Some(0));
        let labelled = parse("scale", "", "helemaal niet open\nheel open\n").ok();
        let labels: Vec<_> = labelled
            .iter()
            .flat_map(|q| q.options.iter().map(|o| o.as_str()))
            .collect();
        assert_eq!(labels, ["helemaal niet open", "heel open"]);
        for other in ["alleen een", "een\ntwee\ndrie", "twee\ntwee"] {
            let plain = parse("scale", "", other).ok();
            assert_eq!(plain.map(|q| q.options.len()), Some(0), "{other}");
        }
        let stored = Question {
            id: crate::QuestionId(1),
            kind: QuestionKind::Scale,
            prompt: Translated::untranslated("Hoe open?"),
            help: None,
            required: false,
            max_length: None,
            options: vec!["niet open".into(), "heel open".into()],
            options_translation: vec!["not open".into(), "very open".into()],
            allow_other: false,
        };
        assert_eq!(
            stored.scale_labels(),
            Some((
                Translated::new("niet open", Some("not open".into())),
                Translated::new("heel open", Some("very open".into()))
            ))
        );
    }

    #[test]
    fn long_text_gets_a_default_limit_and_refuses_silly_ones() {
        assert_eq!(
            parse("long_text", "", "").ok().and_then(|q| q.max_length),
            Some(2000)
        );
        assert_eq!(
            parse("long_text", "500", "")
                .ok()
                .and_then(|q| q.max_length),
            Some(500)
        );
        for bad in ["0", "-1", "10001", "1e3", "veel"] {
            let errors = parse("long_text", bad, "").err().unwrap_or_default();
            assert_eq!(
                errors.for_field("max_length"),
                Some(Problem::Question(QuestionError::MaxLengthOutOfRange {
                    max: 10_000
                })),
                "{bad}"
            );
        }
    }

    #[test]
    fn fields_that_do_not_apply_are_dropped() {
        let q = parse("short_text", "12", "a\nb").ok();
        assert_eq!(
            q.as_ref()
                .map(|q| (q.max_length, q.options.len(), q.allow_other)),
            Some((None, 0, false))
        );
        let q = parse("email_updates", "", "").ok();
        assert_eq!(
            q.map(|q| q.required),
            Some(false),
            "an e-mail address is never required"
        );
    }

    #[test]
    fn an_unknown_kind_and_an_empty_prompt_are_both_reported() {
        let errors = NewQuestion::parse("essay", " ", "", false, "", "", false)
            .err()
            .unwrap_or_default();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["kind", "prompt"]);
    }

    #[test]
    fn changing_kind_or_dropping_options_changes_meaning_but_relabelling_does_not() {
        let current = Question {
            id: QuestionId(1),
            kind: QuestionKind::SingleChoice,
            prompt: Translated::untranslated("Vraag"),
            help: None,
            required: false,
            max_length: None,
            options: vec!["Ja".into(), "Nee".into()],
            options_translation: Vec::new(),
            allow_other: false,
        };
        let relabel = parse(
            "single_choice",
            "",
            "Ja, graag\nNee, liever niet\nMisschien",
        )
        .ok();
        assert_eq!(relabel.map(|q| q.changes_meaning_of(&current)), Some(false));
        let other_kind = parse("multiple_choice", "", "Ja\nNee").ok();
        assert_eq!(
            other_kind.map(|q| q.changes_meaning_of(&current)),
            Some(true)
        );
        let mut three = current.clone();
        three.options.push("Misschien".into());
        let fewer = parse("single_choice", "", "Ja\nNee").ok();
        assert_eq!(fewer.map(|q| q.changes_meaning_of(&three)), Some(true));
    }

    #[test]
    fn translated_options_are_as_many_as_the_options_or_none() {
        let main = || parse("single_choice", "", "Ja\nNee\nMisschien");
        let both = NewQuestion::with_translations(main(), "Which?", "", "Yes\nNo\nMaybe").unwrap();
        assert_eq!(both.options_translation.len(), 3);
        assert_eq!(
            both.prompt_translation.map(|p| p.into_string()),
            Some("Which?".into())
        );
        let none = NewQuestion::with_translations(main(), "", "", " ").unwrap();
        assert!(none.options_translation.is_empty() && none.prompt_translation.is_none());
        let errors = NewQuestion::with_translations(main(), "", "", "Yes\nNo").unwrap_err();
        assert_eq!(
            errors.for_field("options_translation"),
            Some(Problem::Question(QuestionError::TranslationCount {
                expected: 3
            }))
        );
        // Kinds without options keep none, whatever was typed.
        let text =
            NewQuestion::with_translations(parse("short_text", "", ""), "", "", "a\nb").unwrap();
        assert!(text.options_translation.is_empty());
        // A mistake in the main fields and one in a translation come back together.
        let errors =
            NewQuestion::with_translations(parse("essay", "", ""), &"x".repeat(501), "", "")
                .unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["kind", "prompt_translation"]);
    }
}
