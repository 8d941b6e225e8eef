//! The login page.

use super::components::{FormErrors, Input, csrf_field, error_summary, input};
use super::layout::page;
use crate::ctx::Ctx;
use crate::i18n::auth as texts;
use maud::{Markup, html};

pub fn login(
    ctx: &Ctx,
    email: &str,
    next: &str,
    errors: &FormErrors,
    notice: Option<&str>,
) -> Markup {
    let t = texts::texts(ctx.lang);
    page(
        ctx,
        t.login_title,
        html! {
            h1.utrecht-heading-1 { (t.login_title) }
            @if let Some(notice) = notice { p.utrecht-alert.utrecht-alert--ok role="status" { (notice) } }
            (error_summary(ctx.lang, errors))
            p { (t.login_intro) }
            form.form method="post" action="/inloggen" novalidate {
                (csrf_field(ctx))
                input type="hidden" name="next" value=(next);
                (input(ctx.lang, Input::text("email", t.email, email).kind("email").autocomplete("username").required().error(errors.get("email"))))
                (input(ctx.lang, Input::text("password", t.password, "").kind("password").autocomplete("current-password").required().error(errors.get("password"))))
                button.utrecht-button.utrecht-button--primary-action type="submit" { (t.login_button) }
            }
            p { a href="/wachtwoord-vergeten" { (crate::i18n::account::texts(ctx.lang).forgot_link) } }
            @if next.starts_with("/forum") {
                p { a href="/forum/aanmelden" { (crate::i18n::forum_requests::texts(ctx.lang).ask_link) } }
            }
        },
    )
}
