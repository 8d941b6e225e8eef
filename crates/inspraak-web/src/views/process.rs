//! Public pages: home, process, theme.

use super::content::{self, fill_content};
use super::layout::page;
use crate::ctx::Ctx;
use crate::i18n::{fill, process as texts};
use crate::participation::JoinItem;
use chrono::NaiveDate;
use inspraak_domain::PhaseTiming;
use inspraak_store::processes::{Phase, Process, Theme};
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
    let first_paragraph = process.summary.split("\n\n").next().unwrap_or_default();
    let c = ctx.content_lang();
    html! {
        li.card {
            h3.card__title { a href={ "/processen/" (process.slug) } lang=[c] { (process.title) } }
            @if process.status == inspraak_domain::ProcessStatus::Archived {
                p.badge { (t.archived_badge) }
            }
            p lang=[c] { (first_paragraph) }
        }
    }
}

pub fn home(ctx: &Ctx, current: &[Process], earlier: &[Process]) -> Markup {
    let t = texts::texts(ctx.lang);
    page(
        ctx,
        t.home_title,
        html! {
            h1 { (t.home_title) }
            p.lead { (t.home_intro) }
            section aria-labelledby="lopend" {
                h2 #lopend { (t.current_processes) }
                @if current.is_empty() { p { (t.no_current_processes) } }
                @else { ul.card-list { @for p in current { (process_card(ctx, p)) } } }
            }
            section aria-labelledby="eerder" {
                h2 #eerder { (t.earlier_processes) }
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
                    h3.timeline__name lang=[c] { (phase.name) }
                    p.timeline__status {
                        strong { (match timing { PhaseTiming::Now => t.phase_now, PhaseTiming::Past => t.phase_past, PhaseTiming::Upcoming => t.phase_upcoming }) }
                        " · "
                        (fill(t.phase_dates, &[("start", &ctx.lang.date(phase.dates.start())), ("end", &ctx.lang.date(phase.dates.end()))]))
                    }
                    @if let Some(description) = &phase.description { (content::paragraphs(description, c)) }
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
        &p.title,
        html! {
            h1 lang=[c] { (p.title) }
            @if p.status == inspraak_domain::ProcessStatus::Archived { p.badge { (t.archived_badge) } }
            (content::paragraphs(&p.summary, c))
            section.join-block aria-labelledby="doe-mee" {
                h2 #doe-mee { (t.join_title) }
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
            @if !view.phases.is_empty() {
                section aria-labelledby="tijdlijn" {
                    h2 #tijdlijn { (t.timeline) }
                    (timeline(ctx, view.phases, view.today))
                }
            }
            (view.extra)
            section aria-labelledby="themas" {
                h2 #themas { (t.themes) }
                @if view.themes.is_empty() { p { (t.no_themes) } }
                @else {
                    ul.card-list {
                        @for theme in view.themes {
                            li.card {
                                h3.card__title { a href={ "/processen/" (p.slug) "/themas/" (theme.slug) } lang=[c] { (theme.name) } }
                                @if let Some(d) = &theme.description { p lang=[c] { (d.split("\n\n").next().unwrap_or_default()) } }
                            }
                        }
                    }
                }
            }
        },
    )
}

pub fn theme(ctx: &Ctx, process: &Process, theme: &Theme, extra: Markup) -> Markup {
    let t = texts::texts(ctx.lang);
    let c = ctx.content_lang();
    page(
        ctx,
        &theme.name,
        html! {
            p.eyebrow { (fill_content(t.theme_of_process, "process", &process.title, c)) }
            h1 lang=[c] { (theme.name) }
            @if let Some(description) = &theme.description { (content::paragraphs(description, c)) }
            (extra)
            p { a href={ "/processen/" (process.slug) } { (fill_content(t.back_to_process, "process", &process.title, c)) } }
        },
    )
}
