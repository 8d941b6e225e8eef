//! "Laat het ons weten": the contact form, its thanks page, and the organisers' queue.

use crate::ctx::Ctx;
use crate::flows::public_form::GateFields;
use crate::house::tel_href;
use crate::i18n::{contact as texts, fill};
use crate::views::admin_shell::{Crumb, admin_page};
use crate::views::components::{
    FormErrors, Input, csrf_field, error_summary, gate_fields, input, textarea,
};
use crate::views::content::paragraphs;
use crate::views::layout::page;
use inspraak_domain::retention::handled;
use inspraak_store::contact::ContactMessage;
use maud::{Markup, html};

pub const PATH: &str = "/contact";
pub const ADMIN_PATH: &str = "/beheer/contact";

/// The form as typed.
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct ContactForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub message: String,
    /// The hidden fields of the public-form gate.
    #[serde(flatten)]
    pub gate: GateFields,
}

pub fn label(ctx: &Ctx, field: &str) -> String {
    let t = texts::texts(ctx.lang);
    match field {
        "name" => t.name,
        "email" => t.email,
        _ => t.message,
    }
    .to_owned()
}

pub fn form(ctx: &Ctx, form: &ContactForm, errors: &FormErrors) -> Markup {
    let t = texts::texts(ctx.lang);
    let house = &ctx.state.settings.house;
    let contact = &house.contact;
    page(
        ctx,
        t.title,
        html! {
            h1.utrecht-heading-1 { (t.title) }
            p.utrecht-paragraph.utrecht-paragraph--lead { (t.intro) }
            (error_summary(ctx.lang, errors))
            form.form method="post" action=(PATH) novalidate {
                (csrf_field(ctx))
                (gate_fields(ctx, &form.gate))
                (input(ctx.lang, Input::text("name", t.name, &form.name).hint(t.name_hint).max_length(200).autocomplete("name").error(errors.get("name"))))
                (input(ctx.lang, Input::text("email", t.email, &form.email).kind("email").required().hint(t.email_hint).autocomplete("email").error(errors.get("email"))))
                (textarea(ctx.lang, Input::text("message", t.message, &form.message).required().hint(t.message_hint).max_length(5_000).error(errors.get("message")), 8))
                button.utrecht-button.utrecht-button--primary-action type="submit" { (t.send) }
            }
            @if !contact.is_empty() {
                p { (fill(t.other_ways, &[("organisation", house.organisation_or_site())])) }
                ul {
                    @if let Some(email) = &contact.email { li { a href={ "mailto:" (email) } { (email) } } }
                    @if let Some(phone) = &contact.phone { li { a href=(tel_href(phone)) { (phone) } } }
                    @if let Some(url) = &contact.url { li { a href=(url) { (url) } } }
                }
            }
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

fn sender(ctx: &Ctx, message: &ContactMessage) -> Markup {
    let t = texts::texts(ctx.lang);
    html! {
        (message.name.as_deref().unwrap_or(t.no_name)) br;
        a href={ "mailto:" (message.email) } { (message.email) }
    }
}

/// The queue: open messages to handle, then the handled ones until they are erased.
pub fn queue(
    ctx: &Ctx,
    open: &[ContactMessage],
    handled_list: &[ContactMessage],
    notice: Option<&str>,
) -> Markup {
    let t = texts::texts(ctx.lang);
    let days = handled::AFTER_HANDLED.days().to_string();
    let max = handled::UNHANDLED_MAX.days().to_string();
    admin_page(
        ctx,
        &[Crumb::new(t.queue_title, ADMIN_PATH)],
        None,
        t.queue_title,
        html! {
            h1.utrecht-heading-1 { (t.queue_title) }
            @if let Some(notice) = notice { p.utrecht-alert.utrecht-alert--ok role="status" { (notice) } }
            p { (fill(t.retention_note, &[("days", &days), ("max", &max)])) }
            h2.utrecht-heading-2 { (t.queue_open) }
            @if open.is_empty() { p { (t.queue_none) } }
            @for m in open {
                article.card id={ "bericht-" (m.id) } {
                    p.eyebrow { (t.col_received) ": " (ctx.lang.date_time(m.created_at)) }
                    p { (sender(ctx, m)) }
                    div.contact-message { (paragraphs(&m.message, None)) }
                    form.inline-form method="post" action={ (ADMIN_PATH) "/" (m.id) "/afgehandeld" } {
                        (csrf_field(ctx))
                        button.utrecht-button.utrecht-button--secondary-action type="submit" {
                            (t.mark_handled) span.visually-hidden { " (" (ctx.lang.date_time(m.created_at)) ")" }
                        }
                    }
                }
            }
            @if !handled_list.is_empty() {
                h2.utrecht-heading-2 { (t.queue_handled) }
                div.table-wrapper { table.utrecht-table.utrecht-table--html-table {
                    thead { tr {
                        th scope="col" { (t.col_received) } th scope="col" { (t.col_from) }
                        th scope="col" { (t.col_message) } th scope="col" { (t.col_handled) }
                    } }
                    tbody { @for m in handled_list {
                        tr id={ "bericht-" (m.id) } {
                            td { (ctx.lang.date_time(m.created_at)) } td { (sender(ctx, m)) }
                            td { (paragraphs(&m.message, None)) }
                            td { @if let Some(at) = m.handled_at { (ctx.lang.date_time(at)) } }
                        }
                    } }
                } }
            }
        },
    )
}
