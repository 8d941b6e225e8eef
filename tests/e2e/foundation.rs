//! Processes, accounts, CSRF, sessions, mail: the foundation every other feature stands on.

use crate::helpers::{client, csrf_token, spawn_app};
use inspraak_domain::{Email, Role};
use inspraak_store::outbox;

#[tokio::test]
async fn an_organiser_creates_and_publishes_a_process_that_a_visitor_then_sees() {
    let app = spawn_app().await;
    app.login_as_organiser().await;

    let response = app
        .post_form(
            "/beheer/processen/nieuw",
            "/beheer/processen/nieuw",
            &[
                ("title", "Actieplan Open Overheid 2030"),
                ("slug", ""),
                ("summary", "We schrijven het plan samen.\n\nDoe mee!"),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 303);
    let edit_path = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(edit_path.starts_with("/beheer/processen/"));

    let phase = app
        .post_form(
            &edit_path,
            &format!("{edit_path}/fasen"),
            &[
                ("name", "Online consultatie"),
                ("description", "Vul het formulier in."),
                ("starts_on", "2020-01-01"),
                ("ends_on", "2099-12-31"),
            ],
        )
        .await;
    assert_eq!(phase.status().as_u16(), 303);
    for name in ["Open Technologie", "Open Informatie"] {
        let theme = app
            .post_form(
                &edit_path,
                &format!("{edit_path}/themas"),
                &[("name", name), ("slug", ""), ("description", "")],
            )
            .await;
        assert_eq!(theme.status().as_u16(), 303);
    }

    // A draft is invisible to visitors.
    let visitor = client();
    let draft = visitor
        .get(app.url("/processen/actieplan-open-overheid-2030"))
        .send()
        .await
        .unwrap();
    assert_eq!(draft.status().as_u16(), 404);

    let publish = app
        .post_form(
            &edit_path,
            &format!("{edit_path}/status"),
            &[("status", "published")],
        )
        .await;
    assert_eq!(publish.status().as_u16(), 303);

    let home = visitor
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(home.contains("Actieplan Open Overheid 2030"));
    let page = visitor
        .get(app.url("/processen/actieplan-open-overheid-2030"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status().as_u16(), 200);
    let page = page.text().await.unwrap();
    assert!(page.contains("Online consultatie"));
    assert!(
        page.contains("aria-current=\"step\""),
        "the current phase is marked"
    );
    assert!(page.contains("Open Technologie") && page.contains("Open Informatie"));
    assert!(page.contains("Doe mee"));
    let theme = visitor
        .get(app.url("/processen/actieplan-open-overheid-2030/themas/open-informatie"))
        .send()
        .await
        .unwrap();
    assert_eq!(theme.status().as_u16(), 200);
}

#[tokio::test]
async fn a_bad_process_form_comes_back_with_every_error_and_everything_typed() {
    let app = spawn_app().await;
    app.login_as_organiser().await;
    let response = app
        .post_form(
            "/beheer/processen/nieuw",
            "/beheer/processen/nieuw",
            &[
                ("title", ""),
                ("slug", "Geen Geldige Slug"),
                ("summary", "Mijn samenvatting"),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("class=\"error-summary\""));
    assert!(page.contains("href=\"#veld-title\"") && page.contains("href=\"#veld-slug\""));
    assert!(
        page.contains("value=\"Geen Geldige Slug\""),
        "typed slug kept"
    );
    assert!(
        page.contains(">Mijn samenvatting</textarea>"),
        "typed summary kept"
    );
}

#[tokio::test]
async fn a_taken_slug_is_a_field_error_not_a_crash() {
    let app = spawn_app().await;
    app.login_as_organiser().await;
    let fields = [
        ("title", "Dubbel"),
        ("slug", "dubbel"),
        ("summary", "Tekst"),
    ];
    assert_eq!(
        app.post_form(
            "/beheer/processen/nieuw",
            "/beheer/processen/nieuw",
            &fields
        )
        .await
        .status()
        .as_u16(),
        303
    );
    let second = app
        .post_form(
            "/beheer/processen/nieuw",
            "/beheer/processen/nieuw",
            &fields,
        )
        .await;
    assert_eq!(second.status().as_u16(), 422);
    assert!(second.text().await.unwrap().contains("al in gebruik"));
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_address_get_the_same_single_message() {
    let app = spawn_app().await;
    app.create_account("org@example.nl", "een lang wachtwoord", Role::Organiser)
        .await;
    let wrong = app.login("org@example.nl", "fout wachtwoord!").await;
    assert_eq!(wrong.status().as_u16(), 401);
    let wrong = wrong.text().await.unwrap();
    let unknown = app
        .login("niemand@example.nl", "fout wachtwoord!")
        .await
        .text()
        .await
        .unwrap();
    let message = "Het e-mailadres of het wachtwoord klopt niet.";
    assert_eq!(
        wrong.matches(message).count(),
        2,
        "once in the summary, once at the field"
    );
    assert_eq!(unknown.matches(message).count(), 2);
    assert!(
        wrong.contains("value=\"org@example.nl\""),
        "the address is kept"
    );
}

#[tokio::test]
async fn the_sixth_rapid_wrong_login_is_throttled_even_with_the_right_password() {
    let app = spawn_app().await;
    app.create_account("org@example.nl", "een lang wachtwoord", Role::Organiser)
        .await;
    for attempt in 1..=5 {
        let response = app.login("org@example.nl", "fout wachtwoord!").await;
        assert_eq!(response.status().as_u16(), 401, "attempt {attempt}");
    }
    let sixth = app.login("org@example.nl", "een lang wachtwoord").await;
    assert_eq!(sixth.status().as_u16(), 429);
    assert!(sixth.text().await.unwrap().contains("Wacht 15 minuten"));
    // After the window the right password works again.
    app.clock.advance(chrono::Duration::minutes(16));
    assert_eq!(
        app.login("org@example.nl", "een lang wachtwoord")
            .await
            .status()
            .as_u16(),
        303
    );
}

#[tokio::test]
async fn a_post_without_a_valid_csrf_token_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    app.login_as_organiser().await;
    let fields = [
        ("title", "Zonder token"),
        ("slug", ""),
        ("summary", "Tekst"),
    ];
    let none = app.post_raw("/beheer/processen/nieuw", &fields).await;
    assert_eq!(none.status().as_u16(), 403);
    let forged = [
        ("csrf_token", "00ff"),
        ("title", "Zonder token"),
        ("slug", ""),
        ("summary", "Tekst"),
    ];
    assert_eq!(
        app.post_raw("/beheer/processen/nieuw", &forged)
            .await
            .status()
            .as_u16(),
        403
    );

    // Another visitor's real token does not work either.
    let other = client();
    let other_page = other
        .get(app.url("/inloggen"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let foreign = csrf_token(&other_page);
    let with_foreign = [
        ("csrf_token", foreign.as_str()),
        ("title", "Zonder token"),
        ("slug", ""),
        ("summary", "Tekst"),
    ];
    assert_eq!(
        app.post_raw("/beheer/processen/nieuw", &with_foreign)
            .await
            .status()
            .as_u16(),
        403
    );

    // A right token from a foreign origin is refused too.
    let token = csrf_token(&app.get_html("/beheer/processen/nieuw").await);
    let cross = app
        .client
        .post(app.url("/beheer/processen/nieuw"))
        .header("Origin", "https://evil.example")
        .form(&[
            ("csrf_token", token.as_str()),
            ("title", "Zonder token"),
            ("slug", ""),
            ("summary", "Tekst"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(cross.status().as_u16(), 403);

    let dashboard = app.get_html("/beheer").await;
    assert!(!dashboard.contains("Zonder token"), "nothing was created");
}

#[tokio::test]
async fn the_login_form_itself_needs_a_csrf_token() {
    let app = spawn_app().await;
    app.create_account("org@example.nl", "een lang wachtwoord", Role::Organiser)
        .await;
    app.get("/inloggen").await;
    let response = app
        .post_raw(
            "/inloggen",
            &[
                ("email", "org@example.nl"),
                ("password", "een lang wachtwoord"),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 403);
}

#[tokio::test]
async fn a_cookie_from_before_login_no_longer_works_after_login_and_logout_ends_the_session() {
    let app = spawn_app().await;
    app.create_account("org@example.nl", "een lang wachtwoord", Role::Organiser)
        .await;
    let secret = app.enrol_second_factor("org@example.nl").await;
    let before = app.get("/inloggen").await;
    let cookie_before = before
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("inspraak_visitor="))
        .expect("visitor cookie set");
    let value_before = cookie_before.split(';').next().unwrap().to_owned();

    let login = app
        .login_with_code("org@example.nl", "een lang wachtwoord", &secret)
        .await;
    assert_eq!(login.status().as_u16(), 303);
    let cookie_after = login
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("inspraak_visitor="))
        .expect("new visitor cookie at login");
    let value_after = cookie_after.split(';').next().unwrap().to_owned();
    assert_ne!(value_before, value_after, "the session id changes at login");
    assert!(cookie_after.contains("HttpOnly") && cookie_after.contains("SameSite=Lax"));

    // The logged-in client works; the old cookie value (with the login hint) does not.
    assert_eq!(app.get("/beheer").await.status().as_u16(), 200);
    let stale = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let with_old = stale
        .get(app.url("/beheer"))
        .header("Cookie", format!("{value_before}; inspraak_account=1"))
        .send()
        .await
        .unwrap();
    assert_eq!(with_old.status().as_u16(), 303);
    assert!(
        with_old.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/inloggen")
    );

    // A copy of the logged-in cookie stops working once its owner logs out.
    let copy = stale
        .get(app.url("/beheer"))
        .header("Cookie", format!("{value_after}; inspraak_account=1"));
    let page = app.get_html("/beheer").await;
    let token = csrf_token(&page);
    let logout = app.post_raw("/uitloggen", &[("csrf_token", &token)]).await;
    assert_eq!(logout.status().as_u16(), 303);
    assert_eq!(copy.send().await.unwrap().status().as_u16(), 303);
}

#[tokio::test]
async fn organiser_pages_send_anonymous_visitors_to_login_and_refuse_other_roles() {
    let app = spawn_app().await;
    let response = app.get("/beheer/processen/nieuw").await;
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(
        response.headers()["location"],
        "/inloggen?next=%2Fbeheer%2Fprocessen%2Fnieuw"
    );

    app.create_account("lid@example.nl", "een lang wachtwoord", Role::ForumMember)
        .await;
    assert_eq!(
        app.login("lid@example.nl", "een lang wachtwoord")
            .await
            .status()
            .as_u16(),
        303
    );
    assert_eq!(app.get("/beheer").await.status().as_u16(), 403);
}

#[tokio::test]
async fn queued_mail_is_delivered_once_by_the_outbox_worker() {
    let app = spawn_app().await;
    let mail = outbox::NewMail {
        recipient: Email::parse("iemand@example.nl").unwrap(),
        subject: "Bevestig je aanmelding".into(),
        body_text: "Hallo!".into(),
        attachment: None,
        dedupe_key: Some("test:1".into()),
    };
    outbox::enqueue(app.db.write(), &mail, app.clock.now())
        .await
        .unwrap();
    outbox::enqueue(app.db.write(), &mail, app.clock.now())
        .await
        .unwrap();
    let delivered = app
        .wait_for_mail("iemand@example.nl", |m| {
            m.subject == "Bevestig je aanmelding"
        })
        .await;
    assert_eq!(delivered.body, "Hallo!");
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    assert_eq!(app.mails.all().len(), 1, "sent exactly once");
    assert_eq!(outbox::counts(app.db.read()).await.unwrap().sent, 1);
}

#[tokio::test]
async fn pages_switch_to_english_and_remember_it() {
    let app = spawn_app().await;
    let english = app.get_html("/?lang=en").await;
    assert!(english.contains("<html lang=\"en\">"));
    assert!(english.contains("Help shape government plans"));
    let again = app.get_html("/").await;
    assert!(
        again.contains("<html lang=\"en\">"),
        "the choice is kept in a cookie"
    );
    let dutch = app.get_html("/?lang=nl").await;
    assert!(dutch.contains("<html lang=\"nl\">"));
}

#[tokio::test]
async fn health_and_readiness_answer() {
    let app = spawn_app().await;
    assert_eq!(app.get("/healthz").await.text().await.unwrap(), "ok");
    assert_eq!(app.get("/readyz").await.text().await.unwrap(), "ready");
}

#[tokio::test]
async fn a_bad_database_url_stops_the_binary_with_one_clear_line() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_inspraak"))
        .arg("migrate")
        .env("DATABASE_URL", "nonsense")
        .env(
            "INSPRAAK_DATA_DIR",
            std::env::temp_dir().join("inspraak-bad-config"),
        )
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("inspraak: configuration error: DATABASE_URL:"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"));
}
