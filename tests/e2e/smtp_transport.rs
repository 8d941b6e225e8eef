//! Mail transport that cannot leak (issue 20, finding 9), against a real SMTP server in the test:
//! a small sink speaking enough SMTP that offers `AUTH PLAIN` but no STARTTLS, the server that
//! made Inspraak send the relay password in clear text.

use inspraak_domain::Email;
use inspraak_store::outbox::{self, NewMail};
use inspraak_store::testing::TestDatabase;
use inspraak_web::Application;
use inspraak_web::clock::Clock;
use inspraak_web::config::Settings;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt};

/// What the sink saw: every command line (upper-cased verb and its argument) and each message.
#[derive(Default, Clone)]
struct Seen {
    commands: Arc<Mutex<Vec<String>>>,
    messages: Arc<Mutex<Vec<String>>>,
}

impl Seen {
    fn commands(&self) -> Vec<String> {
        self.commands.lock().unwrap().clone()
    }
    fn messages(&self) -> Vec<String> {
        self.messages.lock().unwrap().clone()
    }
}

/// An SMTP server on a free port: EHLO advertises AUTH PLAIN LOGIN and no STARTTLS; it accepts
/// any AUTH and any message.
async fn smtp_sink() -> (u16, Seen) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Seen::default();
    let shared = seen.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let seen = shared.clone();
            tokio::spawn(async move {
                let (reader, mut writer) = socket.into_split();
                let mut lines = tokio::io::BufReader::new(reader).lines();
                let _ = writer.write_all(b"220 sink ESMTP\r\n").await;
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(message) = data.as_mut() {
                        if line == "." {
                            seen.messages
                                .lock()
                                .unwrap()
                                .push(data.take().unwrap_or_default());
                            let _ = writer.write_all(b"250 2.0.0 queued\r\n").await;
                        } else {
                            message.push_str(&line);
                            message.push('\n');
                        }
                        continue;
                    }
                    seen.commands.lock().unwrap().push(line.clone());
                    let verb = line.to_ascii_uppercase();
                    let reply: &[u8] = if verb.starts_with("EHLO") {
                        b"250-sink\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n"
                    } else if verb.starts_with("AUTH") {
                        b"235 2.7.0 accepted\r\n"
                    } else if verb.starts_with("STARTTLS") {
                        b"454 4.7.0 TLS not available\r\n"
                    } else if verb.starts_with("DATA") {
                        data = Some(String::new());
                        b"354 go ahead\r\n"
                    } else if verb.starts_with("QUIT") {
                        let _ = writer.write_all(b"221 bye\r\n").await;
                        return;
                    } else {
                        b"250 ok\r\n"
                    };
                    let _ = writer.write_all(reply).await;
                }
            });
        }
    });
    (port, seen)
}

fn settings(database: &TestDatabase, data_dir: &std::path::Path, smtp_url: &str) -> Settings {
    let values: HashMap<String, String> = [
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
    let database = TestDatabase::new(crate::helpers::engine()).await.unwrap();
    let data_dir = tempfile::tempdir().unwrap();
    let clock = Clock::default();
    let app = Application::build_with_clock(
        settings(&database, data_dir.path(), smtp_url),
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
    let (port, seen) = smtp_sink().await;
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
    let (port, seen) = smtp_sink().await;
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
