//! `inspraak export` and `inspraak generate-responses`: a consultation's responses to a file
//! with a progress bar (streamed: memory stays flat at any size), and many realistic responses
//! for benchmarks.

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use inspraak_domain::ConsultationId;
use inspraak_web::config::Settings;
use inspraak_web::export::Format;
use inspraak_web::export::responses::{WriteSink, write_responses};
use inspraak_web::i18n::Lang;
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

pub async fn export(
    settings: Settings,
    consultation: i64,
    format: &str,
    output: &Path,
    lang: &str,
) -> anyhow::Result<()> {
    let format = Format::parse(format)
        .with_context(|| format!("--format {format}: use csv, ods, xlsx or json"))?;
    let lang = Lang::parse(lang).unwrap_or_default();
    let db = inspraak_web::connect_database(&settings).await?;
    let conn = db.read();
    let consultation = inspraak_store::consultations::find(conn, ConsultationId(consultation))
        .await?
        .context("no consultation with this id")?;
    let total = inspraak_store::outcomes::export::count(conn, consultation.id).await?;
    let file = std::fs::File::create(output)
        .with_context(|| format!("cannot create {}", output.display()))?;
    let mut sink = WriteSink(std::io::BufWriter::new(file));
    let progress = bar(total);
    let rows = write_responses(conn, lang, &consultation, format, &mut sink, |n| {
        progress.set_position(n);
    })
    .await?;
    progress.finish_and_clear();
    std::io::Write::flush(&mut sink.0)?;
    println!("{rows} responses written to {}.", output.display());
    Ok(())
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
        db.write(),
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
