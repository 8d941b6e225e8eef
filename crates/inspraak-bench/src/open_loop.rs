//! `inspraak-bench open-loop`: overload as real visitors make it (issue #20, finding 7).
//!
//! The closed loop of `overload` (N clients, each sending its next request when the last one is
//! answered) cannot overload a server fairly: when the server refuses fast, its clients ask
//! again at once, and the refusals take the cores that serving needs. Browsers do not do that.
//! Here visitors *arrive* at a fixed rate, whatever the server answers (evenly spaced or as a
//! Poisson process): each asks for one public page (process page, form, agenda in turn). A
//! visitor refused with 503 waits as long as `Retry-After` says and asks once more, at most
//! `--retries` times, never sooner; one without an answer within `--timeout` gives up.
//!
//! Connections: by default an arriving visitor takes an idle keep-alive connection from a shared
//! pool or opens a new one (independent browsers: as many connections as are needed at once).
//! `--connections N` instead opens exactly N keep-alive connections and sends every arrival over
//! the next free one; an arrival that finds them all busy waits in the generator, and that wait
//! counts in its latency (measured from the moment it was due, so a slow server cannot hide its
//! latency by slowing the generator down).
//!
//! Levels: the capacity is found first with the closed loop at `--capacity-clients` (unless
//! `--capacity` gives it), then visitors arrive at `--factors` times that rate (1 × and 10 ×), for every
//! `INSPRAAK_MAX_IN_FLIGHT` in `--max-in-flight`, on a fresh SQLite database with the demo
//! content each time.

use crate::child::Served;
use crate::scenarios::{AGENDA, FORM_PAGE, PROCESS_PAGE, public_pages};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, mpsc};
use tokio::time::Instant;

#[derive(clap::Args, Clone, Debug)]
pub struct OpenLoopOptions {
    /// The `inspraak` binary.
    #[arg(long, default_value = "target/release/inspraak")]
    pub binary: PathBuf,
    /// `INSPRAAK_MAX_IN_FLIGHT` values to measure, each on its own fresh server.
    #[arg(long, value_delimiter = ',', default_value = "512")]
    pub max_in_flight: Vec<usize>,
    /// Pages per second the server serves; found with the closed loop when not given.
    #[arg(long)]
    pub capacity: Option<f64>,
    /// Closed-loop clients for finding the capacity.
    #[arg(long, default_value_t = 64)]
    pub capacity_clients: usize,
    /// Levels: visitors arrive at these multiples of the capacity.
    #[arg(long, value_delimiter = ',', default_value = "1,10")]
    pub factors: Vec<f64>,
    /// Seconds of arrivals per level.
    #[arg(long, default_value_t = 10)]
    pub duration: u64,
    /// Exactly this many keep-alive connections (0: a shared pool that opens as many as needed).
    #[arg(long, value_delimiter = ',', default_value = "0")]
    pub connections: Vec<usize>,
    /// How often a refused visitor asks again (after `Retry-After`).
    #[arg(long, default_value_t = 1)]
    pub retries: u32,
    /// Seconds a visitor waits for an answer before giving up.
    #[arg(long, default_value_t = 10)]
    pub timeout: u64,
    /// Evenly spaced arrivals instead of a Poisson process.
    #[arg(long)]
    pub even: bool,
    /// Run the server on CPU 0 and this generator on CPU 1 (`taskset`), so that the
    /// generator's own work does not take the server's core.
    #[arg(long)]
    pub pin: bool,
}

/// One request to send: which page, when it was due, and how many times it was refused before.
struct Arrival {
    due: Instant,
    page: usize,
    attempt: u32,
}

/// What happened to one request.
enum Outcome {
    Served(Duration),
    Refused {
        latency: Duration,
        retry_after: Option<u64>,
    },
    Other(u16),
    NoAnswer,
}

#[derive(Default)]
struct Tally {
    arrivals: u64,
    retries_sent: u64,
    served_us: Vec<u32>,
    /// From due to sent: the generator running late, or (with `--connections`) no free one.
    late_us: Vec<u32>,
    served_after_retry: u64,
    refused_us: Vec<u32>,
    refused_without_retry_after: u64,
    gave_up_after_refusals: u64,
    no_answer: u64,
    other: BTreeMap<u16, u64>,
}

fn micros(d: Duration) -> u32 {
    d.as_micros().min(u128::from(u32::MAX)) as u32
}

fn percentile(sorted: &[u32], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let index = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    f64::from(sorted[index.min(sorted.len() - 1)]) / 1000.0
}

/// A small deterministic generator for the Poisson gaps (no `rand` needed for a benchmark).
struct XorShift(u64);

impl XorShift {
    fn unit(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        // In (0, 1]: never 0, so the logarithm below is finite.
        ((self.0 >> 11) as f64 + 1.0) / (1u64 << 53) as f64
    }
}

fn client(timeout: Duration, idle_per_host: usize) -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(timeout)
        .pool_max_idle_per_host(idle_per_host)
        .build()?)
}

async fn send(client: &reqwest::Client, url: &str, due: Instant) -> Outcome {
    let response = match client.get(url).send().await {
        Ok(response) => response,
        Err(_) => return Outcome::NoAnswer,
    };
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    // The whole body, as a browser reads it; a body cut off counts as no answer.
    if response.bytes().await.is_err() {
        return Outcome::NoAnswer;
    }
    let latency = due.elapsed();
    match status {
        200 => Outcome::Served(latency),
        503 => Outcome::Refused {
            latency,
            retry_after,
        },
        other => Outcome::Other(other),
    }
}

/// Everything one level needs while it runs.
struct Level {
    urls: [String; 3],
    tally: Mutex<Tally>,
    retry_sender: mpsc::UnboundedSender<Arrival>,
    /// Retries are only scheduled while arrivals run; later ones would not be counted.
    end: Instant,
    retries: u32,
    timeout: Duration,
}

impl Level {
    async fn record(&self, arrival: &Arrival, outcome: Outcome) {
        let mut tally = self.tally.lock().await;
        match outcome {
            Outcome::Served(latency) => {
                tally.served_us.push(micros(latency));
                if arrival.attempt > 0 {
                    tally.served_after_retry += 1;
                }
            }
            Outcome::Refused {
                latency,
                retry_after,
            } => {
                tally.refused_us.push(micros(latency));
                if retry_after.is_none() {
                    tally.refused_without_retry_after += 1;
                }
                // Never sooner than the server asked; a 503 without `Retry-After` waits 5 s.
                let wait = Duration::from_secs(retry_after.unwrap_or(5));
                let due = Instant::now() + wait;
                if arrival.attempt < self.retries && due < self.end {
                    tally.retries_sent += 1;
                    let _ = self.retry_sender.send(Arrival {
                        due,
                        page: arrival.page,
                        attempt: arrival.attempt + 1,
                    });
                } else {
                    tally.gave_up_after_refusals += 1;
                }
            }
            Outcome::Other(status) => *tally.other.entry(status).or_insert(0) += 1,
            Outcome::NoAnswer => tally.no_answer += 1,
        }
    }

    async fn handle(&self, client: &reqwest::Client, arrival: Arrival) {
        // Sent when due (a retry waits out its `Retry-After`).
        tokio::time::sleep_until(arrival.due).await;
        let late = micros(arrival.due.elapsed());
        self.tally.lock().await.late_us.push(late);
        let outcome = match tokio::time::timeout(
            self.timeout,
            send(client, &self.urls[arrival.page % 3], arrival.due),
        )
        .await
        {
            Ok(outcome) => outcome,
            Err(_) => Outcome::NoAnswer,
        };
        self.record(&arrival, outcome).await;
    }
}

/// The figures of one level.
pub struct Figures {
    pub offered_per_sec: f64,
    pub retries_per_sec: f64,
    pub served_per_sec: f64,
    pub served_p50_ms: f64,
    pub served_p99_ms: f64,
    pub refused_per_sec: f64,
    pub refused_p99_ms: f64,
    pub refused_without_retry_after: u64,
    pub late_p99_ms: f64,
    pub served_after_retry: u64,
    pub gave_up: u64,
    pub no_answer: u64,
    pub other: u64,
}

/// Visitors arrive at `rate` per second for `duration` at `base`; see the module comment.
async fn run_level(
    base: &str,
    rate: f64,
    connections: usize,
    o: &OpenLoopOptions,
) -> anyhow::Result<Figures> {
    let duration = Duration::from_secs(o.duration);
    let timeout = Duration::from_secs(o.timeout);
    let start = Instant::now() + Duration::from_millis(50);
    let end = start + duration;
    let (retry_sender, mut retry_receiver) = mpsc::unbounded_channel::<Arrival>();
    let level = Arc::new(Level {
        urls: [PROCESS_PAGE, FORM_PAGE, AGENDA].map(|p| format!("{base}{p}")),
        tally: Mutex::new(Tally::default()),
        retry_sender,
        end,
        retries: o.retries,
        timeout,
    });

    // Where arrivals go: a task per arrival on a shared pool, or a queue for N connections.
    let (queue_sender, queue_receiver) = mpsc::unbounded_channel::<Arrival>();
    let queue_receiver = Arc::new(Mutex::new(queue_receiver));
    let shared = client(timeout, usize::MAX)?;
    let mut workers = Vec::new();
    for _ in 0..connections {
        let (level, queue) = (level.clone(), queue_receiver.clone());
        let own = client(timeout, 1)?;
        workers.push(tokio::spawn(async move {
            loop {
                let next = queue.lock().await.recv().await;
                let Some(arrival) = next else { break };
                if arrival.due.elapsed() > level.timeout {
                    // Waited for a free connection until the visitor gave up.
                    level.record(&arrival, Outcome::NoAnswer).await;
                    continue;
                }
                level.handle(&own, arrival).await;
            }
        }));
    }
    let dispatch = {
        let level = level.clone();
        move |arrival: Arrival| {
            if connections == 0 {
                let (level, shared) = (level.clone(), shared.clone());
                tokio::spawn(async move { level.handle(&shared, arrival).await });
            } else {
                let _ = queue_sender.send(arrival);
            }
        }
    };

    // Arrivals at their due times; retries as they come back. Timers tick per millisecond, so
    // arrivals are released in small batches, each with its own due time.
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut next_due = start;
    let mut page = 0usize;
    let mut arrivals = 0u64;
    loop {
        let now = Instant::now();
        while next_due <= now && next_due < end {
            dispatch(Arrival {
                due: next_due,
                page,
                attempt: 0,
            });
            page += 1;
            arrivals += 1;
            let gap = if o.even {
                1.0 / rate
            } else {
                -rng.unit().ln() / rate
            };
            next_due += Duration::from_secs_f64(gap);
        }
        while let Ok(retry) = retry_receiver.try_recv() {
            dispatch(retry);
        }
        if next_due >= end && now >= end {
            break;
        }
        tokio::select! {
            _ = tokio::time::sleep_until(next_due.min(end)) => {}
            Some(retry) = retry_receiver.recv() => dispatch(retry),
        }
    }
    // Every request sent by now is answered or given up within the timeout (plus a queue wait
    // for a connection, itself bounded by the timeout).
    let drain = Instant::now() + timeout * 2 + Duration::from_secs(1);
    while Instant::now() < drain {
        // A retry due before the end that came back after the last arrival.
        while let Ok(retry) = retry_receiver.try_recv() {
            dispatch(retry);
        }
        let tally = level.tally.lock().await;
        let settled = tally.served_us.len() as u64
            + tally.refused_us.len() as u64
            + tally.no_answer
            + tally.other.values().sum::<u64>();
        if settled >= arrivals + tally.retries_sent {
            break;
        }
        drop(tally);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    drop(dispatch);
    for worker in workers {
        worker.abort();
    }
    let mut tally = std::mem::take(&mut *level.tally.lock().await);
    tally.arrivals = arrivals;
    tally.served_us.sort_unstable();
    tally.refused_us.sort_unstable();
    tally.late_us.sort_unstable();
    let seconds = duration.as_secs_f64();
    Ok(Figures {
        offered_per_sec: tally.arrivals as f64 / seconds,
        retries_per_sec: tally.retries_sent as f64 / seconds,
        served_per_sec: tally.served_us.len() as f64 / seconds,
        served_p50_ms: percentile(&tally.served_us, 0.50),
        served_p99_ms: percentile(&tally.served_us, 0.99),
        refused_per_sec: tally.refused_us.len() as f64 / seconds,
        refused_p99_ms: percentile(&tally.refused_us, 0.99),
        refused_without_retry_after: tally.refused_without_retry_after,
        late_p99_ms: percentile(&tally.late_us, 0.99),
        served_after_retry: tally.served_after_retry,
        gave_up: tally.gave_up_after_refusals,
        no_answer: tally.no_answer,
        other: tally.other.values().sum(),
    })
}

fn row(max_in_flight: usize, connections: usize, factor: f64, f: &Figures) -> String {
    let connections = if connections == 0 {
        "pool".to_owned()
    } else {
        connections.to_string()
    };
    format!(
        "| {max_in_flight} | {connections} | {factor} × | {:.0} | {:.0} | {:.0} | {:.1} | {:.1} | {:.0} | {:.1} | {} | {} | {} | {} | {:.1} |",
        f.offered_per_sec,
        f.retries_per_sec,
        f.served_per_sec,
        f.served_p50_ms,
        f.served_p99_ms,
        f.refused_per_sec,
        f.refused_p99_ms,
        f.served_after_retry,
        f.gave_up,
        f.no_answer + f.other,
        f.refused_without_retry_after,
        f.late_p99_ms,
    )
}

/// Pins every thread of process `pid` to `cpu` (threads made later inherit it).
fn pin(pid: u32, cpu: &str) -> anyhow::Result<()> {
    let status = std::process::Command::new("taskset")
        .args(["-a", "-p", "-c", cpu, &pid.to_string()])
        .stdout(std::process::Stdio::null())
        .status()?;
    anyhow::ensure!(status.success(), "taskset failed for process {pid}");
    Ok(())
}

pub async fn run(o: OpenLoopOptions) -> anyhow::Result<()> {
    if o.pin {
        pin(std::process::id(), "1")?;
    }
    println!(
        "| `INSPRAAK_MAX_IN_FLIGHT` | connections | offered | arrivals/s | retries/s | served/s | served p50 ms | served p99 ms | refused/s | refused p99 ms | served after a retry | gave up | no answer or error | 503 without `Retry-After` | sent late p99 ms |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for &limit in &o.max_in_flight {
        let database = crate::targets::FreshDatabase::new(None).await?;
        let dir = tempfile::tempdir()?;
        let limit_text = limit.to_string();
        let served = Served::start(
            &o.binary,
            &database.url,
            dir.path(),
            true,
            &[("INSPRAAK_MAX_IN_FLIGHT", &limit_text)],
        )
        .await?;
        if o.pin {
            pin(served.pid(), "0")?;
        }
        let capacity = match o.capacity {
            Some(capacity) => capacity,
            None => {
                let closed = public_pages(
                    &served.base,
                    o.capacity_clients,
                    Duration::from_secs(o.duration),
                )
                .await;
                eprintln!(
                    "capacity at INSPRAAK_MAX_IN_FLIGHT={limit}: {:.0} pages/s with {} closed-loop clients (p50 {:.1} ms, p99 {:.1} ms, failed {})",
                    closed.per_sec, o.capacity_clients, closed.p50_ms, closed.p99_ms, closed.errors
                );
                closed.per_sec
            }
        };
        for &connections in &o.connections {
            for &factor in &o.factors {
                let figures = run_level(&served.base, capacity * factor, connections, &o).await?;
                println!("{}", row(limit, connections, factor, &figures));
                // Let the server settle: retries and timed-out requests of this level end.
                tokio::time::sleep(Duration::from_secs(2)).await;
            }
        }
        drop(served);
        database.remove().await;
    }
    Ok(())
}
