//! `inspraak-bench`: measures Inspraak on this machine against baselines taken in the same run —
//! a bare actix-web "hello" handler and a raw single-row insert loop with the same database
//! settings — and writes the figures and ratios into `docs/benchmarks.md`.
//!
//! Run from the repository root: `cargo run --release -p inspraak-bench -- all`
//! (`--postgres postgres://postgres@127.0.0.1:5432` for PostgreSQL; `--help` for the rest).

mod child;
mod cluster;
mod forms;
mod load;
mod open_loop;
mod overload;
mod report;
mod scenarios;
mod targets;
mod wire;

use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};

const DEFAULT_BINARY: &str = "target/release/inspraak";
use std::time::{Duration, Instant};

#[derive(Parser)]
#[command(
    name = "inspraak-bench",
    about = "Load tests Inspraak against same-run baselines"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Every scenario, then the report.
    All(Options),
    /// One scenario against Inspraak alone, figures printed and nothing written: for profiling
    /// (e.g. under `perf record`).
    One {
        #[arg(value_enum)]
        scenario: Scenario,
        #[command(flatten)]
        options: Options,
    },
    /// Three instances on one PostgreSQL database behind HAProxy, one killed halfway: checks
    /// that nothing acknowledged is lost, nobody is logged out, mail goes out once and the seat
    /// race is exact (exit status 1 when not).
    Cluster(cluster::ClusterOptions),
    /// Public pages at a normal load and at ten times as many clients: served, refused (503) and
    /// unanswered, optionally beside an older binary.
    Overload(overload::OverloadOptions),
    /// Visitors arriving at a fixed rate (capacity and ten times it), whatever the server
    /// answers; a refused visitor honours `Retry-After`: served, refused and unanswered per
    /// second, for one or more in-flight limits.
    OpenLoop(open_loop::OpenLoopOptions),
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum Scenario {
    Pages,
    Submissions,
}

#[derive(Args, Clone, Debug)]
pub struct Options {
    /// Use a fresh database on this PostgreSQL server instead of a SQLite file, e.g.
    /// postgres://postgres@127.0.0.1:5432 (the database is dropped afterwards).
    #[arg(long)]
    pub postgres: Option<String>,
    /// Seconds each throughput scenario runs.
    #[arg(long, default_value_t = 10)]
    pub duration: u64,
    /// Concurrent keep-alive clients.
    #[arg(long, default_value_t = 256)]
    pub clients: usize,
    /// Seconds of mixed load (submissions and pages) before memory is read; the target speaks
    /// of 600.
    #[arg(long, default_value_t = 30)]
    pub mixed_duration: u64,
    /// Simultaneous logins in the login storm.
    #[arg(long, default_value_t = 200)]
    pub logins: usize,
    /// Forms each simulated person keeps open (a form may only be posted 3 s after it was
    /// served); caps submissions at clients × this / 3.1 s: 192 × 256 / 3.1 s is about 15,900
    /// a second, above what the app takes on the 2-core machine. 96 capped it at 7,927, which
    /// the app reached with its writer stubbed out, below half of a fast host's raw inserts.
    #[arg(long, default_value_t = 192)]
    pub forms_per_client: usize,
    /// The `inspraak` binary for the memory and start-up figures (a separate process, so the load
    /// generator's own memory is not counted); when it is missing they are taken in-process.
    #[arg(long, default_value = DEFAULT_BINARY)]
    pub binary: PathBuf,
    /// `one submissions` only: this many Inspraak instances (in this process, each with its own
    /// pools and workers) on the one database, the clients spread over them; with `--postgres`
    /// that is two servers sharing a database.
    #[arg(long, default_value_t = 1)]
    pub instances: usize,
    /// Where the report goes; the text outside its markers is kept.
    #[arg(long, default_value = "docs/benchmarks.md")]
    pub output: PathBuf,
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    // As `inspraak serve` logs (one line per request), but into nothing: the cost of formatting
    // log lines is part of the figures, terminal output is not.
    // `INSPRAAK_BENCH_LOG=warn` (or any filter) shows the app's log on stderr instead, to see
    // why requests failed.
    let shown = std::env::var("INSPRAAK_BENCH_LOG").ok();
    let filter = shown
        .clone()
        .unwrap_or_else(|| "info,sqlx=warn,sea_orm=warn,sea_orm_migration=warn".into());
    let logs =
        tracing_subscriber::fmt().with_env_filter(tracing_subscriber::EnvFilter::new(filter));
    if shown.is_some() {
        logs.with_writer(std::io::stderr).init();
    } else {
        logs.with_writer(std::io::sink).init();
    }
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("inspraak-bench: cannot start the runtime: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let outcome = match cli.command {
        Command::All(options) => runtime.block_on(all(options)),
        Command::One { scenario, options } => runtime.block_on(one(scenario, options)),
        Command::Overload(options) => runtime.block_on(overload::run(options)),
        Command::OpenLoop(options) => runtime.block_on(open_loop::run(options)),
        Command::Cluster(options) => match runtime.block_on(cluster::run(options)) {
            Ok(true) => Ok(()),
            Ok(false) => return std::process::ExitCode::FAILURE,
            Err(error) => Err(error),
        },
    };
    match outcome {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("inspraak-bench: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn step(what: &str) {
    eprintln!("[{}] {what}", chrono::Utc::now().format("%H:%M:%S"));
}

async fn one(scenario: Scenario, options: Options) -> anyhow::Result<()> {
    let duration = Duration::from_secs(options.duration);
    let database = targets::FreshDatabase::new(options.postgres.as_deref()).await?;
    let key = format!("bench-{}", uuid::Uuid::new_v4().simple());
    let mut apps = Vec::new();
    let mut dirs = Vec::new();
    for n in 0..options.instances.max(1) {
        let data_dir = tempfile::tempdir()?;
        let settings = targets::settings_with_key(&database.url, data_dir.path(), &key)?;
        // The first instance loads the demo content; the others find it there.
        apps.push(targets::start_inspraak(settings, n == 0).await?);
        dirs.push(data_dir);
    }
    let bases: Vec<String> = apps.iter().map(|app| app.base.clone()).collect();
    for base in &bases {
        scenarios::check_one_submission(base).await?;
    }
    step(&format!(
        "Inspraak ({} instance(s)): {scenario:?}",
        bases.len()
    ));
    let stats = match scenario {
        Scenario::Pages => scenarios::public_pages(&bases[0], options.clients, duration).await,
        Scenario::Submissions => {
            scenarios::submissions_across(
                &bases,
                options.clients,
                duration,
                options.forms_per_client,
            )
            .await
        }
    };
    for app in apps {
        app.stop().await;
    }
    println!("{}", report::one_line(&stats));
    database.remove().await;
    Ok(())
}

async fn all(options: Options) -> anyhow::Result<()> {
    let duration = Duration::from_secs(options.duration);
    let clients = options.clients;
    let postgres = options.postgres.as_deref();

    step("baseline: bare actix-web hello handler");
    let (hello_base, hello_handle) = targets::hello_server()?;
    let hello = scenarios::hello(&hello_base, clients, duration).await;
    hello_handle.stop(true).await;

    step("baseline: raw single-row inserts");
    let raw_database = targets::FreshDatabase::new(postgres).await?;
    let raw_db = targets::raw_insert_db(&raw_database.url).await?;
    let raw = scenarios::raw_inserts(&raw_db, clients, duration).await;
    drop(raw_db);
    raw_database.remove().await;

    step("Inspraak: fresh database with the demo content");
    let database = targets::FreshDatabase::new(postgres).await?;
    let data_dir = tempfile::tempdir()?;
    let app =
        targets::start_inspraak(targets::settings(&database.url, data_dir.path())?, true).await?;
    scenarios::check_one_submission(&app.base).await?;

    step("Inspraak: public pages");
    let pages = scenarios::public_pages(&app.base, clients, duration).await;
    step("Inspraak: submissions");
    let submissions =
        scenarios::submissions(&app.base, clients, duration, options.forms_per_client).await;
    step("Inspraak: login storm");
    let accounts = targets::storm_accounts(&database.url, options.logins).await?;
    let storm = scenarios::login_storm(&app.base, accounts, (clients / 4).max(16)).await;
    app.stop().await;

    let mixed = Duration::from_secs(options.mixed_duration);
    let half = (clients / 2).max(1);
    let (mixed_submissions, mixed_pages, resident_mb, startup, memory_of);
    if !options.binary.exists() && options.binary == Path::new(DEFAULT_BINARY) {
        // One command on a fresh machine: build the server binary the same way.
        step("building target/release/inspraak");
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let built = std::process::Command::new(cargo)
            .args(["build", "--release", "--bin", "inspraak"])
            .status();
        if !built.is_ok_and(|s| s.success()) {
            step("could not build the binary; memory and start-up are taken in-process");
        }
    }
    if options.binary.exists() {
        step("inspraak binary: mixed load, then its memory");
        let served_database = targets::FreshDatabase::new(postgres).await?;
        let served_dir = tempfile::tempdir()?;
        // PostgreSQL needs a configured key; both starts use the same one.
        let key = format!("bench-served-{}", uuid::Uuid::new_v4().simple());
        let served = child::Served::start(
            &options.binary,
            &served_database.url,
            served_dir.path(),
            true,
            &[("INSPRAAK_SECRET_KEY", &key)],
        )
        .await?;
        (mixed_submissions, mixed_pages) = tokio::join!(
            scenarios::submissions(&served.base, half, mixed, options.forms_per_client),
            scenarios::public_pages(&served.base, half, mixed + Duration::from_millis(3100)),
        );
        resident_mb = served.resident_mb();
        drop(served);
        step("inspraak binary: start-up on the existing database");
        let again = child::Served::start(
            &options.binary,
            &served_database.url,
            served_dir.path(),
            false,
            &[("INSPRAAK_SECRET_KEY", &key)],
        )
        .await?;
        startup = again.startup;
        drop(again);
        served_database.remove().await;
        memory_of = "the `inspraak` process alone";
    } else {
        step("Inspraak in-process (no binary found): mixed load, then memory");
        let mixed_database = targets::FreshDatabase::new(postgres).await?;
        let mixed_dir = tempfile::tempdir()?;
        let app = targets::start_inspraak(
            targets::settings(&mixed_database.url, mixed_dir.path())?,
            true,
        )
        .await?;
        (mixed_submissions, mixed_pages) = tokio::join!(
            scenarios::submissions(&app.base, half, mixed, options.forms_per_client),
            scenarios::public_pages(&app.base, half, mixed + Duration::from_millis(3100)),
        );
        resident_mb = scenarios::resident_mb();
        app.stop().await;
        step("Inspraak in-process: start-up on the existing database");
        let second_dir = tempfile::tempdir()?;
        let started = Instant::now();
        let second = targets::start_inspraak(
            targets::settings(&mixed_database.url, second_dir.path())?,
            false,
        )
        .await?;
        let probe = load::person()?;
        let url = format!("{}{}", second.base, scenarios::PROCESS_PAGE);
        while load::get_ok(&probe, &url).await.is_err() {
            if started.elapsed() > Duration::from_secs(30) {
                anyhow::bail!("the second instance served nothing within 30 s");
            }
        }
        startup = started.elapsed();
        second.stop().await;
        mixed_database.remove().await;
        memory_of = "the whole bench process: app **and** load generator";
    }

    let figures = report::Figures {
        options: options.clone(),
        engine: if postgres.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        hello,
        raw,
        pages,
        submissions,
        storm,
        mixed_submissions,
        mixed_pages,
        resident_mb,
        memory_of,
        startup,
    };
    let text = report::render(&figures);
    println!("{text}");
    report::write(&options.output, &text)?;
    step(&format!("report written to {}", options.output.display()));
    database.remove().await;
    Ok(())
}
