//! Texts of logging in and out.

use super::Lang;

pub struct AuthTexts {
    pub login_title: &'static str,
    pub login_intro: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub login_button: &'static str,
    pub login_failed: &'static str,
    pub login_throttled: &'static str,
    pub logged_out: &'static str,
}

pub const NL: AuthTexts = AuthTexts {
    login_title: "Inloggen",
    login_intro: "Inloggen is alleen nodig voor organisatoren en leden van het stakeholderforum. Om mee te doen aan een consultatie of sessie heb je geen account nodig.",
    email: "E-mailadres",
    password: "Wachtwoord",
    login_button: "Inloggen",
    login_failed: "Het e-mailadres of het wachtwoord klopt niet.",
    login_throttled: "Er is te vaak een verkeerd wachtwoord ingevuld. Wacht 15 minuten en probeer het dan opnieuw.",
    logged_out: "Je bent uitgelogd.",
};

pub const EN: AuthTexts = AuthTexts {
    login_title: "Log in",
    login_intro: "Only organisers and members of the stakeholder forum need to log in. You do not need an account to take part in a consultation or session.",
    email: "E-mail address",
    password: "Password",
    login_button: "Log in",
    login_failed: "The e-mail address or the password is not correct.",
    login_throttled: "A wrong password was entered too often. Wait 15 minutes and try again.",
    logged_out: "You are logged out.",
};

pub fn texts(lang: Lang) -> &'static AuthTexts {
    lang.pick(&NL, &EN)
}
