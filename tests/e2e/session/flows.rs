//! Sign-up, confirmation, waiting list, cancellation, expiry, reminders, bad input.

use super::*;

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
    let stored = session::find(app.db.read(), id).await.unwrap().unwrap();
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
    let waitlisted = mail_to(&app, "b@example.nl", "Je staat op de wachtlijst").await;
    // Someone without a seat is not told that their seat goes to someone else.
    assert!(
        waitlisted.body.contains("niet meer op de wachtlijst staan")
            && !waitlisted.body.contains("je plaats aan iemand anders"),
        "{}",
        waitlisted.body
    );

    let confirmed = mail_to(&app, "a@example.nl", "Aanmelding bevestigd").await;
    assert!(
        confirmed
            .body
            .contains("dan geven we je plaats aan iemand anders")
    );
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
    let stored = session::find(app.db.read(), id).await.unwrap().unwrap();
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
    run_session_job(&app).await;

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
    let rows = session::registrations(app.db.read(), id).await.unwrap();
    assert_eq!(rows.len(), 2);
    assert!(
        rows.iter().any(|r| r.registrant.is_none()),
        "the expired sign-up's data is erased"
    );
    assert_eq!(
        session::find(app.db.read(), id)
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
        session::registrations(app.db.read(), id)
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        session::find(app.db.read(), id)
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
        session::registrations(app.db.read(), id)
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
    // One hour into the session, whatever the time of day the test runs at.
    let starts_at = session::find(app.db.read(), id)
        .await
        .unwrap()
        .unwrap()
        .schedule
        .starts_at();
    app.clock
        .advance(starts_at + Duration::hours(1) - app.clock.now());
    let late = visitor.get(&link).await;
    assert_eq!(late.status().as_u16(), 410);
    assert!(late.text().await.unwrap().contains("al begonnen"));
    visitor.press(&link).await;
    assert_eq!(
        session::find(app.db.read(), id)
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
    go_to_the_day_before(&app, id).await;
    for _ in 0..3 {
        run_session_job(&app).await;
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
