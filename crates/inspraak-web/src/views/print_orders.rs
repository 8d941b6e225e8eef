//! "Bestel een gedrukte versie": the order form (beside a process's action plan), its thanks
//! page, and the organisers' list of orders with its downloads.

use crate::ctx::Ctx;
use crate::flows::public_form::GateFields;
use crate::i18n::{fill, print_orders as texts};
use crate::views::admin_shell::{Crumb, admin_page, downloads};
use crate::views::components::{
    FormErrors, Input, csrf_field, error_summary, gate_fields, input, textarea,
};
use crate::views::content::paragraphs;
use crate::views::layout::page;
use inspraak_domain::print_order::MAX_COPIES;
use inspraak_domain::retention::handled;
use inspraak_store::print_orders::PrintOrder;
use inspraak_store::process::Process;
use maud::{Markup, html};

pub const ADMIN_PATH: &str = "/beheer/bestellingen";

/// The form's path for a process.
pub fn form_path(slug: &str) -> String {
    format!("/processen/{slug}/actieplan/bestellen")
}

/// The small section the action plan page carries.
pub fn order_link(ctx: &Ctx, slug: &str) -> Markup {
    let t = texts::texts(ctx.lang);
    html! {
        section.print-order aria-labelledby="bestellen" {
            h2.utrecht-heading-2 #bestellen { (t.link) }
            p { a href=(form_path(slug)) { (t.link_text) } }
        }
    }
}

/// The form as typed.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct OrderForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub address: String,
    #[serde(default = "one")]
    pub copies: String,
    #[serde(flatten)]
    pub gate: GateFields,
}

fn one() -> String {
    "1".to_owned()
}

impl Default for OrderForm {
    fn default() -> Self {
        OrderForm {
            name: String::new(),
            address: String::new(),
            copies: one(),
            gate: GateFields::default(),
        }
    }
}

pub fn label(ctx: &Ctx, field: &str) -> String {
    let t = texts::texts(ctx.lang);
    match field {
        "name" => t.name,
        "address" => t.address,
        _ => t.copies,
    }
    .to_owned()
}

pub fn form(ctx: &Ctx, process: &Process, form: &OrderForm, errors: &FormErrors) -> Markup {
    let t = texts::texts(ctx.lang);
    let c = ctx.content_lang();
    let title = fill(
        t.title,
        &[(
            "title",
            crate::views::content::pick(&process.title, ctx.content_lang()).0,
        )],
    );
    let copies_hint = fill(t.copies_hint, &[("max", &MAX_COPIES.to_string())]);
    page(
        ctx,
        &title,
        html! {
            h1.utrecht-heading-1 { (crate::views::content::fill_tr(t.title, "title", &process.title, c)) }
            p.utrecht-paragraph.utrecht-paragraph--lead { (t.intro) }
            (error_summary(ctx.lang, errors))
            form.form method="post" action=(form_path(&process.slug)) novalidate {
                (csrf_field(ctx))
                (gate_fields(ctx, &form.gate))
                (input(ctx.lang, Input::text("name", t.name, &form.name).required().max_length(200).autocomplete("name").error(errors.get("name"))))
                (textarea(ctx.lang, Input::text("address", t.address, &form.address).required().hint(t.address_hint).max_length(500).error(errors.get("address")), 4))
                (input(ctx.lang, Input::text("copies", t.copies, &form.copies).kind("number").required().hint(&copies_hint).error(errors.get("copies"))))
                p { (t.privacy_hint) }
                button.utrecht-button.utrecht-button--primary-action type="submit" { (t.send) }
            }
            p { a href={ "/processen/" (process.slug) "/actieplan" } { (t.back) } }
        },
    )
}

pub fn thanks(ctx: &Ctx, process: &Process) -> Markup {
    let t = texts::texts(ctx.lang);
    page(
        ctx,
        t.thanks_title,
        html! {
            h1.utrecht-heading-1 { (t.thanks_title) }
            p.utrecht-paragraph.utrecht-paragraph--lead { (t.thanks_text) }
            p { a href={ "/processen/" (process.slug) "/actieplan" } { (t.back) } }
        },
    )
}

/// The organisers' list: every order, open ones first.
pub fn list(ctx: &Ctx, orders: &[PrintOrder], notice: Option<&str>) -> Markup {
    let t = texts::texts(ctx.lang);
    let c = ctx.content_lang();
    let days = handled::AFTER_HANDLED.days().to_string();
    let max = handled::UNHANDLED_MAX.days().to_string();
    admin_page(
        ctx,
        &[Crumb::new(t.list_title, ADMIN_PATH)],
        None,
        t.list_title,
        html! {
            h1.utrecht-heading-1 { (t.list_title) }
            @if let Some(notice) = notice { p.utrecht-alert.utrecht-alert--ok role="status" { (notice) } }
            p { (fill(t.retention_note, &[("days", &days), ("max", &max)])) }
            ul { (downloads(t.download, ADMIN_PATH)) }
            p { (crate::export::formats_note(ctx.lang)) }
            @if orders.is_empty() { p { (t.none) } } @else {
                div.table-wrapper { table.utrecht-table.utrecht-table--html-table {
                    thead { tr {
                        th scope="col" { (t.col_ordered) } th scope="col" { (t.col_process) }
                        th scope="col" { (t.col_name) } th scope="col" { (t.col_address) }
                        th scope="col" { (t.col_copies) } th scope="col" { (t.col_status) }
                    } }
                    tbody { @for o in orders {
                        tr id={ "bestelling-" (o.id) } {
                            td { (ctx.lang.date_time(o.created_at)) }
                            td lang=[c] { (o.process_title) }
                            td { (o.name.as_deref().unwrap_or(t.erased)) }
                            td { @match &o.address { Some(a) => (paragraphs(&a.replace('\n', "\n\n"), None)), None => (t.erased) } }
                            td.num { (o.copies) }
                            td {
                                @if let Some(at) = o.handled_at { (t.handled) " " (ctx.lang.date_time(at)) }
                                @else {
                                    form.inline-form method="post" action={ (ADMIN_PATH) "/" (o.id) "/verstuurd" } {
                                        (csrf_field(ctx))
                                        button.utrecht-button.utrecht-button--secondary-action type="submit" {
                                            (t.mark_handled) span.visually-hidden { ": " (o.name.as_deref().unwrap_or(t.erased)) }
                                        }
                                    }
                                }
                            }
                        }
                    } }
                } }
            }
        },
    )
}
