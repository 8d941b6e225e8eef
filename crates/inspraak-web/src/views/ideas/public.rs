//! Public idea list, idea form, idea page, action plan and action point page.

use super::comments::{CommentsView, comments_section};
use super::{rich_text, tr_rich};
use crate::ctx::Ctx;
use crate::i18n::{fill, ideas as texts};
use crate::read::action_plan::ActionPlan;
use crate::views::components::{self, FormErrors, Input};
use crate::views::content;
use crate::views::layout;
use inspraak_domain::ideas::IdeaSort;
use inspraak_store::ideas::Idea;
use inspraak_store::ideas::action_points::{ActionPoint, ProgressUpdate};
use inspraak_store::process::{Process, Theme};
use maud::{Markup, html};
use std::collections::HashMap;

pub const HONEYPOT: &str = "website";

pub struct ListView<'a> {
    pub process: &'a Process,
    pub themes: &'a [Theme],
    pub ideas: &'a [Idea],
    pub total: u64,
    pub theme: Option<&'a Theme>,
    pub search: &'a str,
    pub sort: IdeaSort,
    pub page: u64,
    pub pages: u64,
    pub open: bool,
}

/// The name of the idea's theme for this page (`content::tr`); nothing when it is not found.
fn theme_name(themes: &[Theme], idea: &Idea, c: Option<&'static str>) -> Markup {
    themes
        .iter()
        .find(|t| t.id == idea.theme_id)
        .map_or_else(|| html! {}, |t| content::tr(&t.name, c))
}

pub fn idea_path(process: &Process, idea: &Idea) -> String {
    format!("/processen/{}/ideeen/{}", process.slug, idea.id)
}

fn list_link(view: &ListView<'_>, page: u64) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    if let Some(theme) = view.theme {
        query.append_pair("thema", &theme.slug);
    }
    if !view.search.is_empty() {
        query.append_pair("q", view.search);
    }
    query.append_pair("sort", view.sort.as_str());
    query.append_pair("pagina", &(page + 1).to_string());
    format!("/processen/{}/ideeen?{}", view.process.slug, query.finish())
}

pub fn list(ctx: &Ctx, view: &ListView<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let c = ctx.content_lang();
    let (name, name_lang) = content::pick(
        view.theme.map_or(&view.process.title, |theme| &theme.name),
        c,
    );
    let heading = format!("{} – {}", t.ideas_title, name);
    layout::page(
        ctx,
        &heading,
        html! {
            h1.utrecht-heading-1 { (t.ideas_title) " – " (content::text(name, name_lang)) }
            p { (t.ideas_intro) }
            @if view.open {
                p { a.utrecht-button-link.utrecht-button-link--html-a.utrecht-button-link--primary-action href={ "/processen/" (view.process.slug) "/ideeen/nieuw" } { (t.submit_link) } }
            } @else {
                p { (t.closed) }
            }
            form.filter-form method="get" action={ "/processen/" (view.process.slug) "/ideeen" } {
                div.utrecht-form-field {
                    label.utrecht-form-label for="veld-q" { (t.search_label) }
                    input.utrecht-textbox.utrecht-textbox--html-input #veld-q type="search" name="q" value=(view.search);
                }
                div.utrecht-form-field {
                    label.utrecht-form-label for="veld-thema" { (t.theme_filter) }
                    select.utrecht-select.utrecht-select--html-select #veld-thema name="thema" {
                        option value="" { (t.all_themes) }
                        @for theme in view.themes {
                            option value=(theme.slug) selected[view.theme.is_some_and(|x| x.id == theme.id)] lang=[crate::views::content::pick(&theme.name, c).1] { (crate::views::content::pick(&theme.name, c).0) }
                        }
                    }
                }
                div.utrecht-form-field {
                    label.utrecht-form-label for="veld-sort" { (t.sort_label) }
                    select.utrecht-select.utrecht-select--html-select #veld-sort name="sort" {
                        option value=(IdeaSort::Newest.as_str()) selected[view.sort == IdeaSort::Newest] { (t.sort_newest) }
                        option value=(IdeaSort::MostDiscussed.as_str()) selected[view.sort == IdeaSort::MostDiscussed] { (t.sort_discussed) }
                    }
                }
                button.utrecht-button.utrecht-button--primary-action type="submit" { (t.filter_button) }
            }
            p role="status" { (fill(t.results, &[("n", &view.total.to_string())])) }
            @if view.ideas.is_empty() {
                p { (t.none_found) }
            } @else {
                ul.idea-list {
                    @for idea in view.ideas {
                        li {
                            h2.utrecht-heading-2 { a href=(idea_path(view.process, idea)) { (idea.title) } }
                            p {
                                (theme_name(view.themes, idea, c)) " · "
                                (texts::idea_status(ctx.lang, idea.status)) " · "
                                (fill(t.comments_count, &[("n", &idea.comment_count.to_string())]))
                            }
                        }
                    }
                }
            }
            @if view.pages > 1 {
                nav aria-label=(t.pages_label) {
                    ul.pagination {
                        @if view.page > 0 { li { a href=(list_link(view, view.page - 1)) rel="prev" { (t.previous) } } }
                        @if view.page + 1 < view.pages { li { a href=(list_link(view, view.page + 1)) rel="next" { (t.next) } } }
                    }
                }
            }
        },
    )
}

pub struct FormView<'a> {
    pub process: &'a Process,
    pub themes: &'a [Theme],
    pub values: &'a HashMap<String, String>,
    pub key: &'a str,
    /// The signed start time (`flows::public_form`).
    pub started: &'a str,
    pub errors: &'a FormErrors,
    pub notice: Option<&'a str>,
}

pub fn form(ctx: &Ctx, view: &FormView<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let value = |name: &str| view.values.get(name).map_or("", String::as_str);
    let consent = !value("consent").is_empty();
    html! {
        h1.utrecht-heading-1 { (t.form_title) }
        p { (t.form_intro) }
        (components::error_summary(ctx.lang, view.errors))
        @if let Some(notice) = view.notice {
            div.utrecht-alert.utrecht-alert--warning role="alert" { p { (notice) } }
        }
        form method="post" action={ "/processen/" (view.process.slug) "/ideeen/nieuw" } novalidate {
            (components::csrf_field(ctx))
            input type="hidden" name="idempotency_key" value=(view.key);
            input type="hidden" name="form_started" value=(view.started);
            div.honeypot aria-hidden="true" {
                label for="veld-website" { (t.honeypot_label) }
                input #veld-website type="text" name=(HONEYPOT) value=(value(HONEYPOT)) tabindex="-1" autocomplete="off";
            }
            div.utrecht-form-field.utrecht-form-field--invalid[view.errors.get("theme").is_some()] {
                label.utrecht-form-label for="veld-theme" { (t.theme) }
                @if let Some(error) = view.errors.get("theme") { p.utrecht-form-field-error-message #veld-theme-fout { (error) } }
                select.utrecht-select.utrecht-select--html-select #veld-theme name="theme" required aria-invalid=[view.errors.get("theme").map(|_| "true")] aria-describedby=[view.errors.get("theme").map(|_| "veld-theme-fout")] {
                    option value="" { (t.choose_theme) }
                    @for theme in view.themes {
                        option value=(theme.id) selected[value("theme") == theme.id.to_string()] lang=[crate::views::content::pick(&theme.name, ctx.content_lang()).1] { (crate::views::content::pick(&theme.name, ctx.content_lang()).0) }
                    }
                }
            }
            (components::input(ctx.lang, Input::text("title", t.title, value("title")).required().max_length(200).error(view.errors.get("title"))))
            (components::textarea(ctx.lang, Input::text("body", t.body, value("body")).required().max_length(5000).error(view.errors.get("body")), 8))
            (components::input(ctx.lang, Input::text("name", t.name, value("name")).hint(t.name_hint).autocomplete("name").max_length(120).error(view.errors.get("name"))))
            fieldset.utrecht-form-fieldset__fieldset.utrecht-form-fieldset--html-fieldset {
                legend.utrecht-form-fieldset__legend.utrecht-form-fieldset__legend--html-legend { (t.consent_legend) }
                (components::input(ctx.lang, Input::text("email", t.email, value("email")).kind("email").hint(t.email_hint).autocomplete("email").error(view.errors.get("email"))))
                div.utrecht-form-field.utrecht-form-field--invalid[view.errors.get("consent").is_some()] {
                    @if let Some(error) = view.errors.get("consent") { p.utrecht-form-field-error-message #veld-consent-fout { (error) } }
                    input #veld-consent type="checkbox" name="consent" value="ja" checked[consent];
                    label for="veld-consent" { (t.consent) }
                }
            }
            button.utrecht-button.utrecht-button--primary-action type="submit" { (t.send) }
        }
    }
}

pub fn thanks(ctx: &Ctx, process: &Process, public: bool, trace_href: Option<&str>) -> Markup {
    let t = texts::texts(ctx.lang);
    layout::page(
        ctx,
        t.thanks_title,
        html! {
            h1.utrecht-heading-1 { (t.thanks_title) }
            p { @if public { (t.thanks_post) } @else { (t.thanks_pre) } }
            @if let Some(href) = trace_href { (crate::views::traceability::public::receipt_link(ctx, href)) }
            p { a href={ "/processen/" (process.slug) "/ideeen" } { (t.back_to_ideas) } }
        },
    )
}

pub struct IdeaView<'a> {
    pub process: &'a Process,
    pub themes: &'a [Theme],
    pub idea: &'a Idea,
    pub action_point: Option<&'a ActionPoint>,
    pub comments: CommentsView<'a>,
}

pub fn idea_page(ctx: &Ctx, view: &IdeaView<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let idea = view.idea;
    let author = idea.author_name.as_deref().unwrap_or(t.anonymous);
    let c = ctx.content_lang();
    layout::page(
        ctx,
        &idea.title,
        html! {
            h1.utrecht-heading-1 { (idea.title) }
            p { (theme_name(view.themes, idea, c)) " · " (fill(t.by, &[("name", author)])) " · " (ctx.lang.date_time(idea.created_at)) }
            div.idea-body { p { (rich_text(&idea.body)) } }
            h2.utrecht-heading-2 { (t.status) }
            p { strong { (texts::idea_status(ctx.lang, idea.status)) } }
            @if let Some(explanation) = &idea.explanation {
                p { span.visually-hidden { (t.explanation) ": " } (content::inline(rich_text(explanation), c)) }
            }
            @if let Some(point) = view.action_point {
                @let (title, title_lang) = content::pick(&point.title, c);
                p { (t.included_in) " " a href={ "/processen/" (view.process.slug) "/actiepunten/" (point.id) } lang=[title_lang] { (title) } }
            }
            (comments_section(ctx, &view.comments))
            p { a href={ "/processen/" (view.process.slug) "/ideeen" } { (t.back_to_ideas) } }
        },
    )
}

/// The documents of the plan, for the download links.
pub struct Downloads {
    /// The plan's last change (the documents say "Stand van …").
    pub date: chrono::NaiveDate,
}

pub struct PlanView<'a> {
    pub plan: &'a ActionPlan,
    pub downloads: &'a Downloads,
}

fn point_summary(ctx: &Ctx, plan: &ActionPlan, point: &ActionPoint) -> Markup {
    let t = texts::texts(ctx.lang);
    let c = ctx.content_lang();
    html! {
        li.action-point {
            h3.utrecht-heading-3 { a href={ "/processen/" (plan.process.slug) "/actiepunten/" (point.id) } { (content::tr(&point.title, c)) } }
            dl {
                dt { (crate::i18n::action_plan::texts(ctx.lang).ambition) } dd { (tr_rich(&point.description, c)) }
                dt { (t.holder) } dd lang=[c] { (point.holder) }
                @if let Some(partners) = &point.partners { dt { (t.partners) } dd lang=[c] { (partners) } }
                dt { (t.point_status) } dd { (texts::point_status(ctx.lang, point.status)) }
                @if let Some(update) = plan.latest.get(&point.id) {
                    dt { (t.latest_update) } dd { (ctx.lang.date(update.on)) ": " (tr_rich(&update.body, c)) }
                }
                @if let Some(ideas) = plan.origins.get(&point.id).filter(|i| !i.is_empty()) {
                    dt { (t.origin) }
                    dd { ul { @for idea in ideas { li { a href=(idea_path(&plan.process, idea)) { (idea.title) } } } } }
                }
            }
        }
    }
}

/// Links to the PDF and ODT; in English they ask for the English document.
fn downloads(ctx: &Ctx, plan: &ActionPlan, files: &Downloads) -> Markup {
    let t = crate::i18n::action_plan::texts(ctx.lang);
    let query = match ctx.lang {
        crate::i18n::Lang::Nl => "",
        crate::i18n::Lang::En => "?taal=en",
    };
    let href = |ext: &str| format!("/processen/{}/actieplan.{ext}{query}", plan.process.slug);
    html! {
        section.plan-downloads.no-print aria-labelledby="actieplan-documenten" {
            h2.utrecht-heading-2 #actieplan-documenten { (t.downloads_title) }
            p { (fill(t.as_of, &[("date", &ctx.lang.date(files.date))])) "." }
            ul {
                li { a href=(href("pdf")) type="application/pdf" { (t.download_pdf) } }
                li { a href=(href("odt")) type="application/vnd.oasis.opendocument.text" { (t.download_odt) } }
            }
            p { (t.print_hint) }
        }
    }
}

pub fn plan(ctx: &Ctx, view: &PlanView<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let plan = view.plan;
    let heading = format!(
        "{} – {}",
        t.plan_title,
        crate::views::content::pick(&plan.process.title, ctx.content_lang()).0
    );
    let c = ctx.content_lang();
    let as_of = crate::i18n::action_plan::texts(ctx.lang).as_of;
    let without_theme = plan.points_of(None);
    layout::page(
        ctx,
        &heading,
        html! {
            h1.utrecht-heading-1 { (t.plan_title) " – " (content::tr(&plan.process.title, c)) }
            p.plan-date { (fill(as_of, &[("date", &ctx.lang.date(view.downloads.date))])) }
            @if let Some(intro) = &plan.introduction {
                @let (intro, intro_lang) = content::pick(intro, c);
                div.plan-introduction lang=[intro_lang] {
                    @for line in intro.lines().filter(|l| !l.trim().is_empty()) { p { (line) } }
                }
            }
            p { (t.plan_intro) }
            (downloads(ctx, plan, view.downloads))
            @if plan.points.is_empty() { p { (t.plan_empty) } }
            @for theme in &plan.themes {
                @let points = plan.points_of(Some(theme.id));
                @if !points.is_empty() {
                    section {
                        h2.utrecht-heading-2 lang=[crate::views::content::pick(&theme.name, c).1] { (crate::views::content::pick(&theme.name, c).0) }
                        ul.action-points { @for point in points { (point_summary(ctx, plan, point)) } }
                    }
                }
            }
            @if !without_theme.is_empty() {
                section {
                    h2.utrecht-heading-2 { (t.no_theme) }
                    ul.action-points { @for point in without_theme { (point_summary(ctx, plan, point)) } }
                }
            }
            // "Bestel een gedrukte versie" (issue 24).
            (crate::views::print_orders::order_link(ctx, &plan.process.slug))
        },
    )
}

pub struct PointView<'a> {
    pub process: &'a Process,
    pub point: &'a ActionPoint,
    pub theme: Option<&'a Theme>,
    pub updates: &'a [ProgressUpdate],
    pub ideas: &'a [Idea],
    pub comments: CommentsView<'a>,
    /// Documents attached to the action point.
    pub documents: &'a [inspraak_store::publications::Document],
    /// Documents attached to its progress updates, by update.
    pub update_documents: &'a std::collections::HashMap<
        inspraak_domain::ProgressUpdateId,
        Vec<inspraak_store::publications::Document>,
    >,
    /// Traceability: contributions linked to this action point, per channel.
    pub origin: Markup,
}

pub fn point_page(ctx: &Ctx, view: &PointView<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let point = view.point;
    let c = ctx.content_lang();
    let (title, title_lang) = content::pick(&point.title, c);
    layout::page(
        ctx,
        title,
        html! {
            h1.utrecht-heading-1 lang=[title_lang] { (title) }
            @if let Some(theme) = view.theme { p lang=[content::pick(&theme.name, c).1] { (content::pick(&theme.name, c).0) } }
            p { (tr_rich(&point.description, c)) }
            dl {
                dt { (t.holder) } dd { (point.holder) }
                @if let Some(partners) = &point.partners { dt { (t.partners) } dd { (partners) } }
                dt { (t.point_status) } dd { (texts::point_status(ctx.lang, point.status)) }
            }
            @if let Some(findings) = &point.findings {
                h2.utrecht-heading-2 { (t.findings) }
                p { (tr_rich(findings, c)) }
            }
            h2.utrecht-heading-2 { (t.origin) }
            // The ideas included in this point are part of the origin block (listed once).
            (view.origin)
            h2.utrecht-heading-2 { (t.updates) }
            @if view.updates.is_empty() { p { (t.no_updates) } } @else {
                ol.updates {
                    @for update in view.updates {
                        li #{ "voortgang-" (update.id) } {
                            strong { (ctx.lang.date(update.on)) } " " (tr_rich(&update.body, c))
                            @if update.edited_at.is_some() { " " em { (t.update_edited_tag) } }
                            @if let Some(documents) = view.update_documents.get(&inspraak_domain::ProgressUpdateId(update.id)) {
                                (crate::views::publications::public::document_list(ctx, documents))
                            }
                        }
                    }
                }
            }
            @if !view.documents.is_empty() {
                h2.utrecht-heading-2 { (crate::i18n::publications::texts(ctx.lang).documents) }
                (crate::views::publications::public::document_list(ctx, view.documents))
            }
            (comments_section(ctx, &view.comments))
            p { a href={ "/processen/" (view.process.slug) "/actieplan" } { (t.plan_title) } }
        },
    )
}
