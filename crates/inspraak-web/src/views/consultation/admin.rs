//! The organiser's pages: a process's consultations, creating one, and the builder (details,
//! publication, questions with edit/move/remove, retention of personal data).

use super::{period, texts};
use crate::ctx::Ctx;
use crate::i18n::consultation_translation as translation;
use crate::i18n::{Lang, common, consultation::kind_label, fill};
use crate::views::admin_shell::{
    ConsultationPart, Crumb, InProcess, Section, admin_page, consultation_page,
};
use crate::views::components::{
    FormErrors, Input, csrf_field, error_summary, field_id, input, textarea,
};
use crate::views::content;
use inspraak_domain::Language;
use inspraak_domain::consultation::{ConsultationStatus, Question, QuestionKind};
use inspraak_store::consultation::Consultation;
use inspraak_store::process::Process;
use maud::{Markup, html};
use serde::Deserialize;

/// Raw values of the consultation form, kept as typed.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct ConsultationForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub intro: String,
    #[serde(default)]
    pub privacy: String,
    #[serde(default)]
    pub opens_on: String,
    #[serde(default)]
    pub opens_time: String,
    #[serde(default)]
    pub closes_on: String,
    #[serde(default)]
    pub closes_time: String,
    #[serde(default)]
    pub title_translation: String,
    #[serde(default)]
    pub intro_translation: String,
    #[serde(default)]
    pub privacy_translation: String,
}

impl ConsultationForm {
    pub fn from_consultation(c: &Consultation) -> Self {
        let (opens_on, opens_time, closes_on, closes_time) = c.window.form_values();
        ConsultationForm {
            title: c.title.main.clone(),
            intro: c.intro.main.clone(),
            privacy: c.privacy.main.clone(),
            opens_on,
            opens_time,
            closes_on,
            closes_time,
            title_translation: c.title.translation.clone().unwrap_or_default(),
            intro_translation: c.intro.translation.clone().unwrap_or_default(),
            privacy_translation: c.privacy.translation.clone().unwrap_or_default(),
        }
    }
}

/// Raw values of the question builder.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct QuestionForm {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub prompt: String,
    #[serde(default)]
    pub help: String,
    #[serde(default)]
    pub required: Option<String>,
    #[serde(default)]
    pub max_length: String,
    #[serde(default)]
    pub options: String,
    #[serde(default)]
    pub allow_other: Option<String>,
    #[serde(default)]
    pub prompt_translation: String,
    #[serde(default)]
    pub help_translation: String,
    #[serde(default)]
    pub options_translation: String,
}

impl QuestionForm {
    pub fn from_question(q: &Question) -> Self {
        QuestionForm {
            kind: q.kind.as_str().to_owned(),
            prompt: q.prompt.main.clone(),
            help: q.help.as_ref().map(|h| h.main.clone()).unwrap_or_default(),
            required: q.required.then(|| "1".to_owned()),
            max_length: q.max_length.map(|n| n.to_string()).unwrap_or_default(),
            options: q.options.join("\n"),
            allow_other: q.allow_other.then(|| "1".to_owned()),
            prompt_translation: q.prompt.translation.clone().unwrap_or_default(),
            help_translation: q
                .help
                .as_ref()
                .and_then(|h| h.translation.clone())
                .unwrap_or_default(),
            options_translation: q.options_translation.join("\n"),
        }
    }
}

#[derive(Debug, Default, Clone, Deserialize)]
pub struct RetentionForm {
    #[serde(default)]
    pub retention_days: String,
}

pub fn consultation_label(lang: Lang, content: Language, field: &str) -> String {
    let t = texts::texts(lang);
    if let Some(main) = field.strip_suffix("_translation") {
        return translation::label(lang, content, &consultation_label(lang, content, main));
    }
    match field {
        "title" => t.field_title,
        "intro" => t.field_intro,
        "privacy" => t.field_privacy,
        "opens_on" => t.field_opens_on,
        "opens_time" => t.field_opens_time,
        "closes_on" => t.field_closes_on,
        _ => t.field_closes_time,
    }
    .to_owned()
}

pub fn question_label(lang: Lang, content: Language, field: &str) -> String {
    let t = texts::texts(lang);
    if let Some(main) = field.strip_suffix("_translation") {
        return translation::label(lang, content, &question_label(lang, content, main));
    }
    match field {
        "kind" => t.field_kind,
        "prompt" => t.field_prompt,
        "help" => t.field_help,
        "max_length" => t.field_max_length,
        "options" => t.field_options,
        _ => t.field_retention,
    }
    .to_owned()
}

pub fn status_label(lang: Lang, status: ConsultationStatus) -> &'static str {
    let t = texts::texts(lang);
    match status {
        ConsultationStatus::Draft => t.status_draft,
        ConsultationStatus::Published => t.status_published,
    }
}

/// The link from a process's edit page to its consultations.
pub fn process_link(ctx: &Ctx, process: &Process) -> Markup {
    let t = texts::texts(ctx.lang);
    html! { p { a href={ "/beheer/processen/" (process.id) "/consultaties" } { (t.admin_manage_link) } } }
}

pub fn list(ctx: &Ctx, process: &Process, consultations: &[Consultation]) -> Markup {
    let t = texts::texts(ctx.lang);
    let title = fill(
        t.admin_list_title,
        &[(
            "process",
            crate::views::content::pick(&process.title, ctx.content_lang()).0,
        )],
    );
    let lang = ctx.content_lang();
    let section = Section::Consultations;
    let w = crate::i18n::workspace::texts(ctx.lang);
    admin_page(
        ctx,
        &[Crumb::new(
            section.label(ctx.lang),
            section.href(process.id),
        )],
        Some(InProcess::new(process.id, &process.title, section)),
        &title,
        html! {
            h1.utrecht-heading-1 { (crate::views::content::fill_tr(t.admin_list_title, "process", &process.title, lang)) }
            p { a.utrecht-button-link.utrecht-button-link--html-a.utrecht-button-link--primary-action href={ "/beheer/processen/" (process.id) "/consultaties/nieuw" } { (t.admin_new) } }
            @if consultations.is_empty() {
                p { (t.admin_none) }
            } @else {
                div.table-wrapper {
                    table.utrecht-table.utrecht-table--html-table {
                        thead { tr {
                            th scope="col" { (t.col_title) } th scope="col" { (t.col_period) }
                            th scope="col" { (t.col_status) } th scope="col" { (t.col_responses) }
                            th scope="col" { (w.consultation_outcomes) }
                        } }
                        tbody {
                            @for c in consultations {
                                tr {
                                    td { a href={ "/beheer/consultaties/" (c.id) } lang=[lang] { (c.title.main) } }
                                    td { (period(ctx.lang, &c.window)) }
                                    td { (status_label(ctx.lang, c.status)) }
                                    td { a href={ "/beheer/consultaties/" (c.id) "/reacties" } { (c.visible_count()) } }
                                    td { a href=(ConsultationPart::Outcomes.href(c.id)) { (w.consultation_outcomes) span.visually-hidden { ": " (content::text(&c.title.main, lang)) } } }
                                }
                            }
                        }
                    }
                }
            }
            p { a href={ "/beheer/processen/" (process.id) } { (crate::views::content::tr(&process.title, lang)) } }
        },
    )
}

fn consultation_fields(ctx: &Ctx, form: &ConsultationForm, errors: &FormErrors) -> Markup {
    let t = texts::texts(ctx.lang);
    let lang = ctx.lang;
    let tt = translation::texts(lang);
    let label = |field: &str| consultation_label(lang, ctx.state.settings.content_language, field);
    let (title_tr, intro_tr, privacy_tr) = (
        label("title_translation"),
        label("intro_translation"),
        label("privacy_translation"),
    );
    html! {
        (input(lang, Input::text("title", t.field_title, &form.title).required().max_length(200).error(errors.get("title"))))
        (input(lang, Input::text("title_translation", &title_tr, &form.title_translation).hint(tt.hint).max_length(200).error(errors.get("title_translation"))))
        (textarea(lang, Input::text("intro", t.field_intro, &form.intro).required().error(errors.get("intro")), 6))
        (textarea(lang, Input::text("intro_translation", &intro_tr, &form.intro_translation).hint(tt.hint).error(errors.get("intro_translation")), 6))
        (textarea(lang, Input::text("privacy", t.field_privacy, &form.privacy).hint(t.field_privacy_hint).required().error(errors.get("privacy")), 6))
        (textarea(lang, Input::text("privacy_translation", &privacy_tr, &form.privacy_translation).hint(tt.hint).error(errors.get("privacy_translation")), 6))
        div.field-row {
            (input(lang, Input::text("opens_on", t.field_opens_on, &form.opens_on).kind("date").required().error(errors.get("opens_on"))))
            (input(lang, Input::text("opens_time", t.field_opens_time, &form.opens_time).kind("time").hint(t.field_opens_time_hint).error(errors.get("opens_time"))))
        }
        div.field-row {
            (input(lang, Input::text("closes_on", t.field_closes_on, &form.closes_on).kind("date").required().error(errors.get("closes_on"))))
            (input(lang, Input::text("closes_time", t.field_closes_time, &form.closes_time).kind("time").hint(t.field_closes_time_hint).error(errors.get("closes_time"))))
        }
    }
}

pub fn new_consultation(
    ctx: &Ctx,
    process: &Process,
    form: &ConsultationForm,
    errors: &FormErrors,
) -> Markup {
    let t = texts::texts(ctx.lang);
    let section = Section::Consultations;
    let new = format!("/beheer/processen/{}/consultaties/nieuw", process.id);
    admin_page(
        ctx,
        &[
            Crumb::new(section.label(ctx.lang), section.href(process.id)),
            Crumb::new(t.admin_new, new),
        ],
        Some(InProcess::new(process.id, &process.title, section)),
        t.admin_new,
        html! {
            p.eyebrow { (crate::views::content::tr(&process.title, ctx.content_lang())) }
            h1.utrecht-heading-1 { (t.admin_new) }
            (error_summary(ctx.lang, errors))
            form.form method="post" action={ "/beheer/processen/" (process.id) "/consultaties/nieuw" } novalidate {
                (csrf_field(ctx))
                (consultation_fields(ctx, form, errors))
                button.utrecht-button.utrecht-button--primary-action type="submit" { (t.admin_create) }
            }
        },
    )
}

/// Which form on the builder failed, with what was typed.
pub enum Failed {
    None,
    Details(ConsultationForm),
    NewQuestion(QuestionForm),
    Question(i64, QuestionForm),
    Retention(RetentionForm),
}

pub struct EditView<'a> {
    pub process: &'a Process,
    pub consultation: &'a Consultation,
    pub questions: &'a [Question],
    pub retention_days: u32,
    pub failed: Failed,
    pub errors: FormErrors,
    pub notice: Option<&'a str>,
}

/// The fields of one question. `locked_kind` is set when responses exist: the kind is then
/// shown, and sent along unchanged, instead of offered.
fn question_fields(
    ctx: &Ctx,
    prefix: &str,
    form: &QuestionForm,
    errors: &FormErrors,
    locked_kind: Option<QuestionKind>,
) -> Markup {
    let t = texts::texts(ctx.lang);
    let lang = ctx.lang;
    let tt = translation::texts(lang);
    let err = |f: &str| errors.get(&format!("{prefix}{f}")).map(str::to_owned);
    let (e_kind, e_prompt, e_help, e_max, e_options) = (
        err("kind"),
        err("prompt"),
        err("help"),
        err("max_length"),
        err("options"),
    );
    let (e_prompt_tr, e_help_tr, e_options_tr) = (
        err("prompt_translation"),
        err("help_translation"),
        err("options_translation"),
    );
    let label = |field: &str| question_label(lang, ctx.state.settings.content_language, field);
    let (prompt_tr, help_tr, options_tr) = (
        label("prompt_translation"),
        label("help_translation"),
        label("options_translation"),
    );
    let kind_id = field_id(&format!("{prefix}kind"));
    html! {
        @if let Some(kind) = locked_kind {
            input type="hidden" name="kind" value=(kind.as_str());
            p { (fill(t.kind_locked, &[("kind", kind_label(lang, kind))])) }
            @if let Some(e) = &e_kind { p.utrecht-form-field-error-message { (e) } }
        } @else {
            div.utrecht-form-field.utrecht-form-field--invalid[e_kind.is_some()] {
                label.utrecht-form-label for=(kind_id) { (t.field_kind) }
                @if let Some(e) = &e_kind { p.utrecht-form-field-error-message id={ (kind_id) "-fout" } { (e) } }
                select.utrecht-select.utrecht-select--html-select #(kind_id) name="kind" aria-describedby=[e_kind.as_ref().map(|_| format!("{kind_id}-fout"))] {
                    @for kind in QuestionKind::ALL {
                        option value=(kind.as_str()) selected[form.kind == kind.as_str()] { (kind_label(lang, kind)) }
                    }
                }
            }
        }
        (input(lang, Input::text("prompt", t.field_prompt, &form.prompt).id_prefix(prefix).required().max_length(500).error(e_prompt.as_deref())))
        (input(lang, Input::text("prompt_translation", &prompt_tr, &form.prompt_translation).id_prefix(prefix).hint(tt.hint).max_length(500).error(e_prompt_tr.as_deref())))
        (textarea(lang, Input::text("help", t.field_help, &form.help).id_prefix(prefix).error(e_help.as_deref()), 2))
        (textarea(lang, Input::text("help_translation", &help_tr, &form.help_translation).id_prefix(prefix).hint(tt.hint).error(e_help_tr.as_deref()), 2))
        div.choice {
            input #(field_id(&format!("{prefix}required"))) type="checkbox" name="required" value="1" checked[form.required.is_some()];
            label for=(field_id(&format!("{prefix}required"))) { (t.field_required) }
        }
        (input(lang, Input::text("max_length", t.field_max_length, &form.max_length).id_prefix(prefix).kind("number").hint(t.field_max_length_hint).error(e_max.as_deref())))
        (textarea(lang, Input::text("options", t.field_options, &form.options).id_prefix(prefix).hint(t.field_options_hint).error(e_options.as_deref()), 4))
        (textarea(lang, Input::text("options_translation", &options_tr, &form.options_translation).id_prefix(prefix).hint(tt.options_hint).error(e_options_tr.as_deref()), 4))
        div.choice {
            input #(field_id(&format!("{prefix}allow_other"))) type="checkbox" name="allow_other" value="1" checked[form.allow_other.is_some()];
            label for=(field_id(&format!("{prefix}allow_other"))) { (t.field_allow_other) }
        }
    }
}

fn question_item(
    ctx: &Ctx,
    view: &EditView<'_>,
    base: &str,
    position: usize,
    question: &Question,
) -> Markup {
    let t = texts::texts(ctx.lang);
    let c = common::texts(ctx.lang);
    let locked = view.consultation.response_count > 0;
    let prefix = format!("vraag-{}-", question.id);
    let (form, open) = match &view.failed {
        Failed::Question(id, form) if *id == question.id.0 => (form.clone(), true),
        _ => (QuestionForm::from_question(question), false),
    };
    let action = format!("{base}/vragen/{}", question.id);
    let prompt = content::text(&question.prompt.main, ctx.content_lang());
    html! {
        li {
            details.item-editor open[open] {
                summary { (position + 1) ". " (prompt) " · " (kind_label(ctx.lang, question.kind)) }
                form.form method="post" action=(action) novalidate {
                    (csrf_field(ctx))
                    (question_fields(ctx, &prefix, &form, &view.errors, locked.then_some(question.kind)))
                    button.utrecht-button.utrecht-button--primary-action type="submit" { (c.save) span.visually-hidden { ": " (prompt) } }
                }
                div.button-row {
                    @for (direction, label) in [("up", t.move_up), ("down", t.move_down)] {
                        form.inline-form method="post" action={ (action) "/verplaatsen" } {
                            (csrf_field(ctx))
                            input type="hidden" name="direction" value=(direction);
                            button.utrecht-button.utrecht-button--secondary-action type="submit" { (label) span.visually-hidden { ": " (prompt) } }
                        }
                    }
                    @if !locked {
                        form.inline-form method="post" action={ (action) "/verwijderen" } {
                            (csrf_field(ctx))
                            button.utrecht-button.utrecht-button--secondary-action.utrecht-button--danger type="submit" { (t.remove) span.visually-hidden { ": " (prompt) } }
                        }
                    }
                }
            }
        }
    }
}

/// The switch for live results: the running figures, marked provisional, while it is open.
fn live_results(ctx: &Ctx, consultation: &Consultation, base: &str) -> Markup {
    let t = crate::i18n::live_results::texts(ctx.lang);
    let (text, value, label) = if consultation.live_results {
        (t.on_text, "off", t.switch_off)
    } else {
        (t.off_text, "on", t.switch_on)
    };
    html! {
        section aria-labelledby="voorlopig" {
            h2.utrecht-heading-2 #voorlopig { (t.heading) }
            p { (text) }
            form.inline-form method="post" action={ (base) "/voorlopige-uitkomsten" } {
                (csrf_field(ctx))
                input type="hidden" name="live" value=(value);
                button.utrecht-button.utrecht-button--secondary-action type="submit" { (label) }
            }
        }
    }
}

pub fn edit(ctx: &Ctx, view: EditView<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let c = common::texts(ctx.lang);
    let consultation = view.consultation;
    let base = format!("/beheer/consultaties/{}", consultation.id);
    let details = match &view.failed {
        Failed::Details(form) => form.clone(),
        _ => ConsultationForm::from_consultation(consultation),
    };
    let new_question = match &view.failed {
        Failed::NewQuestion(form) => form.clone(),
        _ => QuestionForm::default(),
    };
    let retention = match &view.failed {
        Failed::Retention(form) => form.clone(),
        _ => RetentionForm {
            retention_days: view.retention_days.to_string(),
        },
    };
    let public = format!("/processen/{}/consultatie", view.process.slug);
    consultation_page(
        ctx,
        view.process,
        (consultation.id, &consultation.title.main),
        ConsultationPart::Builder,
        &consultation.title.main,
        html! {
            p.eyebrow { (t.admin_edit_eyebrow) " · " a href={ "/beheer/processen/" (view.process.id) "/consultaties" } { (content::tr(&view.process.title, ctx.content_lang())) } }
            h1.utrecht-heading-1 lang=[ctx.content_lang()] { (consultation.title.main) }
            p.utrecht-paragraph.utrecht-paragraph--lead { (period(ctx.lang, &consultation.window)) }
            @if let Some(notice) = view.notice { p.utrecht-alert.utrecht-alert--ok role="status" { (notice) } }
            (error_summary(ctx.lang, &view.errors))

            section aria-labelledby="publicatie" {
                h2.utrecht-heading-2 #publicatie { (t.status_heading) }
                p { (fill(t.status_now, &[("status", status_label(ctx.lang, consultation.status))])) }
                div.button-row {
                    form.inline-form method="post" action={ (base) "/status" } {
                        (csrf_field(ctx))
                        @if consultation.is_published() {
                            input type="hidden" name="status" value="draft";
                            button.utrecht-button.utrecht-button--secondary-action type="submit" { (t.unpublish) }
                        } @else {
                            input type="hidden" name="status" value="published";
                            button.utrecht-button.utrecht-button--primary-action type="submit" { (t.publish) }
                        }
                    }
                    a href={ (base) "/voorbeeld" } { (t.preview) }
                    a href={ (base) "/reacties" } { (t.responses_link) " (" (consultation.visible_count()) ")" }
                    @if consultation.is_published() { a href=(public) { (t.view_public) } }
                }
            }

            section aria-labelledby="gegevens" {
                h2.utrecht-heading-2 #gegevens { (t.details) }
                form.form method="post" action=(base) novalidate {
                    (csrf_field(ctx))
                    (consultation_fields(ctx, &details, &view.errors))
                    button.utrecht-button.utrecht-button--primary-action type="submit" { (c.save) }
                }
            }

            section aria-labelledby="vragen" {
                h2.utrecht-heading-2 #vragen { (t.questions) }
                @if consultation.response_count > 0 { p.utrecht-alert.utrecht-alert--info { (t.locked_explained) } }
                @if view.questions.is_empty() { p { (t.no_questions) } }
                ol.question-list {
                    @for (position, question) in view.questions.iter().enumerate() {
                        (question_item(ctx, &view, &base, position, question))
                    }
                }
                h3.utrecht-heading-3 { (t.add_question) }
                form.form method="post" action={ (base) "/vragen" } novalidate {
                    (csrf_field(ctx))
                    (question_fields(ctx, "vraag-nieuw-", &new_question, &view.errors, None))
                    button.utrecht-button.utrecht-button--primary-action type="submit" { (t.add_question) }
                }
            }

            (live_results(ctx, consultation, &base))

            section aria-labelledby="bewaren" {
                h2.utrecht-heading-2 #bewaren { (t.retention_heading) }
                p { (fill(t.retention_text, &[("days", &view.retention_days.to_string())])) }
                form.form method="post" action={ (base) "/bewaartermijn" } novalidate {
                    (csrf_field(ctx))
                    (input(ctx.lang, Input::text("retention_days", t.field_retention, &retention.retention_days).id_prefix("bewaren-").kind("number").hint(t.field_retention_hint).required().error(view.errors.get("bewaren-retention_days"))))
                    button.utrecht-button.utrecht-button--primary-action type="submit" { (c.save) }
                }
            }
        },
    )
}
