//! `inspraak-bench overload`: how a binary behaves past its capacity (issue #20, finding 7). The
//! public pages are read by `clients` keep-alive clients, then by `factor` times as many; a
//! server that degrades well keeps serving close to its capacity at the higher load and refuses
//! the rest fast (503), instead of serving little and leaving clients to time out. With
//! `--baseline` an older binary runs the same, right after, for a same-run comparison.

use crate::child::Served;
use crate::load::Stats;
use crate::scenarios::public_pages;
use std::path::PathBuf;
use std::time::Duration;

#[derive(clap::Args, Clone, Debug)]
pub struct OverloadOptions {
    /// The `inspraak` binary.
    #[arg(long, default_value = "target/release/inspraak")]
    pub binary: PathBuf,
    /// An older binary to measure the same way, for comparison.
    #[arg(long)]
    pub baseline: Option<PathBuf>,
    /// Clients at the normal load.
    #[arg(long, default_value_t = 64)]
    pub clients: usize,
    /// How many times as many clients make the overload.
    #[arg(long, default_value_t = 10)]
    pub factor: usize,
    /// Seconds per load level.
    #[arg(long, default_value_t = 10)]
    pub duration: u64,
}

fn line(label: &str, clients: usize, s: &Stats) -> String {
    let refused = s.failures.get(&503).copied().unwrap_or(0);
    let no_answer = s.failures.get(&0).copied().unwrap_or(0);
    let other: u64 = s
        .failures
        .iter()
        .filter(|(status, _)| **status != 503 && **status != 0)
        .map(|(_, n)| n)
        .sum();
    format!(
        "| {label} | {clients} | {:.0} | {:.1} | {:.1} | {refused} | {no_answer} | {other} |",
        s.per_sec, s.p50_ms, s.p99_ms
    )
}

async fn measure(
    binary: &std::path::Path,
    label: &str,
    o: &OverloadOptions,
) -> anyhow::Result<Vec<String>> {
    let database = crate::targets::FreshDatabase::new(None).await?;
    let dir = tempfile::tempdir()?;
    let served = Served::start(binary, &database.url, dir.path(), true, &[]).await?;
    let duration = Duration::from_secs(o.duration);
    let normal = public_pages(&served.base, o.clients, duration).await;
    let over = o.clients * o.factor;
    let overloaded = public_pages(&served.base, over, duration).await;
    drop(served);
    database.remove().await;
    Ok(vec![
        line(label, o.clients, &normal),
        line(label, over, &overloaded),
    ])
}

pub async fn run(options: OverloadOptions) -> anyhow::Result<()> {
    let mut rows = measure(&options.binary, "this binary", &options).await?;
    if let Some(baseline) = &options.baseline {
        rows.extend(measure(baseline, "baseline", &options).await?);
    }
    println!(
        "| binary | clients | pages/s served | p50 ms | p99 ms | 503 (refused) | no answer | other |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for row in rows {
        println!("{row}");
    }
    Ok(())
}
