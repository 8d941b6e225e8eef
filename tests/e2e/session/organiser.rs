//! Calendar files, and the organiser pages: creating, exports, attendance, message, report, proposals.

use super::*;

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
    let xlsx = app
        .get(&format!("/beheer/bijeenkomsten/{id}/aanmeldingen.xlsx"))
        .await;
    assert_eq!(
        xlsx.headers()["content-disposition"],
        format!("attachment; filename=\"deelnemers-{id}.xlsx\"").as_str()
    );
    let xlsx = xlsx.bytes().await.unwrap();
    assert!(xlsx.starts_with(b"PK"));
    assert!(String::from_utf8_lossy(&xlsx).contains("formule@example.nl"));
    let json: serde_json::Value = app
        .get(&format!("/beheer/bijeenkomsten/{id}/aanmeldingen.json"))
        .await
        .json()
        .await
        .unwrap();
    assert!(json.to_string().contains("formule@example.nl"), "{json}");
    assert_eq!(
        app.get(&format!("/beheer/bijeenkomsten/{id}/aanmeldingen.pdf"))
            .await
            .status(),
        404
    );
    // Every download of personal data is in the audit trail.
    let exported = inspraak_store::audit::Filter {
        action: Some(inspraak_domain::AuditAction::DataExported),
        actor: None,
    };
    let (_, exports) = inspraak_store::audit::page(app.db.read(), &exported, 0, 10)
        .await
        .unwrap();
    assert_eq!(exports, 4);

    let rows = session::registrations(app.db.read(), sid).await.unwrap();
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
        session::registrations(app.db.read(), sid).await.unwrap()[0].attended,
        Some(true)
    );

    let form_key = message_form_key(&app, sid).await;
    for _ in 0..2 {
        post_message(&app, sid, &form_key, "Nieuwe zaal").await;
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
    let proposal = session::list_proposals(
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
