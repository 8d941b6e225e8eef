//! The "Doe mee" block of a process page: everything a visitor can join right now. Each page
//! family that offers something to join (consultations, sessions, ideas) adds its open items in
//! `open_items`.

use crate::i18n::{Lang, fill, process as texts};
use chrono::{DateTime, Utc};
use inspraak_domain::PhaseTiming;
use inspraak_store::processes::{Phase, Process};
use inspraak_store::sessions::AgendaEntry;
use inspraak_store::{ConnectionTrait, StoreResult};

/// What kind of thing a `JoinItem` is, so the home page can give each its one button.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinKind {
    /// A consultation open for responses now.
    Consultation,
    /// A consultation that opens later.
    UpcomingConsultation,
    /// The phase the process is in.
    Phase,
    /// A session open for sign-up.
    Session,
    /// Ideas can be sent in.
    Ideas,
}

/// One thing to join, as shown in the block.
#[derive(Debug, Clone)]
pub struct JoinItem {
    pub kind: JoinKind,
    pub title: String,
    /// The part of `title` an organiser wrote (a phase or session name), which the page marks
    /// with the content language (`views::content::within`).
    pub content: Option<String>,
    pub detail: Option<String>,
    pub href: Option<String>,
}

/// What is open to join in a process at `now`.
pub async fn open_items(
    conn: &impl ConnectionTrait,
    lang: Lang,
    process: &Process,
    phases: &[Phase],
    upcoming_sessions: &[AgendaEntry],
    now: DateTime<Utc>,
) -> StoreResult<Vec<JoinItem>> {
    let t = texts::texts(lang);
    let today = inspraak_domain::time::local_date(now);
    let mut items = Vec::new();
    // Families add their open items here (consultations, sessions, ideas).
    items.extend(crate::routes::consultation::join_items(conn, lang, process, now).await?);
    for phase in phases
        .iter()
        .filter(|p| p.dates.timing(today) == PhaseTiming::Now)
    {
        items.push(JoinItem {
            kind: JoinKind::Phase,
            title: fill(t.join_current_phase, &[("phase", &phase.name)]),
            content: Some(phase.name.clone()),
            detail: Some(fill(
                t.join_until,
                &[("date", &lang.date(phase.dates.end()))],
            )),
            href: Some("#tijdlijn".into()),
        });
    }
    items.extend(crate::sessions::join::open_items(
        lang,
        upcoming_sessions,
        now,
    ));
    items.extend(crate::routes::ideas::join_items(conn, lang, process, phases, now).await?);
    Ok(items)
}
