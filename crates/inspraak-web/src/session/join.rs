//! Sessions in the "Doe mee" block of a process page: those open for sign-up right now.

use crate::i18n::{Lang, fill, session as texts};
use crate::participation::{JoinItem, JoinKind};
use crate::views::session::{seats_text, when};
use chrono::{DateTime, Utc};
use inspraak_domain::session::SignupStatus;
use inspraak_store::session::AgendaEntry;

/// `upcoming`: the process's upcoming sessions (the process page has loaded them already).
pub fn open_items(lang: Lang, upcoming: &[AgendaEntry], now: DateTime<Utc>) -> Vec<JoinItem> {
    let t = texts::texts(lang);
    upcoming
        .iter()
        .filter(|e| e.session.signup_status(now) == SignupStatus::Open)
        .map(|e| JoinItem {
            kind: JoinKind::Session,
            title: fill(t.signup_title, &[]) + ": " + &e.session.title.main,
            content: Some(e.session.title.main.clone()),
            detail: Some(format!(
                "{} · {}",
                when(lang, &e.session),
                seats_text(lang, &e.session)
            )),
            href: Some(format!("/bijeenkomsten/{}", e.session.id)),
        })
        .collect()
}
