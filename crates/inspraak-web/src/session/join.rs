//! Sessions in the "Doe mee" block of a process page: those open for sign-up right now.

use crate::i18n::{Lang, fill, session as texts};
use crate::participation::{JoinItem, JoinKind};
use crate::views::session::{seats_text, when};
use chrono::{DateTime, Utc};
use inspraak_domain::session::SignupStatus;
use inspraak_store::session::AgendaEntry;

/// `upcoming`: the process's upcoming sessions (the process page has loaded them already).
/// `other`: the page is in the language other than the content language (`ctx.content_lang()`
/// is `Some`), so a session's translated title is shown, or its main title marked.
pub fn open_items(
    (lang, other): (Lang, bool),
    upcoming: &[AgendaEntry],
    now: DateTime<Utc>,
) -> Vec<JoinItem> {
    let t = texts::texts(lang);
    upcoming
        .iter()
        .filter(|e| e.session.signup_status(now) == SignupStatus::Open)
        .map(|e| {
            let (title, stands_in) = e.session.title.pick(other);
            JoinItem {
                kind: JoinKind::Session,
                title: fill(t.signup_title, &[]) + ": " + title,
                content: stands_in.then(|| title.to_owned()),
                detail: Some(format!(
                    "{} · {}",
                    when(lang, &e.session),
                    seats_text(lang, &e.session)
                )),
                href: Some(format!("/bijeenkomsten/{}", e.session.id)),
            }
        })
        .collect()
}
