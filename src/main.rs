//! The `inspraak` command: serve the site, run migrations, load demo content, create accounts,
//! export responses and generate test responses.

mod data;

use anyhow::Context;
use clap::{Parser, Subcommand};
use inspraak_domain::{Email, NewPassword, Role};
use inspraak_web::auth::totp::SecretBox;
use inspraak_web::config::{LogFormat, Settings};
use inspraak_web::state::Keys;
use inspraak_web::{Application, demo};
use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "inspraak",
    version,
    about = "Public consultation and co-creation platform"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site (runs migrations first).
    Serve {
        /// Load demo content into an empty database and print the demo login.
        #[arg(long)]
        demo: bool,
    },
    /// Bring the database schema up to date.
    Migrate,
    /// Load demo content into an empty database.
    Demo,
    /// Print the demo organiser's current two-step code (demo databases only).
    DemoCode,
    /// Create an organiser account. The password is read from a prompt or from standard input,
    /// never from the command line.
    CreateOrganiser {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Organisator")]
        name: String,
    },
    /// Export responses, figures per theme, ideas, an attendee list or the audit log to a file,
    /// with progress, as the web's downloads do. Each export is logged.
    Export {
        /// What to export.
        #[arg(long, value_enum, default_value = "responses")]
        what: data::What,
        /// The consultation (responses, themes).
        #[arg(long)]
        consultation: Option<i64>,
        /// The process (ideas).
        #[arg(long)]
        process: Option<i64>,
        /// The session (attendees).
        #[arg(long)]
        session: Option<i64>,
        /// csv, excel.csv (semicolons, for Dutch Excel), ods, xlsx or json.
        #[arg(long, default_value = "csv")]
        format: String,
        #[arg(short = 'o', long)]
        output: std::path::PathBuf,
        /// Language of the column names: nl or en.
        #[arg(long, default_value = "nl")]
        lang: String,
    },
    /// Add many realistic generated responses to a consultation (benchmarks, load tests).
    GenerateResponses {
        #[arg(long)]
        consultation: i64,
        #[arg(long, default_value_t = 1000)]
        count: u64,
        /// Another seed adds other responses; the same seed adds nothing twice.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = match Settings::from_env() {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("inspraak: configuration error: {error}");
            return ExitCode::from(2);
        }
    };
    init_logging(settings.log_format);
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("inspraak: cannot start the runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command, settings)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("inspraak: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Log lines go to standard output: plain text (coloured only on a terminal), or with
/// `INSPRAAK_LOG_FORMAT=json` one JSON object per line for a log collector.
fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn,sea_orm_migration=warn".into());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    match format {
        LogFormat::Text => builder.with_ansi(std::io::stdout().is_terminal()).init(),
        LogFormat::Json => builder.json().with_ansi(false).init(),
    }
}

async fn run(command: Command, settings: Settings) -> anyhow::Result<()> {
    match command {
        Command::Serve { demo: with_demo } => serve(settings, with_demo).await,
        Command::Migrate => {
            inspraak_web::connect_database(&settings).await?;
            println!("Database is up to date.");
            Ok(())
        }
        Command::Demo => {
            let db = inspraak_web::connect_database(&settings).await?;
            let passwords = inspraak_web::auth::password::Passwords::new();
            let keys = Keys::new(settings.secret_key.expose());
            let secret_box = SecretBox::new(settings.secret_key.expose());
            let outcome =
                demo::load(&db, &passwords, &keys, &secret_box, chrono::Utc::now()).await?;
            report_demo(outcome, &keys)?;
            Ok(())
        }
        Command::DemoCode => {
            let db = inspraak_web::connect_database(&settings).await?;
            let keys = Keys::new(settings.secret_key.expose());
            println!(
                "{}",
                demo::organiser_code_checked(&db, &keys, chrono::Utc::now()).await?
            );
            Ok(())
        }
        Command::CreateOrganiser { email, name } => create_organiser(settings, &email, &name).await,
        Command::Export {
            what,
            consultation,
            process,
            session,
            format,
            output,
            lang,
        } => {
            let target = data::Target {
                consultation,
                process,
                session,
            };
            data::export(settings, what, target, &format, &output, &lang).await
        }
        Command::GenerateResponses {
            consultation,
            count,
            seed,
        } => data::generate(settings, consultation, count, seed).await,
    }
}

fn report_demo(outcome: demo::DemoOutcome, keys: &Keys) -> anyhow::Result<()> {
    match outcome {
        demo::DemoOutcome::Loaded => println!("Demo content loaded."),
        demo::DemoOutcome::AlreadyPresent => {
            println!("The database already has content; demo content not loaded.")
        }
    }
    println!(
        "Demo organiser: {} / {}",
        demo::ORGANISER_EMAIL,
        demo::ORGANISER_PASSWORD
    );
    println!(
        "Second login step: add the key {} to an authenticator app, or run `cargo run -- demo-code` for the current code.",
        demo::organiser_totp_key(keys)?
    );
    Ok(())
}

async fn serve(settings: Settings, with_demo: bool) -> anyhow::Result<()> {
    let app = Application::build(settings).await?;
    let base_url = app.state().settings.base_url.clone();
    if with_demo {
        let state = app.state();
        let outcome = demo::load(
            &state.db,
            &state.passwords,
            &state.keys,
            &state.secret_box,
            state.clock.now(),
        )
        .await?;
        report_demo(outcome, &state.keys)?;
    }
    println!(
        "Inspraak runs at {base_url}/ (port {}). Stop with Ctrl+C.",
        app.port()
    );
    app.run_until_stopped()
        .await
        .context("server stopped with an error")
}

async fn create_organiser(settings: Settings, email: &str, name: &str) -> anyhow::Result<()> {
    let email = Email::parse(email).map_err(|e| anyhow::anyhow!("--email: {e}"))?;
    let password = if std::io::stdin().is_terminal() {
        rpassword::prompt_password("Password (at least 12 characters): ")?
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    let password = NewPassword::parse(&password).map_err(|e| anyhow::anyhow!("password: {e}"))?;
    // The organiser sets up two-step verification at their first login.
    let db = inspraak_web::connect_database(&settings).await?;
    let hash = inspraak_web::auth::password::hash_now(password.expose())?;
    let new = inspraak_store::users::NewUser {
        email: &email,
        display_name: name,
        organisation: None,
        role: Role::Organiser,
        password_hash: &hash,
    };
    match inspraak_store::users::insert(db.write(), &new, chrono::Utc::now()).await {
        Ok(id) => {
            println!("Organiser {} created (account {id}).", email.as_str());
            Ok(())
        }
        Err(inspraak_store::StoreError::Conflict(_)) => {
            anyhow::bail!("an account with this e-mail address already exists")
        }
        Err(other) => Err(other.into()),
    }
}
