//! One text rule everywhere (issue 20, findings 8 and 10): organiser texts that gave 500 on
//! PostgreSQL with a NUL byte, and e-mail addresses with non-ASCII local parts or international
//! domains. Runs on the engine `INSPRAAK_E2E_ENGINE` names.

use crate::consultation::setup;
use crate::helpers::{csrf_token, spawn_app};
use crate::publications::published_process;

const BAD_TEXTS: [&str; 4] = [
    "voor\0na",
    "voor\u{1b}[2Jna",
    "factuur\u{202E}fdp.exe",
    "regel\u{2028}regel",
];

#[tokio::test]
async fn a_progress_report_body_with_control_characters_comes_back_with_an_error() {
    let app = spawn_app().await;
    let (process, _) = published_process(&app).await;
    app.login_as_organiser().await;
    let page = format!("/beheer/processen/{process}/publicaties");
    let action = format!("/beheer/processen/{process}/voortgang");
    let before = inspraak_store::testing::row_counts(&app.db).await.unwrap();
    for bad in BAD_TEXTS {
        let response = app
            .post_form(
                &page,
                &action,
                &[
                    ("report_title", "Voortgang"),
                    ("report_date", "2026-12-01"),
                    ("body", bad),
                ],
            )
            .await;
        assert_eq!(response.status().as_u16(), 422, "{bad:?}");
        let html = response.text().await.unwrap();
        assert!(
            html.contains("niet zijn toegestaan"),
            "{bad:?}: the reason is shown"
        );
    }
    assert_eq!(
        before,
        inspraak_store::testing::row_counts(&app.db).await.unwrap(),
        "nothing stored"
    );
    let ok = app
        .post_form(
            &page,
            &action,
            &[
                ("report_title", "Voortgang"),
                ("report_date", "2026-12-01"),
                ("body", "Regel een\r\nregel twee\tmet tab"),
            ],
        )
        .await;
    assert_eq!(ok.status().as_u16(), 303);
}

#[tokio::test]
async fn an_outcome_introduction_with_control_characters_is_refused_without_a_5xx() {
    let app = spawn_app().await;
    let s = setup(&app, &[("yes_no_why", true)]).await;
    app.login_as_organiser().await;
    let admin = format!("/beheer/consultaties/{}/uitkomsten", s.consultation);
    for bad in BAD_TEXTS {
        let response = app
            .post_form(&admin, &format!("{admin}/inleiding"), &[("intro", bad)])
            .await;
        assert_eq!(response.status().as_u16(), 400, "{bad:?}");
    }
    // The introduction's text box is still empty (the page itself says "voor" elsewhere).
    let html = app.get_html(&admin).await;
    let field = &html[html.find("name=\"intro\"").expect("intro field")..];
    let content =
        &field[field.find('>').expect("tag end") + 1..field.find("</textarea>").expect("end")];
    assert!(content.trim().is_empty(), "nothing stored: {content:?}");
    let ok = app
        .post_form(
            &admin,
            &format!("{admin}/inleiding"),
            &[("intro", "Cafe\u{301}: dit kwam eruit.")],
        )
        .await;
    assert_eq!(ok.status().as_u16(), 303);
    assert!(
        app.get_html(&admin)
            .await
            .contains("Caf\u{e9}: dit kwam eruit."),
        "stored in NFC"
    );
}

#[tokio::test]
async fn email_addresses_a_cyrillic_local_part_is_refused_and_an_idn_domain_mailed_as_punycode() {
    let app = spawn_app().await;
    let (_, slug) = published_process(&app).await;
    let path = format!("/processen/{slug}/volgen");
    let visitor = app.new_visitor();

    let page = visitor.get_html(&path).await;
    let token = csrf_token(&page);
    let [key, started] = crate::public_forms::gate_fields(&app, &page);
    let refused = visitor
        .client
        .post(visitor.url(&path))
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", "j\u{430}n@gemeente.nl"),
            ("frequency", "immediate"),
            ("idempotency_key", &key),
            ("form_started", &started),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status().as_u16(), 422);
    let html = refused.text().await.unwrap();
    assert!(
        html.contains("alleen letters zonder accent"),
        "the Dutch reason"
    );
    assert!(
        html.contains("j\u{430}n@gemeente.nl"),
        "the typed value is kept"
    );

    let page = visitor.get_html(&path).await;
    let token = csrf_token(&page);
    let [key, started] = crate::public_forms::gate_fields(&app, &page);
    let accepted = visitor
        .client
        .post(visitor.url(&path))
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", "jan@m\u{fc}nchen.de"),
            ("frequency", "immediate"),
            ("idempotency_key", &key),
            ("form_started", &started),
        ])
        .send()
        .await
        .unwrap();
    assert!(accepted.status().as_u16() < 400, "{}", accepted.status());
    let mail = app.wait_for_mail("jan@xn--mnchen-3ya.de", |_| true).await;
    assert!(mail.to.is_ascii(), "the To: address is ASCII: {}", mail.to);
}

#[tokio::test]
async fn an_idea_search_with_control_characters_never_gives_a_5xx() {
    let app = spawn_app().await;
    let s = crate::ideas::setup(&app).await;
    for q in ["%00", "a%00b", "%1B%5B2J", "%E2%80%AE", "%E3%85%A4"] {
        let response = app
            .get(&format!("/processen/{}/ideeen?q={q}", s.slug))
            .await;
        assert_eq!(response.status().as_u16(), 200, "q={q}");
    }
}

#[tokio::test]
async fn nul_in_a_path_or_query_parameter_never_gives_a_5xx() {
    let app = spawn_app().await;
    let s = crate::ideas::setup(&app).await;
    let slug = &s.slug;
    for path in [
        "/processen/a%00b".to_owned(),
        format!("/processen/{slug}/ideeen?thema=%00"),
        format!("/processen/{slug}/ideeen/nieuw?thema=%00"),
        format!("/processen/{slug}/ideeen/ontvangen?spoor=%00"),
        format!("/processen/{slug}/thema/%00"),
        "/inbreng/a%00b".to_owned(),
        "/bijeenkomsten/1?spoor=%00".to_owned(),
        "/inloggen?next=%00".to_owned(),
    ] {
        let status = app.get(&path).await.status().as_u16();
        assert!(status < 500, "{path}: {status}");
    }
}

/// A trace link as long as a real one (55 bytes) with a two-byte character where its time
/// digits end: a 404 on the page and no link on a receipt, never a handler cut off mid-character.
#[tokio::test]
async fn a_trace_token_with_a_character_across_its_time_digits_is_a_404() {
    let app = spawn_app().await;
    let s = crate::ideas::setup(&app).await;
    let token = format!("{}%C3%A9{}", "0".repeat(11), "A".repeat(42));
    let response = app.get(&format!("/inbreng/{token}")).await;
    assert_eq!(response.status().as_u16(), 404);
    let thanks = format!("/processen/{}/ideeen/ontvangen?spoor={token}", s.slug);
    let status = app.get(&thanks).await.status().as_u16();
    assert!(status < 500, "{thanks}: {status}");
}
