//! Views of online consultations: the public form and its receipt (`form`, `pages`), and the
//! organiser's builder and responses overview (`admin`, `responses`).

pub mod admin;
pub mod form;
pub mod pages;
pub mod responses;

use crate::i18n::consultation as texts;
pub use crate::i18n::window::{open_until, opening, period};

use crate::views::content;
use inspraak_domain::Translated;
use maud::Markup;

/// A catalogue sentence with a `{title}` (or other `name`) filled in by a translated text: the
/// page's version, marked when it stands in (see `content::pick`).
pub fn fill_translated(
    template: &str,
    name: &str,
    value: &Translated,
    lang: Option<&'static str>,
) -> Markup {
    let (value, lang) = content::pick(value, lang);
    content::fill_content(template, name, value, lang)
}
