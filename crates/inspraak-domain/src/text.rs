//! Plain text from users: trimmed, in Unicode NFC, free of control characters, bounded in
//! length. This is the one rule for every piece of text a person types (issue 20, findings 8 and
//! 10); forms parse their text fields with `NonEmptyText` / `OptionalText`:
//!
//! - NUL, ESC and every other control character (C0, DEL, C1) is refused; multi-line text may
//!   hold line breaks (stored as `\n`) and tabs. U+2028/U+2029 (line/paragraph separators) are
//!   refused too.
//! - Bidirectional embeddings, overrides and isolates are refused (see `is_bidi_control`).
//! - Text is normalised to NFC before its length is counted.
//! - Text that is empty once invisible characters (zero-width spaces and joiners, U+3164 and
//!   the other Hangul fillers, soft hyphens, word joiners …) are removed counts as empty.
//! - Names of people (`NAME = true`: forum members, registrants, idea authors, action holders)
//!   also refuse invisible characters anywhere, so "Jan" and "J\u{200B}an" are never two people.

use thiserror::Error;
use unicode_normalization::UnicodeNormalization;

/// Why a piece of text was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum TextError {
    #[error("text is empty")]
    Empty,
    #[error("text is longer than {max} characters")]
    TooLong { max: usize },
    #[error("text contains control characters")]
    ControlCharacters,
}

/// Checks characters: NUL and other control characters never reach storage, mail or logs.
/// Newlines and tabs are allowed only in multi-line text.
/// Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) reorder the
/// text around them: "Trojan Source" spoofing of names and titles. Right-to-left text needs none
/// of them.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that show nothing and take no room: text made only of them looks empty, and a
/// name holding them looks like another person's name.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' // soft hyphen
            | '\u{034F}' // combining grapheme joiner
            | '\u{061C}' // Arabic letter mark
            | '\u{115F}' | '\u{1160}' // Hangul choseong/jungseong fillers
            | '\u{17B4}' | '\u{17B5}' // Khmer inherent vowels
            | '\u{180B}'..='\u{180F}' // Mongolian variation selectors and vowel separator
            | '\u{200B}'..='\u{200F}' // zero-width space, non-joiner, joiner; LRM, RLM
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{206A}'..='\u{206F}' // deprecated format characters
            | '\u{2800}' // braille blank
            | '\u{3164}' // Hangul filler
            | '\u{FE00}'..='\u{FE0F}' // variation selectors
            | '\u{FEFF}' // zero-width no-break space (BOM)
            | '\u{FFA0}' // halfwidth Hangul filler
    )
}

fn check_characters(value: &str, multiline: bool, name: bool) -> Result<(), TextError> {
    let bad = value.chars().any(|c| {
        if multiline && (c == '\n' || c == '\t') {
            return false;
        }
        c.is_control()
            || is_bidi_control(c)
            || c == '\u{2028}'
            || c == '\u{2029}'
            || (name && is_invisible(c))
    });
    if bad {
        Err(TextError::ControlCharacters)
    } else {
        Ok(())
    }
}

/// Trimmed, line breaks as `\n` in multi-line text, NFC.
fn normalise(raw: &str, multiline: bool) -> String {
    let trimmed = raw.trim();
    let text = if multiline {
        trimmed.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        trimmed.to_owned()
    };
    text.nfc().collect()
}

/// Nothing visible: only white space and invisible characters.
fn looks_empty(value: &str) -> bool {
    value.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

/// What a search box passes on: NFC, without control, bidi or invisible characters (stripped,
/// not refused: a search box is no place for an error), trimmed and cut to `max` characters.
pub fn search_text(raw: &str, max: usize) -> String {
    let cleaned: String = raw
        .nfc()
        .filter(|c| !(c.is_control() || is_bidi_control(*c) || is_invisible(*c)))
        .collect();
    cleaned.trim().chars().take(max).collect()
}

/// Trimmed text of 1..=MAX characters. `MULTILINE` allows line breaks and tabs; `NAME` (a
/// person's name) refuses invisible characters too.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NonEmptyText<const MAX: usize, const MULTILINE: bool = false, const NAME: bool = false>(
    String,
);

impl<const MAX: usize, const MULTILINE: bool, const NAME: bool> NonEmptyText<MAX, MULTILINE, NAME> {
    pub fn parse(raw: &str) -> Result<Self, TextError> {
        let value = normalise(raw, MULTILINE);
        if looks_empty(&value) {
            return Err(TextError::Empty);
        }
        check_characters(&value, MULTILINE, NAME)?;
        if value.chars().count() > MAX {
            return Err(TextError::TooLong { max: MAX });
        }
        Ok(Self(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl<const MAX: usize, const MULTILINE: bool, const NAME: bool> AsRef<str>
    for NonEmptyText<MAX, MULTILINE, NAME>
{
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Text that may be left empty (then `None`), otherwise as `NonEmptyText`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OptionalText<const MAX: usize, const MULTILINE: bool = false, const NAME: bool = false>(
    Option<NonEmptyText<MAX, MULTILINE, NAME>>,
);

impl<const MAX: usize, const MULTILINE: bool, const NAME: bool> OptionalText<MAX, MULTILINE, NAME> {
    pub fn parse(raw: &str) -> Result<Self, TextError> {
        match NonEmptyText::parse(raw) {
            Ok(text) => Ok(Self(Some(text))),
            Err(TextError::Empty) => Ok(Self(None)),
            Err(other) => Err(other),
        }
    }

    pub fn as_deref(&self) -> Option<&str> {
        self.0.as_ref().map(|t| t.as_str())
    }

    pub fn into_option(self) -> Option<String> {
        self.0.map(|t| t.into_string())
    }
}

/// Empty: nothing written.
impl<const MAX: usize, const MULTILINE: bool, const NAME: bool> Default
    for OptionalText<MAX, MULTILINE, NAME>
{
    fn default() -> Self {
        Self(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    type Title = NonEmptyText<10>;
    type Body = NonEmptyText<100, true>;

    #[test]
    fn text_is_trimmed_and_must_not_be_empty() {
        assert_eq!(
            Title::parse("  Hallo ").map(|t| t.into_string()),
            Ok("Hallo".into())
        );
        assert_eq!(Title::parse("   "), Err(TextError::Empty));
    }

    #[test]
    fn the_limit_counts_characters_not_bytes() {
        assert!(Title::parse("éééééééééé").is_ok());
        assert_eq!(
            Title::parse("ééééééééééé"),
            Err(TextError::TooLong { max: 10 })
        );
    }

    #[test]
    fn bidi_overrides_are_refused_but_right_to_left_text_is_fine() {
        assert_eq!(
            Title::parse("abc\u{202E}gpj"),
            Err(TextError::ControlCharacters)
        );
        assert_eq!(Body::parse("x\u{2066}y"), Err(TextError::ControlCharacters));
        assert!(Title::parse("שלום").is_ok());
    }

    #[test]
    fn nul_and_line_breaks_are_refused_in_single_line_text() {
        assert_eq!(Title::parse("a\0b"), Err(TextError::ControlCharacters));
        assert_eq!(
            Title::parse("Jan\r\nBcc: x"),
            Err(TextError::ControlCharacters)
        );
        assert!(Body::parse("regel 1\r\nregel 2").is_ok());
        assert_eq!(Body::parse("a\0b"), Err(TextError::ControlCharacters));
    }

    #[test]
    fn optional_text_maps_blank_to_none() {
        assert_eq!(
            OptionalText::<5>::parse(" ").map(|t| t.into_option()),
            Ok(None)
        );
        assert_eq!(
            OptionalText::<5>::parse("abcdef"),
            Err(TextError::TooLong { max: 5 })
        );
    }

    type Name = NonEmptyText<20, false, true>;

    #[test]
    fn search_text_strips_what_forms_refuse() {
        assert_eq!(search_text(" a\0b\u{1b}c\u{202E}d\u{200B} ", 100), "abcd");
        assert_eq!(search_text("Cafe\u{301} extra", 4), "Caf\u{e9}");
    }

    #[test]
    fn nul_escape_and_separators_are_refused_everywhere() {
        for raw in ["a\0b", "a\u{1b}[31mb", "a\u{7f}b", "a\u{85}b", "a\u{2028}b"] {
            assert_eq!(
                Title::parse(raw),
                Err(TextError::ControlCharacters),
                "{raw:?}"
            );
            assert_eq!(
                Body::parse(raw),
                Err(TextError::ControlCharacters),
                "{raw:?}"
            );
        }
        assert!(Body::parse("kop\n\tinspringen").is_ok());
    }

    #[test]
    fn text_is_stored_in_nfc() {
        let decomposed = Title::parse("Cafe\u{301}").map(|t| t.into_string());
        assert_eq!(decomposed, Ok("Caf\u{e9}".into()));
        // Ten characters once composed, though eleven were typed.
        assert!(Title::parse("eeeeeeeee\u{65}\u{301}").is_ok());
    }

    #[test]
    fn text_of_only_invisible_characters_is_empty() {
        for raw in [
            "\u{3164}",
            "\u{200B}\u{200B}",
            " \u{FEFF} ",
            "\u{115F}\u{1160}",
        ] {
            assert_eq!(Title::parse(raw), Err(TextError::Empty), "{raw:?}");
            assert_eq!(Name::parse(raw), Err(TextError::Empty), "{raw:?}");
        }
        assert_eq!(
            OptionalText::<5>::parse("\u{3164}").map(|t| t.into_option()),
            Ok(None)
        );
    }

    #[test]
    fn names_refuse_invisible_characters_but_titles_keep_emoji_joiners() {
        assert_eq!(
            Name::parse("J\u{200B}an"),
            Err(TextError::ControlCharacters)
        );
        assert_eq!(
            Name::parse("Jan\u{3164}"),
            Err(TextError::ControlCharacters)
        );
        assert_eq!(
            Name::parse("Jan\u{200D}"),
            Err(TextError::ControlCharacters)
        );
        assert!(Name::parse("Zoë de Vries-Ünal").is_ok());
        assert!(Name::parse("Александра").is_ok());
        // A family emoji is joined with U+200D; in a title that is ordinary text.
        assert!(Title::parse("👨\u{200D}👩\u{200D}👧").is_ok());
    }

    proptest! {
        #[test]
        fn accepted_names_hold_nothing_invisible(raw in "\\PC{0,20}") {
            if let Ok(name) = Name::parse(&raw) {
                prop_assert!(!name.as_str().chars().any(is_invisible));
                prop_assert!(!name.as_str().chars().any(char::is_control));
            }
        }

        #[test]
        fn accepted_text_is_never_longer_than_the_limit_nor_holds_control_characters(raw in ".{0,40}") {
            if let Ok(text) = Title::parse(&raw) {
                prop_assert!(text.as_str().chars().count() <= 10);
                prop_assert!(!text.as_str().chars().any(char::is_control));
                prop_assert!(!text.as_str().is_empty());
            }
        }
    }
}
