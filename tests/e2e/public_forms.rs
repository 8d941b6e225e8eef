//! Issue 23: every form a visitor without an account posts goes through one gate
//! (`flows::public_form`), so each answers a missing CSRF token, a filled honeypot, a form sent
//! too fast, a missing or another visitor's start time, a replayed idempotency key and one post
//! over the per-address limit the same way.

use crate::consultation::{self, hidden};
use crate::helpers::{TestApp, csrf_token, spawn_app};
use chrono::Duration;
use inspraak_domain::session::ProposalStatus;
use inspraak_domain::{SessionId, SubscriptionId};
use inspraak_store::{contact, ideas, print_orders, process, publications, session};
use inspraak_web::flows::public_form::{self, MIN_FILL_SECONDS};

/// The form's signed start time, after waiting as long as a person takes to fill it in.
pub fn start_time(app: &TestApp, page: &str) -> String {
    app.clock.advance(Duration::seconds(MIN_FILL_SECONDS));
    hidden(page, "form_started")
}

/// The idempotency key and start time of a fetched form, after a person's fill time.
pub fn gate_fields(app: &TestApp, page: &str) -> [String; 2] {
    [hidden(page, "idempotency_key"), start_time(app, page)]
}

/// A public form under test.
enum Under {
    Consultation(consultation::Setup),
    Idea(crate::ideas::IdeaSetup),
    Follow { slug: String },
    SignUp(SessionId),
    Proposal,
    Contact,
    PrintOrder { slug: String },
}

impl Under {
    fn name(&self) -> &'static str {
        match self {
            Under::Consultation(_) => "consultation",
            Under::Idea(_) => "idea",
            Under::Follow { .. } => "follow",
            Under::SignUp(_) => "session sign-up",
            Under::Proposal => "propose an event",
            Under::Contact => "contact",
            Under::PrintOrder { .. } => "print order",
        }
    }

    fn page(&self) -> String {
        match self {
            Under::Consultation(s) => format!("/processen/{}/consultatie", s.slug),
            Under::Idea(s) => s.form_path(),
            Under::Follow { slug } => format!("/processen/{slug}/volgen"),
            Under::SignUp(id) => format!("/bijeenkomsten/{id}"),
            Under::Proposal => "/agenda/bijeenkomst-aanmelden".into(),
            Under::Contact => "/contact".into(),
            Under::PrintOrder { slug } => format!("/processen/{slug}/actieplan/bestellen"),
        }
    }

    fn action(&self) -> String {
        match self {
            Under::Consultation(s) => {
                format!("/processen/{}/consultatie/{}", s.slug, s.consultation)
            }
            Under::Idea(s) => s.form_path(),
            Under::Follow { slug } => format!("/processen/{slug}/volgen"),
            Under::SignUp(id) => format!("/bijeenkomsten/{id}/aanmelden"),
            Under::Proposal => "/agenda/bijeenkomst-aanmelden".into(),
            Under::Contact => "/contact".into(),
            Under::PrintOrder { slug } => format!("/processen/{slug}/actieplan/bestellen"),
        }
    }

    fn limit(&self) -> u64 {
        match self {
            Under::Consultation(_) => public_form::CONSULTATION.limit,
            Under::Idea(_) => public_form::IDEA.limit,
            Under::Follow { .. } => public_form::FOLLOW.limit,
            Under::SignUp(_) => public_form::SIGN_UP.limit,
            Under::Proposal => public_form::PROPOSAL.limit,
            Under::Contact => public_form::CONTACT.limit,
            Under::PrintOrder { .. } => public_form::PRINT_ORDER.limit,
        }
    }

    fn window(&self) -> Duration {
        let minutes = match self {
            Under::Consultation(_) => public_form::CONSULTATION.window_minutes,
            Under::Idea(_) => public_form::IDEA.window_minutes,
            Under::Follow { .. } => public_form::FOLLOW.window_minutes,
            Under::SignUp(_) => public_form::SIGN_UP.window_minutes,
            Under::Proposal => public_form::PROPOSAL.window_minutes,
            Under::Contact => public_form::CONTACT.window_minutes,
            Under::PrintOrder { .. } => public_form::PRINT_ORDER.window_minutes,
        };
        Duration::minutes(minutes)
    }

    /// A valid filling; `marker` is typed text that must come back when the form is refused.
    fn fields(&self, marker: &str) -> Vec<(String, String)> {
        match self {
            Under::Consultation(s) => vec![(s.field(0), marker.to_owned())],
            Under::Idea(s) => vec![
                ("theme".into(), s.themes[0].to_string()),
                ("title".into(), marker.to_owned()),
                ("body".into(), "Zet de stukken online.".into()),
            ],
            Under::Follow { .. } => vec![
                ("email".into(), format!("{marker}@example.nl")),
                ("frequency".into(), "immediate".into()),
            ],
            Under::SignUp(_) => vec![
                ("name".into(), marker.to_owned()),
                ("email".into(), format!("{marker}@example.nl")),
            ],
            Under::Proposal => vec![
                ("title".into(), marker.to_owned()),
                ("starts_at".into(), "2030-05-01T14:00".into()),
                ("organiser".into(), "Gemeente A".into()),
                ("link".into(), "https://example.org/open-dag".into()),
            ],
            Under::Contact => vec![
                ("email".into(), "iemand@example.nl".into()),
                ("message".into(), marker.to_owned()),
            ],
            Under::PrintOrder { .. } => vec![
                ("name".into(), marker.to_owned()),
                ("address".into(), "Dorpsstraat 1\n1234 AB Lindendal".into()),
                ("copies".into(), "1".into()),
            ],
        }
    }

    /// What it stored.
    async fn stored(&self, app: &TestApp) -> usize {
        match self {
            Under::Consultation(s) => s.counts(app).await.0 as usize,
            Under::Idea(s) => ideas::all_for_process(app.db.read(), s.process)
                .await
                .unwrap()
                .len(),
            Under::Follow { .. } => {
                let mut found = 0;
                for id in 1..=60 {
                    let row = publications::find_subscription(app.db.read(), SubscriptionId(id));
                    found += usize::from(row.await.unwrap().is_some());
                }
                found
            }
            Under::SignUp(id) => session::registrations(app.db.read(), *id)
                .await
                .unwrap()
                .len(),
            Under::Proposal => session::list_proposals(app.db.read(), ProposalStatus::Pending)
                .await
                .unwrap()
                .len(),
            Under::Contact => {
                let open = contact::list(app.db.read(), false).await.unwrap();
                let handled = contact::list(app.db.read(), true).await.unwrap();
                open.len() + handled.len()
            }
            Under::PrintOrder { .. } => print_orders::list(app.db.read()).await.unwrap().len(),
        }
    }
}

/// A fetched form: its page and its hidden fields.
struct Opened {
    csrf: String,
    key: String,
    started: String,
}

async fn open(app: &TestApp, under: &Under) -> Opened {
    let page = app.get_html(&under.page()).await;
    Opened {
        csrf: csrf_token(&page),
        key: hidden(&page, "idempotency_key"),
        started: hidden(&page, "form_started"),
    }
}

/// Posts the form; `drop` leaves a hidden field out, `extra` replaces or adds one.
async fn send(
    app: &TestApp,
    under: &Under,
    form: &Opened,
    marker: &str,
    drop: Option<&str>,
    extra: &[(&str, &str)],
) -> reqwest::Response {
    let mut fields: Vec<(String, String)> = vec![
        ("csrf_token".into(), form.csrf.clone()),
        ("idempotency_key".into(), form.key.clone()),
        ("form_started".into(), form.started.clone()),
        ("website".into(), String::new()),
    ];
    fields.retain(|(name, _)| Some(name.as_str()) != drop);
    fields.extend(under.fields(marker));
    for (name, value) in extra {
        fields.retain(|(n, _)| n != name);
        fields.push(((*name).to_owned(), (*value).to_owned()));
    }
    app.client
        .post(app.url(&under.action()))
        .form(&fields)
        .send()
        .await
        .unwrap()
}

/// The form came back refused with `status`, the typed text kept, and nothing was stored.
async fn assert_refused(
    app: &TestApp,
    under: &Under,
    response: reqwest::Response,
    status: u16,
    marker: &str,
    case: &str,
    before: usize,
) {
    let name = under.name();
    assert_eq!(response.status().as_u16(), status, "{name}: {case}");
    let page = response.text().await.unwrap();
    assert!(page.contains(marker), "{name}: {case}: typed text kept");
    assert!(
        page.contains("name=\"form_started\""),
        "{name}: {case}: a fresh start time"
    );
    assert_eq!(
        under.stored(app).await,
        before,
        "{name}: {case}: nothing stored"
    );
}

async fn every_refusal_the_same(app: &TestApp, under: &Under) {
    let name = under.name();
    let before = under.stored(app).await;

    let form = open(app, under).await;
    app.clock.advance(Duration::seconds(MIN_FILL_SECONDS));
    let response = send(app, under, &form, "zondertoken", Some("csrf_token"), &[]).await;
    assert_refused(
        app,
        under,
        response,
        422,
        "zondertoken",
        "missing CSRF token",
        before,
    )
    .await;

    let form = open(app, under).await;
    app.clock.advance(Duration::seconds(MIN_FILL_SECONDS));
    let trap = [("website", "https://spam.example")];
    let response = send(app, under, &form, "honingpot", None, &trap).await;
    assert_refused(
        app,
        under,
        response,
        422,
        "honingpot",
        "filled honeypot",
        before,
    )
    .await;

    let form = open(app, under).await;
    let response = send(app, under, &form, "tesnel", None, &[]).await;
    assert_refused(app, under, response, 422, "tesnel", "sent too fast", before).await;

    let form = open(app, under).await;
    app.clock.advance(Duration::seconds(MIN_FILL_SECONDS));
    let response = send(app, under, &form, "zonderstart", Some("form_started"), &[]).await;
    assert_refused(
        app,
        under,
        response,
        422,
        "zonderstart",
        "no start time",
        before,
    )
    .await;

    // A start time and key handed out to another visitor do not pass for this one.
    let foreign = open(&app.new_visitor(), under).await;
    let own = open(app, under).await;
    app.clock.advance(Duration::seconds(MIN_FILL_SECONDS));
    let form = Opened {
        csrf: own.csrf,
        key: foreign.key,
        started: foreign.started,
    };
    let response = send(app, under, &form, "vreemd", None, &[]).await;
    assert_refused(
        app,
        under,
        response,
        422,
        "vreemd",
        "another visitor's start time",
        before,
    )
    .await;

    // The same form twice (a double click): both answered as sent, stored once.
    let form = open(app, under).await;
    app.clock.advance(Duration::seconds(MIN_FILL_SECONDS));
    let first = send(app, under, &form, "tweekeer", None, &[]).await;
    assert_eq!(first.status().as_u16(), 303, "{name}: first post");
    let second = send(app, under, &form, "tweekeer", None, &[]).await;
    assert_eq!(second.status().as_u16(), 303, "{name}: replayed key");
    assert_eq!(under.stored(app).await, before + 1, "{name}: stored once");

    // A fresh window: the limit's worth is taken in, the next post is refused with 429.
    app.clock.advance(under.window() + Duration::minutes(1));
    let before = under.stored(app).await;
    for n in 0..under.limit() {
        let form = open(app, under).await;
        app.clock.advance(Duration::seconds(MIN_FILL_SECONDS));
        let response = send(app, under, &form, &format!("binnen{n}"), None, &[]).await;
        assert_eq!(
            response.status().as_u16(),
            303,
            "{name}: post {n} within the limit"
        );
    }
    let stored = under.stored(app).await;
    assert_eq!(
        stored,
        before + under.limit() as usize,
        "{name}: all within the limit"
    );
    let form = open(app, under).await;
    app.clock.advance(Duration::seconds(MIN_FILL_SECONDS));
    let response = send(app, under, &form, "teveel", None, &[]).await;
    assert_refused(
        app,
        under,
        response,
        429,
        "teveel",
        "over the limit",
        stored,
    )
    .await;
}

#[tokio::test]
async fn every_public_form_refuses_the_same_way() {
    let app = spawn_app().await;
    let setup = consultation::setup(&app, &[("short_text", false)]).await;
    // Followers follow the same (published) process.
    let slug = setup.slug.clone();
    let print_slug = slug.clone();
    every_refusal_the_same(&app, &Under::Consultation(setup)).await;
    let setup = crate::ideas::setup(&app).await;
    every_refusal_the_same(&app, &Under::Idea(setup)).await;
    let process = process::find_public_by_slug(app.db.read(), &slug)
        .await
        .unwrap()
        .unwrap();
    every_refusal_the_same(&app, &Under::Follow { slug }).await;
    // Room for the limit's worth of sign-ups and the ones before.
    let session = crate::session::session(&app, process.id, "100").await;
    every_refusal_the_same(&app, &Under::SignUp(session)).await;
    every_refusal_the_same(&app, &Under::Proposal).await;
    every_refusal_the_same(&app, &Under::Contact).await;
    every_refusal_the_same(&app, &Under::PrintOrder { slug: print_slug }).await;
}
