//! Pages of ideas, the action plan and the forum (`public`, `comments`) and their organiser and
//! action-holder pages (`admin`).

pub mod admin;
pub mod comments;
pub mod forum_home;
pub mod public;

use crate::views::content;
use inspraak_domain::Translated;
use inspraak_domain::ideas::{Segment, segments};
use maud::{Markup, html};

/// A translated organiser text as `rich_text`: the page's version, in a `span lang` when the
/// main text stands in for a missing translation (`content::pick`).
pub fn tr_rich(value: &Translated, lang: Option<&'static str>) -> Markup {
    let (text, lang) = content::pick(value, lang);
    content::inline(rich_text(text), lang)
}

/// Plain text with line breaks and safe automatic links: only `http(s)` addresses become links,
/// marked as user content; everything else is escaped text.
pub fn rich_text(text: &str) -> Markup {
    html! {
        @for (n, line) in text.lines().enumerate() {
            @if n > 0 { br; }
            @for segment in segments(line) {
                @match segment {
                    Segment::Text(text) => (text),
                    Segment::Link(link) => a href=(link) rel="nofollow ugc noopener" { (link) },
                }
            }
        }
    }
}
