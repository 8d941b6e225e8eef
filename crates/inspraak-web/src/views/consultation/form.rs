//! The public consultation form. Every question is shown from the raw values last posted, so a
//! form shown again after a mistake, an expired session or a refusal keeps everything typed.
//! Groups of inputs are fieldsets with a legend; errors are linked from the summary at the top.

use super::{period, texts};
use crate::ctx::Ctx;
use crate::i18n::{Lang, common, fill};
use crate::views::components::{
    FormErrors, Input, csrf_field, error_summary, field_id, input, textarea,
};
use crate::views::content;
use crate::views::layout::page;
use chrono::NaiveDate;
use inspraak_domain::consultation::question::{OTHER_TOPIC_MAX, SHORT_TEXT_MAX, WHY_MAX};
use inspraak_domain::consultation::{AnswerErrors, Question, QuestionKind};
use inspraak_store::consultation::Consultation;
use inspraak_store::process::{Process, Theme};
use maud::{Markup, html};

/// The honeypot's field name: hidden from people, tempting for bots.
pub const HONEYPOT: &str = "website";

/// Values as last posted; names may repeat (checkboxes).
#[derive(Clone, Copy)]
pub struct Values<'a>(pub &'a [(String, String)]);

impl Values<'_> {
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    fn has(&self, name: &str, value: &str) -> bool {
        self.0.iter().any(|(k, v)| k == name && v == value)
    }
}

pub struct FormView<'a> {
    pub process: &'a Process,
    pub consultation: &'a Consultation,
    pub questions: &'a [Question],
    pub themes: &'a [Theme],
    pub values: Values<'a>,
    pub idempotency_key: &'a str,
    pub started: &'a str,
    pub errors: &'a FormErrors,
    pub notice: Option<&'a str>,
    /// The date by which an e-mail address left here is erased.
    pub erase_by: NaiveDate,
    /// The organiser's preview: no action, no submit.
    pub preview: bool,
}

/// The name a field goes by in error messages: its question (in the page's version, see
/// `content::pick`; `other` when the page is not in the content language), or a part of it.
pub fn field_label(
    lang: Lang,
    other: bool,
    questions: &[Question],
    themes: &[Theme],
    field: &str,
) -> String {
    let t = texts::texts(lang);
    let Some(rest) = field.strip_prefix('q') else {
        return field.to_owned();
    };
    let (id, part) = rest.split_once('_').unwrap_or((rest, ""));
    let Some(question) = questions.iter().find(|q| q.id.to_string() == id) else {
        return field.to_owned();
    };
    let prompt = question.prompt.pick(other).0.to_owned();
    match part {
        "" => prompt,
        "why" => format!("{prompt} – {}", t.why),
        "other" => t.other_topic.to_owned(),
        "consent" => t.consent_label.to_owned(),
        theme if theme.starts_with('t') => themes
            .iter()
            .find(|th| th.id.to_string() == theme[1..])
            .map_or_else(
                || prompt.clone(),
                |th| fill(t.rank_place, &[("theme", th.name.pick(other).0)]),
            ),
        _ => prompt,
    }
}

/// Answer errors as sentences, each naming the question it belongs to.
pub fn answer_errors(
    lang: Lang,
    other: bool,
    errors: &AnswerErrors,
    questions: &[Question],
    themes: &[Theme],
) -> FormErrors {
    FormErrors(
        errors
            .0
            .iter()
            .map(|e| {
                let label = field_label(lang, other, questions, themes, &e.field);
                (
                    e.field.clone(),
                    common::problem_message(lang, e.problem, &label),
                )
            })
            .collect(),
    )
}

fn marker(lang: Lang, required: bool) -> Markup {
    let c = common::texts(lang);
    html! { " " span.field__marker { @if required { (c.required_marker) } @else { (c.optional_marker) } } }
}

/// A fieldset for a group of inputs, with legend, help text and error.
fn group(
    lang: Lang,
    c: Option<&'static str>,
    question: &Question,
    errors: &FormErrors,
    id: Option<&str>,
    body: Markup,
) -> Markup {
    let field = question.field();
    let error = errors.get(&field);
    html! {
        // A fieldset the error summary links to takes focus when the link is followed.
        fieldset.utrecht-form-fieldset__fieldset.utrecht-form-fieldset--html-fieldset.utrecht-form-fieldset--invalid[error.is_some()] id=[id] tabindex=[id.map(|_| "-1")]
            aria-describedby=[error.map(|_| format!("{}-fout", field_id(&field)))] {
            legend.utrecht-form-fieldset__legend.utrecht-form-fieldset__legend--html-legend { (content::tr(&question.prompt, c)) (marker(lang, question.required)) }
            @if let Some(help) = &question.help {
                @let (help, help_lang) = content::pick(help, c);
                p.utrecht-form-field-description lang=[help_lang] { (help) }
            }
            @if let Some(error) = error { p.utrecht-form-field-error-message id={ (field_id(&field)) "-fout" } { (error) } }
            (body)
        }
    }
}

/// One radio button or checkbox with its label. The first of a group carries the field's id,
/// so the error summary can link to it. `label_lang` marks an organiser's option text.
fn choice(
    kind: &str,
    name: &str,
    value: &str,
    (label, label_lang): (&str, Option<&str>),
    id: String,
    checked: bool,
) -> Markup {
    html! {
        div.choice {
            @if kind == "radio" {
                input.utrecht-radio-button.utrecht-radio-button--html-input #(id) type=(kind) name=(name) value=(value) checked[checked];
                label.utrecht-form-label.utrecht-form-label--radio for=(id) lang=[label_lang] { (label) }
            } @else {
                input.utrecht-checkbox.utrecht-checkbox--html-input #(id) type=(kind) name=(name) value=(value) checked[checked];
                label.utrecht-form-label.utrecht-form-label--checkbox for=(id) lang=[label_lang] { (label) }
            }
        }
    }
}

fn choice_id(field: &str, n: usize) -> String {
    if n == 0 {
        field_id(field)
    } else {
        format!("{}-{n}", field_id(field))
    }
}

fn question_markup(ctx: &Ctx, view: &FormView<'_>, question: &Question) -> Markup {
    let lang = ctx.lang;
    let c = ctx.content_lang();
    let t = texts::texts(lang);
    let field = question.field();
    let values = view.values;
    let errors = view.errors;
    let (prompt, prompt_lang) = content::pick(&question.prompt, c);
    let help = question.help.as_ref().map(|h| content::pick(h, c));
    match question.kind {
        QuestionKind::ShortText => {
            let mut field_input = Input::text(&field, prompt, values.get(&field))
                .max_length(SHORT_TEXT_MAX)
                .error(errors.get(&field))
                .label_lang(prompt_lang);
            if let Some((help, help_lang)) = help {
                field_input = field_input.hint(help).hint_lang(help_lang);
            }
            if question.required {
                field_input = field_input.required();
            }
            input(lang, field_input)
        }
        QuestionKind::LongText => {
            let max = question.text_limit().unwrap_or(0);
            let limit = fill(t.limit_hint, &[("max", &max.to_string())]);
            let hint = match help {
                Some((help, _)) => format!("{help} {limit}"),
                None => limit,
            };
            let mut area = Input::text(&field, prompt, values.get(&field))
                .hint(&hint)
                .max_length(max)
                .error(errors.get(&field))
                .label_lang(prompt_lang);
            if question.required {
                area = area.required();
            }
            textarea(lang, area, 6)
        }
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
            let kind = if question.kind == QuestionKind::SingleChoice {
                "radio"
            } else {
                "checkbox"
            };
            group(
                lang,
                c,
                question,
                errors,
                None,
                html! {
                    @for (n, option) in question.option_labels().iter().enumerate() {
                        // The posted value is the option's position, whatever the language.
                        (choice(kind, &field, &n.to_string(), content::pick(option, c), choice_id(&field, n), values.has(&field, &n.to_string())))
                    }
                },
            )
        }
        QuestionKind::PickThemes => {
            let other = format!("{field}_other");
            group(
                lang,
                c,
                question,
                errors,
                None,
                html! {
                    @for (n, theme) in view.themes.iter().enumerate() {
                        (choice("checkbox", &field, &theme.id.to_string(), crate::views::content::pick(&theme.name, c), choice_id(&field, n), values.has(&field, &theme.id.to_string())))
                    }
                    @if question.allow_other {
                        (input(lang, Input::text(&other, t.other_topic, values.get(&other)).hint(t.other_topic_hint).max_length(OTHER_TOPIC_MAX).error(errors.get(&other))))
                    }
                },
            )
        }
        QuestionKind::RankThemes => {
            let max = view.themes.len().to_string();
            let fieldset_id = field_id(&field);
            group(
                lang,
                c,
                question,
                errors,
                Some(&fieldset_id),
                html! {
                    p.utrecht-form-field-description { (t.rank_hint) }
                    @for theme in view.themes {
                        @let name = format!("{field}_t{}", theme.id);
                        @let error = errors.get(&name);
                        div.utrecht-form-field.utrecht-form-field--invalid[error.is_some()] {
                            label for=(field_id(&name)) { (content::tr(&theme.name, c)) span.visually-hidden { " – " (crate::views::content::fill_tr(t.rank_place, "theme", &theme.name, c)) } }
                            @if let Some(error) = error { p.utrecht-form-field-error-message id={ (field_id(&name)) "-fout" } { (error) } }
                            input.utrecht-textbox.utrecht-textbox--html-input #(field_id(&name)) type="number" inputmode="numeric" min="1" max=(max)
                                name=(name) value=(values.get(&name)) aria-invalid=[error.map(|_| "true")]
                                aria-describedby=[error.map(|_| format!("{}-fout", field_id(&name)))];
                        }
                    }
                },
            )
        }
        QuestionKind::YesNoWhy => {
            let why = format!("{field}_why");
            group(
                lang,
                c,
                question,
                errors,
                None,
                html! {
                    (choice("radio", &field, "yes", (t.yes, None), choice_id(&field, 0), values.has(&field, "yes")))
                    (choice("radio", &field, "no", (t.no, None), choice_id(&field, 1), values.has(&field, "no")))
                    (textarea(lang, Input::text(&why, t.why, values.get(&why)).max_length(WHY_MAX).error(errors.get(&why)), 4))
                },
            )
        }
        QuestionKind::Scale => group(
            lang,
            c,
            question,
            errors,
            None,
            html! {
                div.field-row {
                    @for n in 1..=5u8 {
                        // The organiser's words for the ends (they fit the question), else general ones.
                        @let ends = question.scale_labels();
                        @let (low, high) = match &ends {
                            Some((low, high)) => (content::pick(low, c), content::pick(high, c)),
                            None => ((t.scale_low, None), (t.scale_high, None)),
                        };
                        @let (label, label_lang) = match n { 1 => (format!("1 ({})", low.0), low.1), 5 => (format!("5 ({})", high.0), high.1), n => (n.to_string(), None) };
                        (choice("radio", &field, &n.to_string(), (&label, label_lang), choice_id(&field, usize::from(n - 1)), values.has(&field, &n.to_string())))
                    }
                }
            },
        ),
        QuestionKind::EmailUpdates => {
            let consent = format!("{field}_consent");
            let hint = fill(t.email_hint, &[("date", &lang.date(view.erase_by))]);
            let consent_error = errors.get(&consent);
            group(
                lang,
                c,
                question,
                errors,
                None,
                html! {
                    (input(lang, Input::text(&field, t.email_label, values.get(&field)).kind("email").autocomplete("email").hint(&hint).error(errors.get(&field))))
                    div.choice.utrecht-form-field--invalid[consent_error.is_some()] {
                        input #(field_id(&consent)) type="checkbox" name=(consent) value="yes" checked[values.has(&consent, "yes")]
                            aria-describedby=[consent_error.map(|_| format!("{}-fout", field_id(&consent)))];
                        label for=(field_id(&consent)) { (t.consent_label) }
                    }
                    @if let Some(error) = consent_error { p.utrecht-form-field-error-message id={ (field_id(&consent)) "-fout" } { (error) } }
                },
            )
        }
    }
}

pub fn form_page(ctx: &Ctx, view: FormView<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let c = view.consultation;
    let content_lang = ctx.content_lang();
    let action = format!("/processen/{}/consultatie/{}", view.process.slug, c.id);
    let (title, title_lang) = content::pick(&c.title, content_lang);
    page(
        ctx,
        title,
        html! {
            p.eyebrow { (content::fill_tr(t.consultation_of, "process", &view.process.title, content_lang)) }
            h1.utrecht-heading-1 lang=[title_lang] { (title) }
            p.utrecht-paragraph.utrecht-paragraph--lead { strong { (period(ctx.lang, &c.window)) } }
            @if view.preview { p.utrecht-alert.utrecht-alert--ok role="status" { (t.preview_banner) } }
            @if c.live_results && !view.preview {
                p { a href={ "/processen/" (view.process.slug) "/uitkomsten/" (c.id) } { (crate::i18n::live_results::texts(ctx.lang).view_link) } }
            }
            (content::tr_paragraphs(&c.intro, content_lang))
            section aria-labelledby="privacy" {
                h2.utrecht-heading-2 #privacy { (t.privacy_heading) }
                (content::tr_paragraphs(&c.privacy, content_lang))
            }
            // A refusal notice takes focus like an error summary (they never come together).
            @if let Some(notice) = view.notice { div.error-summary role="alert" tabindex="-1" autofocus { p { (notice) } } }
            (error_summary(ctx.lang, view.errors))
            form.form method="post" action=[(!view.preview).then_some(&action)] novalidate {
                (csrf_field(ctx))
                input type="hidden" name="idempotency_key" value=(view.idempotency_key);
                input type="hidden" name="form_started" value=(view.started);
                div.honeypot aria-hidden="true" {
                    label for="veld-website" { (t.honeypot_label) }
                    input #veld-website type="text" name=(HONEYPOT) value=(view.values.get(HONEYPOT)) tabindex="-1" autocomplete="off";
                }
                @for question in view.questions { (question_markup(ctx, &view, question)) }
                @if !view.preview { button.utrecht-button.utrecht-button--primary-action type="submit" { (t.submit) } }
            }
            p { a href={ "/processen/" (view.process.slug) } { (crate::views::content::fill_tr(t.back_to_process, "process", &view.process.title, content_lang)) } }
        },
    )
}
