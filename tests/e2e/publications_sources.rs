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
    let started = crate::public_forms::start_time(app, &page);
    let response = visitor
        .post_raw(
            &path,
            &[
                ("csrf_token", &token),
                ("email", email),
                ("frequency", "immediate"),
                ("website", ""),
                ("idempotency_key", &key),
                ("form_started", &started),
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

/// Uploads a small PDF owned by `owner` (`session:3`, `action_point:2`, …).
async fn upload_for(app: &TestApp, process: ProcessId, title: &str, owner: &str) -> u16 {
    use crate::publications::{BOUNDARY, multipart, pdf_bytes};
    let page = app
        .get_html(&format!("/beheer/processen/{process}/publicaties"))
        .await;
    assert!(
        page.contains(&format!("value=\"{owner}\"")),
        "{owner} offered"
    );
    let token = csrf_token(&page);
    let fields = [
        ("csrf_token", token.as_str()),
        ("title", title),
        ("description", ""),
        ("date", "2026-11-30"),
        ("language", "nl"),
        ("owner", owner),
    ];
    let pdf = pdf_bytes(1_258_291);
    app.client
        .post(app.url(&format!("/beheer/processen/{process}/documenten")))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(multipart(&fields, Some(("stuk.pdf", &pdf))))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn documents_of_a_session_and_an_action_point_are_listed_on_their_pages() {
    use inspraak_domain::session::{NewSession, SessionForm};
    let app = crate::helpers::spawn_app().await;
    app.login_as_organiser().await;
    let (process, slug) = published_process(&app).await;
    let day = inspraak_domain::time::local_date(app.clock.now() + chrono::Duration::days(7));
    let (starts, ends) = (format!("{day}T14:00"), format!("{day}T16:00"));
    let new = NewSession::parse(&SessionForm {
        kind: "think_along",
        title: "Meedenksessie Open Inkoop",
        description: "Praat mee over inkoop.",
        starts_at: &starts,
        ends_at: &ends,
        online_link: "https://meet.example.nl/kamer",
        capacity: "20",
        ..SessionForm::default()
    })
    .unwrap();
    let session = inspraak_store::session::insert(app.db.write(), process, &new, app.clock.now())
        .await
        .unwrap();
    let point = action_point(&app, process, "in_progress").await;

    assert_eq!(
        upload_for(
            &app,
            process,
            "Agenda van de sessie",
            &format!("session:{session}")
        )
        .await,
        303
    );
    assert_eq!(
        upload_for(
            &app,
            process,
            "Plan van aanpak",
            &format!("action_point:{point}")
        )
        .await,
        303
    );
    // An action point of another process is refused.
    let (other, _) = {
        let new = inspraak_domain::NewProcess::parse("Ander proces", "", "Anders.").unwrap();
        let id = inspraak_store::process::insert(app.db.write(), &new, app.clock.now())
            .await
            .unwrap();
        (id, ())
    };
    let foreign = action_point(&app, other, "in_progress").await;
    let response = upload_for_unchecked(&app, process, &format!("action_point:{foreign}")).await;
    assert_eq!(response, 422);

    let visitor = app.new_visitor();
    let session_page = visitor.get_html(&format!("/bijeenkomsten/{session}")).await;
    assert!(
        session_page.contains("Agenda van de sessie"),
        "{session_page}"
    );
    assert!(session_page.contains("PDF, 1,2 MB"));
    assert!(!session_page.contains("Plan van aanpak"));
    let point_page = visitor
        .get_html(&format!("/processen/{slug}/actiepunten/{point}"))
        .await;
    assert!(point_page.contains("Plan van aanpak"), "{point_page}");
    assert!(point_page.contains("PDF, 1,2 MB"));
    assert!(!point_page.contains("Agenda van de sessie"));
}

/// As `upload_for`, without checking the owner is offered in the form.
async fn upload_for_unchecked(app: &TestApp, process: ProcessId, owner: &str) -> u16 {
    use crate::publications::{BOUNDARY, multipart, pdf_bytes};
    let page = app
        .get_html(&format!("/beheer/processen/{process}/publicaties"))
        .await;
    let token = csrf_token(&page);
    let fields = [
        ("csrf_token", token.as_str()),
        ("title", "Vreemd"),
        ("date", "2026-11-30"),
        ("owner", owner),
    ];
    app.client
        .post(app.url(&format!("/beheer/processen/{process}/documenten")))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(multipart(&fields, Some(("stuk.pdf", &pdf_bytes(2000)))))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}
