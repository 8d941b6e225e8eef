//! `inspraak-bench cluster`: three `inspraak` processes on one PostgreSQL database behind HAProxy
//! (Debian's package), mixed load through the proxy, and one instance killed with SIGKILL halfway.
//! Then it checks what must hold with several instances (issue #20):
//!
//! - no acknowledged submission lost: every consultation response answered with 303 is stored;
//! - nobody logged out: logged-in forum members keep their session on whichever instance serves;
//! - every mail sent exactly once: each `sent` outbox row is one `.eml` file in one instance's
//!   mail folder, and no two files are the same mail;
//! - the seat race exact: confirmations for more people than seats fill the seats, no more, and
//!   `seats_taken` equals the confirmed sign-ups.
//!
//! A run whose checks had nothing to check fails too: fewer sign-ups than seats, or no mail sent.
//!
//! Exit status 1 when any of these fails. The load generator plays many people, each with an
//! address of its own in `X-Forwarded-For` (per-address limits); the proxy keeps that header
//! (`option forwardfor if-none`) where a real deployment would add its own (docs/deployment.md).

use crate::child::Served;
use crate::forms;
use crate::load::person;
use crate::scenarios::FORM_PAGE;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The app refuses a form posted within 3 s of being served.
const FILL_TIME: Duration = Duration::from_millis(3100);
const INSTANCES: usize = 3;

#[derive(clap::Args, Clone, Debug)]
pub struct ClusterOptions {
    /// PostgreSQL server; a fresh database is made and dropped.
    #[arg(long, default_value = "postgres://postgres@127.0.0.1:5432")]
    pub postgres: String,
    /// The `inspraak` binary to run three times.
    #[arg(long, default_value = "target/debug/inspraak")]
    pub binary: PathBuf,
    /// Seconds of mixed load; an instance is killed halfway.
    #[arg(long, default_value_t = 20)]
    pub duration: u64,
    /// People filling in the consultation form over and over.
    #[arg(long, default_value_t = 24)]
    pub submitters: usize,
    /// People signing up for one session (more than its seats).
    #[arg(long, default_value_t = 60)]
    pub signups: usize,
    /// Logged-in forum members reading pages.
    #[arg(long, default_value_t = 4)]
    pub members: usize,
}

fn next_address() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    format!("10.200.{}.{}", (n >> 8) & 255, n & 255)
}

fn step(what: &str) {
    eprintln!(
        "[{}] cluster: {what}",
        chrono::Utc::now().format("%H:%M:%S")
    );
}

struct Proxy {
    child: Child,
    base: String,
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

async fn start_proxy(dir: &Path, port: u16, backends: &[String]) -> anyhow::Result<Proxy> {
    let servers: String = backends
        .iter()
        .enumerate()
        .map(|(n, base)| {
            format!(
                "    server app{n} {} check inter 300ms fall 1 rise 2\n",
                base.trim_start_matches("http://")
            )
        })
        .collect();
    let config = format!(
        "global\n    maxconn 4096\n\
         defaults\n    mode http\n    timeout connect 2s\n    timeout client 60s\n    timeout server 60s\n\
         \x20   retries 3\n    option redispatch\n    option forwardfor if-none\n\
         frontend www\n    bind 127.0.0.1:{port}\n    default_backend app\n\
         backend app\n    balance roundrobin\n    option httpchk GET /readyz\n\
         \x20   retry-on conn-failure empty-response\n{servers}"
    );
    let path = dir.join("haproxy.cfg");
    std::fs::write(&path, config)?;
    let child = Command::new("haproxy")
        .arg("-db")
        .arg("-f")
        .arg(&path)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| anyhow::anyhow!("cannot start haproxy (apt-get install haproxy): {e}"))?;
    let proxy = Proxy {
        child,
        base: format!("http://127.0.0.1:{port}"),
    };
    let probe = person()?;
    let started = Instant::now();
    while crate::load::get_ok(&probe, &format!("{}{FORM_PAGE}", proxy.base))
        .await
        .is_err()
    {
        if started.elapsed() > Duration::from_secs(20) {
            anyhow::bail!("haproxy served nothing within 20 s");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    Ok(proxy)
}

/// Posts a form as one person from their own address; the status, or 0 without an answer.
async fn post_status(client: &reqwest::Client, url: &str, fields: &[(String, String)]) -> u16 {
    match client
        .post(url)
        .header("x-forwarded-for", next_address())
        .form(fields)
        .send()
        .await
    {
        Ok(response) => response.status().as_u16(),
        Err(_) => 0,
    }
}

#[derive(Default)]
struct Tally {
    acknowledged: Vec<String>,
    refused: HashMap<u16, u64>,
    member_checks: u64,
    logged_out: u64,
    member_errors: u64,
    signed_up: u64,
    signup_refused: HashMap<u16, u64>,
}

async fn submit_loop(base: String, deadline: Instant, tally: Arc<Mutex<Tally>>) {
    let Ok(client) = person() else { return };
    while Instant::now() < deadline {
        let Ok(html) = crate::load::get_ok(&client, &format!("{base}{FORM_PAGE}")).await else {
            tokio::time::sleep(Duration::from_millis(200)).await;
            continue;
        };
        let Some((action, fields)) = forms::fill(&html) else {
            continue;
        };
        let key = forms::hidden(&html, "idempotency_key").unwrap_or_default();
        tokio::time::sleep(FILL_TIME).await;
        let status = post_status(&client, &format!("{base}{action}"), &fields).await;
        if let Ok(mut tally) = tally.lock() {
            if status == 303 {
                tally.acknowledged.push(key);
            } else {
                *tally.refused.entry(status).or_default() += 1;
            }
        }
    }
}

async fn member_loop(
    base: String,
    email: &'static str,
    deadline: Instant,
    tally: Arc<Mutex<Tally>>,
) {
    let Ok(client) = person() else { return };
    let login = format!("{base}/inloggen");
    let Ok(html) = crate::load::get_ok(&client, &login).await else {
        return;
    };
    let token = forms::hidden(&html, "csrf_token").unwrap_or_default();
    let logged_in = client
        .post(&login)
        .header("x-forwarded-for", next_address())
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", email),
            ("password", inspraak_web::demo::ORGANISER_PASSWORD),
        ])
        .send()
        .await
        .is_ok_and(|r| r.status().as_u16() == 303);
    if !logged_in {
        if let Ok(mut tally) = tally.lock() {
            tally.member_errors += 1;
        }
        return;
    }
    while Instant::now() < deadline {
        let status = match client.get(format!("{base}/account")).send().await {
            Ok(response) => response.status().as_u16(),
            Err(_) => 0,
        };
        if let Ok(mut tally) = tally.lock() {
            tally.member_checks += 1;
            match status {
                200 => {}
                // Sent to the login page: the session was not known to this instance.
                300..=399 => tally.logged_out += 1,
                _ => tally.member_errors += 1,
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn sign_up(base: String, session: i64, n: usize, delay: Duration, tally: Arc<Mutex<Tally>>) {
    // Spread over the load, so that some sign-ups meet the killed instance and its absence.
    tokio::time::sleep(delay).await;
    let Ok(client) = person() else { return };
    let page = format!("{base}/bijeenkomsten/{session}");
    let Ok(html) = crate::load::get_ok(&client, &page).await else {
        return;
    };
    let mut fields = forms::hidden_fields(&html);
    // A person takes a moment to fill in the form: the public-form gate refuses a post sent
    // sooner than its minimum fill time, as it would a robot's.
    let fill_time = inspraak_web::flows::public_form::MIN_FILL_SECONDS.unsigned_abs() + 1;
    tokio::time::sleep(Duration::from_secs(fill_time)).await;
    fields.push(("name".into(), format!("Deelnemer {n}")));
    fields.push(("email".into(), format!("stoel-{n}@example.org")));
    let status = post_status(&client, &format!("{page}/aanmelden"), &fields).await;
    if let Ok(mut tally) = tally.lock() {
        if (200..400).contains(&status) {
            tally.signed_up += 1;
        } else {
            *tally.signup_refused.entry(status).or_default() += 1;
        }
    }
}

/// Follows a mailed confirmation link: the page (which changes nothing), then its button.
async fn confirm(link: String) -> bool {
    let Ok(client) = person() else { return false };
    let Ok(html) = crate::load::get_ok(&client, &link).await else {
        return false;
    };
    let fields = forms::hidden_fields(&html);
    (200..400).contains(&post_status(&client, &link, &fields).await)
}

fn mail_files(dirs: &[PathBuf]) -> Vec<String> {
    dirs.iter()
        .filter_map(|dir| std::fs::read_dir(dir.join("mail")).ok())
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
        .collect()
}

/// A mail's identity: its headers and text without the lines that differ per sending
/// (date, message id, MIME boundaries).
fn mail_identity(text: &str) -> String {
    text.lines()
        .filter(|l| {
            let lower = l.to_ascii_lowercase();
            !(lower.starts_with("date:")
                || lower.starts_with("message-id:")
                || lower.contains("boundary"))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn confirm_links(mails: &[String], base: &str) -> Vec<String> {
    let marker = format!("{base}/aanmelding/bevestigen/");
    let mut links = HashSet::new();
    for mail in mails {
        // Quoted-printable soft line breaks would split a link; undo them first.
        let text = mail.replace("=\r\n", "").replace("=\n", "");
        if let Some(start) = text.find(&marker) {
            let end = text[start..]
                .find(|c: char| c.is_whitespace() || c == '"' || c == '<')
                .map_or(text.len(), |e| e + start);
            links.insert(text[start..end].replace("=3D", "="));
        }
    }
    links.into_iter().collect()
}

async fn count(db: &DatabaseConnection, sql: &str) -> anyhow::Result<i64> {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            sql.to_owned(),
        ))
        .await?
        .ok_or_else(|| anyhow::anyhow!("no row for {sql}"))?;
    Ok(row.try_get_by_index::<i64>(0)?)
}

async fn wait_for_outbox(db: &DatabaseConnection, limit: Duration) -> anyhow::Result<i64> {
    let started = Instant::now();
    loop {
        let pending = count(
            db,
            "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL",
        )
        .await?;
        if pending == 0 || started.elapsed() > limit {
            return Ok(pending);
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

pub async fn run(options: ClusterOptions) -> anyhow::Result<bool> {
    let database = crate::targets::FreshDatabase::new(Some(&options.postgres)).await?;
    let outcome = run_on(&options, &database.url).await;
    database.remove().await;
    outcome
}

async fn run_on(options: &ClusterOptions, url: &str) -> anyhow::Result<bool> {
    let work = tempfile::tempdir()?;
    let proxy_port = free_port()?;
    let proxy_base = format!("http://127.0.0.1:{proxy_port}");
    let secret = format!("cluster-secret-{}", uuid::Uuid::new_v4().simple());
    let env = [
        ("INSPRAAK_SECRET_KEY", secret.as_str()),
        ("INSPRAAK_BASE_URL", proxy_base.as_str()),
        ("INSPRAAK_SHUTDOWN_GRACE_SECONDS", "5"),
    ];
    let dirs: Vec<PathBuf> = (0..INSTANCES)
        .map(|n| work.path().join(format!("instance-{n}")))
        .collect();
    step("starting three instances on one PostgreSQL database (the first loads the demo)");
    let mut instances = Vec::new();
    for (n, dir) in dirs.iter().enumerate() {
        std::fs::create_dir_all(dir)?;
        instances.push(Served::start(&options.binary, url, dir, n == 0, &env).await?);
    }
    let backends: Vec<String> = instances.iter().map(|i| i.base.clone()).collect();
    let proxy = start_proxy(work.path(), proxy_port, &backends).await?;
    let db = Database::connect(url).await?;

    let (session, capacity): (i64, i64) = {
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                "SELECT id, CAST(capacity AS BIGINT) FROM sessions WHERE starts_at > CURRENT_TIMESTAMP AND capacity IS NOT NULL \
                 AND seats_taken = 0 ORDER BY starts_at LIMIT 1"
                    .to_owned(),
            ))
            .await?
            .ok_or_else(|| anyhow::anyhow!("the demo has no upcoming session with seats"))?;
        (row.try_get_by_index(0)?, row.try_get_by_index::<i64>(1)?)
    };
    let demo_responses = count(&db, "SELECT COUNT(*) FROM consultation_responses").await?;
    let members = ["anna.forum@example.org", "karim.forum@example.org"];
    let tally = Arc::new(Mutex::new(Tally::default()));
    let duration = Duration::from_secs(options.duration);
    let deadline = Instant::now() + duration;
    step(&format!(
        "{} s of load through HAProxy: {} submitting, {} logged in, {} signing up for {} seats",
        options.duration, options.submitters, options.members, options.signups, capacity
    ));
    let mut tasks = Vec::new();
    for _ in 0..options.submitters {
        tasks.push(tokio::spawn(submit_loop(
            proxy.base.clone(),
            deadline,
            tally.clone(),
        )));
    }
    for n in 0..options.members {
        let email = members[n % members.len()];
        tasks.push(tokio::spawn(member_loop(
            proxy.base.clone(),
            email,
            deadline,
            tally.clone(),
        )));
    }
    for n in 0..options.signups {
        let delay = duration.mul_f64(n as f64 / options.signups.max(1) as f64);
        tasks.push(tokio::spawn(sign_up(
            proxy.base.clone(),
            session,
            n,
            delay,
            tally.clone(),
        )));
    }
    tokio::time::sleep(duration / 2).await;
    step("SIGKILL to the second instance");
    instances[1].kill();
    for task in tasks {
        let _ = task.await;
    }

    step("waiting for the outbox, then confirming every sign-up at once");
    let mut pending = wait_for_outbox(&db, Duration::from_secs(30)).await?;
    let links = confirm_links(&mail_files(&dirs), &proxy.base);
    let confirmations: Vec<_> = links
        .iter()
        .cloned()
        .map(|l| tokio::spawn(confirm(l)))
        .collect();
    let mut confirmed_ok = 0;
    for task in confirmations {
        if task.await.unwrap_or(false) {
            confirmed_ok += 1;
        }
    }
    pending = pending.max(wait_for_outbox(&db, Duration::from_secs(30)).await?);

    // Every task has ended: the tally is ours alone now.
    let tally = std::mem::take(&mut *tally.lock().map_err(|_| anyhow::anyhow!("tally lock"))?);
    let stored: HashSet<String> = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT idempotency_key FROM consultation_responses".to_owned(),
        ))
        .await?
        .into_iter()
        .filter_map(|row| row.try_get_by_index::<String>(0).ok())
        .collect();
    let lost = tally
        .acknowledged
        .iter()
        .filter(|k| !stored.contains(*k))
        .count();
    let seats_taken = count(
        &db,
        &format!("SELECT CAST(seats_taken AS BIGINT) FROM sessions WHERE id = {session}"),
    )
    .await?;
    let confirmed = count(
        &db,
        &format!("SELECT COUNT(*) FROM registrations WHERE session_id = {session} AND state = 'confirmed'"),
    )
    .await?;
    let seats_exact = seats_taken == confirmed
        && confirmed <= capacity
        && (confirmed == capacity || (confirmed_ok as i64) < capacity);
    let files = mail_files(&dirs);
    let distinct: HashSet<String> = files.iter().map(|m| mail_identity(m)).collect();
    let duplicates = files.len() - distinct.len();
    let sent = count(&db, "SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL").await?;
    let mails_once = duplicates == 0 && usize::try_from(sent).ok() == Some(files.len());

    let listed = |counts: &HashMap<u16, u64>| -> String {
        let mut parts: Vec<String> = counts.iter().map(|(s, n)| format!("{n} × {s}")).collect();
        parts.sort();
        if parts.is_empty() {
            "none".to_owned()
        } else {
            parts.join(", ")
        }
    };
    let new_responses = i64::try_from(stored.len()).unwrap_or(i64::MAX) - demo_responses;
    let acknowledged = i64::try_from(tally.acknowledged.len()).unwrap_or(i64::MAX);
    println!(
        "cluster run: 3 instances on one PostgreSQL database behind HAProxy, {} s mixed load, 1 instance killed (SIGKILL) at {} s",
        options.duration,
        options.duration / 2
    );
    println!(
        "- submissions acknowledged (303): {acknowledged}; new responses stored: {new_responses}; refused or failed: {}",
        listed(&tally.refused)
    );
    // Stored beyond the acknowledged would be a POST whose answer was lost with the killed
    // instance (stored, but the person saw an error); a duplicate is impossible (UNIQUE key).
    println!(
        "- lost: {lost}; stored without an answer: {}; duplicates: 0 (UNIQUE key)",
        new_responses - acknowledged
    );
    println!(
        "- logged-in page checks: {}; logged out: {}; errors (the killed instance's open requests): {}",
        tally.member_checks, tally.logged_out, tally.member_errors
    );
    println!(
        "- seat race: {} sign-ups (refused or failed: {}), {} confirmation links followed at once ({} answered) for {capacity} seats: {confirmed} confirmed, seats_taken {seats_taken} ({})",
        tally.signed_up,
        listed(&tally.signup_refused),
        links.len(),
        confirmed_ok,
        if seats_exact { "exact" } else { "WRONG" }
    );
    println!(
        "- mail: {sent} outbox rows sent, {} .eml files, duplicates: {duplicates}; still pending: {pending}",
        files.len()
    );
    // Each check must have had something to check: a run in which every sign-up was refused
    // (or no mail went out) proves nothing about seats or mail, so it fails.
    let raced =
        i64::try_from(tally.signed_up).unwrap_or(i64::MAX) > capacity && confirmed == capacity;
    let passed = lost == 0
        && tally.logged_out == 0
        && seats_exact
        && raced
        && mails_once
        && sent > 0
        && tally.member_checks > 0
        && !tally.acknowledged.is_empty();
    println!("- verdict: {}", if passed { "PASS" } else { "FAIL" });
    drop(proxy);
    Ok(passed)
}
