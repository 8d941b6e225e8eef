//! "Wat is er met mijn inbreng gedaan?" (the contributor's own page behind the trace link), the
//! receipt block with that link, and the unsubscribe page of the digest.

use super::{target_word, words};
use crate::ctx::Ctx;
use crate::i18n::traceability as texts;
use crate::views::layout;
use inspraak_domain::consultation::Question;
use inspraak_store::process::{Phase, Process, Theme};
use inspraak_store::traceability::Link;
use inspraak_store::traceability::contributions::{Detail, TargetInfo};
use maud::{Markup, html};

pub struct TracePage<'a> {
    pub process: &'a Process,
    pub detail: &'a Detail,
    pub questions: &'a [Question],
    pub themes: &'a [Theme],
    pub phase_now: Option<&'a Phase>,
    /// Links to published outcomes (href, title); empty while none is published.
    pub outcomes: &'a [(String, String)],
    /// Each link with what it points at and, for a public action point, its page.
    pub fed: &'a [(Link, TargetInfo, Option<String>)],
}

pub fn trace(ctx: &Ctx, view: &TracePage<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let c = ctx.content_lang();
    layout::page(
        ctx,
        t.trace_title,
        html! {
            h1.utrecht-heading-1 { (t.trace_title) }
            p { a href={ "/processen/" (view.process.slug) } { (crate::views::content::tr(&view.process.title, c)) } }
            p { (t.trace_intro) }
            section aria-labelledby="eigen-woorden" {
                h2.utrecht-heading-2 #eigen-woorden { (t.own_words) }
                (words(ctx, view.detail, view.questions, view.themes))
            }
            section aria-labelledby="fase" {
                h2.utrecht-heading-2 #fase { (t.phase_now) }
                @match view.phase_now {
                    Some(phase) => p.phase-now { strong { (crate::views::content::tr(&phase.name, c)) } " (" (ctx.lang.date(phase.dates.start())) " – " (ctx.lang.date(phase.dates.end())) ")" },
                    None => p { (t.no_phase) },
                }
            }
            section aria-labelledby="uitkomst" {
                h2.utrecht-heading-2 #uitkomst { (t.outcome_heading) }
                @if view.outcomes.is_empty() {
                    p { (t.outcome_not_yet) }
                } @else {
                    p { (t.outcome_published) }
                    ul { @for (href, title) in view.outcomes { li { a href=(href) lang=[c] { (title) } } } }
                }
            }
            section aria-labelledby="bijgedragen" {
                h2.utrecht-heading-2 #bijgedragen { (t.fed_heading) }
                @if view.fed.is_empty() {
                    p { (t.fed_none) }
                } @else {
                    ul.trace-list {
                        @for (link, info, href) in view.fed {
                            li.trace-item {
                                h3.utrecht-heading-3 {
                                    (target_word(ctx, link.target.kind())) ": "
                                    @match href { Some(href) => a href=(href) lang=[c] { (info.title) }, None => (crate::views::content::text(&info.title, c)) }
                                }
                                p lang=[c] { (link.explanation) }
                                @if matches!(link.target, inspraak_domain::traceability::Target::ActionPoint(_)) {
                                    @match &info.latest_update {
                                        Some((on, body)) => p.latest-update { strong { (t.latest_update) " (" (ctx.lang.date(*on)) "): " } (crate::views::content::text(body, c)) },
                                        None => p { (t.no_update) },
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// The block on a receipt with the personal trace link (shown once, right after sending).
pub fn receipt_link(ctx: &Ctx, href: &str) -> Markup {
    let t = texts::texts(ctx.lang);
    html! {
        section.trace-link aria-labelledby="volg-inbreng" {
            h2.utrecht-heading-2 #volg-inbreng { (t.receipt_link_heading) }
            p { a.trace-link__href href=(href) { (t.receipt_link_text) } }
            p { code { (href) } }
            p { (t.receipt_link_lost) }
        }
    }
}

pub fn message(ctx: &Ctx, title: &str, text: &str) -> Markup {
    layout::page(
        ctx,
        title,
        html! {
            h1.utrecht-heading-1 { (title) }
            p { (text) }
        },
    )
}

pub fn unsubscribe(ctx: &Ctx, action: &str) -> Markup {
    let t = texts::texts(ctx.lang);
    layout::page(
        ctx,
        t.unsubscribe_title,
        html! {
            h1.utrecht-heading-1 { (t.unsubscribe_title) }
            p { (t.unsubscribe_text) }
            form method="post" action=(action) {
                button.utrecht-button.utrecht-button--primary-action type="submit" { (t.unsubscribe_button) }
            }
        },
    )
}
