//! Mail transport that cannot leak (issue 20, finding 9), against a real SMTP server in the test
//! (`smtp_sink.rs`): a sink that offers `AUTH PLAIN` but no STARTTLS, the server that made
//! Inspraak send the relay password in clear text, gets neither; a relay speaking STARTTLS or
//! implicit TLS with a certificate from the CA in `INSPRAAK_SMTP_CA_FILE` gets the mail, and
//! the password only after TLS; without that CA the certificate is refused.

use crate::smtp_sink::{self, Mode, TLS_STARTED};
use inspraak_domain::Email;
use inspraak_store::outbox::{self, NewMail};
use inspraak_store::testing::TestDatabase;
use inspraak_web::Application;
use inspraak_web::clock::Clock;
use inspraak_web::config::Settings;
use std::collections::HashMap;
use std::time::Duration;

fn settings(
    database: &TestDatabase,
    data_dir: &std::path::Path,
    smtp_url: &str,
    ca_file: Option<&std::path::Path>,
) -> Settings {
    let mut values: HashMap<String, String> = [
        ("INSPRAAK_LISTEN", "127.0.0.1:0".to_owned()),
        ("DATABASE_URL", database.url.clone()),
        ("INSPRAAK_DATA_DIR", data_dir.display().to_string()),
        (
            "INSPRAAK_SECRET_KEY",
            "smtp-transport-test-secret-0123456789abcdef".into(),
        ),
        ("INSPRAAK_SMTP_URL", smtp_url.to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    if let Some(path) = ca_file {
        values.insert("INSPRAAK_SMTP_CA_FILE".into(), path.display().to_string());
    }
    Settings::from_values(&values).unwrap()
}

/// The running app's database and clock, and what must live as long as it.
struct Running {
    counts: outbox::OutboxCounts,
    clock: Clock,
    db: inspraak_store::Db,
    _database: TestDatabase,
    _data_dir: tempfile::TempDir,
}

/// Starts the app with `smtp_url`, queues one mail, and waits a little for the outbox worker.
async fn queue_one_mail(smtp_url: &str) -> Running {
    queue_one_mail_trusting(smtp_url, None).await
}

/// As [`queue_one_mail`], trusting the CA in `ca_file` for the relay too.
async fn queue_one_mail_trusting(smtp_url: &str, ca_file: Option<&std::path::Path>) -> Running {
    let database = TestDatabase::new(crate::helpers::engine()).await.unwrap();
    let data_dir = tempfile::tempdir().unwrap();
    let clock = Clock::default();
    let app = Application::build_with_clock(
        settings(&database, data_dir.path(), smtp_url, ca_file),
        clock.clone(),
    )
    .await
    .unwrap();
    let db = app.state().db.clone();
    tokio::spawn(app.run_until_stopped());
    let mail = NewMail {
        recipient: Email::parse("deelnemer@example.nl").unwrap(),
        subject: "Je aanmelding".into(),
        body_text: "Persoonlijke inhoud".into(),
        attachment: None,
        dedupe_key: None,
    };
    outbox::enqueue(db.write(), &mail, clock.now())
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let counts = outbox::counts(db.read()).await.unwrap();
    Running {
        counts,
        clock,
        db,
        _database: database,
        _data_dir: data_dir,
    }
}

#[tokio::test]
async fn smtp_url_with_credentials_never_sends_them_without_starttls() {
    let (port, seen) = smtp_sink::start(Mode::PlainWithAuth).await;
    let running = queue_one_mail(&format!(
        "smtp://relay-user:relay-password@127.0.0.1:{port}"
    ))
    .await;
    let (counts, clock, db) = (&running.counts, &running.clock, &running.db);

    let commands = seen.commands();
    assert!(
        commands
            .iter()
            .any(|c| c.to_ascii_uppercase().starts_with("EHLO")),
        "Inspraak did talk to the server: {commands:?}"
    );
    for command in &commands {
        let verb = command.to_ascii_uppercase();
        assert!(
            !verb.starts_with("AUTH") && !verb.starts_with("MAIL") && !verb.starts_with("DATA"),
            "nothing sent in clear text after EHLO: {commands:?}"
        );
    }
    assert!(seen.messages().is_empty(), "no mail delivered");
    assert_eq!(
        (counts.sent, counts.waiting, counts.failed),
        (0, 1, 0),
        "kept for a retry"
    );

    // The retry (after the backoff) refuses again: still no AUTH, still queued.
    clock.advance(chrono::Duration::minutes(5));
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let ehlos = seen
        .commands()
        .iter()
        .filter(|c| c.to_ascii_uppercase().starts_with("EHLO"))
        .count();
    assert!(ehlos >= 2, "retried: {:?}", seen.commands());
    assert!(
        !seen
            .commands()
            .iter()
            .any(|c| c.to_ascii_uppercase().starts_with("AUTH"))
    );
    assert_eq!(outbox::counts(db.read()).await.unwrap().sent, 0);
}

#[tokio::test]
async fn the_plain_opt_in_without_credentials_delivers_to_a_local_relay() {
    let (port, seen) = smtp_sink::start(Mode::PlainWithAuth).await;
    let running = queue_one_mail(&format!("smtp+insecure://127.0.0.1:{port}")).await;
    let counts = &running.counts;
    assert_eq!((counts.sent, counts.waiting), (1, 0));
    let messages = seen.messages();
    assert_eq!(messages.len(), 1);
    assert!(messages[0].contains("Subject: Je aanmelding"));
    assert!(
        !seen
            .commands()
            .iter()
            .any(|c| c.to_ascii_uppercase().starts_with("AUTH")),
        "no credentials configured, none sent"
    );
}

/// The verbs the sink saw, upper-cased, with [`TLS_STARTED`] where TLS began.
fn verbs(seen: &smtp_sink::Seen) -> Vec<String> {
    seen.commands()
        .iter()
        .map(|c| {
            c.split_whitespace()
                .next()
                .unwrap_or_default()
                .to_ascii_uppercase()
        })
        .collect()
}

#[tokio::test]
async fn starttls_to_a_relay_signed_by_the_configured_ca_delivers_and_authenticates_after_tls() {
    let (port, seen) = smtp_sink::start(Mode::StartTls).await;
    let ca = smtp_sink::ca_file();
    let running = queue_one_mail_trusting(
        &format!("smtp://relay-user:relay-password@127.0.0.1:{port}"),
        Some(&ca),
    )
    .await;
    let counts = &running.counts;
    assert_eq!((counts.sent, counts.waiting, counts.failed), (1, 0, 0));
    let messages = seen.messages();
    assert_eq!(messages.len(), 1);
    assert!(messages[0].contains("Subject: Je aanmelding"));
    let verbs = verbs(&seen);
    let tls = verbs
        .iter()
        .position(|v| v == TLS_STARTED.to_ascii_uppercase().as_str());
    let auth = verbs.iter().position(|v| v == "AUTH");
    let starttls = verbs.iter().position(|v| v == "STARTTLS");
    match (starttls, tls, auth) {
        (Some(starttls), Some(tls), Some(auth)) => assert!(
            starttls < tls && tls < auth,
            "STARTTLS, then TLS, then AUTH: {verbs:?}"
        ),
        _ => panic!("STARTTLS, TLS and AUTH all happened: {verbs:?}"),
    }
    // The password is sent (base64 in AUTH PLAIN) only on the encrypted part of the connection.
    let before_tls = &seen.commands()[..tls.unwrap_or_default()];
    assert!(
        !before_tls
            .iter()
            .any(|c| c.to_ascii_uppercase().starts_with("AUTH")),
        "{before_tls:?}"
    );
}

#[tokio::test]
async fn smtps_to_a_relay_signed_by_the_configured_ca_delivers() {
    let (port, seen) = smtp_sink::start(Mode::ImplicitTls).await;
    let ca = smtp_sink::ca_file();
    let running = queue_one_mail_trusting(
        &format!("smtps://relay-user:relay-password@127.0.0.1:{port}"),
        Some(&ca),
    )
    .await;
    let counts = &running.counts;
    assert_eq!((counts.sent, counts.waiting, counts.failed), (1, 0, 0));
    assert_eq!(seen.messages().len(), 1);
    let verbs = verbs(&seen);
    assert_eq!(
        verbs.first().map(String::as_str),
        Some(TLS_STARTED.to_ascii_uppercase().as_str()),
        "TLS before the first command: {verbs:?}"
    );
    assert!(verbs.iter().any(|v| v == "AUTH"), "{verbs:?}");
}

#[tokio::test]
async fn without_the_ca_the_relays_certificate_is_refused_and_nothing_is_sent() {
    let (port, seen) = smtp_sink::start(Mode::StartTls).await;
    let running = queue_one_mail(&format!(
        "smtp://relay-user:relay-password@127.0.0.1:{port}"
    ))
    .await;
    let counts = &running.counts;
    assert_eq!((counts.sent, counts.waiting), (0, 1), "kept for a retry");
    assert!(seen.messages().is_empty());
    let verbs = verbs(&seen);
    assert!(verbs.iter().any(|v| v == "STARTTLS"), "{verbs:?}");
    assert!(!verbs.iter().any(|v| v == "AUTH"), "{verbs:?}");
}

#[test]
fn the_plain_opt_in_with_credentials_is_refused_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_inspraak"))
        .arg("serve")
        .env_clear()
        .env("INSPRAAK_DATA_DIR", dir.path())
        .env("INSPRAAK_LISTEN", "127.0.0.1:0")
        .env(
            "INSPRAAK_SMTP_URL",
            "smtp+insecure://relay-user:relay-password@127.0.0.1:2525",
        )
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("INSPRAAK_SMTP_URL"), "{stderr}");
    assert!(stderr.contains("clear text"), "{stderr}");
    assert!(
        !stderr.contains("relay-password"),
        "the password is not echoed"
    );
}
