//! Public views: a document page, document lists, the process block and the timeline.

use crate::ctx::Ctx;
use crate::i18n::publications as texts;
use crate::read::timeline::{Item, ItemKind};
use crate::session::report_markup;
use crate::upload;
use crate::views::content;
use crate::views::layout;
use inspraak_store::process::Process;
use inspraak_store::publications::{Document, ProgressReport};
use maud::{Markup, html};

/// "PDF, 1,2 MB".
pub fn type_and_size(ctx: &Ctx, document: &Document) -> String {
    let label = upload::kind(&document.file_kind).map_or("?", |k| k.label);
    format!(
        "{label}, {}",
        upload::human_size(document.size_bytes, ctx.lang)
    )
}

fn language_name(ctx: &Ctx, code: &str) -> &'static str {
    let t = texts::texts(ctx.lang);
    if code == "en" {
        t.language_en
    } else {
        t.language_nl
    }
}

pub fn document_list(ctx: &Ctx, documents: &[Document]) -> Markup {
    let t = texts::texts(ctx.lang);
    html! {
        @if documents.is_empty() {
            p { (t.no_documents) }
        } @else {
            ul.document-list {
                @for d in documents {
                    li {
                        @let (title, title_lang) = content::pick(&d.title, ctx.content_lang());
                        a href={ "/documenten/" (d.id) } lang=[title_lang] { (title) }
                        " (" (type_and_size(ctx, d)) ", " (ctx.lang.date(d.date)) ")"
                    }
                }
            }
        }
    }
}

pub fn document_page(ctx: &Ctx, process: &Process, document: &Document) -> Markup {
    let t = texts::texts(ctx.lang);
    let c = ctx.content_lang();
    let (title, title_lang) = content::pick(&document.title, c);
    layout::page(
        ctx,
        title,
        html! {
            p.eyebrow { a href={ "/processen/" (process.slug) } { (content::tr(&process.title, c)) } }
            h1.utrecht-heading-1 lang=[title_lang] { (title) }
            (content::tr_paragraphs(&document.description, c))
            dl {
                dt { (t.document_date) } dd { (ctx.lang.date(document.date)) }
                dt { (t.document_language) } dd { (language_name(ctx, &document.language)) }
            }
            p {
                a.utrecht-button-link.utrecht-button-link--html-a.utrecht-button-link--primary-action href={ "/documenten/" (document.id) "/download" } download {
                    (t.download) " " span.visually-hidden lang=[title_lang] { (title) }
                }
                " (" (type_and_size(ctx, document)) ")"
            }
            p { a href={ "/processen/" (process.slug) "/voortgang" } { (t.follow_progress) } }
        },
    )
}

/// The publications section of a process page.
pub fn process_block(
    ctx: &Ctx,
    process: &Process,
    reports: &[ProgressReport],
    documents: &[Document],
) -> Markup {
    let t = texts::texts(ctx.lang);
    html! {
        section aria-labelledby="voortgang" {
            h2.utrecht-heading-2 #voortgang { (t.reports) }
            @if reports.is_empty() {
                p { (t.no_reports) }
            } @else {
                ul {
                    @for r in reports {
                        li {
                            @let (title, title_lang) = content::pick(&r.title, ctx.content_lang());
                            a href={ "/processen/" (process.slug) "/voortgang#rapportage-" (r.id) } lang=[title_lang] { (title) }
                            " – " (ctx.lang.date(r.date))
                        }
                    }
                }
            }
            ul.link-list {
                li { a href={ "/processen/" (process.slug) "/voortgang" } { (t.follow_progress) } }
                li { a href={ "/processen/" (process.slug) "/volgen" } { (t.follow_by_mail) } }
                li { a href={ "/processen/" (process.slug) "/feed.atom" } type="application/atom+xml" { (t.feed_link) } }
            }
        }
        section aria-labelledby="documenten" {
            h2.utrecht-heading-2 #documenten { (t.documents) }
            (document_list(ctx, documents))
        }
    }
}

fn kind_label(ctx: &Ctx, kind: ItemKind) -> &'static str {
    let t = texts::texts(ctx.lang);
    match kind {
        ItemKind::Report => t.kind_report,
        ItemKind::SessionReport => t.kind_session_report,
        ItemKind::Document => t.kind_document,
        ItemKind::ActionPointUpdate => t.kind_action_point_update,
        ItemKind::Outcome => t.kind_outcome,
    }
}

pub fn timeline(ctx: &Ctx, process: &Process, items: &[Item]) -> Markup {
    let t = texts::texts(ctx.lang);
    let title = format!(
        "{}: {}",
        t.follow_progress,
        crate::views::content::pick(&process.title, ctx.content_lang()).0
    );
    let c = ctx.content_lang();
    layout::page(
        ctx,
        &title,
        html! {
            p.eyebrow { a href={ "/processen/" (process.slug) } { (crate::views::content::tr(&process.title, c)) } }
            h1.utrecht-heading-1 { (t.follow_progress) }
            p.utrecht-paragraph.utrecht-paragraph--lead { (t.follow_intro) }
            ul.link-list {
                li { a href={ "/processen/" (process.slug) "/volgen" } { (t.follow_by_mail) } }
                li { a href={ "/processen/" (process.slug) "/feed.atom" } type="application/atom+xml" { (t.feed_link) } }
            }
            @if items.is_empty() { p { (t.timeline_empty) } }
            ol.timeline {
                @for item in items {
                    li {
                        article #(item.anchor) aria-labelledby={ (item.anchor) "-titel" } {
                            @let (title, title_lang) = content::pick(&item.title, c);
                            h2.utrecht-heading-2 id={ (item.anchor) "-titel" } lang=[title_lang] {
                                @if item.kind == ItemKind::Report { (title) }
                                @else { a href=(item.path) { (title) } }
                            }
                            p.meta { (kind_label(ctx, item.kind)) ", " (ctx.lang.date(item.date)) }
                            @if let Some(body) = &item.body {
                                @let (body, body_lang) = content::pick(body, c);
                                @if item.kind.plain_body() { (content::paragraphs(body, body_lang)) }
                                @else { (content::block(report_markup::render(body), body_lang)) }
                            }
                            @if !item.attachments.is_empty() { (document_list(ctx, &item.attachments)) }
                        }
                    }
                }
            }
        },
    )
}
