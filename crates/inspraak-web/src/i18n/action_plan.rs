//! Texts of the action plan as a document (PDF, ODT, the download links on the plan page) and of
//! the organiser's introduction form. Labels shared with the plan page (holder, partners,
//! status, origin) come from `ideas`.

use super::Lang;

pub struct ActionPlanTexts {
    /// "Stand van {date}": the date line on the first page, the page and the links.
    pub as_of: &'static str,
    pub introduction: &'static str,
    pub ambition: &'static str,
    /// The page footer of the PDF: "{title} – pagina {page} van {pages}".
    pub page_footer: &'static str,
    /// "Online: {url}": where the document comes from.
    pub online: &'static str,
    pub subject: &'static str,
    pub downloads_title: &'static str,
    pub download_pdf: &'static str,
    pub download_odt: &'static str,
    pub print_hint: &'static str,
    /// File name start: `actieplan-<slug>-<date>.pdf`.
    pub file_stem: &'static str,
    pub intro_title: &'static str,
    pub intro_label: &'static str,
    pub intro_hint: &'static str,
    pub intro_save: &'static str,
    /// "{label} (Engels)": the label of a translation field; `{language}` is the other language.
    pub translation_label: &'static str,
    pub language_dutch: &'static str,
    pub language_english: &'static str,
    pub translation_hint: &'static str,
    /// Attaching a document to a progress update.
    pub attach_summary: &'static str,
    pub attach_file: &'static str,
    pub attach_title: &'static str,
    pub attach_language: &'static str,
    pub attach_button: &'static str,
    /// Marks a corrected update in the followers' mail and feeds: "{title} (gecorrigeerd)".
    pub corrected: &'static str,
}

const NL: ActionPlanTexts = ActionPlanTexts {
    as_of: "Stand van {date}",
    introduction: "Inleiding",
    ambition: "Ambitie",
    page_footer: "{title} – pagina {page} van {pages}",
    online: "Online: {url}",
    subject: "De actiepunten per thema, met actiehouder, partners, ambitie, stand van zaken en waar ze uit zijn ontstaan.",
    downloads_title: "Het actieplan als document",
    download_pdf: "Download het actieplan (pdf)",
    download_odt: "Download het actieplan (odt)",
    print_hint: "Je kunt deze pagina ook afdrukken. De documenten zijn gemaakt uit dezelfde gegevens.",
    file_stem: "actieplan",
    intro_title: "Inleiding actieplan",
    intro_label: "Inleiding",
    intro_hint: "Staat bovenaan het actieplan: op de pagina en in de pdf en odt. Laat je het leeg, dan is er geen inleiding.",
    intro_save: "Inleiding opslaan",
    translation_label: "{label} ({language})",
    language_dutch: "Nederlands",
    language_english: "Engels",
    translation_hint: "Dezelfde tekst in het {language}. Je mag dit leeg laten: dan zien bezoekers de andere tekst.",
    attach_summary: "Document toevoegen",
    attach_file: "Bestand",
    attach_title: "Titel van het document",
    attach_language: "Taal van het document",
    attach_button: "Voeg document toe",
    corrected: "{title} (gecorrigeerd)",
};

const EN: ActionPlanTexts = ActionPlanTexts {
    as_of: "As of {date}",
    introduction: "Introduction",
    ambition: "Ambition",
    page_footer: "{title} – page {page} of {pages}",
    online: "Online: {url}",
    subject: "The action points by theme, with action holder, partners, ambition, status and where they came from.",
    downloads_title: "The action plan as a document",
    download_pdf: "Download the action plan (PDF)",
    download_odt: "Download the action plan (ODT)",
    print_hint: "You can also print this page. The documents are made from the same data.",
    file_stem: "action-plan",
    intro_title: "Action plan introduction",
    intro_label: "Introduction",
    intro_hint: "Shown at the top of the action plan: on the page and in the PDF and ODT. Leave it empty for no introduction.",
    intro_save: "Save introduction",
    translation_label: "{label} ({language})",
    language_dutch: "Dutch",
    language_english: "English",
    translation_hint: "The same text in {language}. You may leave this empty: visitors then see the other text.",
    attach_summary: "Add a document",
    attach_file: "File",
    attach_title: "Title of the document",
    attach_language: "Language of the document",
    attach_button: "Add document",
    corrected: "{title} (corrected)",
};

/// The label and hint of the field holding `label`'s translation: the other language than the
/// content language, named in the page's language.
pub fn translation_field(
    lang: Lang,
    content: inspraak_domain::Language,
    label: &str,
) -> (String, String) {
    let t = texts(lang);
    let other = match content {
        inspraak_domain::Language::Dutch => t.language_english,
        inspraak_domain::Language::English => t.language_dutch,
    };
    (
        super::fill(
            t.translation_label,
            &[("label", label), ("language", other)],
        ),
        super::fill(t.translation_hint, &[("language", other)]),
    )
}

pub fn texts(lang: Lang) -> &'static ActionPlanTexts {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}
