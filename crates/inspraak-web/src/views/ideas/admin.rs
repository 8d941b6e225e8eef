//! Organiser pages (idea moderation and status, action points, forum invitations), the action
//! holder's page, and the invited member's sign-up page.

use super::rich_text;
use crate::ctx::Ctx;
use crate::i18n::ideas as texts;
use crate::views::admin_shell::{Crumb, InProcess, Section, admin_page};
use crate::views::components::{self, FormErrors, Input};
use crate::views::content;
use crate::views::layout;
use inspraak_domain::ideas::{ActionPointStatus, IdeaStatus, Moderation, Visibility};
use inspraak_store::ideas::action_points::{ActionPoint, ProgressUpdate};
use inspraak_store::ideas::forum::Comment;
use inspraak_store::ideas::{Idea, Settings};
use inspraak_store::process::{Phase, Process, Theme};
use maud::{Markup, html};
use std::collections::HashMap;

pub struct IdeasAdminView<'a> {
    pub process: &'a Process,
    pub settings: Settings,
    pub phases: &'a [Phase],
    pub queue: &'a [Idea],
    pub ideas: &'a [Idea],
    pub points: &'a [ActionPoint],
    pub flagged: &'a [Comment],
    pub errors: &'a FormErrors,
}

fn visibility_label(ctx: &Ctx, v: Visibility) -> &'static str {
    let t = texts::texts(ctx.lang);
    match v {
        Visibility::Pending => t.pending_label,
        Visibility::Public => t.public_label,
        Visibility::Hidden => t.hidden_label,
    }
}

fn moderation_form(ctx: &Ctx, action: &str, prefix: &str) -> Markup {
    let t = texts::texts(ctx.lang);
    html! {
        form method="post" action=(action) {
            (components::csrf_field(ctx))
            (components::textarea(ctx.lang, Input::text("reason", t.reason, "").id_prefix(prefix).hint(t.reason_hint).max_length(500), 2))
            button.utrecht-button.utrecht-button--primary-action type="submit" name="action" value="approve" { (t.approve) } " "
            button.utrecht-button.utrecht-button--secondary-action type="submit" name="action" value="hide" { (t.hide) }
        }
    }
}

/// Links to the "ideas with status" download in every format.
fn export_links(ctx: &Ctx, process: &Process) -> Markup {
    let t = crate::i18n::ideas_export::texts(ctx.lang);
    html! {
        p.ideas-export {
            (t.download) ": "
            @for (n, f) in crate::export::Format::ALL.iter().enumerate() {
                @if n > 0 { " · " }
                a href={ "/beheer/processen/" (process.id) "/export/ideeen." (f.name()) } { (f.label()) }
            }
            br;
            small { (t.download_intro) " " (crate::export::formats_note(ctx.lang)) }
        }
    }
}

pub fn ideas_admin(ctx: &Ctx, view: &IdeasAdminView<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let base = format!("/beheer/processen/{}/ideeen", view.process.id);
    let p = view.process;
    admin_page(
        ctx,
        &[Crumb::new(
            Section::Ideas.label(ctx.lang),
            Section::Ideas.href(p.id),
        )],
        Some(InProcess::new(p.id, &p.title, Section::Ideas)),
        t.admin_title,
        html! {
            h1.utrecht-heading-1 { (t.admin_title) ": " (content::tr(&view.process.title, ctx.content_lang())) }
            (components::error_summary(ctx.lang, view.errors))
            p { a href={ "/processen/" (view.process.slug) "/ideeen" } { (t.view_public) } " · "
                a href={ "/beheer/processen/" (view.process.id) "/actiepunten" } { (t.manage_points) } }
            (export_links(ctx, view.process))
            h2.utrecht-heading-2 { (t.settings_title) }
            form method="post" action={ (base) "/instellingen" } {
                (components::csrf_field(ctx))
                div.utrecht-form-field {
                    label.utrecht-form-label for="veld-phase" { (t.idea_phase) }
                    select.utrecht-select.utrecht-select--html-select #veld-phase name="phase" {
                        option value="" { (t.no_phase) }
                        @for phase in view.phases {
                            option value=(phase.id) selected[view.settings.phase == Some(phase.id)] {
                                (content::tr(&phase.name, ctx.content_lang())) " (" (ctx.lang.date(phase.dates.start())) " – " (ctx.lang.date(phase.dates.end())) ")"
                            }
                        }
                    }
                }
                fieldset.utrecht-form-fieldset__fieldset.utrecht-form-fieldset--html-fieldset {
                    legend.utrecht-form-fieldset__legend.utrecht-form-fieldset__legend--html-legend { (t.moderation) }
                    @for (value, label) in [(Moderation::Pre, t.pre_moderation), (Moderation::Post, t.post_moderation)] {
                        div.radio {
                            input #{ "veld-moderation-" (value.as_str()) } type="radio" name="moderation" value=(value.as_str()) checked[view.settings.moderation == value];
                            label for={ "veld-moderation-" (value.as_str()) } { (label) }
                        }
                    }
                }
                button.utrecht-button.utrecht-button--primary-action type="submit" { (t.save) }
            }
            h2.utrecht-heading-2 #moderatie { (t.queue_title) }
            @if view.queue.is_empty() { p { (t.queue_empty) } }
            @for idea in view.queue {
                article.moderation-item {
                    h3.utrecht-heading-3 { (idea.title) }
                    p { (crate::views::traceability::admin::link_action(ctx, &crate::paths::contribution_admin(inspraak_domain::traceability::Contribution::Idea(idea.id)), &idea.title)) }
                    p { (visibility_label(ctx, idea.visibility)) " · " (ctx.lang.date_time(idea.created_at)) }
                    p { (rich_text(&idea.body)) }
                    (moderation_form(ctx, &format!("{base}/{}/moderatie", idea.id), &format!("i{}-", idea.id)))
                }
            }
            h2.utrecht-heading-2 #gemeld { (t.flagged_title) }
            @if view.flagged.is_empty() { p { (t.flagged_empty) } }
            @for comment in view.flagged {
                article.moderation-item {
                    p { strong { (comment.author_name) } " · " (ctx.lang.date_time(comment.created_at)) }
                    p { (rich_text(&comment.body)) }
                    (moderation_form(ctx, &format!("/beheer/reacties/{}/moderatie", comment.id), &format!("c{}-", comment.id)))
                    p { (crate::views::traceability::admin::link_action(ctx, &crate::paths::contribution_admin(inspraak_domain::traceability::Contribution::Comment(comment.id)), &comment.author_name)) }
                }
            }
            h2.utrecht-heading-2 { (t.all_ideas) }
            @for idea in view.ideas {
                article.moderation-item {
                    h3.utrecht-heading-3 { (idea.title) }
                    p { (visibility_label(ctx, idea.visibility)) " · " (texts::idea_status(ctx.lang, idea.status))
                        @if let Some(reason) = &idea.moderation_reason { " · " (t.reason) ": " (reason) } }
                    p { (crate::views::traceability::admin::link_action(ctx, &crate::paths::contribution_admin(inspraak_domain::traceability::Contribution::Idea(idea.id)), &idea.title)) }
                    @let prefix = format!("s{}-", idea.id);
                    form method="post" action={ (base) "/" (idea.id) "/status" } {
                        (components::csrf_field(ctx))
                        div.utrecht-form-field {
                            label.utrecht-form-label for={ "veld-" (prefix) "status" } { (t.status) }
                            select.utrecht-select.utrecht-select--html-select #{ "veld-" (prefix) "status" } name="status" {
                                @for status in IdeaStatus::ALL {
                                    option value=(status.as_str()) selected[idea.status == *status] { (texts::idea_status(ctx.lang, *status)) }
                                }
                            }
                        }
                        div.utrecht-form-field {
                            label.utrecht-form-label for={ "veld-" (prefix) "action_point" } { (t.action_point) }
                            select.utrecht-select.utrecht-select--html-select #{ "veld-" (prefix) "action_point" } name="action_point" {
                                option value="" { "–" }
                                @for point in view.points {
                                    option value=(point.id) selected[idea.action_point == Some(point.id)] lang=[ctx.content_lang()] { (point.title) }
                                }
                            }
                        }
                        (components::textarea(ctx.lang, Input::text("explanation", t.explanation, idea.explanation.as_deref().unwrap_or("")).id_prefix(&prefix).max_length(2000), 2))
                        button.utrecht-button.utrecht-button--primary-action type="submit" { (t.set_status) }
                    }
                }
            }
        },
    )
}

fn point_fields(
    ctx: &Ctx,
    themes: &[Theme],
    values: &HashMap<String, String>,
    errors: &FormErrors,
) -> Markup {
    let t = texts::texts(ctx.lang);
    let value = |name: &str| values.get(name).map_or("", String::as_str);
    html! {
        (components::input(ctx.lang, Input::text("title", t.point_title, value("title")).required().max_length(200).error(errors.get("title"))))
        (components::textarea(ctx.lang, Input::text("description", t.description, value("description")).required().error(errors.get("description")), 4))
        div.utrecht-form-field {
            label.utrecht-form-label for="veld-theme" { (t.theme) }
            select.utrecht-select.utrecht-select--html-select #veld-theme name="theme" {
                option value="" { (t.no_theme) }
                @for theme in themes { option value=(theme.id) selected[value("theme") == theme.id.to_string()] lang=[crate::views::content::pick(&theme.name, ctx.content_lang()).1] { (crate::views::content::pick(&theme.name, ctx.content_lang()).0) } }
            }
        }
        (components::input(ctx.lang, Input::text("holder", t.holder, value("holder")).required().max_length(200).error(errors.get("holder"))))
        (components::input(ctx.lang, Input::text("holder_account", t.holder_account, value("holder_account")).kind("email").hint(t.holder_account_hint).error(errors.get("holder_account"))))
        (components::input(ctx.lang, Input::text("partners", t.partners, value("partners")).hint(t.partners_hint).max_length(1000).error(errors.get("partners"))))
        div.utrecht-form-field {
            label.utrecht-form-label for="veld-status" { (t.point_status) }
            select.utrecht-select.utrecht-select--html-select #veld-status name="status" {
                @for status in ActionPointStatus::ALL {
                    option value=(status.as_str()) selected[value("status") == status.as_str()] { (texts::point_status(ctx.lang, *status)) }
                }
            }
        }
        (components::textarea(ctx.lang, Input::text("findings", t.findings, value("findings")).max_length(3000).error(errors.get("findings")), 3))
    }
}

/// The form for the introduction of the action plan (on the action points page).
fn introduction_form(ctx: &Ctx, process: &Process, value: &str, errors: &FormErrors) -> Markup {
    let t = crate::i18n::action_plan::texts(ctx.lang);
    html! {
        h2.utrecht-heading-2 #inleiding { (t.intro_title) }
        form method="post" action={ "/beheer/processen/" (process.id) "/actieplan/inleiding" } {
            (components::csrf_field(ctx))
            (components::textarea(ctx.lang, Input::text("introduction", t.intro_label, value).hint(t.intro_hint).max_length(6000).error(errors.get("introduction")), 6))
            button.utrecht-button.utrecht-button--secondary-action type="submit" { (t.intro_save) }
        }
    }
}

pub fn points_admin(
    ctx: &Ctx,
    process: &Process,
    themes: &[Theme],
    points: &[ActionPoint],
    values: &HashMap<String, String>,
    introduction: &str,
    errors: &FormErrors,
) -> Markup {
    let t = texts::texts(ctx.lang);
    let section = Section::ActionPoints;
    admin_page(
        ctx,
        &[Crumb::new(
            section.label(ctx.lang),
            section.href(process.id),
        )],
        Some(InProcess::new(process.id, &process.title, section)),
        t.points_title,
        html! {
            h1.utrecht-heading-1 { (t.points_title) ": " (content::tr(&process.title, ctx.content_lang())) }
            (components::error_summary(ctx.lang, errors))
            p { a href={ "/processen/" (process.slug) "/actieplan" } { (t.view_public) } " · "
                a href={ "/beheer/processen/" (process.id) "/ideeen" } { (t.manage_ideas) } }
            ul { @for point in points {
                li { a href={ "/beheer/processen/" (process.id) "/actiepunten/" (point.id) } lang=[ctx.content_lang()] { (point.title) } " · " (texts::point_status(ctx.lang, point.status)) }
            } }
            (introduction_form(ctx, process, introduction, errors))
            h2.utrecht-heading-2 { (t.new_point) }
            form method="post" action={ "/beheer/processen/" (process.id) "/actiepunten" } {
                (components::csrf_field(ctx))
                (point_fields(ctx, themes, values, errors))
                button.utrecht-button.utrecht-button--primary-action type="submit" { (t.create) }
            }
        },
    )
}

fn update_form(ctx: &Ctx, action: &str, prefix: &str, errors: &FormErrors) -> Markup {
    let t = texts::texts(ctx.lang);
    let today = inspraak_domain::time::local_date(ctx.now).to_string();
    html! {
        form method="post" action=(action) {
            (components::csrf_field(ctx))
            (components::input(ctx.lang, Input::text("on", t.update_date, &today).id_prefix(prefix).kind("date").required().error(errors.get("on"))))
            (components::textarea(ctx.lang, Input::text("body", t.update_body, "").id_prefix(prefix).required().max_length(3000).error(errors.get("body")), 3))
            button.utrecht-button.utrecht-button--primary-action type="submit" { (t.post_update) }
        }
    }
}

fn updates_list(ctx: &Ctx, updates: &[ProgressUpdate]) -> Markup {
    let t = texts::texts(ctx.lang);
    html! {
        ol.updates { @for update in updates { li {
            strong { (ctx.lang.date(update.on)) } " " (content::inline(rich_text(&update.body), ctx.content_lang()))
            @if update.hidden { " " em { (t.update_hidden_tag) } }
        } } }
    }
}

/// An update being corrected whose form came back with errors: its id and what was typed.
pub struct Editing<'a> {
    pub update: i64,
    pub on: &'a str,
    pub body: &'a str,
}

/// The organiser's list: each update with a correction form (in a `details`, so it works
/// without JavaScript) and a hide/show button.
fn updates_admin(
    ctx: &Ctx,
    base: &str,
    updates: &[ProgressUpdate],
    editing: Option<&Editing<'_>>,
    errors: &FormErrors,
) -> Markup {
    let t = texts::texts(ctx.lang);
    html! {
        ol.updates { @for update in updates {
            @let prefix = format!("e{}-", update.id);
            @let failed = editing.filter(|e| e.update == update.id);
            @let on = update.on.to_string();
            li #{ "voortgang-" (update.id) } {
                strong { (ctx.lang.date(update.on)) } " " (content::inline(rich_text(&update.body), ctx.content_lang()))
                @if update.hidden { " " em { (t.update_hidden_tag) } }
                @if update.edited_at.is_some() { " " em { (t.update_edited_tag) } }
                details open[failed.is_some()] {
                    summary { (t.update_edit) span.visually-hidden { ": " (ctx.lang.date(update.on)) } }
                    form method="post" action={ (base) "/voortgang/" (update.id) } {
                        (components::csrf_field(ctx))
                        (components::input(ctx.lang, Input::text("on", t.update_date, failed.map_or(on.as_str(), |e| e.on)).id_prefix(&prefix).kind("date").required().error(errors.get(&format!("{prefix}on")))))
                        (components::textarea(ctx.lang, Input::text("body", t.update_body, failed.map_or(update.body.as_str(), |e| e.body)).id_prefix(&prefix).required().max_length(3000).error(errors.get(&format!("{prefix}body"))), 3))
                        button.utrecht-button.utrecht-button--primary-action type="submit" { (t.update_save) }
                    }
                }
                form.inline-form method="post" action={ (base) "/voortgang/" (update.id) "/zichtbaarheid" } {
                    (components::csrf_field(ctx))
                    @if update.hidden {
                        input type="hidden" name="hidden" value="0";
                        button.utrecht-button.utrecht-button--secondary-action type="submit" { (t.update_show) span.visually-hidden { ": " (ctx.lang.date(update.on)) } }
                    } @else {
                        input type="hidden" name="hidden" value="1";
                        button.utrecht-button.utrecht-button--secondary-action.utrecht-button--danger type="submit" { (t.update_hide) span.visually-hidden { ": " (ctx.lang.date(update.on)) } }
                    }
                }
            }
        } }
    }
}

pub struct PointEditView<'a> {
    pub process: &'a Process,
    pub themes: &'a [Theme],
    pub point: &'a ActionPoint,
    pub updates: &'a [ProgressUpdate],
    pub values: &'a HashMap<String, String>,
    pub errors: &'a FormErrors,
    pub editing: Option<Editing<'a>>,
}

pub fn point_edit(ctx: &Ctx, view: &PointEditView<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let base = format!(
        "/beheer/processen/{}/actiepunten/{}",
        view.process.id, view.point.id
    );
    let section = Section::ActionPoints;
    let p = view.process;
    admin_page(
        ctx,
        &[
            Crumb::new(section.label(ctx.lang), section.href(p.id)),
            Crumb::titled(view.point.title.clone(), base.clone()),
        ],
        Some(InProcess::new(p.id, &p.title, section)),
        &view.point.title,
        html! {
            h1.utrecht-heading-1 lang=[ctx.content_lang()] { (view.point.title) }
            (components::error_summary(ctx.lang, view.errors))
            p { a href={ "/processen/" (view.process.slug) "/actiepunten/" (view.point.id) } { (t.view_public) } }
            form method="post" action=(base) {
                (components::csrf_field(ctx))
                (point_fields(ctx, view.themes, view.values, &FormErrors::default()))
                button.utrecht-button.utrecht-button--primary-action type="submit" { (t.save) }
            }
            h2.utrecht-heading-2 { (t.update_title) }
            (update_form(ctx, &format!("{base}/voortgang"), "u-", view.errors))
            (updates_admin(ctx, &base, view.updates, view.editing.as_ref(), view.errors))
        },
    )
}

pub fn forum_admin(ctx: &Ctx, sent: bool, value: &str, errors: &FormErrors) -> Markup {
    let t = texts::texts(ctx.lang);
    let w = crate::i18n::workspace::texts(ctx.lang);
    admin_page(
        ctx,
        &[Crumb::new(w.forum_members, "/beheer/forum")],
        None,
        t.forum_admin_title,
        html! {
            h1.utrecht-heading-1 { (t.forum_admin_title) }
            (components::error_summary(ctx.lang, errors))
            @if sent { div.utrecht-alert.utrecht-alert--ok role="status" { p { (t.invited) } } }
            form method="post" action="/beheer/forum/uitnodigen" {
                (components::csrf_field(ctx))
                (components::input(ctx.lang, Input::text("email", t.invite_email, value).kind("email").required().error(errors.get("email"))))
                button.utrecht-button.utrecht-button--primary-action type="submit" { (t.invite_button) }
            }
        },
    )
}

pub fn holder_page(
    ctx: &Ctx,
    points: &[(ActionPoint, Vec<ProgressUpdate>)],
    errors: &FormErrors,
) -> Markup {
    let t = texts::texts(ctx.lang);
    layout::page(
        ctx,
        t.holder_page_title,
        html! {
            h1.utrecht-heading-1 { (t.holder_page_title) }
            (components::error_summary(ctx.lang, errors))
            @if points.is_empty() { p { (t.holder_page_empty) } }
            @for (point, updates) in points {
                section {
                    h2.utrecht-heading-2 lang=[ctx.content_lang()] { (point.title) }
                    (update_form(ctx, &format!("/actiehouder/actiepunten/{}/voortgang", point.id), &format!("a{}-", point.id), &FormErrors::default()))
                    (updates_list(ctx, updates))
                }
            }
        },
    )
}

pub fn invite_page(
    ctx: &Ctx,
    token: &str,
    values: &HashMap<String, String>,
    errors: &FormErrors,
) -> Markup {
    let t = texts::texts(ctx.lang);
    let value = |name: &str| values.get(name).map_or("", String::as_str);
    layout::page(
        ctx,
        t.invite_title,
        html! {
            h1.utrecht-heading-1 { (t.invite_title) }
            p { (t.invite_intro) }
            (components::error_summary(ctx.lang, errors))
            form method="post" action={ "/forum/uitnodiging/" (token) } {
                (components::csrf_field(ctx))
                (components::input(ctx.lang, Input::text("name", t.name, value("name")).required().autocomplete("name").max_length(120).error(errors.get("name"))))
                (components::input(ctx.lang, Input::text("organisation", t.organisation, value("organisation")).autocomplete("organization").max_length(200).error(errors.get("organisation"))))
                (components::input(ctx.lang, Input::text("password", t.password, "").kind("password").hint(t.password_hint).required().autocomplete("new-password").error(errors.get("password"))))
                button.utrecht-button.utrecht-button--primary-action type="submit" { (t.accept_button) }
            }
        },
    )
}

pub fn invite_invalid(ctx: &Ctx) -> Markup {
    let t = texts::texts(ctx.lang);
    layout::page(
        ctx,
        t.invite_title,
        html! { h1.utrecht-heading-1 { (t.invite_title) } p { (t.invite_invalid) } },
    )
}
