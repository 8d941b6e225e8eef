//! Organiser-written content (titles, descriptions, questions) is in the content language
//! (`INSPRAAK_CONTENT_LANGUAGE`), not necessarily the page's. These helpers mark it with its own
//! `lang` on the smallest element that holds only that content (WCAG 2.1 SC 3.1.2), and add
//! nothing when the page's language already fits (`lang` is then `None`).

use crate::i18n::fill;
use inspraak_domain::Translated;
use maud::{Markup, html};

/// Which version of a translated text this page shows, with the `lang` to mark it. `lang` is
/// `ctx.content_lang()` (`Some` only on a page in the other language): there the translation
/// when there is one (unmarked: it is in the page's language), else the main text, marked.
pub fn pick<'a>(
    value: &'a Translated,
    lang: Option<&'static str>,
) -> (&'a str, Option<&'static str>) {
    let (text, stands_in) = value.pick(lang.is_some());
    (text, if stands_in { lang } else { None })
}

/// `text` for a translated value: the page's version, in a `span lang` when it stands in.
pub fn tr(value: &Translated, lang: Option<&'static str>) -> Markup {
    let (value, lang) = pick(value, lang);
    text(value, lang)
}

/// `paragraphs` for a translated value.
pub fn tr_paragraphs(value: &Translated, lang: Option<&'static str>) -> Markup {
    let (value, lang) = pick(value, lang);
    paragraphs(value, lang)
}

/// A catalogue text with a `{name}` placeholder for organiser-written `value`. On a page in
/// another language the value sits in a `span lang`; otherwise the text is as `fill` makes it.
pub fn fill_content(template: &str, name: &str, value: &str, lang: Option<&str>) -> Markup {
    let placeholder = format!("{{{name}}}");
    match (lang, template.split_once(&placeholder)) {
        (Some(code), Some((before, after))) => html! {
            (before) span lang=(code) { (value) } (after)
        },
        _ => html! { (fill(template, &[(name, value)])) },
    }
}

/// Organiser-written text inside a sentence of the interface: in a `span lang` when marked,
/// bare otherwise (so pages in the content language stay as they were).
pub fn text(value: &str, lang: Option<&str>) -> Markup {
    html! {
        @if let Some(code) = lang { span lang=(code) { (value) } } @else { (value) }
    }
}

/// Organiser-written markup inside a sentence (e.g. rich text with links) in a `span lang`
/// when marked.
pub fn inline(body: Markup, lang: Option<&str>) -> Markup {
    html! {
        @if let Some(code) = lang { span lang=(code) { (body) } } @else { (body) }
    }
}

/// A block of organiser-written markup (e.g. a session report) in a `div lang` when marked.
pub fn block(body: Markup, lang: Option<&str>) -> Markup {
    html! {
        @if let Some(code) = lang { div lang=(code) { (body) } } @else { (body) }
    }
}

/// A sentence of the interface that contains organiser-written `part` (already filled in):
/// the first occurrence of `part` in a `span lang` when marked.
pub fn within(sentence: &str, part: &str, lang: Option<&str>) -> Markup {
    match (lang, sentence.split_once(part)) {
        (Some(code), Some((before, after))) if !part.is_empty() => html! {
            (before) span lang=(code) { (part) } (after)
        },
        _ => html! { (sentence) },
    }
}

/// Paragraphs of organiser-written plain text (blank lines separate them), each `p` marked
/// with `lang` when given.
pub fn paragraphs(text: &str, lang: Option<&str>) -> Markup {
    html! {
        @for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            p lang=[lang] { (paragraph) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_translation_is_shown_unmarked_and_a_missing_one_falls_back_marked() {
        let both = Translated::new("Groen", Some("Green".into()));
        let only = Translated::untranslated("Groen");
        assert_eq!(tr(&both, Some("nl")).into_string(), "Green");
        assert_eq!(tr(&both, None).into_string(), "Groen");
        assert_eq!(
            tr(&only, Some("nl")).into_string(),
            "<span lang=\"nl\">Groen</span>"
        );
    }

    #[test]
    fn content_in_a_template_gets_its_own_span_only_when_marked() {
        let plain = fill_content("Outcomes: {title}", "title", "Groen <plein>", None);
        assert_eq!(plain.into_string(), "Outcomes: Groen &lt;plein&gt;");
        let marked = fill_content("Outcomes: {title}", "title", "Groen <plein>", Some("nl"));
        assert_eq!(
            marked.into_string(),
            "Outcomes: <span lang=\"nl\">Groen &lt;plein&gt;</span>"
        );
    }

    #[test]
    fn a_filled_in_part_of_a_sentence_is_marked() {
        assert_eq!(
            within("Current phase: Ideeën", "Ideeën", Some("nl")).into_string(),
            "Current phase: <span lang=\"nl\">Ideeën</span>"
        );
        assert_eq!(
            within("Fase nu: Ideeën", "Ideeën", None).into_string(),
            "Fase nu: Ideeën"
        );
    }

    #[test]
    fn paragraphs_carry_the_language_when_given() {
        assert_eq!(paragraphs("a\n\nb", None).into_string(), "<p>a</p><p>b</p>");
        assert_eq!(
            paragraphs("a", Some("nl")).into_string(),
            "<p lang=\"nl\">a</p>"
        );
    }
}
