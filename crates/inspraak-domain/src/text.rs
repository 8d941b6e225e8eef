//! Plain text from users: trimmed, free of control characters, bounded in length.

use thiserror::Error;

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

fn check_characters(value: &str, multiline: bool) -> Result<(), TextError> {
    let bad = value.chars().any(|c| {
        if multiline && (c == '\n' || c == '\r' || c == '\t') {
            return false;
        }
        c.is_control() || is_bidi_control(c)
    });
    if bad {
        Err(TextError::ControlCharacters)
    } else {
        Ok(())
    }
}

fn normalise(raw: &str, multiline: bool) -> String {
    let trimmed = raw.trim();
    if multiline {
        trimmed.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        trimmed.to_owned()
    }
}

/// Trimmed text of 1..=MAX characters. `MULTILINE` allows line breaks and tabs.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NonEmptyText<const MAX: usize, const MULTILINE: bool = false>(String);

impl<const MAX: usize, const MULTILINE: bool> NonEmptyText<MAX, MULTILINE> {
    pub fn parse(raw: &str) -> Result<Self, TextError> {
        let value = normalise(raw, MULTILINE);
        if value.is_empty() {
            return Err(TextError::Empty);
        }
        check_characters(&value, MULTILINE)?;
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

impl<const MAX: usize, const MULTILINE: bool> AsRef<str> for NonEmptyText<MAX, MULTILINE> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Text that may be left empty (then `None`), otherwise as `NonEmptyText`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OptionalText<const MAX: usize, const MULTILINE: bool = false>(
    Option<NonEmptyText<MAX, MULTILINE>>,
);

impl<const MAX: usize, const MULTILINE: bool> OptionalText<MAX, MULTILINE> {
    pub fn parse(raw: &str) -> Result<Self, TextError> {
        match NonEmptyText::parse(raw) {
            Ok(text) => Ok(Self(Some(text))),
            Err(TextError::Empty) => Ok(Self(None)),
            Err(other) => Err(other),
        }
    }

    pub fn as_deref(&self) -> Option<&str> {
        self.0.as_ref().map(NonEmptyText::as_str)
    }

    pub fn into_option(self) -> Option<String> {
        self.0.map(NonEmptyText::into_string)
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

    proptest! {
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
