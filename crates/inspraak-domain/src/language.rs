//! The language someone used the site in, kept with what they left behind (a sign-up) so the
//! mails that follow later, from a background job or an organiser's action, are in that language
//! and not in whoever happened to trigger them.

/// Dutch (the site's language, and what older rows hold) or English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    #[default]
    Dutch,
    English,
}

impl Language {
    /// As stored: `nl` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Dutch => "nl",
            Language::English => "en",
        }
    }

    /// A stored or requested code; anything else is Dutch, the site's own language.
    pub fn from_code(code: &str) -> Language {
        match code {
            "en" => Language::English,
            _ => Language::Dutch,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_dutch() {
        for language in [Language::Dutch, Language::English] {
            assert_eq!(Language::from_code(language.code()), language);
        }
        assert_eq!(Language::from_code("de"), Language::Dutch);
        assert_eq!(Language::from_code(""), Language::Dutch);
    }
}
