//! Sessions end to end: sign up, follow the links in the captured mails, seats, waiting list,
//! cancellation, expiry, reminders, calendar files, organiser pages, bad input.

mod erase_links;
mod erasure;
mod flows;
mod language;
mod organiser;
mod trace;

use crate::helpers::{TestApp, client, csrf_token, link_starting_with, spawn_app};
use chrono::{Duration, Timelike};
use inspraak_domain::session::{NewSession, SessionForm};
use inspraak_domain::{NewProcess, ProcessId, ProcessStatus, SessionId};
use inspraak_store::{process, session};
use inspraak_web::mail::CapturedMail;
use inspraak_web::session::jobs;
use inspraak_web::session::mailer::WebMailer;

/// Someone without an account, with their own cookies.
pub(super) struct Visitor<'a> {
    app: &'a TestApp,
    client: reqwest::Client,
}

impl<'a> Visitor<'a> {
    pub(super) fn new(app: &'a TestApp) -> Self {
        Visitor {
            app,
            client: client(),
        }
    }

    pub(super) async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.app.url(path)).send().await.unwrap()
    }

    pub(super) async fn html(&self, path: &str) -> String {
        self.get(path).await.text().await.unwrap()
    }

    /// A CSRF token from a page that always has a form.
    pub(super) async fn token(&self) -> String {
        csrf_token(&self.html("/agenda/bijeenkomst-aanmelden").await)
    }

    /// Posts only a CSRF token (the button behind a mailed link).
    pub(super) async fn press(&self, path: &str) -> reqwest::Response {
        let token = self.token().await;
        self.client
            .post(self.app.url(path))
            .form(&[("csrf_token", token.as_str())])
            .send()
            .await
            .unwrap()
    }

    /// Posts a form with the CSRF token of the page at `page`.
    pub(super) async fn post(
        &self,
        page: &str,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let html = self.html(page).await;
        let token = csrf_token(&html);
        // A public form's key and start time, sent after a person's fill time.
        let gate = html
            .contains("name=\"form_started\"")
            .then(|| crate::public_forms::gate_fields(self.app, &html));
        let mut all = vec![("csrf_token", token.as_str())];
        if let Some([key, started]) = &gate {
            all.push(("idempotency_key", key));
            all.push(("form_started", started));
        }
        all.extend_from_slice(fields);
        self.client
            .post(self.app.url(path))
            .form(&all)
            .send()
            .await
            .unwrap()
    }

    pub(super) async fn sign_up(
        &self,
        session: SessionId,
        name: &str,
        email: &str,
    ) -> reqwest::Response {
        let page = format!("/bijeenkomsten/{session}");
        let path = format!("{page}/aanmelden");
        let fields = [
            ("name", name),
            ("email", email),
            ("organisation", "Gemeente Zwolle"),
            ("wants_report", "1"),
        ];
        self.post(&page, &path, &fields).await
    }

    /// Opens a mailed link (GET), then presses its button (POST) and follows the redirect.
    pub(super) async fn follow_and_press(&self, link_path: &str) -> (u16, String) {
        let page = self.get(link_path).await;
        assert_eq!(page.status().as_u16(), 200, "{link_path}");
        let response = self.post(link_path, link_path, &[]).await;
        assert_eq!(response.status().as_u16(), 303);
        let result = self.get(link_path).await;
        (result.status().as_u16(), result.text().await.unwrap())
    }
}

/// The path of the first link in a mail that contains `marker` (mail links are absolute).
pub(super) fn mailed_path(mail: &CapturedMail, marker: &str) -> String {
    let start = mail
        .body
        .find(marker)
        .unwrap_or_else(|| panic!("no {marker} in {}", mail.body));
    link_starting_with(&mail.body[start..], marker).unwrap()
}

pub(super) async fn published_process(app: &TestApp) -> ProcessId {
    let new = NewProcess::parse("Actieplan Open Overheid 2030", "", "Samen.").unwrap();
    let id = process::insert(app.db.write(), &new, app.clock.now())
        .await
        .unwrap();
    process::set_status(
        app.db.write(),
        id,
        ProcessStatus::Published,
        app.clock.now(),
    )
    .await
    .unwrap();
    id
}

/// A session a week from now at 14:00 Dutch time, two hours, with an online link.
pub(crate) async fn session(app: &TestApp, process: ProcessId, capacity: &str) -> SessionId {
    let day = inspraak_domain::time::local_date(app.clock.now() + Duration::days(7));
    let (starts, ends) = (format!("{day}T14:00"), format!("{day}T16:00"));
    let new = NewSession::parse(&SessionForm {
        kind: "think_along",
        title: "Meedenksessie Open Inkoop",
        description: "Praat mee over inkoop.",
        starts_at: &starts,
        ends_at: &ends,
        online_link: "https://meet.example.nl/geheime-kamer",
        capacity,
        ask_organisation: true,
        ..SessionForm::default()
    })
    .unwrap();
    session::insert(app.db.write(), process, &new, app.clock.now())
        .await
        .unwrap()
}

pub(super) async fn mail_to(app: &TestApp, to: &str, subject: &str) -> CapturedMail {
    app.wait_for_mail(to, |m| m.subject.contains(subject)).await
}

pub(super) async fn confirm_link(app: &TestApp, to: &str) -> String {
    let mail = mail_to(app, to, "Bevestig je aanmelding").await;
    mailed_path(&mail, "/aanmelding/bevestigen/")
}

pub(super) fn path_of(link: &str) -> String {
    let start = link.find("/aanmelding/").unwrap();
    link[start..].to_owned()
}

pub(super) fn ics_start_hour(ics: &str) -> u32 {
    let calendar: icalendar::Calendar = ics.parse().unwrap();
    use icalendar::{CalendarDateTime, Component, DatePerhapsTime};
    let event = calendar.events().next().unwrap();
    match event.get_start() {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(start))) => {
            inspraak_domain::time::utc_to_local(start).hour()
        }
        other => panic!("unexpected DTSTART {other:?}"),
    }
}

/// Runs the sessions background job (expiry, reminders, the waiting list) once, at the app
/// clock's time.
pub(super) async fn run_session_job(app: &TestApp) {
    let mailer = WebMailer::new(&app.state, app.clock.now());
    jobs::run_once(&app.db, &mailer, app.clock.now())
        .await
        .unwrap();
}

/// Moves the app clock to 20 hours before the session starts: inside the reminder window.
pub(super) async fn go_to_the_day_before(app: &TestApp, id: SessionId) {
    let starts = session::find(app.db.read(), id)
        .await
        .unwrap()
        .unwrap()
        .schedule
        .starts_at();
    app.clock
        .advance(starts - app.clock.now() - Duration::hours(20));
}

/// The one-time key of a fresh message form (posting it twice sends once).
pub(super) async fn message_form_key(app: &TestApp, id: SessionId) -> String {
    let html = app
        .get_html(&format!("/beheer/bijeenkomsten/{id}/bericht"))
        .await;
    let start = html.find("name=\"form_key\" value=\"").unwrap() + 23;
    html[start..start + 43].to_owned()
}

/// The organiser's message to a session's participants, posted with `form_key`.
pub(super) async fn post_message(app: &TestApp, id: SessionId, form_key: &str, subject: &str) {
    let page = format!("/beheer/bijeenkomsten/{id}/bericht");
    app.post_form(
        &page,
        &page,
        &[
            ("form_key", form_key),
            ("subject", subject),
            ("body", "We zitten in zaal 2."),
        ],
    )
    .await;
}
