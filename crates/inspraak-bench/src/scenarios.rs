//! The scenarios: each drives a server over loopback HTTP (or the database directly, for the
//! insert baseline) and returns its figures.

use crate::forms;
use crate::load::{self, Recorder, Stats, get_ok, person};
use crate::wire::Person;
use inspraak_store::Db;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const PROCESS_PAGE: &str = "/processen/actieplan-open-overheid-2026";
pub const FORM_PAGE: &str = "/processen/actieplan-open-overheid-2026/consultatie";
pub const AGENDA: &str = "/agenda";
/// The app refuses a form posted within 3 s of being served (bots post at once).
const FILL_TIME: Duration = Duration::from_millis(3100);

/// A different made-up address for every request that needs one (per-address limits).
fn next_address() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    format!("10.{}.{}.{}", (n >> 16) & 255, (n >> 8) & 255, n & 255)
}

pub async fn hello(base: &str, clients: usize, duration: Duration) -> Stats {
    load::run(clients, duration, |_, deadline| {
        let mut person = Person::new(base);
        async move {
            let mut recorder = Recorder::default();
            while Instant::now() < deadline {
                recorder.time(person.get_ok("/")).await;
            }
            recorder
        }
    })
    .await
}

pub async fn raw_inserts(db: &Db, clients: usize, duration: Duration) -> Stats {
    load::run(clients, duration, |n, deadline| {
        let db = db.clone();
        async move {
            let mut recorder = Recorder::default();
            let payload = format!("client {n}: a row about the size of an answer");
            while Instant::now() < deadline {
                recorder
                    .time(crate::targets::raw_insert(&db, &payload))
                    .await;
            }
            recorder
        }
    })
    .await
}

/// Process page, form page and agenda in turn.
pub async fn public_pages(base: &str, clients: usize, duration: Duration) -> Stats {
    let base = base.to_owned();
    load::run(clients, duration, |n, deadline| {
        let base = base.clone();
        async move { page_loop(&base, n, || Instant::now() >= deadline).await }
    })
    .await
}

async fn page_loop(base: &str, n: usize, done: impl Fn() -> bool) -> Recorder {
    let mut recorder = Recorder::default();
    let mut person = Person::new(base);
    let paths = [PROCESS_PAGE, FORM_PAGE, AGENDA];
    let mut i = n;
    while !done() {
        recorder.time(person.get_ok(paths[i % 3])).await;
        i += 1;
    }
    recorder
}

/// A filled-in form: when it was served, where it posts, the fields.
type OpenForm = (Instant, String, Vec<(String, String)>);

/// A person with forms they opened and filled in, oldest first.
struct Filler {
    person: Person,
    forms: VecDeque<OpenForm>,
    /// The first form this person filled in: later copies differ only in their tokens.
    first: (String, Vec<(String, String)>),
}

/// GETs the form and fills it in; with `like`, an earlier filled-in copy, only its per-copy
/// fields are read again (`forms::refill`).
async fn open_form(
    person: &mut Person,
    like: Option<&(String, Vec<(String, String)>)>,
) -> Option<(String, Vec<(String, String)>)> {
    let answer = person.get_ok(FORM_PAGE).await.ok()?;
    let html = answer.text()?;
    match like {
        Some((action, filled)) => Some((action.clone(), forms::refill(html, filled)?)),
        None => forms::fill(html),
    }
}

#[derive(Debug)]
pub struct Refused(pub u16);

impl load::Status for Refused {
    fn status(&self) -> u16 {
        self.0
    }
}

impl load::Status for sea_orm::DbErr {
    fn status(&self) -> u16 {
        0
    }
}

async fn post_form(
    person: &mut Person,
    action: &str,
    fields: &[(String, String)],
) -> Result<(), Refused> {
    let address = next_address();
    let status = person
        .post_form(action, fields, &[("x-forwarded-for", &address)])
        .await
        .map_err(|e| Refused(e.0))?
        .status;
    // 303 to the receipt page: stored.
    if status == 303 {
        Ok(())
    } else {
        Err(Refused(status))
    }
}

/// Checks one full submission before the load: a broken form would make every figure meaningless.
pub async fn check_one_submission(base: &str) -> anyhow::Result<()> {
    let mut person = Person::new(base);
    let first = open_form(&mut person, None)
        .await
        .ok_or_else(|| anyhow::anyhow!("the consultation form could not be read"))?;
    // A second copy filled in the way the load fills them (the first one's answers, this
    // copy's tokens): it must be taken too.
    let (action, fields) = open_form(&mut person, Some(&first))
        .await
        .ok_or_else(|| anyhow::anyhow!("a second copy of the form could not be read"))?;
    tokio::time::sleep(FILL_TIME).await;
    post_form(&mut person, &action, &fields)
        .await
        .map_err(|e| anyhow::anyhow!("a full submission was refused with status {}", e.0))
}

/// Full submissions: each simulated person GETs the form (CSRF token, idempotency key, signed
/// start stamp), and POSTs it once it is 3 s old; meanwhile they open the next one. Only the
/// POSTs are counted and timed; the GETs are load on top.
pub async fn submissions(
    base: &str,
    clients: usize,
    duration: Duration,
    forms_per_client: usize,
) -> Stats {
    submissions_across(&[base.to_owned()], clients, duration, forms_per_client).await
}

/// As [`submissions`], the people spread over several instances of Inspraak on one database
/// (person `n` uses instance `n % bases.len()` for all its requests, as a sticky proxy would).
pub async fn submissions_across(
    bases: &[String],
    clients: usize,
    duration: Duration,
    forms_per_client: usize,
) -> Stats {
    let base_of = |n: usize| bases[n % bases.len().max(1)].clone();
    // Warm-up, not measured: everyone opens their first forms.
    let mut prepared = Vec::with_capacity(clients);
    let opening: Vec<_> = (0..clients)
        .map(|n| {
            let base = base_of(n);
            tokio::spawn(async move {
                let mut person = Person::new(&base);
                let mut forms = VecDeque::new();
                let first = open_form(&mut person, None).await?;
                for _ in 0..forms_per_client {
                    if let Some((action, fields)) = open_form(&mut person, Some(&first)).await {
                        forms.push_back((Instant::now(), action, fields));
                    }
                }
                Some(Filler {
                    person,
                    forms,
                    first,
                })
            })
        })
        .collect();
    for task in opening {
        // A person who could not start keeps their place: person `n` stays on instance `n`.
        prepared.push(task.await.ok().flatten());
    }
    tokio::time::sleep(FILL_TIME).await;
    let prepared = Arc::new(Mutex::new(prepared));
    load::run(clients, duration, |n, deadline| {
        let filler = prepared
            .lock()
            .ok()
            .and_then(|mut all| all.get_mut(n).and_then(Option::take));
        async move {
            let mut recorder = Recorder::default();
            let Some(mut filler) = filler else {
                return recorder;
            };
            while Instant::now() < deadline {
                let Some((opened, action, fields)) = filler.forms.pop_front() else {
                    break;
                };
                let ready = opened + FILL_TIME;
                if ready > Instant::now() {
                    // Out of filled-in forms: this person is the limit, not the server.
                    tokio::time::sleep_until(ready.into()).await;
                }
                recorder
                    .time(post_form(&mut filler.person, &action, &fields))
                    .await;
                if let Some((action, fields)) =
                    open_form(&mut filler.person, Some(&filler.first)).await
                {
                    filler.forms.push_back((Instant::now(), action, fields));
                }
            }
            recorder
        }
    })
    .await
}

/// What the login storm measured.
pub struct Storm {
    pub logins: Stats,
    pub pages_during: Stats,
    pub seconds: f64,
}

/// One person per address in `accounts` logs in at once (the password step: argon2id each) while
/// `page_clients` keep reading public pages; returns both.
pub async fn login_storm(base: &str, accounts: Vec<String>, page_clients: usize) -> Storm {
    let stop = Arc::new(AtomicBool::new(false));
    let page_tasks: Vec<_> = (0..page_clients)
        .map(|n| {
            let (base, stop) = (base.to_owned(), stop.clone());
            tokio::spawn(async move { page_loop(&base, n, || stop.load(Ordering::Relaxed)).await })
        })
        .collect();
    // Let the page load settle before the storm.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let started = Instant::now();
    let login_tasks: Vec<_> = accounts
        .into_iter()
        .map(|email| {
            let base = base.to_owned();
            tokio::spawn(async move {
                let mut recorder = Recorder::default();
                if let Ok(client) = person() {
                    recorder.time(login(&client, &base, &email)).await;
                }
                recorder
            })
        })
        .collect();
    let mut login_recorders = Vec::new();
    for task in login_tasks {
        if let Ok(r) = task.await {
            login_recorders.push(r);
        }
    }
    let elapsed = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    let mut page_recorders = Vec::new();
    for task in page_tasks {
        if let Ok(r) = task.await {
            page_recorders.push(r);
        }
    }
    Storm {
        logins: Stats::from_recorders(login_recorders, elapsed),
        pages_during: Stats::from_recorders(page_recorders, elapsed),
        seconds: elapsed.as_secs_f64(),
    }
}

async fn login(client: &reqwest::Client, base: &str, email: &str) -> Result<(), Refused> {
    let url = format!("{base}/inloggen");
    let html = get_ok(client, &url).await.map_err(|e| Refused(e.0))?;
    let token = forms::hidden(&html, "csrf_token").ok_or(Refused(0))?;
    let response = client
        .post(&url)
        .header("x-forwarded-for", next_address())
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", email),
            ("password", inspraak_web::demo::ORGANISER_PASSWORD),
        ])
        .send()
        .await
        .map_err(|_| Refused(0))?;
    // 303 to the second login step: the password was checked.
    match response.status().as_u16() {
        303 => Ok(()),
        other => Err(Refused(other)),
    }
}

/// Resident memory of this process (Inspraak and the load generator together), in MB.
pub fn resident_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
