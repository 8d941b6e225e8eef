//! The light markup of reports: `## ` starts a heading, `- ` a list item, a blank line a new
//! paragraph, and web addresses become links. Everything else is text, escaped by maud; no HTML
//! typed by the organiser ever reaches the page.

use inspraak_domain::session::WebLink;
use maud::{Markup, html};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Block {
    Heading(String),
    Paragraph(String),
    List(Vec<String>),
}

fn blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut list: Vec<String> = Vec::new();
    let flush = |blocks: &mut Vec<Block>, paragraph: &mut Vec<&str>, list: &mut Vec<String>| {
        if !paragraph.is_empty() {
            blocks.push(Block::Paragraph(paragraph.join(" ")));
            paragraph.clear();
        }
        if !list.is_empty() {
            blocks.push(Block::List(std::mem::take(list)));
        }
    };
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            flush(&mut blocks, &mut paragraph, &mut list);
        } else if let Some(heading) = line.strip_prefix("## ").or_else(|| line.strip_prefix("# ")) {
            flush(&mut blocks, &mut paragraph, &mut list);
            blocks.push(Block::Heading(heading.trim().to_owned()));
        } else if let Some(item) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
            if !paragraph.is_empty() {
                flush(&mut blocks, &mut paragraph, &mut list);
            }
            list.push(item.trim().to_owned());
        } else {
            if !list.is_empty() {
                flush(&mut blocks, &mut paragraph, &mut list);
            }
            paragraph.push(line);
        }
    }
    flush(&mut blocks, &mut paragraph, &mut list);
    blocks
}

/// Text with its web addresses as links. Only addresses `WebLink` accepts become links.
fn inline(text: &str) -> Markup {
    let mut parts: Vec<(String, bool)> = Vec::new();
    let mut rest = text;
    while let Some(start) = ["https://", "http://"]
        .iter()
        .filter_map(|scheme| rest.find(scheme))
        .min()
    {
        let (before, from) = rest.split_at(start);
        let end = from.find(char::is_whitespace).unwrap_or(from.len());
        let mut candidate = &from[..end];
        // Sentence punctuation after an address belongs to the sentence.
        while candidate.ends_with(['.', ',', ';', ':', ')', '!', '?']) {
            candidate = &candidate[..candidate.len() - 1];
        }
        parts.push((before.to_owned(), false));
        let is_link = WebLink::parse(candidate).is_ok();
        parts.push((candidate.to_owned(), is_link));
        rest = &from[candidate.len()..];
    }
    parts.push((rest.to_owned(), false));
    html! {
        @for (part, is_link) in &parts {
            @if *is_link { a href=(part) { (part) } } @else { (part) }
        }
    }
}

/// The report as HTML, headings starting at `h3` (the page's report section is an `h2`).
pub fn render(text: &str) -> Markup {
    html! {
        @for block in blocks(text) {
            @match block {
                Block::Heading(heading) => h3 { (inline(&heading)) },
                Block::Paragraph(paragraph) => p { (inline(&paragraph)) },
                Block::List(items) => ul { @for item in &items { li { (inline(item)) } } },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_lists_paragraphs_and_links() {
        let html = render(
            "## Wat we hoorden\nOpen source staat in de belangstelling.\nZie https://example.nl/verslag.\n\n- punt een\n- punt twee\n\nSlot",
        )
        .into_string();
        assert_eq!(
            html,
            "<h3>Wat we hoorden</h3><p>Open source staat in de belangstelling. Zie <a href=\"https://example.nl/verslag\">https://example.nl/verslag</a>.</p><ul><li>punt een</li><li>punt twee</li></ul><p>Slot</p>"
        );
    }

    #[test]
    fn html_and_script_links_stay_text() {
        let html = render("<script>alert(1)</script> javascript:alert(1) https://x\"onclick=\"y")
            .into_string();
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;"));
        assert!(!html.contains("href=\"javascript"));
        assert!(!html.contains("<a "));
    }
}
