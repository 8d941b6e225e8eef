//! The hostile-input suite: every case of `hostile_cases::cases()` against every form in
//! the `Target`s of `hostile_targets.rs`, over HTTP against the real app. For every request:
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

use crate::helpers::{TestApp, client, csrf_token, link_starting_with, spawn_app};
use crate::hostile_cases::{Attack, Expect, Token, cases};
use crate::hostile_targets::*;
use inspraak_domain::{ProcessId, Role};
use inspraak_store::process;

#[tokio::test]
async fn hostile_input_against_session_sign_up() {
    sweep(&SESSION_SIGN_UP).await;
}

#[tokio::test]
async fn hostile_input_against_propose_event() {
    sweep(&PROPOSE_EVENT).await;
}

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

#[tokio::test]
async fn hostile_input_against_progress_report() {
    sweep(&PROGRESS_REPORT).await;
}

#[tokio::test]
async fn hostile_input_against_accessibility_statement() {
    sweep(&ACCESSIBILITY_STATEMENT).await;
}

#[tokio::test]
async fn hostile_input_against_action_plan_introduction() {
    sweep(&ACTION_PLAN_INTRODUCTION).await;
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
            let phase = process::phases(conn, ProcessId(id)).await.unwrap()[0].id.0;
            let theme = process::themes(conn, ProcessId(id)).await.unwrap()[0].id.0;
            if slug == "proces-a" {
                ids.extend([("process", id), ("phase", phase), ("theme", theme)]);
                ids.push(("session", session(&app, id).await));
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
        for process in process::list_all(conn).await.unwrap() {
            let phases = process::phases(conn, process.id).await.unwrap();
            let themes = process::themes(conn, process.id).await.unwrap();
            state.push_str(&format!("\n{process:?}\n{phases:?}\n{themes:?}"));
        }
        state
    }
}

/// A session of the process in 40 days (after every clock step), asking for organisation and
/// needs, with room for every case's sign-up.
async fn session(app: &TestApp, process: i64) -> i64 {
    let page = format!("/beheer/processen/{process}/bijeenkomsten/nieuw");
    let day = inspraak_domain::time::local_date(app.clock.now() + chrono::Duration::days(40));
    let (starts, ends) = (format!("{day}T10:00"), format!("{day}T12:00"));
    let created = app
        .post_form(
            &page,
            &page,
            &[
                ("kind", "event"),
                ("title", "Bijeenkomst A"),
                ("description", "Tekst."),
                ("starts_at", &starts),
                ("ends_at", &ends),
                ("capacity", "500"),
                ("online_link", ""),
                ("ask_organisation", "1"),
                ("ask_needs", "1"),
            ],
        )
        .await;
    assert_eq!(created.status().as_u16(), 303, "create the session");
    let edit = created.headers()["location"].to_str().unwrap();
    let id = edit.trim_start_matches("/beheer/bijeenkomsten/");
    id.split('?').next().unwrap().parse().unwrap()
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

/// The hidden key and start time of a public form's page (`flows::public_form`), sent after a
/// person's fill time; nothing for other forms.
fn gate_fields(app: &crate::helpers::TestApp, html: &str) -> Vec<(String, String)> {
    if !html.contains("name=\"form_started\"") {
        return Vec::new();
    }
    let [key, started] = crate::public_forms::gate_fields(app, html);
    vec![
        ("idempotency_key".into(), key),
        ("form_started".into(), started),
    ]
}

/// The client that sends the attack, the token it carries, and a public form's gate fields.
async fn client_and_token(
    fx: &Fixture,
    target: &Target,
    token: Token,
) -> (reqwest::Client, Option<String>, Vec<(String, String)>) {
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
        (c, csrf_token(&html), gate_fields(app, &html))
    };
    match token {
        Token::Valid | Token::Header => {
            let (c, t, gate) = page_token(app.client.clone()).await;
            (c, Some(t), gate)
        }
        Token::Missing => (app.client.clone(), None, Vec::new()),
        Token::Forged => (app.client.clone(), Some("00ff".repeat(16)), Vec::new()),
        Token::OtherVisitor => {
            let other = client().get(app.url("/inloggen")).send().await.unwrap();
            let t = csrf_token(&other.text().await.unwrap());
            (app.client.clone(), Some(t), Vec::new())
        }
        Token::FromBeforeLogin => {
            let visitor = client();
            let before = log_in(app, &fx.secret, &visitor).await;
            (visitor, Some(before), Vec::new())
        }
        Token::FromBeforeLogout => {
            let visitor = client();
            log_in(app, &fx.secret, &visitor).await;
            let (visitor, t, gate) = page_token(visitor).await;
            let logout = visitor
                .post(app.url("/uitloggen"))
                .form(&[("csrf_token", t.as_str())])
                .send()
                .await
                .unwrap();
            assert_eq!(logout.status().as_u16(), 303, "log out for a replay case");
            (visitor, Some(t), gate)
        }
    }
}

/// Sends one attack and returns what is wrong with the outcome (empty: all good).
async fn run(fx: &Fixture, target: &Target, attack: &Attack) -> Vec<String> {
    let app = &fx.app;
    app.clock
        .advance(chrono::Duration::minutes(target.clock_step));
    let attack = &adapted(target, attack);
    let (sender, token, gate) = client_and_token(fx, target, attack.token).await;
    let path = fx.fill(attack.path.as_deref().unwrap_or(target.action));
    let mut body = Vec::new();
    if let (Some(token), true) = (&token, attack.token != Token::Header) {
        body.extend(urlencode(&[("csrf_token".into(), token.clone())]));
        body.push(b'&');
    }
    if !gate.is_empty() {
        body.extend(urlencode(&gate));
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
            if let (Some(prefix), Some(field)) = (target.confirm_link, target.email) {
                confirm(app, attack, field, prefix).await;
            }
            if !shown.is_empty() {
                if target.organiser && target.clock_step > 0 {
                    // The moved clock ended the organiser's session (idle timeout).
                    log_in(app, &fx.secret, &app.client).await;
                }
                let mut pages: Vec<String> = target.shown_at.iter().map(|p| fx.fill(p)).collect();
                pages.extend(location);
                let mut seen = false;
                for path in &pages {
                    let html = app.get_html(path).await;
                    if shown.contains(['<', '"']) && html.contains(shown.as_str()) {
                        problems.push(format!("shown unescaped at {path}"));
                    }
                    seen |= html.contains(&escaped(shown));
                }
                if !seen {
                    problems.push(format!("not shown (escaped) at any of {pages:?}"));
                }
            }
        }
    }
    if !matches!(attack.expect, Expect::Stored { .. }) && before != after {
        problems.push("a refused request changed stored data".into());
    }
    problems
}

/// Follows the link mailed to the address in the attack's `field` and presses its button.
async fn confirm(app: &TestApp, attack: &Attack, field: &str, prefix: &str) {
    let to = attack
        .fields
        .iter()
        .find(|(name, _)| name == field)
        .map(|(_, value)| value.clone())
        .unwrap_or_default();
    let mail = app.wait_for_mail(&to, |m| m.body.contains(prefix)).await;
    let start = mail.body.find(prefix).unwrap();
    let link = link_starting_with(&mail.body[start..], prefix).unwrap();
    let pressed = app.post_form(&link, &link, &[]).await;
    assert_eq!(pressed.status().as_u16(), 303, "confirming {to}");
}

/// The case as this target must answer it: a fresh e-mail address where every case is a new
/// person, and the form shown again where a failed CSRF check keeps what was typed.
fn adapted(target: &Target, attack: &Attack) -> Attack {
    static PEOPLE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let mut attack = attack.clone();
    if let (true, Some(field)) = (target.fresh_email, target.email) {
        let valid = target.valid.iter().find(|(name, _)| *name == field);
        for (name, value) in &mut attack.fields {
            if name == field && Some(value.as_str()) == valid.map(|(_, v)| *v) {
                let n = PEOPLE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                *value = format!("persoon-{n}@example.org");
            }
        }
    }
    let token_refused = matches!(attack.expect, Expect::Refused(s) if s == [403])
        && !matches!(attack.token, Token::Valid | Token::Header);
    if target.csrf_shows_form && token_refused {
        let kept = target.valid.first().map(|(_, v)| (*v).to_owned());
        attack.expect = Expect::FormError {
            kept: kept.unwrap_or_default(),
        };
    }
    attack
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
