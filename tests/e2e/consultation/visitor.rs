//! A visitor fills in the form: the receipt, replays, the window, mistakes, spam, expired
//! sessions and the per-address limit.

use super::*;

#[tokio::test]
async fn a_visitor_fills_in_every_question_kind_and_gets_a_receipt() {
    let app = spawn_app().await;
    let s = setup(&app, &EVERY_KIND).await;
    let page = app.get_html(&format!("/processen/{}", s.slug)).await;
    assert!(
        page.contains("Vul de online consultatie in"),
        "the join block links the form"
    );
    let form_page = app
        .get_html(&format!("/processen/{}/consultatie", s.slug))
        .await;
    assert!(form_page.contains("Open van "), "the period is shown");
    assert!(form_page.contains("<fieldset") && form_page.contains("<legend"));
    let form = s.open_form(&app).await;
    app.clock.advance(Duration::seconds(10));

    let response = post(&app, &form, &s.full_answers(), &[]).await;
    assert_eq!(response.status().as_u16(), 303);
    let receipt_path = location(&response);
    assert!(receipt_path.contains("/ontvangen/"), "{receipt_path}");
    let receipt = app.get_html(&receipt_path).await;
    let code = receipt_path.rsplit('/').next().unwrap();
    assert!(receipt.contains("Bedankt voor je reactie") && receipt.contains(code));
    assert_eq!(s.counts(&app).await, (1, 0));

    // Every answer is stored, typed; the address is not among them.
    let page = responses::list(app.db.read(), s.consultation, 1, 10)
        .await
        .unwrap();
    let stored = &page.rows[0].answers;
    assert_eq!(stored.len(), 8, "{stored:?}");
    assert!(
        stored
            .iter()
            .all(|(_, a)| a.text.as_deref().is_none_or(|t| !t.contains('@')))
    );

    // The confirmation mail carries the receipt code and an erase link that works.
    let mail = app
        .wait_for_mail("inwoner@example.nl", |m| m.subject.contains("Bedankt"))
        .await;
    assert!(mail.body.contains(code));
    let link = link_starting_with(&mail.body, "http").expect("erase link");
    let path = &link[link.find("/gegevens-wissen/").unwrap()..];
    let confirm = app.get_html(path).await;
    assert!(confirm.contains("Wis mijn e-mailadres"));
    assert_eq!(
        privacy::contact_count(app.db.read(), s.consultation)
            .await
            .unwrap(),
        1,
        "a GET erases nothing"
    );
    let erased = app.post_form(path, path, &[]).await;
    assert_eq!(erased.status().as_u16(), 303);
    assert!(
        app.get_html(&location(&erased))
            .await
            .contains("Je e-mailadres is gewist")
    );
    assert_eq!(
        privacy::contact_count(app.db.read(), s.consultation)
            .await
            .unwrap(),
        0
    );
    assert_eq!(s.counts(&app).await, (1, 0), "the answers stay");
}

/// The receipt's address holds the response's id and its code (migration 000028): a guessed
/// code opens nothing, and the old address by code alone works only for a response stored
/// before, as a permanent redirect that keeps the trace token.
#[tokio::test]
async fn a_receipt_needs_its_code_and_an_old_receipt_address_redirects() {
    use inspraak_store::ConnectionTrait;
    let app = spawn_app().await;
    let s = setup(&app, &EVERY_KIND).await;
    let form = s.open_form(&app).await;
    app.clock.advance(Duration::seconds(10));
    let sent = post(&app, &form, &s.full_answers(), &[]).await;
    let receipt_path = location(&sent);
    assert_eq!(app.get(&receipt_path).await.status().as_u16(), 200);
    let (with_id, code) = receipt_path.rsplit_once('/').unwrap();
    let (receipts, response) = with_id.rsplit_once('/').unwrap();
    assert!(response.parse::<i64>().is_ok(), "{receipt_path}");

    let guess = consultation::new_receipt_code();
    assert_eq!(
        app.get(&format!("{with_id}/{guess}"))
            .await
            .status()
            .as_u16(),
        404
    );
    let old = format!("{receipts}/{code}");
    assert_eq!(app.get(&old).await.status().as_u16(), 404, "stored now");

    // As the migration marks every response stored before it.
    app.db
        .write()
        .execute_unprepared("UPDATE consultation_responses SET receipt_by_code = TRUE")
        .await
        .unwrap();
    let moved = app.get(&format!("{old}?spoor=abc")).await;
    assert_eq!(moved.status().as_u16(), 308);
    assert_eq!(
        moved.headers()["location"].to_str().unwrap(),
        format!("{receipt_path}?spoor=abc")
    );
    assert_eq!(
        app.get(&format!("{receipts}/{guess}"))
            .await
            .status()
            .as_u16(),
        404
    );
}

#[tokio::test]
async fn the_same_form_posted_twice_stores_one_response() {
    let app = spawn_app().await;
    let s = setup(&app, &EVERY_KIND).await;
    let form = s.open_form(&app).await;
    app.clock.advance(Duration::seconds(10));
    let first = post(&app, &form, &s.full_answers(), &[]).await;
    let second = post(&app, &form, &s.full_answers(), &[]).await;
    assert_eq!(
        (first.status().as_u16(), second.status().as_u16()),
        (303, 303)
    );
    assert_eq!(location(&first), location(&second), "the same receipt");
    assert_eq!(s.counts(&app).await, (1, 0));
    let mails = app.mails.all();
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    assert!(
        app.mails.all().len() <= 1 && mails.len() <= 1,
        "one confirmation at most"
    );
}

#[tokio::test]
async fn a_post_after_closing_is_refused_with_a_clear_page_and_stores_nothing() {
    let app = spawn_app().await;
    let s = setup(&app, &EVERY_KIND).await;
    let form = s.open_form(&app).await;
    // Open through tomorrow: two days on, it has closed.
    app.clock.advance(Duration::days(2) + Duration::hours(1));
    let response = post(&app, &form, &s.full_answers(), &[]).await;
    assert_eq!(response.status().as_u16(), 410);
    let page = response.text().await.unwrap();
    assert!(page.contains("Deze consultatie is gesloten"));
    assert!(
        page.contains("Meer open data, graag."),
        "what was typed is shown back"
    );
    assert_eq!(s.counts(&app).await, (0, 0));
    let get = app
        .get_html(&format!("/processen/{}/consultatie", s.slug))
        .await;
    assert!(get.contains("Deze consultatie is gesloten") && !get.contains("idempotency_key"));
}

#[tokio::test]
async fn before_opening_the_page_says_when_it_opens_and_takes_nothing() {
    let app = spawn_app().await;
    let s = setup(&app, &EVERY_KIND).await;
    let form = s.open_form(&app).await;
    let today = inspraak_domain::time::local_date(app.clock.now());
    let later = NewConsultation::parse(
        "Consultatie 2030",
        "Intro",
        "Privacy",
        &(today + Duration::days(5)).to_string(),
        "",
        &(today + Duration::days(9)).to_string(),
        "",
    )
    .unwrap();
    admin::update(app.db.write(), s.consultation, &later, app.clock.now())
        .await
        .unwrap();
    let page = app
        .get_html(&format!("/processen/{}/consultatie", s.slug))
        .await;
    assert!(page.contains("Deze consultatie is nog niet open"));
    assert!(page.contains("tot en met"), "{page}");
    app.clock.advance(Duration::seconds(10));
    let response = post(&app, &form, &s.full_answers(), &[]).await;
    assert_eq!(response.status().as_u16(), 403);
    assert_eq!(s.counts(&app).await, (0, 0));
}

#[tokio::test]
async fn a_missing_required_answer_shows_the_error_summary_and_keeps_every_other_answer() {
    let app = spawn_app().await;
    let s = setup(&app, &EVERY_KIND).await;
    let form = s.open_form(&app).await;
    app.clock.advance(Duration::seconds(10));
    let mut answers = s.full_answers();
    answers.retain(|(k, _)| *k != s.field(0));
    let response = post(&app, &form, &answers, &[]).await;
    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("class=\"error-summary\""));
    assert!(
        page.contains(&format!("href=\"#veld-{}\"", s.field(0))),
        "the summary links the field"
    );
    assert!(page.contains("Beantwoord de vraag"));
    // Everything else is still filled in.
    assert!(page.contains(">Meer open data, graag.</textarea>"));
    assert!(page.contains(&format!("name=\"{}\" value=\"1\" checked", s.field(2))));
    assert!(page.contains(&format!("name=\"{}\" value=\"2\" checked", s.field(3))));
    assert!(page.contains("value=\"Open Rechtspraak\""));
    assert!(page.contains(&format!(
        "name=\"{}_t{}\" value=\"2\"",
        s.field(5),
        s.themes[2]
    )));
    assert!(page.contains(">Kennis delen</textarea>"));
    assert!(page.contains("value=\"inwoner@example.nl\""));
    assert!(
        page.contains(&form.key),
        "the same key, so a later send stores once"
    );
    assert_eq!(s.counts(&app).await, (0, 0));
}

#[tokio::test]
async fn an_over_long_text_is_refused_with_the_limit_named() {
    let app = spawn_app().await;
    let s = setup(&app, &EVERY_KIND).await;
    let form = s.open_form(&app).await;
    assert!(
        app.get_html(&format!("/processen/{}/consultatie", s.slug))
            .await
            .contains("Maximaal 50 tekens.")
    );
    app.clock.advance(Duration::seconds(10));
    let mut answers = s.full_answers();
    for (k, v) in answers.iter_mut() {
        if *k == s.field(1) {
            *v = "x".repeat(51);
        }
    }
    let response = post(&app, &form, &answers, &[]).await;
    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.unwrap();
    assert!(
        page.contains("mag niet langer zijn dan 50 tekens"),
        "the limit is named"
    );
    assert!(
        page.contains(&"x".repeat(51)),
        "the text is kept to shorten it"
    );
    assert_eq!(s.counts(&app).await, (0, 0));
}

#[tokio::test]
async fn honeypot_and_too_fast_posts_store_nothing() {
    let app = spawn_app().await;
    let s = setup(&app, &EVERY_KIND).await;
    let form = s.open_form(&app).await;
    let too_fast = post(&app, &form, &s.full_answers(), &[]).await;
    assert_eq!(too_fast.status().as_u16(), 422);
    assert!(too_fast.text().await.unwrap().contains("erg snel"));
    let forged = post(
        &app,
        &form,
        &s.full_answers(),
        &[("form_started", "1.abcdef")],
    )
    .await;
    assert_eq!(
        forged.status().as_u16(),
        422,
        "a forged start time counts as too fast"
    );
    app.clock.advance(Duration::seconds(10));
    let bot = post(
        &app,
        &form,
        &s.full_answers(),
        &[("website", "http://spam.example")],
    )
    .await;
    assert_eq!(bot.status().as_u16(), 422);
    assert_eq!(s.counts(&app).await, (0, 0));
    assert!(app.mails.all().is_empty());
    // The same form, sent by a person in time, goes through.
    let person = post(&app, &form, &s.full_answers(), &[]).await;
    assert_eq!(person.status().as_u16(), 303);
    assert_eq!(s.counts(&app).await, (1, 0));
}

#[tokio::test]
async fn an_expired_session_shows_the_form_again_with_everything_typed_and_a_fresh_token() {
    let app = spawn_app().await;
    let s = setup(&app, &EVERY_KIND).await;
    let form = s.open_form(&app).await;
    app.clock.advance(Duration::seconds(10));
    // A browser whose cookie is gone (session expired) posts the old form.
    let mut fields = vec![
        ("csrf_token".to_owned(), form.csrf.clone()),
        ("idempotency_key".to_owned(), form.key.clone()),
        ("form_started".to_owned(), form.started.clone()),
    ];
    fields.extend(s.full_answers());
    let browser = client();
    let response = browser
        .post(app.url(&form.action))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("Je sessie was verlopen"));
    assert!(page.contains("value=\"Open source\"") && page.contains(">Kennis delen</textarea>"));
    let fresh = csrf_token(&page);
    assert_ne!(fresh, form.csrf, "a fresh token");
    assert_eq!(s.counts(&app).await, (0, 0));
    // Sending again with the page's fresh hidden fields (the new cookie came with the page)
    // stores it: the start time is bound to the visitor, so the page brings a new one (issue 20).
    fields[0].1 = fresh;
    fields[2].1 = super::hidden(&page, "form_started");
    let again = browser
        .post(app.url(&form.action))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status().as_u16(), 303);
    assert_eq!(s.counts(&app).await, (1, 0));
}

#[tokio::test]
async fn too_many_responses_from_one_address_get_a_clear_message_and_keep_the_answers() {
    let app = spawn_app().await;
    let s = setup(&app, &[("short_text", true)]).await;
    // One form per response: its start time is bound to its idempotency key (issue 20).
    let mut forms = Vec::new();
    for _ in 0..21 {
        forms.push(s.open_form(&app).await);
    }
    let last = forms.pop().unwrap();
    app.clock.advance(Duration::seconds(10));
    let answers = vec![(s.field(0), "Mijn mening".to_owned())];
    for (n, form) in forms.iter().enumerate() {
        let response = post(&app, form, &answers, &[]).await;
        assert_eq!(response.status().as_u16(), 303, "response {n}");
    }
    let refused = post(&app, &last, &answers, &[]).await;
    assert_eq!(refused.status().as_u16(), 429);
    let page = refused.text().await.unwrap();
    assert!(page.contains("Wacht tien minuten") && page.contains("value=\"Mijn mening\""));
    assert_eq!(s.counts(&app).await, (20, 0));
    app.clock.advance(Duration::minutes(11));
    let later = post(&app, &last, &answers, &[]).await;
    assert_eq!(later.status().as_u16(), 303);
}
