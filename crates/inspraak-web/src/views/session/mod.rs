//! Views of sessions and events: public pages (`public`), the pages behind mailed links
//! (`links`), and organiser pages (`admin`, `admin_lists`).

pub mod admin;
pub mod admin_lists;
pub mod links;
pub mod public;

use crate::i18n::{Lang, fill, session as texts};
use crate::session::mailer::WebMailer;
use crate::views::content::{self, fill_content};
use inspraak_domain::session::{SeatsLeft, SessionKind};
use inspraak_store::session::Session;
use maud::{Markup, html};

pub fn kind_label(lang: Lang, kind: SessionKind) -> &'static str {
    let t = texts::texts(lang);
    match kind {
        SessionKind::ThinkAlong => t.kind_think_along,
        SessionKind::Event => t.kind_event,
    }
}

/// "nog 12 plaatsen", "nog 1 plaats", "vol — wachtlijst", no maximum, or "gaat niet door".
pub fn seats_text(lang: Lang, session: &Session) -> String {
    let t = texts::texts(lang);
    if session.is_cancelled() {
        return t.called_off.to_owned();
    }
    match session.seats_left() {
        SeatsLeft::Unlimited => t.unlimited.to_owned(),
        SeatsLeft::Some(1) => t.seats_left_one.to_owned(),
        SeatsLeft::Some(n) => fill(t.seats_left, &[("n", &n.to_string())]),
        SeatsLeft::Full => t.full_waitlist.to_owned(),
    }
}

/// "5 oktober 2026, 14:00 tot 16:00 uur".
pub fn when(lang: Lang, session: &Session) -> String {
    WebMailer::when(lang, session)
}

/// A session in a list: title (linked), kind, theme, time, place and seats. `c` is the
/// `lang` of organiser-written text (`Ctx::content_lang`).
pub fn card(
    lang: Lang,
    c: Option<&'static str>,
    session: &Session,
    theme: Option<&inspraak_domain::Translated>,
    past: bool,
) -> Markup {
    let t = texts::texts(lang);
    let (title, title_lang) = content::pick(&session.title, c);
    html! {
        li.card {
            p.eyebrow { (kind_label(lang, session.kind)) @if let Some(theme) = theme { " · " (content::fill_tr(t.theme_label, "theme", theme, c)) } }
            h3.utrecht-heading-3.card__title { a href={ "/bijeenkomsten/" (session.id) } lang=[title_lang] { (title) } }
            p { (when(lang, session)) }
            @if past {
                @if session.published_report().is_some() {
                    p { a href={ "/bijeenkomsten/" (session.id) "#verslag" } { (fill_content(t.read_report, "title", title, title_lang)) } }
                }
            } @else {
                p.seats { (seats_text(lang, session)) }
            }
        }
    }
}
