//! The "Doe mee" block of a process page: everything a visitor can join right now. Each page
//! family that offers something to join (consultations, sessions, ideas) adds its open items in
//! `open_items`.

use crate::i18n::process as texts;
use crate::i18n::window::{open_until, opening};
use crate::i18n::{Lang, consultation as consultation_texts, fill, ideas as idea_texts};
use chrono::{DateTime, Utc};
use inspraak_domain::PhaseTiming;
use inspraak_domain::consultation::WindowState;
use inspraak_store::process::{Phase, Process};
use inspraak_store::session::AgendaEntry;
use inspraak_store::{ConnectionTrait, StoreResult, consultation};

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
    (lang, content_lang): (Lang, Option<&'static str>),
    process: &Process,
    phases: &[Phase],
    upcoming_sessions: &[AgendaEntry],
    now: DateTime<Utc>,
) -> StoreResult<Vec<JoinItem>> {
    let t = texts::texts(lang);
    let today = inspraak_domain::time::local_date(now);
    let mut items = Vec::new();
    // Families add their open items here (consultations, sessions, ideas).
    items.extend(consultation_items(conn, lang, process, now).await?);
    for phase in phases
        .iter()
        .filter(|p| p.dates.timing(today) == PhaseTiming::Now)
    {
        // The phase's name in the page's language; marked only when the main text stands in.
        let (name, stands_in) = phase.name.pick(content_lang.is_some());
        items.push(JoinItem {
            kind: JoinKind::Phase,
            title: fill(t.join_current_phase, &[("phase", name)]),
            content: stands_in.then(|| name.to_owned()),
            detail: Some(fill(
                t.join_until,
                &[("date", &lang.date(phase.dates.end()))],
            )),
            href: Some("#tijdlijn".into()),
        });
    }
    items.extend(crate::session::join::open_items(
        (lang, content_lang.is_some()),
        upcoming_sessions,
        now,
    ));
    items.extend(idea_items(conn, lang, process, phases, now).await?);
    Ok(items)
}

/// The consultation's line in a process's "Doe mee" block: while it is open, or before it opens.
async fn consultation_items(
    conn: &impl ConnectionTrait,
    lang: Lang,
    process: &Process,
    now: DateTime<Utc>,
) -> StoreResult<Vec<JoinItem>> {
    let t = consultation_texts::texts(lang);
    let Some(consultation) = consultation::admin::public_for_process(conn, process.id, now).await?
    else {
        return Ok(Vec::new());
    };
    let href = Some(format!("/processen/{}/consultatie", process.slug));
    Ok(match consultation.window.state(now) {
        WindowState::Open => vec![JoinItem {
            kind: JoinKind::Consultation,
            title: t.join_item.to_owned(),
            content: None,
            detail: Some(open_until(lang, &consultation.window)),
            href,
        }],
        WindowState::NotYetOpen => vec![JoinItem {
            kind: JoinKind::UpcomingConsultation,
            title: fill(
                t.join_upcoming,
                &[("date", &opening(lang, &consultation.window))],
            ),
            content: None,
            detail: None,
            href,
        }],
        WindowState::Closed => Vec::new(),
    })
}

/// The idea phase of a process when it runs at `now`.
pub async fn open_idea_phase(
    conn: &impl ConnectionTrait,
    process: &Process,
    phases: &[Phase],
    now: DateTime<Utc>,
) -> StoreResult<Option<Phase>> {
    let settings = inspraak_store::ideas::settings(conn, process.id).await?;
    let today = inspraak_domain::time::local_date(now);
    Ok(phases
        .iter()
        .find(|p| Some(p.id) == settings.phase && p.dates.timing(today) == PhaseTiming::Now)
        .cloned())
}

/// The "Doe mee" item while ideas can be sent in.
async fn idea_items(
    conn: &impl ConnectionTrait,
    lang: Lang,
    process: &Process,
    phases: &[Phase],
    now: DateTime<Utc>,
) -> StoreResult<Vec<JoinItem>> {
    let t = idea_texts::texts(lang);
    Ok(open_idea_phase(conn, process, phases, now)
        .await?
        .map(|phase| JoinItem {
            kind: JoinKind::Ideas,
            title: t.join_ideas.to_owned(),
            content: None,
            detail: Some(fill(
                t.join_ideas_until,
                &[("date", &lang.date(phase.dates.end()))],
            )),
            href: Some(format!("/processen/{}/ideeen/nieuw", process.slug)),
        })
        .into_iter()
        .collect())
}
