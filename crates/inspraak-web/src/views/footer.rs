//! The page footer, as on Dutch government sites: who runs the site and how to reach them,
//! the privacy and accessibility statements, where to report a vulnerability, the open data,
//! and the open-source notice. Its own file so the layout's markup can change apart from it.

use crate::ctx::Ctx;
use crate::house::tel_href;
use crate::i18n::{common, fill, house as texts};
use maud::{Markup, html};

/// The official text of the licence, in every EU language.
const EUPL_URL: &str =
    "https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12";

pub fn footer(ctx: &Ctx) -> Markup {
    let t = texts::texts(ctx.lang);
    let common = common::texts(ctx.lang);
    let house = &ctx.state.settings.house;
    let about = match &house.organisation_name {
        Some(organisation) => fill(
            t.footer_run_by,
            &[("site", &house.site_name), ("organisation", organisation)],
        ),
        None => fill(t.footer_default, &[("site", &house.site_name)]),
    };
    let contact = &house.contact;
    html! {
        footer.utrecht-page-footer {
            div.utrecht-page-footer__content {
                p.utrecht-paragraph { (about) }
                h2.utrecht-heading-2.site-footer__heading { (t.footer_contact) }
                ul.site-footer__list {
                    li { a.utrecht-link.utrecht-link--html-a href=(crate::views::contact::PATH) { (crate::i18n::contact::texts(ctx.lang).link) } }
                    @if let Some(email) = &contact.email {
                        li { a.utrecht-link.utrecht-link--html-a href={ "mailto:" (email) } { (email) } }
                    }
                    @if let Some(phone) = &contact.phone {
                        li { a.utrecht-link.utrecht-link--html-a href=(tel_href(phone)) { (phone) } }
                    }
                    @if let Some(url) = &contact.url {
                        li { a.utrecht-link.utrecht-link--html-a href=(url) { (t.footer_contact_page) } }
                    }
                }
                nav aria-label=(t.footer_label) {
                    ul.site-footer__list {
                        li { a.utrecht-link.utrecht-link--html-a href=(crate::paths::PRIVACY_STATEMENT) { (t.footer_privacy) } }
                        li { a.utrecht-link.utrecht-link--html-a href="/toegankelijkheid" { (crate::i18n::accessibility::texts(ctx.lang).footer_link) } }
                        li { a.utrecht-link.utrecht-link--html-a href="/.well-known/security.txt" { (t.footer_vulnerability) } }
                        li { a.utrecht-link.utrecht-link--html-a href="/feed.atom" { (common.footer_feed) } }
                        li { a.utrecht-link.utrecht-link--html-a href="/api/v1/openapi.json" { (common.footer_open_data) } }
                    }
                }
                p.utrecht-paragraph {
                    (t.footer_open_source) " "
                    a.utrecht-link.utrecht-link--html-a href=(EUPL_URL) { (t.footer_licence) }
                    @if let Some(source) = &house.source_url {
                        " · " a.utrecht-link.utrecht-link--html-a href=(source) { (t.footer_source) }
                    }
                }
            }
        }
    }
}
