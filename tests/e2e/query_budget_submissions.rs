//! Query budgets for the public submissions (issue #22): how many statements a consultation
//! response, an idea and a session sign-up send, counted by `Db::statement_count` around one
//! request (background jobs are not counted). A change that sends more fails here; lower the
//! budget when a change sends fewer. Run on both engines (`INSPRAAK_E2E_ENGINE=postgres`).
//!
//! A statement is one trip between the request's task and the database connection (`BEGIN` and
//! `COMMIT` are trips too but not statements to sea-orm, so they are not counted); on SQLite a
//! write statement inside a transaction is also time holding the one writer. See
//! `docs/benchmarks.md`, "Submissions in one trip (issue #22)".

use crate::consultation::{self, EVERY_KIND, Form, hidden};
use crate::helpers::{TestApp, csrf_token, spawn_app};
use chrono::Duration;
use inspraak_store::consultation::admin;
use inspraak_store::{ideas, session};
use inspraak_web::flows::public_form::MIN_FILL_SECONDS;
use std::future::Future;

/// The budgets, the same on SQLite and PostgreSQL. In brackets: what the code before issue #22
/// sent (the throttle slot in its own write and its give-back in another, the consultation
/// read before and after its counter, each new row read back after its insert).
mod budget {
    /// GET of the consultation form (nine questions): process, consultation, questions, themes,
    /// retention period, plus the content-version check of the public page cache (`read::cache`;
    /// a second visit costs only that one). [5]
    pub const CONSULTATION_FORM: u64 = 6;
    /// POST of a new response without an e-mail address: the content-version check, the form's
    /// read model from memory (the one the form page just read: responses do not change the
    /// content version, migration 000027), then, written alone by the response writer (a busy
    /// moment shares one transaction between many, `consultation::batch`), in one transaction
    /// throttle slot, response (id by RETURNING), counter (window by RETURNING), answers, trace
    /// token, running counts. [14; 11 before the writer]
    pub const CONSULTATION_POST: u64 = 7;
    /// The same with an e-mail address: + retention period, address, outbox mail. [18; 14]
    pub const CONSULTATION_POST_WITH_EMAIL: u64 = 10;
    /// The same form posted again: the version check, throttle slot, the insert that does
    /// nothing, the stored receipt; rolled back. [10; 8]
    pub const CONSULTATION_REPLAY: u64 = 4;
    /// GET of the idea form: process, phases, idea settings, themes. [4]
    pub const IDEA_FORM: u64 = 4;
    /// POST of a new idea: the four reads, moderation setting, then throttle slot, idea (id by
    /// RETURNING), trace token. [9]
    pub const IDEA_POST: u64 = 8;
    /// GET of a session's page with the sign-up form. [4]
    pub const SIGN_UP_FORM: u64 = 4;
    /// POST of a sign-up: session and process reads, then throttle slot, registration (id by
    /// RETURNING), retention period, registrant, its read-back, two tokens, the confirmation
    /// mail (id by RETURNING). [14]
    pub const SIGN_UP_POST: u64 = 12;
}

/// What `work` returned and how many statements the app sent meanwhile.
async fn counted<T>(app: &TestApp, work: impl Future<Output = T>) -> (T, u64) {
    let before = app.db.statement_count();
    let out = work.await;
    (out, app.db.statement_count() - before)
}

fn within(what: &str, sent: u64, budget: u64) {
    println!("{what}: {sent} statements (budget {budget})");
    assert!(
        sent <= budget,
        "{what} sent {sent} statements, over its budget of {budget}: fold the new statement \
         into an existing one, or raise the budget in this file with the reason"
    );
}

async fn open_consultation(app: &TestApp, setup: &consultation::Setup) -> (Form, u64) {
    let (form, sent) = counted(app, setup.open_form(app)).await;
    app.clock.advance(Duration::seconds(MIN_FILL_SECONDS));
    (form, sent)
}

/// An app with an open consultation, its clock a few seconds into a minute: the page cache keeps
/// read models per minute of the app clock, so a test of about ten seconds of app time stays in
/// one and every count is the same on every run.
async fn app_in_one_minute() -> (TestApp, consultation::Setup) {
    let app = spawn_app().await;
    let second = i64::from(chrono::Timelike::second(&app.clock.now()));
    app.clock.advance(Duration::seconds(65 - second));
    let setup = consultation::setup(&app, &EVERY_KIND).await;
    (app, setup)
}

#[tokio::test]
async fn a_consultation_response_stays_within_its_statement_budget() {
    let (app, setup) = app_in_one_minute().await;
    let with_email = setup.full_answers();
    let without: Vec<(String, String)> = with_email
        .iter()
        .filter(|(name, _)| !name.starts_with(&setup.field(8)))
        .cloned()
        .collect();

    let (form, sent) = open_consultation(&app, &setup).await;
    within("consultation form", sent, budget::CONSULTATION_FORM);
    let (response, sent) = counted(&app, consultation::post(&app, &form, &without, &[])).await;
    assert_eq!(response.status().as_u16(), 303, "stored");
    within("consultation response", sent, budget::CONSULTATION_POST);
    assert_eq!(setup.counts(&app).await.0, 1, "one response counted");

    let (response, sent) = counted(&app, consultation::post(&app, &form, &without, &[])).await;
    assert_eq!(
        response.status().as_u16(),
        303,
        "a replay shows the receipt"
    );
    within("consultation replay", sent, budget::CONSULTATION_REPLAY);
    assert_eq!(setup.counts(&app).await.0, 1, "a replay stores nothing");

    let (form, _) = open_consultation(&app, &setup).await;
    let (response, sent) = counted(&app, consultation::post(&app, &form, &with_email, &[])).await;
    assert_eq!(response.status().as_u16(), 303, "stored with an address");
    within(
        "consultation response with an address",
        sent,
        budget::CONSULTATION_POST_WITH_EMAIL,
    );
    assert_eq!(setup.counts(&app).await.0, 2);
    app.wait_for_mail("inwoner@example.nl", |_| true).await;
}

/// A response changes no public page, so the instance that stored it does not ask the database
/// for the content version again on its next page (an organiser's change does:
/// `public_cache::the_instance_that_made_a_change_shows_it_on_its_next_page`): at a deadline
/// rush, reopening the form costs no statement within the check interval.
#[tokio::test]
async fn a_stored_response_leaves_the_next_form_page_to_memory() {
    let (app, setup) = app_in_one_minute().await;
    let quiet = app.sibling(&[("INSPRAAK_CONTENT_CHECK_MS", "10000")]).await;
    let answers: Vec<(String, String)> = setup
        .full_answers()
        .into_iter()
        .filter(|(name, _)| !name.starts_with(&setup.field(8)))
        .collect();
    let form = setup.open_form(&quiet).await;
    let (_, sent) = counted(&quiet, setup.open_form(&quiet)).await;
    assert_eq!(sent, 0, "the form from memory within the interval");
    quiet.clock.advance(Duration::seconds(MIN_FILL_SECONDS));
    let response = consultation::post(&quiet, &form, &answers, &[]).await;
    assert_eq!(response.status().as_u16(), 303, "stored");
    assert_eq!(setup.counts(&quiet).await.0, 1);
    let (_, sent) = counted(&quiet, setup.open_form(&quiet)).await;
    within("the form after a stored response", sent, 0);
}

/// The other way round: when the questions changed on another instance (or by the CLI) while a
/// form was open here, the response is sent back with the new questions, and the next form page
/// of this instance shows them too instead of its older copy in memory.
#[tokio::test]
async fn a_response_refused_for_changed_questions_makes_the_next_form_page_current() {
    let (app, setup) = app_in_one_minute().await;
    let quiet = app.sibling(&[("INSPRAAK_CONTENT_CHECK_MS", "10000")]).await;
    let form = setup.open_form(&quiet).await;
    let removed = "Vraag 2 (long_text)";
    let path = format!("/processen/{}/consultatie", setup.slug);
    assert!(quiet.get_html(&path).await.contains(removed));
    let now = app.clock.now();
    admin::remove_question(app.db.write(), setup.consultation, setup.questions[1], now)
        .await
        .unwrap();
    quiet.clock.advance(Duration::seconds(MIN_FILL_SECONDS));
    let response = consultation::post(&quiet, &form, &setup.full_answers(), &[]).await;
    assert_eq!(response.status().as_u16(), 422, "sent back");
    assert!(!response.text().await.unwrap().contains(removed));
    assert_eq!(setup.counts(&quiet).await.0, 0, "nothing stored");
    assert!(
        !quiet.get_html(&path).await.contains(removed),
        "the next form page has the new questions"
    );
}

#[tokio::test]
async fn an_idea_stays_within_its_statement_budget() {
    let app = spawn_app().await;
    let setup = crate::ideas::setup(&app).await;
    let (page, sent) = counted(&app, app.get_html(&setup.form_path())).await;
    within("idea form", sent, budget::IDEA_FORM);
    app.clock.advance(Duration::seconds(MIN_FILL_SECONDS));
    let theme = setup.themes[0].to_string();
    let fields = [
        ("csrf_token", csrf_token(&page)),
        ("idempotency_key", hidden(&page, "idempotency_key")),
        ("form_started", hidden(&page, "form_started")),
        ("theme", theme),
        ("title", "Open vergaderingen".to_owned()),
        ("body", "Zet de stukken online.".to_owned()),
    ];
    let post = app
        .client
        .post(app.url(&setup.form_path()))
        .form(&fields)
        .send();
    let (response, sent) = counted(&app, post).await;
    assert_eq!(response.unwrap().status().as_u16(), 303, "stored");
    within("idea", sent, budget::IDEA_POST);
    let stored = ideas::all_for_process(app.db.read(), setup.process)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
}

#[tokio::test]
async fn a_session_sign_up_stays_within_its_statement_budget() {
    let app = spawn_app().await;
    let setup = consultation::setup(&app, &[("short_text", false)]).await;
    let process = inspraak_store::process::find_public_by_slug(app.db.read(), &setup.slug)
        .await
        .unwrap()
        .unwrap();
    let session = crate::session::session(&app, process.id, "10").await;
    let path = format!("/bijeenkomsten/{session}");
    let (page, sent) = counted(&app, app.get_html(&path)).await;
    within(
        "session page with the sign-up form",
        sent,
        budget::SIGN_UP_FORM,
    );
    app.clock.advance(Duration::seconds(MIN_FILL_SECONDS));
    let fields = [
        ("csrf_token", csrf_token(&page)),
        ("idempotency_key", hidden(&page, "idempotency_key")),
        ("form_started", hidden(&page, "form_started")),
        ("website", String::new()),
        ("name", "Anna".to_owned()),
        ("email", "anna@example.nl".to_owned()),
    ];
    let post = app
        .client
        .post(app.url(&format!("{path}/aanmelden")))
        .form(&fields)
        .send();
    let (response, sent) = counted(&app, post).await;
    assert_eq!(response.unwrap().status().as_u16(), 303, "signed up");
    within("session sign-up", sent, budget::SIGN_UP_POST);
    let registrations = session::registrations(app.db.read(), session)
        .await
        .unwrap();
    assert_eq!(registrations.len(), 1);
    app.wait_for_mail("anna@example.nl", |_| true).await;
}
