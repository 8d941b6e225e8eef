//! Texts of the common gate of public forms (`flows::public_form`), for forms that have no
//! wording of their own for a refusal.

use super::Lang;

pub struct PublicFormTexts {
    pub session_expired: &'static str,
    pub honeypot: &'static str,
    pub form_expired: &'static str,
    pub too_fast: &'static str,
    pub key_invalid: &'static str,
    pub rate_limited: &'static str,
    /// The label of the honeypot field (hidden from people, read by bots).
    pub honeypot_label: &'static str,
}

pub fn texts(lang: Lang) -> &'static PublicFormTexts {
    lang.pick(&NL, &EN)
}

static NL: PublicFormTexts = PublicFormTexts {
    session_expired: "Je sessie was verlopen, daarom is het formulier nog niet verstuurd. Wat je invulde, staat hieronder nog. Controleer het en verstuur het opnieuw.",
    honeypot: "We konden het formulier niet verwerken. Controleer wat je invulde en verstuur het opnieuw.",
    form_expired: "Dit formulier was te lang open of is in een andere browser geopend, daarom is het nog niet verstuurd. Wat je invulde, staat hieronder nog. Controleer het en verstuur het opnieuw.",
    too_fast: "Je verstuurde het formulier erg snel, daarom is het nog niet verwerkt. Controleer wat je invulde en verstuur het opnieuw.",
    key_invalid: "Het formulier was niet compleet. Controleer wat je invulde en verstuur het opnieuw.",
    rate_limited: "Vanaf jouw internetverbinding zijn in korte tijd veel formulieren verstuurd. Wacht een kwartier en verstuur het dan opnieuw. Wat je invulde, staat hieronder nog.",
    honeypot_label: "Laat dit veld leeg",
};

static EN: PublicFormTexts = PublicFormTexts {
    session_expired: "Your session had expired, so the form was not sent yet. What you filled in is still below. Check it and send it again.",
    honeypot: "We could not process the form. Check what you filled in and send it again.",
    form_expired: "This form was open for too long or was opened in another browser, so it was not sent yet. What you filled in is still below. Check it and send it again.",
    too_fast: "You sent the form very quickly, so it was not processed yet. Check what you filled in and send it again.",
    key_invalid: "The form was incomplete. Check what you filled in and send it again.",
    rate_limited: "Many forms were sent from your internet connection in a short time. Wait a quarter of an hour, then send it again. What you filled in is still below.",
    honeypot_label: "Leave this field empty",
};
