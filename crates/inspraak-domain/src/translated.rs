//! Organiser-written text in two languages (issue #24).
//!
//! The main text is in the installation's content language (Dutch by default) and is what the
//! rules for that field require (e.g. a title may not be empty). The translation into the other
//! interface language is optional: while it is missing, a page in that language shows the main
//! text marked with its own `lang` (WCAG 2.1 SC 3.1.2). A translation is parsed by the same
//! text type as the main field, so it obeys the same length and character rules.

use crate::text::{NonEmptyText, OptionalText, TextError};

/// A stored text and its translation, as read from the database.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Translated {
    pub main: String,
    /// `None` while nobody has written it; never an empty string.
    pub translation: Option<String>,
}

impl Translated {
    /// A text with its translation; a blank translation counts as missing.
    pub fn new(main: impl Into<String>, translation: Option<String>) -> Self {
        Self {
            main: main.into(),
            translation: translation.filter(|t| !t.trim().is_empty()),
        }
    }

    /// A text nobody has translated yet.
    pub fn untranslated(main: impl Into<String>) -> Self {
        Self::new(main, None)
    }

    /// An optional stored text (e.g. a description): `None` when the main text is absent,
    /// whatever the translation holds.
    pub fn optional(main: Option<String>, translation: Option<String>) -> Option<Self> {
        main.filter(|m| !m.trim().is_empty())
            .map(|m| Self::new(m, translation))
    }

    /// The text for a reader of the other language (`other = true`) or of the content language,
    /// and whether it is the main text standing in for a missing translation.
    pub fn pick(&self, other: bool) -> (&str, bool) {
        match (&self.translation, other) {
            (Some(translation), true) => (translation, false),
            (None, true) => (&self.main, true),
            (_, false) => (&self.main, false),
        }
    }

    pub fn is_translated(&self) -> bool {
        self.translation.is_some()
    }
}

/// Parses the translation of a field with the main field's own text type: empty is `None`.
pub fn parse_translation<const MAX: usize, const MULTILINE: bool, const NAME: bool>(
    raw: &str,
) -> Result<Option<NonEmptyText<MAX, MULTILINE, NAME>>, TextError> {
    match NonEmptyText::parse(raw) {
        Ok(text) => Ok(Some(text)),
        Err(TextError::Empty) => Ok(None),
        Err(other) => Err(other),
    }
}

/// The translation of an optional field; as `OptionalText::parse`.
pub fn parse_optional_translation<const MAX: usize, const MULTILINE: bool, const NAME: bool>(
    raw: &str,
) -> Result<OptionalText<MAX, MULTILINE, NAME>, TextError> {
    OptionalText::parse(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reader_of_the_other_language_gets_the_translation_or_the_marked_main_text() {
        let both = Translated::new("Groen", Some("Green".into()));
        assert_eq!(both.pick(true), ("Green", false));
        assert_eq!(both.pick(false), ("Groen", false));
        let only_main = Translated::untranslated("Groen");
        assert_eq!(only_main.pick(true), ("Groen", true));
        assert_eq!(only_main.pick(false), ("Groen", false));
    }

    #[test]
    fn a_blank_translation_is_a_missing_one() {
        assert!(!Translated::new("Groen", Some("  ".into())).is_translated());
        assert_eq!(Translated::optional(None, Some("Green".into())), None);
        assert_eq!(
            Translated::optional(Some("Groen".into()), None),
            Some(Translated::untranslated("Groen"))
        );
    }

    #[test]
    fn a_translation_obeys_the_main_fields_rules() {
        type Title = NonEmptyText<5>;
        assert_eq!(parse_translation::<5, false, false>(" "), Ok(None));
        assert_eq!(
            parse_translation::<5, false, false>("Green"),
            Ok(Some(Title::parse("Green").unwrap()))
        );
        assert_eq!(
            parse_translation::<5, false, false>("Greener"),
            Err(TextError::TooLong { max: 5 })
        );
    }
}
