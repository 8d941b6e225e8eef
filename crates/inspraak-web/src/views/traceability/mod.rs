//! Traceability pages: the organiser's link page (`admin`), "Wat is er met mijn inbreng
//! gedaan?" and the unsubscribe page (`public`), and the "Ontstaan uit" block for action points.

pub mod admin;
pub mod public;

use crate::ctx::Ctx;
use crate::i18n::traceability::{self as texts, count};
use crate::views::consultation::responses::answer_text;
use inspraak_domain::consultation::{Answer, Question, QuestionKind};
use inspraak_domain::traceability::{ContributionKind, TargetKind};
use inspraak_store::process::Theme;
use inspraak_store::traceability::contributions::Detail;
use maud::{Markup, html};
use std::collections::BTreeMap;

pub fn kind_label(ctx: &Ctx, kind: ContributionKind) -> &'static str {
    let t = texts::texts(ctx.lang);
    match kind {
        ContributionKind::Response => t.kind_response,
        ContributionKind::Idea => t.kind_idea,
        ContributionKind::Comment => t.kind_comment,
        ContributionKind::SessionReport => t.kind_session_report,
    }
}

pub fn target_word(ctx: &Ctx, kind: TargetKind) -> &'static str {
    let t = texts::texts(ctx.lang);
    match kind {
        TargetKind::Thread => t.thread_word,
        TargetKind::ActionPoint => t.point_word,
    }
}

/// A contribution's own words (a response: every answered question; an idea: title and text).
pub fn words(ctx: &Ctx, detail: &Detail, questions: &[Question], themes: &[Theme]) -> Markup {
    let t = texts::texts(ctx.lang);
    match detail {
        Detail::Response(response) => html! {
            dl.answers {
                @for question in questions.iter().filter(|q| q.kind != QuestionKind::EmailUpdates) {
                    @let stored = response.answers.iter().find(|(q, _)| *q == question.id);
                    dt lang=[ctx.content_lang()] { (question.prompt.main) }
                    dd {
                        @match stored.and_then(|(_, s)| Answer::from_stored(question.kind, s)) {
                            Some(answer) => (answer_text(ctx.lang, question, themes, &answer)),
                            None => (t.not_answered),
                        }
                    }
                }
            }
        },
        Detail::Idea(idea) => html! {
            p { strong { (idea.title) } }
            p.pre-wrap { (idea.body) }
        },
        Detail::Comment(comment) => html! {
            p.pre-wrap { (comment.body) }
        },
        Detail::SessionReport(report) => html! {
            @let (title, title_lang) = crate::views::content::pick(&report.title, ctx.content_lang());
            p { strong lang=[title_lang] { (title) } " · " (ctx.lang.date_time(report.starts_at)) }
            // The report's light markup (headings, lists, links) rendered, never shown raw.
            @if report.published { @if let Some(text) = &report.report {
                @let (text, text_lang) = crate::views::content::pick(text, ctx.content_lang());
                (crate::views::content::block(crate::session::report_markup::render(text), text_lang))
            } }
        },
    }
}

/// Under "Ontstaan uit": "12 consultatiereacties, 3 ideeën, 2 sessies" and links to the public
/// items (public ideas, published session reports; responses are never shown one by one).
pub fn origin(
    ctx: &Ctx,
    counts: &BTreeMap<ContributionKind, u64>,
    public_items: &[(String, String)],
) -> Markup {
    let t = texts::texts(ctx.lang);
    let parts: Vec<String> = counts
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(kind, n)| {
            let words = match kind {
                ContributionKind::Response => t.count_responses,
                ContributionKind::Idea => t.count_ideas,
                ContributionKind::Comment => t.count_comments,
                ContributionKind::SessionReport => t.count_sessions,
            };
            count(*n, words)
        })
        .collect();
    html! {
        div.origin {
            @if parts.is_empty() {
                p { (t.origin_none) }
            } @else {
                p.origin__counts { (parts.join(", ")) }
                @if !public_items.is_empty() {
                    ul {
                        @for (href, label) in public_items { li { a href=(href) { (label) } } }
                    }
                }
            }
        }
    }
}
