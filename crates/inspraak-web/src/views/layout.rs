//! The page shell: skip link, header with navigation and language switch, main, footer.

use crate::ctx::Ctx;
use crate::i18n::{Lang, common};
use maud::{DOCTYPE, Markup, html};

fn head(title: &str, site_name: &str) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            title { (title) " – " (site_name) }
            link rel="stylesheet" href="/static/inspraak.css";
            script src="/static/inspraak.js" defer {}
        }
    }
}

/// A whole page. `title` is the page's `<title>` (the body carries its own `h1`).
pub fn page(ctx: &Ctx, title: &str, body: Markup) -> Markup {
    let t = common::texts(ctx.lang);
    let other = match ctx.lang {
        Lang::Nl => Lang::En,
        Lang::En => Lang::Nl,
    };
    html! {
        (DOCTYPE)
        html lang=(ctx.lang.code()) {
            (head(title, t.site_name))
            body {
                a.skip-link href="#inhoud" { (t.skip_link) }
                header.site-header {
                    div.container.site-header__inner {
                        a.site-name href="/" { (t.site_name) }
                        nav aria-label=(t.nav_label) {
                            ul.nav-list {
                                li { a href="/" { (t.nav_home) } }
                                li { a href="/agenda" { (crate::i18n::sessions::texts(ctx.lang).agenda_title) } }
                                @if crate::ctx::is_forum_member(ctx.user.as_ref()) {
                                    li { a href="/forum" { (crate::i18n::forum_home::texts(ctx.lang).nav_forum) } }
                                }
                                @if ctx.is_organiser() {
                                    li { a href="/beheer" { (t.nav_admin) } }
                                }
                                @if ctx.user.is_some() {
                                    li { a href="/account" { (t.nav_account) } }
                                    li {
                                        form.inline-form method="post" action="/uitloggen" {
                                            (super::components::csrf_field(ctx))
                                            button.link-button type="submit" { (t.nav_logout) }
                                        }
                                    }
                                } @else {
                                    li { a href="/inloggen" { (t.nav_login) } }
                                }
                                li {
                                    a href={ (ctx.path) "?lang=" (other.code()) } lang=(other.code()) hreflang=(other.code())
                                        aria-label=(t.switch_language_label) { (t.switch_language) }
                                }
                            }
                        }
                    }
                }
                main #inhoud tabindex="-1" {
                    div.container { (body) }
                }
                footer.site-footer {
                    div.container {
                        p { (t.footer_text) }
                        p { a href="/toegankelijkheid" { (crate::i18n::accessibility::texts(ctx.lang).footer_link) } }
                        p {
                            a href="/feed.atom" { (t.footer_feed) }
                            " · "
                            a href="/api/v1/openapi.json" { (t.footer_open_data) }
                        }
                    }
                }
            }
        }
    }
}

/// The error page used where no request context exists: Dutch first, English below.
pub fn error_page(nl: (&str, String), en: (&str, String)) -> Markup {
    let t = common::texts(Lang::Nl);
    html! {
        (DOCTYPE)
        html lang="nl" {
            (head(nl.0, t.site_name))
            body {
                a.skip-link href="#inhoud" { (t.skip_link) }
                header.site-header {
                    div.container.site-header__inner { a.site-name href="/" { (t.site_name) } }
                }
                main #inhoud tabindex="-1" {
                    div.container {
                        h1 { (nl.0) }
                        p { (nl.1) }
                        div lang="en" {
                            h2 { (en.0) }
                            p { (en.1) }
                        }
                        p { a href="/" { (t.back_home) } }
                    }
                }
            }
        }
    }
}
