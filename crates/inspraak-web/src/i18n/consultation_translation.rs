//! Texts for the translation fields of the consultation and outcome forms (issue #24): each
//! organiser-written field has its translation beside it, labelled with the other language.

use super::{Lang, fill};
use inspraak_domain::Language;

pub struct TranslationTexts {
    /// "{label} ({language})": the label of a translation field.
    pub label: &'static str,
    pub dutch: &'static str,
    pub english: &'static str,
    /// The hint under a translation field.
    pub hint: &'static str,
    /// The hint under the translated options.
    pub options_hint: &'static str,
    /// A list of translated options that does not match the options.
    pub options_count: &'static str,
}

pub const NL: TranslationTexts = TranslationTexts {
    label: "{label} ({language})",
    dutch: "Nederlands",
    english: "Engels",
    hint: "Mag je leeg laten. Dan zien bezoekers in die taal de tekst hierboven.",
    options_hint: "Eén keuze per regel, in dezelfde volgorde als hierboven. Of laat het leeg.",
    options_count: "Geef {expected} vertaalde keuzes, één per regel, in dezelfde volgorde. Of laat het veld leeg.",
};

pub const EN: TranslationTexts = TranslationTexts {
    label: "{label} ({language})",
    dutch: "Dutch",
    english: "English",
    hint: "You may leave this empty. Visitors reading that language then see the text above.",
    options_hint: "One option per line, in the same order as above. Or leave it empty.",
    options_count: "Give {expected} translated options, one per line, in the same order. Or leave the field empty.",
};

pub fn texts(lang: Lang) -> &'static TranslationTexts {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

/// The label of the translation of a field labelled `label`: the field's label with the name
/// of the other language than `content` (the installation's content language).
pub fn label(lang: Lang, content: Language, label: &str) -> String {
    let t = texts(lang);
    let other = match content {
        Language::Dutch => t.english,
        Language::English => t.dutch,
    };
    fill(t.label, &[("label", label), ("language", other)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_translation_field_is_labelled_with_the_other_language() {
        assert_eq!(label(Lang::Nl, Language::Dutch, "Titel"), "Titel (Engels)");
        assert_eq!(label(Lang::En, Language::Dutch, "Title"), "Title (English)");
        assert_eq!(label(Lang::En, Language::English, "Title"), "Title (Dutch)");
    }
}
