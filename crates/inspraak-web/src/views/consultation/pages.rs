//! The small public pages around the form: not yet open, closed, receipt, erase my data.

use super::{fill_translated, opening, period, texts};
use crate::ctx::Ctx;
use crate::i18n::fill;
use crate::views::components::csrf_field;
use crate::views::content;
use crate::views::layout::page;
use crate::views::process::paragraphs;
use inspraak_domain::Translated;
use inspraak_domain::consultation::{Question, QuestionKind, WindowState};
use inspraak_store::consultation::{Consultation, Receipt};
use inspraak_store::process::Process;
use maud::{Markup, html};

fn back(ctx: &Ctx, process: &Process) -> Markup {
    let t = texts::texts(ctx.lang);
    let c = ctx.content_lang();
    html! { p { a href={ "/processen/" (process.slug) } { (crate::views::content::fill_tr(t.back_to_process, "process", &process.title, c)) } } }
}

/// What the page instead of the form shows.
pub struct NotOpen<'a> {
    pub process: &'a Process,
    pub consultation: &'a Consultation,
    pub state: WindowState,
    /// Free texts a person sent after closing, shown back so nothing they wrote is lost.
    pub typed: &'a [(Translated, String)],
    /// The page answers a form that was posted (not a visit): only then "not saved" is true.
    pub posted: bool,
    /// The consultation's outcome is public.
    pub outcome_published: bool,
}

/// The page instead of the form before opening or after closing. A closed one says what happens
/// next: a link to the published outcome, or that the organisers are working on it.
pub fn not_open(ctx: &Ctx, v: &NotOpen<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let ct = crate::i18n::citizen::texts(ctx.lang);
    let (process, consultation) = (v.process, v.consultation);
    let title = match v.state {
        WindowState::NotYetOpen => t.not_yet_open_title,
        _ => t.closed_title,
    };
    let c = ctx.content_lang();
    page(
        ctx,
        title,
        html! {
            p.eyebrow { (content::tr(&consultation.title, c)) }
            h1.utrecht-heading-1 { (title) }
            p.utrecht-paragraph.utrecht-paragraph--lead { (period(ctx.lang, &consultation.window)) }
            @match v.state {
                WindowState::NotYetOpen => p { (fill(t.not_yet_open_text, &[("start", &opening(ctx.lang, &consultation.window))])) },
                _ => {
                    p { (t.closed_text) }
                    @if v.posted { p.utrecht-alert.utrecht-alert--ok role="status" { (ct.closed_not_saved) } }
                },
            }
            @if !v.typed.is_empty() {
                p { (t.closed_typed) }
                dl {
                    @for (prompt, text) in v.typed { dt { (content::tr(prompt, c)) } dd { (paragraphs(text)) } }
                }
            }
            @if v.state == WindowState::Closed {
                section aria-labelledby="wat-nu" {
                    h2.utrecht-heading-2 #wat-nu { (ct.closed_next_title) }
                    @if v.outcome_published {
                        p { (ct.closed_outcome_published) }
                        p { a.utrecht-button-link.utrecht-button-link--html-a.utrecht-button-link--primary-action href={ "/processen/" (process.slug) "/uitkomsten/" (consultation.id) } {
                            (fill_translated(ct.read_outcome, "title", &consultation.title, c))
                        } }
                    } @else {
                        p { (ct.closed_outcome_pending) }
                        p { a href={ "/processen/" (process.slug) "/volgen" } { (ct.closed_follow) } }
                    }
                }
            }
            (back(ctx, process))
        },
    )
}

/// The free texts of a posted form, with their questions, to show back on the closed page.
pub fn typed_texts(
    questions: &[Question],
    values: &[(String, String)],
) -> Vec<(Translated, String)> {
    let mut typed = Vec::new();
    for question in questions {
        let field = question.field();
        let names = match question.kind {
            QuestionKind::ShortText | QuestionKind::LongText => vec![field],
            QuestionKind::YesNoWhy => vec![format!("{field}_why")],
            QuestionKind::PickThemes => vec![format!("{field}_other")],
            _ => Vec::new(),
        };
        for name in names {
            for (_, value) in values
                .iter()
                .filter(|(k, v)| *k == name && !v.trim().is_empty())
            {
                typed.push((question.prompt.clone(), value.clone()));
            }
        }
    }
    typed
}

/// The page of a process without a consultation to show.
pub fn none(ctx: &Ctx, process: &Process) -> Markup {
    let t = texts::texts(ctx.lang);
    page(
        ctx,
        crate::views::content::pick(&process.title, ctx.content_lang()).0,
        html! {
            h1.utrecht-heading-1 { (crate::views::content::tr(&process.title, ctx.content_lang())) }
            p { (t.no_consultation) }
            (back(ctx, process))
        },
    )
}

pub fn receipt(
    ctx: &Ctx,
    process: &Process,
    consultation: &Consultation,
    receipt: &Receipt,
    trace_href: Option<&str>,
) -> Markup {
    let t = texts::texts(ctx.lang);
    page(
        ctx,
        t.receipt_title,
        html! {
            h1.utrecht-heading-1 { (t.receipt_title) }
            p.utrecht-alert.utrecht-alert--ok role="status" { (fill_translated(t.receipt_text, "title", &consultation.title, ctx.content_lang())) }
            h2.utrecht-heading-2 { (t.receipt_code) }
            p.utrecht-paragraph.utrecht-paragraph--lead { strong.receipt-code { (receipt.code) } }
            p { (t.receipt_keep) }
            p { (fill(t.receipt_time, &[("time", &ctx.lang.date_time(receipt.submitted_at))])) }
            @if let Some(href) = trace_href { (crate::views::traceability::public::receipt_link(ctx, href)) }
            (back(ctx, process))
        },
    )
}

/// "Erase my data": a confirmation with a button (a GET never erases: mail scanners follow
/// links), or the outcome.
pub fn erase(ctx: &Ctx, token: &str, known: bool, done: bool) -> Markup {
    let t = texts::texts(ctx.lang);
    page(
        ctx,
        t.erase_title,
        html! {
            h1.utrecht-heading-1 { (t.erase_title) }
            @if done {
                p.utrecht-alert.utrecht-alert--ok role="status" { (t.erase_done) }
            } @else if known {
                p { (t.erase_text) }
                form.form method="post" action={ "/gegevens-wissen/" (token) } {
                    (csrf_field(ctx))
                    button.utrecht-button.utrecht-button--secondary-action.utrecht-button--danger type="submit" { (t.erase_button) }
                }
            } @else {
                p { (t.erase_unknown) }
            }
        },
    )
}
