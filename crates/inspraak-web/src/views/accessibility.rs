//! The accessibility statement (toegankelijkheidsverklaring), in the structure of the Dutch
//! model statement: status, how it was checked, known problems, contact. The figures come from
//! the quality gates' last run (embedded at build time); contact and known problems are the
//! organiser's plain text.

use crate::ctx::Ctx;
use crate::i18n::{Lang, accessibility as texts, fill};
use crate::views::components::{FormErrors, Input, csrf_field, error_summary, textarea};
use crate::views::content::{paragraphs, tr_paragraphs};
use crate::views::layout::page;
use crate::views::translation_fields::translation_textarea;
use inspraak_domain::Translated;
use maud::{Markup, html};
use serde::Deserialize;

/// The summary `tests/browser/run.mjs` writes to `docs/quality-results.json`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct QualityResults {
    pub date: String,
    pub commit: String,
    pub standard: String,
    pub scope: String,
    pub pages_checked: u64,
    pub axe_violations: u64,
    pub vnu_documents: u64,
    pub vnu_errors: u64,
    pub flows_total: u64,
    pub flows_passed: u64,
    pub checks_total: u64,
    pub checks_failed: u64,
}

impl QualityResults {
    /// True when a real run stands behind the figures.
    pub fn checked(&self) -> bool {
        self.checks_total > 0
    }

    /// Problems the automatic checks found.
    pub fn problems(&self) -> u64 {
        self.axe_violations
            + self.vnu_errors
            + (self.flows_total - self.flows_passed.min(self.flows_total))
    }
}

pub enum Status {
    Full,
    Partial,
    Unknown,
}

pub fn status(results: &QualityResults, known_problems: &str) -> Status {
    if !results.checked() {
        Status::Unknown
    } else if results.checks_failed == 0
        && results.problems() == 0
        && known_problems.trim().is_empty()
    {
        Status::Full
    } else {
        Status::Partial
    }
}

/// "2026-12-01T03:12:09Z" → "1 december 2026"; the raw text when it is no date.
fn run_date(lang: Lang, raw: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(raw)
        .map(|d| {
            lang.date(inspraak_domain::time::local_date(
                d.with_timezone(&chrono::Utc),
            ))
        })
        .unwrap_or_else(|_| raw.to_owned())
}

pub struct Statement<'a> {
    pub results: &'a QualityResults,
    /// `None`: nobody wrote it, the default text shows.
    pub contact: Option<&'a Translated>,
    pub known_problems: Option<&'a Translated>,
    pub updated: Option<chrono::DateTime<chrono::Utc>>,
}

pub fn statement(ctx: &Ctx, s: &Statement<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let r = s.results;
    html! {
        (page(ctx, t.title, html! {
            h1.utrecht-heading-1 { (t.title) }
            p.utrecht-paragraph.utrecht-paragraph--lead { (t.intro) }
            section {
                h2.utrecht-heading-2 { (t.status_heading) }
                p.accessibility-status {
                    @match status(r, s.known_problems.map_or("", |k| k.main.as_str())) {
                        Status::Full => (t.status_full),
                        Status::Partial => (t.status_partial),
                        Status::Unknown => (t.status_unknown),
                    }
                }
            }
            section {
                h2.utrecht-heading-2 { (t.checked_heading) }
                @if r.checked() {
                    p { (fill(t.checked_intro, &[
                        ("date", &run_date(ctx.lang, &r.date)),
                        ("commit", &r.commit),
                        ("standard", &r.standard),
                    ])) }
                    div.table-wrapper {
                        table.utrecht-table.utrecht-table--html-table.data-table {
                            caption.visually-hidden { (t.checked_heading) }
                            thead { tr { th scope="col" { (t.col_check) } th scope="col" { (t.col_result) } } }
                            tbody {
                                tr { th scope="row" { (t.row_pages) } td.num #pages-checked { (r.pages_checked) } }
                                tr { th scope="row" { (t.row_axe) } td.num #axe-violations { (r.axe_violations) } }
                                tr { th scope="row" { (t.row_vnu) } td.num #vnu-errors { (r.vnu_errors) } }
                                @if r.flows_total > 0 {
                                    tr { th scope="row" { (t.row_flows) } td #flows { (fill(t.flows_result, &[("passed", &r.flows_passed.to_string()), ("total", &r.flows_total.to_string())])) } }
                                }
                            }
                        }
                    }
                }
                p { (t.checked_method) }
            }
            section {
                h2.utrecht-heading-2 { (t.problems_heading) }
                @if r.checked() {
                    @if r.problems() == 0 { p { (t.problems_none_found) } }
                    @else { p { (fill(t.problems_automatic, &[("count", &r.problems().to_string())])) } }
                }
                div.known-problems { @if let Some(problems) = s.known_problems { (tr_paragraphs(problems, ctx.content_lang())) } }
            }
            section {
                h2.utrecht-heading-2 { (t.contact_heading) }
                div.contact {
                    @match s.contact {
                        Some(contact) => (tr_paragraphs(contact, ctx.content_lang())),
                        None => (paragraphs(t.contact_default, None)),
                    }
                }
                p { a href=(crate::views::contact::PATH) { (crate::i18n::contact::texts(ctx.lang).statement_link) } }
            }
            @if let Some(updated) = s.updated {
                p.note { (t.updated) ": " (ctx.lang.date(inspraak_domain::time::local_date(updated))) }
            }
        }))
    }
}

pub struct EditForm {
    pub contact: String,
    pub contact_translation: String,
    pub known_problems: String,
    pub known_problems_translation: String,
    pub errors: FormErrors,
}

pub fn edit(ctx: &Ctx, form: &EditForm, saved: bool) -> Markup {
    let t = texts::texts(ctx.lang);
    super::admin_shell::admin_page(
        ctx,
        &[super::admin_shell::Crumb::new(
            t.admin_title,
            "/beheer/toegankelijkheid",
        )],
        None,
        t.admin_title,
        html! {
            (error_summary(ctx.lang, &form.errors))
            h1.utrecht-heading-1 { (t.admin_title) }
            @if saved { p.utrecht-alert.utrecht-alert--ok role="status" { (t.saved) " " a href="/toegankelijkheid" { (t.view_public) } } }
            p { (t.admin_intro) }
            form.form method="post" action="/beheer/toegankelijkheid" novalidate {
                (csrf_field(ctx))
                (textarea(ctx.lang, Input::text("contact", t.contact_label, &form.contact)
                    .hint(t.contact_hint).required().max_length(5_000).error(form.errors.get("contact")), 4))
                (translation_textarea(ctx, "contact", t.contact_label, &form.contact_translation, Some(5_000), 4, &form.errors))
                (textarea(ctx.lang, Input::text("known_problems", t.problems_label, &form.known_problems)
                    .hint(t.problems_hint).max_length(5_000).error(form.errors.get("known_problems")), 8))
                (translation_textarea(ctx, "known_problems", t.problems_label, &form.known_problems_translation, Some(5_000), 8, &form.errors))
                button.utrecht-button.utrecht-button--primary-action type="submit" { (t.save) }
            }
            p { a href="/toegankelijkheid" { (t.view_public) } }
        },
    )
}
