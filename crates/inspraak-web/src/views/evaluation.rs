//! The self-evaluation of a closed process ("Eerdere actieplannen"): the organiser's page (the
//! text in both languages side by side, documents), the block on a process's organiser overview
//! that leads there, and the block on the public page of an archived process.

use super::admin_shell::{Crumb, InProcess, Section, admin_page};
use super::components::{FormErrors, Input, csrf_field, error_summary, field_id, input, textarea};
use super::content;
use super::publications::admin::DocumentForm;
use super::publications::public::document_list;
use crate::ctx::Ctx;
use crate::i18n::{Lang, evaluation as texts, fill, publications as publication_texts};
use crate::upload;
use inspraak_domain::Language;
use inspraak_domain::evaluation::MAX_EVALUATION;
use inspraak_store::evaluation::Evaluation;
use inspraak_store::process::Process;
use inspraak_store::publications::Document;
use maud::{Markup, html};

/// The process's title as written (in the content language).
fn process_title(process: &Process) -> &str {
    &process.title.main
}

/// The organiser's page path of a process's self-evaluation.
pub fn admin_path(process: &Process) -> String {
    format!("/beheer/processen/{}/zelfevaluatie", process.id)
}

/// The name of a language in the page's language ("Engels", "English").
fn language_name(lang: Lang, language: Language) -> &'static str {
    let t = texts::texts(lang);
    match language {
        Language::Dutch => t.language_nl,
        Language::English => t.language_en,
    }
}

/// The other interface language: the one translations are written in.
fn other_language(content: Language) -> Language {
    match content {
        Language::Dutch => Language::English,
        Language::English => Language::Dutch,
    }
}

/// "Zelfevaluatie (Nederlands)" for the main field and "Zelfevaluatie (Engels)" for its
/// translation, by the installation's content language.
fn field_labels(ctx: &Ctx, field: &str) -> (String, String) {
    let t = texts::texts(ctx.lang);
    let content = ctx.state.settings.content_language;
    let label = |language| {
        fill(
            t.field_in_language,
            &[
                ("field", field),
                ("language", language_name(ctx.lang, language)),
            ],
        )
    };
    (label(content), label(other_language(content)))
}

/// The labels of the text form's fields, for the error summary.
pub fn body_label(ctx: &Ctx, field: &str) -> String {
    let (main, translation) = field_labels(ctx, texts::texts(ctx.lang).body_label);
    if field == "body_translation" {
        translation
    } else {
        main
    }
}

/// What the text form shows (again): what was typed, or what is saved.
#[derive(Debug, Default)]
pub struct TextForm {
    pub body: String,
    pub body_translation: String,
    pub errors: FormErrors,
}

pub struct AdminPage<'a> {
    pub process: &'a Process,
    pub evaluation: Option<&'a Evaluation>,
    pub documents: &'a [Document],
    pub text: &'a TextForm,
    pub document: &'a DocumentForm,
    pub notice: Option<&'a str>,
}

fn text_form(ctx: &Ctx, page: &AdminPage<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let f = page.text;
    let (main_label, translation_label) = field_labels(ctx, t.body_label);
    html! {
        (error_summary(ctx.lang, &f.errors))
        form.form method="post" action=(admin_path(page.process)) novalidate {
            (csrf_field(ctx))
            div.field-row {
                (textarea(ctx.lang, Input::text("body", &main_label, &f.body).required().hint(t.body_hint).max_length(MAX_EVALUATION).error(f.errors.get("body")), 12))
                (textarea(ctx.lang, Input::text("body_translation", &translation_label, &f.body_translation).hint(t.translation_hint).max_length(MAX_EVALUATION).error(f.errors.get("body_translation")), 12))
            }
            button.utrecht-button.utrecht-button--primary-action type="submit" { (t.save) }
        }
    }
}

fn upload_form(ctx: &Ctx, page: &AdminPage<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let p = publication_texts::texts(ctx.lang);
    let f = page.document;
    let max = upload::human_size(
        i64::try_from(ctx.state.settings.upload_max_bytes).unwrap_or(i64::MAX),
        ctx.lang,
    );
    let file_error = f.errors.get("file");
    html! {
        section aria-labelledby="document-toevoegen" {
            h2.utrecht-heading-2 #document-toevoegen { (t.upload_title) }
            p { (t.upload_intro) }
            (error_summary(ctx.lang, &f.errors))
            form.form method="post" enctype="multipart/form-data"
                action={ (admin_path(page.process)) "/documenten" } novalidate {
                (csrf_field(ctx))
                div.utrecht-form-field.utrecht-form-field--invalid[file_error.is_some()] {
                    label.utrecht-form-label for=(field_id("file")) { (p.file_label) }
                    p.utrecht-form-field-description id={ (field_id("file")) "-hint" } { (fill(p.file_hint, &[("max", &max)])) }
                    @if let Some(error) = file_error {
                        p.utrecht-form-field-error-message id={ (field_id("file")) "-fout" } { (error) }
                    }
                    input.utrecht-textbox.utrecht-textbox--html-input #(field_id("file")) type="file" name="file" required
                        accept=".pdf,.odt,.ods,.docx,.xlsx,.csv,.png,.jpg,.jpeg"
                        aria-describedby={ (field_id("file")) "-hint" @if file_error.is_some() { " " (field_id("file")) "-fout" } };
                }
                (input(ctx.lang, Input::text("title", p.title_label, &f.title).required().max_length(200).error(f.errors.get("title"))))
                (textarea(ctx.lang, Input::text("description", p.description_label, &f.description).error(f.errors.get("description")), 4))
                (input(ctx.lang, Input::text("date", p.date_label, &f.date).kind("date").required().hint(p.date_hint).error(f.errors.get("date"))))
                div.utrecht-form-field {
                    label.utrecht-form-label for=(field_id("language")) { (p.document_language) }
                    select.utrecht-select.utrecht-select--html-select #(field_id("language")) name="language" {
                        option value="nl" selected[f.language != "en"] { (p.language_nl) }
                        option value="en" selected[f.language == "en"] { (p.language_en) }
                    }
                }
                button.utrecht-button.utrecht-button--primary-action type="submit" { (p.upload_button) }
            }
        }
    }
}

/// The organiser's page of an archived process's self-evaluation.
pub fn admin(ctx: &Ctx, page: &AdminPage<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let p = page.process;
    let title = format!("{}: {}", t.admin_title, process_title(p));
    admin_page(
        ctx,
        &[Crumb::new(t.admin_title, admin_path(p))],
        Some(InProcess::new(p.id, &p.title, Section::Overview)),
        &title,
        html! {
            h1.utrecht-heading-1 { (t.admin_title) ": " (content::tr(&p.title, ctx.content_lang())) }
            @if let Some(notice) = page.notice { p.utrecht-alert.utrecht-alert--ok role="status" { (notice) } }
            p { (t.admin_intro) }
            p { a href={ "/processen/" (p.slug) "#zelfevaluatie" } { (t.view_public) } }
            section aria-labelledby="zelfevaluatie-tekst" {
                h2.utrecht-heading-2 #zelfevaluatie-tekst { (t.title) }
                @if let Some(e) = page.evaluation { p { (fill(t.updated_on, &[("date", &ctx.lang.date_time(e.updated_at))])) } }
                (text_form(ctx, page))
            }
            (upload_form(ctx, page))
            section aria-labelledby="zelfevaluatie-documenten" {
                h2.utrecht-heading-2 #zelfevaluatie-documenten { (t.documents) }
                @if page.documents.is_empty() { p { (t.no_documents) } }
                @else { (document_list(ctx, page.documents)) }
            }
        },
    )
}

/// The block on a process's organiser overview: a link to the self-evaluation of an archived
/// process, or why there is none yet.
pub fn admin_block(ctx: &Ctx, process: &Process) -> Markup {
    let t = texts::texts(ctx.lang);
    html! {
        @if inspraak_domain::evaluation::allowed(process.status) {
            p { a href=(admin_path(process)) { (t.admin_link) } }
        } @else {
            p.evaluation-note { (t.admin_not_archived) }
        }
    }
}

/// The self-evaluation on the public page of an archived process, in the visitor's language
/// (the other text marked with its `lang` while the translation is missing), and its documents.
pub fn public_block(ctx: &Ctx, evaluation: &Evaluation, documents: &[Document]) -> Markup {
    let t = texts::texts(ctx.lang);
    let c = ctx.content_lang();
    html! {
        section.evaluation aria-labelledby="zelfevaluatie" {
            h2.utrecht-heading-2 #zelfevaluatie { (t.title) }
            p { (t.public_intro) }
            (content::tr_paragraphs(&evaluation.body, c))
            p.evaluation__date { (fill(t.updated_on, &[("date", &ctx.lang.date(inspraak_domain::time::local_date(evaluation.updated_at)))])) }
            @if !documents.is_empty() {
                h3.utrecht-heading-3 { (t.documents) }
                (document_list(ctx, documents))
            }
        }
    }
}
