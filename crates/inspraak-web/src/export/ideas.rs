//! A process's ideas with their status as an export file: one row per idea (hidden and pending
//! ideas included and marked), read in keyset pages of [`PAGE`], each page's bytes handed to the
//! [`Sink`] before the next page is read. No contact addresses: they live in their own table and
//! are never read here.

use super::responses::{ExportError, Sink};
use super::{Cell, Column, Format, Kind, SheetWriter};
use crate::i18n::{Lang, ideas as idea_texts, ideas_export as texts};
use inspraak_domain::ideas::Visibility;
use inspraak_domain::{ActionPointId, IdeaId, ThemeId};
use inspraak_store::ConnectionTrait;
use inspraak_store::ideas::{Idea, action_points, export};
use inspraak_store::process::{self, Process};
use std::collections::HashMap;

/// Ideas read per page.
pub const PAGE: u64 = 1000;

/// A download's file name: `ideeen-<process-slug>-<date>.<ext>`.
pub fn file_name(process: &Process, format: Format, now: chrono::DateTime<chrono::Utc>) -> String {
    format.file_name(&format!(
        "ideeen-{}-{}",
        process.slug,
        inspraak_domain::time::local_date(now).format("%Y-%m-%d"),
    ))
}

/// Theme names and action point titles of one process (small: read once per export).
struct Names {
    lang: Lang,
    themes: HashMap<ThemeId, String>,
    points: HashMap<ActionPointId, String>,
}

impl Names {
    /// Keys: `idea_id`, `theme`, `title`, `text`, `status` (`new`, `under_consideration`,
    /// `included`, `not_included`), `explanation`, `hidden`, `visibility` (`public`, `pending`,
    /// `hidden`), `comments`, `action_point`, `created_at`.
    fn columns(&self) -> Vec<Column> {
        let t = texts::texts(self.lang);
        vec![
            Column::new("idea_id", t.col_idea, Kind::Integer),
            Column::new("theme", t.col_theme, Kind::Text),
            Column::new("title", t.col_title, Kind::Text),
            Column::new("text", t.col_text, Kind::LongText),
            Column::new("status", t.col_status, Kind::Text),
            Column::new("explanation", t.col_explanation, Kind::LongText),
            Column::new("hidden", t.col_hidden, Kind::Flag),
            Column::new("visibility", t.col_visibility, Kind::Text),
            Column::new("comments", t.col_comments, Kind::Integer),
            Column::new("action_point", t.col_action_point, Kind::Text),
            Column::new("created_at", t.col_created, Kind::DateTime),
        ]
    }

    fn cells(&self, idea: &Idea) -> Vec<Cell> {
        let t = texts::texts(self.lang);
        let it = idea_texts::texts(self.lang);
        let visibility = match idea.visibility {
            Visibility::Public => it.public_label,
            Visibility::Pending => it.pending_label,
            Visibility::Hidden => it.hidden_label,
        };
        let hidden = idea.visibility == Visibility::Hidden;
        vec![
            Cell::Integer(idea.id.0),
            Cell::Text(
                self.themes
                    .get(&idea.theme_id)
                    .cloned()
                    .unwrap_or_else(|| idea.theme_id.to_string()),
            ),
            Cell::Text(idea.title.clone()),
            Cell::Text(idea.body.clone()),
            Cell::Code {
                code: idea.status.as_str(),
                label: idea_texts::idea_status(self.lang, idea.status),
            },
            Cell::opt_text(idea.explanation.clone()),
            Cell::Flag(hidden, if hidden { t.yes } else { t.no }),
            Cell::Code {
                code: idea.visibility.as_str(),
                label: visibility,
            },
            Cell::Integer(idea.comment_count),
            Cell::opt_text(idea.action_point.map(|p| {
                self.points
                    .get(&p)
                    .cloned()
                    .unwrap_or_else(|| p.to_string())
            })),
            Cell::DateTime(idea.created_at),
        ]
    }
}

/// Writes every idea of `process` to `sink`, a page at a time; `progress` hears the number of
/// rows written after each page. Returns the number of rows.
pub async fn write_ideas<S: Sink>(
    conn: &impl ConnectionTrait,
    lang: Lang,
    process: &Process,
    format: Format,
    sink: &mut S,
    mut progress: impl FnMut(u64),
) -> Result<u64, ExportError> {
    let names = Names {
        lang,
        themes: process::themes(conn, process.id)
            .await?
            .into_iter()
            .map(|t| (t.id, t.name.main))
            .collect(),
        points: action_points::list_for_process(conn, process.id)
            .await?
            .into_iter()
            .map(|p| (p.id, p.title.main))
            .collect(),
    };
    let mut writer = SheetWriter::new(format, texts::texts(lang).sheet)?;
    writer.columns(&names.columns())?;
    let mut after: Option<IdeaId> = None;
    let mut written = 0u64;
    loop {
        let page = export::page(conn, process.id, after, PAGE).await?;
        let Some(last) = page.last() else {
            break;
        };
        after = Some(last.id);
        for idea in &page {
            writer.cells(&names.cells(idea))?;
        }
        written += page.len() as u64;
        sink.put(writer.take()?).await?;
        progress(written);
    }
    sink.put(writer.finish()?).await?;
    Ok(written)
}
