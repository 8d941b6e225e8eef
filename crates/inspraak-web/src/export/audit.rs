//! The audit log as an export file, newest first, read in pages of [`PAGE`] and handed to the
//! [`Sink`] page by page. Actions are written as their readable label (sheets) and their stable
//! name (JSON).

use super::responses::{ExportError, Sink};
use super::{Cell, Column, Format, Kind, SheetWriter};
use crate::i18n::{Lang, audit::action_label};
use inspraak_store::ConnectionTrait;
use inspraak_store::audit::{Entry, Filter, page};

/// Entries read per page.
pub const PAGE: u64 = 1000;

/// A download's file name: `inspraak-logboek.<ext>`.
pub fn file_name(format: Format) -> String {
    format.file_name("inspraak-logboek")
}

pub fn columns(lang: Lang) -> Vec<Column> {
    let label = |nl: &'static str, en: &'static str| lang.pick(nl, en).to_owned();
    vec![
        Column::new("at", label("Wanneer", "When"), Kind::DateTime),
        Column::new("actor", label("Wie", "Who"), Kind::Text),
        Column::new("action", label("Wat", "What"), Kind::Text),
        Column::new("subject", label("Waarover", "Subject"), Kind::LongText),
        Column::new("network", label("Netwerk", "Network"), Kind::Text),
    ]
}

pub fn cells(lang: Lang, entry: &Entry) -> Vec<Cell> {
    vec![
        Cell::DateTime(entry.at),
        Cell::opt_text(entry.actor_label.clone()),
        entry.action.map_or(Cell::Empty, |action| Cell::Code {
            code: action.as_str(),
            label: action_label(lang, action),
        }),
        Cell::opt_text(entry.subject.clone()),
        Cell::opt_text(entry.address_range.clone()),
    ]
}

/// Writes every entry matching `filter` to `sink`; `progress` hears the number of rows written
/// after each page. Returns the number of rows.
pub async fn write_audit<S: Sink>(
    conn: &impl ConnectionTrait,
    lang: Lang,
    filter: &Filter,
    format: Format,
    sink: &mut S,
    mut progress: impl FnMut(u64),
) -> Result<u64, ExportError> {
    let mut writer = SheetWriter::new(format, lang.pick("Logboek", "Audit log"))?;
    writer.columns(&columns(lang))?;
    let mut written = 0u64;
    for n in 0.. {
        let (entries, _) = page(conn, filter, n, PAGE).await?;
        if entries.is_empty() {
            break;
        }
        for entry in &entries {
            writer.cells(&cells(lang, entry))?;
        }
        written += entries.len() as u64;
        sink.put(writer.take()?).await?;
        progress(written);
    }
    sink.put(writer.finish()?).await?;
    Ok(written)
}
