//! Texts of the forum member's home (`/forum`).

use super::Lang;

pub struct ForumHomeTexts {
    pub nav_forum: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub welcome: &'static str,
    pub open_title: &'static str,
    pub ideas_title: &'static str,
    pub no_ideas: &'static str,
    pub points_title: &'static str,
    pub points_intro: &'static str,
    pub no_points: &'static str,
    pub threads_title: &'static str,
    pub no_threads: &'static str,
    /// `{name}` started it, `{n}` replies, last on `{date}`.
    pub thread_meta: &'static str,
    pub mine_title: &'static str,
    pub no_mine: &'static str,
    pub replies_title: &'static str,
    pub no_replies: &'static str,
    /// `{n}` comments so far.
    pub comment_count: &'static str,
    pub view_comment: &'static str,
    pub view_reply: &'static str,
    pub join_in: &'static str,
    pub on: &'static str,
}

const NL: ForumHomeTexts = ForumHomeTexts {
    nav_forum: "Forum",
    title: "Stakeholderforum",
    intro: "Hier zie je waar je nu op kunt reageren, je eigen reacties en wat anderen daarop antwoordden.",
    welcome: "Welkom in het stakeholderforum. Je account is klaar en je bent ingelogd. Hieronder zie je waar je op kunt reageren.",
    open_title: "Open voor reacties",
    ideas_title: "Ideeën",
    no_ideas: "Er zijn nu geen ideeën om op te reageren.",
    points_title: "Actiepunten in concept",
    points_intro: "Deze actiepunten zijn nog niet vastgesteld. Het forum mag er eerst over meepraten.",
    no_points: "Er zijn nu geen actiepunten in concept.",
    threads_title: "Lopende gesprekken",
    no_threads: "Er zijn nog geen gesprekken.",
    thread_meta: "Begonnen door {name} · {n} antwoorden · laatste reactie {date}",
    mine_title: "Mijn reacties",
    no_mine: "Je hebt nog niet gereageerd.",
    replies_title: "Antwoorden op mijn reacties",
    no_replies: "Nog niemand heeft op je gereageerd.",
    comment_count: "{n} reacties",
    view_comment: "Bekijk je reactie",
    view_reply: "Bekijk het antwoord",
    join_in: "Doe mee in dit gesprek",
    on: "Over",
};

const EN: ForumHomeTexts = ForumHomeTexts {
    nav_forum: "Forum",
    title: "Stakeholder forum",
    intro: "Here you see what you can comment on now, your own comments and what others replied to them.",
    welcome: "Welcome to the stakeholder forum. Your account is ready and you are logged in. Below you see what you can comment on.",
    open_title: "Open for comments",
    ideas_title: "Ideas",
    no_ideas: "There are no ideas to comment on right now.",
    points_title: "Draft action points",
    points_intro: "These action points are not final yet. The forum can discuss them first.",
    no_points: "There are no draft action points right now.",
    threads_title: "Ongoing conversations",
    no_threads: "There are no conversations yet.",
    thread_meta: "Started by {name} · {n} replies · last comment {date}",
    mine_title: "My comments",
    no_mine: "You have not commented yet.",
    replies_title: "Replies to my comments",
    no_replies: "Nobody has replied to you yet.",
    comment_count: "{n} comments",
    view_comment: "View your comment",
    view_reply: "View the reply",
    join_in: "Join this conversation",
    on: "About",
};

pub fn texts(lang: Lang) -> &'static ForumHomeTexts {
    lang.pick(&NL, &EN)
}
