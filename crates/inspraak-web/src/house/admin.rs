//! The organisers' page `/beheer/huisstijl` (route in `routes/house.rs`): what the house style
//! is set to, and whether its colours pass 4.5:1. Read-only: the settings live in the server's
//! configuration. And the same check as warnings in the log at start-up.

use crate::ctx::Ctx;
use crate::house::colour::{ContrastCheck, WHITE};
use crate::i18n::{fill, house as texts};
use crate::views::admin_shell::{Crumb, admin_page};
use maud::{Markup, html};

pub const PATH: &str = "/beheer/huisstijl";

pub fn page(ctx: &Ctx) -> Markup {
    let t = texts::texts(ctx.lang);
    let house = &ctx.state.settings.house;
    let checks = house.palette.checks();
    let not_set = || t.not_set.to_owned();
    let rows: Vec<(&str, String)> = vec![
        ("INSPRAAK_SITE_NAME", house.site_name.clone()),
        (
            "INSPRAAK_ORGANISATION_NAME",
            house.organisation_name.clone().unwrap_or_else(not_set),
        ),
        (
            "INSPRAAK_LOGO",
            house
                .logo
                .as_ref()
                .map_or_else(|| t.logo_none.to_owned(), |l| l.file_name.clone()),
        ),
        ("INSPRAAK_FAVICON", house.favicon.file_name.clone()),
        (
            "INSPRAAK_CONTACT_EMAIL",
            house.contact.email.clone().unwrap_or_else(not_set),
        ),
        (
            "INSPRAAK_CONTACT_PHONE",
            house.contact.phone.clone().unwrap_or_else(not_set),
        ),
        (
            "INSPRAAK_CONTACT_URL",
            house.contact.url.clone().unwrap_or_else(not_set),
        ),
        (
            "INSPRAAK_SOURCE_URL",
            house.source_url.clone().unwrap_or_else(not_set),
        ),
    ];
    let failures = checks.iter().filter(|c| !c.passes()).count();
    admin_page(
        ctx,
        &[Crumb::new(t.title, PATH)],
        None,
        t.title,
        html! {
            h1 { (t.title) }
            @if failures > 0 {
                p.notice #contrast-warning { strong { (warning(t, failures)) } }
            }
            p { (t.intro) }
            @if let Some(logo) = &house.logo {
                p { img.site-logo src=(logo.href()) alt=(fill(t.logo_alt, &[("organisation", house.organisation_or_site())])); }
            }
            h2 { (t.settings_heading) }
            table {
                thead { tr { th scope="col" { (t.col_setting) } th scope="col" { (t.col_value) } } }
                tbody {
                    @for (setting, value) in &rows {
                        tr { th scope="row" { code { (setting) } } td { (value) } }
                    }
                }
            }
            h2 #contrast { (t.contrast_heading) }
            p { (t.contrast_intro) }
            @if checks.is_empty() {
                p { (t.contrast_none) }
            } @else {
                table {
                    thead {
                        tr {
                            th scope="col" { (t.col_setting) }
                            th scope="col" { (t.col_colour) }
                            th scope="col" { (t.col_against) }
                            th scope="col" { (t.col_ratio) }
                            th scope="col" { (t.col_result) }
                        }
                    }
                    tbody {
                        @for check in &checks { (row(check, t)) }
                    }
                }
            }
        },
    )
}

fn warning(t: &texts::HouseTexts, failures: usize) -> String {
    if failures == 1 {
        t.warning_one.to_owned()
    } else {
        fill(t.warning_many, &[("count", &failures.to_string())])
    }
}

fn row(check: &ContrastCheck, t: &texts::HouseTexts) -> Markup {
    let against = if check.against == WHITE {
        t.white_text
    } else {
        t.dark_text
    };
    html! {
        tr {
            th scope="row" { code { (check.variable) } }
            td { code { (check.colour.to_string()) } }
            td { (against) }
            td { (check.ratio_text()) }
            td { @if check.passes() { (t.passes) } @else { strong { (t.fails) } } }
        }
    }
}

/// One warning line per failing colour, logged at start-up.
pub fn log_contrast_warnings(house: &super::HouseStyle) {
    for check in house.palette.failures() {
        tracing::warn!(
            variable = check.variable,
            colour = %check.colour,
            against = %check.against,
            ratio = %check.ratio_text(),
            "house-style colour fails WCAG contrast 4.5:1; text on or in it is hard to read (see /beheer/huisstijl)"
        );
    }
}
