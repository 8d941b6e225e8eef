//! Asking to join the stakeholder forum (a public form and its thank-you page) and the
//! organisers' queue of open requests.

use super::admin_shell::{Crumb, admin_page};
use super::components::{
    FormErrors, Input, csrf_field, error_summary, gate_fields, input, textarea,
};
use super::layout::page;
use crate::ctx::Ctx;
use crate::flows::public_form::GateFields;
use crate::i18n::{Lang, forum_requests as texts};
use inspraak_store::forum_requests::Request;
use maud::{Markup, html};

/// The form as posted (and shown again with everything typed).
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct RequestForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub motivation: String,
    /// The hidden fields of the public-form gate.
    #[serde(flatten)]
    pub gate: GateFields,
}

pub fn label(lang: Lang, field: &str) -> String {
    let t = texts::texts(lang);
    match field {
        "name" => t.name,
        "email" => t.email,
        "organisation" => t.organisation,
        _ => t.motivation,
    }
    .to_owned()
}

pub fn request_form(ctx: &Ctx, form: &RequestForm, errors: &FormErrors) -> Markup {
    let t = texts::texts(ctx.lang);
    page(
        ctx,
        t.title,
        html! {
            h1.utrecht-heading-1 { (t.title) }
            p.utrecht-paragraph.utrecht-paragraph--lead { (t.intro) }
            p { (t.privacy) }
            (error_summary(ctx.lang, errors))
            form.form method="post" action="/forum/aanmelden" novalidate {
                (csrf_field(ctx))
                (gate_fields(ctx, &form.gate))
                (input(ctx.lang, Input::text("name", t.name, &form.name).required().autocomplete("name").max_length(120).error(errors.get("name"))))
                (input(ctx.lang, Input::text("email", t.email, &form.email).kind("email").required().autocomplete("email").hint(t.email_hint).max_length(254).error(errors.get("email"))))
                (input(ctx.lang, Input::text("organisation", t.organisation, &form.organisation).autocomplete("organization").max_length(200).error(errors.get("organisation"))))
                (textarea(ctx.lang, Input::text("motivation", t.motivation, &form.motivation).required().hint(t.motivation_hint).max_length(2000).error(errors.get("motivation")), 5))
                button.utrecht-button.utrecht-button--primary-action type="submit" { (t.button) }
            }
            p { a href="/inloggen?next=/forum" { (t.member_login) } }
        },
    )
}

pub fn thanks(ctx: &Ctx) -> Markup {
    let t = texts::texts(ctx.lang);
    page(
        ctx,
        t.thanks_title,
        html! {
            h1.utrecht-heading-1 { (t.thanks_title) }
            p.utrecht-paragraph.utrecht-paragraph--lead { (t.thanks_text) }
            p { a href="/" { (t.back_home) } }
        },
    )
}

/// What the queue says after a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    Accepted,
    Declined,
    Already,
}

pub fn queue(ctx: &Ctx, requests: &[Request], notice: Option<Notice>) -> Markup {
    let t = texts::texts(ctx.lang);
    admin_page(
        ctx,
        &[Crumb::new(t.queue_title, "/beheer/forum-aanvragen")],
        None,
        t.queue_title,
        html! {
            h1.utrecht-heading-1 { (t.queue_title) }
            @if let Some(notice) = notice {
                p.utrecht-alert.utrecht-alert--ok role="status" {
                    (match notice {
                        Notice::Accepted => t.accepted_notice,
                        Notice::Declined => t.declined_notice,
                        Notice::Already => t.already_notice,
                    })
                }
            }
            p { (t.queue_intro) }
            @if requests.is_empty() { p { (t.queue_empty) } }
            @for request in requests {
                article.card #{ "aanvraag-" (request.id) } {
                    h2.utrecht-heading-3 { (request.name) }
                    dl {
                        dt { (t.email) } dd { (request.email) }
                        @if let Some(organisation) = &request.organisation { dt { (t.organisation) } dd { (organisation) } }
                        dt { (t.motivation) } dd { (super::content::paragraphs(&request.motivation, None)) }
                        dt { (t.sent_on) } dd { (ctx.lang.date_time(request.created_at)) }
                    }
                    form.inline-form method="post" action={ "/beheer/forum-aanvragen/" (request.id) } {
                        (csrf_field(ctx))
                        button.utrecht-button.utrecht-button--primary-action type="submit" name="decision" value="accept" { (t.accept_button) span.visually-hidden { ": " (request.name) } }
                        " "
                        button.utrecht-button.utrecht-button--secondary-action type="submit" name="decision" value="decline" { (t.decline_button) span.visually-hidden { ": " (request.name) } }
                    }
                }
            }
        },
    )
}
