//! The forum's comments under an idea or action point: one level of replies, the edit link
//! while the edit window is open, the flag button, and the forms for members.

use super::rich_text;
use crate::ctx::Ctx;
use crate::i18n::ideas as texts;
use crate::views::components::{self, Input};
use crate::views::layout;
use inspraak_domain::ideas::{Visibility, can_edit};
use inspraak_store::ideas::forum::Comment;
use maud::{Markup, html};

pub struct CommentsView<'a> {
    /// `idee-12` or `actiepunt-3`: what a new comment is about.
    pub target: String,
    pub comments: &'a [Comment],
    /// Whether the viewer may comment (a forum member or organiser).
    pub can_comment: bool,
}

fn comment_form(ctx: &Ctx, target: &str, parent: Option<&Comment>) -> Markup {
    let t = texts::texts(ctx.lang);
    let prefix = parent.map_or_else(|| "nieuw-".to_owned(), |p| format!("r{}-", p.id));
    let (label, button) = match parent {
        Some(_) => (t.reply_label, t.reply_button),
        None => (t.comment_label, t.comment_button),
    };
    html! {
        form.comment-form method="post" action="/forum/reacties" {
            (components::csrf_field(ctx))
            input type="hidden" name="target" value=(target);
            @if let Some(parent) = parent { input type="hidden" name="parent" value=(parent.id); }
            (components::textarea(ctx.lang, Input::text("body", label, "").id_prefix(&prefix).hint(t.comment_hint).required().max_length(3000), 3))
            button.utrecht-button.utrecht-button--primary-action type="submit" { (button) }
        }
    }
}

fn one(ctx: &Ctx, view: &CommentsView<'_>, comment: &Comment) -> Markup {
    let t = texts::texts(ctx.lang);
    let mine = ctx.user.as_ref().is_some_and(|u| u.id == comment.author);
    html! {
        article.comment id={ "reactie-" (comment.id) } {
            @if comment.visibility == Visibility::Hidden {
                p.comment__hidden { (t.hidden_comment) }
            } @else {
                p.comment__meta {
                    strong { (comment.author_name) }
                    @if let Some(org) = &comment.author_organisation { " (" (org) ")" }
                    " · " (ctx.lang.date_time(comment.created_at))
                    @if comment.edited_at.is_some() { " · " em { (t.edited) } }
                }
                p { (rich_text(&comment.body)) }
                @if view.can_comment {
                    ul.comment__actions {
                        @if mine && can_edit(comment.created_at, ctx.now) {
                            li { a href={ "/forum/reacties/" (comment.id) "/bewerken" } { (t.edit) } }
                        }
                        li {
                            @if comment.flagged { (t.flagged) } @else {
                                form.inline-form method="post" action={ "/forum/reacties/" (comment.id) "/melden" } {
                                    (components::csrf_field(ctx))
                                    button.utrecht-link-button.utrecht-link-button--html-button type="submit" { (t.flag) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

pub fn comments_section(ctx: &Ctx, view: &CommentsView<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let top: Vec<_> = view
        .comments
        .iter()
        .filter(|c| c.parent.is_none())
        .collect();
    html! {
        section.comments aria-labelledby="reacties" {
            h2.utrecht-heading-2 #reacties { (t.comments_title) }
            @if top.is_empty() { p { (t.no_comments) } }
            @for comment in top {
                div.thread {
                    (one(ctx, view, comment))
                    @let replies: Vec<_> = view.comments.iter().filter(|c| c.parent == Some(comment.id)).collect();
                    @if !replies.is_empty() {
                        div.replies { @for reply in replies { (one(ctx, view, reply)) } }
                    }
                    @if view.can_comment && comment.visibility == Visibility::Public {
                        (comment_form(ctx, &view.target, Some(comment)))
                    }
                }
            }
            @if view.can_comment {
                (comment_form(ctx, &view.target, None))
            } @else {
                p { (t.login_to_comment) }
            }
        }
    }
}

/// A new comment or reply that was refused, on a page of its own with the text kept, so the
/// member can correct it and send it again.
pub fn retry_page(
    ctx: &Ctx,
    target: &str,
    parent: Option<i64>,
    value: &str,
    back: &str,
    errors: &components::FormErrors,
) -> Markup {
    let t = texts::texts(ctx.lang);
    let label = if parent.is_some() {
        t.reply_label
    } else {
        t.comment_label
    };
    layout::page(
        ctx,
        t.comments_title,
        html! {
            h1.utrecht-heading-1 { (t.comments_title) }
            (components::error_summary(ctx.lang, errors))
            form method="post" action="/forum/reacties" {
                (components::csrf_field(ctx))
                input type="hidden" name="target" value=(target);
                @if let Some(parent) = parent { input type="hidden" name="parent" value=(parent); }
                (components::textarea(ctx.lang, Input::text("body", label, value).hint(t.comment_hint).required().max_length(3000).error(errors.get("body")), 5))
                button.utrecht-button.utrecht-button--primary-action type="submit" { (t.comment_button) }
            }
            p { a href=(back) { (t.back_to_ideas) } }
        },
    )
}

pub fn edit_page(
    ctx: &Ctx,
    comment: &Comment,
    value: &str,
    back: &str,
    errors: &components::FormErrors,
) -> Markup {
    let t = texts::texts(ctx.lang);
    layout::page(
        ctx,
        t.edit_title,
        html! {
            h1.utrecht-heading-1 { (t.edit_title) }
            (components::error_summary(ctx.lang, errors))
            form method="post" action={ "/forum/reacties/" (comment.id) "/bewerken" } {
                (components::csrf_field(ctx))
                (components::textarea(ctx.lang, Input::text("body", t.comment_label, value).required().max_length(3000).error(errors.get("body")), 5))
                button.utrecht-button.utrecht-button--primary-action type="submit" { (t.save) }
            }
            p { a href=(back) { (t.back_to_ideas) } }
        },
    )
}
