//! Pages of one's own account: the second login step, two-step enrolment, sessions, password.

use super::components::{FormErrors, Input, csrf_field, error_summary, input};
use super::layout::page;
use crate::ctx::Ctx;
use crate::i18n::{account as texts, fill};
use inspraak_store::login_sessions::SessionInfo;
use maud::{Markup, PreEscaped, html};

pub fn second_step(ctx: &Ctx, next: &str, errors: &FormErrors) -> Markup {
    let t = texts::texts(ctx.lang);
    page(
        ctx,
        t.code_title,
        html! {
            h1.utrecht-heading-1 { (t.code_title) }
            (error_summary(ctx.lang, errors))
            p { (t.code_intro) }
            form.form method="post" action="/inloggen/code" novalidate {
                (csrf_field(ctx))
                input type="hidden" name="next" value=(next);
                (input(ctx.lang, Input::text("code", t.code_label, "").hint(t.code_hint).autocomplete("one-time-code").required().error(errors.get("code"))))
                button.utrecht-button.utrecht-button--primary-action type="submit" { (t.code_button) }
            }
        },
    )
}

pub struct Enrolment<'a> {
    pub required: bool,
    /// Our own SVG, generated from our own otpauth URL: safe to embed as is.
    pub qr_svg: &'a str,
    pub secret: &'a str,
}

pub fn enrol(ctx: &Ctx, view: Enrolment<'_>, errors: &FormErrors) -> Markup {
    let t = texts::texts(ctx.lang);
    page(
        ctx,
        t.enrol_title,
        html! {
            h1.utrecht-heading-1 { (t.enrol_title) }
            (error_summary(ctx.lang, errors))
            @if view.required { p.utrecht-alert.utrecht-alert--info { (t.enrol_required) } }
            p { (t.enrol_intro) }
            p { (t.enrol_step_scan) }
            div.qr-code role="img" aria-label=(t.enrol_qr_alt) { (PreEscaped(view.qr_svg)) }
            p { (t.enrol_step_type) }
            p { strong { (t.enrol_secret_label) ": " } code.secret lang="en" { (view.secret) } }
            p { (t.enrol_step_code) }
            form.form method="post" action="/account/tweestapsverificatie" novalidate {
                (csrf_field(ctx))
                (input(ctx.lang, Input::text("code", t.code_label, "").autocomplete("one-time-code").required().error(errors.get("code"))))
                button.utrecht-button.utrecht-button--primary-action type="submit" { (t.enrol_button) }
            }
        },
    )
}

pub fn recovery_codes(ctx: &Ctx, codes: &[String], continue_to: &str) -> Markup {
    let t = texts::texts(ctx.lang);
    page(
        ctx,
        t.enrol_done_title,
        html! {
            h1.utrecht-heading-1 { (t.enrol_done_title) }
            p { (t.enrol_done_intro) }
            ul.recovery-codes { @for code in codes { li { code { (code) } } } }
            p { a.utrecht-button-link.utrecht-button-link--html-a.utrecht-button-link--primary-action href=(continue_to) { (t.enrol_continue) } }
        },
    )
}

pub fn already_enrolled(ctx: &Ctx, unused_codes: u64) -> Markup {
    let t = texts::texts(ctx.lang);
    page(
        ctx,
        t.enrol_title,
        html! {
            h1.utrecht-heading-1 { (t.two_step_title) }
            p { (t.enrol_already) }
            p { (fill(t.recovery_left, &[("n", &unused_codes.to_string())])) }
            p { a href="/account" { (t.account_title) } }
        },
    )
}

pub struct AccountPage<'a> {
    pub sessions: &'a [SessionInfo],
    pub two_step_on: bool,
    pub notice: Option<&'a str>,
    pub errors: &'a FormErrors,
}

pub fn account(ctx: &Ctx, view: AccountPage<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    page(
        ctx,
        t.account_title,
        html! {
            h1.utrecht-heading-1 { (t.account_title) }
            @if let Some(notice) = view.notice { p.utrecht-alert.utrecht-alert--ok role="status" { (notice) } }
            (error_summary(ctx.lang, view.errors))
            p { (t.account_intro) }

            h2.utrecht-heading-2 { (t.sessions_title) }
            div.table-wrapper {
                table.utrecht-table.utrecht-table--html-table {
                    thead { tr {
                        th scope="col" { (t.session_started) } th scope="col" { (t.session_last_seen) }
                        th scope="col" { (t.session_device) } th scope="col" { (t.session_network) }
                    } }
                    tbody {
                        @for s in view.sessions {
                            tr {
                                td { (ctx.lang.date_time(s.created_at)) @if s.is_current { " " (t.session_current) } }
                                td { (ctx.lang.date_time(s.last_seen_at)) }
                                td { (s.user_agent.as_deref().unwrap_or(t.unknown)) }
                                td { (s.address_range.as_deref().unwrap_or(t.unknown)) }
                            }
                        }
                    }
                }
            }
            form.form method="post" action="/account/sessies/beeindigen" {
                (csrf_field(ctx))
                button.utrecht-button.utrecht-button--secondary-action type="submit" { (t.end_others) }
            }

            h2.utrecht-heading-2 { (t.two_step_title) }
            p { @if view.two_step_on { (t.two_step_on) } @else { (t.two_step_off) } }
            p { a href="/account/tweestapsverificatie" { (t.two_step_set_up) } }

            h2.utrecht-heading-2 #wachtwoord { (t.password_title) }
            form.form method="post" action="/account/wachtwoord" novalidate {
                (csrf_field(ctx))
                (input(ctx.lang, Input::text("current_password", t.current_password, "").kind("password").autocomplete("current-password").required().error(view.errors.get("current_password"))))
                (input(ctx.lang, Input::text("new_password", t.new_password, "").kind("password").autocomplete("new-password").hint(t.new_password_hint).required().error(view.errors.get("new_password"))))
                button.utrecht-button.utrecht-button--primary-action type="submit" { (t.change_password) }
            }
        },
    )
}

pub fn forgot(ctx: &Ctx, email: &str, errors: &FormErrors, sent: bool) -> Markup {
    let t = texts::texts(ctx.lang);
    let c = crate::i18n::auth::texts(ctx.lang);
    page(
        ctx,
        t.forgot_title,
        html! {
            h1.utrecht-heading-1 { (t.forgot_title) }
            @if sent {
                p.utrecht-alert.utrecht-alert--ok role="status" { (t.forgot_sent) }
            } @else {
                (error_summary(ctx.lang, errors))
                p { (t.forgot_intro) }
                form.form method="post" action="/wachtwoord-vergeten" novalidate {
                    (csrf_field(ctx))
                    (input(ctx.lang, Input::text("email", c.email, email).kind("email").autocomplete("username").required().error(errors.get("email"))))
                    button.utrecht-button.utrecht-button--primary-action type="submit" { (t.forgot_button) }
                }
            }
        },
    )
}

pub fn reset(ctx: &Ctx, token: &str, errors: &FormErrors) -> Markup {
    let t = texts::texts(ctx.lang);
    page(
        ctx,
        t.reset_title,
        html! {
            h1.utrecht-heading-1 { (t.reset_title) }
            (error_summary(ctx.lang, errors))
            form.form method="post" action={ "/wachtwoord-herstellen/" (token) } novalidate {
                (csrf_field(ctx))
                (input(ctx.lang, Input::text("new_password", t.new_password, "").kind("password").autocomplete("new-password").hint(t.new_password_hint).required().error(errors.get("new_password"))))
                button.utrecht-button.utrecht-button--primary-action type="submit" { (t.reset_button) }
            }
        },
    )
}

pub fn reset_invalid(ctx: &Ctx) -> Markup {
    let t = texts::texts(ctx.lang);
    page(
        ctx,
        t.reset_title,
        html! {
            h1.utrecht-heading-1 { (t.reset_title) }
            p { (t.reset_invalid) }
            p { a href="/wachtwoord-vergeten" { (t.forgot_title) } }
        },
    )
}
