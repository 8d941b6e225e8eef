//! Texts of the self-evaluation of a closed process ("Eerdere actieplannen"): the organiser's
//! page and the block on the public page of an archived process.

use super::Lang;

pub struct EvaluationTexts {
    /// The heading on the public page and the organiser's page.
    pub title: &'static str,
    pub public_intro: &'static str,
    pub updated_on: &'static str,
    pub documents: &'static str,
    // The organiser's page.
    pub admin_title: &'static str,
    pub admin_intro: &'static str,
    pub admin_link: &'static str,
    pub admin_not_archived: &'static str,
    pub body_label: &'static str,
    /// "{field} ({language})": a field beside its translation.
    pub field_in_language: &'static str,
    pub language_nl: &'static str,
    pub language_en: &'static str,
    pub body_hint: &'static str,
    pub translation_hint: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub view_public: &'static str,
    pub upload_title: &'static str,
    pub upload_intro: &'static str,
    pub uploaded: &'static str,
    pub no_documents: &'static str,
}

pub const NL: EvaluationTexts = EvaluationTexts {
    title: "Zelfevaluatie",
    public_intro: "Na afloop van dit actieplan keken we terug: wat ging goed en wat kan beter?",
    updated_on: "Bijgewerkt op {date}",
    documents: "Documenten bij de zelfevaluatie",
    admin_title: "Zelfevaluatie",
    admin_intro: "Kijk terug op dit afgeronde traject: wat ging goed en wat kan beter? Wat je opslaat, staat meteen op de openbare pagina van het traject, onder ‘Eerdere actieplannen’.",
    admin_link: "Schrijf of wijzig de zelfevaluatie",
    admin_not_archived: "Een zelfevaluatie schrijf je als het traject is afgerond. Archiveer het traject eerst; daarna kun je hier de zelfevaluatie schrijven.",
    body_label: "Zelfevaluatie",
    field_in_language: "{field} ({language})",
    language_nl: "Nederlands",
    language_en: "Engels",
    body_hint: "Lege regels maken nieuwe alinea’s.",
    translation_hint: "Mag je leeg laten. Dan zien bezoekers in die taal de andere tekst.",
    save: "Zelfevaluatie opslaan",
    saved: "De zelfevaluatie is opgeslagen.",
    view_public: "Bekijk de openbare pagina",
    upload_title: "Document toevoegen aan de zelfevaluatie",
    upload_intro: "Bijvoorbeeld het evaluatierapport. Het document staat daarna bij de zelfevaluatie op de openbare pagina.",
    uploaded: "Het document is toegevoegd aan de zelfevaluatie.",
    no_documents: "Er zijn nog geen documenten bij de zelfevaluatie.",
};

pub const EN: EvaluationTexts = EvaluationTexts {
    title: "Self-evaluation",
    public_intro: "After this action plan ended, we looked back: what went well and what could be better?",
    updated_on: "Updated on {date}",
    documents: "Documents of the self-evaluation",
    admin_title: "Self-evaluation",
    admin_intro: "Look back on this completed process: what went well and what could be better? What you save appears at once on the process’s public page, under ‘Earlier action plans’.",
    admin_link: "Write or edit the self-evaluation",
    admin_not_archived: "You write a self-evaluation once the process has ended. Archive the process first; then you can write the self-evaluation here.",
    body_label: "Self-evaluation",
    field_in_language: "{field} ({language})",
    language_nl: "Dutch",
    language_en: "English",
    body_hint: "Blank lines start new paragraphs.",
    translation_hint: "You may leave this empty. Visitors in that language then see the other text.",
    save: "Save self-evaluation",
    saved: "The self-evaluation has been saved.",
    view_public: "View the public page",
    upload_title: "Add a document to the self-evaluation",
    upload_intro: "For example the evaluation report. The document then appears with the self-evaluation on the public page.",
    uploaded: "The document has been added to the self-evaluation.",
    no_documents: "There are no documents with the self-evaluation yet.",
};

pub fn texts(lang: Lang) -> &'static EvaluationTexts {
    lang.pick(&NL, &EN)
}
