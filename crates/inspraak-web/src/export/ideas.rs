//! A process's ideas with their status as an export file: one row per idea (hidden and pending
//! ideas included and marked), read in keyset pages of [`PAGE`], each page's bytes handed to the
//! [`Sink`] before the next page is read. No contact addresses: they live in their own table and
//! are never read here.

use super::responses::{ExportError, Sink};
use super::{Format, SheetWriter};
use crate::i18n::{Lang, ideas as idea_texts, ideas_export as texts};
use inspraak_domain::ideas::Visibility;
use inspraak_domain::{ActionPointId, IdeaId, ThemeId};
use inspraak_store::ConnectionTrait;
use inspraak_store::ideas::{Idea, action_points, export};
use inspraak_store::processes::{self, Process};
use std::collections::HashMap;

/// Ideas read per page.
pub const PAGE: u64 = 1000;

/// A download's file name: `ideeen-<process-slug>-<date>.<ext>`.
pub fn file_name(process: &Process, format: Format, now: chrono::DateTime<chrono::Utc>) -> String {
    format!(
        "ideeen-{}-{}.{}",
        process.slug,
        inspraak_domain::time::local_date(now).format("%Y-%m-%d"),
        format.extension()
    )
}

/// Theme names and action point titles of one process (small: read once per export).
struct Names {
    lang: Lang,
    themes: HashMap<ThemeId, String>,
    points: HashMap<ActionPointId, String>,
}

impl Names {
    fn header(&self) -> Vec<String> {
        let t = texts::texts(self.lang);
        [
            t.col_idea,
            t.col_theme,
            t.col_title,
            t.col_text,
            t.col_status,
            t.col_explanation,
            t.col_hidden,
            t.col_visibility,
            t.col_comments,
            t.col_action_point,
            t.col_created,
        ]
        .map(str::to_owned)
        .to_vec()
    }

    fn cells(&self, idea: &Idea) -> Vec<String> {
        let t = texts::texts(self.lang);
        let it = idea_texts::texts(self.lang);
        let visibility = match idea.visibility {
            Visibility::Public => it.public_label,
            Visibility::Pending => it.pending_label,
            Visibility::Hidden => it.hidden_label,
        };
        let hidden = if idea.visibility == Visibility::Hidden {
            t.yes
        } else {
            t.no
        };
        vec![
            idea.id.to_string(),
            self.themes
                .get(&idea.theme_id)
                .cloned()
                .unwrap_or_else(|| idea.theme_id.to_string()),
            idea.title.clone(),
            idea.body.clone(),
            idea_texts::idea_status(self.lang, idea.status).to_owned(),
            idea.explanation.clone().unwrap_or_default(),
            hidden.to_owned(),
            visibility.to_owned(),
            idea.comment_count.to_string(),
            idea.action_point
                .map(|p| {
                    self.points
                        .get(&p)
                        .cloned()
                        .unwrap_or_else(|| p.to_string())
                })
                .unwrap_or_default(),
            inspraak_domain::time::utc_to_local(idea.created_at)
                .format("%Y-%m-%d %H:%M")
                .to_string(),
        ]
    }
}

/// Writes every idea of `process` to `sink`, a page at a time. Returns the number of rows.
pub async fn write_ideas<S: Sink>(
    conn: &impl ConnectionTrait,
    lang: Lang,
    process: &Process,
    format: Format,
    sink: &mut S,
) -> Result<u64, ExportError> {
    let names = Names {
        lang,
        themes: processes::themes(conn, process.id)
            .await?
            .into_iter()
            .map(|t| (t.id, t.name))
            .collect(),
        points: action_points::list_for_process(conn, process.id)
            .await?
            .into_iter()
            .map(|p| (p.id, p.title))
            .collect(),
    };
    let mut writer = SheetWriter::new(format, texts::texts(lang).sheet)?;
    writer.header(&names.header())?;
    let mut after: Option<IdeaId> = None;
    let mut written = 0u64;
    loop {
        let page = export::page(conn, process.id, after, PAGE).await?;
        let Some(last) = page.last() else {
            break;
        };
        after = Some(last.id);
        for idea in &page {
            writer.row(&names.cells(idea))?;
        }
        written += page.len() as u64;
        sink.put(writer.take()?).await?;
    }
    sink.put(writer.finish()?).await?;
    Ok(written)
}
