//! The hostile-input suite: every case of `hostile_cases::cases()` against every form in
//! `TARGETS`-style constants below, over HTTP against the real app. For every request:
//! - no 5xx;
//! - a refused request stores nothing: the row count of every table, and every process, phase
//!   and theme, are the same before and after;
//! - the answer explains itself: the form again with an error summary, or an error page with a
//!   heading;
//! - a form shown again keeps what was typed (HTML-escaped), and stored text is shown escaped.
//!
//! Each form ends with its valid submission, which must store something: the proof that the
//! "nothing stored" comparison can see a change. Adding a form is one `Target` and one test.
//! (`hostile.rs` keeps the hand-written cases of the foundation; this file is the systematic
//! sweep.)

use crate::helpers::{TestApp, client, csrf_token, spawn_app};
use crate::hostile_cases::{Attack, Expect, Token, cases};
use inspraak_domain::{ProcessId, Role};
use inspraak_store::processes;

const EMAIL: &str = "organisator@example.nl";
const PASSWORD: &str = "een lang wachtwoord";

/// A form under attack. Paths may hold `{process}` (a published process with a phase and a
/// theme), `{phase}`, `{theme}`, and `{other_phase}`, `{other_theme}` of a second process.
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
    /// Wrong logins are throttled: move the clock past the window before each case.
    pub throttled: bool,
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
    may_change: &["login_failures", "audit_log"],
    throttled: true,
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
    throttled: false,
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

#[tokio::test]
async fn hostile_input_against_login() {
    sweep(&LOGIN).await;
}

#[tokio::test]
async fn hostile_input_against_new_process() {
    sweep(&NEW_PROCESS).await;
}

#[tokio::test]
async fn hostile_input_against_edit_process() {
    sweep(&EDIT_PROCESS).await;
}

#[tokio::test]
async fn hostile_input_against_process_status() {
    sweep(&PROCESS_STATUS).await;
}

#[tokio::test]
async fn hostile_input_against_phases() {
    for target in [&ADD_PHASE, &UPDATE_PHASE, &DELETE_PHASE] {
        sweep(target).await;
    }
}

#[tokio::test]
async fn hostile_input_against_themes() {
    for target in [&ADD_THEME, &UPDATE_THEME, &DELETE_THEME] {
        sweep(target).await;
    }
}

/// The app with an organiser, a published process A (slug `proces-a`) with a phase and a theme
/// (`thema-a`), and a process B with a phase and a theme of its own.
struct Fixture {
    app: TestApp,
    ids: Vec<(&'static str, i64)>,
    /// The organiser's TOTP secret (empty for the login target).
    secret: Vec<u8>,
}

impl Fixture {
    async fn new(target: &Target) -> Fixture {
        let app = spawn_app().await;
        let mut ids = Vec::new();
        if !target.organiser {
            // A forum member: the password alone logs them in (organisers need a code too).
            app.create_account(EMAIL, PASSWORD, Role::ForumMember).await;
            return Fixture {
                app,
                ids,
                secret: Vec::new(),
            };
        }
        let secret = app.login_as_organiser().await;
        for (name, slug) in [("Proces A", "proces-a"), ("Proces B", "proces-b")] {
            let form = "/beheer/processen/nieuw";
            let created = app
                .post_form(
                    form,
                    form,
                    &[("title", name), ("slug", slug), ("summary", "Tekst.")],
                )
                .await;
            let edit = created.headers()["location"].to_str().unwrap().to_owned();
            let id: i64 = edit.rsplit('/').next().unwrap().parse().unwrap();
            let phase = [
                ("name", "Fase A"),
                ("description", ""),
                ("starts_on", "2020-01-01"),
                ("ends_on", "2099-12-31"),
            ];
            app.post_form(&edit, &format!("{edit}/fasen"), &phase).await;
            let theme = [
                ("name", "Thema A"),
                ("slug", "thema-a"),
                ("description", ""),
            ];
            app.post_form(&edit, &format!("{edit}/themas"), &theme)
                .await;
            app.post_form(&edit, &format!("{edit}/status"), &[("status", "published")])
                .await;
            let conn = app.db.read();
            let phase = processes::phases(conn, ProcessId(id)).await.unwrap()[0]
                .id
                .0;
            let theme = processes::themes(conn, ProcessId(id)).await.unwrap()[0]
                .id
                .0;
            if slug == "proces-a" {
                ids.extend([("process", id), ("phase", phase), ("theme", theme)]);
            } else {
                ids.extend([("other_phase", phase), ("other_theme", theme)]);
            }
        }
        Fixture { app, ids, secret }
    }

    fn fill(&self, template: &str) -> String {
        let mut path = template.to_owned();
        for (name, id) in &self.ids {
            path = path.replace(&format!("{{{name}}}"), &id.to_string());
        }
        path
    }

    /// Everything a request could have stored.
    async fn snapshot(&self, target: &Target) -> String {
        let mut counts = inspraak_store::testing::row_counts(&self.app.db)
            .await
            .unwrap();
        for table in target.may_change {
            counts.remove(*table);
        }
        let conn = self.app.db.read();
        let mut state = format!("{counts:?}");
        for process in processes::list_all(conn).await.unwrap() {
            let phases = processes::phases(conn, process.id).await.unwrap();
            let themes = processes::themes(conn, process.id).await.unwrap();
            state.push_str(&format!("\n{process:?}\n{phases:?}\n{themes:?}"));
        }
        state
    }
}

/// As maud escapes text and attribute values.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// application/x-www-form-urlencoded, byte for byte.
fn urlencode(fields: &[(String, String)]) -> Vec<u8> {
    fn part(text: &str, out: &mut Vec<u8>) {
        for byte in text.bytes() {
            match byte {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                    out.push(byte)
                }
                b' ' => out.push(b'+'),
                _ => out.extend(format!("%{byte:02X}").bytes()),
            }
        }
    }
    let mut out = Vec::new();
    for (i, (name, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push(b'&');
        }
        part(name, &mut out);
        out.push(b'=');
        part(value, &mut out);
    }
    out
}

/// Logs a fresh client in as the organiser (password, then a TOTP code of a new time step);
/// returns the token it had before.
async fn log_in(app: &TestApp, secret: &[u8], visitor: &reqwest::Client) -> String {
    let page = visitor.get(app.url("/inloggen")).send().await.unwrap();
    let token = csrf_token(&page.text().await.unwrap());
    let fields = [
        ("csrf_token", token.as_str()),
        ("email", EMAIL),
        ("password", PASSWORD),
    ];
    let response = visitor
        .post(app.url("/inloggen"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 303, "log in for a replay case");
    if !response.headers()["location"]
        .to_str()
        .unwrap()
        .starts_with("/inloggen/code")
    {
        return token;
    }
    // Each TOTP code works once: move to the next 30-second step first.
    app.clock.advance(chrono::Duration::seconds(31));
    let page = visitor.get(app.url("/inloggen/code")).send().await.unwrap();
    let code_token = csrf_token(&page.text().await.unwrap());
    let code = app.totp_code(secret);
    let fields = [("csrf_token", code_token.as_str()), ("code", code.as_str())];
    let response = visitor
        .post(app.url("/inloggen/code"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status().as_u16(),
        303,
        "second login step for a replay case"
    );
    token
}

/// The client that sends the attack and the token it carries.
async fn client_and_token(
    fx: &Fixture,
    target: &Target,
    token: Token,
) -> (reqwest::Client, Option<String>) {
    let app = &fx.app;
    let page_token = |c: reqwest::Client| async move {
        let html = c
            .get(app.url(&fx.fill(target.page)))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        (c, csrf_token(&html))
    };
    match token {
        Token::Valid | Token::Header => {
            let (c, t) = page_token(app.client.clone()).await;
            (c, Some(t))
        }
        Token::Missing => (app.client.clone(), None),
        Token::Forged => (app.client.clone(), Some("00ff".repeat(16))),
        Token::OtherVisitor => {
            let other = client().get(app.url("/inloggen")).send().await.unwrap();
            let t = csrf_token(&other.text().await.unwrap());
            (app.client.clone(), Some(t))
        }
        Token::FromBeforeLogin => {
            let visitor = client();
            let before = log_in(app, &fx.secret, &visitor).await;
            (visitor, Some(before))
        }
        Token::FromBeforeLogout => {
            let visitor = client();
            log_in(app, &fx.secret, &visitor).await;
            let (visitor, t) = page_token(visitor).await;
            let logout = visitor
                .post(app.url("/uitloggen"))
                .form(&[("csrf_token", t.as_str())])
                .send()
                .await
                .unwrap();
            assert_eq!(logout.status().as_u16(), 303, "log out for a replay case");
            (visitor, Some(t))
        }
    }
}

/// Sends one attack and returns what is wrong with the outcome (empty: all good).
async fn run(fx: &Fixture, target: &Target, attack: &Attack) -> Vec<String> {
    let app = &fx.app;
    if target.throttled {
        app.clock.advance(chrono::Duration::minutes(16));
    }
    let (sender, token) = client_and_token(fx, target, attack.token).await;
    let path = fx.fill(attack.path.as_deref().unwrap_or(target.action));
    let mut body = Vec::new();
    if let (Some(token), true) = (&token, attack.token != Token::Header) {
        body.extend(urlencode(&[("csrf_token".into(), token.clone())]));
        body.push(b'&');
    }
    match &attack.raw_body {
        Some(raw) => body.extend_from_slice(raw),
        None => body.extend(urlencode(&attack.fields)),
    }
    let mut request = sender
        .request(attack.method.parse().unwrap(), app.url(&path))
        .header("Content-Type", attack.content_type)
        .body(body);
    if let (Some(token), Token::Header) = (&token, attack.token) {
        request = request.header("X-CSRF-Token", token.as_str());
    }
    for (name, value) in &attack.headers {
        request = request.header(*name, *value);
    }

    let before = fx.snapshot(target).await;
    let response = request.send().await;
    let mut problems = Vec::new();
    let (status, location, page) = match response {
        Ok(r) => {
            let status = r.status().as_u16();
            let location = r
                .headers()
                .get("location")
                .map(|l| l.to_str().unwrap().to_owned());
            (status, location, r.text().await.unwrap_or_default())
        }
        // Refusing a 10 MB body early may close the connection before the answer is read.
        Err(_) if matches!(attack.expect, Expect::Refused(s) if s.contains(&413)) => {
            (413, None, "<h1>".into())
        }
        Err(error) => return vec![format!("no answer: {error}")],
    };
    let after = fx.snapshot(target).await;
    if status >= 500 {
        problems.push(format!("server error {status}"));
    }

    match &attack.expect {
        Expect::Refused(statuses) => {
            if !statuses.contains(&status) {
                problems.push(format!("status {status}, expected one of {statuses:?}"));
            }
            if !page.contains("<h1") {
                problems.push("no page that explains the refusal".into());
            }
        }
        Expect::FormError { kept } => {
            if status != target.refused && status != 422 {
                problems.push(format!(
                    "status {status}, expected the form again ({} or 422)",
                    target.refused
                ));
            }
            if !page.contains("class=\"error-summary\"") {
                problems.push("no error summary".into());
            }
            if !page.contains(&escaped(kept)) {
                problems.push("what was typed is not kept".into());
            }
            if kept.contains(['<', '"']) && page.contains(kept.as_str()) {
                problems.push("typed markup shown unescaped".into());
            }
        }
        Expect::Stored { shown } => {
            if status != 303 {
                problems.push(format!("status {status}, expected 303 (stored)"));
            }
            if before == after {
                problems.push("nothing was stored".into());
            }
            if !shown.is_empty() {
                let mut pages: Vec<String> = target.shown_at.iter().map(|p| fx.fill(p)).collect();
                pages.extend(location);
                for (i, path) in pages.iter().enumerate() {
                    let html = app.get_html(path).await;
                    if shown.contains(['<', '"']) && html.contains(shown.as_str()) {
                        problems.push(format!("shown unescaped at {path}"));
                    }
                    if i == pages.len() - 1 && !html.contains(&escaped(shown)) {
                        problems.push(format!("not shown (escaped) at {path}"));
                    }
                }
            }
        }
    }
    if !matches!(attack.expect, Expect::Stored { .. }) && before != after {
        problems.push("a refused request changed stored data".into());
    }
    problems
}

/// Every case that applies to the target, then the valid submission as the positive control.
async fn sweep(target: &Target) {
    let fx = Fixture::new(target).await;
    let mut failures = Vec::new();
    let mut ran = 0;
    for case in cases() {
        let Some(attack) = (case.build)(target) else {
            continue;
        };
        ran += 1;
        for problem in run(&fx, target, &attack).await {
            failures.push(format!("{} / {}: {problem}", target.name, case.name));
        }
    }
    let control = Attack::valid(
        target,
        Expect::Stored {
            shown: String::new(),
        },
    );
    for problem in run(&fx, target, &control).await {
        failures.push(format!("{} / the valid submission: {problem}", target.name));
    }
    println!(
        "hostile input: {}: {ran} cases and the valid submission",
        target.name
    );
    assert!(ran >= 18, "{}: only {ran} cases apply", target.name);
    assert!(
        failures.is_empty(),
        "{} of {ran} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
