//! The action plan as a tagged PDF that a screen reader can read (PDF/UA-1, checked by krilla
//! while writing: a document that breaks its rules is an error, not a file).
//!
//! - Every piece of text is marked content in the structure tree, in reading order: the title
//!   and headings (`H1`–`H3`, each with its text as title), paragraphs, and lists (`L`, `LI`,
//!   `Lbl`, `LBody`). The page footers are artifacts, outside the structure.
//! - The document's language is `/Lang` of the catalog and of the structure root; text in
//!   another language carries its own `/Lang`.
//! - Title in the metadata and shown as the window title; bookmarks follow the headings.
//! - The plan has no images, so there is no alternative text to give.
//!
//! Font: Noto Sans (OFL, `assets/fonts/`, cut down to Latin). Characters it lacks are drawn as
//! `?`, as PDF/UA forbids glyphs without a character (the page and the ODT keep them).

use super::pdf_layout::{
    BOTTOM, FOOTER_Y, Kind, Layout, MARGIN_X, Measure, Node, PAGE_HEIGHT, PAGE_WIDTH,
};
use super::{DocumentError, PlanDocument};
use crate::i18n::fill;
use chrono::Datelike;
use krilla::configure::{Accessibility, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::Point;
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, SpanTag, Tag, TagGroup, TagTree,
};
use krilla::text::{Font, TextDirection};
use krilla::{Document, SerializeSettings};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};
use std::num::NonZeroU16;

static REGULAR: &[u8] = include_bytes!("../../../../../assets/fonts/NotoSans-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../../../../assets/fonts/NotoSans-Bold.ttf");

const FOOTER_SIZE: f32 = 8.5;

/// One font: krilla's handle to draw with, and its metrics to measure with.
struct Face {
    pdf: Font,
    font: FontRef<'static>,
    units_per_em: f32,
}

impl Face {
    fn load(data: &'static [u8]) -> Result<Face, DocumentError> {
        let broken = || DocumentError::Pdf("font cannot be read".into());
        let font = FontRef::new(data).map_err(|_| broken())?;
        let units_per_em = f32::from(
            font.metrics(Size::unscaled(), LocationRef::default())
                .units_per_em,
        );
        let pdf = Font::new(data.into(), 0).ok_or_else(broken)?;
        Ok(Face {
            pdf,
            font,
            units_per_em,
        })
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        let charmap = self.font.charmap();
        let metrics = self
            .font
            .glyph_metrics(Size::unscaled(), LocationRef::default());
        let units: f32 = text
            .chars()
            .map(|c| {
                charmap
                    .map(c)
                    .and_then(|g| metrics.advance_width(g))
                    .unwrap_or(self.units_per_em / 2.0)
            })
            .sum();
        units * size / self.units_per_em
    }
}

struct Faces {
    regular: Face,
    bold: Face,
}

impl Faces {
    fn face(&self, bold: bool) -> &Face {
        if bold { &self.bold } else { &self.regular }
    }

    /// The text with every character the font cannot draw replaced by `?`.
    fn drawable(&self, text: &str) -> String {
        let charmap = self.regular.font.charmap();
        text.chars()
            .map(|c| match c {
                '\t' => ' ',
                c if charmap.map(c).is_some() => c,
                _ => '?',
            })
            .collect()
    }
}

impl Measure for Faces {
    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        self.face(bold).width(text, size)
    }
}

fn pdf_error(e: impl std::fmt::Display) -> DocumentError {
    DocumentError::Pdf(e.to_string())
}

pub fn write(doc: &PlanDocument) -> Result<Vec<u8>, DocumentError> {
    let faces = Faces {
        regular: Face::load(REGULAR)?,
        bold: Face::load(BOLD)?,
    };
    let mut blocks = doc.blocks.clone();
    for block in &mut blocks {
        match block {
            super::Block::Heading { runs, .. } | super::Block::Paragraph(runs) => {
                runs.iter_mut()
                    .for_each(|r| r.text = faces.drawable(&r.text));
            }
            super::Block::List(items) => items
                .iter_mut()
                .flatten()
                .for_each(|r| r.text = faces.drawable(&r.text)),
        }
    }
    let layout = Layout::new(&blocks, &faces);

    let configuration = ConfigurationBuilder::new()
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|e| pdf_error(format!("{e:?}")))?;
    let mut document = Document::new_with(SerializeSettings {
        configuration,
        enable_tagging: true,
        ..SerializeSettings::default()
    });
    let mut ids: Vec<Option<Identifier>> = vec![None; layout.pieces.len()];
    for page_index in 0..layout.pages {
        let settings =
            PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).ok_or_else(|| pdf_error("page size"))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for (index, piece) in layout.pieces.iter().enumerate() {
            if piece.page != page_index {
                continue;
            }
            // The language is marked only where it differs from the document's.
            let lang = piece.lang.filter(|l| *l != doc.lang);
            let id = surface.start_tagged(ContentTag::Span(SpanTag::empty().with_lang(lang)));
            surface.draw_text(
                Point::from_xy(piece.x, piece.y),
                faces.face(piece.bold).pdf.clone(),
                piece.size,
                &piece.text,
                false,
                TextDirection::Auto,
            );
            surface.end_tagged();
            if let Some(slot) = ids.get_mut(index) {
                *slot = Some(id);
            }
        }
        let footer = fill(
            &faces.drawable(&doc.footer),
            &[
                ("page", &(page_index + 1).to_string()),
                ("pages", &layout.pages.to_string()),
            ],
        );
        surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
            ArtifactType::PaginationOther,
        )));
        surface.draw_text(
            Point::from_xy(MARGIN_X, FOOTER_Y.max(BOTTOM + 20.0)),
            faces.regular.pdf.clone(),
            FOOTER_SIZE,
            &footer,
            false,
            TextDirection::Auto,
        );
        surface.end_tagged();
        surface.finish();
        page.finish();
    }

    let mut tree = TagTree::new().with_lang(Some(doc.lang.to_owned()));
    for node in &layout.structure {
        if let Some(child) = tag_node(node, &mut ids) {
            tree.push(child);
        }
    }
    document.set_tag_tree(tree);
    document.set_outline(outline(&layout));
    document.set_metadata(
        Metadata::new()
            .title(doc.title.clone())
            .description(doc.subject.clone())
            .language(doc.lang.to_owned())
            .creator("Inspraak".to_owned())
            .creation_date(
                DateTime::new(u16::try_from(doc.date.year()).unwrap_or(2026))
                    .month(u8::try_from(doc.date.month()).unwrap_or(1))
                    .day(u8::try_from(doc.date.day()).unwrap_or(1)),
            ),
    );
    document.finish().map_err(|e| pdf_error(format!("{e:?}")))
}

/// The structure node as a krilla tag group (or the marked content of one piece).
fn tag_node(node: &Node, ids: &mut [Option<Identifier>]) -> Option<krilla::tagging::Node> {
    match node {
        Node::Piece(index) => ids
            .get_mut(*index)
            .and_then(Option::take)
            .map(krilla::tagging::Node::from),
        Node::Group(kind, children) => {
            let mut group = match kind {
                Kind::Heading(level, title) => TagGroup::new(Tag::Hn(
                    NonZeroU16::new(*level).unwrap_or(NonZeroU16::MIN),
                    Some(title.clone()),
                )),
                Kind::Paragraph => TagGroup::new(Tag::P),
                Kind::List => TagGroup::new(Tag::L(ListNumbering::Disc)),
                Kind::ListItem => TagGroup::new(Tag::LI),
                Kind::Label => TagGroup::new(Tag::Lbl),
                Kind::ListBody => TagGroup::new(Tag::LBody),
            };
            for child in children {
                if let Some(child) = tag_node(child, ids) {
                    group.push(child);
                }
            }
            Some(group.into())
        }
    }
}

/// Bookmarks: the title, with the parts (level 2) under it and the action points under those.
fn outline(layout: &Layout) -> Outline {
    let node = |mark: &super::pdf_layout::Mark| {
        OutlineNode::new(
            mark.title.clone(),
            XyzDestination::new(mark.page, Point::from_xy(0.0, mark.y)),
        )
    };
    let mut outline = Outline::new();
    let mut parts: Vec<OutlineNode> = Vec::new();
    let mut title: Option<OutlineNode> = None;
    let mut current: Option<OutlineNode> = None;
    for mark in &layout.marks {
        match mark.level {
            1 => title = Some(node(mark)),
            2 => {
                if let Some(done) = current.take() {
                    parts.push(done);
                }
                current = Some(node(mark));
            }
            _ => match current.as_mut() {
                Some(part) => part.push_child(node(mark)),
                None => parts.push(node(mark)),
            },
        }
    }
    if let Some(done) = current.take() {
        parts.push(done);
    }
    match title {
        Some(mut title) => {
            for part in parts {
                title.push_child(part);
            }
            outline.push_child(title.with_open(true));
        }
        None => parts.into_iter().for_each(|p| outline.push_child(p)),
    }
    outline
}
