//! `inspraak export` and `inspraak generate-responses`: every export of the web (responses,
//! figures per theme, ideas, attendees, audit log) to a file with a progress bar (streamed: memory
//! stays flat at any size), each leaving an audit row; and many realistic responses for
//! benchmarks.

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use inspraak_domain::{AuditAction, ConsultationId, ProcessId, SessionId};
use inspraak_store::audit::{Filter, NewEntry};
use inspraak_web::config::Settings;
use inspraak_web::export::Format;
use inspraak_web::export::audit::write_audit;
use inspraak_web::export::ideas::write_ideas;
use inspraak_web::export::responses::{Sink, WriteSink, write_responses, write_themes};
use inspraak_web::i18n::Lang;
use inspraak_web::session::export as attendees;
use std::path::Path;

fn bar(total: u64) -> ProgressBar {
    let bar = ProgressBar::new(total);
    if let Ok(style) = ProgressStyle::with_template(
        "{elapsed_precise} [{wide_bar}] {pos}/{len} ({per_sec}, {eta} left)",
    ) {
        bar.set_style(style);
    }
    bar
}

/// What `inspraak export` writes: the same exports as the web.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum What {
    /// A consultation's responses, one row per response (`--consultation`).
    Responses,
    /// A consultation's figures per theme (`--consultation`).
    Themes,
    /// A process's ideas with their status (`--process`).
    Ideas,
    /// A session's attendee list (`--session`).
    Attendees,
    /// The audit log.
    Audit,
}

/// The ids `inspraak export` may need.
pub struct Target {
    pub consultation: Option<i64>,
    pub process: Option<i64>,
    pub session: Option<i64>,
}

pub async fn export(
    settings: Settings,
    what: What,
    target: Target,
    format: &str,
    output: &Path,
    lang: &str,
) -> anyhow::Result<()> {
    let format = Format::parse(format)
        .with_context(|| format!("--format {format}: use csv, excel.csv, ods, xlsx or json"))?;
    let lang = Lang::parse(lang).unwrap_or_default();
    let db = inspraak_web::connect_database(&settings).await?;
    let conn = db.read();
    let file = std::fs::File::create(output)
        .with_context(|| format!("cannot create {}", output.display()))?;
    let mut sink = WriteSink(std::io::BufWriter::new(file));
    let (rows, action, subject) = match what {
        What::Responses | What::Themes => {
            let id = target
                .consultation
                .context("--consultation is needed for this export")?;
            let consultation = inspraak_store::consultation::find(conn, ConsultationId(id))
                .await?
                .context("no consultation with this id")?;
            if what == What::Themes {
                write_themes(conn, lang, &consultation, format, &mut sink).await?;
                (
                    None,
                    AuditAction::DataExported,
                    format!("figures per theme of consultation {id}"),
                )
            } else {
                let total = inspraak_store::outcomes::export::count(conn, consultation.id).await?;
                let progress = bar(total);
                let rows = write_responses(conn, lang, &consultation, format, &mut sink, |n| {
                    progress.set_position(n);
                })
                .await?;
                progress.finish_and_clear();
                (
                    Some(rows),
                    AuditAction::DataExported,
                    format!("responses of consultation {id}"),
                )
            }
        }
        What::Ideas => {
            let id = target
                .process
                .context("--process is needed for this export")?;
            let process = inspraak_store::process::find(conn, ProcessId(id))
                .await?
                .context("no process with this id")?;
            let progress = spinner();
            let rows = write_ideas(conn, lang, &process, format, &mut sink, |n| {
                progress.set_position(n);
            })
            .await?;
            progress.finish_and_clear();
            (
                Some(rows),
                AuditAction::IdeasExported,
                format!("ideas of process {id}"),
            )
        }
        What::Attendees => {
            let id = target
                .session
                .context("--session is needed for this export")?;
            let session = inspraak_store::session::find(conn, SessionId(id))
                .await?
                .context("no session with this id")?;
            let list = inspraak_store::session::registrations(conn, session.id).await?;
            let rows = attendees::rows(lang, &list);
            let body = inspraak_web::export::typed_table(
                format,
                &session.title.main,
                &attendees::columns(lang),
                &rows,
            )?;
            sink.put(body).await?;
            (
                Some(rows.len() as u64),
                AuditAction::DataExported,
                format!("attendee list of session {id}"),
            )
        }
        What::Audit => {
            let progress = spinner();
            let rows = write_audit(conn, lang, &Filter::default(), format, &mut sink, |n| {
                progress.set_position(n);
            })
            .await?;
            progress.finish_and_clear();
            (
                Some(rows),
                AuditAction::DataExported,
                "audit log".to_owned(),
            )
        }
    };
    std::io::Write::flush(&mut sink.0)?;
    // The command line leaves the same trace as a download, with no person behind it.
    inspraak_store::audit::record(
        db.write(),
        &NewEntry {
            actor: None,
            actor_label: Some("command line".to_owned()),
            action,
            subject: Some(format!("{subject} ({})", format.name())),
            address_range: None,
        },
        chrono::Utc::now(),
    )
    .await?;
    match rows {
        Some(rows) => println!("{rows} rows written to {}.", output.display()),
        None => println!("Written to {}.", output.display()),
    }
    Ok(())
}

/// Progress without a known total: rows counted as they are written.
fn spinner() -> ProgressBar {
    let bar = ProgressBar::new_spinner();
    if let Ok(style) =
        ProgressStyle::with_template("{elapsed_precise} {spinner} {pos} rows ({per_sec})")
    {
        bar.set_style(style);
    }
    bar
}

pub async fn generate(
    settings: Settings,
    consultation: i64,
    count: u64,
    seed: u64,
) -> anyhow::Result<()> {
    let db = inspraak_web::connect_database(&settings).await?;
    let progress = bar(count);
    let stored = inspraak_store::outcomes::generate::generate(
        &db,
        ConsultationId(consultation),
        count,
        seed,
        1000,
        |n| progress.set_position(n),
    )
    .await?;
    progress.finish_and_clear();
    println!("{stored} responses added.");
    Ok(())
}
