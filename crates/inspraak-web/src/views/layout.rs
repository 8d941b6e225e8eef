//! The page shell: skip link, header with navigation and language switch, main, footer.

use crate::ctx::Ctx;
use crate::house::HouseStyle;
use crate::i18n::{Lang, common, fill};
use maud::{DOCTYPE, Markup, html};

fn head(title: &str, house: &HouseStyle) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            title { (title) " – " (house.site_name) }
            link rel="icon" type=(house.favicon.kind.content_type()) href=(house.favicon.href());
            link rel="stylesheet" href="/static/inspraak.css";
            // After the main stylesheet: the installation's colours override its tokens.
            link rel="stylesheet" href=(house.stylesheet_href());
            script src="/static/inspraak.js" defer {}
        }
    }
}

/// The site's name in the header, after the organisation's logo when there is one.
fn site_name(ctx_lang: Lang, house: &HouseStyle) -> Markup {
    let alt = fill(
        crate::i18n::house::texts(ctx_lang).logo_alt,
        &[("organisation", house.organisation_or_site())],
    );
    html! {
        a.site-name href="/" {
            @if let Some(logo) = &house.logo { img.site-logo src=(logo.href()) alt=(alt); }
            (house.site_name)
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
    let house = &ctx.state.settings.house;
    html! {
        (DOCTYPE)
        html lang=(ctx.lang.code()) {
            (head(title, house))
            body.utrecht-theme.utrecht-document.utrecht-document--surface {
                a.utrecht-skip-link.utrecht-skip-link--visible-on-focus href="#inhoud" { (t.skip_link) }
                header.utrecht-page-header {
                    div.utrecht-page-header__content {
                        (site_name(ctx.lang, house))
                    }
                }
                nav.utrecht-nav-bar aria-label=(t.nav_label) {
                    div.utrecht-nav-bar__content {
                            ul.utrecht-nav-list {
                                li.utrecht-nav-list__item { a.utrecht-link.utrecht-link--html-a.utrecht-nav-list__link href="/" { (t.nav_home) } }
                                li.utrecht-nav-list__item { a.utrecht-link.utrecht-link--html-a.utrecht-nav-list__link href="/agenda" { (crate::i18n::session::texts(ctx.lang).agenda_title) } }
                                @if crate::ctx::is_forum_member(ctx.user.as_ref()) {
                                    li.utrecht-nav-list__item { a.utrecht-link.utrecht-link--html-a.utrecht-nav-list__link href="/forum" { (crate::i18n::forum_home::texts(ctx.lang).nav_forum) } }
                                }
                                @if ctx.is_organiser() {
                                    li.utrecht-nav-list__item { a.utrecht-link.utrecht-link--html-a.utrecht-nav-list__link href="/beheer" { (t.nav_admin) } }
                                }
                                @if ctx.user.is_some() {
                                    li.utrecht-nav-list__item { a.utrecht-link.utrecht-link--html-a.utrecht-nav-list__link href="/account" { (t.nav_account) } }
                                    li.utrecht-nav-list__item {
                                        form.inline-form method="post" action="/uitloggen" {
                                            (super::components::csrf_field(ctx))
                                            button.utrecht-link-button.utrecht-link-button--html-button.utrecht-nav-list__link type="submit" { (t.nav_logout) }
                                        }
                                    }
                                } @else {
                                    li.utrecht-nav-list__item { a.utrecht-link.utrecht-link--html-a.utrecht-nav-list__link href="/inloggen" { (t.nav_login) } }
                                }
                                li.utrecht-nav-list__item {
                                    a.utrecht-link.utrecht-link--html-a.utrecht-nav-list__link href={ (ctx.path) "?lang=" (other.code()) } lang=(other.code()) hreflang=(other.code())
                                        aria-label=(t.switch_language_label) { (t.switch_language) }
                                }
                            }
                    }
                }
                main.utrecht-page-body #inhoud tabindex="-1" {
                    div.utrecht-page-body__content { (body) }
                }
                (super::footer::footer(ctx))
            }
        }
    }
}

/// The error page used where no request context exists: Dutch first, English below.
pub fn error_page(nl: (&str, String), en: (&str, String)) -> Markup {
    let t = common::texts(Lang::Nl);
    // Without a request there are no settings: the neutral defaults. The error-page middleware
    // replaces this page with one in the installation's house style.
    let house = HouseStyle::default();
    html! {
        (DOCTYPE)
        html lang="nl" {
            (head(nl.0, &house))
            body.utrecht-theme.utrecht-document.utrecht-document--surface {
                a.utrecht-skip-link.utrecht-skip-link--visible-on-focus href="#inhoud" { (t.skip_link) }
                header.utrecht-page-header {
                    div.utrecht-page-header__content { (site_name(Lang::Nl, &house)) }
                }
                main.utrecht-page-body #inhoud tabindex="-1" {
                    div.utrecht-page-body__content {
                        h1.utrecht-heading-1 { (nl.0) }
                        p.utrecht-paragraph { (nl.1) }
                        div lang="en" {
                            h2.utrecht-heading-2 { (en.0) }
                            p.utrecht-paragraph { (en.1) }
                        }
                        p.utrecht-paragraph { a.utrecht-link.utrecht-link--html-a href="/" { (t.back_home) } }
                    }
                }
            }
        }
    }
}
