//! URL slugs: lower-case ASCII letters, digits and single hyphens.

use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum SlugError {
    #[error("slug is empty")]
    Empty,
    #[error("slug is longer than {max} characters")]
    TooLong { max: usize },
    #[error("slug may hold only a-z, 0-9 and hyphens")]
    Invalid,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Slug(String);

impl Slug {
    pub const MAX: usize = 80;

    pub fn parse(raw: &str) -> Result<Self, SlugError> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(SlugError::Empty);
        }
        if value.len() > Self::MAX {
            return Err(SlugError::TooLong { max: Self::MAX });
        }
        let chars_ok = value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !chars_ok || value.starts_with('-') || value.ends_with('-') || value.contains("--") {
            return Err(SlugError::Invalid);
        }
        Ok(Self(value.to_owned()))
    }

    /// Derives a slug from a title: "Open Technologie & AI!" becomes "open-technologie-ai".
    pub fn from_title(title: &str) -> Result<Self, SlugError> {
        let mut slug = String::new();
        for c in title.chars() {
            let c = fold_accent(c).to_ascii_lowercase();
            if c.is_ascii_alphanumeric() {
                slug.push(c);
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
        let trimmed: String = slug.trim_end_matches('-').chars().take(Self::MAX).collect();
        Self::parse(trimmed.trim_end_matches('-'))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn fold_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'ä' | 'â' | 'Á' | 'À' | 'Ä' | 'Â' => 'a',
        'é' | 'è' | 'ë' | 'ê' | 'É' | 'È' | 'Ë' | 'Ê' => 'e',
        'í' | 'ì' | 'ï' | 'î' | 'Í' | 'Ì' | 'Ï' | 'Î' => 'i',
        'ó' | 'ò' | 'ö' | 'ô' | 'Ó' | 'Ò' | 'Ö' | 'Ô' => 'o',
        'ú' | 'ù' | 'ü' | 'û' | 'Ú' | 'Ù' | 'Ü' | 'Û' => 'u',
        other => other,
    }
}

impl std::fmt::Display for Slug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn titles_become_slugs() {
        let slug = Slug::from_title("Actieplan Open Overheid 2020-2022").map(|s| s.to_string());
        assert_eq!(slug, Ok("actieplan-open-overheid-2020-2022".into()));
        let slug = Slug::from_title("Één idee & meer!").map(|s| s.to_string());
        assert_eq!(slug, Ok("een-idee-meer".into()));
    }

    #[test]
    fn path_tricks_are_refused() {
        for raw in ["../etc", "a/b", "A", "a--b", "-a", "a b", "%2e%2e"] {
            assert!(Slug::parse(raw).is_err(), "{raw:?}");
        }
    }

    proptest! {
        #[test]
        fn any_title_gives_a_valid_slug_or_an_error(title in "\\PC{0,120}") {
            if let Ok(slug) = Slug::from_title(&title) {
                prop_assert_eq!(Slug::parse(slug.as_str()), Ok(slug.clone()));
            }
        }
    }
}
