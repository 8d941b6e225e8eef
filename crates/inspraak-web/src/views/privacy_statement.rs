//! The public privacy statement, written from the retention settings of the public processes.

use super::layout;
use crate::ctx::Ctx;
use crate::house::tel_href;
use crate::i18n::{fill, privacy_statement as texts};
use inspraak_domain::retention::handled;
use maud::{Markup, html};

/// A public process and how long its participants' data is kept.
pub struct Retention {
    pub title: String,
    pub slug: String,
    pub days: u32,
}

pub fn page(ctx: &Ctx, retention: &[Retention], default_days: u32) -> Markup {
    let t = texts::texts(ctx.lang);
    let house = &ctx.state.settings.house;
    let organisation = house.organisation_or_site();
    let contact = &house.contact;
    let c = ctx.content_lang();
    layout::page(
        ctx,
        t.title,
        html! {
            h1 { (t.title) }
            p { (fill(t.intro, &[("site", &house.site_name), ("organisation", organisation)])) }
            h2 { (t.stored_heading) }
            ul {
                li { (t.stored_consultation) }
                li { (t.stored_sessions) }
                li { (t.stored_ideas) }
                li { (t.stored_following) }
                li { (t.stored_contact) }
                li { (crate::i18n::print_orders::texts(ctx.lang).stored) }
                li { (t.stored_cookie) }
            }
            p { (t.stored_not) }
            h2 #bewaartermijn { (t.retention_heading) }
            p { (t.retention_intro) }
            p { (fill(t.retention_default, &[("days", &default_days.to_string())])) }
            p { (fill(t.retention_handled, &[
                ("days", &handled::AFTER_HANDLED.days().to_string()),
                ("max", &handled::UNHANDLED_MAX.days().to_string()),
            ])) }
            @if !retention.is_empty() {
                table {
                    caption { (t.retention_table_caption) }
                    thead { tr { th scope="col" { (t.col_process) } th scope="col" { (t.col_days) } } }
                    tbody {
                        @for process in retention {
                            tr {
                                th scope="row" {
                                    a href={ "/processen/" (process.slug) } lang=[c] { (process.title) }
                                }
                                td { (fill(t.days, &[("days", &process.days.to_string())])) }
                            }
                        }
                    }
                }
            }
            h2 #wissen { (t.erase_heading) }
            p { (t.erase_link) }
            @if contact.is_empty() {
                p { (t.erase_no_contact) }
            } @else {
                p { (fill(t.erase_contact, &[("organisation", organisation)])) }
                ul {
                    @if let Some(email) = &contact.email { li { a href={ "mailto:" (email) } { (email) } } }
                    @if let Some(phone) = &contact.phone { li { a href=(tel_href(phone)) { (phone) } } }
                    @if let Some(url) = &contact.url { li { a href=(url) { (url) } } }
                }
            }
            h2 { (t.rights_heading) }
            p { (t.rights_text) }
            p { a href="https://www.autoriteitpersoonsgegevens.nl/" { (t.rights_authority) } }
        },
    )
}
