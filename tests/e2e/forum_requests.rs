//! Issue 24, asking to join the stakeholder forum: a visitor's request (a public form) lands in
//! the organisers' queue (counted on the dashboard); accepting mails the usual forum invitation,
//! which works; declining mails an answer. Both mails carry the erase link, which deletes the
//! request; the retention purge empties handled requests. Audit rows for each decision.

use crate::consultation::hidden;
use crate::helpers::{TestApp, csrf_token, link_starting_with, spawn_app};
use chrono::Duration;
use inspraak_domain::AuditAction;
use inspraak_store::{forum_requests, privacy};
use inspraak_web::flows::public_form::MIN_FILL_SECONDS;

/// Fills in the request form as a new visitor; returns the response.
async fn ask(app: &TestApp, name: &str, email: &str, motivation: &str) -> reqwest::Response {
    let visitor = app.new_visitor();
    let page = visitor.get_html("/forum/aanmelden").await;
    let fields = [
        ("csrf_token", csrf_token(&page)),
        ("idempotency_key", hidden(&page, "idempotency_key")),
        ("form_started", hidden(&page, "form_started")),
        ("website", String::new()),
        ("name", name.to_owned()),
        ("email", email.to_owned()),
        ("organisation", "Buurtvereniging Oost".to_owned()),
        ("motivation", motivation.to_owned()),
    ];
    app.clock.advance(Duration::seconds(MIN_FILL_SECONDS));
    visitor
        .client
        .post(app.url("/forum/aanmelden"))
        .form(&fields)
        .send()
        .await
        .unwrap()
}

async fn decide(org: &TestApp, id: i64, decision: &str) -> String {
    let response = org
        .post_form(
            "/beheer/forum-aanvragen",
            &format!("/beheer/forum-aanvragen/{id}"),
            &[("decision", decision)],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    response.headers()["location"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_forum_request_is_accepted_with_the_invitation_or_declined_with_a_mail() {
    let app = spawn_app().await;
    // The way in: the process page's forum block and the forum's login page link the form.
    let s = crate::ideas::setup(&app).await;
    assert!(
        app.get_html(&format!("/processen/{}", s.slug))
            .await
            .contains("href=\"/forum/aanmelden\"")
    );
    assert!(
        app.get_html("/inloggen?next=/forum")
            .await
            .contains("href=\"/forum/aanmelden\"")
    );

    let bad = ask(&app, "Anna", "geen-adres", "Ik woon in de wijk.").await;
    assert_eq!(bad.status().as_u16(), 422);
    let page = bad.text().await.unwrap();
    assert!(page.contains("value=\"geen-adres\"") && page.contains("Ik woon in de wijk."));

    let sent = ask(
        &app,
        "Anna Aanvrager",
        "anna@example.nl",
        "Ik woon in de wijk.",
    )
    .await;
    assert_eq!(sent.status().as_u16(), 303);
    assert_eq!(sent.headers()["location"], "/forum/aanmelden/bedankt");
    let sent = ask(
        &app,
        "Bert Bezwaar",
        "bert@example.nl",
        "Ik wil alles tegenhouden.",
    )
    .await;
    assert_eq!(sent.status().as_u16(), 303);

    let org = app.new_visitor();
    org.login_as_organiser().await;
    let dashboard = org.get_html("/beheer").await;
    assert!(dashboard.contains("href=\"/beheer/forum-aanvragen\""));
    let queue = org.get_html("/beheer/forum-aanvragen").await;
    assert!(queue.contains("Anna Aanvrager") && queue.contains("Bert Bezwaar"));
    let open = forum_requests::list_open(app.db.read()).await.unwrap();
    let (anna, bert) = (open[0].id, open[1].id);

    assert_eq!(
        decide(&org, anna, "accept").await,
        "/beheer/forum-aanvragen?besluit=uitgenodigd"
    );
    assert_eq!(
        decide(&org, bert, "decline").await,
        "/beheer/forum-aanvragen?besluit=afgewezen"
    );
    assert_eq!(
        decide(&org, bert, "accept").await,
        "/beheer/forum-aanvragen?besluit=al-behandeld",
        "decided once"
    );
    let queue = org.get_html("/beheer/forum-aanvragen").await;
    assert!(!queue.contains("Anna Aanvrager") && !queue.contains("Bert Bezwaar"));

    // Accepted: the usual invitation, which makes a forum member.
    let mail = app
        .wait_for_mail("anna@example.nl", |m| {
            m.body.contains("/forum/uitnodiging/")
        })
        .await;
    assert!(mail.body.contains("/gegevens-wissen/"), "erase link");
    let link = link_starting_with(&mail.body, &app.url("/forum/uitnodiging/")).unwrap();
    let path = link.trim_start_matches(&app.address).to_owned();
    let member = app.new_visitor();
    let joined = member
        .post_form(
            &path,
            &path,
            &[
                ("name", "Anna Aanvrager"),
                ("organisation", ""),
                ("password", "een heel lang wachtwoord"),
            ],
        )
        .await;
    assert_eq!(joined.status().as_u16(), 303);
    assert_eq!(member.get("/forum").await.status().as_u16(), 200);

    // Declined: a mail saying so, whose erase link deletes the request.
    let mail = app
        .wait_for_mail("bert@example.nl", |m| {
            m.body.contains("niet uit te nodigen")
        })
        .await;
    let erase = link_starting_with(&mail.body, &app.url("/gegevens-wissen/")).unwrap();
    let erase = erase.trim_start_matches(&app.address).to_owned();
    let visitor = app.new_visitor();
    let erased = visitor.post_form(&erase, &erase, &[]).await;
    assert!(erased.status().is_success() || erased.status().as_u16() == 303);
    let held = privacy::holding(app.db.read(), "bert@example.nl", Some("Bert Bezwaar"))
        .await
        .unwrap();
    assert!(
        !held
            .iter()
            .any(|(table, _, _)| *table == "forum_join_requests"),
        "{held:?}"
    );

    // Retention: a month after the decision the request keeps no name or address.
    let held = privacy::holding(app.db.read(), "anna@example.nl", Some("Anna Aanvrager"))
        .await
        .unwrap();
    assert!(
        held.iter()
            .any(|(table, _, _)| *table == "forum_join_requests")
    );
    let later = app.clock.now()
        + Duration::days(forum_requests::KEEP_DAYS_AFTER_HANDLING)
        + Duration::hours(1);
    assert_eq!(
        forum_requests::purge_handled(app.db.write(), later)
            .await
            .unwrap(),
        1
    );
    let held = privacy::holding(app.db.read(), "anna@example.nl", Some("Anna Aanvrager"))
        .await
        .unwrap();
    assert!(
        !held
            .iter()
            .any(|(table, _, _)| *table == "forum_join_requests"),
        "{held:?}"
    );

    let filter = inspraak_store::audit::Filter {
        action: Some(AuditAction::ForumRequestHandled),
        actor: None,
    };
    let (_, total) = inspraak_store::audit::page(app.db.read(), &filter, 0, 10)
        .await
        .unwrap();
    assert_eq!(total, 2);
}

#[tokio::test]
async fn the_request_form_works_in_english() {
    let app = spawn_app().await;
    let page = app.get_html("/forum/aanmelden?lang=en").await;
    assert!(page.contains("Join the stakeholder forum"), "{page}");
    assert!(page.contains("lang=\"en\""));
}
