//! Organiser pages for processes, their phases and themes.

use super::admin_shell::{Crumb, InProcess, Section, admin_page};
use super::components::{FormErrors, Input, csrf_field, error_summary, input, textarea};
use crate::ctx::Ctx;
use crate::i18n::{Lang, admin as texts, common, fill};
use inspraak_domain::{ProcessStatus, Translated};
use inspraak_store::process::{Phase, Process, Theme};
use maud::{Markup, html};

pub fn status_label(lang: Lang, status: ProcessStatus) -> &'static str {
    let t = texts::texts(lang);
    match status {
        ProcessStatus::Draft => t.status_draft,
        ProcessStatus::Published => t.status_published,
        ProcessStatus::Archived => t.status_archived,
    }
}

/// The status badge's modifier: a public, current process stands out; a draft or an archived one
/// does not.
pub fn status_badge(status: ProcessStatus) -> &'static str {
    match status {
        ProcessStatus::Draft => "utrecht-status-badge--neutral",
        ProcessStatus::Published => "utrecht-status-badge--success",
        ProcessStatus::Archived => "utrecht-status-badge--inactive",
    }
}

/// Raw values of the process form, kept as typed.
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct ProcessForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub title_translation: String,
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub summary_translation: String,
}

impl ProcessForm {
    /// The form as the stored process fills it.
    pub fn of(process: &Process) -> Self {
        ProcessForm {
            title: process.title.main.clone(),
            title_translation: process.title.translation.clone().unwrap_or_default(),
            slug: process.slug.clone(),
            summary: process.summary.main.clone(),
            summary_translation: process.summary.translation.clone().unwrap_or_default(),
        }
    }
}

#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct PhaseForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub name_translation: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub description_translation: String,
    #[serde(default)]
    pub starts_on: String,
    #[serde(default)]
    pub ends_on: String,
}

#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct ThemeForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub name_translation: String,
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub description_translation: String,
}

/// The main text and translation of a stored optional text, as a form shows them.
fn optional_fields(value: &Option<Translated>) -> (String, String) {
    value
        .as_ref()
        .map(|v| (v.main.clone(), v.translation.clone().unwrap_or_default()))
        .unwrap_or_default()
}

impl PhaseForm {
    pub fn of(phase: &Phase) -> Self {
        let (description, description_translation) = optional_fields(&phase.description);
        PhaseForm {
            name: phase.name.main.clone(),
            name_translation: phase.name.translation.clone().unwrap_or_default(),
            description,
            description_translation,
            starts_on: phase.dates.start().to_string(),
            ends_on: phase.dates.end().to_string(),
        }
    }
}

impl ThemeForm {
    pub fn of(theme: &Theme) -> Self {
        let (description, description_translation) = optional_fields(&theme.description);
        ThemeForm {
            name: theme.name.main.clone(),
            name_translation: theme.name.translation.clone().unwrap_or_default(),
            slug: theme.slug.clone(),
            description,
            description_translation,
        }
    }
}

/// The label of a field, or of its translation (`<field>_translation`).
fn label_or_translation(ctx: &Ctx, field: &str, label: impl Fn(&str) -> &'static str) -> String {
    match field.strip_suffix("_translation") {
        Some(main) => super::translations::label(ctx, label(main)),
        None => label(field).to_owned(),
    }
}

pub fn process_label(ctx: &Ctx, field: &str) -> String {
    let t = texts::texts(ctx.lang);
    label_or_translation(ctx, field, |f| match f {
        "title" => t.process_title,
        "slug" => t.process_slug,
        _ => t.process_summary,
    })
}

pub fn phase_label(ctx: &Ctx, field: &str) -> String {
    let t = texts::texts(ctx.lang);
    label_or_translation(ctx, field, |f| match f {
        "name" => t.phase_name,
        "description" => t.phase_description,
        "starts_on" => t.phase_starts_on,
        _ => t.phase_ends_on,
    })
}

pub fn theme_label(ctx: &Ctx, field: &str) -> String {
    let t = texts::texts(ctx.lang);
    label_or_translation(ctx, field, |f| match f {
        "name" => t.theme_name,
        "slug" => t.theme_slug,
        _ => t.theme_description,
    })
}

fn process_fields(ctx: &Ctx, form: &ProcessForm, errors: &FormErrors) -> Markup {
    let t = texts::texts(ctx.lang);
    let (title_tr, summary_tr) = (
        process_label(ctx, "title_translation"),
        process_label(ctx, "summary_translation"),
    );
    let hint = super::translations::hint(ctx);
    html! {
        div.field-row {
            (input(ctx.lang, Input::text("title", t.process_title, &form.title).required().max_length(200).error(errors.get("title"))))
            (input(ctx.lang, Input::text("title_translation", &title_tr, &form.title_translation).max_length(200).hint(&hint).error(errors.get("title_translation"))))
        }
        (input(ctx.lang, Input::text("slug", t.process_slug, &form.slug).hint(t.process_slug_hint).error(errors.get("slug"))))
        div.field-row {
            (textarea(ctx.lang, Input::text("summary", t.process_summary, &form.summary).required().error(errors.get("summary")), 6))
            (textarea(ctx.lang, Input::text("summary_translation", &summary_tr, &form.summary_translation).hint(&hint).error(errors.get("summary_translation")), 6))
        }
    }
}

pub fn new_process(ctx: &Ctx, form: &ProcessForm, errors: &FormErrors) -> Markup {
    let t = texts::texts(ctx.lang);
    admin_page(
        ctx,
        &[Crumb::new(t.new_process, "/beheer/processen/nieuw")],
        None,
        t.new_process,
        html! {
            h1.utrecht-heading-1 { (t.new_process) }
            (error_summary(ctx.lang, errors))
            form.form method="post" action="/beheer/processen/nieuw" novalidate {
                (csrf_field(ctx))
                (process_fields(ctx, form, errors))
                button.utrecht-button.utrecht-button--primary-action type="submit" { (t.create_process) }
            }
        },
    )
}

/// Which form on the edit page failed, with what was typed, to show it again.
pub enum Failed {
    None,
    Details(ProcessForm),
    NewPhase(PhaseForm),
    Phase(i64, PhaseForm),
    NewTheme(ThemeForm),
    Theme(i64, ThemeForm),
}

pub struct EditPage<'a> {
    pub process: &'a Process,
    pub phases: &'a [Phase],
    pub themes: &'a [Theme],
    /// Texts of the process that still lack a translation.
    pub missing: &'a [inspraak_store::translations::Missing],
    pub attention: &'a inspraak_store::dashboard::Dashboard,
    pub failed: Failed,
    pub errors: FormErrors,
    pub notice: Option<&'a str>,
}

fn phase_fields(ctx: &Ctx, prefix: &str, form: &PhaseForm, errors: &FormErrors) -> Markup {
    let t = texts::texts(ctx.lang);
    let err = |f: &str| errors.get(&format!("{prefix}{f}")).map(str::to_owned);
    let (e_name, e_desc, e_start, e_end) = (
        err("name"),
        err("description"),
        err("starts_on"),
        err("ends_on"),
    );
    let (e_name_tr, e_desc_tr) = (err("name_translation"), err("description_translation"));
    let (name_tr, desc_tr) = (
        phase_label(ctx, "name_translation"),
        phase_label(ctx, "description_translation"),
    );
    let hint = super::translations::hint(ctx);
    html! {
        div.field-row {
            (input(ctx.lang, Input::text("name", t.phase_name, &form.name).id_prefix(prefix).required().error(e_name.as_deref())))
            (input(ctx.lang, Input::text("name_translation", &name_tr, &form.name_translation).id_prefix(prefix).hint(&hint).error(e_name_tr.as_deref())))
        }
        div.field-row {
            (textarea(ctx.lang, Input::text("description", t.phase_description, &form.description).id_prefix(prefix).error(e_desc.as_deref()), 3))
            (textarea(ctx.lang, Input::text("description_translation", &desc_tr, &form.description_translation).id_prefix(prefix).hint(&hint).error(e_desc_tr.as_deref()), 3))
        }
        div.field-row {
            (input(ctx.lang, Input::text("starts_on", t.phase_starts_on, &form.starts_on).id_prefix(prefix).kind("date").required().error(e_start.as_deref())))
            (input(ctx.lang, Input::text("ends_on", t.phase_ends_on, &form.ends_on).id_prefix(prefix).kind("date").required().error(e_end.as_deref())))
        }
    }
}

fn theme_fields(ctx: &Ctx, prefix: &str, form: &ThemeForm, errors: &FormErrors) -> Markup {
    let t = texts::texts(ctx.lang);
    let err = |f: &str| errors.get(&format!("{prefix}{f}")).map(str::to_owned);
    let (e_name, e_slug, e_desc) = (err("name"), err("slug"), err("description"));
    let (e_name_tr, e_desc_tr) = (err("name_translation"), err("description_translation"));
    let (name_tr, desc_tr) = (
        theme_label(ctx, "name_translation"),
        theme_label(ctx, "description_translation"),
    );
    let hint = super::translations::hint(ctx);
    html! {
        div.field-row {
            (input(ctx.lang, Input::text("name", t.theme_name, &form.name).id_prefix(prefix).required().error(e_name.as_deref())))
            (input(ctx.lang, Input::text("name_translation", &name_tr, &form.name_translation).id_prefix(prefix).hint(&hint).error(e_name_tr.as_deref())))
        }
        (input(ctx.lang, Input::text("slug", t.theme_slug, &form.slug).id_prefix(prefix).hint(t.theme_slug_hint).error(e_slug.as_deref())))
        div.field-row {
            (textarea(ctx.lang, Input::text("description", t.theme_description, &form.description).id_prefix(prefix).error(e_desc.as_deref()), 3))
            (textarea(ctx.lang, Input::text("description_translation", &desc_tr, &form.description_translation).id_prefix(prefix).hint(&hint).error(e_desc_tr.as_deref()), 3))
        }
    }
}

pub fn edit_process(ctx: &Ctx, view: EditPage<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let c = common::texts(ctx.lang);
    let p = view.process;
    let base = format!("/beheer/processen/{}", p.id);
    let details = match &view.failed {
        Failed::Details(form) => form.clone(),
        _ => ProcessForm::of(p),
    };
    let new_phase = match &view.failed {
        Failed::NewPhase(form) => form.clone(),
        _ => PhaseForm::default(),
    };
    let new_theme = match &view.failed {
        Failed::NewTheme(form) => form.clone(),
        _ => ThemeForm::default(),
    };
    let w = crate::i18n::workspace::texts(ctx.lang);
    admin_page(
        ctx,
        &[],
        Some(InProcess::new(p.id, &p.title, Section::Overview)),
        super::content::pick(&p.title, ctx.content_lang()).0,
        html! {
            p.eyebrow { (t.edit_process_title) }
            h1.utrecht-heading-1 { (super::content::tr(&p.title, ctx.content_lang())) }
            @if let Some(notice) = view.notice { p.utrecht-alert.utrecht-alert--ok role="status" { (notice) } }
            (error_summary(ctx.lang, &view.errors))
            (super::workspace::process_attention(ctx, view.attention, p))
            (super::translations::status(ctx, p.id.0, view.missing))
            nav.on-this-page aria-label=(w.on_this_page) {
                ul.part-links {
                    li { a href="#publicatie" { (t.status_heading) } }
                    li { a href="#gegevens" { (t.details) } }
                    li { a href="#fasen" { (t.phases) } }
                    li { a href="#themas" { (t.themes) } }
                    li { a href="#vertaling" { (crate::i18n::translations::texts(ctx.lang).heading) } }
                }
            }

            section aria-labelledby="publicatie" {
                h2.utrecht-heading-2 #publicatie { (t.status_heading) }
                p { (fill(t.status_now, &[("status", status_label(ctx.lang, p.status))])) }
                div.button-row {
                    @for (status, label) in [(ProcessStatus::Published, t.publish), (ProcessStatus::Draft, t.unpublish), (ProcessStatus::Archived, t.archive)] {
                        @if status != p.status {
                            form.inline-form method="post" action={ (base) "/status" } {
                                (csrf_field(ctx))
                                input type="hidden" name="status" value=(status.as_str());
                                button.utrecht-button.utrecht-button--secondary-action type="submit" { (label) }
                            }
                        }
                    }
                    @if p.status.is_public() { a href={ "/processen/" (p.slug) } { (t.view_public) } }
                }
                (super::consultation::admin::process_link(ctx, p))
                (super::publications::admin::process_link(ctx, p))
                (super::evaluation::admin_block(ctx, p))
            }

            section aria-labelledby="gegevens" {
                h2.utrecht-heading-2 #gegevens { (t.details) }
                form.form method="post" action=(base) novalidate {
                    (csrf_field(ctx))
                    (process_fields(ctx, &details, &view.errors))
                    button.utrecht-button.utrecht-button--primary-action type="submit" { (c.save) }
                }
            }

            section aria-labelledby="fasen" {
                h2.utrecht-heading-2 #fasen { (t.phases) }
                @if view.phases.is_empty() { p { (t.no_phases) } }
                @for phase in view.phases {
                    @let prefix = format!("fase-{}-", phase.id);
                    @let (form, open) = match &view.failed {
                        Failed::Phase(id, form) if *id == phase.id.0 => (form.clone(), true),
                        _ => (PhaseForm::of(phase), false),
                    };
                    details.item-editor open[open] {
                        summary { (super::content::tr(&phase.name, ctx.content_lang())) " · " (ctx.lang.date(phase.dates.start())) " – " (ctx.lang.date(phase.dates.end())) }
                        form.form method="post" action={ (base) "/fasen/" (phase.id) } novalidate {
                            (csrf_field(ctx))
                            (phase_fields(ctx, &prefix, &form, &view.errors))
                            button.utrecht-button.utrecht-button--primary-action type="submit" { (c.save) span.visually-hidden { ": " (super::content::tr(&phase.name, ctx.content_lang())) } }
                        }
                        form.inline-form method="post" action={ (base) "/fasen/" (phase.id) "/verwijderen" } {
                            (csrf_field(ctx))
                            button.utrecht-button.utrecht-button--secondary-action.utrecht-button--danger type="submit" { (c.delete) span.visually-hidden { ": " (super::content::tr(&phase.name, ctx.content_lang())) } }
                        }
                    }
                }
                h3.utrecht-heading-3 { (t.add_phase) }
                form.form method="post" action={ (base) "/fasen" } novalidate {
                    (csrf_field(ctx))
                    (phase_fields(ctx, "fase-nieuw-", &new_phase, &view.errors))
                    button.utrecht-button.utrecht-button--primary-action type="submit" { (t.add_phase) }
                }
            }

            section aria-labelledby="themas" {
                h2.utrecht-heading-2 #themas { (t.themes) }
                @if view.themes.is_empty() { p { (t.no_themes) } }
                @for theme in view.themes {
                    @let prefix = format!("thema-{}-", theme.id);
                    @let (form, open) = match &view.failed {
                        Failed::Theme(id, form) if *id == theme.id.0 => (form.clone(), true),
                        _ => (ThemeForm::of(theme), false),
                    };
                    details.item-editor open[open] {
                        summary { (super::content::tr(&theme.name, ctx.content_lang())) }
                        form.form method="post" action={ (base) "/themas/" (theme.id) } novalidate {
                            (csrf_field(ctx))
                            (theme_fields(ctx, &prefix, &form, &view.errors))
                            button.utrecht-button.utrecht-button--primary-action type="submit" { (c.save) span.visually-hidden { ": " (super::content::tr(&theme.name, ctx.content_lang())) } }
                        }
                        form.inline-form method="post" action={ (base) "/themas/" (theme.id) "/verwijderen" } {
                            (csrf_field(ctx))
                            button.utrecht-button.utrecht-button--secondary-action.utrecht-button--danger type="submit" { (c.delete) span.visually-hidden { ": " (super::content::tr(&theme.name, ctx.content_lang())) } }
                        }
                    }
                }
                h3.utrecht-heading-3 { (t.add_theme) }
                form.form method="post" action={ (base) "/themas" } novalidate {
                    (csrf_field(ctx))
                    (theme_fields(ctx, "thema-nieuw-", &new_theme, &view.errors))
                    button.utrecht-button.utrecht-button--primary-action type="submit" { (t.add_theme) }
                }
            }
        },
    )
}
