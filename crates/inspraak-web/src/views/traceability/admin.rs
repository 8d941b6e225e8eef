//! The organiser's page for one contribution: its words, the form "Koppel aan rode draad /
//! actiepunt" (a select and a public explanation) and the existing links with "Ontkoppel".

use super::{kind_label, target_word, words};
use crate::ctx::Ctx;
use crate::i18n::traceability as texts;
use crate::views::admin_shell::{Crumb, InProcess, Section, admin_page};
use crate::views::components::{FormErrors, Input, csrf_field, error_summary, field_id, textarea};
use inspraak_domain::consultation::Question;
use inspraak_domain::traceability::{Contribution, Target};
use inspraak_store::ideas::action_points::ActionPoint;
use inspraak_store::outcomes::Thread;
use inspraak_store::process::{Process, Theme};
use inspraak_store::traceability::Link;
use inspraak_store::traceability::contributions::Detail;
use maud::{Markup, html};

pub struct LinkPage<'a> {
    pub contribution: Contribution,
    pub path: &'a str,
    pub back: &'a str,
    pub process: &'a Process,
    pub detail: &'a Detail,
    pub questions: &'a [Question],
    pub themes: &'a [Theme],
    /// Threads with their consultation's title.
    pub threads: &'a [(Thread, String)],
    pub points: &'a [ActionPoint],
    /// Each link with the title of what it points at.
    pub links: &'a [(Link, String)],
}

/// The link to this page, for the existing organiser pages; `context` names the contribution
/// for screen readers (several such links share a page).
pub fn link_action(ctx: &Ctx, href: &str, context: &str) -> Markup {
    let t = texts::texts(ctx.lang);
    html! { a.utrecht-button-link.utrecht-button-link--html-a.utrecht-button-link--secondary-action href=(href) { (t.link_action) span.visually-hidden { ": " (context) } } }
}

pub fn page(
    ctx: &Ctx,
    view: &LinkPage<'_>,
    errors: &FormErrors,
    target_value: &str,
    explanation: &str,
    notice: Option<&str>,
) -> Markup {
    let t = texts::texts(ctx.lang);
    let has_targets = !view.threads.is_empty() || !view.points.is_empty();
    let describedby = match errors.get("target") {
        Some(_) => format!("{0}-hint {0}-fout", field_id("target")),
        None => format!("{}-hint", field_id("target")),
    };
    let option = |target: Target, label: &str| {
        let value = target.to_value();
        html! { option value=(value) selected[value == target_value] { (label) } }
    };
    let section = match view.contribution {
        Contribution::Response(_) => Section::Consultations,
        Contribution::Idea(_) | Contribution::Comment(_) => Section::Ideas,
        Contribution::SessionReport(_) => Section::Sessions,
    };
    let p = view.process;
    admin_page(
        ctx,
        &[
            Crumb::new(section.label(ctx.lang), section.href(p.id)),
            Crumb::new(t.link_title, view.path),
        ],
        Some(InProcess::new(p.id, &p.title, section)),
        t.link_title,
        html! {
            p { a href=(view.back) { (t.back) } }
            h1.utrecht-heading-1 { (t.link_title) }
            p { (crate::views::content::tr(&view.process.title, ctx.content_lang())) " · " (kind_label(ctx, view.contribution.kind())) }
            (error_summary(ctx.lang, errors))
            @if let Some(notice) = notice { p.utrecht-alert.utrecht-alert--ok role="status" { (notice) } }
            section aria-labelledby="inbreng" {
                h2.utrecht-heading-2 #inbreng { (t.contribution_heading) }
                (words(ctx, view.detail, view.questions, view.themes))
            }
            section aria-labelledby="koppelingen" {
                h2.utrecht-heading-2 #koppelingen { (t.links_heading) }
                @if view.links.is_empty() {
                    p { (t.no_links) }
                } @else {
                    ul.link-list {
                        @for (link, title) in view.links {
                            li {
                                (target_word(ctx, link.target.kind())) ": " strong { (title) }
                                p { (link.explanation) }
                                form.inline-form method="post" action={ (view.path) "/ontkoppelen/" (link.id) } {
                                    (csrf_field(ctx))
                                    button.utrecht-button.utrecht-button--secondary-action type="submit" {
                                        (t.unlink_button) span.visually-hidden { ": " (title) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="koppelen" {
                h2.utrecht-heading-2 #koppelen { (t.link_action) }
                p { (t.link_intro) }
                @if has_targets {
                    form method="post" action={ (view.path) "/koppelen" } novalidate {
                        (csrf_field(ctx))
                        div.utrecht-form-field.utrecht-form-field--invalid[errors.get("target").is_some()] {
                            label.utrecht-form-label for=(field_id("target")) { (t.target_label) }
                            p.utrecht-form-field-description id={ (field_id("target")) "-hint" } { (t.target_hint) }
                            @if let Some(error) = errors.get("target") {
                                p.utrecht-form-field-error-message id={ (field_id("target")) "-fout" } { (error) }
                            }
                            select.utrecht-select.utrecht-select--html-select #(field_id("target")) name="target" required
                                aria-describedby=(describedby) aria-invalid=[errors.get("target").map(|_| "true")] {
                                option value="" { (t.target_choose) }
                                @if !view.threads.is_empty() {
                                    optgroup label=(t.threads_group) {
                                        @for (thread, consultation) in view.threads {
                                            (option(Target::Thread(thread.id), &format!("{} ({consultation})", thread.title.main)))
                                        }
                                    }
                                }
                                @if !view.points.is_empty() {
                                    optgroup label=(t.points_group) {
                                        @for point in view.points {
                                            (option(Target::ActionPoint(point.id), &point.title.main))
                                        }
                                    }
                                }
                            }
                        }
                        (textarea(ctx.lang, Input::text("explanation", t.explanation_label, explanation)
                            .hint(t.explanation_hint).error(errors.get("explanation")).required().max_length(500), 3))
                        button.utrecht-button.utrecht-button--primary-action type="submit" { (t.link_button) }
                    }
                } @else {
                    p { (t.no_targets) }
                }
            }
        },
    )
}
