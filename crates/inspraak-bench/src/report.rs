//! The report: absolute figures, ratios to the same-run baselines, each target met or missed,
//! and what the figures mean for a consultation the size of the EU's 2018 summer-time one.

use crate::Options;
use crate::load::Stats;
use crate::scenarios::Storm;
use std::fmt::Write;
use std::path::Path;
use std::time::Duration;

pub struct Figures {
    pub options: Options,
    pub engine: &'static str,
    pub hello: Stats,
    pub raw: Stats,
    pub pages: Stats,
    pub submissions: Stats,
    pub storm: Storm,
    pub mixed_submissions: Stats,
    pub mixed_pages: Stats,
    pub resident_mb: Option<f64>,
    /// Whose memory `resident_mb` is.
    pub memory_of: &'static str,
    pub startup: Duration,
}

/// The EU summer-time consultation (2018): 4.6 million replies in 44 days.
const EU_REPLIES: f64 = 4_600_000.0;
const EU_DAYS: f64 = 44.0;
/// An assumed peak: ten times the 44-day average (the real peak hour was not published; the
/// site went down at launch and near the deadline).
const PEAK_FACTOR: f64 = 10.0;

pub const BEGIN: &str =
    "<!-- inspraak-bench:begin (generated; text outside the markers is kept) -->";
pub const END: &str = "<!-- inspraak-bench:end -->";

fn machine() -> String {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "?".into());
    format!("{cpus} CPUs available (nproc), {model}; load average at the end: {load}")
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "**missed**" }
}

fn row(out: &mut String, name: &str, s: &Stats) {
    // Failures by status, e.g. "55 (503: 50, none: 5)".
    let failed = if s.failures.is_empty() {
        s.errors.to_string()
    } else {
        let parts: Vec<String> = s
            .failures
            .iter()
            .map(|(status, n)| match status {
                0 => format!("none: {n}"),
                other => format!("{other}: {n}"),
            })
            .collect();
        format!("{} ({})", s.errors, parts.join(", "))
    };
    let _ = writeln!(
        out,
        "| {name} | {:.0} | {:.1} | {:.1} | {:.1} | {} | {failed} |",
        s.per_sec, s.p50_ms, s.p99_ms, s.max_ms, s.ops
    );
}

pub fn render(f: &Figures) -> String {
    let o = &f.options;
    let mut out = String::new();
    let build = if cfg!(debug_assertions) {
        "debug build (figures not representative; use --release)"
    } else {
        "release build"
    };
    let _ = writeln!(out, "## Figures of the last run\n");
    let _ = writeln!(
        out,
        "Run {} UTC on {}. {build}; {} database; {} clients; {} s per scenario; mixed load {} s; {} logins in the storm.\n",
        chrono::Utc::now().format("%Y-%m-%d %H:%M"),
        machine(),
        f.engine,
        o.clients,
        o.duration,
        o.mixed_duration,
        o.logins,
    );
    let _ = writeln!(
        out,
        "| scenario | per second | p50 ms | p99 ms | max ms | done | failed |\n|---|---:|---:|---:|---:|---:|---:|"
    );
    row(&mut out, "baseline: bare actix-web hello", &f.hello);
    row(&mut out, "baseline: raw single-row insert", &f.raw);
    row(&mut out, "public pages (process, form, agenda)", &f.pages);
    row(
        &mut out,
        "submissions (GET form + POST, timed: POST)",
        &f.submissions,
    );
    row(
        &mut out,
        "logins during the storm (GET + POST)",
        &f.storm.logins,
    );
    row(
        &mut out,
        "public pages during the login storm",
        &f.storm.pages_during,
    );
    row(&mut out, "mixed: submissions", &f.mixed_submissions);
    row(&mut out, "mixed: public pages", &f.mixed_pages);

    let submit_ratio = f.submissions.per_sec / f.raw.per_sec.max(1e-9);
    let pages_ratio = f.pages.per_sec / f.hello.per_sec.max(1e-9);
    let startup_ms = f.startup.as_secs_f64() * 1000.0;
    let _ = writeln!(out, "\n### Targets\n");
    let _ = writeln!(out, "| target | measured | verdict |\n|---|---|---|");
    let _ = writeln!(
        out,
        "| submissions ≥ 0.5 × raw inserts | {submit_ratio:.2} × ({:.0} / {:.0} per s) | {} |",
        f.submissions.per_sec,
        f.raw.per_sec,
        verdict(submit_ratio >= 0.5)
    );
    let _ = writeln!(
        out,
        "| submission p99 < 100 ms at {} clients | {:.1} ms | {} |",
        o.clients,
        f.submissions.p99_ms,
        verdict(f.submissions.p99_ms < 100.0)
    );
    let _ = writeln!(
        out,
        "| public pages ≥ 0.25 × hello | {pages_ratio:.2} × ({:.0} / {:.0} per s) | {} |",
        f.pages.per_sec,
        f.hello.per_sec,
        verdict(pages_ratio >= 0.25)
    );
    let _ = writeln!(
        out,
        "| public page p99 < 200 ms during {} logins | {:.1} ms (storm lasted {:.1} s) | {} |",
        o.logins,
        f.storm.pages_during.p99_ms,
        f.storm.seconds,
        verdict(f.storm.pages_during.p99_ms < 200.0)
    );
    match f.resident_mb {
        Some(mb) => {
            let _ = writeln!(
                out,
                "| resident memory < 100 MB after mixed load | {mb:.0} MB after {} s ({}) | {} |",
                o.mixed_duration,
                f.memory_of,
                verdict(mb < 100.0)
            );
        }
        None => {
            let _ = writeln!(
                out,
                "| resident memory < 100 MB | not measured (no /proc) | – |"
            );
        }
    }
    let _ = writeln!(
        out,
        "| start-up to first served page < 1 s (existing database) | {startup_ms:.0} ms | {} |",
        verdict(startup_ms < 1000.0)
    );
    let _ = writeln!(
        out,
        "| outcomes page with 1,000,000 responses < 50 ms | `scripts/bench-outcomes.sh`, see \"Outcomes and exports at 1,000,000 responses\" below | – |"
    );

    let average = EU_REPLIES / (EU_DAYS * 86_400.0);
    let peak = average * PEAK_FACTOR;
    let per_hour = f.submissions.per_sec * 3600.0;
    let _ = writeln!(out, "\n### What this means for a real consultation\n");
    let _ = writeln!(
        out,
        "The EU summer-time consultation took 4.6 million replies in 44 days: {average:.2} per second on average; assume a peak of {PEAK_FACTOR:.0} × that, {peak:.1} per second ({:.0} an hour).\n",
        peak * 3600.0
    );
    let _ = writeln!(
        out,
        "- **Submissions:** {:.0} per second is {:.0} an hour: {:.0} × the 44-day average and {:.0} × the assumed peak. All 4.6 million replies would fit in {:.1} hours of this load.",
        f.submissions.per_sec,
        per_hour,
        f.submissions.per_sec / average,
        f.submissions.per_sec / peak,
        EU_REPLIES / per_hour.max(1e-9)
    );
    let _ = writeln!(
        out,
        "- **Public pages:** {:.0} pages per second; a person reads about three pages (process, form, receipt) for each reply, so this serves {:.0} people per second, {:.0} × the assumed peak.",
        f.pages.per_sec,
        f.pages.per_sec / 3.0,
        f.pages.per_sec / 3.0 / peak
    );
    let _ = writeln!(
        out,
        "- **Login storm:** {} organisers logging in at once (argon2id password checks, on their own bounded pool) took {:.1} s; visitors meanwhile saw public pages with p99 {:.1} ms (without the storm: {:.1} ms){}.",
        o.logins,
        f.storm.seconds,
        f.storm.pages_during.p99_ms,
        f.pages.p99_ms,
        if f.storm.pages_during.p99_ms < 200.0 {
            ": the storm does not starve page requests"
        } else {
            ": over the 200 ms target in this run"
        }
    );
    let _ = writeln!(
        out,
        "- **Start-up:** {startup_ms:.0} ms from starting Inspraak again on the existing database (migrations checked) to its first served page: after a crash or a deploy the site is back within about a second."
    );
    out
}

/// Replaces the generated part of the report, keeping what was written around it.
pub fn write(path: &Path, generated: &str) -> anyhow::Result<()> {
    let block = format!("{BEGIN}\n{generated}{END}");
    let existing = std::fs::read_to_string(path).unwrap_or_default();
    let text = match (existing.find(BEGIN), existing.find(END)) {
        (Some(start), Some(end)) if end > start => format!(
            "{}{block}{}",
            &existing[..start],
            &existing[end + END.len()..]
        ),
        _ => format!(
            "# Benchmarks\n\nRun: `cargo run --release -p inspraak-bench -- all`\n\n{block}\n{existing}"
        ),
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)?;
    Ok(())
}

/// One scenario's figures on one line (the `one` subcommand).
pub fn one_line(s: &Stats) -> String {
    format!(
        "{:.0}/s, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms, {} done, {} failed {:?}",
        s.per_sec, s.p50_ms, s.p99_ms, s.max_ms, s.ops, s.errors, s.failures
    )
}
