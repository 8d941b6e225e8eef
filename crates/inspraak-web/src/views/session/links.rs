//! The pages behind the mailed links. A GET never changes anything (mail scanners follow links):
//! it shows where the sign-up stands and, when there is something to do, one button that posts.

use crate::ctx::Ctx;
use crate::i18n::session as texts;
use crate::views::components::csrf_field;
use crate::views::content::{self, fill_content};
use crate::views::layout::page;
use inspraak_store::session::Session;
use maud::{Markup, html};

/// Where a confirmation link stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmState {
    /// Waiting for the button.
    Pending,
    Confirmed,
    Waitlisted,
    Expired,
    Started,
    Cancelled,
    Invalid,
}

/// Where a cancel link stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CancelState {
    Active,
    Cancelled,
    Over,
    Invalid,
}

fn outcome(
    ctx: &Ctx,
    title: &str,
    text: Markup,
    session: Option<&Session>,
    extra: Markup,
) -> Markup {
    let t = texts::texts(ctx.lang);
    page(
        ctx,
        title,
        html! {
            h1.utrecht-heading-1 { (title) }
            p.utrecht-paragraph.utrecht-paragraph--lead { (text) }
            (extra)
            @if let Some(s) = session { p { a href={ "/bijeenkomsten/" (s.id) } { (t.go_to_session) } } }
            p { a href="/agenda" { (t.back_to_agenda) } }
        },
    )
}

pub fn confirm(ctx: &Ctx, token: &str, session: Option<&Session>, state: ConfirmState) -> Markup {
    confirm_with_trace(ctx, token, session, state, None)
}

/// As `confirm`, with the participant's personal trace link right after confirming.
pub fn confirm_with_trace(
    ctx: &Ctx,
    token: &str,
    session: Option<&Session>,
    state: ConfirmState,
    trace_href: Option<&str>,
) -> Markup {
    let t = texts::texts(ctx.lang);
    let c = ctx.content_lang();
    let (title, title_lang) = session.map_or(("", None), |s| content::pick(&s.title, c));
    let named = |text: &str| fill_content(text, "title", title, title_lang);
    match (state, session) {
        (ConfirmState::Pending, Some(s)) => outcome(
            ctx,
            t.confirm_title,
            named(t.confirm_text),
            None,
            html! {
                form.form method="post" action={ "/aanmelding/bevestigen/" (token) } {
                    (csrf_field(ctx))
                    button.utrecht-button.utrecht-button--primary-action type="submit" { (t.confirm_button) }
                }
                p { a href={ "/bijeenkomsten/" (s.id) } lang=[title_lang] { (title) } }
            },
        ),
        (ConfirmState::Confirmed, Some(s)) => outcome(
            ctx,
            t.confirmed_title,
            named(t.confirmed_text),
            Some(s),
            // The token holder is the confirmed participant: the one place the link is shown.
            html! {
                @if let Some(link) = &s.online_link {
                    p { (t.online_link_label) " " a href=(link) rel="noopener noreferrer" { (link) } }
                }
                @if let Some(href) = trace_href { (crate::views::traceability::public::receipt_link(ctx, href)) }
            },
        ),
        (ConfirmState::Waitlisted, Some(s)) => outcome(
            ctx,
            t.waitlisted_title,
            named(t.waitlisted_text),
            Some(s),
            html! { @if let Some(href) = trace_href { (crate::views::traceability::public::receipt_link(ctx, href)) } },
        ),
        (ConfirmState::Expired, s) => outcome(
            ctx,
            t.expired_title,
            html! { (t.expired_text) },
            s,
            html! {},
        ),
        (ConfirmState::Started, s) => {
            outcome(ctx, t.started_title, named(t.started_text), s, html! {})
        }
        (ConfirmState::Cancelled, s) => {
            // Called off by the organiser rather than by the person: say that.
            let called_off = s.is_some_and(Session::is_cancelled);
            let extra = html! { @if called_off { p { (t.called_off_notice) } } };
            outcome(ctx, t.cancelled_title, named(t.cancelled_text), s, extra)
        }
        _ => outcome(
            ctx,
            t.invalid_title,
            html! { (t.invalid_text) },
            None,
            html! {},
        ),
    }
}

pub fn cancel(ctx: &Ctx, token: &str, session: Option<&Session>, state: CancelState) -> Markup {
    let t = texts::texts(ctx.lang);
    let c = ctx.content_lang();
    let (title, title_lang) = session.map_or(("", None), |s| content::pick(&s.title, c));
    let named = |text: &str| fill_content(text, "title", title, title_lang);
    match (state, session) {
        (CancelState::Active, Some(s)) => outcome(
            ctx,
            t.cancel_title,
            named(t.cancel_text),
            Some(s),
            html! {
                form.form method="post" action={ "/aanmelding/annuleren/" (token) } {
                    (csrf_field(ctx))
                    button.utrecht-button.utrecht-button--secondary-action.utrecht-button--danger type="submit" { (t.cancel_button) }
                }
            },
        ),
        (CancelState::Cancelled, s) => {
            outcome(ctx, t.cancelled_title, named(t.cancelled_text), s, html! {})
        }
        (CancelState::Over, s) => outcome(ctx, t.over_title, named(t.over_text), s, html! {}),
        _ => outcome(
            ctx,
            t.invalid_title,
            html! { (t.invalid_text) },
            None,
            html! {},
        ),
    }
}
