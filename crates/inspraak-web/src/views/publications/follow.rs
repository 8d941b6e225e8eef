//! Following a process by e-mail: the form, "check your mail", and the pages behind the mailed
//! links (each with a button: a GET never changes anything).

use crate::ctx::Ctx;
use crate::i18n::publications as texts;
use crate::views::components::{FormErrors, Input, csrf_field, error_summary, field_id, input};
use crate::views::layout;
use inspraak_store::process::Process;
use maud::{Markup, html};

#[derive(Debug, Default)]
pub struct FollowForm {
    pub email: String,
    pub frequency: String,
    pub website: String,
    pub idempotency_key: String,
    /// The signed start time (`flows::public_form`).
    pub started: String,
    pub errors: FormErrors,
}

impl FollowForm {
    pub fn new(idempotency_key: String, started: String) -> Self {
        FollowForm {
            frequency: "immediate".into(),
            idempotency_key,
            started,
            ..Default::default()
        }
    }
}

pub fn form(ctx: &Ctx, process: &Process, form: &FollowForm, notice: Option<&str>) -> Markup {
    let t = texts::texts(ctx.lang);
    let title = format!(
        "{}: {}",
        t.follow_title,
        crate::views::content::pick(&process.title, ctx.content_lang()).0
    );
    let frequency_error = form.errors.get("frequency");
    layout::page(
        ctx,
        &title,
        html! {
            p.eyebrow { a href={ "/processen/" (process.slug) } { (crate::views::content::tr(&process.title, ctx.content_lang())) } }
            h1.utrecht-heading-1 { (t.follow_title) }
            p { (t.follow_text) }
            @if let Some(notice) = notice { div.error-summary role="alert" tabindex="-1" autofocus { p { (notice) } } }
            (error_summary(ctx.lang, &form.errors))
            form.form method="post" action={ "/processen/" (process.slug) "/volgen" } novalidate {
                (csrf_field(ctx))
                input type="hidden" name="idempotency_key" value=(form.idempotency_key);
                input type="hidden" name="form_started" value=(form.started);
                div.honeypot aria-hidden="true" {
                    label for="veld-website" { (t.honeypot_label) }
                    input #veld-website type="text" name="website" value=(form.website) tabindex="-1" autocomplete="off";
                }
                (input(ctx.lang, Input::text("email", t.email_label, &form.email).kind("email").required().autocomplete("email").error(form.errors.get("email"))))
                fieldset.utrecht-form-fieldset__fieldset.utrecht-form-fieldset--html-fieldset.utrecht-form-fieldset--invalid[frequency_error.is_some()] #(field_id("frequency")) tabindex="-1" {
                    legend.utrecht-form-fieldset__legend.utrecht-form-fieldset__legend--html-legend { (t.frequency_legend) }
                    @if let Some(error) = frequency_error { p.utrecht-form-field-error-message { (error) } }
                    div.choice {
                        input #veld-frequency-immediate type="radio" name="frequency" value="immediate" checked[form.frequency == "immediate"];
                        label for="veld-frequency-immediate" { (t.frequency_immediate) }
                    }
                    div.choice {
                        input #veld-frequency-weekly type="radio" name="frequency" value="weekly" checked[form.frequency == "weekly"];
                        label for="veld-frequency-weekly" { (t.frequency_weekly) }
                    }
                }
                button.utrecht-button.utrecht-button--primary-action type="submit" { (t.follow_button) }
            }
        },
    )
}

pub fn check_mail(ctx: &Ctx, process: &Process) -> Markup {
    let t = texts::texts(ctx.lang);
    layout::page(
        ctx,
        t.check_mail_title,
        html! {
            h1.utrecht-heading-1 { (t.check_mail_title) }
            p { (t.check_mail_text) }
            p { a href={ "/processen/" (process.slug) } { (t.back_to_process) } }
        },
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPage {
    Confirm,
    Confirmed,
    Unsubscribe,
    Unsubscribed,
}

pub fn link_page(ctx: &Ctx, process: &Process, which: LinkPage) -> Markup {
    let t = texts::texts(ctx.lang);
    let (title, text, button) = match which {
        LinkPage::Confirm => (t.confirm_title, t.confirm_text, Some(t.confirm_button)),
        LinkPage::Confirmed => (t.confirmed_title, t.confirmed_text, None),
        LinkPage::Unsubscribe => (
            t.unsubscribe_title,
            t.unsubscribe_text,
            Some(t.unsubscribe_button),
        ),
        LinkPage::Unsubscribed => (t.unsubscribed_title, t.unsubscribed_text, None),
    };
    layout::page(
        ctx,
        title,
        html! {
            h1.utrecht-heading-1 { (title) }
            p { (text) @if button.is_some() { " " strong { (crate::views::content::tr(&process.title, ctx.content_lang())) } } }
            @if let Some(button) = button {
                form.form method="post" action=(ctx.path) {
                    (csrf_field(ctx))
                    button.utrecht-button.utrecht-button--primary-action type="submit" { (button) }
                }
            }
            p { a href={ "/processen/" (process.slug) } { (t.back_to_process) } }
        },
    )
}

pub fn dead_link(ctx: &Ctx) -> Markup {
    let t = texts::texts(ctx.lang);
    layout::page(
        ctx,
        t.link_invalid_title,
        html! {
            h1.utrecht-heading-1 { (t.link_invalid_title) }
            p { (t.link_invalid_text) }
        },
    )
}
