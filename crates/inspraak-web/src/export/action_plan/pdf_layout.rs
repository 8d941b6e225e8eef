//! Lays the plan's blocks out on A4 pages: lines broken at spaces to fit the measure (a word
//! longer than a line is broken between characters), headings kept with what follows. The result
//! is plain data — positioned pieces of text and the structure (headings, paragraphs, lists)
//! that holds them in reading order — which `pdf` then draws and tags.

use super::{Block, Run};

pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
pub const MARGIN_X: f32 = 62.0;
pub const MARGIN_TOP: f32 = 62.0;
/// Text stops here; the footer sits below.
pub const BOTTOM: f32 = PAGE_HEIGHT - 74.0;
pub const FOOTER_Y: f32 = PAGE_HEIGHT - 40.0;
pub const BODY_SIZE: f32 = 11.0;
const LIST_INDENT: f32 = 16.0;

/// Measures text: the width of `text` at `size` points, bold or not.
pub trait Measure {
    fn width(&self, text: &str, size: f32, bold: bool) -> f32;
}

/// A piece of text at its place: `y` is the baseline, from the top of the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub page: usize,
    pub x: f32,
    pub y: f32,
    pub text: String,
    pub size: f32,
    pub bold: bool,
    pub lang: Option<&'static str>,
}

/// The logical structure: what the tag tree of the PDF will say.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A heading of level 1–3 with its text (PDF/UA wants a title on each).
    Heading(u16, String),
    Paragraph,
    List,
    ListItem,
    Label,
    ListBody,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Group(Kind, Vec<Node>),
    /// The index of a [`Piece`].
    Piece(usize),
}

/// A heading's place, for the document outline (bookmarks).
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub level: u8,
    pub title: String,
    pub page: usize,
    pub y: f32,
}

#[derive(Debug, Default)]
pub struct Layout {
    pub pieces: Vec<Piece>,
    pub structure: Vec<Node>,
    pub marks: Vec<Mark>,
    /// The number of pages (at least one).
    pub pages: usize,
    page: usize,
    y: f32,
}

fn heading_size(level: u8) -> f32 {
    match level {
        1 => 20.0,
        2 => 15.0,
        _ => 12.5,
    }
}

fn line_height(size: f32) -> f32 {
    size * 1.45
}

/// A word and the run it belongs to; `space` when a space follows it.
struct Word<'a> {
    run: usize,
    text: &'a str,
    space: bool,
}

fn words(runs: &[Run]) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    for (n, run) in runs.iter().enumerate() {
        let mut rest = run.text.as_str();
        while !rest.is_empty() {
            let end = rest.find(' ').unwrap_or(rest.len());
            let (word, after) = rest.split_at(end);
            let space = after.starts_with(' ');
            if !word.is_empty() {
                out.push(Word {
                    run: n,
                    text: word,
                    space,
                });
            } else if space {
                // A space at the start of a run (or two in a row) belongs to the word before.
                if let Some(last) = out.last_mut() {
                    last.space = true;
                }
            }
            rest = after.strip_prefix(' ').unwrap_or(after);
        }
    }
    out
}

impl Layout {
    pub fn new(blocks: &[Block], measure: &impl Measure) -> Layout {
        let mut layout = Layout {
            y: MARGIN_TOP,
            pages: 1,
            ..Layout::default()
        };
        let mut previous_heading = false;
        for block in blocks {
            let node = match block {
                Block::Heading { level, runs } => {
                    let size = heading_size(*level);
                    // Space above, and room for the heading and two lines after it.
                    if !previous_heading && layout.y > MARGIN_TOP {
                        layout.y += size * 0.7;
                    }
                    layout.keep(line_height(size) + 2.0 * line_height(BODY_SIZE));
                    let title = block.plain();
                    layout.marks.push(Mark {
                        level: *level,
                        title: title.clone(),
                        page: layout.page,
                        y: layout.y,
                    });
                    let pieces = layout.lines(runs, size, true, MARGIN_X, measure);
                    layout.y += size * 0.3;
                    previous_heading = true;
                    Node::Group(Kind::Heading(u16::from(*level), title), pieces)
                }
                Block::Paragraph(runs) => {
                    previous_heading = false;
                    let pieces = layout.lines(runs, BODY_SIZE, false, MARGIN_X, measure);
                    layout.y += BODY_SIZE * 0.45;
                    Node::Group(Kind::Paragraph, pieces)
                }
                Block::List(items) => {
                    previous_heading = false;
                    let mut list = Vec::new();
                    for item in items {
                        layout.keep(line_height(BODY_SIZE));
                        let bullet = layout.piece("•".to_owned(), MARGIN_X + 4.0, BODY_SIZE);
                        let body =
                            layout.lines(item, BODY_SIZE, false, MARGIN_X + LIST_INDENT, measure);
                        list.push(Node::Group(
                            Kind::ListItem,
                            vec![
                                Node::Group(Kind::Label, vec![Node::Piece(bullet)]),
                                Node::Group(Kind::ListBody, body),
                            ],
                        ));
                    }
                    layout.y += BODY_SIZE * 0.45;
                    Node::Group(Kind::List, list)
                }
            };
            layout.structure.push(node);
        }
        layout
    }

    /// Starts a new page unless `height` still fits on this one.
    fn keep(&mut self, height: f32) {
        if self.y + height > BOTTOM && self.y > MARGIN_TOP {
            self.page += 1;
            self.pages = self.page + 1;
            self.y = MARGIN_TOP;
        }
    }

    /// A piece on the current line (the line's top is `self.y`).
    fn piece(&mut self, text: String, x: f32, size: f32) -> usize {
        self.pieces.push(Piece {
            page: self.page,
            x,
            y: self.y + size,
            text,
            size,
            bold: false,
            lang: None,
        });
        self.pieces.len() - 1
    }

    /// Breaks `runs` into lines from `x` to the right margin and places them; returns the pieces
    /// in reading order. `bold` makes every run bold (headings); otherwise a run's `strong` does.
    fn lines(
        &mut self,
        runs: &[Run],
        size: f32,
        bold: bool,
        x: f32,
        measure: &impl Measure,
    ) -> Vec<Node> {
        let right = PAGE_WIDTH - MARGIN_X;
        let is_bold = |run: usize| bold || runs.get(run).is_some_and(|r| r.strong);
        let mut nodes = Vec::new();
        let mut line: Vec<(usize, String)> = Vec::new();
        let mut cursor = x;
        let mut flush = |layout: &mut Layout, line: &mut Vec<(usize, String)>| {
            layout.keep(line_height(size));
            let mut at = x;
            for (run, text) in line.drain(..) {
                let width = measure.width(&text, size, is_bold(run));
                let index = layout.piece(text, at, size);
                if let Some(piece) = layout.pieces.get_mut(index) {
                    piece.bold = is_bold(run);
                    piece.lang = runs.get(run).and_then(|r| r.lang);
                }
                nodes.push(Node::Piece(index));
                at += width;
            }
            layout.y += line_height(size);
        };
        for word in words(runs) {
            let mut text = word.text.to_owned();
            let bold = is_bold(word.run);
            loop {
                let width = measure.width(&text, size, bold);
                if cursor + width <= right || (cursor == x && width <= right - x) {
                    break;
                }
                if cursor > x {
                    flush(self, &mut line);
                    cursor = x;
                    continue;
                }
                // A word wider than a whole line: as many characters as fit, the rest next.
                let mut cut = text.len();
                while cut > 0 && x + measure.width(&text[..cut], size, bold) > right {
                    cut = text[..cut].char_indices().next_back().map_or(0, |(i, _)| i);
                }
                let cut = if cut == 0 {
                    text.chars().next().map_or(text.len(), char::len_utf8)
                } else {
                    cut
                };
                let rest = text.split_off(cut);
                line.push((word.run, text));
                flush(self, &mut line);
                cursor = x;
                text = rest;
            }
            let mut piece = text;
            if word.space {
                piece.push(' ');
            }
            cursor += measure.width(&piece, size, bold);
            // Words of the same run on a line are one piece of text.
            match line.last_mut() {
                Some((run, text)) if *run == word.run => text.push_str(&piece),
                _ => line.push((word.run, piece)),
            }
        }
        if !line.is_empty() {
            flush(self, &mut line);
        }
        nodes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character 5 points wide at 10 points.
    struct Fixed;
    impl Measure for Fixed {
        fn width(&self, text: &str, size: f32, _: bool) -> f32 {
            text.chars().count() as f32 * size / 2.0
        }
    }

    fn runs(text: &str) -> Vec<Run> {
        vec![Run {
            text: text.to_owned(),
            lang: None,
            strong: false,
        }]
    }

    #[test]
    fn lines_break_at_spaces_and_keep_every_character() {
        let word = "woord ".repeat(60);
        let layout = Layout::new(&[Block::Paragraph(runs(word.trim_end()))], &Fixed);
        let lines: Vec<&Piece> = layout.pieces.iter().collect();
        assert!(lines.len() > 1, "one line for 360 characters");
        let joined: String = lines.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(joined.trim_end(), word.trim_end());
        for piece in &lines {
            assert!(
                piece.x + Fixed.width(piece.text.trim_end(), piece.size, false)
                    <= PAGE_WIDTH - MARGIN_X + 0.01
            );
        }
        assert!(lines.windows(2).all(|w| w[1].y > w[0].y));
    }

    #[test]
    fn a_word_longer_than_a_line_is_cut() {
        let long = "x".repeat(200);
        let layout = Layout::new(&[Block::Paragraph(runs(&long))], &Fixed);
        let joined: String = layout.pieces.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(joined, long);
        assert!(layout.pieces.len() >= 2);
    }

    #[test]
    fn many_paragraphs_flow_onto_new_pages_and_headings_are_marked() {
        let mut blocks = vec![Block::Heading {
            level: 1,
            runs: runs("Titel"),
        }];
        for _ in 0..80 {
            blocks.push(Block::Paragraph(runs("Een regel tekst.")));
        }
        let layout = Layout::new(&blocks, &Fixed);
        assert!(layout.pages >= 2);
        assert!(layout.pieces.iter().all(|p| p.y <= BOTTOM + BODY_SIZE));
        assert_eq!(layout.marks.len(), 1);
        assert_eq!(layout.structure.len(), blocks.len());
    }
}
