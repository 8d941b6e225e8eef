//! Public pages: the agenda, a session's page with its sign-up form, "check your mail",
//! "Meld bijeenkomst aan".

use super::{card, kind_label, seats_text, when};
use crate::ctx::Ctx;
use crate::flows::public_form::GateFields;
use crate::i18n::{fill, session as texts};
use crate::session::report_markup;
use crate::views::components::{
    FormErrors, Input, csrf_field, error_summary, gate_fields, input, textarea,
};
use crate::views::content;
use crate::views::layout::page;
use inspraak_domain::session::{CONFIRMATION_TIME, SeatsLeft, SignupStatus};
use inspraak_store::process::{Process, Theme};
use inspraak_store::session::{AgendaEntry, ProposedEvent, Session};
use maud::{Markup, html};

/// The sign-up form as typed.
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct SignupForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub needs: String,
    pub wants_report: Option<String>,
    /// The hidden fields of the public-form gate.
    #[serde(flatten)]
    pub gate: GateFields,
}

/// The "Meld bijeenkomst aan" form as typed.
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct ProposalForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub starts_at: String,
    #[serde(default)]
    pub organiser: String,
    #[serde(default)]
    pub link: String,
    /// The hidden fields of the public-form gate.
    #[serde(flatten)]
    pub gate: GateFields,
}

pub fn signup_label(ctx: &Ctx, field: &str) -> String {
    let t = texts::texts(ctx.lang);
    match field {
        "name" => t.name,
        "email" => t.email,
        "organisation" => t.organisation,
        _ => t.needs,
    }
    .to_owned()
}

pub fn proposal_label(ctx: &Ctx, field: &str) -> String {
    let t = texts::texts(ctx.lang);
    match field {
        "title" => t.proposal_title,
        "starts_at" => t.proposal_starts_at,
        "organiser" => t.proposal_organiser,
        _ => t.proposal_link,
    }
    .to_owned()
}

pub struct AgendaPage<'a> {
    pub upcoming: &'a [AgendaEntry],
    pub past: &'a [AgendaEntry],
    pub others: &'a [ProposedEvent],
    /// Set when the agenda shows one theme.
    pub theme: Option<&'a inspraak_domain::Translated>,
}

/// Upcoming sessions and past ones with a report, as a block (agenda, theme and process pages).
pub fn session_lists(ctx: &Ctx, upcoming: &[AgendaEntry], past: &[AgendaEntry]) -> Markup {
    let t = texts::texts(ctx.lang);
    html! {
        section aria-labelledby="komend" {
            h2.utrecht-heading-2 #komend { (t.upcoming) }
            @if upcoming.is_empty() { p { (t.no_upcoming) } }
            @else { ul.card-list { @for e in upcoming { (card(ctx.lang, ctx.content_lang(), &e.session, e.theme_name.as_ref(), false)) } } }
        }
        @if !past.is_empty() {
            section aria-labelledby="verslagen" {
                h2.utrecht-heading-2 #verslagen { (t.past_with_reports) }
                ul.card-list { @for e in past { (card(ctx.lang, ctx.content_lang(), &e.session, e.theme_name.as_ref(), true)) } }
            }
        }
    }
}

pub fn agenda(ctx: &Ctx, view: AgendaPage<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let title = match view.theme {
        Some(theme) => fill(
            t.agenda_theme_title,
            &[(
                "theme",
                crate::views::content::pick(theme, ctx.content_lang()).0,
            )],
        ),
        None => t.agenda_title.to_owned(),
    };
    let heading = match view.theme {
        Some(theme) => {
            crate::views::content::fill_tr(t.agenda_theme_title, "theme", theme, ctx.content_lang())
        }
        None => html! { (title) },
    };
    page(
        ctx,
        &title,
        html! {
            h1.utrecht-heading-1 { (heading) }
            p.utrecht-paragraph.utrecht-paragraph--lead { (t.agenda_intro) }
            @if view.theme.is_some() { p { a href="/agenda" { (t.all_themes) } } }
            (session_lists(ctx, view.upcoming, view.past))
            @if view.past.is_empty() && view.theme.is_none() { p { (t.no_past) } }
            @if !view.others.is_empty() {
                section aria-labelledby="anderen" {
                    h2.utrecht-heading-2 #anderen { (t.external_events) }
                    ul.card-list {
                        @for other in view.others {
                            li.card {
                                h3.utrecht-heading-3.card__title { (other.title) }
                                p { (ctx.lang.date_time(other.starts_at)) }
                                p { (fill(t.external_by, &[("organiser", &other.organiser)])) }
                                p { a href=(other.link) rel="noopener noreferrer external" { (fill(t.more_information, &[("title", &other.title)])) } }
                            }
                        }
                    }
                }
            }
            p { a href="/agenda.ics" { (t.ics_feed) } }
            p { (t.propose_intro) " " a href="/agenda/bijeenkomst-aanmelden" { (t.propose_link) } }
        },
    )
}

pub struct SessionPage<'a> {
    pub session: &'a Session,
    pub process: &'a Process,
    pub theme: Option<&'a Theme>,
    /// Documents attached to the session.
    pub documents: &'a [inspraak_store::publications::Document],
}

fn signup_section(
    ctx: &Ctx,
    view: &SessionPage<'_>,
    form: &SignupForm,
    errors: &FormErrors,
) -> Markup {
    let t = texts::texts(ctx.lang);
    let s = view.session;
    html! {
        section aria-labelledby="aanmelden" {
            h2.utrecht-heading-2 #aanmelden { (t.signup_title) }
            @match s.signup_status(ctx.now) {
                SignupStatus::NotYetOpen => p { (fill(t.signup_not_open, &[("date", &s.schedule.signup_opens_at().map(|d| ctx.lang.date_time(d)).unwrap_or_default())])) },
                SignupStatus::Closed => p { (t.signup_closed) },
                SignupStatus::Open => {
                    p { @if s.seats_left() == SeatsLeft::Full { (t.signup_full_intro) } @else { (t.signup_intro) } }
                    (error_summary(ctx.lang, errors))
                    form.form method="post" action={ "/bijeenkomsten/" (s.id) "/aanmelden" } novalidate {
                        (csrf_field(ctx))
                        (gate_fields(ctx, &form.gate))
                        (input(ctx.lang, Input::text("name", t.name, &form.name).required().max_length(200).autocomplete("name").error(errors.get("name"))))
                        (input(ctx.lang, Input::text("email", t.email, &form.email).kind("email").required().autocomplete("email").hint(t.email_hint).error(errors.get("email"))))
                        @if s.ask_organisation {
                            (input(ctx.lang, Input::text("organisation", t.organisation, &form.organisation).max_length(200).autocomplete("organization").error(errors.get("organisation"))))
                        }
                        @if s.ask_needs {
                            (textarea(ctx.lang, Input::text("needs", t.needs, &form.needs).hint(t.needs_hint).max_length(2000).error(errors.get("needs")), 3))
                        }
                        div.utrecht-form-field.utrecht-form-field--checkbox {
                            input #veld-wants_report type="checkbox" name="wants_report" value="1" checked[form.wants_report.is_some()];
                            label for="veld-wants_report" { (t.wants_report) }
                        }
                        button.utrecht-button.utrecht-button--primary-action type="submit" { (t.signup_button) }
                    }
                }
            }
        }
    }
}

pub fn session_page(
    ctx: &Ctx,
    view: &SessionPage<'_>,
    form: &SignupForm,
    errors: &FormErrors,
) -> Markup {
    let t = texts::texts(ctx.lang);
    let s = view.session;
    let c = ctx.content_lang();
    let (title, title_lang) = content::pick(&s.title, c);
    page(
        ctx,
        title,
        html! {
            p.eyebrow {
                (kind_label(ctx.lang, s.kind))
                @if let Some(theme) = view.theme {
                    " · " a href={ "/processen/" (view.process.slug) "/themas/" (theme.slug) } { (crate::views::content::fill_tr(t.theme_label, "theme", &theme.name, c)) }
                }
            }
            h1.utrecht-heading-1 lang=[title_lang] { (title) }
            @if s.is_cancelled() { p.utrecht-alert.utrecht-alert--warning role="status" { (t.called_off_notice) } }
            dl.facts {
                dt { (t.when) } dd { (when(ctx.lang, s)) }
                dt { (t.place) } dd { @if let Some(place) = &s.location { (place) } @else if s.schedule.has_started(ctx.now) { (t.online_short) } @else { (t.online) } }
            }
            @if !s.schedule.has_started(ctx.now) { p.seats { strong { (seats_text(ctx.lang, s)) } } }
            (content::tr_paragraphs(&s.description, c))
            p { a href={ "/bijeenkomsten/" (s.id) "/agenda.ics" } download { (t.download_ics) } }
            @if let Some(report) = s.published_report() {
                section #verslag aria-labelledby="verslag-titel" {
                    h2.utrecht-heading-2 #verslag-titel { (t.report_heading) }
                    @let (report, report_lang) = content::pick(report, c);
                    (content::block(report_markup::render(report), report_lang))
                }
            } @else if !s.schedule.has_started(ctx.now) && !s.is_cancelled() {
                (signup_section(ctx, view, form, errors))
            }
            @if !view.documents.is_empty() {
                section #documenten aria-labelledby="documenten-titel" {
                    h2.utrecht-heading-2 #documenten-titel { (crate::i18n::publications::texts(ctx.lang).documents) }
                    (crate::views::publications::public::document_list(ctx, view.documents))
                }
            }
            p { a href={ "/processen/" (view.process.slug) } { (crate::views::content::fill_tr(t.part_of, "process", &view.process.title, c)) } }
            p { a href="/agenda" { (t.back_to_agenda) } }
        },
    )
}

pub fn check_mail(ctx: &Ctx, session: &Session) -> Markup {
    let t = texts::texts(ctx.lang);
    let hours = CONFIRMATION_TIME.num_hours().to_string();
    page(
        ctx,
        t.check_mail_title,
        html! {
            h1.utrecht-heading-1 { (t.check_mail_title) }
            p.utrecht-paragraph.utrecht-paragraph--lead { (fill(t.check_mail_text, &[("hours", &hours)])) }
            p { (t.check_mail_spam) }
            p { a href={ "/bijeenkomsten/" (session.id) } { (t.go_to_session) } }
        },
    )
}

pub fn propose(ctx: &Ctx, form: &ProposalForm, errors: &FormErrors) -> Markup {
    let t = texts::texts(ctx.lang);
    page(
        ctx,
        t.propose_title,
        html! {
            h1.utrecht-heading-1 { (t.propose_title) }
            p.utrecht-paragraph.utrecht-paragraph--lead { (t.propose_text) }
            (error_summary(ctx.lang, errors))
            form.form method="post" action="/agenda/bijeenkomst-aanmelden" novalidate {
                (csrf_field(ctx))
                (gate_fields(ctx, &form.gate))
                (input(ctx.lang, Input::text("title", t.proposal_title, &form.title).required().max_length(200).error(errors.get("title"))))
                (input(ctx.lang, Input::text("starts_at", t.proposal_starts_at, &form.starts_at).kind("datetime-local").required().hint(t.datetime_hint).error(errors.get("starts_at"))))
                (input(ctx.lang, Input::text("organiser", t.proposal_organiser, &form.organiser).required().max_length(200).autocomplete("organization").error(errors.get("organiser"))))
                (input(ctx.lang, Input::text("link", t.proposal_link, &form.link).kind("url").required().hint(t.proposal_link_hint).error(errors.get("link"))))
                button.utrecht-button.utrecht-button--primary-action type="submit" { (t.propose_button) }
            }
        },
    )
}

pub fn proposal_thanks(ctx: &Ctx) -> Markup {
    let t = texts::texts(ctx.lang);
    page(
        ctx,
        t.thanks_title,
        html! {
            h1.utrecht-heading-1 { (t.thanks_title) }
            p.utrecht-paragraph.utrecht-paragraph--lead { (t.thanks_text) }
            p { a href="/agenda" { (t.back_to_agenda) } }
        },
    )
}
