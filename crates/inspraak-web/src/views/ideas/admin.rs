//! Organiser pages (idea moderation and status, action points, forum invitations), the action
//! holder's page, and the invited member's sign-up page.

use super::{rich_text, tr_rich};
use crate::ctx::Ctx;
use crate::i18n::ideas as texts;
use crate::views::admin_shell::{Crumb, InProcess, Section, admin_page};
use crate::views::components::{self, FormErrors, Input};
use crate::views::content;
use crate::views::layout;
use inspraak_domain::ideas::{ActionPointStatus, IdeaStatus, Moderation, Visibility};
use inspraak_domain::{ActionPointId, ProgressUpdateId};
use inspraak_store::ideas::action_points::{ActionPoint, ProgressUpdate};
use inspraak_store::ideas::forum::Comment;
use inspraak_store::ideas::{Idea, Settings};
use inspraak_store::process::{Phase, Process, Theme};
use inspraak_store::publications::Document;
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
                                    @let (title, title_lang) = content::pick(&point.title, ctx.content_lang());
                                    option value=(point.id) selected[idea.action_point == Some(point.id)] lang=[title_lang] { (title) }
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

/// The field holding the translation of `name`, right beside it: `<name>_translation`,
/// labelled with the other language (the settings' content language says which is which).
fn translation_input(
    ctx: &Ctx,
    (name, label, value): (&str, &str, &str),
    prefix: &str,
    errors: &FormErrors,
    rows: Option<u32>,
) -> Markup {
    let (label, hint) = crate::i18n::action_plan::translation_field(
        ctx.lang,
        ctx.state.settings.content_language,
        label,
    );
    let field = format!("{name}_translation");
    let error = errors.get(&format!("{prefix}{field}"));
    let input = Input::text(&field, &label, value)
        .id_prefix(prefix)
        .hint(&hint)
        .error(error);
    match rows {
        Some(rows) => components::textarea(ctx.lang, input, rows),
        None => components::input(ctx.lang, input),
    }
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
        (translation_input(ctx, ("title", t.point_title, value("title_translation")), "", errors, None))
        (components::textarea(ctx.lang, Input::text("description", t.description, value("description")).required().error(errors.get("description")), 4))
        (translation_input(ctx, ("description", t.description, value("description_translation")), "", errors, Some(4)))
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
        (translation_input(ctx, ("findings", t.findings, value("findings_translation")), "", errors, Some(3)))
    }
}

/// The form for the introduction of the action plan (on the action points page).
fn introduction_form(
    ctx: &Ctx,
    process: &Process,
    (value, translation): (&str, &str),
    errors: &FormErrors,
) -> Markup {
    let t = crate::i18n::action_plan::texts(ctx.lang);
    html! {
        h2.utrecht-heading-2 #inleiding { (t.intro_title) }
        form method="post" action={ "/beheer/processen/" (process.id) "/actieplan/inleiding" } {
            (components::csrf_field(ctx))
            (components::textarea(ctx.lang, Input::text("introduction", t.intro_label, value).hint(t.intro_hint).max_length(6000).error(errors.get("introduction")), 6))
            (translation_input(ctx, ("introduction", t.intro_label, translation), "", errors, Some(6)))
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
    introduction: (&str, &str),
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
                li { a href={ "/beheer/processen/" (process.id) "/actiepunten/" (point.id) } { (content::tr(&point.title, ctx.content_lang())) } " · " (texts::point_status(ctx.lang, point.status)) }
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

/// What was typed in a progress update form that came back with errors.
#[derive(Debug, Clone, Copy, Default)]
pub struct TypedUpdate<'a> {
    pub on: &'a str,
    pub body: &'a str,
    pub body_translation: &'a str,
}

/// The form for a new progress update; `typed` when it came back with errors.
fn update_form(
    ctx: &Ctx,
    action: &str,
    prefix: &str,
    errors: &FormErrors,
    typed: Option<&TypedUpdate<'_>>,
) -> Markup {
    let t = texts::texts(ctx.lang);
    let today = inspraak_domain::time::local_date(ctx.now).to_string();
    let on = typed.map_or(today.as_str(), |v| v.on);
    let body = typed.map_or("", |v| v.body);
    let translation = typed.map_or("", |v| v.body_translation);
    html! {
        form method="post" action=(action) {
            (components::csrf_field(ctx))
            (components::input(ctx.lang, Input::text("on", t.update_date, on).id_prefix(prefix).kind("date").required().error(errors.get(&format!("{prefix}on")))))
            (components::textarea(ctx.lang, Input::text("body", t.update_body, body).id_prefix(prefix).required().max_length(3000).error(errors.get(&format!("{prefix}body"))), 3))
            (translation_input(ctx, ("body", t.update_body, translation), prefix, errors, Some(3)))
            button.utrecht-button.utrecht-button--primary-action type="submit" { (t.post_update) }
        }
    }
}

/// The documents of each progress update, by update.
pub type UpdateDocuments = HashMap<ProgressUpdateId, Vec<Document>>;

/// What was typed in a document form of an update that came back (the file is chosen again).
#[derive(Debug, Clone, Copy)]
pub struct Attaching<'a> {
    pub update: i64,
    pub title: &'a str,
    pub language: &'a str,
}

/// The documents of an update and the form to attach one (multipart, its own CSRF check).
fn update_documents(
    ctx: &Ctx,
    action: &str,
    (update, documents): (&ProgressUpdate, &UpdateDocuments),
    errors: &FormErrors,
    attaching: Option<&Attaching<'_>>,
) -> Markup {
    let t = crate::i18n::action_plan::texts(ctx.lang);
    let prefix = format!("d{}-", update.id);
    let typed = attaching.filter(|a| a.update == update.id);
    let content = typed.map_or(ctx.state.settings.content_language.code(), |a| {
        if a.language == "en" { "en" } else { "nl" }
    });
    let title = typed.map_or("", |a| a.title);
    html! {
        @if let Some(list) = documents.get(&ProgressUpdateId(update.id)) {
            (crate::views::publications::public::document_list(ctx, list))
        }
        @let failed = errors.0.iter().any(|(field, _)| field.starts_with(&prefix));
        details open[failed] {
            summary { (t.attach_summary) span.visually-hidden { ": " (ctx.lang.date(update.on)) } }
            form method="post" enctype="multipart/form-data" action=(action) {
                (components::csrf_field(ctx))
                (components::file_input(ctx.lang, &format!("{prefix}file"), t.attach_file, errors.get(&format!("{prefix}file"))))
                (components::input(ctx.lang, Input::text("title", t.attach_title, title).id_prefix(&prefix).required().max_length(200).error(errors.get(&format!("{prefix}title")))))
                div.utrecht-form-field {
                    label.utrecht-form-label for={ "veld-" (prefix) "language" } { (t.attach_language) }
                    select.utrecht-select.utrecht-select--html-select #{ "veld-" (prefix) "language" } name="language" {
                        option value="nl" selected[content == "nl"] { (t.language_dutch) }
                        option value="en" selected[content == "en"] { (t.language_english) }
                    }
                }
                button.utrecht-button.utrecht-button--secondary-action type="submit" { (t.attach_button) }
            }
        }
    }
}

/// The action holder's list of their updates, each with its documents and the form to attach
/// one.
fn updates_list(
    ctx: &Ctx,
    updates: &[ProgressUpdate],
    documents: &UpdateDocuments,
    errors: &FormErrors,
    attaching: Option<&Attaching<'_>>,
) -> Markup {
    let t = texts::texts(ctx.lang);
    html! {
        ol.updates { @for update in updates { li #{ "voortgang-" (update.id) } {
            strong { (ctx.lang.date(update.on)) } " " (tr_rich(&update.body, ctx.content_lang()))
            @if update.hidden { " " em { (t.update_hidden_tag) } }
            (update_documents(ctx, &format!("/actiehouder/voortgang/{}/documenten", update.id), (update, documents), errors, attaching))
        } } }
    }
}

/// An update being corrected whose form came back with errors: its id and what was typed.
pub struct Editing<'a> {
    pub update: i64,
    pub on: &'a str,
    pub body: &'a str,
    pub body_translation: &'a str,
}

/// The organiser's list: each update with a correction form (in a `details`, so it works
/// without JavaScript) and a hide/show button.
fn updates_admin(
    ctx: &Ctx,
    base: &str,
    updates: &[ProgressUpdate],
    documents: &UpdateDocuments,
    editing: Option<&Editing<'_>>,
    errors: &FormErrors,
    attaching: Option<&Attaching<'_>>,
) -> Markup {
    let t = texts::texts(ctx.lang);
    html! {
        ol.updates { @for update in updates {
            @let prefix = format!("e{}-", update.id);
            @let failed = editing.filter(|e| e.update == update.id);
            @let on = update.on.to_string();
            li #{ "voortgang-" (update.id) } {
                strong { (ctx.lang.date(update.on)) } " " (tr_rich(&update.body, ctx.content_lang()))
                @if update.hidden { " " em { (t.update_hidden_tag) } }
                @if update.edited_at.is_some() { " " em { (t.update_edited_tag) } }
                details open[failed.is_some()] {
                    summary { (t.update_edit) span.visually-hidden { ": " (ctx.lang.date(update.on)) } }
                    form method="post" action={ (base) "/voortgang/" (update.id) } {
                        (components::csrf_field(ctx))
                        (components::input(ctx.lang, Input::text("on", t.update_date, failed.map_or(on.as_str(), |e| e.on)).id_prefix(&prefix).kind("date").required().error(errors.get(&format!("{prefix}on")))))
                        (components::textarea(ctx.lang, Input::text("body", t.update_body, failed.map_or(update.body.main.as_str(), |e| e.body)).id_prefix(&prefix).required().max_length(3000).error(errors.get(&format!("{prefix}body"))), 3))
                        (translation_input(ctx, ("body", t.update_body, failed.map_or(update.body.translation.as_deref().unwrap_or(""), |e| e.body_translation)), &prefix, errors, Some(3)))
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
                (update_documents(ctx, &format!("{base}/voortgang/{}/documenten", update.id), (update, documents), errors, attaching))
            }
        } }
    }
}

pub struct PointEditView<'a> {
    pub process: &'a Process,
    pub themes: &'a [Theme],
    pub point: &'a ActionPoint,
    pub updates: &'a [ProgressUpdate],
    pub documents: &'a UpdateDocuments,
    pub values: &'a HashMap<String, String>,
    pub errors: &'a FormErrors,
    pub editing: Option<Editing<'a>>,
    /// What was typed in the new-update form when it came back with errors.
    pub typed: Option<TypedUpdate<'a>>,
    /// What was typed in an update's document form when it came back.
    pub attaching: Option<Attaching<'a>>,
}

pub fn point_edit(ctx: &Ctx, view: &PointEditView<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let base = format!(
        "/beheer/processen/{}/actiepunten/{}",
        view.process.id, view.point.id
    );
    let section = Section::ActionPoints;
    let p = view.process;
    let (title, title_lang) = content::pick(&view.point.title, ctx.content_lang());
    admin_page(
        ctx,
        &[
            Crumb::new(section.label(ctx.lang), section.href(p.id)),
            Crumb::titled(title.to_owned(), base.clone()),
        ],
        Some(InProcess::new(p.id, &p.title, section)),
        title,
        html! {
            h1.utrecht-heading-1 lang=[title_lang] { (title) }
            (components::error_summary(ctx.lang, view.errors))
            p { a href={ "/processen/" (view.process.slug) "/actiepunten/" (view.point.id) } { (t.view_public) } }
            form method="post" action=(base) {
                (components::csrf_field(ctx))
                (point_fields(ctx, view.themes, view.values, &FormErrors::default()))
                button.utrecht-button.utrecht-button--primary-action type="submit" { (t.save) }
            }
            h2.utrecht-heading-2 { (t.update_title) }
            (update_form(ctx, &format!("{base}/voortgang"), "u-", view.errors, view.typed.as_ref()))
            (updates_admin(ctx, &base, view.updates, view.documents, view.editing.as_ref(), view.errors, view.attaching.as_ref()))
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

/// What came back on the action holder's home: the point whose update form came back and what
/// was typed, or an update's document form.
#[derive(Debug, Clone, Copy, Default)]
pub struct HolderTyping<'a> {
    pub update: Option<(ActionPointId, TypedUpdate<'a>)>,
    pub attaching: Option<Attaching<'a>>,
}

/// The action holder's home: their action points, each with the form for a new update and the
/// updates with their documents.
pub fn holder_page(
    ctx: &Ctx,
    points: &[(ActionPoint, Vec<ProgressUpdate>)],
    documents: &UpdateDocuments,
    errors: &FormErrors,
    typing: HolderTyping<'_>,
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
                    h2.utrecht-heading-2 { (content::tr(&point.title, ctx.content_lang())) }
                    @let own = typing.update.filter(|(id, _)| *id == point.id).map(|(_, typed)| typed);
                    (update_form(ctx, &format!("/actiehouder/actiepunten/{}/voortgang", point.id), &format!("a{}-", point.id), errors, own.as_ref()))
                    (updates_list(ctx, updates, documents, errors, typing.attaching.as_ref()))
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
