//! Labels of the translation fields in organiser forms (issue #24): each organiser-written
//! field has its translation beside it, labelled with the other language, e.g. "Titel (Engels)".

use super::{Lang, fill};
use inspraak_domain::Language;

pub struct TranslationFieldTexts {
    /// "{label} ({language})".
    pub label: &'static str,
    pub dutch: &'static str,
    pub english: &'static str,
    pub hint: &'static str,
}

pub const NL: TranslationFieldTexts = TranslationFieldTexts {
    label: "{label} ({language})",
    dutch: "Nederlands",
    english: "Engels",
    hint: "Dezelfde tekst in de andere taal van de site. Je mag dit leeg laten: dan zien bezoekers de tekst hierboven.",
};

pub const EN: TranslationFieldTexts = TranslationFieldTexts {
    label: "{label} ({language})",
    dutch: "Dutch",
    english: "English",
    hint: "The same text in the site's other language. You may leave this empty: visitors then see the text above.",
};

pub fn texts(lang: Lang) -> &'static TranslationFieldTexts {
    lang.pick(&NL, &EN)
}

/// The language translations are written in: the interface language that is not the
/// content language.
pub fn translation_language(content: Language) -> Language {
    match content {
        Language::Dutch => Language::English,
        Language::English => Language::Dutch,
    }
}

/// The label of the translation field of a field labelled `label`, on a page in `lang`.
pub fn label(lang: Lang, content: Language, label: &str) -> String {
    let t = texts(lang);
    let language = match translation_language(content) {
        Language::Dutch => t.dutch,
        Language::English => t.english,
    };
    fill(t.label, &[("label", label), ("language", language)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_translation_field_names_the_other_language() {
        assert_eq!(label(Lang::Nl, Language::Dutch, "Titel"), "Titel (Engels)");
        assert_eq!(label(Lang::En, Language::Dutch, "Title"), "Title (English)");
        assert_eq!(
            label(Lang::Nl, Language::English, "Titel"),
            "Titel (Nederlands)"
        );
    }
}
