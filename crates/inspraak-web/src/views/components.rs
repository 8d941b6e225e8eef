//! Form building blocks that get accessibility right once: labels, hints, inline errors tied to
//! their field with `aria-describedby`, and an error summary that takes focus and links to each
//! field.

use crate::ctx::Ctx;
use crate::i18n::{Lang, common};
use inspraak_domain::FieldErrors;
use maud::{Markup, html};

pub fn csrf_field(ctx: &Ctx) -> Markup {
    html! { input type="hidden" name="csrf_token" value=(ctx.csrf_token); }
}

/// The hidden key and start time, and the honeypot, of a public form (`flows::public_form`).
pub fn gate_fields(ctx: &Ctx, gate: &crate::flows::public_form::GateFields) -> Markup {
    let label = common_gate_label(ctx.lang);
    html! {
        input type="hidden" name="idempotency_key" value=(gate.idempotency_key);
        input type="hidden" name="form_started" value=(gate.form_started);
        div.honeypot aria-hidden="true" {
            label for="veld-website" { (label) }
            input #veld-website type="text" name="website" value=(gate.website) tabindex="-1" autocomplete="off";
        }
    }
}

fn common_gate_label(lang: Lang) -> &'static str {
    crate::i18n::public_form::texts(lang).honeypot_label
}

/// Errors of a form as shown: the field's name (as in the HTML) and a sentence.
#[derive(Debug, Default, Clone)]
pub struct FormErrors(pub Vec<(String, String)>);

impl FormErrors {
    /// Turns domain field errors into sentences, naming each field by its visible label.
    pub fn from_fields(lang: Lang, errors: &FieldErrors, label: impl Fn(&str) -> String) -> Self {
        Self::from_fields_with_prefix(lang, errors, "", label)
    }

    /// As `from_fields`, for a form whose field ids carry a prefix (several forms on one page).
    pub fn from_fields_with_prefix(
        lang: Lang,
        errors: &FieldErrors,
        prefix: &str,
        label: impl Fn(&str) -> String,
    ) -> Self {
        FormErrors(
            errors
                .0
                .iter()
                .map(|e| {
                    (
                        format!("{prefix}{}", e.field),
                        common::problem_message(lang, e.problem, &label(e.field)),
                    )
                })
                .collect(),
        )
    }

    pub fn push(&mut self, field: &str, message: String) {
        self.0.push((field.to_owned(), message));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }
}

pub fn field_id(name: &str) -> String {
    format!("veld-{name}")
}

/// The list of errors at the top of a form. `autofocus` moves focus (and the screen reader)
/// here after a failed submit, without JavaScript.
pub fn error_summary(lang: Lang, errors: &FormErrors) -> Markup {
    let t = common::texts(lang);
    html! {
        @if !errors.is_empty() {
            // The summary (focus, role) holds an NL Design System error alert (the look).
            div.error-summary role="alert" aria-labelledby="foutmelding-titel" tabindex="-1" autofocus {
                div.utrecht-alert.utrecht-alert--error {
                    div.utrecht-alert__content {
                        div.utrecht-alert__message {
                            h2.utrecht-heading-2 #foutmelding-titel { (t.error_summary_title) }
                            ul.utrecht-unordered-list {
                                @for (field, message) in &errors.0 {
                                    li.utrecht-unordered-list__item { a.utrecht-link.utrecht-link--html-a href={ "#" (field_id(field)) } { (message) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// How a single-line input is set up.
pub struct Input<'a> {
    pub name: &'a str,
    /// What the element's id is made from; the name unless several forms share a page.
    pub id: String,
    pub label: &'a str,
    pub value: &'a str,
    pub hint: Option<&'a str>,
    pub error: Option<&'a str>,
    pub required: bool,
    pub kind: &'a str,
    pub autocomplete: Option<&'a str>,
    pub max_length: Option<usize>,
    /// `lang` of a label that an organiser wrote (a question), when the page is in another
    /// language; see `Ctx::content_lang`.
    pub label_lang: Option<&'a str>,
    /// The same for a hint that is wholly an organiser's text.
    pub hint_lang: Option<&'a str>,
}

impl<'a> Input<'a> {
    pub fn text(name: &'a str, label: &'a str, value: &'a str) -> Self {
        Input {
            name,
            id: name.to_owned(),
            label,
            value,
            hint: None,
            error: None,
            required: false,
            kind: "text",
            autocomplete: None,
            max_length: None,
            label_lang: None,
            hint_lang: None,
        }
    }
    /// Marks the label as organiser-written content (WCAG 3.1.2).
    pub fn label_lang(mut self, lang: Option<&'a str>) -> Self {
        self.label_lang = lang;
        self
    }
    /// Marks the hint as organiser-written content.
    pub fn hint_lang(mut self, lang: Option<&'a str>) -> Self {
        self.hint_lang = lang;
        self
    }
    pub fn id_prefix(mut self, prefix: &str) -> Self {
        self.id = format!("{prefix}{}", self.name);
        self
    }
    pub fn hint(mut self, hint: &'a str) -> Self {
        self.hint = Some(hint);
        self
    }
    pub fn error(mut self, error: Option<&'a str>) -> Self {
        self.error = error;
        self
    }
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }
    pub fn kind(mut self, kind: &'a str) -> Self {
        self.kind = kind;
        self
    }
    pub fn autocomplete(mut self, value: &'a str) -> Self {
        self.autocomplete = Some(value);
        self
    }
    pub fn max_length(mut self, max: usize) -> Self {
        self.max_length = Some(max);
        self
    }
}

fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{}-hint", field_id(id)));
    }
    if error {
        ids.push(format!("{}-fout", field_id(id)));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

fn label_and_messages(lang: Lang, field: &Input<'_>) -> Markup {
    let t = common::texts(lang);
    let id = field.id.as_str();
    html! {
        div.utrecht-form-field__label {
            label.utrecht-form-label for=(field_id(id)) {
                (super::content::text(field.label, field.label_lang)) " "
                span.field__marker { @if field.required { (t.required_marker) } @else { (t.optional_marker) } }
            }
        }
        @if let Some(hint) = field.hint {
            p.utrecht-form-field-description.utrecht-form-field__description id={ (field_id(id)) "-hint" } lang=[field.hint_lang] { (hint) }
        }
        @if let Some(error) = field.error {
            p.utrecht-form-field-error-message.utrecht-form-field__error-message id={ (field_id(id)) "-fout" } { (error) }
        }
    }
}

pub fn input(lang: Lang, field: Input<'_>) -> Markup {
    let describedby = described_by(&field.id, field.hint.is_some(), field.error.is_some());
    html! {
        div.utrecht-form-field.utrecht-form-field--text.utrecht-form-field--invalid[field.error.is_some()] {
            (label_and_messages(lang, &field))
            div.utrecht-form-field__input {
                input.utrecht-textbox.utrecht-textbox--html-input.utrecht-textbox--invalid[field.error.is_some()]
                    #(field_id(&field.id)) type=(field.kind) name=(field.name) value=(field.value)
                    required[field.required] autocomplete=[field.autocomplete]
                    aria-describedby=[describedby] aria-invalid=[field.error.map(|_| "true")]
                    maxlength=[field.max_length];
            }
        }
    }
}

pub fn textarea(lang: Lang, field: Input<'_>, rows: u32) -> Markup {
    let describedby = described_by(&field.id, field.hint.is_some(), field.error.is_some());
    html! {
        div.utrecht-form-field.utrecht-form-field--text.utrecht-form-field--invalid[field.error.is_some()] {
            (label_and_messages(lang, &field))
            div.utrecht-form-field__input {
                textarea.utrecht-textarea.utrecht-textarea--html-textarea.utrecht-textarea--invalid[field.error.is_some()]
                    #(field_id(&field.id)) name=(field.name) rows=(rows)
                    required[field.required] aria-describedby=[describedby]
                    aria-invalid=[field.error.map(|_| "true")] data-maxlength=[field.max_length] { (field.value) }
            }
        }
    }
}

/// A required file field (`name="file"`, id from `id`: several upload forms can share a page),
/// with its error tied to it. The form must be `multipart/form-data`.
pub fn file_input(lang: Lang, id: &str, label: &str, error: Option<&str>) -> Markup {
    let t = common::texts(lang);
    let describedby = described_by(id, false, error.is_some());
    html! {
        div.utrecht-form-field.utrecht-form-field--invalid[error.is_some()] {
            div.utrecht-form-field__label {
                label.utrecht-form-label for=(field_id(id)) {
                    (label) " " span.field__marker { (t.required_marker) }
                }
            }
            @if let Some(error) = error {
                p.utrecht-form-field-error-message.utrecht-form-field__error-message id={ (field_id(id)) "-fout" } { (error) }
            }
            div.utrecht-form-field__input {
                input.utrecht-textbox.utrecht-textbox--html-input #(field_id(id)) type="file" name="file" required
                    accept=".pdf,.odt,.ods,.docx,.xlsx,.csv,.png,.jpg,.jpeg"
                    aria-describedby=[describedby] aria-invalid=[error.map(|_| "true")];
            }
        }
    }
}
