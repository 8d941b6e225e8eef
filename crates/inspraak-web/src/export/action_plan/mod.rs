//! The action plan as a document (issue #24): a tagged, accessible PDF ([`pdf`]) and an ODT
//! ([`odt`]), made on request from the plan's read model (`read::action_plan`).
//!
//! Two steps, so both files say the same in the same order:
//! 1. [`PlanContent`] holds what organisers wrote, each text with the language it is in. It is
//!    the one place the version of a translated field is picked: in the document's language
//!    when it was translated, else the text in `INSPRAAK_CONTENT_LANGUAGE`, marked as such
//!    (ideas' titles are citizens' text, language unknown).
//! 2. [`PlanDocument::new`] puts it into [`Block`]s with the document's own words (headings,
//!    labels, status names, the date line) in the requested language. The writers only draw
//!    blocks; a run whose language differs from the document's is marked as such (PDF `/Lang`
//!    on its marked content, ODT `fo:language` on its span).
//!
//! Files are cached by a hash of the document (its blocks, language and date), which is also the
//! ETag: a change of the plan makes a new document, an unchanged plan is served from memory.

pub mod odt;
pub mod pdf;
mod pdf_layout;

use crate::i18n::{Lang, action_plan as texts, fill, ideas as idea_texts};
use crate::read::action_plan::ActionPlan;
use chrono::NaiveDate;
use inspraak_domain::ideas::ActionPointStatus;
use inspraak_domain::{Language, Translated};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::sync::{Arc, Mutex};

/// A piece of text and the language it is in (`None`: not known, as for citizens' text).
#[derive(Debug, Clone, Serialize)]
pub struct Text {
    pub text: String,
    pub lang: Option<&'static str>,
}

/// Everything organisers (and, for idea titles, citizens) wrote that the document shows.
pub struct PlanContent {
    pub process_title: Text,
    pub introduction: Option<Text>,
    /// Themes with published action points, in the process's order; the action points without
    /// a theme last (`name: None`).
    pub themes: Vec<ThemeContent>,
}

pub struct ThemeContent {
    pub name: Option<Text>,
    pub points: Vec<PointContent>,
}

pub struct PointContent {
    pub title: Text,
    pub ambition: Text,
    pub holder: Text,
    pub partners: Option<Text>,
    pub status: ActionPointStatus,
    pub latest: Option<(NaiveDate, Text)>,
    /// Titles of the public ideas the action point includes.
    pub origin: Vec<Text>,
}

impl PlanContent {
    /// The plan's texts for a document in `lang`; `content` is the language organisers write
    /// in. A translated text is in `lang`; a missing translation falls back to the main text,
    /// which keeps the content language.
    pub fn from_plan(plan: &ActionPlan, content: Language, lang: Lang) -> PlanContent {
        let organiser = |text: &str| Text {
            text: text.to_owned(),
            lang: Some(content.code()),
        };
        let other = Lang::from(content) != lang;
        let translated = |value: &Translated| {
            let (text, stands_in) = value.pick(other);
            Text {
                text: text.to_owned(),
                lang: Some(if other && !stands_in {
                    lang.code()
                } else {
                    content.code()
                }),
            }
        };
        let citizen = |text: &str| Text {
            text: text.to_owned(),
            lang: None,
        };
        let point = |p: &inspraak_store::ideas::action_points::ActionPoint| PointContent {
            title: translated(&p.title),
            ambition: translated(&p.description),
            holder: organiser(&p.holder),
            partners: p.partners.as_deref().map(organiser),
            status: p.status,
            latest: plan.latest.get(&p.id).map(|u| (u.on, translated(&u.body))),
            origin: plan
                .origins
                .get(&p.id)
                .map(|ideas| ideas.iter().map(|i| citizen(&i.title)).collect())
                .unwrap_or_default(),
        };
        let mut themes: Vec<ThemeContent> = plan
            .themes
            .iter()
            .map(|t| ThemeContent {
                name: Some(translated(&t.name)),
                points: plan.points_of(Some(t.id)).into_iter().map(&point).collect(),
            })
            .collect();
        themes.push(ThemeContent {
            name: None,
            points: plan.points_of(None).into_iter().map(&point).collect(),
        });
        themes.retain(|t| !t.points.is_empty());
        PlanContent {
            process_title: translated(&plan.process.title),
            introduction: plan.introduction.as_ref().map(&translated),
            themes,
        }
    }
}

/// A stretch of text in one language, bold or not.
#[derive(Debug, Clone, Serialize)]
pub struct Run {
    pub text: String,
    pub lang: Option<&'static str>,
    pub strong: bool,
}

impl Run {
    fn label(text: &str) -> Run {
        Run {
            text: text.to_owned(),
            lang: None,
            strong: true,
        }
    }

    /// Text in the document's own language.
    fn own(text: String) -> Run {
        Run {
            text,
            lang: None,
            strong: false,
        }
    }

    fn content(text: &Text) -> Run {
        Run {
            text: text.text.clone(),
            lang: text.lang,
            strong: false,
        }
    }
}

/// The document as a sequence of blocks in reading order.
#[derive(Debug, Clone, Serialize)]
pub enum Block {
    /// Level 1 is the title; 2 a part (introduction, a theme); 3 an action point.
    Heading {
        level: u8,
        runs: Vec<Run>,
    },
    Paragraph(Vec<Run>),
    /// A bulleted list, one entry per item.
    List(Vec<Vec<Run>>),
}

impl Block {
    /// The block's text, e.g. for an outline entry.
    pub fn plain(&self) -> String {
        let runs: Vec<&Run> = match self {
            Block::Heading { runs, .. } | Block::Paragraph(runs) => runs.iter().collect(),
            Block::List(items) => items.iter().flatten().collect(),
        };
        runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// The action plan, ready to be written as PDF or ODT.
#[derive(Debug, Clone, Serialize)]
pub struct PlanDocument {
    /// The language of the document's own words, and so of the document (`nl`, `en`).
    pub lang: &'static str,
    /// "Actieplan – <process title>", for the file's metadata.
    pub title: String,
    pub subject: String,
    /// The day of the plan's last change ("Stand van …").
    pub date: NaiveDate,
    /// The footer of every PDF page, with `{page}` and `{pages}` left to fill in.
    pub footer: String,
    pub blocks: Vec<Block>,
}

/// Splits organiser text into paragraphs (every line its own, empty lines dropped).
fn paragraphs(text: &Text) -> Vec<Text> {
    text.text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| Text {
            text: l.to_owned(),
            lang: text.lang,
        })
        .collect()
}

/// A labelled field: "Label: first paragraph", then the other paragraphs.
fn field(blocks: &mut Vec<Block>, label: &str, value: &Text) {
    let mut parts = paragraphs(value).into_iter();
    let mut first = vec![Run::label(&format!("{label}: "))];
    if let Some(text) = parts.next() {
        first.push(Run::content(&text));
    }
    blocks.push(Block::Paragraph(first));
    blocks.extend(parts.map(|p| Block::Paragraph(vec![Run::content(&p)])));
}

impl PlanDocument {
    /// `url` is the address of the plan page, printed under the title.
    pub fn new(content: &PlanContent, lang: Lang, date: NaiveDate, url: &str) -> PlanDocument {
        let t = texts::texts(lang);
        let it = idea_texts::texts(lang);
        let title_runs = vec![
            Run::own(format!("{} – ", it.plan_title)),
            Run::content(&content.process_title),
        ];
        let title = format!("{} – {}", it.plan_title, content.process_title.text);
        let as_of = fill(t.as_of, &[("date", &lang.date(date))]);
        let mut blocks = vec![
            Block::Heading {
                level: 1,
                runs: title_runs,
            },
            Block::Paragraph(vec![Run::own(as_of)]),
            Block::Paragraph(vec![Run::own(fill(t.online, &[("url", url)]))]),
        ];
        if let Some(intro) = &content.introduction {
            blocks.push(Block::Heading {
                level: 2,
                runs: vec![Run::own(t.introduction.to_owned())],
            });
            blocks.extend(
                paragraphs(intro)
                    .iter()
                    .map(|p| Block::Paragraph(vec![Run::content(p)])),
            );
        }
        if content.themes.is_empty() {
            blocks.push(Block::Paragraph(vec![Run::own(it.plan_empty.to_owned())]));
        }
        for theme in &content.themes {
            let heading = match &theme.name {
                Some(name) => Run::content(name),
                None => Run::own(it.no_theme.to_owned()),
            };
            blocks.push(Block::Heading {
                level: 2,
                runs: vec![heading],
            });
            for point in &theme.points {
                Self::point(&mut blocks, lang, point);
            }
        }
        PlanDocument {
            lang: lang.code(),
            footer: fill(t.page_footer, &[("title", &title)]),
            title,
            subject: t.subject.to_owned(),
            date,
            blocks,
        }
    }

    fn point(blocks: &mut Vec<Block>, lang: Lang, point: &PointContent) {
        let t = texts::texts(lang);
        let it = idea_texts::texts(lang);
        blocks.push(Block::Heading {
            level: 3,
            runs: vec![Run::content(&point.title)],
        });
        field(blocks, t.ambition, &point.ambition);
        field(blocks, it.holder, &point.holder);
        if let Some(partners) = &point.partners {
            field(blocks, it.partners, partners);
        }
        let status = idea_texts::point_status(lang, point.status);
        blocks.push(Block::Paragraph(vec![
            Run::label(&format!("{}: ", it.point_status)),
            Run::own(status.to_owned()),
        ]));
        if let Some((on, body)) = &point.latest {
            let mut runs = vec![
                Run::label(&format!("{}: ", it.latest_update)),
                Run::own(format!("{}: ", lang.date(*on))),
            ];
            let mut parts = paragraphs(body).into_iter();
            if let Some(first) = parts.next() {
                runs.push(Run::content(&first));
            }
            blocks.push(Block::Paragraph(runs));
            blocks.extend(parts.map(|p| Block::Paragraph(vec![Run::content(&p)])));
        }
        if !point.origin.is_empty() {
            blocks.push(Block::Paragraph(vec![Run::label(&format!(
                "{}:",
                it.origin
            ))]));
            blocks.push(Block::List(
                point.origin.iter().map(|o| vec![Run::content(o)]).collect(),
            ));
        }
    }

    /// The file name: `actieplan-<slug>-<date>-<language>.<extension>` (the slug alone when it
    /// starts so); the language code says which version it is (issue #24).
    pub fn file_name(&self, slug: &str, format: DocFormat) -> String {
        let stem = match self.lang {
            "en" => texts::texts(Lang::En).file_stem,
            _ => texts::texts(Lang::Nl).file_stem,
        };
        // "actieplan-actieplan-open-overheid-…" says it twice.
        let name = if slug.starts_with(stem) {
            slug.to_owned()
        } else {
            format!("{stem}-{slug}")
        };
        format!("{name}-{}-{}.{}", self.date, self.lang, format.extension())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum DocFormat {
    Pdf,
    Odt,
}

impl DocFormat {
    pub fn parse(extension: &str) -> Option<DocFormat> {
        match extension {
            "pdf" => Some(DocFormat::Pdf),
            "odt" => Some(DocFormat::Odt),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            DocFormat::Pdf => "pdf",
            DocFormat::Odt => "odt",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            DocFormat::Pdf => "application/pdf",
            DocFormat::Odt => odt::MIMETYPE,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("PDF: {0}")]
    Pdf(String),
    #[error("ODT: {0}")]
    Odt(#[from] std::io::Error),
}

/// A written file and its ETag (a hash of what it was made from).
#[derive(Clone)]
pub struct Rendered {
    pub bytes: Arc<Vec<u8>>,
    pub etag: String,
}

/// Bump when the writers change, so a cached file or a client's ETag from before is not reused.
const WRITER_VERSION: &str = "1";
/// Files kept in memory: a few plans, each in two languages and two formats.
const CACHE_SIZE: usize = 16;

static CACHE: Mutex<Vec<(String, Rendered)>> = Mutex::new(Vec::new());

/// The document as a file, from the cache when an identical one was made before. CPU work: call
/// it off the async workers (`web::block`).
pub fn render(doc: &PlanDocument, format: DocFormat) -> Result<Rendered, DocumentError> {
    let key = {
        let json = serde_json::to_vec(&(WRITER_VERSION, format, doc))
            .map_err(|e| DocumentError::Pdf(e.to_string()))?;
        Sha256::digest(&json)
            .iter()
            .take(16)
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    if let Some(found) = CACHE
        .lock()
        .ok()
        .and_then(|c| c.iter().find(|(k, _)| *k == key).map(|(_, r)| r.clone()))
    {
        return Ok(found);
    }
    let bytes = match format {
        DocFormat::Pdf => pdf::write(doc)?,
        DocFormat::Odt => odt::write(doc)?,
    };
    let rendered = Rendered {
        bytes: Arc::new(bytes),
        etag: key.clone(),
    };
    if let Ok(mut cache) = CACHE.lock() {
        if cache.len() >= CACHE_SIZE {
            cache.remove(0);
        }
        cache.push((key, rendered.clone()));
    }
    Ok(rendered)
}

#[cfg(test)]
mod tests;
