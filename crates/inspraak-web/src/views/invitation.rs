//! Accepting an invitation to a staff account, and the page for a link that no longer works.

use super::components::{self, FormErrors, Input};
use super::layout;
use crate::ctx::Ctx;
use crate::i18n::{accounts as texts, fill};
use inspraak_domain::Role;
use inspraak_store::invitations::Invitation;
use maud::{Markup, html};
use std::collections::HashMap;

pub fn accept(
    ctx: &Ctx,
    token: &str,
    invitation: &Invitation,
    values: &HashMap<String, String>,
    errors: &FormErrors,
) -> Markup {
    let t = texts::texts(ctx.lang);
    let value = |name: &str| values.get(name).map_or("", String::as_str);
    let role = texts::role_name(ctx.lang, invitation.role);
    layout::page(
        ctx,
        t.accept_title,
        html! {
            h1.utrecht-heading-1 { (t.accept_title) }
            p { (fill(t.accept_intro, &[("role", role), ("email", &invitation.email)])) }
            @if invitation.role == Role::Organiser { p { (t.accept_next_organiser) } }
            (components::error_summary(ctx.lang, errors))
            form.form method="post" action={ "/uitnodiging/" (token) } novalidate {
                (components::csrf_field(ctx))
                (components::input(ctx.lang, Input::text("name", t.name, value("name")).required().autocomplete("name").max_length(120).error(errors.get("name"))))
                (components::input(ctx.lang, Input::text("organisation", t.organisation, value("organisation")).autocomplete("organization").max_length(200).error(errors.get("organisation"))))
                (components::input(ctx.lang, Input::text("password", t.password, "").kind("password").hint(t.password_hint).required().autocomplete("new-password").error(errors.get("password"))))
                button.utrecht-button.utrecht-button--primary-action type="submit" { (t.accept_button) }
            }
        },
    )
}

pub fn invalid(ctx: &Ctx) -> Markup {
    let t = texts::texts(ctx.lang);
    layout::page(
        ctx,
        t.invalid_title,
        html! {
            h1.utrecht-heading-1 { (t.invalid_title) }
            p { (t.invalid_text) }
            p { a href="/" { (crate::i18n::forum_requests::texts(ctx.lang).back_home) } }
        },
    )
}
