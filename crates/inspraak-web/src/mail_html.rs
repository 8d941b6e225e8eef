//! The HTML part of a mail, made at send time from the stored plain text, so every mail gets one
//! without its builder knowing and the text stays the one source: blank lines make paragraphs,
//! single newlines line breaks, and `http(s)://` addresses become links. maud escapes the rest,
//! so nothing a participant or organiser typed can become markup.

use maud::{DOCTYPE, Markup, html};

/// A piece of a line: plain text or an address to link.
#[derive(Debug, PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    Link(&'a str),
}

/// The HTML document for a mail with `subject` and `text`, headed by the site's name.
pub fn render(site_name: &str, subject: &str, text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let page: Markup = html! {
        (DOCTYPE)
        html {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (subject) }
            }
            body {
                p { strong { (site_name) } }
                @for paragraph in paragraphs(&text) {
                    p {
                        @for (i, line) in paragraph.iter().enumerate() {
                            @if i > 0 { br; }
                            @for piece in pieces(line) {
                                @match piece {
                                    Piece::Text(t) => (t),
                                    Piece::Link(url) => a href=(url) { (url) },
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    page.into_string()
}

/// Paragraphs (separated by blank lines) as their lines.
fn paragraphs(text: &str) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = Vec::new();
    let mut current = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Splits a line into text and `http(s)://` addresses. Punctuation that ends a sentence is left
/// out of the address.
fn pieces(line: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(start) = next_link_start(rest) {
        if start > 0 {
            out.push(Piece::Text(&rest[..start]));
        }
        let tail = &rest[start..];
        let end = tail.find(char::is_whitespace).unwrap_or(tail.len());
        let url = tail[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '\'']);
        out.push(Piece::Link(url));
        rest = &tail[url.len()..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

fn next_link_start(text: &str) -> Option<usize> {
    ["https://", "http://"]
        .iter()
        .filter_map(|scheme| {
            text.match_indices(scheme)
                .find(|(i, _)| text.len() > i + scheme.len())
                .map(|(i, _)| i)
        })
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_become_links_without_the_full_stop() {
        assert_eq!(
            pieces("Open https://x.nl/a?b=1&c=2. Klaar"),
            [
                Piece::Text("Open "),
                Piece::Link("https://x.nl/a?b=1&c=2"),
                Piece::Text(". Klaar"),
            ]
        );
        assert_eq!(pieces("http://"), [Piece::Text("http://")]);
    }

    #[test]
    fn text_is_escaped_and_paragraphs_kept() {
        let html = render(
            "Site & Co",
            "Onderwerp",
            "Hallo <b>jij</b>,\n\nregel 1\nregel 2 https://x.nl/\"><script>\n",
        );
        assert!(html.contains("<strong>Site &amp; Co</strong>"), "{html}");
        assert!(
            html.contains("<p>Hallo &lt;b&gt;jij&lt;/b&gt;,</p>"),
            "{html}"
        );
        assert!(html.contains("regel 1<br>regel 2 "), "{html}");
        assert!(!html.contains("<script>"), "{html}");
        assert!(
            html.contains(r#"<a href="https://x.nl/&quot;&gt;&lt;script&gt;">"#),
            "{html}"
        );
    }
}
