//! A consultation's responses and its outcomes per theme as export files. Responses are read in
//! keyset pages of [`PAGE`] and each page's bytes go to the [`Sink`] before the next page is
//! read, so memory does not grow with the number of responses.

use super::{Cell, Column, Format, Kind, SheetWriter};
use crate::i18n::{Lang, outcomes as texts};
use inspraak_domain::consultation::{Answer, Question, QuestionKind};
use inspraak_domain::{ResponseId, ThemeId};
use inspraak_store::consultation::{self, Consultation};
use inspraak_store::outcomes::{export, figures};
use inspraak_store::{ConnectionTrait, StoreError, process};
use std::collections::HashMap;
use std::future::Future;
use std::io;
use thiserror::Error;

/// Responses read per page.
pub const PAGE: u64 = 1000;

#[derive(Debug, Error)]
pub enum ExportError {
    #[error("store: {0}")]
    Store(#[from] StoreError),
    #[error("writing: {0}")]
    Io(#[from] io::Error),
}

/// Where finished bytes go: an HTTP body, a file.
pub trait Sink {
    fn put(&mut self, bytes: Vec<u8>) -> impl Future<Output = io::Result<()>> + Send;
}

/// A download's file name: `reacties-<id>-<date>.<ext>`.
pub fn file_name(
    kind: &str,
    consultation: &Consultation,
    format: Format,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    format.file_name(&format!(
        "{kind}-{}-{}",
        consultation.id,
        inspraak_domain::time::local_date(now).format("%Y-%m-%d"),
    ))
}

/// The columns of a responses export and how to fill them.
pub struct Columns {
    lang: Lang,
    questions: Vec<Question>,
    themes: HashMap<ThemeId, String>,
}

impl Columns {
    pub async fn load(
        conn: &impl ConnectionTrait,
        lang: Lang,
        consultation: &Consultation,
    ) -> Result<Self, StoreError> {
        let questions = consultation::questions(conn, consultation.id)
            .await?
            .into_iter()
            // Personal data is not part of the responses.
            .filter(|q| q.kind != QuestionKind::EmailUpdates)
            .collect();
        let themes = process::themes(conn, consultation.process_id)
            .await?
            .into_iter()
            .map(|t| (t.id, t.name.main))
            .collect();
        Ok(Self {
            lang,
            questions,
            themes,
        })
    }

    /// Keys: `response_id`, `submitted_at`, `hidden`, then `q<question id>` per question, with
    /// `q<id>_other` (theme questions) and `q<id>_why` (yes/no-why questions).
    pub fn columns(&self) -> Vec<Column> {
        let t = texts::texts(self.lang);
        let mut columns = vec![
            Column::new("response_id", t.col_response, Kind::Integer),
            Column::new("submitted_at", t.col_submitted, Kind::DateTime),
            Column::new("hidden", t.col_hidden, Kind::Flag),
        ];
        for q in &self.questions {
            let key = format!("q{}", q.id);
            let kind = match q.kind {
                QuestionKind::Scale => Kind::Integer,
                QuestionKind::ShortText | QuestionKind::LongText => Kind::LongText,
                _ => Kind::Text,
            };
            columns.push(Column::new(key.clone(), q.prompt.main.clone(), kind));
            match q.kind {
                QuestionKind::PickThemes => columns.push(Column::new(
                    format!("{key}_other"),
                    format!("{} ({})", q.prompt.main, t.col_other),
                    Kind::LongText,
                )),
                QuestionKind::YesNoWhy => columns.push(Column::new(
                    format!("{key}_why"),
                    format!("{} ({})", q.prompt.main, t.col_why),
                    Kind::LongText,
                )),
                _ => {}
            }
        }
        columns
    }

    fn theme(&self, id: &ThemeId) -> String {
        self.themes
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    pub fn cells(&self, row: &export::ExportRow) -> Vec<Cell> {
        let t = texts::texts(self.lang);
        let flag = |b: bool| Cell::Flag(b, if b { t.yes } else { t.no });
        let mut cells = vec![
            Cell::Integer(row.id.0),
            Cell::DateTime(row.submitted_at),
            flag(row.hidden),
        ];
        for q in &self.questions {
            let answer = row
                .answers
                .get(&q.id)
                .and_then(|stored| Answer::from_stored(q.kind, stored));
            let option = |n: &usize| q.options.get(*n).cloned().unwrap_or_default();
            let (main, extra) = match answer {
                None => (Cell::Empty, None),
                Some(Answer::Text(text)) => (Cell::Text(text), None),
                Some(Answer::Choice(n)) => (Cell::Text(option(&n)), None),
                Some(Answer::Choices(ns)) => (
                    Cell::Text(ns.iter().map(option).collect::<Vec<_>>().join("; ")),
                    None,
                ),
                Some(Answer::Themes { picked, other }) => (
                    Cell::Text(
                        picked
                            .iter()
                            .map(|id| self.theme(id))
                            .collect::<Vec<_>>()
                            .join("; "),
                    ),
                    other,
                ),
                Some(Answer::Ranking(order)) => (
                    Cell::Text(
                        order
                            .iter()
                            .enumerate()
                            .map(|(n, id)| format!("{}. {}", n + 1, self.theme(id)))
                            .collect::<Vec<_>>()
                            .join("; "),
                    ),
                    None,
                ),
                Some(Answer::YesNo { yes, why }) => (flag(yes), why),
                Some(Answer::Scale(v)) => (Cell::Integer(i64::from(v)), None),
            };
            cells.push(main);
            let has_extra = matches!(q.kind, QuestionKind::PickThemes | QuestionKind::YesNoWhy);
            if has_extra {
                cells.push(Cell::opt_text(extra));
            }
        }
        cells
    }
}

/// Writes every response of `consultation` to `sink`, a page at a time; `progress` hears the
/// number of rows written after each page. Returns the number of rows.
pub async fn write_responses<S: Sink>(
    conn: &impl ConnectionTrait,
    lang: Lang,
    consultation: &Consultation,
    format: Format,
    sink: &mut S,
    mut progress: impl FnMut(u64),
) -> Result<u64, ExportError> {
    let columns = Columns::load(conn, lang, consultation).await?;
    let t = texts::texts(lang);
    let mut writer = SheetWriter::new(format, t.sheet_responses)?;
    writer.columns(&columns.columns())?;
    let mut after: Option<ResponseId> = None;
    let mut written = 0u64;
    loop {
        let page = export::page(conn, consultation.id, after, PAGE).await?;
        let Some(last) = page.last() else {
            break;
        };
        after = Some(last.id);
        for row in &page {
            writer.cells(&columns.cells(row))?;
        }
        written += page.len() as u64;
        sink.put(writer.take()?).await?;
        progress(written);
    }
    sink.put(writer.finish()?).await?;
    Ok(written)
}

/// The outcome per theme question and theme: chosen, average place, points. Small (themes ×
/// questions), read from the running counts; hidden responses are left out.
pub async fn write_themes<S: Sink>(
    conn: &impl ConnectionTrait,
    lang: Lang,
    consultation: &Consultation,
    format: Format,
    sink: &mut S,
) -> Result<(), ExportError> {
    let t = texts::texts(lang);
    let figures = figures::load(conn, consultation).await?;
    let mut writer = SheetWriter::new(format, t.sheet_themes)?;
    writer.columns(&[
        Column::new("question", t.col_question, Kind::Text),
        Column::new("theme", t.col_theme, Kind::Text),
        Column::new("chosen", t.chosen, Kind::Integer),
        Column::new("average_rank", t.average_rank, Kind::Decimal),
        Column::new("points", t.points, Kind::Integer),
        Column::new("answered", t.col_answered, Kind::Integer),
    ])?;
    for q in &figures.questions {
        if let figures::Body::Themes { themes, .. } = &q.body {
            for theme in themes {
                writer.cells(&[
                    Cell::text(q.question.prompt.main.clone()),
                    Cell::text(theme.name.clone()),
                    Cell::Integer(theme.chosen),
                    theme.average_rank.map_or(Cell::Empty, Cell::Decimal),
                    Cell::Integer(theme.points),
                    Cell::Integer(q.answered),
                ])?;
            }
        }
    }
    sink.put(writer.finish()?).await?;
    Ok(())
}

/// A sink into an async channel, for a streamed HTTP body. A full channel makes the writer wait
/// (back-pressure), so a slow download does not pile pages up in memory.
pub struct ChannelSink(pub tokio::sync::mpsc::Sender<Result<actix_web::web::Bytes, io::Error>>);

impl Sink for ChannelSink {
    async fn put(&mut self, bytes: Vec<u8>) -> io::Result<()> {
        if bytes.is_empty() {
            return Ok(());
        }
        self.0
            .send(Ok(actix_web::web::Bytes::from(bytes)))
            .await
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the download was cancelled"))
    }
}

/// A sink into anything `Write` (a file for the CLI).
pub struct WriteSink<W: io::Write + Send>(pub W);

impl<W: io::Write + Send> Sink for WriteSink<W> {
    async fn put(&mut self, bytes: Vec<u8>) -> io::Result<()> {
        self.0.write_all(&bytes)
    }
}
