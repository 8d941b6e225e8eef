//! Action point progress updates and consultation outcomes are publications too: they appear on
//! the timeline and in the Atom feeds, and reach the process's followers once.

use crate::helpers::{TestApp, csrf_token, link_starting_with};
use crate::publications::{press, published_process};
use inspraak_domain::ProcessId;

/// Subscribes and confirms `email` as an immediate follower of the process `slug`.
async fn follow(app: &TestApp, slug: &str, email: &str) {
    let visitor = app.new_visitor();
    let path = format!("/processen/{slug}/volgen");
    let page = visitor.get_html(&path).await;
    let token = csrf_token(&page);
    let marker = "name=\"idempotency_key\" value=\"";
    let start = page.find(marker).unwrap() + marker.len();
    let key = page[start..start + 43].to_owned();
    let response = visitor
        .post_raw(
            &path,
            &[
                ("csrf_token", &token),
                ("email", email),
                ("frequency", "immediate"),
                ("website", ""),
                ("idempotency_key", &key),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let mail = app
        .wait_for_mail(email, |m| m.subject.contains("Bevestig"))
        .await;
    let link = link_starting_with(&mail.body, &app.address).unwrap();
    assert_eq!(press(app, &link).await.status().as_u16(), 200);
}

async fn action_point(app: &TestApp, process: ProcessId, status: &str) -> String {
    let points = format!("/beheer/processen/{process}/actiepunten");
    let created = app
        .post_form(
            &points,
            &points,
            &[
                ("title", "Open by design"),
                ("description", "Open werken als standaard."),
                ("theme", ""),
                ("holder", "Ministerie van BZK"),
                ("holder_account", ""),
                ("partners", ""),
                ("status", status),
                ("findings", ""),
            ],
        )
        .await;
    assert_eq!(created.status().as_u16(), 303);
    created.headers()["location"]
        .to_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn an_action_point_update_reaches_followers_the_timeline_and_the_feed() {
    let app = crate::helpers::spawn_app().await;
    app.login_as_organiser().await;
    let (process, slug) = published_process(&app).await;
    follow(&app, &slug, "volger@example.nl").await;
    let point = action_point(&app, process, "in_progress").await;
    let page = format!("/beheer/processen/{process}/actiepunten/{point}");
    let posted = app
        .post_form(
            &page,
            &format!("{page}/voortgang"),
            &[
                ("on", "2026-11-30"),
                ("body", "Subsidie verleend aan drie gemeenten."),
            ],
        )
        .await;
    assert_eq!(posted.status().as_u16(), 303);
    let mail = app
        .wait_for_mail("volger@example.nl", |m| {
            m.subject.contains("Open by design")
        })
        .await;
    assert!(
        mail.body
            .contains(&format!("/processen/{slug}/actiepunten/{point}"))
    );
    assert!(mail.list_unsubscribe.is_some());

    let timeline = app
        .new_visitor()
        .get_html(&format!("/processen/{slug}/voortgang"))
        .await;
    assert!(
        timeline.contains("Voortgang van een actiepunt"),
        "{timeline}"
    );
    assert!(timeline.contains("Subsidie verleend aan drie gemeenten."));
    let feed = app
        .new_visitor()
        .get_html(&format!("/processen/{slug}/feed.atom"))
        .await;
    roxmltree::Document::parse(&feed).expect("well-formed XML");
    assert!(feed.contains("term=\"action-point-update\""), "{feed}");

    // An update of a draft action point is not published anywhere.
    let draft = action_point(&app, process, "draft").await;
    let page = format!("/beheer/processen/{process}/actiepunten/{draft}");
    let posted = app
        .post_form(
            &page,
            &format!("{page}/voortgang"),
            &[("on", "2026-11-30"), ("body", "Nog geheim.")],
        )
        .await;
    assert_eq!(posted.status().as_u16(), 303);
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let to_follower = app
        .mails
        .all()
        .into_iter()
        .filter(|m| m.to == "volger@example.nl" && m.subject.starts_with("Nieuw bij"))
        .count();
    assert_eq!(to_follower, 1);
    let timeline = app
        .new_visitor()
        .get_html(&format!("/processen/{slug}/voortgang"))
        .await;
    assert!(!timeline.contains("Nog geheim."));
}

#[tokio::test]
async fn a_published_outcome_reaches_followers_once_and_is_in_the_feed() {
    let app = crate::helpers::spawn_app().await;
    let s = crate::consultation::setup(&app, &[("pick_themes", true)]).await;
    follow(&app, &s.slug, "volger@example.nl").await;
    app.login_as_organiser().await;
    let admin = format!("/beheer/consultaties/{}/uitkomsten", s.consultation);
    for published in ["1", "0", "1"] {
        let response = app
            .post_form(
                &admin,
                &format!("{admin}/publicatie"),
                &[("published", published)],
            )
            .await;
        assert_eq!(response.status().as_u16(), 303);
    }
    let mail = app
        .wait_for_mail("volger@example.nl", |m| m.subject.starts_with("Nieuw bij"))
        .await;
    assert!(mail.body.contains(&format!(
        "/processen/{}/uitkomsten/{}",
        s.slug, s.consultation
    )));
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let count = app
        .mails
        .all()
        .into_iter()
        .filter(|m| m.to == "volger@example.nl" && m.subject.starts_with("Nieuw bij"))
        .count();
    assert_eq!(count, 1, "publishing again sends nothing twice");
    let feed = app
        .new_visitor()
        .get_html(&format!("/processen/{}/feed.atom", s.slug))
        .await;
    roxmltree::Document::parse(&feed).expect("well-formed XML");
    assert!(feed.contains("term=\"outcome\""), "{feed}");
    let timeline = app
        .new_visitor()
        .get_html(&format!("/processen/{}/voortgang", s.slug))
        .await;
    assert!(timeline.contains("Uitkomst van een consultatie"));
}
