//! Online consultations end to end: a visitor fills in the form and gets a receipt; replays,
//! closing time, mistakes, spam, expired sessions and rate limits; the organiser's builder and
//! responses overview; the demo.

mod group_commit;
mod organiser;
mod translations;
mod visitor;

use crate::helpers::{TestApp, client, csrf_token, link_starting_with, spawn_app};
use chrono::Duration;
use inspraak_domain::consultation::{ConsultationStatus, NewConsultation, NewQuestion};
use inspraak_domain::{ConsultationId, NewProcess, NewTheme, ProcessStatus, QuestionId, ThemeId};
use inspraak_store::consultation::{self, admin, privacy, responses};
use inspraak_store::process;

/// A published process with three themes and a published consultation open from yesterday
/// through tomorrow (Dutch dates), with the given questions (kind, required).
pub struct Setup {
    pub slug: String,
    pub consultation: ConsultationId,
    pub questions: Vec<QuestionId>,
    pub themes: Vec<ThemeId>,
}

pub const EVERY_KIND: [(&str, bool); 9] = [
    ("short_text", true),
    ("long_text", false),
    ("single_choice", true),
    ("multiple_choice", false),
    ("pick_themes", false),
    ("rank_themes", true),
    ("yes_no_why", false),
    ("scale", false),
    ("email_updates", false),
];

pub async fn setup(app: &TestApp, questions: &[(&str, bool)]) -> Setup {
    let conn = app.db.write();
    let now = app.clock.now();
    let process = process::insert(
        conn,
        &NewProcess::parse("Actieplan Open Overheid 2030", "", "Samen.").unwrap(),
        now,
    )
    .await
    .unwrap();
    let mut themes = Vec::new();
    for name in ["Open Technologie", "Open Informatie", "Open Communicatie"] {
        let theme = NewTheme::parse(name, "", "").unwrap();
        themes.push(process::add_theme(conn, process, &theme).await.unwrap());
    }
    process::set_status(conn, process, ProcessStatus::Published, now)
        .await
        .unwrap();
    let today = inspraak_domain::time::local_date(now);
    let new = NewConsultation::parse(
        "Consultatie 2030",
        "Vertel ons wat je vindt.",
        "We bewaren je antwoorden zonder naam.",
        &(today - Duration::days(1)).to_string(),
        "",
        &(today + Duration::days(1)).to_string(),
        "",
    )
    .unwrap();
    let consultation = admin::insert(conn, process, &new, now).await.unwrap();
    for (n, (kind, required)) in questions.iter().enumerate() {
        let max = if *kind == "long_text" { "50" } else { "" };
        let question = NewQuestion::parse(
            kind,
            &format!("Vraag {} ({kind})", n + 1),
            "",
            *required,
            max,
            "Ja\nNee\nMisschien",
            true,
        )
        .unwrap();
        admin::add_question(conn, consultation, &question)
            .await
            .unwrap();
    }
    admin::set_status(conn, consultation, ConsultationStatus::Published, now)
        .await
        .unwrap();
    let questions = consultation::questions(app.db.read(), consultation)
        .await
        .unwrap()
        .iter()
        .map(|q| q.id)
        .collect();
    Setup {
        slug: "actieplan-open-overheid-2030".into(),
        consultation,
        questions,
        themes,
    }
}

/// The value of a hidden input in a page.
pub fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no field {name}"))
        + marker.len();
    let end = html[start..].find('"').unwrap() + start;
    html[start..end].to_owned()
}

/// A form as handed out: its hidden fields and where it posts.
pub struct Form {
    pub csrf: String,
    pub key: String,
    pub started: String,
    pub action: String,
}

impl Setup {
    pub fn field(&self, n: usize) -> String {
        format!("q{}", self.questions[n])
    }

    pub async fn open_form(&self, app: &TestApp) -> Form {
        let html = app
            .get_html(&format!("/processen/{}/consultatie", self.slug))
            .await;
        Form {
            csrf: csrf_token(&html),
            key: hidden(&html, "idempotency_key"),
            started: hidden(&html, "form_started"),
            action: format!("/processen/{}/consultatie/{}", self.slug, self.consultation),
        }
    }

    /// Answers to every question of `EVERY_KIND`.
    pub fn full_answers(&self) -> Vec<(String, String)> {
        let q = |n: usize| self.field(n);
        vec![
            (q(0), "Open source".into()),
            (q(1), "Meer open data, graag.".into()),
            (q(2), "1".into()),
            (q(3), "0".into()),
            (q(3), "2".into()),
            (q(4), self.themes[1].to_string()),
            (format!("{}_other", q(4)), "Open Rechtspraak".into()),
            (format!("{}_t{}", q(5), self.themes[0]), "1".into()),
            (format!("{}_t{}", q(5), self.themes[2]), "2".into()),
            (q(6), "yes".into()),
            (format!("{}_why", q(6)), "Kennis delen".into()),
            (q(7), "4".into()),
            (q(8), "inwoner@example.nl".into()),
            (format!("{}_consent", q(8)), "yes".into()),
        ]
    }

    pub async fn counts(&self, app: &TestApp) -> (i64, i64) {
        let c = consultation::find(app.db.read(), self.consultation)
            .await
            .unwrap()
            .unwrap();
        (c.response_count, c.hidden_count)
    }
}

/// Posts answers with the form's hidden fields (and `extra` on top, e.g. a honeypot).
pub async fn post(
    app: &TestApp,
    form: &Form,
    answers: &[(String, String)],
    extra: &[(&str, &str)],
) -> reqwest::Response {
    let mut fields: Vec<(String, String)> = vec![
        ("csrf_token".into(), form.csrf.clone()),
        ("idempotency_key".into(), form.key.clone()),
        ("form_started".into(), form.started.clone()),
        ("website".into(), String::new()),
    ];
    fields.extend(answers.iter().cloned());
    for (k, v) in extra {
        fields.retain(|(name, _)| name != k);
        fields.push(((*k).to_owned(), (*v).to_owned()));
    }
    app.client
        .post(app.url(&form.action))
        .form(&fields)
        .send()
        .await
        .unwrap()
}

/// Where a 303 leads, without the one-time trace token a receipt redirect carries (`?spoor=`).
fn location(response: &reqwest::Response) -> String {
    let location = response.headers()["location"].to_str().unwrap();
    location.split("?spoor=").next().unwrap().to_owned()
}
