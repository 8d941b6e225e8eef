//! Texts for staff accounts made from the organiser's pages: inviting an organiser or an action
//! holder, the invitation mail, accepting it, and removing an account.

use super::Lang;

pub struct AccountsTexts {
    pub invite_title: &'static str,
    pub invite_intro: &'static str,
    pub invite_email: &'static str,
    pub invite_role: &'static str,
    pub invite_button: &'static str,
    pub invited_notice: &'static str,
    pub address_taken: &'static str,
    pub role_invalid: &'static str,
    pub remove_button: &'static str,
    pub removed_notice: &'static str,
    pub remove_last_organiser: &'static str,
    pub open_title: &'static str,
    pub no_open: &'static str,
    pub col_valid_until: &'static str,
    pub withdraw_button: &'static str,
    pub withdrawn_notice: &'static str,
    /// `{role}`.
    pub mail_subject: &'static str,
    /// `{role}`, `{link}`, `{days}`, `{next}` (what comes after the password).
    pub mail_body: &'static str,
    pub mail_next_organiser: &'static str,
    pub mail_next_holder: &'static str,
    pub accept_title: &'static str,
    /// `{role}`, `{email}`.
    pub accept_intro: &'static str,
    pub accept_next_organiser: &'static str,
    pub name: &'static str,
    pub organisation: &'static str,
    pub password: &'static str,
    pub password_hint: &'static str,
    pub accept_button: &'static str,
    pub invalid_title: &'static str,
    pub invalid_text: &'static str,
    pub role_organiser: &'static str,
    pub role_action_holder: &'static str,
}

pub const NL: AccountsTexts = AccountsTexts {
    invite_title: "Iemand uitnodigen",
    invite_intro: "Nodig een organisator of een actiehouder uit. Diegene krijgt een e-mail met een link. De link werkt 7 dagen en maar één keer. Een actiehouder koppel je daarna aan een actiepunt.",
    invite_email: "E-mailadres",
    invite_role: "Rol",
    invite_button: "Uitnodiging versturen",
    invited_notice: "De uitnodiging is verstuurd.",
    address_taken: "Er is al een account met dit e-mailadres.",
    role_invalid: "Kies een rol.",
    remove_button: "Account verwijderen",
    removed_notice: "Het account is verwijderd. Deze persoon is overal uitgelogd en kan niet meer inloggen.",
    remove_last_organiser: "Dit is de laatste organisator. Die kun je niet verwijderen.",
    open_title: "Openstaande uitnodigingen",
    no_open: "Er zijn geen openstaande uitnodigingen.",
    col_valid_until: "Geldig tot",
    withdraw_button: "Intrekken",
    withdrawn_notice: "De uitnodiging is ingetrokken. De link werkt niet meer.",
    mail_subject: "Je bent uitgenodigd als {role}",
    mail_body: "Hallo,\n\nJe bent uitgenodigd als {role}. Maak je account aan via deze link. De link werkt {days} dagen en maar één keer:\n{link}\n\n{next}\n\nHeb je deze uitnodiging niet verwacht? Dan kun je deze e-mail negeren. Er wordt dan geen account gemaakt.",
    mail_next_organiser: "Je kiest je naam en een wachtwoord. Daarna stel je tweestapsverificatie in met een app op je telefoon.",
    mail_next_holder: "Je kiest je naam en een wachtwoord. Daarna zie je je actiepunten en kun je laten weten hoe het ermee staat.",
    accept_title: "Account aanmaken",
    accept_intro: "Je bent uitgenodigd als {role} ({email}). Kies je naam en een wachtwoord.",
    accept_next_organiser: "Daarna stel je tweestapsverificatie in. Houd je telefoon bij de hand.",
    name: "Naam",
    organisation: "Organisatie (niet verplicht)",
    password: "Wachtwoord",
    password_hint: "Minstens 12 tekens. Kies iets dat je nergens anders gebruikt.",
    accept_button: "Account aanmaken",
    invalid_title: "Deze link werkt niet meer",
    invalid_text: "De uitnodiging is al gebruikt, ingetrokken of verlopen. Vraag de organisator om een nieuwe uitnodiging.",
    role_organiser: "organisator",
    role_action_holder: "actiehouder",
};

pub const EN: AccountsTexts = AccountsTexts {
    invite_title: "Invite someone",
    invite_intro: "Invite an organiser or an action holder. They get an e-mail with a link. The link works for 7 days and only once. Link an action holder to an action point afterwards.",
    invite_email: "E-mail address",
    invite_role: "Role",
    invite_button: "Send invitation",
    invited_notice: "The invitation has been sent.",
    address_taken: "There is already an account with this e-mail address.",
    role_invalid: "Choose a role.",
    remove_button: "Remove account",
    removed_notice: "The account has been removed. This person is logged out everywhere and cannot log in any more.",
    remove_last_organiser: "This is the last organiser. You cannot remove them.",
    open_title: "Open invitations",
    no_open: "There are no open invitations.",
    col_valid_until: "Valid until",
    withdraw_button: "Withdraw",
    withdrawn_notice: "The invitation has been withdrawn. The link no longer works.",
    mail_subject: "You have been invited as {role}",
    mail_body: "Hello,\n\nYou have been invited as {role}. Create your account with this link. The link works for {days} days and only once:\n{link}\n\n{next}\n\nDid you not expect this invitation? Then you can ignore this e-mail. No account will be made.",
    mail_next_organiser: "You choose your name and a password. Then you set up two-step verification with an app on your phone.",
    mail_next_holder: "You choose your name and a password. Then you see your action points and can tell how they are going.",
    accept_title: "Create your account",
    accept_intro: "You have been invited as {role} ({email}). Choose your name and a password.",
    accept_next_organiser: "Then you set up two-step verification. Keep your phone at hand.",
    name: "Name",
    organisation: "Organisation (optional)",
    password: "Password",
    password_hint: "At least 12 characters. Choose something you use nowhere else.",
    accept_button: "Create account",
    invalid_title: "This link no longer works",
    invalid_text: "The invitation has been used, withdrawn or has expired. Ask the organiser for a new invitation.",
    role_organiser: "organiser",
    role_action_holder: "action holder",
};

pub fn texts(lang: Lang) -> &'static AccountsTexts {
    lang.pick(&NL, &EN)
}

/// A staff role in a sentence ("uitgenodigd als organisator").
pub fn role_name(lang: Lang, role: inspraak_domain::Role) -> &'static str {
    let t = texts(lang);
    match role {
        inspraak_domain::Role::ActionHolder => t.role_action_holder,
        _ => t.role_organiser,
    }
}
