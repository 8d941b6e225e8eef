//! Reliability: overload answers 503 at once and recovers; SIGTERM lets in-flight requests finish;
//! `kill -9` during a submission load loses no receipted response; a database outage gives a
//! friendly 503 and heals without a restart (PostgreSQL, through a proxy the test cuts); mail
//! queued while the SMTP server is down is delivered once when it is back.
//!
//! The process-level tests run the built binary (`target/debug/inspraak serve`) on a temporary
//! SQLite file. Slowness is made by the client (a form body sent in two parts), never by code
//! in the app.

use crate::helpers::{client, spawn_app_with};
use crate::slow_clients::{app_with_a_large_document, stalled_download};
use inspraak_domain::Email;
use inspraak_store::outbox::{self, NewMail};
use inspraak_store::testing::{Engine, TestDatabase};
use inspraak_web::Application;
use inspraak_web::clock::Clock;
use inspraak_web::config::Settings;
use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Sends the head of a form POST and part of its body, so the request stays in flight until the
/// rest is sent (or the connection is dropped).
async fn half_sent_post(address: &str, path: &str, cookie: &str, body: &str) -> TcpStream {
    let mut stream = TcpStream::connect(address).await.unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream
        .write_all(&body.as_bytes()[..body.len() / 2])
        .await
        .unwrap();
    stream.flush().await.unwrap();
    stream
}

/// Sends the rest of the body and reads the whole response.
async fn finish_post(mut stream: TcpStream, body: &str) -> String {
    stream
        .write_all(&body.as_bytes()[body.len() / 2..])
        .await
        .unwrap();
    let mut response = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut response))
        .await
        .expect("response in time")
        .expect("response read");
    String::from_utf8_lossy(&response).into_owned()
}

#[tokio::test]
async fn past_the_in_flight_limit_the_answer_is_503_at_once_and_service_returns_when_load_drops() {
    // The one place in flight is held by a download its client stopped reading (a half-sent
    // form body no longer holds one: see slow_clients.rs).
    let (app, path) =
        app_with_a_large_document(&[("INSPRAAK_QUEUE_WAIT_MS", "0")], 20 * 1024 * 1024).await;
    let (held, _) = stalled_download(&app, &path).await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    let started = Instant::now();
    let busy = app.get("/").await;
    assert_eq!(busy.status().as_u16(), 503);
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "answered at once"
    );
    assert_eq!(busy.headers()["retry-after"], "5");
    let page = busy.text().await.unwrap();
    assert!(page.contains("Het is even druk") && page.contains("It is busy right now"));
    assert_eq!(
        app.get("/healthz").await.status().as_u16(),
        200,
        "health is exempt"
    );

    drop(held);
    let mut recovered = false;
    for _ in 0..50 {
        if app.get("/").await.status().as_u16() == 200 {
            recovered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(recovered, "serves again once load drops");
}

/// The real binary, serving a SQLite file in `dir`.
struct Server {
    child: Child,
    address: String,
}

impl Server {
    fn start(dir: &std::path::Path, demo: bool) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_inspraak"));
        command.arg("serve");
        if demo {
            command.arg("--demo");
        }
        let mut child = command
            .env(
                "DATABASE_URL",
                format!("sqlite://{}/inspraak.db?mode=rwc", dir.display()),
            )
            .env("INSPRAAK_DATA_DIR", dir)
            .env("INSPRAAK_LISTEN", "127.0.0.1:0")
            // Each simulated person comes from their own address (see `person`).
            .env("INSPRAAK_TRUST_PROXY", "true")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, receiver) = std::sync::mpsc::channel();
        // Keeps reading, so the server never writes into a closed pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("(port ").nth(1) {
                    let _ = sender.send(rest.split(')').next().unwrap_or_default().to_owned());
                }
            }
        });
        let port = receiver
            .recv_timeout(Duration::from_secs(60))
            .expect("the server printed its port");
        Server {
            child,
            address: format!("127.0.0.1:{port}"),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args([&format!("-{name}"), &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Waits (up to `limit`) for the process to end; its exit status.
    fn wait_exit(&mut self, limit: Duration) -> Option<std::process::ExitStatus> {
        let started = Instant::now();
        while started.elapsed() < limit {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The visitor cookie (`name=value`) a response set.
fn visitor_cookie(response: &reqwest::Response) -> String {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("inspraak_visitor="))
        .and_then(|v| v.split(';').next())
        .expect("visitor cookie")
        .to_owned()
}

fn field_value(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker).expect("field") + marker.len();
    let end = html[start..].find('"').unwrap() + start;
    html[start..end].to_owned()
}

#[tokio::test]
async fn sigterm_lets_a_request_in_flight_finish_before_the_server_stops() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = tokio::task::spawn_blocking({
        let path = dir.path().to_owned();
        move || Server::start(&path, false)
    })
    .await
    .unwrap();
    let plain = reqwest::Client::new();
    let form = plain.get(server.url("/inloggen")).send().await.unwrap();
    let cookie = visitor_cookie(&form);
    let token = field_value(&form.text().await.unwrap(), "csrf_token");
    let body =
        format!("csrf_token={token}&email=iemand%40example.nl&password=niet+het+goede+wachtwoord");

    let stream = half_sent_post(&server.address, "/inloggen", &cookie, &body).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    server.signal("TERM");
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        server.child.try_wait().unwrap().is_none(),
        "still running while a request is in flight"
    );
    assert!(
        TcpStream::connect(&server.address).await.is_err(),
        "no new connections are taken while stopping"
    );
    let response = finish_post(stream, &body).await;
    let status_line = response.lines().next().unwrap_or_default().to_owned();
    assert!(
        status_line.starts_with("HTTP/1.1 401"),
        "the login form comes back with its error: {status_line}"
    );
    assert!(response.contains("</html>"), "the whole page arrived");
    let exit = tokio::task::spawn_blocking(move || {
        let status = server.wait_exit(Duration::from_secs(15));
        (status, server)
    })
    .await
    .unwrap();
    assert!(
        exit.0.is_some_and(|s| s.success()),
        "stopped cleanly: {:?}",
        exit.0
    );
}

async fn start_server(dir: &std::path::Path, demo: bool) -> Server {
    let path = dir.to_owned();
    tokio::task::spawn_blocking(move || Server::start(&path, demo))
        .await
        .unwrap()
}

const DEMO_FORM: &str = "/processen/actieplan-open-overheid-2026/consultatie";

/// A filled-in form of the demo consultation, ready to post: where to, and the fields.
struct FilledForm {
    action: String,
    fields: Vec<(String, String)>,
}

/// Opens the demo consultation's form and answers its one required question (rank a theme).
async fn fill_demo_form(person: &reqwest::Client, server: &Server) -> FilledForm {
    let html = person
        .get(server.url(DEMO_FORM))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let action_start = html.find("method=\"post\" action=\"").unwrap() + 22;
    let action_end = html[action_start..].find('"').unwrap() + action_start;
    // The first theme of the ranking question: a field named q<question>_t<theme>.
    let rank = html
        .split("name=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .find(|name| name.starts_with('q') && name.contains("_t"))
        .expect("a ranking field")
        .to_owned();
    FilledForm {
        action: html[action_start..action_end].to_owned(),
        fields: vec![
            ("csrf_token".into(), field_value(&html, "csrf_token")),
            (
                "idempotency_key".into(),
                field_value(&html, "idempotency_key"),
            ),
            ("form_started".into(), field_value(&html, "form_started")),
            ("website".into(), String::new()),
            (rank, "1".into()),
        ],
    }
}

#[tokio::test]
async fn kill_9_during_a_submission_load_loses_no_response_whose_receipt_was_given() {
    let dir = tempfile::tempdir().unwrap();
    let mut receipted: Vec<String> = Vec::new();
    let mut server = start_server(dir.path(), true).await;
    for (round, kill_after_ms) in [100u64, 0, 30].into_iter().enumerate() {
        // 16 people open 6 forms each; a person needs 3 s to fill in a form (spam rule).
        let mut people = Vec::new();
        for _ in 0..16 {
            let person = client();
            let mut forms = Vec::new();
            for _ in 0..6 {
                forms.push(fill_demo_form(&person, &server).await);
            }
            people.push((person, forms));
        }
        tokio::time::sleep(Duration::from_millis(3200)).await;
        let receipts = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let mut tasks = Vec::new();
        for (n, (person, forms)) in people.into_iter().enumerate() {
            let (receipts, base) = (receipts.clone(), server.url(""));
            tasks.push(tokio::spawn(async move {
                for (k, form) in forms.into_iter().enumerate() {
                    let sent = person
                        .post(format!("{base}{}", form.action))
                        .header("x-forwarded-for", format!("10.{round}.{n}.{k}"))
                        .form(&form.fields)
                        .send()
                        .await;
                    let Ok(response) = sent else { return };
                    if response.status().as_u16() == 303 {
                        // The receipt path, without the one-time trace token (`?spoor=`).
                        let location = response.headers()["location"].to_str().unwrap();
                        let location = location.split("?spoor=").next().unwrap().to_owned();
                        receipts.lock().unwrap().push(location);
                    } else {
                        panic!("submission refused: {}", response.status());
                    }
                }
            }));
        }
        // Kill mid-load: once the first receipts are out, after a delay that differs per round.
        for _ in 0..200 {
            if !receipts.lock().unwrap().is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        tokio::time::sleep(Duration::from_millis(kill_after_ms)).await;
        server.signal("KILL");
        server.wait_exit(Duration::from_secs(5)).expect("killed");
        for task in tasks {
            task.await.unwrap();
        }
        let new = receipts.lock().unwrap().clone();
        assert!(
            !new.is_empty(),
            "round {round}: some receipts before the kill"
        );
        eprintln!(
            "round {round}: {} of 96 submissions receipted before kill -9",
            new.len()
        );
        receipted.extend(new);

        server = start_server(dir.path(), false).await;
        let check = reqwest::Client::new();
        for path in &receipted {
            let page = check.get(server.url(path)).send().await.unwrap();
            assert_eq!(
                page.status().as_u16(),
                200,
                "round {round}: {path} survived"
            );
        }
    }
    let mut bogus = receipted[0].clone();
    let last = bogus.pop().unwrap();
    bogus.push(if last == 'A' { 'B' } else { 'A' });
    let page = reqwest::get(server.url(&bogus)).await.unwrap();
    assert_eq!(
        page.status().as_u16(),
        404,
        "an unknown receipt is not found"
    );
}

/// A TCP proxy the test can cut (its port refuses connections and open ones are dropped, as
/// when PostgreSQL restarts) and restore (same port).
struct Proxy {
    port: u16,
    up: tokio::sync::watch::Sender<bool>,
}

impl Proxy {
    async fn start(upstream: String) -> Proxy {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (up, mut state) = tokio::sync::watch::channel(true);
        tokio::spawn(async move {
            let mut listener = Some(listener);
            let mut connections = tokio::task::JoinSet::new();
            loop {
                match &listener {
                    Some(open) => tokio::select! {
                        accepted = open.accept() => {
                            if let Ok((mut inbound, _)) = accepted {
                                let upstream = upstream.clone();
                                connections.spawn(async move {
                                    if let Ok(mut outbound) = TcpStream::connect(&upstream).await {
                                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                                    }
                                });
                            }
                        }
                        changed = state.changed() => {
                            if changed.is_err() { return; }
                            if !*state.borrow() {
                                listener = None;
                                connections.abort_all();
                            }
                        }
                    },
                    None => {
                        if state.changed().await.is_err() {
                            return;
                        }
                        if *state.borrow() {
                            listener = Some(
                                tokio::net::TcpListener::bind(("127.0.0.1", port))
                                    .await
                                    .unwrap(),
                            );
                        }
                    }
                }
            }
        });
        Proxy { port, up }
    }

    fn cut(&self) {
        self.up.send(false).unwrap();
    }

    fn restore(&self) {
        self.up.send(true).unwrap();
    }
}

#[tokio::test]
async fn a_database_outage_gives_a_friendly_503_fast_and_the_app_recovers_without_a_restart() {
    if !matches!(crate::helpers::engine(), Engine::Postgres) {
        eprintln!("skipped: runs with INSPRAAK_E2E_ENGINE=postgres");
        return;
    }
    let database = TestDatabase::new(Engine::Postgres).await.unwrap();
    // postgres://user@host:port/name → the same through the proxy.
    let (scheme, rest) = database.url.split_once("://").unwrap();
    let (authority, name) = rest.split_once('/').unwrap();
    let (user, host_port) = authority.rsplit_once('@').unwrap_or(("", authority));
    let proxy = Proxy::start(host_port.to_owned()).await;
    let user = if user.is_empty() {
        String::new()
    } else {
        format!("{user}@")
    };
    let proxied = format!("{scheme}://{user}127.0.0.1:{}/{name}", proxy.port);
    let app = spawn_app_with(&[("DATABASE_URL", &proxied)]).await;
    assert_eq!(app.get("/").await.status().as_u16(), 200);

    proxy.cut();
    for _ in 0..2 {
        let started = Instant::now();
        let response = app.get("/").await;
        assert_eq!(response.status().as_u16(), 503);
        assert!(
            started.elapsed() < Duration::from_secs(8),
            "fails fast: {:?}",
            started.elapsed()
        );
        assert!(response.headers().contains_key("retry-after"));
        let page = response.text().await.unwrap();
        assert!(page.contains("Het is even druk") && page.contains("It is busy right now"));
    }
    assert_eq!(app.get("/readyz").await.status().as_u16(), 503);

    proxy.restore();
    let mut recovered = false;
    for _ in 0..50 {
        if app.get("/").await.status().as_u16() == 200 {
            recovered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(recovered, "serves again without a restart");
    assert_eq!(app.get("/readyz").await.status().as_u16(), 200);
}

#[tokio::test]
async fn mail_queued_while_the_smtp_server_is_down_is_delivered_once_when_it_is_back() {
    // A port bound but not listening: the mail server is down (connections are refused), and
    // no other test's server can take the port meanwhile.
    let reserved = tokio::net::TcpSocket::new_v4().unwrap();
    reserved.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let port = reserved.local_addr().unwrap().port();
    let database = TestDatabase::new(crate::helpers::engine()).await.unwrap();
    let data_dir = tempfile::tempdir().unwrap();
    let values: HashMap<String, String> = [
        ("INSPRAAK_LISTEN", "127.0.0.1:0".to_owned()),
        ("DATABASE_URL", database.url.clone()),
        ("INSPRAAK_DATA_DIR", data_dir.path().display().to_string()),
        (
            "INSPRAAK_SECRET_KEY",
            "reliability-test-secret-0123456789abcdef".into(),
        ),
        // The fake server offers no STARTTLS: the explicit plain-text opt-in (issue 20).
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

    for n in 1..=5 {
        let mail = NewMail {
            recipient: Email::parse(&format!("persoon{n}@example.nl")).unwrap(),
            subject: format!("Bericht {n}"),
            body_text: format!("Dit is bericht {n}."),
            attachment: None,
            dedupe_key: None,
        };
        outbox::enqueue(db.write(), &mail, clock.now())
            .await
            .unwrap();
    }
    // The worker tries, fails and schedules retries.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(outbox::counts(db.read()).await.unwrap().sent, 0);

    let seen = crate::smtp_sink::Seen::default();
    let listener = reserved.listen(128).unwrap();
    tokio::spawn(crate::smtp_sink::serve(
        listener,
        crate::smtp_sink::Mode::Plain,
        seen.clone(),
    ));
    clock.advance(chrono::Duration::minutes(10));
    for _ in 0..100 {
        if seen.messages().len() >= 5 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Later retries find nothing left to send.
    clock.advance(chrono::Duration::hours(2));
    tokio::time::sleep(Duration::from_millis(1500)).await;

    let received = seen.messages();
    assert_eq!(received.len(), 5, "every mail once: {received:?}");
    for n in 1..=5 {
        let subject = format!("Subject: Bericht {n}\n");
        let copies = received.iter().filter(|m| m.contains(&subject)).count();
        assert_eq!(copies, 1, "mail {n} delivered exactly once");
    }
    let counts = outbox::counts(db.read()).await.unwrap();
    assert_eq!((counts.sent, counts.waiting, counts.failed), (5, 0, 0));
}
