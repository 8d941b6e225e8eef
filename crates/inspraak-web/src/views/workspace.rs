//! The organiser's dashboard (`/beheer`): what needs attention now in every process, as counts
//! that link to the work, plus the site-wide parts of the workspace; and the per-process pages
//! the sub-navigation adds (sessions, privacy).

use super::admin::{status_badge, status_label};
use super::admin_shell::{Crumb, InProcess, Section, admin_page};
use super::content;
use crate::ctx::Ctx;
use crate::i18n::{fill, session_admin, workspace as texts};
use inspraak_store::dashboard::{ConsultationCounts, Dashboard, SessionCounts};
use inspraak_store::process::Process;
use inspraak_store::session::Session;
use maud::{Markup, html};

/// One line of attention: a count and what it counts, linked to where the work is done.
struct Item {
    count: Option<u64>,
    label: &'static str,
    /// The consultation or session it is about (organiser-written).
    about: Option<String>,
    detail: Option<String>,
    href: String,
}

fn items_for(ctx: &Ctx, dashboard: &Dashboard, process: &Process) -> Vec<Item> {
    let t = texts::texts(ctx.lang);
    let counts = dashboard.process(process.id);
    let base = format!("/beheer/processen/{}", process.id);
    let mut items = Vec::new();
    let mut push = |count: u64, label, about: Option<&str>, href: String| {
        if count > 0 {
            items.push(Item {
                count: Some(count),
                label,
                about: about.map(str::to_owned),
                detail: None,
                href,
            });
        }
    };
    push(
        counts.ideas_awaiting,
        t.ideas_awaiting,
        None,
        format!("{base}/ideeen#moderatie"),
    );
    push(
        counts.flagged_comments,
        t.flagged_comments,
        None,
        format!("{base}/ideeen#gemeld"),
    );
    push(
        counts.ideas_unlinked,
        t.ideas_unlinked,
        None,
        format!("{base}/ideeen"),
    );
    for c in dashboard.consultations_of(process.id) {
        consultation_items(ctx, c, &mut push);
    }
    for s in dashboard.sessions_of(process.id) {
        items.push(session_item(ctx, s));
    }
    items
}

fn consultation_items(
    ctx: &Ctx,
    c: &ConsultationCounts,
    push: &mut impl FnMut(u64, &'static str, Option<&str>, String),
) {
    let t = texts::texts(ctx.lang);
    let base = format!("/beheer/consultaties/{}", c.id);
    push(
        c.new_responses,
        t.new_responses,
        Some(&c.title),
        format!("{base}/reacties"),
    );
    push(
        c.unlinked_responses,
        t.unlinked_responses,
        Some(&c.title),
        format!("{base}/reacties"),
    );
    if c.outcome_due() {
        push(
            1,
            t.outcome_due,
            Some(&c.title),
            format!("{base}/uitkomsten"),
        );
    }
}

fn session_item(ctx: &Ctx, s: &SessionCounts) -> Item {
    let t = texts::texts(ctx.lang);
    let mut detail = ctx
        .lang
        .date(inspraak_domain::time::local_date(s.starts_at));
    if s.waitlisted > 0 {
        detail = format!("{detail} · {} {}", s.waitlisted, t.waitlisted);
    }
    Item {
        count: Some(s.confirmed),
        label: t.signups,
        about: Some(s.title.clone()),
        detail: Some(detail),
        href: format!("/beheer/bijeenkomsten/{}/aanmeldingen", s.id),
    }
}

fn attention_list(ctx: &Ctx, items: &[Item]) -> Markup {
    let t = texts::texts(ctx.lang);
    let c = ctx.content_lang();
    html! {
        @if items.is_empty() {
            p { (t.nothing_waiting) }
        } @else {
            ul.attention {
                @for item in items {
                    li {
                        a href=(item.href) {
                            @if let Some(n) = item.count {
                                span.attention__count.attention__count--zero[n == 0] { (n) } " "
                            }
                            span.attention__label { (item.label) }
                        }
                        @if let Some(about) = &item.about { " · " span lang=[c] { (about) } }
                        @if let Some(detail) = &item.detail { " · " (detail) }
                    }
                }
            }
        }
    }
}

/// The attention counts of one process, for its organiser home.
pub fn process_attention(ctx: &Ctx, dashboard: &Dashboard, process: &Process) -> Markup {
    let t = texts::texts(ctx.lang);
    html! {
        section aria-labelledby="aandacht" {
            h2.utrecht-heading-2 #aandacht { (t.attention_process) }
            (attention_list(ctx, &items_for(ctx, dashboard, process)))
        }
    }
}

/// The links to the parts of the workspace that belong to no single process.
fn site_nav(ctx: &Ctx, dashboard: &Dashboard) -> Markup {
    let t = texts::texts(ctx.lang);
    let s = session_admin::texts(ctx.lang);
    let audit = crate::i18n::audit::texts(ctx.lang);
    let house = crate::i18n::house::texts(ctx.lang);
    // Colours of the house style that fail 4.5:1 show as a count beside its link.
    let contrast_failures = ctx.state.settings.house.palette.failures().len();
    let requests = crate::i18n::forum_requests::texts(ctx.lang);
    let contact = crate::i18n::contact::texts(ctx.lang);
    let orders = crate::i18n::print_orders::texts(ctx.lang);
    let links: [(&str, &str); 10] = [
        ("/beheer/bijeenkomsten", s.overview_link),
        ("/beheer/agenda-voorstellen", t.agenda_proposals),
        (crate::views::contact::ADMIN_PATH, contact.queue_title),
        (crate::views::print_orders::ADMIN_PATH, orders.list_title),
        ("/beheer/forum", t.forum_members),
        ("/beheer/forum-aanvragen", requests.queue_title),
        ("/beheer/accounts", audit.accounts_title),
        ("/beheer/logboek", audit.audit_title),
        (
            "/beheer/toegankelijkheid",
            crate::i18n::accessibility::texts(ctx.lang).admin_link,
        ),
        (crate::house::admin::PATH, house.link_label),
    ];
    html! {
        nav.workspace-nav aria-labelledby="hele-site" {
            h2.utrecht-heading-2 #hele-site { (t.site_wide) }
            ul {
                @for (href, label) in links {
                    li {
                        a href=(href) { (label) }
                        @if href == "/beheer/agenda-voorstellen" && dashboard.pending_proposals > 0 {
                            " " span.attention__count { (dashboard.pending_proposals) }
                            span.visually-hidden { " " (t.proposals_pending) }
                        }
                        @if href == "/beheer/forum-aanvragen" && dashboard.pending_forum_requests > 0 {
                            " " span.attention__count { (dashboard.pending_forum_requests) }
                            span.visually-hidden { " " (requests.queue_pending) }
                        }
                        @if href == crate::views::contact::ADMIN_PATH && dashboard.open_contact_messages > 0 {
                            " " span.attention__count { (dashboard.open_contact_messages) }
                            span.visually-hidden { " " (contact.pending) }
                        }
                        @if href == crate::views::print_orders::ADMIN_PATH && dashboard.open_print_orders > 0 {
                            " " span.attention__count { (dashboard.open_print_orders) }
                            span.visually-hidden { " " (orders.pending) }
                        }
                        @if href == crate::house::admin::PATH && contrast_failures > 0 {
                            " " span.attention__count { (contrast_failures) }
                            span.visually-hidden { " " (house.contrast_failing) }
                        }
                    }
                }
            }
        }
    }
}

pub fn dashboard(ctx: &Ctx, processes: &[Process], dashboard: &Dashboard) -> Markup {
    let a = crate::i18n::admin::texts(ctx.lang);
    let t = texts::texts(ctx.lang);
    let c = ctx.content_lang();
    let mut site_items = Vec::new();
    if dashboard.pending_proposals > 0 {
        site_items.push(Item {
            count: Some(dashboard.pending_proposals),
            label: t.proposals_pending,
            about: None,
            detail: None,
            href: "/beheer/agenda-voorstellen".to_owned(),
        });
    }
    if dashboard.pending_forum_requests > 0 {
        site_items.push(Item {
            count: Some(dashboard.pending_forum_requests),
            label: crate::i18n::forum_requests::texts(ctx.lang).queue_pending,
            about: None,
            detail: None,
            href: "/beheer/forum-aanvragen".to_owned(),
        });
    }
    if dashboard.open_contact_messages > 0 {
        site_items.push(Item {
            count: Some(dashboard.open_contact_messages),
            label: crate::i18n::contact::texts(ctx.lang).pending,
            about: None,
            detail: None,
            href: crate::views::contact::ADMIN_PATH.to_owned(),
        });
    }
    if dashboard.open_print_orders > 0 {
        site_items.push(Item {
            count: Some(dashboard.open_print_orders),
            label: crate::i18n::print_orders::texts(ctx.lang).pending,
            about: None,
            detail: None,
            href: crate::views::print_orders::ADMIN_PATH.to_owned(),
        });
    }
    admin_page(
        ctx,
        &[],
        None,
        a.dashboard_title,
        html! {
            h1.utrecht-heading-1 { (a.dashboard_title) }
            p.button-row { a.utrecht-button-link.utrecht-button-link--html-a.utrecht-button-link--primary-action href="/beheer/processen/nieuw" { (a.new_process) } }
            (site_nav(ctx, dashboard))
            h2.utrecht-heading-2 { (t.attention_heading) }
            @if !site_items.is_empty() { (attention_list(ctx, &site_items)) }
            @if processes.is_empty() { p { (a.no_processes) } }
            @for p in processes {
                section.process-card aria-labelledby={ "traject-" (p.id) } {
                    h3.utrecht-heading-3 id={ "traject-" (p.id) } {
                        a href={ "/beheer/processen/" (p.id) } { (content::tr(&p.title, c)) }
                    }
                    p.process-card__meta {
                        span.utrecht-status-badge.(status_badge(p.status)) { (status_label(ctx.lang, p.status)) }
                        @if p.status.is_public() {
                            " " a href={ "/processen/" (p.slug) } { (a.view_public) span.visually-hidden { ": " (content::tr(&p.title, c)) } }
                        }
                    }
                    (attention_list(ctx, &items_for(ctx, dashboard, p)))
                }
            }
        },
    )
}

/// A process's sessions with every page and download that belongs to each.
pub fn process_sessions(ctx: &Ctx, process: &Process, sessions: &[Session]) -> Markup {
    let t = texts::texts(ctx.lang);
    let s = session_admin::texts(ctx.lang);
    let c = ctx.content_lang();
    let here = Section::Sessions.href(process.id);
    admin_page(
        ctx,
        &[Crumb::new(t.sessions_title, here)],
        Some(InProcess::new(
            process.id,
            &process.title,
            Section::Sessions,
        )),
        &format!(
            "{} – {}",
            t.sessions_title,
            crate::views::content::pick(&process.title, ctx.content_lang()).0
        ),
        html! {
            h1.utrecht-heading-1 { (t.sessions_title) }
            p { a.utrecht-button-link.utrecht-button-link--html-a.utrecht-button-link--primary-action href={ "/beheer/processen/" (process.id) "/bijeenkomsten/nieuw" } { (s.new_session) } }
            @if sessions.is_empty() { p { (t.no_sessions) } }
            @for session in sessions {
                @let base = format!("/beheer/bijeenkomsten/{}", session.id);
                section.process-card aria-labelledby={ "bijeenkomst-" (session.id) } {
                    h2.utrecht-heading-2 id={ "bijeenkomst-" (session.id) } lang=[c] { (session.title.main) }
                    p { (super::session::when(ctx.lang, session)) " · " (super::session::admin::seats(ctx.lang, session)) }
                    ul.part-links {
                        li { a href=(base) { (s.edit) span.visually-hidden { ": " (content::text(&session.title.main, c)) } } }
                        li { a href={ (base) "/aanmeldingen" } { (s.registrations) " / " (t.attendance) span.visually-hidden { ": " (content::text(&session.title.main, c)) } } }
                        li { a href={ (base) "/bericht" } { (s.message) span.visually-hidden { ": " (content::text(&session.title.main, c)) } } }
                        li { a href={ (base) "/verslag" } { (s.report) span.visually-hidden { ": " (content::text(&session.title.main, c)) } } }
                    }
                    ul.downloads {
                        (super::admin_shell::downloads(t.download_attendees, &format!("{base}/aanmeldingen")))
                    }
                }
            }
        },
    )
}

/// What the process keeps about people and for how long, with the way to change it.
pub fn process_privacy(
    ctx: &Ctx,
    process: &Process,
    days: u32,
    consultations: &[inspraak_store::consultation::Consultation],
) -> Markup {
    let t = texts::texts(ctx.lang);
    let c = ctx.content_lang();
    let here = Section::Privacy.href(process.id);
    admin_page(
        ctx,
        &[Crumb::new(t.privacy_title, here)],
        Some(InProcess::new(process.id, &process.title, Section::Privacy)),
        &format!(
            "{} – {}",
            t.privacy_title,
            crate::views::content::pick(&process.title, ctx.content_lang()).0
        ),
        html! {
            h1.utrecht-heading-1 { (t.privacy_title) }
            p { (t.privacy_intro) }
            p { (fill(t.privacy_retention, &[("days", &days.to_string())])) }
            @if consultations.is_empty() {
                p { (t.privacy_no_consultation) }
            } @else {
                ul {
                    @for consultation in consultations {
                        li {
                            a href={ "/beheer/consultaties/" (consultation.id) "#bewaren" } {
                                (t.privacy_change) ": " (content::text(&consultation.title.main, c))
                            }
                        }
                    }
                }
            }
            h2.utrecht-heading-2 { (t.privacy_other) }
            ul {
                li { (t.sessions_privacy) }
                li { (t.ideas_privacy) }
            }
            p { a href="/beheer/logboek" { (crate::i18n::audit::texts(ctx.lang).audit_title) } }
        },
    )
}
