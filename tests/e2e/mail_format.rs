//! Issue 21, the mail: every kind of mail to a participant that a visitor or organiser can cause
//! is triggered here the way a person would, and each one is checked as it leaves: a
//! `Message-ID` on the site's host, a plain-text and an HTML part made from the same text, and
//! the "erase my data" (or unsubscribe) link in both. And over real SMTP, a mail that is
//! refused once goes out again with the same `Message-ID`.

use crate::helpers::{TestApp, csrf_token, link_starting_with, spawn_app};
use crate::publications::{press, publish_report, published_process};
use chrono::Duration;
use inspraak_web::mail::CapturedMail;
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt};

/// Checks one mail to a participant; returns its subject.
fn check(app: &TestApp, mail: &CapturedMail) -> String {
    let what = format!("{} to {}", mail.subject, mail.to);
    // <uuid@host of the base URL>
    let host = app.address.trim_start_matches("http://");
    let host = host.split(':').next().unwrap();
    let uuid = mail
        .message_id
        .strip_prefix('<')
        .and_then(|id| id.strip_suffix(&format!("@{host}>")))
        .unwrap_or_else(|| panic!("{what}: Message-ID {}", mail.message_id));
    assert!(uuid::Uuid::parse_str(uuid).is_ok(), "{what}: {uuid}");
    assert!(
        mail.raw
            .contains(&format!("Message-ID: {}", mail.message_id)),
        "{what}:\n{}",
        mail.raw
    );
    // Both parts, as alternatives of each other.
    for part in [
        "Content-Type: multipart/alternative",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Type: text/html; charset=utf-8",
    ] {
        assert!(mail.raw.contains(part), "{what}: no {part}\n{}", mail.raw);
    }
    // The link to erase the address (or stop the mail) in the text and as a link in the HTML.
    let link = link_starting_with(&mail.body, &format!("{}/gegevens-wissen/", app.address))
        .or_else(|| mail.list_unsubscribe.clone())
        .unwrap_or_else(|| panic!("{what}: no erase or unsubscribe link\n{}", mail.body));
    assert!(mail.body.contains(&link), "{what}");
    assert!(
        mail.html
            .contains(&format!("<a href=\"{link}\">{link}</a>")),
        "{what}: the link is not clickable in the HTML\n{}",
        mail.html
    );
    // The same content: every line of the text is in the HTML (maud-escaped).
    for line in mail.body.lines().filter(|l| !l.trim().is_empty()) {
        let escaped = line
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;");
        // Up to the first address, which the HTML splits into a link.
        let plain = escaped.split("http").next().unwrap_or_default();
        assert!(
            mail.html.contains(plain),
            "{what}: {line:?} not in the HTML\n{}",
            mail.html
        );
    }
    assert!(mail.html.contains(&app.state.settings.house.site_name));
    mail.subject.clone()
}

/// Checks every mail sent to `to`, after the outbox worker caught up; returns their subjects.
async fn check_all_to(app: &TestApp, to: &[&str]) -> BTreeSet<String> {
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    let mails: Vec<CapturedMail> = app
        .mails
        .all()
        .into_iter()
        .filter(|m| to.contains(&m.to.as_str()))
        .collect();
    assert!(!mails.is_empty());
    mails.iter().map(|m| check(app, m)).collect()
}

fn has(subjects: &BTreeSet<String>, start: &str) -> bool {
    subjects.iter().any(|s| s.starts_with(start))
}

/// Asks to follow `slug`; returns the mailed confirmation link.
async fn ask_to_follow(app: &TestApp, slug: &str, email: &str, frequency: &str) -> String {
    let visitor = app.new_visitor();
    let path = format!("/processen/{slug}/volgen");
    let page = visitor.get_html(&path).await;
    let token = csrf_token(&page);
    let key = crate::consultation::hidden(&page, "idempotency_key");
    let started = crate::public_forms::start_time(app, &page);
    let response = visitor
        .post_raw(
            &path,
            &[
                ("csrf_token", &token),
                ("email", email),
                ("frequency", frequency),
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
    link_starting_with(&mail.body, &app.address).unwrap()
}

#[tokio::test]
async fn follower_mails_confirmation_publication_and_digest() {
    let app = spawn_app().await;
    app.login_as_organiser().await;
    let (process, slug) = published_process(&app).await;
    let now = ask_to_follow(&app, &slug, "direct@example.nl", "immediate").await;
    assert_eq!(press(&app, &now).await.status().as_u16(), 200);
    let weekly = ask_to_follow(&app, &slug, "wekelijks@example.nl", "weekly").await;
    assert_eq!(press(&app, &weekly).await.status().as_u16(), 200);
    publish_report(&app, process, "Update 1").await;
    app.clock.advance(Duration::days(7) + Duration::minutes(1));
    let digests = inspraak_web::follower_digest::run_once(&app.state, app.clock.now())
        .await
        .unwrap();
    assert_eq!(digests, 1);

    let subjects = check_all_to(&app, &["direct@example.nl", "wekelijks@example.nl"]).await;
    for kind in ["Bevestig", "Nieuw bij", "Weekoverzicht"] {
        assert!(has(&subjects, kind), "no {kind} mail: {subjects:?}");
    }
}

#[tokio::test]
async fn consultation_mails_receipt_and_outcome() {
    use crate::consultation::{EVERY_KIND, post, setup};
    let app = spawn_app().await;
    let s = setup(&app, &EVERY_KIND).await;
    let visitor = app.new_visitor();
    let form = s.open_form(&visitor).await;
    app.clock.advance(Duration::seconds(10));
    let answers: Vec<(String, String)> = s
        .full_answers()
        .into_iter()
        .map(|(name, value)| {
            if name == s.field(8) {
                (name, "respondent@example.nl".to_owned())
            } else {
                (name, value)
            }
        })
        .collect();
    assert_eq!(
        post(&visitor, &form, &answers, &[]).await.status().as_u16(),
        303
    );
    let org = app.new_visitor();
    org.login_as_organiser().await;
    let admin = format!("/beheer/consultaties/{}/uitkomsten", s.consultation);
    let r = org
        .post_form(
            &admin,
            &format!("{admin}/publicatie"),
            &[("published", "1")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);

    let subjects = check_all_to(&app, &["respondent@example.nl"]).await;
    assert!(has(&subjects, "Bedankt"), "no receipt: {subjects:?}");
    assert!(
        has(&subjects, "De uitkomsten van"),
        "no outcome notice: {subjects:?}"
    );
}

#[tokio::test]
async fn idea_status_mail() {
    let app = spawn_app().await;
    let s = crate::ideas::setup(&app).await;
    let visitor = app.new_visitor();
    let sent = s
        .submit(
            &visitor,
            &[
                ("title", "Eerst open data"),
                ("body", "Een uitleg van het idee."),
                ("name", "Sam"),
                ("email", "indiener@example.nl"),
                ("consent", "ja"),
            ],
        )
        .await;
    assert_eq!(sent.status().as_u16(), 303);
    let org = app.new_visitor();
    org.login_as_organiser().await;
    let admin = format!("/beheer/processen/{}/ideeen", s.process);
    let idea = inspraak_store::ideas::all_for_process(app.db.read(), s.process)
        .await
        .unwrap()[0]
        .id;
    let r = org
        .post_form(
            &admin,
            &format!("{admin}/{idea}/status"),
            &[
                ("status", "under_consideration"),
                ("action_point", ""),
                ("explanation", "We kijken ernaar."),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);

    let subjects = check_all_to(&app, &["indiener@example.nl"]).await;
    assert!(has(&subjects, "Nieuws over je idee"), "{subjects:?}");
}

#[tokio::test]
async fn session_mails_sign_up_waiting_list_message_and_reminder() {
    use crate::session::{
        Visitor, confirm_link, go_to_the_day_before, message_form_key, post_message,
        published_process, run_session_job, session,
    };
    let app = spawn_app().await;
    app.login_as_organiser().await;
    let process = published_process(&app).await;
    let id = session(&app, process, "1").await;
    for (name, email) in [
        ("Ada Zetel", "zetel@example.nl"),
        ("Bob Wachter", "wachter@example.nl"),
    ] {
        let person = Visitor::new(&app);
        assert_eq!(person.sign_up(id, name, email).await.status().as_u16(), 303);
        let (status, _) = person
            .follow_and_press(&confirm_link(&app, email).await)
            .await;
        assert_eq!(status, 200);
    }
    let form_key = message_form_key(&app, id).await;
    post_message(&app, id, &form_key, "Nieuwe zaal").await;
    go_to_the_day_before(&app, id).await;
    run_session_job(&app).await;

    let subjects = check_all_to(&app, &["zetel@example.nl", "wachter@example.nl"]).await;
    for kind in [
        "Bevestig je aanmelding",
        "Aanmelding bevestigd",
        "Je staat op de wachtlijst",
        "Nieuwe zaal",
        "Herinnering",
    ] {
        assert!(
            subjects.iter().any(|s| s.contains(kind)),
            "no {kind} mail: {subjects:?}"
        );
    }
}

/// A mail server that answers the first message with "try again later" (451) and accepts the
/// rest; it keeps every message it was given, refused or not.
async fn flaky_relay(listener: tokio::net::TcpListener, seen: Arc<Mutex<Vec<String>>>) {
    while let Ok((stream, _)) = listener.accept().await {
        let seen = seen.clone();
        tokio::spawn(async move {
            let mut stream = tokio::io::BufReader::new(stream);
            let _ = stream.get_mut().write_all(b"220 relay ESMTP\r\n").await;
            let mut data: Option<String> = None;
            let mut line = String::new();
            loop {
                line.clear();
                match stream.read_line(&mut line).await {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
                let text = line.trim_end_matches(['\r', '\n']);
                if let Some(message) = data.as_mut() {
                    if text == "." {
                        let first = {
                            let mut all = seen.lock().unwrap();
                            all.push(data.take().unwrap_or_default());
                            all.len() == 1
                        };
                        let reply: &[u8] = if first {
                            b"451 4.3.0 try again later\r\n"
                        } else {
                            b"250 2.0.0 queued\r\n"
                        };
                        let _ = stream.get_mut().write_all(reply).await;
                    } else {
                        message.push_str(text);
                        message.push('\n');
                    }
                    continue;
                }
                let verb = text.to_ascii_uppercase();
                let reply: &[u8] = if verb.starts_with("EHLO") {
                    b"250-relay\r\n250 8BITMIME\r\n"
                } else if verb.starts_with("DATA") {
                    data = Some(String::new());
                    b"354 go ahead\r\n"
                } else if verb.starts_with("QUIT") {
                    let _ = stream.get_mut().write_all(b"221 bye\r\n").await;
                    return;
                } else {
                    b"250 ok\r\n"
                };
                let _ = stream.get_mut().write_all(reply).await;
            }
        });
    }
}

#[tokio::test]
async fn a_mail_retried_over_smtp_keeps_its_message_id() {
    use inspraak_store::outbox::{self, NewMail};
    use inspraak_store::testing::TestDatabase;
    use inspraak_web::Application;
    use inspraak_web::clock::Clock;
    use inspraak_web::config::Settings;

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    tokio::spawn(flaky_relay(listener, seen.clone()));
    let database = TestDatabase::new(crate::helpers::engine()).await.unwrap();
    let data_dir = tempfile::tempdir().unwrap();
    let values: HashMap<String, String> = [
        ("INSPRAAK_LISTEN", "127.0.0.1:0".to_owned()),
        (
            "INSPRAAK_BASE_URL",
            "https://inspraak.example.nl".to_owned(),
        ),
        ("DATABASE_URL", database.url.clone()),
        ("INSPRAAK_DATA_DIR", data_dir.path().display().to_string()),
        (
            "INSPRAAK_SECRET_KEY",
            "mail-format-test-secret-0123456789abcdef".to_owned(),
        ),
        (
            "INSPRAAK_SMTP_URL",
            format!("smtp+insecure://127.0.0.1:{port}"),
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    let settings = Settings::from_values(&values).unwrap();
    let clock = Clock::default();
    let app = Application::build_with_clock(settings, clock.clone())
        .await
        .unwrap();
    let db = app.state().db.clone();
    tokio::spawn(app.run_until_stopped());

    let mail = NewMail {
        recipient: inspraak_domain::Email::parse("persoon@example.nl").unwrap(),
        subject: "Bericht".to_owned(),
        body_text: "Hallo,\n\nZie https://inspraak.example.nl/processen.\n".to_owned(),
        attachment: None,
        dedupe_key: None,
    };
    outbox::enqueue(db.write(), &mail, clock.now())
        .await
        .unwrap();
    // Refused once; the retry is due a minute later.
    for _ in 0..50 {
        if !seen.lock().unwrap().is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    clock.advance(chrono::Duration::minutes(10));
    for _ in 0..50 {
        if seen.lock().unwrap().len() >= 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let messages = seen.lock().unwrap().clone();
    assert_eq!(messages.len(), 2, "{messages:?}");
    let message_id = |raw: &str| -> String {
        raw.lines()
            .find_map(|l| l.strip_prefix("Message-ID: "))
            .unwrap_or_else(|| panic!("no Message-ID:\n{raw}"))
            .to_owned()
    };
    let first = message_id(&messages[0]);
    assert!(first.ends_with("@inspraak.example.nl>"), "{first}");
    assert_eq!(first, message_id(&messages[1]), "the retry keeps its id");
    for part in ["multipart/alternative", "text/plain", "text/html"] {
        assert!(messages[1].contains(part), "no {part}:\n{}", messages[1]);
    }
    assert_eq!(outbox::counts(db.read()).await.unwrap().sent, 1);
}
