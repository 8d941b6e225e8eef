//! A public page rendered once, with holes where each visitor's own values go (the CSRF token,
//! a form's key and signed start time), filled per request (issue #22).
//!
//! The consultation form is the page a deadline rush asks for most, and rendering its questions
//! was the largest cost of a request once the database work was batched. Its read model is kept
//! in memory already (`read::cache`); the shell keeps the rendered page with it, so the same
//! model gives the same HTML, and a request only copies it with its own values in the holes.
//!
//! - **Markers:** a hole is rendered as a marker with a random part chosen at start, so no text
//!   an organiser writes can hold one. A page whose markers are not where expected (one missing,
//!   or one changed on the way, say encoded for a URL) gets no shell, and is rendered as usual.
//! - **Per visitor:** a shell is only for what every visitor of its cache slot sees alike: no
//!   login (the header differs; the caller checks `read::cache::shared`), the same path (the
//!   language switch links to it; [`Shell::fill`] checks), and the page as first shown (no typed
//!   values, errors or notices; the caller checks).
//! - **Escaping:** a value is escaped as maud escapes attributes and text, so a filled shell is
//!   the page maud would have rendered with the value.

use maud::{Markup, PreEscaped};
use std::fmt::Write;
use std::sync::OnceLock;

/// One piece of a shell: rendered text, or the index of a hole.
enum Piece {
    Text(String),
    Hole(usize),
}

/// A page with `N` holes; see the module comment.
pub struct Shell<const N: usize> {
    path: String,
    pieces: Vec<Piece>,
    /// The rendered length without holes, to size each filled copy at once.
    text_len: usize,
}

/// The random part of this process's markers.
fn random() -> &'static str {
    static RANDOM: OnceLock<String> = OnceLock::new();
    RANDOM.get_or_init(|| uuid::Uuid::new_v4().simple().to_string())
}

/// The markers of this process: `⟦hole N random⟧`.
fn marker(hole: usize) -> String {
    format!("\u{27e6}hole {hole} {}\u{27e7}", random())
}

impl<const N: usize> Shell<N> {
    /// Renders `page` once with a marker for each of the `N` values, for visitors of `path`.
    /// `None` when some hole's marker is missing from the page.
    pub fn render(path: &str, page: impl FnOnce([&str; N]) -> Markup) -> Option<Self> {
        let markers: [String; N] = std::array::from_fn(marker);
        let html = page(std::array::from_fn(|i| markers[i].as_str())).into_string();
        let mut pieces = Vec::new();
        let mut rest = html.as_str();
        let mut seen = [false; N];
        loop {
            // The nearest marker of any hole.
            let next = markers
                .iter()
                .enumerate()
                .filter_map(|(hole, m)| rest.find(m.as_str()).map(|at| (at, hole)))
                .min();
            let Some((at, hole)) = next else {
                pieces.push(Piece::Text(rest.to_owned()));
                break;
            };
            pieces.push(Piece::Text(rest[..at].to_owned()));
            pieces.push(Piece::Hole(hole));
            seen[hole] = true;
            rest = &rest[at + markers[hole].len()..];
        }
        // Every hole was found, and no marker is left in another form (encoded for a URL, say),
        // where a visitor would have got the marker instead of their value.
        let leftover = pieces
            .iter()
            .any(|p| matches!(p, Piece::Text(text) if text.contains(random())));
        if !seen.iter().all(|s| *s) || leftover {
            return None;
        }
        let text_len = pieces
            .iter()
            .map(|p| match p {
                Piece::Text(text) => text.len(),
                Piece::Hole(_) => 0,
            })
            .sum();
        Some(Shell {
            path: path.to_owned(),
            pieces,
            text_len,
        })
    }

    /// The page with `values` in its holes, for a visitor of `path`; `None` for another path.
    pub fn fill(&self, path: &str, values: [&str; N]) -> Option<Markup> {
        if path != self.path {
            return None;
        }
        let escaped: [String; N] = std::array::from_fn(|i| {
            let mut out = String::with_capacity(values[i].len());
            // Writing to a String cannot fail.
            let _ = maud::Escaper::new(&mut out).write_str(values[i]);
            out
        });
        let holes: usize = self
            .pieces
            .iter()
            .map(|p| match p {
                Piece::Hole(hole) => escaped[*hole].len(),
                Piece::Text(_) => 0,
            })
            .sum();
        let mut html = String::with_capacity(self.text_len + holes);
        for piece in &self.pieces {
            match piece {
                Piece::Text(text) => html.push_str(text),
                Piece::Hole(hole) => html.push_str(&escaped[*hole]),
            }
        }
        Some(PreEscaped(html))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use maud::html;

    fn page(token: &str, key: &str) -> Markup {
        html! {
            p { "Hallo " (key) }
            form { input name="csrf_token" value=(token); input name="key" value=(key); }
        }
    }

    #[test]
    fn a_filled_shell_is_the_page_rendered_with_the_values() {
        let shell = Shell::render("/a", |[token, key]| page(token, key)).unwrap_or_else(|| {
            panic!("every hole has a marker");
        });
        for (token, key) in [("abc", "k1"), ("x\"<y>&", "plain"), ("", "")] {
            let filled = shell.fill("/a", [token, key]).map(Markup::into_string);
            assert_eq!(filled, Some(page(token, key).into_string()));
        }
    }

    #[test]
    fn another_path_gets_no_shell() {
        let shell = Shell::render("/a", |[token, key]| page(token, key));
        assert!(shell.is_some_and(|s| s.fill("/b", ["t", "k"]).is_none()));
    }

    #[test]
    fn a_page_with_a_value_in_another_form_too_gets_no_shell() {
        let shell = Shell::render("/a", |[token, key]| {
            html! { (page(token, key)) a href={ "/x?k=" (key.replace('\u{27e6}', "%E2%9F%A6")) } { "x" } }
        });
        assert!(shell.is_none());
    }

    #[test]
    fn a_page_without_one_of_the_holes_gets_no_shell() {
        let shell = Shell::render("/a", |[token, _key]| html! { p { (token) } });
        assert!(shell.is_none());
    }
}
