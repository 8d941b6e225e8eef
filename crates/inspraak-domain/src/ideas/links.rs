//! Safe automatic links in plain text: the text is cut into plain parts and web addresses. Only
//! `http(s)://` addresses that pass `WebLink` become links; everything else stays text (and the
//! templates escape it), so `javascript:` or markup never turns into anything clickable.

use crate::session::WebLink;

/// A piece of a comment or idea as it is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment<'a> {
    Text(&'a str),
    Link(&'a str),
}

fn starts_link(rest: &str) -> bool {
    let lower: String = rest
        .chars()
        .take(8)
        .collect::<String>()
        .to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// Cuts `text` into text and link segments. Trailing punctuation stays outside a link.
pub fn segments(text: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut plain_start = 0;
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let at_boundary = i == 0
            || text[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_whitespace() || "([".contains(c));
        if at_boundary && starts_link(rest) {
            let end = rest
                .find(|c: char| c.is_whitespace() || "<>\"`".contains(c))
                .unwrap_or(rest.len());
            let candidate = rest[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']']);
            if WebLink::parse(candidate).is_ok() {
                if plain_start < i {
                    out.push(Segment::Text(&text[plain_start..i]));
                }
                out.push(Segment::Link(candidate));
                i += candidate.len();
                plain_start = i;
                continue;
            }
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    if plain_start < text.len() {
        out.push(Segment::Text(&text[plain_start..]));
    }
    out
}
