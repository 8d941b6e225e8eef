//! Public pages: home, process, theme.

use super::content;
use super::layout::page;
use crate::ctx::Ctx;
use crate::i18n::{citizen, fill, process as texts};
use crate::participation::{JoinItem, JoinKind};
use chrono::NaiveDate;
use inspraak_domain::PhaseTiming;
use inspraak_store::process::{Phase, Process, Theme};
use maud::{Markup, html};

/// Paragraphs of plain text: blank lines separate paragraphs. Escaped like everything else.
pub fn paragraphs(text: &str) -> Markup {
    html! {
        @for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            p { (paragraph) }
        }
    }
}

fn process_card(ctx: &Ctx, process: &Process) -> Markup {
    let t = texts::texts(ctx.lang);
    let c = ctx.content_lang();
    let (summary, summary_lang) = content::pick(&process.summary, c);
    let first_paragraph = summary.split("\n\n").next().unwrap_or_default();
    html! {
        li.card {
            h3.utrecht-heading-3.card__title { a href={ "/processen/" (process.slug) } lang=[content::pick(&process.title, c).1] { (content::pick(&process.title, c).0) } }
            @if process.status == inspraak_domain::ProcessStatus::Archived {
                p { span.utrecht-status-badge.utrecht-status-badge--inactive { (t.archived_badge) } }
            }
            p lang=[summary_lang] { (first_paragraph) }
        }
    }
}

/// A current process with what is open in it now (its "Doe mee" items).
pub struct OpenProcess<'a> {
    pub process: &'a Process,
    pub items: Vec<JoinItem>,
}

/// The one button of an open item on the home page, or `None` for what is not open to join now
/// (a consultation that opens later, the current phase).
fn open_button(ctx: &Ctx, item: &JoinItem) -> Option<&'static str> {
    let t = citizen::texts(ctx.lang);
    match item.kind {
        JoinKind::Consultation => Some(t.button_consultation),
        JoinKind::Session => Some(t.button_signup),
        JoinKind::Ideas => Some(t.button_idea),
        JoinKind::UpcomingConsultation | JoinKind::Phase => None,
    }
}

/// "Nu open": per current process, each open thing with one clear button, and following.
fn open_now(ctx: &Ctx, open: &[OpenProcess<'_>]) -> Markup {
    let t = citizen::texts(ctx.lang);
    let c = ctx.content_lang();
    let any_open = open
        .iter()
        .any(|o| o.items.iter().any(|i| open_button(ctx, i).is_some()));
    html! {
        section.open-now aria-labelledby="nu-open" {
            h2.utrecht-heading-2 #nu-open { (t.open_now_title) }
            @if any_open { p { (t.open_now_intro) } } @else { p { (t.open_now_nothing) } }
            @for o in open {
                @let slug = &o.process.slug;
                div.open-now__process {
                    h3.utrecht-heading-3 { a href={ "/processen/" (slug) } lang=[content::pick(&o.process.title, c).1] { (content::pick(&o.process.title, c).0) } }
                    ul.open-list {
                        @for item in &o.items {
                            @if let (Some(button), Some(href)) = (open_button(ctx, item), &item.href) {
                                li.open-list__item {
                                    // A session is named by itself: its button already says "Meld je aan".
                                    @let title = match (&item.content, item.kind) { (Some(name), JoinKind::Session) => content::text(name, c), (Some(part), _) => content::within(&item.title, part, c), (None, _) => html! { (item.title) } };
                                    p.open-list__title { strong { (title) } }
                                    @if let Some(detail) = &item.detail { p.open-list__detail { (detail) } }
                                    a.utrecht-button-link.utrecht-button-link--html-a.utrecht-button-link--primary-action href=(href) {
                                        (button)
                                        // The button's name says what it is for: the session, else the process.
                                        span.visually-hidden { ": " @if let Some(name) = &item.content { (content::text(name, c)) } @else { (content::tr(&o.process.title, c)) } }
                                    }
                                }
                            }
                        }
                        li.open-list__item {
                            p.open-list__detail { (t.follow_intro) }
                            a.utrecht-button-link.utrecht-button-link--html-a.utrecht-button-link--secondary-action href={ "/processen/" (slug) "/volgen" } {
                                (t.button_follow)
                                span.visually-hidden { ": " (content::tr(&o.process.title, c)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

pub fn home(
    ctx: &Ctx,
    open: &[OpenProcess<'_>],
    current: &[Process],
    earlier: &[Process],
) -> Markup {
    let t = texts::texts(ctx.lang);
    page(
        ctx,
        t.home_title,
        html! {
            h1.utrecht-heading-1 { (t.home_title) }
            p.utrecht-paragraph.utrecht-paragraph--lead { (t.home_intro) }
            (open_now(ctx, open))
            section aria-labelledby="lopend" {
                h2.utrecht-heading-2 #lopend { (t.current_processes) }
                @if current.is_empty() { p { (t.no_current_processes) } }
                @else { ul.card-list { @for p in current { (process_card(ctx, p)) } } }
            }
            section aria-labelledby="eerder" {
                h2.utrecht-heading-2 #eerder { (t.earlier_processes) }
                @if earlier.is_empty() { p { (t.no_earlier_processes) } }
                @else { ul.card-list { @for p in earlier { (process_card(ctx, p)) } } }
            }
        },
    )
}

pub struct ProcessPage<'a> {
    pub process: &'a Process,
    pub phases: &'a [Phase],
    pub themes: &'a [Theme],
    pub join: &'a [JoinItem],
    pub today: NaiveDate,
    /// What happened with the input: outcomes, action plan, latest news (`process_results`).
    pub results: Markup,
    /// What page families show on a process page (sessions and their reports, …).
    pub extra: Markup,
}

fn timeline(ctx: &Ctx, phases: &[Phase], today: NaiveDate) -> Markup {
    let t = texts::texts(ctx.lang);
    let c = ctx.content_lang();
    html! {
        ol.timeline {
            @for phase in phases {
                @let timing = phase.dates.timing(today);
                @let class = match timing { PhaseTiming::Now => "timeline__item timeline__item--now", PhaseTiming::Past => "timeline__item timeline__item--past", PhaseTiming::Upcoming => "timeline__item" };
                li class=(class) aria-current=[(timing == PhaseTiming::Now).then_some("step")] {
                    h3.utrecht-heading-3.timeline__name lang=[content::pick(&phase.name, c).1] { (content::pick(&phase.name, c).0) }
                    p.timeline__status {
                        strong { (match timing { PhaseTiming::Now => t.phase_now, PhaseTiming::Past => t.phase_past, PhaseTiming::Upcoming => t.phase_upcoming }) }
                        " · "
                        (fill(t.phase_dates, &[("start", &ctx.lang.date(phase.dates.start())), ("end", &ctx.lang.date(phase.dates.end()))]))
                    }
                    @if let Some(description) = &phase.description { (content::tr_paragraphs(description, c)) }
                }
            }
        }
    }
}

pub fn process(ctx: &Ctx, view: ProcessPage<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let p = view.process;
    let c = ctx.content_lang();
    page(
        ctx,
        content::pick(&p.title, c).0,
        html! {
            h1.utrecht-heading-1 lang=[content::pick(&p.title, c).1] { (content::pick(&p.title, c).0) }
            @if p.status == inspraak_domain::ProcessStatus::Archived { p { span.utrecht-status-badge.utrecht-status-badge--inactive { (t.archived_badge) } } }
            (content::tr_paragraphs(&p.summary, c))
            section.join-block aria-labelledby="doe-mee" {
                h2.utrecht-heading-2 #doe-mee { (t.join_title) }
                @if view.join.is_empty() {
                    p { (t.join_nothing_open) }
                } @else {
                    p { (t.join_intro) }
                    ul.join-list {
                        @for item in view.join {
                            li {
                                @let title = match &item.content { Some(part) => content::within(&item.title, part, c), None => html! { (item.title) } };
                                @if let Some(href) = &item.href { a href=(href) { (title) } } @else { strong { (title) } }
                                @if let Some(detail) = &item.detail { " " span.join-list__detail { (detail) } }
                            }
                        }
                    }
                }
            }
            (view.results)
            @if !view.phases.is_empty() {
                section aria-labelledby="tijdlijn" {
                    h2.utrecht-heading-2 #tijdlijn { (t.timeline) }
                    (timeline(ctx, view.phases, view.today))
                }
            }
            (view.extra)
            section aria-labelledby="themas" {
                h2.utrecht-heading-2 #themas { (t.themes) }
                @if view.themes.is_empty() { p { (t.no_themes) } }
                @else {
                    ul.card-list {
                        @for theme in view.themes {
                            li.card {
                                h3.utrecht-heading-3.card__title { a href={ "/processen/" (p.slug) "/themas/" (theme.slug) } lang=[content::pick(&theme.name, c).1] { (content::pick(&theme.name, c).0) } }
                                @if let Some(d) = &theme.description { @let (d, d_lang) = content::pick(d, c); p lang=[d_lang] { (d.split("\n\n").next().unwrap_or_default()) } }
                            }
                        }
                    }
                }
            }
        },
    )
}
