//! The forum member's home: what is open for comment, own comments and replies to them.

use crate::ctx::Ctx;
use crate::i18n::{fill, forum_home as texts, ideas as idea_texts};
use crate::views::layout;
use inspraak_store::ideas::forum_home::{ForumHome, Listed, Place};
use maud::{Markup, html};

/// At most this many characters of a comment are shown on the home.
const EXCERPT: usize = 200;

fn excerpt(text: &str) -> String {
    let mut chars = text.chars();
    let short: String = chars.by_ref().take(EXCERPT).collect();
    if chars.next().is_some() {
        format!("{}…", short.trim_end())
    } else {
        short
    }
}

/// "Over <title> (<process>)": the page a comment is on. Organisers wrote the process title and
/// action point titles; idea titles are citizens' text and stay unmarked.
fn about(ctx: &Ctx, place: &Place, href: &str) -> Markup {
    let organisers = match place.target {
        inspraak_store::ideas::forum::CommentSubject::Idea(_) => None,
        inspraak_store::ideas::forum::CommentSubject::ActionPoint(_) => ctx.content_lang(),
    };
    html! {
        a href=(href) lang=[organisers] { (place.title) }
        " (" span lang=[ctx.content_lang()] { (place.process_title) } ")"
    }
}

fn listed(ctx: &Ctx, items: &[Listed], link_text: &str, with_author: bool) -> Markup {
    let t = texts::texts(ctx.lang);
    html! {
        ul.forum-list {
            @for item in items {
                li {
                    p.comment__meta {
                        @if with_author {
                            strong { (item.author_name) }
                            @if let Some(org) = &item.author_organisation { " (" (org) ")" }
                            " · "
                        }
                        (ctx.lang.date_time(item.created_at)) " · " (t.on) " "
                        (about(ctx, &item.place, &item.place.path()))
                    }
                    p { (excerpt(&item.body)) }
                    p { a href={ (item.place.path()) "#reactie-" (item.id) } { (link_text) } }
                }
            }
        }
    }
}

pub fn page(ctx: &Ctx, home: &ForumHome, welcome: bool) -> Markup {
    let t = texts::texts(ctx.lang);
    layout::page(
        ctx,
        t.title,
        html! {
            h1.utrecht-heading-1 { (t.title) }
            @if welcome { p.utrecht-alert.utrecht-alert--ok role="status" { (t.welcome) } }
            p { (t.intro) }
            section aria-labelledby="open" {
                h2.utrecht-heading-2 #open { (t.open_title) }
                h3.utrecht-heading-3 { (t.ideas_title) }
                @if home.ideas.is_empty() { p { (t.no_ideas) } } @else {
                    ul.forum-list {
                        @for idea in &home.ideas {
                            li {
                                (about(ctx, &idea.place, &format!("{}#reacties", idea.place.path())))
                                " · " (idea_texts::idea_status(ctx.lang, idea.status))
                                " · " (fill(t.comment_count, &[("n", &idea.comment_count.to_string())]))
                            }
                        }
                    }
                }
                h3.utrecht-heading-3 { (t.points_title) }
                @if home.draft_points.is_empty() { p { (t.no_points) } } @else {
                    p { (t.points_intro) }
                    ul.forum-list {
                        @for point in &home.draft_points {
                            li { (about(ctx, point, &format!("{}#reacties", point.path()))) }
                        }
                    }
                }
                h3.utrecht-heading-3 { (t.threads_title) }
                @if home.threads.is_empty() { p { (t.no_threads) } } @else {
                    ul.forum-list {
                        @for thread in &home.threads {
                            li {
                                p { (t.on) " " (about(ctx, &thread.place, &thread.place.path())) }
                                p.comment__meta { (fill(t.thread_meta, &[
                                    ("name", &thread.started_by),
                                    ("n", &thread.replies.to_string()),
                                    ("date", &ctx.lang.date_time(thread.last_activity)),
                                ])) }
                                p { (excerpt(&thread.body)) }
                                p { a href={ (thread.place.path()) "#reactie-" (thread.root) } { (t.join_in) } }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="mijn-reacties" {
                h2.utrecht-heading-2 #mijn-reacties { (t.mine_title) }
                @if home.mine.is_empty() { p { (t.no_mine) } } @else {
                    (listed(ctx, &home.mine, t.view_comment, false))
                }
            }
            section aria-labelledby="antwoorden" {
                h2.utrecht-heading-2 #antwoorden { (t.replies_title) }
                @if home.replies.is_empty() { p { (t.no_replies) } } @else {
                    (listed(ctx, &home.replies, t.view_reply, true))
                }
            }
        },
    )
}
