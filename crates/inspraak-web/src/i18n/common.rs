//! Texts of the layout, error pages and form validation, shared by every page.

use super::Lang;
use inspraak_domain::{EmailError, PasswordError, PhaseDatesError, Problem, SlugError, TextError};

pub struct CommonTexts {
    pub site_name: &'static str,
    pub skip_link: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_admin: &'static str,
    pub nav_login: &'static str,
    pub nav_account: &'static str,
    pub nav_logout: &'static str,
    pub switch_language: &'static str,
    pub switch_language_label: &'static str,
    pub footer_text: &'static str,
    pub error_summary_title: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub forbidden_title: &'static str,
    pub forbidden_text: &'static str,
    pub csrf_title: &'static str,
    pub csrf_text: &'static str,
    pub bad_request_title: &'static str,
    pub bad_request_text: &'static str,
    pub too_large_title: &'static str,
    pub too_large_text: &'static str,
    pub server_error_title: &'static str,
    pub server_error_text: &'static str,
    pub busy_title: &'static str,
    pub busy_text: &'static str,
    pub back_home: &'static str,
    pub required_marker: &'static str,
    pub optional_marker: &'static str,
    pub save: &'static str,
    pub cancel: &'static str,
    pub delete: &'static str,
    // Field problems.
    pub text_empty: &'static str,
    pub text_too_long: &'static str,
    pub text_control: &'static str,
    pub slug_invalid: &'static str,
    pub slug_taken: &'static str,
    pub email_empty: &'static str,
    pub email_too_long: &'static str,
    pub email_invalid: &'static str,
    pub email_non_ascii_local: &'static str,
    pub password_too_short: &'static str,
    pub password_too_long: &'static str,
    pub password_too_common: &'static str,
    pub date_start_invalid: &'static str,
    pub date_end_invalid: &'static str,
    pub date_end_before_start: &'static str,
    pub value_invalid: &'static str,
}

pub const NL: CommonTexts = CommonTexts {
    site_name: "Inspraak",
    skip_link: "Ga direct naar de inhoud",
    nav_label: "Hoofdmenu",
    nav_home: "Home",
    nav_admin: "Beheer",
    nav_login: "Inloggen",
    nav_account: "Mijn account",
    nav_logout: "Uitloggen",
    switch_language: "English",
    switch_language_label: "Read this page in English",
    footer_text: "Inspraak: samen plannen maken met de overheid.",
    error_summary_title: "Er ging iets mis. Verbeter de volgende punten:",
    not_found_title: "Pagina niet gevonden",
    not_found_text: "Deze pagina bestaat niet (meer). Controleer het adres of ga naar de homepagina.",
    forbidden_title: "Geen toegang",
    forbidden_text: "Je hebt geen toegang tot deze pagina.",
    csrf_title: "Formulier verlopen",
    csrf_text: "Dit formulier is verlopen of kwam niet van deze website. Ga terug, laad de pagina opnieuw en probeer het nog een keer.",
    bad_request_title: "Verzoek niet begrepen",
    bad_request_text: "We konden je verzoek niet lezen. Controleer wat je invulde en probeer het opnieuw.",
    too_large_title: "Te veel tekst",
    too_large_text: "Je stuurde meer tekst of data dan we aannemen. Maak het korter en probeer het opnieuw.",
    server_error_title: "Er ging iets mis bij ons",
    server_error_text: "Er ging iets mis aan onze kant. Er is niets verloren gegaan wat al was opgeslagen. Probeer het over een paar minuten opnieuw.",
    busy_title: "Het is even druk",
    busy_text: "Het is nu erg druk. Wacht even en probeer het dan opnieuw.",
    back_home: "Naar de homepagina",
    required_marker: "(verplicht)",
    optional_marker: "(niet verplicht)",
    save: "Opslaan",
    cancel: "Annuleren",
    delete: "Verwijderen",
    text_empty: "Vul het veld ‘{field}’ in.",
    text_too_long: "‘{field}’ mag niet langer zijn dan {max} tekens.",
    text_control: "‘{field}’ bevat tekens die niet zijn toegestaan.",
    slug_invalid: "‘{field}’ mag alleen kleine letters, cijfers en streepjes bevatten.",
    slug_taken: "‘{field}’ is al in gebruik. Kies een andere.",
    email_empty: "Vul je e-mailadres in.",
    email_too_long: "Het e-mailadres is te lang.",
    email_invalid: "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.",
    email_non_ascii_local: "Gebruik voor de @ alleen letters zonder accent (a tot z), cijfers en tekens als . - _ +. Letters als é, ß of а (Cyrillisch) kunnen we daar niet gebruiken.",
    password_too_short: "Het wachtwoord moet minstens {min} tekens lang zijn.",
    password_too_long: "Het wachtwoord mag niet langer zijn dan {max} tekens.",
    password_too_common: "Dit wachtwoord wordt heel vaak gebruikt en is makkelijk te raden. Kies een ander, bijvoorbeeld een zin van een paar woorden.",
    date_start_invalid: "Vul een geldige begindatum in.",
    date_end_invalid: "Vul een geldige einddatum in.",
    date_end_before_start: "De einddatum moet op of na de begindatum liggen.",
    value_invalid: "Kies een geldige waarde bij ‘{field}’.",
};

pub const EN: CommonTexts = CommonTexts {
    site_name: "Inspraak",
    skip_link: "Skip to content",
    nav_label: "Main menu",
    nav_home: "Home",
    nav_admin: "Manage",
    nav_login: "Log in",
    nav_account: "My account",
    nav_logout: "Log out",
    switch_language: "Nederlands",
    switch_language_label: "Lees deze pagina in het Nederlands",
    footer_text: "Inspraak: making plans together with government.",
    error_summary_title: "Something went wrong. Please fix the following:",
    not_found_title: "Page not found",
    not_found_text: "This page does not exist (any more). Check the address or go to the home page.",
    forbidden_title: "No access",
    forbidden_text: "You do not have access to this page.",
    csrf_title: "Form expired",
    csrf_text: "This form has expired or did not come from this website. Go back, reload the page and try again.",
    bad_request_title: "Request not understood",
    bad_request_text: "We could not read your request. Check what you entered and try again.",
    too_large_title: "Too much text",
    too_large_text: "You sent more text or data than we accept. Make it shorter and try again.",
    server_error_title: "Something went wrong on our side",
    server_error_text: "Something went wrong on our side. Nothing that was already saved is lost. Please try again in a few minutes.",
    busy_title: "It is busy right now",
    busy_text: "It is very busy right now. Please wait a moment and try again.",
    back_home: "Go to the home page",
    required_marker: "(required)",
    optional_marker: "(optional)",
    save: "Save",
    cancel: "Cancel",
    delete: "Delete",
    text_empty: "Enter ‘{field}’.",
    text_too_long: "‘{field}’ must be {max} characters or fewer.",
    text_control: "‘{field}’ contains characters that are not allowed.",
    slug_invalid: "‘{field}’ may only contain lower-case letters, digits and hyphens.",
    slug_taken: "‘{field}’ is already in use. Choose another one.",
    email_empty: "Enter your e-mail address.",
    email_too_long: "The e-mail address is too long.",
    email_invalid: "Enter a valid e-mail address, like name@example.com.",
    email_non_ascii_local: "Before the @, use only letters without accents (a to z), digits and characters such as . - _ +. Letters such as é, ß or а (Cyrillic) cannot be used there.",
    password_too_short: "The password must be at least {min} characters long.",
    password_too_long: "The password must be {max} characters or fewer.",
    password_too_common: "This password is used very often and is easy to guess. Choose another one, for example a sentence of a few words.",
    date_start_invalid: "Enter a valid start date.",
    date_end_invalid: "Enter a valid end date.",
    date_end_before_start: "The end date must be on or after the start date.",
    value_invalid: "Choose a valid value for ‘{field}’.",
};

pub fn texts(lang: Lang) -> &'static CommonTexts {
    lang.pick(&NL, &EN)
}

/// The sentence for a field problem; `label` is the field's name as the reader sees it.
pub fn problem_message(lang: Lang, problem: Problem, label: &str) -> String {
    let t = texts(lang);
    let field = [("field", label)];
    match problem {
        Problem::Text(TextError::Empty) => super::fill(t.text_empty, &field),
        Problem::Text(TextError::TooLong { max }) => super::fill(
            t.text_too_long,
            &[("field", label), ("max", &max.to_string())],
        ),
        Problem::Text(TextError::ControlCharacters) => super::fill(t.text_control, &field),
        Problem::Slug(SlugError::TooLong { max }) => super::fill(
            t.text_too_long,
            &[("field", label), ("max", &max.to_string())],
        ),
        Problem::Slug(SlugError::Empty) => super::fill(t.text_empty, &field),
        Problem::Slug(SlugError::Invalid) => super::fill(t.slug_invalid, &field),
        Problem::Email(EmailError::Empty) => t.email_empty.to_owned(),
        Problem::Email(EmailError::TooLong) => t.email_too_long.to_owned(),
        Problem::Email(EmailError::Invalid) => t.email_invalid.to_owned(),
        Problem::Email(EmailError::NonAsciiLocalPart) => t.email_non_ascii_local.to_owned(),
        Problem::Password(PasswordError::TooShort { min }) => {
            super::fill(t.password_too_short, &[("min", &min.to_string())])
        }
        Problem::Password(PasswordError::TooLong { max }) => {
            super::fill(t.password_too_long, &[("max", &max.to_string())])
        }
        Problem::Password(PasswordError::TooCommon) => t.password_too_common.to_owned(),
        Problem::Dates(PhaseDatesError::StartInvalid) => t.date_start_invalid.to_owned(),
        Problem::Dates(PhaseDatesError::EndInvalid) => t.date_end_invalid.to_owned(),
        Problem::Dates(PhaseDatesError::EndBeforeStart) => t.date_end_before_start.to_owned(),
        Problem::Invalid => super::fill(t.value_invalid, &field),
        Problem::Window(_) | Problem::Question(_) | Problem::Answer(_) | Problem::Retention(_) => {
            super::consultation::problem_message(lang, problem, label)
        }
        Problem::Capacity(_) | Problem::Schedule(_) | Problem::Link(_) => {
            super::sessions::problem_message(lang, problem, label)
        }
    }
}
