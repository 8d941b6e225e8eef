//! The small public pages around the form: not yet open, closed, receipt, erase my data.

use super::{opening, period, texts};
use crate::ctx::Ctx;
use crate::i18n::fill;
use crate::views::components::csrf_field;
use crate::views::content::fill_content;
use crate::views::layout::page;
use crate::views::process::paragraphs;
use inspraak_domain::consultation::{Question, QuestionKind, WindowState};
use inspraak_store::consultations::{Consultation, Receipt};
use inspraak_store::processes::Process;
use maud::{Markup, html};

fn back(ctx: &Ctx, process: &Process) -> Markup {
    let t = texts::texts(ctx.lang);
    let c = ctx.content_lang();
    html! { p { a href={ "/processen/" (process.slug) } { (fill_content(t.back_to_process, "process", &process.title, c)) } } }
}

/// The page instead of the form before opening or after closing. `typed` holds free texts a
/// person sent after closing, shown back so nothing they wrote is lost.
pub fn not_open(
    ctx: &Ctx,
    process: &Process,
    consultation: &Consultation,
    state: WindowState,
    typed: &[(String, String)],
) -> Markup {
    let t = texts::texts(ctx.lang);
    let title = match state {
        WindowState::NotYetOpen => t.not_yet_open_title,
        _ => t.closed_title,
    };
    let c = ctx.content_lang();
    page(
        ctx,
        title,
        html! {
            p.eyebrow lang=[c] { (consultation.title) }
            h1 { (title) }
            p.lead { (period(ctx.lang, &consultation.window)) }
            @match state {
                WindowState::NotYetOpen => p { (fill(t.not_yet_open_text, &[("start", &opening(ctx.lang, &consultation.window))])) },
                _ => p { (t.closed_text) },
            }
            @if !typed.is_empty() {
                p { (t.closed_typed) }
                dl {
                    @for (prompt, text) in typed { dt lang=[c] { (prompt) } dd { (paragraphs(text)) } }
                }
            }
            (back(ctx, process))
        },
    )
}

/// The free texts of a posted form, with their questions, to show back on the closed page.
pub fn typed_texts(questions: &[Question], values: &[(String, String)]) -> Vec<(String, String)> {
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
        &process.title,
        html! {
            h1 lang=[ctx.content_lang()] { (process.title) }
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
            h1 { (t.receipt_title) }
            p.notice role="status" { (fill_content(t.receipt_text, "title", &consultation.title, ctx.content_lang())) }
            h2 { (t.receipt_code) }
            p.lead { strong.receipt-code { (receipt.code) } }
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
            h1 { (t.erase_title) }
            @if done {
                p.notice role="status" { (t.erase_done) }
            } @else if known {
                p { (t.erase_text) }
                form.form method="post" action={ "/gegevens-wissen/" (token) } {
                    (csrf_field(ctx))
                    button.button.button--danger type="submit" { (t.erase_button) }
                }
            } @else {
                p { (t.erase_unknown) }
            }
        },
    )
}
