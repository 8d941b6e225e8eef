//! The weekly digest for followers, and mail to followers in the language they subscribed in:
//! a weekly follower gets nothing at once, one digest (with every publication of the week) after
//! the clock moves a week and the job runs, never a second one for the same week, nothing in a
//! week without news; an unconfirmed follower gets nothing at all.

use crate::helpers::{TestApp, csrf_token, link_starting_with, spawn_app};
use crate::publications::{press, publish_report, published_process};
use chrono::Duration;
use inspraak_store::publications;
use inspraak_web::follower_digest as digest;
use inspraak_web::mail::CapturedMail;

/// Subscribes `email` from a fresh browser in `lang`; returns the mailed confirmation link.
async fn subscribe_in(
    app: &TestApp,
    slug: &str,
    email: &str,
    frequency: &str,
    lang: &str,
) -> String {
    let visitor = app.new_visitor();
    let path = format!("/processen/{slug}/volgen");
    let page = visitor.get_html(&format!("{path}?lang={lang}")).await;
    let token = csrf_token(&page);
    let key_marker = "name=\"idempotency_key\" value=\"";
    let start = page.find(key_marker).unwrap() + key_marker.len();
    let key = &page[start..start + 43];
    let started = crate::public_forms::start_time(app, &page);
    let response = visitor
        .post_raw(
            &path,
            &[
                ("csrf_token", &token),
                ("email", email),
                ("frequency", frequency),
                ("website", ""),
                ("idempotency_key", key),
                ("form_started", &started),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let subject = if lang == "en" { "Confirm" } else { "Bevestig" };
    let mail = app
        .wait_for_mail(email, |m| m.subject.contains(subject))
        .await;
    link_starting_with(&mail.body, &app.address).unwrap()
}

fn mails_to(app: &TestApp, to: &str) -> Vec<CapturedMail> {
    app.mails
        .all()
        .into_iter()
        .filter(|m| m.to == to && !m.subject.contains("Bevestig") && !m.subject.contains("Confirm"))
        .collect()
}

async fn settle() {
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
}

#[tokio::test]
async fn a_weekly_follower_gets_one_digest_a_week_with_everything_and_an_unconfirmed_one_none() {
    let app = spawn_app().await;
    app.login_as_organiser().await;
    let (process, slug) = published_process(&app).await;
    let confirm = subscribe_in(&app, &slug, "wekelijks@example.nl", "weekly", "nl").await;
    assert_eq!(press(&app, &confirm).await.status().as_u16(), 200);
    let _unconfirmed = subscribe_in(&app, &slug, "twijfel@example.nl", "weekly", "nl").await;

    publish_report(&app, process, "Update 1").await;
    publish_report(&app, process, "Update 2").await;
    settle().await;
    assert!(
        mails_to(&app, "wekelijks@example.nl").is_empty(),
        "a weekly follower gets nothing at once"
    );
    // Before the week is over the job sends nothing.
    assert_eq!(
        digest::run_once(&app.state, app.clock.now()).await.unwrap(),
        0
    );

    app.clock.advance(Duration::days(7) + Duration::minutes(1));
    assert_eq!(
        digest::run_once(&app.state, app.clock.now()).await.unwrap(),
        1
    );
    let mail = app
        .wait_for_mail("wekelijks@example.nl", |m| {
            m.subject.starts_with("Weekoverzicht")
        })
        .await;
    assert!(mail.subject.contains("2 nieuw"), "{}", mail.subject);
    assert!(
        mail.body.contains("Update 1") && mail.body.contains("Update 2"),
        "{}",
        mail.body
    );
    assert!(mail.body.contains("/voortgang#rapportage-"));
    let unsubscribe = mail.list_unsubscribe.clone().expect("List-Unsubscribe");
    assert!(unsubscribe.ends_with("/afmelden"));
    assert!(mail.body.contains(&unsubscribe));

    // Running again (a restart, a second instance) sends nothing twice.
    assert_eq!(
        digest::run_once(&app.state, app.clock.now()).await.unwrap(),
        0
    );
    // A week without news: no mail.
    app.clock.advance(Duration::days(7) + Duration::minutes(1));
    assert_eq!(
        digest::run_once(&app.state, app.clock.now()).await.unwrap(),
        0
    );
    settle().await;
    assert_eq!(mails_to(&app, "wekelijks@example.nl").len(), 1);
    assert!(mails_to(&app, "twijfel@example.nl").is_empty());

    // The next week's news comes in the next digest, and only that. (Two weeks on, the
    // organiser's login has expired: the report goes in through the store, as publishing does.)
    publications::insert_report(
        app.db.write(),
        process,
        publications::NewReportTexts {
            title: "Update 3",
            title_translation: None,
            body: "Verder.",
            body_translation: None,
        },
        chrono::NaiveDate::from_ymd_opt(2021, 5, 1).unwrap(),
        app.clock.now(),
    )
    .await
    .unwrap();
    app.clock.advance(Duration::days(7) + Duration::minutes(1));
    assert_eq!(
        digest::run_once(&app.state, app.clock.now()).await.unwrap(),
        1
    );
    let second = app
        .wait_for_mail("wekelijks@example.nl", |m| {
            m.subject.starts_with("Weekoverzicht") && m.body.contains("Update 3")
        })
        .await;
    assert!(!second.body.contains("Update 1"));
    assert!(mails_to(&app, "twijfel@example.nl").is_empty());
}

#[tokio::test]
async fn followers_get_mail_in_the_language_they_subscribed_in() {
    let app = spawn_app().await;
    app.login_as_organiser().await;
    let (process, slug) = published_process(&app).await;
    let confirm = subscribe_in(&app, &slug, "reader@example.org", "immediate", "en").await;
    assert_eq!(press(&app, &confirm).await.status().as_u16(), 200);
    let weekly = subscribe_in(&app, &slug, "weekly@example.org", "weekly", "en").await;
    assert_eq!(press(&app, &weekly).await.status().as_u16(), 200);
    let dutch = subscribe_in(&app, &slug, "lezer@example.nl", "immediate", "nl").await;
    assert_eq!(press(&app, &dutch).await.status().as_u16(), 200);

    publish_report(&app, process, "Update 1").await;
    let english = app
        .wait_for_mail("reader@example.org", |m| m.subject.contains("Update 1"))
        .await;
    assert!(english.subject.starts_with("New at"), "{}", english.subject);
    assert!(english.body.contains("Stop following"));
    let nl = app
        .wait_for_mail("lezer@example.nl", |m| m.subject.contains("Update 1"))
        .await;
    assert!(nl.subject.starts_with("Nieuw bij"), "{}", nl.subject);

    app.clock.advance(Duration::days(7) + Duration::minutes(1));
    assert_eq!(
        digest::run_once(&app.state, app.clock.now()).await.unwrap(),
        1
    );
    let digest_mail = app
        .wait_for_mail("weekly@example.org", |m| {
            m.subject.starts_with("Weekly overview")
        })
        .await;
    assert!(digest_mail.body.contains("Update 1"));
}
