//! Organiser pages about one session's people and afterwards: sign-ups with attendance, the
//! message to participants, the report; and the proposed events to review.

use super::admin::seats;
use super::when;
use crate::ctx::Ctx;
use crate::export::Format;
use crate::i18n::{fill, session_admin as texts};
use crate::session::export::state_label;
use crate::views::admin_shell::{Crumb, InProcess, Section, admin_page};
use crate::views::components::{FormErrors, Input, csrf_field, error_summary, input, textarea};
use crate::views::content::fill_content;
use inspraak_domain::session::RegistrationState;
use inspraak_store::process::Process;
use inspraak_store::session::{ProposedEvent, RegistrationRow, Session};
use maud::{Markup, html};
use std::collections::HashMap;

#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct MessageForm {
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub body: String,
    /// Random per form: submitting it twice mails once.
    #[serde(default)]
    pub form_key: String,
}

#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct ReportForm {
    #[serde(default)]
    pub report: String,
    #[serde(default)]
    pub report_translation: String,
    /// "draft", "publish" or "unpublish".
    #[serde(default)]
    pub action: String,
}

/// `template` names the session as `{title}`; the name is marked as organiser content.
fn header(ctx: &Ctx, session: &Session, template: &str, notice: Option<&str>) -> Markup {
    let t = texts::texts(ctx.lang);
    html! {
        p.eyebrow { (when(ctx.lang, session)) " · " (seats(ctx.lang, session)) }
        h1.utrecht-heading-1 { (fill_content(template, "title", &session.title.main, ctx.content_lang())) }
        @if let Some(notice) = notice { p.utrecht-alert.utrecht-alert--ok role="status" { (notice) } }
        p {
            a href={ "/beheer/bijeenkomsten/" (session.id) } { (t.edit) } " · "
            a href={ "/beheer/bijeenkomsten/" (session.id) "/aanmeldingen" } { (t.registrations) } " · "
            a href={ "/beheer/bijeenkomsten/" (session.id) "/bericht" } { (t.message) } " · "
            a href={ "/beheer/bijeenkomsten/" (session.id) "/verslag" } { (t.report) }
        }
    }
}

/// A page about one session: Beheer › process › Bijeenkomsten › session › this page.
fn session_page(
    ctx: &Ctx,
    process: &Process,
    session: &Session,
    (label, href): (&str, String),
    title: &str,
    body: Markup,
) -> Markup {
    let section = Section::Sessions;
    let crumbs = [
        Crumb::new(section.label(ctx.lang), section.href(process.id)),
        Crumb::titled(
            session.title.main.clone(),
            format!("/beheer/bijeenkomsten/{}", session.id),
        ),
        Crumb::new(label, href),
    ];
    let here = InProcess::new(process.id, &process.title, section);
    admin_page(ctx, &crumbs, Some(here), title, body)
}

pub fn registrations(
    ctx: &Ctx,
    process: &Process,
    session: &Session,
    rows: &[RegistrationRow],
    counts: &HashMap<RegistrationState, u64>,
    notice: Option<&str>,
) -> Markup {
    let t = texts::texts(ctx.lang);
    let title = fill(t.registrations_title, &[("title", &session.title.main)]);
    let count = |s| counts.get(&s).copied().unwrap_or(0).to_string();
    let base = format!("/beheer/bijeenkomsten/{}", session.id);
    session_page(
        ctx,
        process,
        session,
        (t.registrations, format!("{base}/aanmeldingen")),
        &title,
        html! {
            (header(ctx, session, t.registrations_title, notice))
            p { (fill(t.counts, &[
                ("confirmed", &count(RegistrationState::Confirmed)),
                ("waitlisted", &count(RegistrationState::Waitlisted)),
                ("pending", &count(RegistrationState::Pending)),
                ("cancelled", &count(RegistrationState::Cancelled)),
            ])) }
            p { (t.export_list) ": "
                @for (n, f) in Format::ALL.iter().enumerate() {
                    @if n > 0 { " · " }
                    a href={ (base) "/aanmeldingen." (f.name()) } download { (f.label()) }
                }
                br;
                small { (crate::export::formats_note(ctx.lang)) }
            }
            @if rows.is_empty() { p { (t.no_registrations) } } @else {
                form method="post" action={ (base) "/aanwezigheid" } {
                    (csrf_field(ctx))
                    div.table-wrapper { table.utrecht-table.utrecht-table--html-table {
                        thead { tr {
                            th scope="col" { (t.col_name) } th scope="col" { (t.col_email) }
                            th scope="col" { (t.col_organisation) } th scope="col" { (t.col_needs) }
                            th scope="col" { (t.col_state) } th scope="col" { (t.col_signed_up) }
                            th scope="col" { (t.col_attended) }
                        } }
                        tbody { @for row in rows {
                            tr {
                                @if let Some(p) = &row.registrant {
                                    td { (p.name) } td { (p.email) }
                                    td { (p.organisation.as_deref().unwrap_or("")) } td { (p.needs.as_deref().unwrap_or("")) }
                                } @else {
                                    td colspan="4" { em { (t.erased) } }
                                }
                                td { (state_label(ctx.lang, row)) }
                                td { (ctx.lang.date_time(row.created_at)) }
                                td {
                                    @if row.state == RegistrationState::Confirmed {
                                        @let name = row.registrant.as_ref().map(|p| p.name.as_str()).unwrap_or("");
                                        input id={ "aanwezig-" (row.id) } type="checkbox" name="present" value=(row.id) checked[row.attended == Some(true)];
                                        label.visually-hidden for={ "aanwezig-" (row.id) } { (fill(t.attended_label, &[("name", name)])) }
                                    }
                                }
                            }
                        } }
                    } }
                    button.utrecht-button.utrecht-button--primary-action type="submit" { (t.save_attendance) }
                }
            }
        },
    )
}

pub fn message(
    ctx: &Ctx,
    process: &Process,
    session: &Session,
    form: &MessageForm,
    errors: &FormErrors,
    notice: Option<&str>,
) -> Markup {
    let t = texts::texts(ctx.lang);
    let title = fill(t.message_title, &[("title", &session.title.main)]);
    session_page(
        ctx,
        process,
        session,
        (
            t.message,
            format!("/beheer/bijeenkomsten/{}/bericht", session.id),
        ),
        &title,
        html! {
            (header(ctx, session, t.message_title, notice))
            p { (t.message_intro) }
            (error_summary(ctx.lang, errors))
            form.form method="post" action={ "/beheer/bijeenkomsten/" (session.id) "/bericht" } novalidate {
                (csrf_field(ctx))
                input type="hidden" name="form_key" value=(form.form_key);
                (input(ctx.lang, Input::text("subject", t.subject, &form.subject).required().max_length(200).error(errors.get("subject"))))
                (textarea(ctx.lang, Input::text("body", t.body, &form.body).required().error(errors.get("body")), 8))
                button.utrecht-button.utrecht-button--primary-action type="submit" { (t.send_message) }
            }
        },
    )
}

pub fn report(
    ctx: &Ctx,
    process: &Process,
    session: &Session,
    form: &ReportForm,
    errors: &FormErrors,
    notice: Option<&str>,
) -> Markup {
    let t = texts::texts(ctx.lang);
    let title = fill(t.report_title, &[("title", &session.title.main)]);
    session_page(
        ctx,
        process,
        session,
        (
            t.report,
            format!("/beheer/bijeenkomsten/{}/verslag", session.id),
        ),
        &title,
        html! {
            (header(ctx, session, t.report_title, notice))
            p { @match session.report_published_at {
                Some(at) => (fill(t.report_published_on, &[("date", &ctx.lang.date_time(at))])),
                None => (t.report_draft),
            } }
            (error_summary(ctx.lang, errors))
            form.form method="post" action={ "/beheer/bijeenkomsten/" (session.id) "/verslag" } novalidate {
                (csrf_field(ctx))
                (textarea(ctx.lang, Input::text("report", t.report_text, &form.report).required().hint(t.report_hint).error(errors.get("report")), 16))
                (crate::views::translation_fields::translation_textarea(ctx, "report", t.report_text, &form.report_translation, None, 16, errors))
                div.button-row {
                    button.utrecht-button.utrecht-button--secondary-action type="submit" name="action" value="draft" { (t.save_draft) }
                    button.utrecht-button.utrecht-button--primary-action type="submit" name="action" value="publish" { (t.publish) }
                    @if session.report_published_at.is_some() {
                        button.utrecht-button.utrecht-button--secondary-action.utrecht-button--danger type="submit" name="action" value="unpublish" { (t.unpublish) }
                    }
                }
            }
            p { (crate::views::traceability::admin::link_action(ctx, &crate::paths::contribution_admin(inspraak_domain::traceability::Contribution::SessionReport(session.id)), &session.title.main)) }
        },
    )
}

pub fn proposals(
    ctx: &Ctx,
    pending: &[ProposedEvent],
    approved: &[ProposedEvent],
    notice: Option<&str>,
) -> Markup {
    let t = texts::texts(ctx.lang);
    let list = |items: &[ProposedEvent], decide: bool| {
        html! {
            div.table-wrapper { table.utrecht-table.utrecht-table--html-table {
                thead { tr {
                    th scope="col" { (t.col_title) } th scope="col" { (t.col_when) }
                    th scope="col" { (t.col_organiser) } th scope="col" { (t.col_link) }
                    @if decide { th scope="col" { (t.col_actions) } }
                } }
                tbody { @for p in items {
                    tr {
                        td { (p.title) } td { (ctx.lang.date_time(p.starts_at)) } td { (p.organiser) }
                        td { a href=(p.link) rel="noopener noreferrer" { (p.link) } }
                        @if decide { td {
                            @for (value, label) in [("approve", t.approve), ("reject", t.reject)] {
                                form.inline-form method="post" action={ "/beheer/agenda-voorstellen/" (p.id) } {
                                    (csrf_field(ctx))
                                    input type="hidden" name="decision" value=(value);
                                    button.utrecht-button.utrecht-button--secondary-action type="submit" { (label) span.visually-hidden { ": " (p.title) } }
                                }
                            }
                        } }
                    }
                } }
            } }
        }
    };
    let w = crate::i18n::workspace::texts(ctx.lang);
    admin_page(
        ctx,
        &[Crumb::new(w.agenda_proposals, "/beheer/agenda-voorstellen")],
        None,
        t.proposals_title,
        html! {
            h1.utrecht-heading-1 { (t.proposals_title) }
            @if let Some(notice) = notice { p.utrecht-alert.utrecht-alert--ok role="status" { (notice) } }
            @if pending.is_empty() { p { (t.no_proposals) } } @else { (list(pending, true)) }
            @if !approved.is_empty() {
                h2.utrecht-heading-2 { (t.approved_proposals) }
                (list(approved, false))
            }
            p { a href="/beheer/bijeenkomsten" { (t.back_to_overview) } }
        },
    )
}
