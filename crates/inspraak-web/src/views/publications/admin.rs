//! The organiser's publications page of a process.

use crate::ctx::Ctx;
use crate::i18n::{fill, publications as texts};
use crate::upload::{self, Upload};
use crate::views::admin_shell::{Crumb, InProcess, Section, admin_page};
use crate::views::components::{
    FormErrors, Input, csrf_field, error_summary, field_id, input, textarea,
};
use crate::views::translation_fields::{translation_input, translation_textarea};
use inspraak_store::process::Process;
use inspraak_store::publications::{Document, ProgressReport};
use inspraak_store::session::Session;
use maud::{Markup, html};

/// What the upload form shows (again). The file itself must be chosen again after a refusal.
#[derive(Debug, Default)]
pub struct DocumentForm {
    pub title: String,
    pub title_translation: String,
    pub description: String,
    pub description_translation: String,
    pub date: String,
    pub language: String,
    pub owner: String,
    pub errors: FormErrors,
}

impl DocumentForm {
    pub fn new(today: &str) -> Self {
        DocumentForm {
            date: today.to_owned(),
            language: "nl".into(),
            owner: "process".into(),
            ..Default::default()
        }
    }

    pub fn from_upload(upload: &Upload) -> Self {
        DocumentForm {
            title: upload.field("title").to_owned(),
            title_translation: upload.field("title_translation").to_owned(),
            description: upload.field("description").to_owned(),
            description_translation: upload.field("description_translation").to_owned(),
            date: upload.field("date").to_owned(),
            language: upload.field("language").to_owned(),
            owner: upload.field("owner").to_owned(),
            errors: FormErrors::default(),
        }
    }
}

#[derive(Debug, Default)]
pub struct ReportForm {
    pub title: String,
    pub title_translation: String,
    pub date: String,
    pub body: String,
    pub body_translation: String,
    pub errors: FormErrors,
}

impl ReportForm {
    pub fn new(today: &str) -> Self {
        ReportForm {
            date: today.to_owned(),
            ..Default::default()
        }
    }
}

pub struct ManagePage<'a> {
    pub process: &'a Process,
    pub sessions: &'a [Session],
    pub reports: &'a [ProgressReport],
    pub action_points: &'a [inspraak_store::ideas::action_points::ActionPoint],
    pub documents: &'a [Document],
    pub followers: u64,
    pub document: &'a DocumentForm,
    pub report: &'a ReportForm,
    pub notice: Option<&'a str>,
}

fn upload_form(ctx: &Ctx, page: &ManagePage<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let f = page.document;
    let max = upload::human_size(
        i64::try_from(ctx.state.settings.upload_max_bytes).unwrap_or(i64::MAX),
        ctx.lang,
    );
    let file_error = f.errors.get("file");
    let owner_error = f.errors.get("owner");
    html! {
        section aria-labelledby="document-toevoegen" {
            h2.utrecht-heading-2 #document-toevoegen { (t.upload_title) }
            (error_summary(ctx.lang, &f.errors))
            form.form method="post" enctype="multipart/form-data"
                action={ "/beheer/processen/" (page.process.id) "/documenten" } novalidate {
                (csrf_field(ctx))
                div.utrecht-form-field.utrecht-form-field--invalid[file_error.is_some()] {
                    label.utrecht-form-label for=(field_id("file")) { (t.file_label) }
                    p.utrecht-form-field-description id={ (field_id("file")) "-hint" } { (fill(t.file_hint, &[("max", &max)])) }
                    @if let Some(error) = file_error {
                        p.utrecht-form-field-error-message id={ (field_id("file")) "-fout" } { (error) }
                    }
                    input.utrecht-textbox.utrecht-textbox--html-input #(field_id("file")) type="file" name="file" required
                        accept=".pdf,.odt,.ods,.docx,.xlsx,.csv,.png,.jpg,.jpeg"
                        aria-describedby={ (field_id("file")) "-hint" @if file_error.is_some() { " " (field_id("file")) "-fout" } };
                }
                (input(ctx.lang, Input::text("title", t.title_label, &f.title).required().max_length(200).error(f.errors.get("title"))))
                (translation_input(ctx, "title", t.title_label, &f.title_translation, 200, &f.errors))
                (textarea(ctx.lang, Input::text("description", t.description_label, &f.description).error(f.errors.get("description")), 4))
                (translation_textarea(ctx, "description", t.description_label, &f.description_translation, Some(5_000), 4, &f.errors))
                (input(ctx.lang, Input::text("date", t.date_label, &f.date).kind("date").required().hint(t.date_hint).error(f.errors.get("date"))))
                div.utrecht-form-field {
                    label.utrecht-form-label for=(field_id("language")) { (t.document_language) }
                    select.utrecht-select.utrecht-select--html-select #(field_id("language")) name="language" {
                        option value="nl" selected[f.language != "en"] { (t.language_nl) }
                        option value="en" selected[f.language == "en"] { (t.language_en) }
                    }
                }
                div.utrecht-form-field.utrecht-form-field--invalid[owner_error.is_some()] {
                    label.utrecht-form-label for=(field_id("owner")) { (t.owner_label) }
                    @if let Some(error) = owner_error {
                        p.utrecht-form-field-error-message id={ (field_id("owner")) "-fout" } { (error) }
                    }
                    select.utrecht-select.utrecht-select--html-select #(field_id("owner")) name="owner" {
                        option value="process" selected[f.owner == "process"] { (t.owner_process) }
                        @for s in page.sessions {
                            @let value = format!("session:{}", s.id);
                            option value=(value) selected[f.owner == value] { (t.owner_session) ": " (s.title.main) }
                        }
                        @for r in page.reports {
                            @let value = format!("report:{}", r.id);
                            option value=(value) selected[f.owner == value] { (t.owner_report) ": " (r.title.main) }
                        }
                        @for p in page.action_points {
                            @let value = format!("action_point:{}", p.id);
                            option value=(value) selected[f.owner == value] { (t.owner_action_point) ": " (p.title.main) }
                        }
                    }
                }
                button.utrecht-button.utrecht-button--primary-action type="submit" { (t.upload_button) }
            }
        }
    }
}

fn report_form(ctx: &Ctx, page: &ManagePage<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let f = page.report;
    html! {
        section aria-labelledby="rapportage-schrijven" {
            h2.utrecht-heading-2 #rapportage-schrijven { (t.report_title) }
            (error_summary(ctx.lang, &f.errors))
            form.form method="post" action={ "/beheer/processen/" (page.process.id) "/voortgang" } novalidate {
                (csrf_field(ctx))
                (input(ctx.lang, Input::text("report_title", t.title_label, &f.title).required().max_length(200).error(f.errors.get("report_title"))))
                (translation_input(ctx, "report_title", t.title_label, &f.title_translation, 200, &f.errors))
                (input(ctx.lang, Input::text("report_date", t.date_label, &f.date).kind("date").required().hint(t.date_hint).error(f.errors.get("report_date"))))
                (textarea(ctx.lang, Input::text("body", t.report_body_label, &f.body).required().hint(t.report_body_hint).error(f.errors.get("body")), 12))
                (translation_textarea(ctx, "body", t.report_body_label, &f.body_translation, Some(20_000), 12, &f.errors))
                button.utrecht-button.utrecht-button--primary-action type="submit" { (t.report_publish) }
            }
        }
    }
}

pub fn manage(ctx: &Ctx, page: &ManagePage<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let title = format!(
        "{}: {}",
        t.manage_title,
        crate::views::content::pick(&page.process.title, ctx.content_lang()).0
    );
    let section = Section::Publications;
    let p = page.process;
    admin_page(
        ctx,
        &[Crumb::new(section.label(ctx.lang), section.href(p.id))],
        Some(InProcess::new(p.id, &p.title, section)),
        &title,
        html! {
            h1.utrecht-heading-1 { (t.manage_title) ": " (crate::views::content::tr(&page.process.title, ctx.content_lang())) }
            @if let Some(notice) = page.notice { p.utrecht-alert.utrecht-alert--ok role="status" { (notice) } }
            p { (t.subscribers) ": " (page.followers) }
            (upload_form(ctx, page))
            (report_form(ctx, page))
            section aria-labelledby="rapportages" {
                h2.utrecht-heading-2 #rapportages { (t.reports) }
                @if page.reports.is_empty() { p { (t.no_reports) } }
                ul {
                    @for r in page.reports {  li { (crate::views::content::tr(&r.title, ctx.content_lang())) " (" (ctx.lang.date(r.date)) ")" } }
                }
            }
            section aria-labelledby="documenten" {
                h2.utrecht-heading-2 #documenten { (t.documents) }
                (super::public::document_list(ctx, page.documents))
            }
        },
    )
}

/// The link from a process's edit page to its publications.
pub fn process_link(ctx: &Ctx, process: &Process) -> Markup {
    let t = texts::texts(ctx.lang);
    html! { p { a href={ "/beheer/processen/" (process.id) "/publicaties" } { (t.manage_title) } } }
}
