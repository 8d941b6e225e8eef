//! Texts of the organiser's "ideas with status" export: column names, values and the link on
//! the organiser's ideas page.

use super::Lang;

pub struct IdeasExportTexts {
    pub sheet: &'static str,
    pub col_idea: &'static str,
    pub col_theme: &'static str,
    pub col_title: &'static str,
    pub col_text: &'static str,
    pub col_status: &'static str,
    pub col_explanation: &'static str,
    pub col_visibility: &'static str,
    pub col_hidden: &'static str,
    pub col_comments: &'static str,
    pub col_action_point: &'static str,
    pub col_created: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub download: &'static str,
    pub download_intro: &'static str,
}

const NL: IdeasExportTexts = IdeasExportTexts {
    sheet: "Ideeën",
    col_idea: "Idee",
    col_theme: "Thema",
    col_title: "Titel",
    col_text: "Tekst",
    col_status: "Status",
    col_explanation: "Uitleg bij de status",
    col_visibility: "Zichtbaarheid",
    col_hidden: "Verborgen",
    col_comments: "Aantal reacties",
    col_action_point: "Actiepunt",
    col_created: "Ingestuurd op",
    yes: "Ja",
    no: "Nee",
    download: "Download alle ideeën met hun status",
    download_intro: "Eén regel per idee, ook verborgen ideeën (gemarkeerd). Zonder e-mailadressen.",
};

const EN: IdeasExportTexts = IdeasExportTexts {
    sheet: "Ideas",
    col_idea: "Idea",
    col_theme: "Theme",
    col_title: "Title",
    col_text: "Text",
    col_status: "Status",
    col_explanation: "Explanation of the status",
    col_visibility: "Visibility",
    col_hidden: "Hidden",
    col_comments: "Number of comments",
    col_action_point: "Action point",
    col_created: "Sent in on",
    yes: "Yes",
    no: "No",
    download: "Download all ideas with their status",
    download_intro: "One row per idea, hidden ideas included (marked). No email addresses.",
};

pub fn texts(lang: Lang) -> &'static IdeasExportTexts {
    lang.pick(&NL, &EN)
}
