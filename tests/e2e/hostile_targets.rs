//! The forms the hostile-input suite (`hostile_suite.rs`) attacks, each described as a `Target`:
//! where it is, a valid submission, and what kind of input each field takes.

pub const EMAIL: &str = "organisator@example.nl";
pub const PASSWORD: &str = "een lang wachtwoord";

/// A form under attack. Paths may hold `{process}` (a published process with a phase and a
/// theme), `{phase}`, `{theme}`, `{session}` (a session of that process with free seats), and
/// `{other_phase}`, `{other_theme}` of a second process.
pub struct Target {
    pub name: &'static str,
    pub organiser: bool,
    /// The page the form is on (where its CSRF token comes from).
    pub page: &'static str,
    pub action: &'static str,
    /// A submission that is accepted and stores something.
    pub valid: &'static [(&'static str, &'static str)],
    /// One-line free-text fields and their maximum length.
    pub lines: &'static [(&'static str, usize)],
    /// Multi-line free-text fields and their maximum length.
    pub texts: &'static [(&'static str, usize)],
    pub email: Option<&'static str>,
    pub slug: Option<&'static str>,
    pub dates: &'static [&'static str],
    /// A field that takes one of a fixed set of values.
    pub choice: Option<&'static str>,
    /// The same action on an item of another process.
    pub foreign_action: Option<&'static str>,
    /// Status of the form shown again with errors (besides 422).
    pub refused: u16,
    /// Pages where stored input shows up, checked for escaping.
    pub shown_at: &'static [&'static str],
    /// Tables a refused request may still write to (login failures are counted on purpose).
    pub may_change: &'static [&'static str],
    /// Minutes to move the clock before each case, past the target's throttling window.
    pub clock_step: i64,
    /// A failed CSRF check shows the form again with what was typed (public forms where losing
    /// input would hurt) instead of refusing the request with 403.
    pub csrf_shows_form: bool,
    /// Every case signs up a new person: the e-mail field's valid value becomes unique.
    pub fresh_email: bool,
    /// What is stored shows only once confirmed: follow the mailed link with this path prefix
    /// (and press its button) before looking for it.
    pub confirm_link: Option<&'static str>,
}

const NO_FIELDS: &[(&str, usize)] = &[];

pub const LOGIN: Target = Target {
    name: "login",
    organiser: false,
    page: "/inloggen",
    action: "/inloggen",
    valid: &[("email", EMAIL), ("password", PASSWORD), ("next", "")],
    lines: NO_FIELDS,
    texts: NO_FIELDS,
    email: Some("email"),
    slug: None,
    dates: &[],
    choice: None,
    foreign_action: None,
    refused: 401,
    shown_at: &[],
    may_change: &["login_failures", "throttle_buckets", "audit_log"],
    clock_step: 16,
    csrf_shows_form: false,
    fresh_email: false,
    confirm_link: None,
};

const ORGANISER_FORM: Target = Target {
    name: "",
    organiser: true,
    page: "/beheer/processen/{process}",
    action: "",
    valid: &[],
    lines: NO_FIELDS,
    texts: NO_FIELDS,
    email: None,
    slug: None,
    dates: &[],
    choice: None,
    foreign_action: None,
    refused: 422,
    shown_at: &["/beheer", "/beheer/processen/{process}"],
    may_change: &[],
    clock_step: 0,
    csrf_shows_form: false,
    fresh_email: false,
    confirm_link: None,
};

pub const NEW_PROCESS: Target = Target {
    name: "new process",
    page: "/beheer/processen/nieuw",
    action: "/beheer/processen/nieuw",
    valid: &[
        ("title", "Nieuw proces"),
        ("slug", ""),
        ("summary", "Tekst."),
    ],
    lines: &[("title", 200)],
    texts: &[("summary", 5000)],
    slug: Some("slug"),
    shown_at: &["/beheer"],
    ..ORGANISER_FORM
};

pub const EDIT_PROCESS: Target = Target {
    name: "edit process",
    action: "/beheer/processen/{process}",
    valid: &[
        ("title", "Proces A, nieuw"),
        ("slug", "proces-a"),
        ("summary", "Nieuwe tekst."),
    ],
    lines: &[("title", 200)],
    texts: &[("summary", 5000)],
    slug: Some("slug"),
    shown_at: &["/", "/processen/proces-a", "/beheer"],
    ..ORGANISER_FORM
};

pub const PROCESS_STATUS: Target = Target {
    name: "process status",
    action: "/beheer/processen/{process}/status",
    valid: &[("status", "archived")],
    choice: Some("status"),
    ..ORGANISER_FORM
};

pub const ADD_PHASE: Target = Target {
    name: "add phase",
    action: "/beheer/processen/{process}/fasen",
    valid: &[
        ("name", "Fase"),
        ("description", ""),
        ("starts_on", "2030-01-01"),
        ("ends_on", "2030-02-01"),
    ],
    lines: &[("name", 120)],
    texts: &[("description", 2000)],
    dates: &["starts_on", "ends_on"],
    shown_at: &["/processen/proces-a"],
    ..ORGANISER_FORM
};

pub const UPDATE_PHASE: Target = Target {
    name: "update phase",
    action: "/beheer/processen/{process}/fasen/{phase}",
    foreign_action: Some("/beheer/processen/{process}/fasen/{other_phase}"),
    ..ADD_PHASE
};

pub const DELETE_PHASE: Target = Target {
    name: "delete phase",
    action: "/beheer/processen/{process}/fasen/{phase}/verwijderen",
    foreign_action: Some("/beheer/processen/{process}/fasen/{other_phase}/verwijderen"),
    ..ORGANISER_FORM
};

pub const ADD_THEME: Target = Target {
    name: "add theme",
    action: "/beheer/processen/{process}/themas",
    valid: &[("name", "Thema"), ("slug", ""), ("description", "")],
    lines: &[("name", 120)],
    texts: &[("description", 5000)],
    slug: Some("slug"),
    shown_at: &["/processen/proces-a"],
    ..ORGANISER_FORM
};

pub const UPDATE_THEME: Target = Target {
    name: "update theme",
    action: "/beheer/processen/{process}/themas/{theme}",
    valid: &[
        ("name", "Thema A"),
        ("slug", "thema-a"),
        ("description", ""),
    ],
    foreign_action: Some("/beheer/processen/{process}/themas/{other_theme}"),
    shown_at: &["/processen/proces-a", "/processen/proces-a/themas/thema-a"],
    ..ADD_THEME
};

pub const DELETE_THEME: Target = Target {
    name: "delete theme",
    action: "/beheer/processen/{process}/themas/{theme}/verwijderen",
    foreign_action: Some("/beheer/processen/{process}/themas/{other_theme}/verwijderen"),
    ..ORGANISER_FORM
};

/// The public sign-up form of a session (asks for organisation and needs too). Sign-ups are
/// limited per address per hour, so the clock moves an hour before each case.
pub const SESSION_SIGN_UP: Target = Target {
    name: "session sign-up",
    page: "/bijeenkomsten/{session}",
    action: "/bijeenkomsten/{session}/aanmelden",
    valid: &[
        ("name", "Deelnemer"),
        ("email", "deelnemer@example.org"),
        ("organisation", ""),
        ("needs", ""),
    ],
    lines: &[("name", 200)],
    texts: &[("needs", 2000)],
    email: Some("email"),
    shown_at: &["/beheer/bijeenkomsten/{session}/aanmeldingen"],
    clock_step: 61,
    csrf_shows_form: true,
    fresh_email: true,
    confirm_link: Some("/aanmelding/bevestigen/"),
    ..ORGANISER_FORM
};

/// The public "propose an event for the agenda" form. A failed CSRF check shows it again (403)
/// with what was typed; proposals are limited per address per hour, so the clock moves an hour
/// before each case. Stored proposals show on the organiser's review page.
pub const PROPOSE_EVENT: Target = Target {
    name: "propose an event",
    page: "/agenda/bijeenkomst-aanmelden",
    action: "/agenda/bijeenkomst-aanmelden",
    valid: &[
        ("title", "Open dag"),
        ("starts_at", "2030-05-01T14:00"),
        ("organiser", "Gemeente A"),
        ("link", "https://example.org/open-dag"),
    ],
    lines: &[("title", 200), ("organiser", 200)],
    dates: &["starts_at"],
    refused: 403,
    shown_at: &["/beheer/agenda-voorstellen"],
    clock_step: 61,
    csrf_shows_form: true,
    ..ORGANISER_FORM
};

/// The organiser's progress report form (issue 20: NUL gave 500 on PostgreSQL).
pub const PROGRESS_REPORT: Target = Target {
    name: "progress report",
    page: "/beheer/processen/{process}/publicaties",
    action: "/beheer/processen/{process}/voortgang",
    valid: &[
        ("report_title", "Voortgang december"),
        ("report_date", "2026-12-01"),
        ("body", "Wat er gebeurd is."),
    ],
    lines: &[("report_title", 200)],
    // The body is shown as light markup (paragraphs), so the sweep's "shown escaped" check
    // cannot find multi-line payloads verbatim; `hostile_text.rs` attacks it.
    dates: &["report_date"],
    shown_at: &["/beheer/processen/{process}/publicaties"],
    ..ORGANISER_FORM
};

/// The organiser's texts of the accessibility statement (issue 20: NUL gave 500 on PostgreSQL).
pub const ACCESSIBILITY_STATEMENT: Target = Target {
    name: "accessibility statement",
    page: "/beheer/toegankelijkheid",
    action: "/beheer/toegankelijkheid",
    valid: &[
        ("contact", "Mail naar toegankelijkheid@example.nl"),
        ("known_problems", "Geen."),
    ],
    texts: &[("contact", 5_000), ("known_problems", 5_000)],
    shown_at: &["/toegankelijkheid"],
    ..ORGANISER_FORM
};

/// The introduction of a process's action plan (issue #24), shown on the plan page and in its
/// documents. Empty is allowed: it removes the introduction.
pub const ACTION_PLAN_INTRODUCTION: Target = Target {
    name: "action plan introduction",
    page: "/beheer/processen/{process}/actiepunten",
    action: "/beheer/processen/{process}/actieplan/inleiding",
    valid: &[("introduction", "Dit plan maakt de overheid opener.")],
    texts: &[("introduction", 6_000)],
    shown_at: &[
        "/beheer/processen/{process}/actiepunten",
        "/processen/proces-a/actieplan",
    ],
    ..ORGANISER_FORM
};
