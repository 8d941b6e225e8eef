//! Texts of the organiser pages for accounts and the audit trail.

use super::Lang;
use inspraak_domain::AuditAction;

pub struct AuditTexts {
    pub accounts_title: &'static str,
    pub col_email: &'static str,
    pub col_name: &'static str,
    pub col_role: &'static str,
    pub col_two_step: &'static str,
    pub col_actions: &'static str,
    pub on: &'static str,
    pub off: &'static str,
    pub reset_two_step: &'static str,
    pub reset_done: &'static str,
    pub role_organiser: &'static str,
    pub role_forum_member: &'static str,
    pub role_action_holder: &'static str,
    pub audit_title: &'static str,
    pub audit_intro: &'static str,
    pub filter_action: &'static str,
    pub filter_all: &'static str,
    pub filter_button: &'static str,
    pub col_when: &'static str,
    pub col_who: &'static str,
    pub col_what: &'static str,
    pub col_subject: &'static str,
    pub col_network: &'static str,
    pub nobody: &'static str,
    pub export_csv: &'static str,
    pub no_entries: &'static str,
    pub page_of: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
}

pub const NL: AuditTexts = AuditTexts {
    accounts_title: "Accounts",
    col_email: "E-mailadres",
    col_name: "Naam",
    col_role: "Rol",
    col_two_step: "Tweestapsverificatie",
    col_actions: "Acties",
    on: "aan",
    off: "uit",
    reset_two_step: "Tweestapsverificatie resetten",
    reset_done: "De tweestapsverificatie is gereset. Deze persoon stelt die opnieuw in bij de volgende keer inloggen.",
    role_organiser: "Organisator",
    role_forum_member: "Lid stakeholderforum",
    role_action_holder: "Actiehouder",
    audit_title: "Logboek",
    audit_intro: "Wie deed wat en wanneer. Het logboek bevat geen wachtwoorden, codes of inhoud van reacties.",
    filter_action: "Soort handeling",
    filter_all: "Alle handelingen",
    filter_button: "Filter",
    col_when: "Wanneer",
    col_who: "Wie",
    col_what: "Wat",
    col_subject: "Waarop",
    col_network: "Netwerk",
    nobody: "(onbekend)",
    export_csv: "Logboek downloaden",
    no_entries: "Geen regels gevonden.",
    page_of: "Pagina {page} van {pages}",
    previous: "Vorige",
    next: "Volgende",
};

pub const EN: AuditTexts = AuditTexts {
    accounts_title: "Accounts",
    col_email: "E-mail address",
    col_name: "Name",
    col_role: "Role",
    col_two_step: "Two-step verification",
    col_actions: "Actions",
    on: "on",
    off: "off",
    reset_two_step: "Reset two-step verification",
    reset_done: "Two-step verification was reset. This person sets it up again at their next login.",
    role_organiser: "Organiser",
    role_forum_member: "Stakeholder forum member",
    role_action_holder: "Action holder",
    audit_title: "Audit log",
    audit_intro: "Who did what and when. The log holds no passwords, codes or response content.",
    filter_action: "Kind of action",
    filter_all: "All actions",
    filter_button: "Filter",
    col_when: "When",
    col_who: "Who",
    col_what: "What",
    col_subject: "On",
    col_network: "Network",
    nobody: "(unknown)",
    export_csv: "Download the audit log",
    no_entries: "No entries found.",
    page_of: "Page {page} of {pages}",
    previous: "Previous",
    next: "Next",
};

pub fn texts(lang: Lang) -> &'static AuditTexts {
    lang.pick(&NL, &EN)
}

/// A readable name for each action.
pub fn action_label(lang: Lang, action: AuditAction) -> &'static str {
    let (nl, en) = match action {
        AuditAction::LoginSucceeded => ("Ingelogd", "Logged in"),
        AuditAction::LoginFailed => ("Inloggen mislukt", "Login failed"),
        AuditAction::LoginThrottled => ("Inloggen afgeremd", "Login throttled"),
        AuditAction::SecondFactorFailed => ("Verkeerde code bij inloggen", "Wrong login code"),
        AuditAction::SecondFactorEnrolled => (
            "Tweestapsverificatie ingesteld",
            "Two-step verification set up",
        ),
        AuditAction::SecondFactorReset => (
            "Tweestapsverificatie gereset",
            "Two-step verification reset",
        ),
        AuditAction::RecoveryCodeUsed => ("Herstelcode gebruikt", "Recovery code used"),
        AuditAction::LoggedOut => ("Uitgelogd", "Logged out"),
        AuditAction::LoggedOutEverywhere => {
            ("Overal anders uitgelogd", "Logged out everywhere else")
        }
        AuditAction::PasswordChanged => ("Wachtwoord gewijzigd", "Password changed"),
        AuditAction::PasswordResetRequested => {
            ("Nieuw wachtwoord aangevraagd", "Password reset requested")
        }
        AuditAction::PasswordResetCompleted => {
            ("Nieuw wachtwoord ingesteld", "Password reset completed")
        }
        AuditAction::ProcessCreated => ("Traject aangemaakt", "Process created"),
        AuditAction::ProcessUpdated => ("Traject gewijzigd", "Process changed"),
        AuditAction::ProcessPublicationChanged => (
            "Publicatie van traject gewijzigd",
            "Process publication changed",
        ),
        AuditAction::RoleChanged => ("Rol gewijzigd", "Role changed"),
        AuditAction::ContentModerated => ("Inhoud gemodereerd", "Content moderated"),
        AuditAction::DataExported => ("Gegevens geëxporteerd", "Data exported"),
        AuditAction::AccessibilityStatementEdited => (
            "Toegankelijkheidsverklaring aangepast",
            "Accessibility statement edited",
        ),
        AuditAction::ContributionLinked => ("Inbreng gekoppeld", "Contribution linked"),
        AuditAction::ContributionUnlinked => ("Inbreng ontkoppeld", "Contribution unlinked"),
        AuditAction::IdeasExported => ("Ideeën geëxporteerd", "Ideas exported"),
        AuditAction::ContactMessageHandled => {
            ("Contactbericht afgehandeld", "Contact message handled")
        }
        AuditAction::PrintOrderHandled => ("Bestelling afgehandeld", "Print order handled"),
        AuditAction::PrintOrdersExported => ("Bestellingen geëxporteerd", "Print orders exported"),
        AuditAction::SelfEvaluationEdited => ("Zelfevaluatie bewerkt", "Self-evaluation edited"),
        AuditAction::LiveResultsChanged => (
            "Voorlopige uitkomsten aan- of uitgezet",
            "Live results switched on or off",
        ),
    };
    lang.pick(nl, en)
}
