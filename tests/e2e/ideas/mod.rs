//! Ideas, moderation, action points and the forum end to end: a visitor's idea goes through
//! moderation to the public list; the organiser links it to an action point, the idea page says
//! so and the submitter gets a mail; an invited member joins, comments, replies and edits within
//! the window but not after; a visitor cannot comment; a member cannot moderate; every organiser
//! and member route refuses the wrong people.

mod demo;
mod journey;
mod listing;
mod roles;

use crate::consultation::hidden;
use crate::helpers::{TestApp, csrf_token, link_starting_with, spawn_app};
use chrono::Duration;
use inspraak_domain::ideas::Moderation;
use inspraak_domain::{NewPhase, NewProcess, NewTheme, ProcessId, ProcessStatus, Role, ThemeId};
use inspraak_store::ideas::{self, Settings};
use inspraak_store::process;

pub struct IdeaSetup {
    pub slug: String,
    pub process: ProcessId,
    pub themes: Vec<ThemeId>,
}

/// A published process with two themes and an idea phase from yesterday to next week.
pub async fn setup(app: &TestApp) -> IdeaSetup {
    let conn = app.db.write();
    let now = app.clock.now();
    let process = process::insert(
        conn,
        &NewProcess::parse("Actieplan Ideeën", "", "Samen.").unwrap(),
        now,
    )
    .await
    .unwrap();
    let mut themes = Vec::new();
    for name in ["Open Data", "Open Communicatie"] {
        themes.push(
            process::add_theme(conn, process, &NewTheme::parse(name, "", "").unwrap())
                .await
                .unwrap(),
        );
    }
    let today = inspraak_domain::time::local_date(now);
    let phase = NewPhase::parse(
        "Ideeënfase",
        "",
        &(today - Duration::days(1)).to_string(),
        &(today + Duration::days(7)).to_string(),
    )
    .unwrap();
    let phase = process::add_phase(conn, process, &phase).await.unwrap();
    ideas::save_settings(
        conn,
        process,
        Settings {
            phase: Some(phase),
            moderation: Moderation::Pre,
        },
    )
    .await
    .unwrap();
    process::set_status(conn, process, ProcessStatus::Published, now)
        .await
        .unwrap();
    IdeaSetup {
        slug: "actieplan-ideeen".into(),
        process,
        themes,
    }
}

impl IdeaSetup {
    pub fn form_path(&self) -> String {
        format!("/processen/{}/ideeen/nieuw", self.slug)
    }

    /// Fetches a fresh form and posts it with these fields (theme 0 unless given).
    pub async fn submit(&self, app: &TestApp, fields: &[(&str, &str)]) -> reqwest::Response {
        let page = app.get_html(&self.form_path()).await;
        let csrf = csrf_token(&page);
        let key = hidden(&page, "idempotency_key");
        let started = hidden(&page, "form_started");
        let theme = self.themes[0].to_string();
        let mut all: Vec<(&str, &str)> = vec![
            ("csrf_token", &csrf),
            ("idempotency_key", &key),
            ("form_started", &started),
            ("theme", &theme),
        ];
        // A person takes a moment to fill it in (the gate refuses forms sent at once).
        app.clock.advance(Duration::seconds(
            inspraak_web::flows::public_form::MIN_FILL_SECONDS,
        ));
        all.extend_from_slice(fields);
        app.client
            .post(app.url(&self.form_path()))
            .form(&all)
            .send()
            .await
            .unwrap()
    }
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_owned()
}

/// Invites `email` as organiser `org`, accepts as a new visitor and logs them in.
async fn join_forum(app: &TestApp, org: &TestApp, email: &str, name: &str) -> TestApp {
    let sent = org
        .post_form(
            "/beheer/forum",
            "/beheer/forum/uitnodigen",
            &[("email", email)],
        )
        .await;
    assert_eq!(sent.status().as_u16(), 303);
    let mail = app
        .wait_for_mail(email, |m| m.body.contains("/forum/uitnodiging/"))
        .await;
    let link = link_starting_with(&mail.body, &app.url("/forum/uitnodiging/")).unwrap();
    let path = link.trim_start_matches(&app.address).to_owned();
    let member = app.new_visitor();
    let accepted = member
        .post_form(
            &path,
            &path,
            &[
                ("name", name),
                ("organisation", "Stichting Open"),
                ("password", "een heel lang wachtwoord"),
            ],
        )
        .await;
    assert_eq!(
        accepted.status().as_u16(),
        303,
        "{}",
        accepted.text().await.unwrap()
    );
    let again = app.new_visitor().get(&path).await;
    assert_eq!(again.status().as_u16(), 410, "an invitation works once");
    assert_eq!(
        member
            .login(email, "een heel lang wachtwoord")
            .await
            .status()
            .as_u16(),
        303
    );
    member
}
