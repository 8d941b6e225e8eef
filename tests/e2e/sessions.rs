//! Sessions end to end: sign up, follow the links in the captured mails, seats, waiting list,
//! cancellation, expiry, reminders, calendar files, organiser pages, bad input.

use crate::helpers::{TestApp, client, csrf_token, link_starting_with, spawn_app};
use chrono::{Duration, Timelike};
use inspraak_domain::session::{NewSession, SessionForm};
use inspraak_domain::{NewProcess, ProcessId, ProcessStatus, SessionId};
use inspraak_store::{processes, sessions};
use inspraak_web::i18n::Lang;
use inspraak_web::mail::CapturedMail;
use inspraak_web::sessions::jobs;
use inspraak_web::sessions::mailer::WebMailer;

/// Someone without an account, with their own cookies.
struct Visitor<'a> {
    app: &'a TestApp,
    client: reqwest::Client,
}

impl<'a> Visitor<'a> {
    fn new(app: &'a TestApp) -> Self {
        Visitor {
            app,
            client: client(),
        }
    }

    async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.app.url(path)).send().await.unwrap()
    }

    async fn html(&self, path: &str) -> String {
        self.get(path).await.text().await.unwrap()
    }

    /// A CSRF token from a page that always has a form.
    async fn token(&self) -> String {
        csrf_token(&self.html("/agenda/bijeenkomst-aanmelden").await)
    }

    /// Posts only a CSRF token (the button behind a mailed link).
    async fn press(&self, path: &str) -> reqwest::Response {
        let token = self.token().await;
        self.client
            .post(self.app.url(path))
            .form(&[("csrf_token", token.as_str())])
            .send()
            .await
            .unwrap()
    }

    /// Posts a form with the CSRF token of the page at `page`.
    async fn post(&self, page: &str, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let token = csrf_token(&self.html(page).await);
        let mut all = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        self.client
            .post(self.app.url(path))
            .form(&all)
            .send()
            .await
            .unwrap()
    }

    async fn sign_up(&self, session: SessionId, name: &str, email: &str) -> reqwest::Response {
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
    async fn follow_and_press(&self, link_path: &str) -> (u16, String) {
        let page = self.get(link_path).await;
        assert_eq!(page.status().as_u16(), 200, "{link_path}");
        let response = self.post(link_path, link_path, &[]).await;
        assert_eq!(response.status().as_u16(), 303);
        let result = self.get(link_path).await;
        (result.status().as_u16(), result.text().await.unwrap())
    }
}

/// The path of the first link in a mail that contains `marker` (mail links are absolute).
fn mailed_path(mail: &CapturedMail, marker: &str) -> String {
    let start = mail
        .body
        .find(marker)
        .unwrap_or_else(|| panic!("no {marker} in {}", mail.body));
    link_starting_with(&mail.body[start..], marker).unwrap()
}

async fn published_process(app: &TestApp) -> ProcessId {
    let new = NewProcess::parse("Actieplan Open Overheid 2030", "", "Samen.").unwrap();
    let id = processes::insert(app.db.write(), &new, app.clock.now())
        .await
        .unwrap();
    processes::set_status(
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
async fn session(app: &TestApp, process: ProcessId, capacity: &str) -> SessionId {
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
    sessions::insert(app.db.write(), process, &new, app.clock.now())
        .await
        .unwrap()
}

async fn mail_to(app: &TestApp, to: &str, subject: &str) -> CapturedMail {
    app.wait_for_mail(to, |m| m.subject.contains(subject)).await
}

async fn confirm_link(app: &TestApp, to: &str) -> String {
    let mail = mail_to(app, to, "Bevestig je aanmelding").await;
    mailed_path(&mail, "/aanmelding/bevestigen/")
}

fn path_of(link: &str) -> String {
    let start = link.find("/aanmelding/").unwrap();
    link[start..].to_owned()
}

fn ics_start_hour(ics: &str) -> u32 {
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

#[tokio::test]
async fn sign_up_confirm_by_mail_and_the_seat_is_taken_once() {
    let app = spawn_app().await;
    let process = published_process(&app).await;
    let id = session(&app, process, "2").await;
    let jan = Visitor::new(&app);
    let page = jan.html(&format!("/bijeenkomsten/{id}")).await;
    assert!(page.contains("nog 2 plaatsen"), "{page}");
    assert!(
        !page.contains("geheime-kamer"),
        "the online link is for confirmed participants only"
    );

    let response = jan.sign_up(id, "Jan Jansen", "jan@example.nl").await;
    assert_eq!(response.status().as_u16(), 303);
    let check = jan
        .html(response.headers()["location"].to_str().unwrap())
        .await;
    assert!(check.contains("Kijk in je mail"));
    // Only a confirmed sign-up takes a seat.
    assert!(
        jan.html(&format!("/bijeenkomsten/{id}"))
            .await
            .contains("nog 2 plaatsen")
    );

    let link = path_of(&confirm_link(&app, "jan@example.nl").await);
    let (status, result) = jan.follow_and_press(&link).await;
    assert_eq!(status, 200);
    assert!(result.contains("Je aanmelding is bevestigd"), "{result}");
    assert!(result.contains("https://meet.example.nl/geheime-kamer"));
    assert!(
        jan.html(&format!("/bijeenkomsten/{id}"))
            .await
            .contains("nog 1 plaats<")
    );

    let confirmed = mail_to(&app, "jan@example.nl", "Aanmelding bevestigd").await;
    assert!(
        confirmed
            .body
            .contains("https://meet.example.nl/geheime-kamer")
    );
    assert!(
        confirmed.body.contains("/aanmelding/annuleren/"),
        "every mail has a cancel link"
    );
    let (file, ics) = confirmed.attachment.clone().expect("calendar attachment");
    assert_eq!(file, "uitnodiging.ics");
    assert!(ics.contains("METHOD:REQUEST"));
    assert_eq!(
        ics_start_hour(&ics),
        14,
        "the invitation is at 14:00 Dutch time"
    );

    // Replaying the link (GET and POST again) takes no second seat.
    let again = jan.press(&link).await;
    assert_eq!(again.status().as_u16(), 303);
    assert!(jan.html(&link).await.contains("Je aanmelding is bevestigd"));
    let stored = sessions::find(app.db.read(), id).await.unwrap().unwrap();
    assert_eq!(stored.seats_taken, 1);
}

#[tokio::test]
async fn full_means_waiting_list_and_a_cancellation_promotes_and_mails_the_first() {
    let app = spawn_app().await;
    let process = published_process(&app).await;
    let id = session(&app, process, "1").await;
    let (a, b, c) = (Visitor::new(&app), Visitor::new(&app), Visitor::new(&app));
    for (visitor, email) in [
        (&a, "a@example.nl"),
        (&b, "b@example.nl"),
        (&c, "c@example.nl"),
    ] {
        visitor.sign_up(id, "Deelnemer", email).await;
        let link = path_of(&confirm_link(&app, email).await);
        let (_, result) = visitor.follow_and_press(&link).await;
        let expected = if email == "a@example.nl" {
            "Je aanmelding is bevestigd"
        } else {
            "Je staat op de wachtlijst"
        };
        assert!(result.contains(expected), "{email}: {result}");
    }
    assert!(
        c.html(&format!("/bijeenkomsten/{id}"))
            .await
            .contains("vol — wachtlijst")
    );
    mail_to(&app, "b@example.nl", "Je staat op de wachtlijst").await;

    let confirmed = mail_to(&app, "a@example.nl", "Aanmelding bevestigd").await;
    let cancel = path_of(&mailed_path(&confirmed, "/aanmelding/annuleren/"));
    let (status, result) = a.follow_and_press(&cancel).await;
    assert_eq!(status, 200);
    assert!(result.contains("Je bent afgemeld"), "{result}");

    let promoted = mail_to(&app, "b@example.nl", "Er is een plaats vrij").await;
    assert!(
        promoted
            .body
            .contains("https://meet.example.nl/geheime-kamer")
    );
    assert!(
        promoted
            .attachment
            .as_ref()
            .is_some_and(|(_, ics)| ics.contains("METHOD:REQUEST"))
    );
    let cancelled = mail_to(&app, "a@example.nl", "Je bent afgemeld").await;
    let (_, ics) = cancelled.attachment.expect("cancellation calendar file");
    assert!(ics.contains("METHOD:CANCEL") && ics.contains("STATUS:CANCELLED"));
    assert!(
        app.mails
            .all()
            .iter()
            .all(|m| !(m.to == "c@example.nl" && m.subject.contains("plaats vrij")))
    );
    assert!(
        c.html(&format!("/bijeenkomsten/{id}"))
            .await
            .contains("vol — wachtlijst")
    );
    // The cancel link again: nothing more happens.
    assert!(a.html(&cancel).await.contains("Je bent afgemeld"));
    let stored = sessions::find(app.db.read(), id).await.unwrap().unwrap();
    assert_eq!(stored.seats_taken, 1);
}

#[tokio::test]
async fn an_expired_confirmation_leaves_the_seat_to_someone_else() {
    let app = spawn_app().await;
    let process = published_process(&app).await;
    let id = session(&app, process, "1").await;
    let slow = Visitor::new(&app);
    slow.sign_up(id, "Traag", "traag@example.nl").await;
    let link = path_of(&confirm_link(&app, "traag@example.nl").await);

    app.clock.advance(Duration::hours(49));
    let mailer = WebMailer {
        base_url: app.address.clone(),
        organiser_email: "noreply@example.nl".into(),
        lang: Lang::Nl,
        now: app.clock.now(),
    };
    jobs::run_once(&app.db, &mailer, app.clock.now())
        .await
        .unwrap();

    let page = slow.get(&link).await;
    assert_eq!(page.status().as_u16(), 410);
    assert!(page.text().await.unwrap().contains("Deze link is verlopen"));
    let fast = Visitor::new(&app);
    fast.sign_up(id, "Snel", "snel@example.nl").await;
    let fast_link = path_of(&confirm_link(&app, "snel@example.nl").await);
    let (_, result) = fast.follow_and_press(&fast_link).await;
    assert!(result.contains("Je aanmelding is bevestigd"), "{result}");
    // Pressing the expired link's button changes nothing either.
    slow.press(&link).await;
    let rows = sessions::registrations(app.db.read(), id).await.unwrap();
    assert_eq!(rows.len(), 2);
    assert!(
        rows.iter().any(|r| r.registrant.is_none()),
        "the expired sign-up's data is erased"
    );
    assert_eq!(
        sessions::find(app.db.read(), id)
            .await
            .unwrap()
            .unwrap()
            .seats_taken,
        1
    );
}

#[tokio::test]
async fn the_same_address_twice_gets_a_friendly_mail_and_no_second_seat() {
    let app = spawn_app().await;
    let process = published_process(&app).await;
    let id = session(&app, process, "5").await;
    let jan = Visitor::new(&app);
    jan.sign_up(id, "Jan", "jan@example.nl").await;
    let link = path_of(&confirm_link(&app, "jan@example.nl").await);
    jan.follow_and_press(&link).await;
    let again = jan.sign_up(id, "Jan", "JAN@example.nl").await;
    // The same page as a first sign-up: nothing tells a stranger the address was known.
    assert_eq!(again.status().as_u16(), 303);
    let mail = mail_to(&app, "jan@example.nl", "Je bent al aangemeld").await;
    assert!(mail.body.contains("/aanmelding/annuleren/"));
    assert_eq!(
        sessions::registrations(app.db.read(), id)
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        sessions::find(app.db.read(), id)
            .await
            .unwrap()
            .unwrap()
            .seats_taken,
        1
    );
}

#[tokio::test]
async fn bad_input_gets_a_clear_page_and_nothing_is_stored_wrongly() {
    let app = spawn_app().await;
    let process = published_process(&app).await;
    let id = session(&app, process, "5").await;
    let visitor = Visitor::new(&app);
    let page = format!("/bijeenkomsten/{id}");
    let path = format!("{page}/aanmelden");

    let response = visitor
        .post(
            &page,
            &path,
            &[("name", "Piet <b>"), ("email", "geen-adres")],
        )
        .await;
    assert_eq!(response.status().as_u16(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Vul een geldig e-mailadres in"));
    assert!(
        html.contains("value=\"Piet &lt;b&gt;\""),
        "what was typed is kept, escaped"
    );
    assert!(
        html.contains("href=\"#veld-email\""),
        "the error summary links to the field"
    );

    // A post without a valid CSRF token (a first visit, an old tab): the form again, input kept.
    let stranger = client();
    let response = stranger
        .post(app.url(&path))
        .form(&[("name", "Marie Curie"), ("email", "marie@example.nl")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Dit formulier is verlopen") && html.contains("value=\"Marie Curie\""));

    let long = "a".repeat(10_000);
    let response = visitor
        .post(
            &page,
            &path,
            &[("name", &long), ("email", "piet@example.nl")],
        )
        .await;
    assert_eq!(response.status().as_u16(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("niet langer zijn dan 200 tekens")
    );
    assert!(
        sessions::registrations(app.db.read(), id)
            .await
            .unwrap()
            .is_empty()
    );

    for forged in [
        "/aanmelding/bevestigen/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "/aanmelding/bevestigen/kort",
        "/aanmelding/annuleren/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ] {
        let response = visitor.get(forged).await;
        assert_eq!(response.status().as_u16(), 404, "{forged}");
        assert!(
            response
                .text()
                .await
                .unwrap()
                .contains("Deze link werkt niet")
        );
        let post = visitor.press(forged).await;
        assert!(matches!(post.status().as_u16(), 303 | 404), "{forged}");
    }

    // A confirmation after the session started: a clear page, no seat.
    visitor.sign_up(id, "Laat", "laat@example.nl").await;
    let link = path_of(&confirm_link(&app, "laat@example.nl").await);
    app.clock.advance(Duration::days(7) + Duration::hours(1));
    let late = visitor.get(&link).await;
    assert_eq!(late.status().as_u16(), 410);
    assert!(late.text().await.unwrap().contains("al begonnen"));
    visitor.press(&link).await;
    assert_eq!(
        sessions::find(app.db.read(), id)
            .await
            .unwrap()
            .unwrap()
            .seats_taken,
        0
    );
}

#[tokio::test]
async fn the_reminder_goes_once_the_day_before() {
    let app = spawn_app().await;
    let process = published_process(&app).await;
    let id = session(&app, process, "5").await;
    let jan = Visitor::new(&app);
    jan.sign_up(id, "Jan", "jan@example.nl").await;
    jan.follow_and_press(&path_of(&confirm_link(&app, "jan@example.nl").await))
        .await;
    let starts = sessions::find(app.db.read(), id)
        .await
        .unwrap()
        .unwrap()
        .schedule
        .starts_at();
    app.clock
        .advance(starts - app.clock.now() - Duration::hours(20));
    for _ in 0..3 {
        let mailer = WebMailer {
            base_url: app.address.clone(),
            organiser_email: "noreply@example.nl".into(),
            lang: Lang::Nl,
            now: app.clock.now(),
        };
        jobs::run_once(&app.db, &mailer, app.clock.now())
            .await
            .unwrap();
    }
    let reminder = mail_to(&app, "jan@example.nl", "Herinnering").await;
    assert!(
        reminder
            .body
            .contains("https://meet.example.nl/geheime-kamer")
    );
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    let count = app
        .mails
        .all()
        .iter()
        .filter(|m| m.subject.contains("Herinnering"))
        .count();
    assert_eq!(count, 1);
}

#[tokio::test]
async fn calendar_feed_and_download_parse_and_keep_the_online_link_private() {
    let app = spawn_app().await;
    let process = published_process(&app).await;
    let id = session(&app, process, "5").await;
    let visitor = Visitor::new(&app);
    for path in [
        "/agenda.ics".to_owned(),
        format!("/bijeenkomsten/{id}/agenda.ics"),
    ] {
        let response = visitor.get(&path).await;
        assert_eq!(response.status().as_u16(), 200);
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/calendar")
        );
        let body = response.text().await.unwrap();
        assert!(body.contains("METHOD:PUBLISH"));
        assert!(!body.contains("geheime-kamer"), "{path}");
        assert_eq!(ics_start_hour(&body), 14, "{path}");
        assert!(body.contains(&format!("UID:session-{id}@")));
    }
    let agenda = visitor.html("/agenda").await;
    assert!(agenda.contains("Meedenksessie Open Inkoop"));
}

#[tokio::test]
async fn organiser_creates_a_session_exports_marks_attendance_publishes_a_report_and_approves_an_event()
 {
    let app = spawn_app().await;
    let process = published_process(&app).await;
    app.login_as_organiser().await;
    let new_page = format!("/beheer/processen/{process}/bijeenkomsten/nieuw");
    let day = inspraak_domain::time::local_date(app.clock.now() + Duration::days(3));
    let (starts, ends) = (format!("{day}T10:00"), format!("{day}T12:00"));
    // A mistake first: capacity "0" and a javascript: link are refused, input kept.
    let bad = app
        .post_form(
            &new_page,
            &new_page,
            &[
                ("kind", "event"),
                ("title", "Sneak preview"),
                ("description", "Kijk mee."),
                ("starts_at", &starts),
                ("ends_at", &ends),
                ("capacity", "0"),
                ("online_link", "javascript:alert(1)"),
            ],
        )
        .await;
    assert_eq!(bad.status().as_u16(), 422);
    let html = bad.text().await.unwrap();
    assert!(html.contains("moet minstens 1 zijn") && html.contains("moet beginnen met https://"));
    assert!(html.contains("value=\"Sneak preview\""));
    let created = app
        .post_form(
            &new_page,
            &new_page,
            &[
                ("kind", "event"),
                ("title", "Sneak preview"),
                ("description", "Kijk mee."),
                ("starts_at", &starts),
                ("ends_at", &ends),
                ("capacity", "10"),
                ("online_link", ""),
                ("ask_organisation", "1"),
            ],
        )
        .await;
    assert_eq!(created.status().as_u16(), 303);
    let edit = created.headers()["location"].to_str().unwrap().to_owned();
    let id = edit
        .trim_start_matches("/beheer/bijeenkomsten/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();

    let visitor = Visitor::new(&app);
    let sid = SessionId(id.parse().unwrap());
    visitor
        .sign_up(sid, "=HYPERLINK(\"http://x\")", "formule@example.nl")
        .await;
    visitor
        .follow_and_press(&path_of(&confirm_link(&app, "formule@example.nl").await))
        .await;

    let list = app
        .get_html(&format!("/beheer/bijeenkomsten/{id}/aanmeldingen"))
        .await;
    assert!(list.contains("formule@example.nl") && list.contains("Bevestigd"));
    let csv = app
        .get(&format!("/beheer/bijeenkomsten/{id}/aanmeldingen.csv"))
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    let ods = app
        .get(&format!("/beheer/bijeenkomsten/{id}/aanmeldingen.ods"))
        .await
        .bytes()
        .await
        .unwrap();
    assert!(ods.starts_with(b"PK"));
    assert!(String::from_utf8_lossy(&ods).contains("formule@example.nl"));

    let rows = sessions::registrations(app.db.read(), sid).await.unwrap();
    let present = rows[0].id.to_string();
    let attendance = app
        .post_form(
            &format!("/beheer/bijeenkomsten/{id}/aanmeldingen"),
            &format!("/beheer/bijeenkomsten/{id}/aanwezigheid"),
            &[("present", &present)],
        )
        .await;
    assert_eq!(attendance.status().as_u16(), 303);
    assert_eq!(
        sessions::registrations(app.db.read(), sid).await.unwrap()[0].attended,
        Some(true)
    );

    let message_page = format!("/beheer/bijeenkomsten/{id}/bericht");
    let form_key = {
        let html = app.get_html(&message_page).await;
        let start = html.find("name=\"form_key\" value=\"").unwrap() + 23;
        html[start..start + 43].to_owned()
    };
    for _ in 0..2 {
        app.post_form(
            &message_page,
            &message_page,
            &[
                ("form_key", &form_key),
                ("subject", "Nieuwe zaal"),
                ("body", "We zitten in zaal 2."),
            ],
        )
        .await;
    }
    mail_to(&app, "formule@example.nl", "Nieuwe zaal").await;

    let report_page = format!("/beheer/bijeenkomsten/{id}/verslag");
    let published = app
        .post_form(
            &report_page,
            &report_page,
            &[
                (
                    "report",
                    "## Wat we hoorden\nVeel goede ideeën. Zie https://example.nl/meer.",
                ),
                ("action", "publish"),
            ],
        )
        .await;
    assert_eq!(published.status().as_u16(), 303);
    let report_mail = mail_to(&app, "formule@example.nl", "Verslag").await;
    assert!(
        report_mail
            .body
            .contains(&format!("/bijeenkomsten/{id}#verslag"))
    );
    let messages = app
        .mails
        .all()
        .iter()
        .filter(|m| m.subject.contains("Nieuwe zaal"))
        .count();
    assert_eq!(messages, 1, "the same message form sent twice mails once");
    let public = visitor.html(&format!("/bijeenkomsten/{id}")).await;
    assert!(
        public.contains("<h3>Wat we hoorden</h3>")
            && public.contains("href=\"https://example.nl/meer\"")
    );

    // Meld bijeenkomst aan: shown after approval only.
    let proposed = visitor
        .post(
            "/agenda/bijeenkomst-aanmelden",
            "/agenda/bijeenkomst-aanmelden",
            &[
                ("title", "Open data meetup"),
                ("starts_at", &format!("{day}T19:30")),
                ("organiser", "Gemeente Utrecht"),
                ("link", "https://example.nl/meetup"),
            ],
        )
        .await;
    assert_eq!(proposed.status().as_u16(), 303);
    assert!(!visitor.html("/agenda").await.contains("Open data meetup"));
    let review = app.get_html("/beheer/agenda-voorstellen").await;
    assert!(review.contains("Open data meetup"));
    let proposal = sessions::list_proposals(
        app.db.read(),
        inspraak_domain::session::ProposalStatus::Pending,
    )
    .await
    .unwrap();
    app.post_form(
        "/beheer/agenda-voorstellen",
        &format!("/beheer/agenda-voorstellen/{}", proposal[0].id),
        &[("decision", "approve")],
    )
    .await;
    assert!(visitor.html("/agenda").await.contains("Open data meetup"));
}
