//! Driving many concurrent keep-alive clients for a while and summarising their latencies.

use std::future::Future;
use std::time::{Duration, Instant};

/// What one client task measured: latencies of successful operations, and failures.
#[derive(Default)]
pub struct Recorder {
    latencies_us: Vec<u32>,
    errors: u64,
    /// Failures by HTTP status (0: no response at all).
    statuses: std::collections::BTreeMap<u16, u64>,
}

/// An operation that failed with this HTTP status (0: no response).
pub trait Status {
    fn status(&self) -> u16;
}

impl Recorder {
    /// Times `op`; `Ok` counts as a success with its latency, `Err` as a failure.
    pub async fn time<T, E: Status>(
        &mut self,
        op: impl Future<Output = Result<T, E>>,
    ) -> Option<T> {
        let started = Instant::now();
        match op.await {
            Ok(value) => {
                let us = started.elapsed().as_micros().min(u32::MAX as u128) as u32;
                self.latencies_us.push(us);
                Some(value)
            }
            Err(error) => {
                self.errors += 1;
                *self.statuses.entry(error.status()).or_insert(0) += 1;
                None
            }
        }
    }
}

/// Throughput and latency percentiles of one scenario.
#[derive(Clone, Debug, Default)]
pub struct Stats {
    pub ops: u64,
    pub errors: u64,
    pub per_sec: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    /// Failures by HTTP status (0: no response at all).
    pub failures: std::collections::BTreeMap<u16, u64>,
}

impl Stats {
    pub fn from_recorders(recorders: Vec<Recorder>, elapsed: Duration) -> Stats {
        let mut all: Vec<u32> = Vec::new();
        let mut errors = 0;
        let mut failures = std::collections::BTreeMap::new();
        for r in recorders {
            all.extend(r.latencies_us);
            errors += r.errors;
            for (status, n) in r.statuses {
                *failures.entry(status).or_insert(0) += n;
            }
        }
        all.sort_unstable();
        let pick = |q: f64| -> f64 {
            if all.is_empty() {
                return 0.0;
            }
            let index = ((all.len() as f64 - 1.0) * q).round() as usize;
            f64::from(all[index.min(all.len() - 1)]) / 1000.0
        };
        Stats {
            ops: all.len() as u64,
            errors,
            per_sec: all.len() as f64 / elapsed.as_secs_f64().max(1e-9),
            p50_ms: pick(0.50),
            p99_ms: pick(0.99),
            max_ms: all.last().map_or(0.0, |v| f64::from(*v) / 1000.0),
            failures,
        }
    }
}

/// Runs `clients` tasks made by `make(n, deadline)` and merges what they recorded. Each task loops
/// until the deadline itself, so a slow operation is never cut off half-way.
pub async fn run<F, Fut>(clients: usize, duration: Duration, make: F) -> Stats
where
    F: Fn(usize, Instant) -> Fut,
    Fut: Future<Output = Recorder> + Send + 'static,
{
    let started = Instant::now();
    let deadline = started + duration;
    let tasks: Vec<_> = (0..clients)
        .map(|n| tokio::spawn(make(n, deadline)))
        .collect();
    let mut recorders = Vec::with_capacity(clients);
    for task in tasks {
        if let Ok(recorder) = task.await {
            recorders.push(recorder);
        }
    }
    Stats::from_recorders(recorders, started.elapsed())
}

/// A keep-alive HTTP client with its own cookies (one simulated person), not following redirects.
pub fn person() -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(60))
        .build()?)
}

#[derive(Debug)]
pub struct Unexpected(pub u16);

impl Status for Unexpected {
    fn status(&self) -> u16 {
        self.0
    }
}

/// GETs a page; any status but 200 is a failure.
pub async fn get_ok(client: &reqwest::Client, url: &str) -> Result<String, Unexpected> {
    let response = client.get(url).send().await.map_err(|_| Unexpected(0))?;
    let status = response.status().as_u16();
    let body = response.text().await.map_err(|_| Unexpected(0))?;
    if status == 200 {
        Ok(body)
    } else {
        Err(Unexpected(status))
    }
}
