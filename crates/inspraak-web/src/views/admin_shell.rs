//! The organiser workspace around every `/beheer` page: breadcrumbs (Beheer › process › …, the
//! last crumb the current page with `aria-current="page"`) and, on a page of one process, the
//! process's sub-navigation with the current section marked.
//!
//! Each navigation is a `nav` landmark with its own `aria-label` (the site header's, the
//! breadcrumb's and the process's), so screen readers can tell them apart.

use super::layout;
use crate::ctx::Ctx;
use crate::export::Format;
use crate::i18n::{common, workspace as texts};
use inspraak_domain::{ConsultationId, ProcessId, Translated};
use inspraak_store::process::Process;
use maud::{Markup, html};

/// One step of the breadcrumb trail. `content` marks text an organiser wrote (a title), which
/// gets the content language.
#[derive(Debug, Clone)]
pub struct Crumb {
    pub label: String,
    pub href: String,
    pub content: bool,
}

impl Crumb {
    pub fn new(label: impl Into<String>, href: impl Into<String>) -> Self {
        Crumb {
            label: label.into(),
            href: href.into(),
            content: false,
        }
    }

    /// A crumb whose label an organiser wrote (a consultation's or session's title).
    pub fn titled(label: impl Into<String>, href: impl Into<String>) -> Self {
        Crumb {
            content: true,
            ..Crumb::new(label, href)
        }
    }
}

/// The parts of a process, as its sub-navigation lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Overview,
    Consultations,
    Sessions,
    Ideas,
    ActionPoints,
    Publications,
    Privacy,
}

impl Section {
    pub const ALL: [Section; 7] = [
        Section::Overview,
        Section::Consultations,
        Section::Sessions,
        Section::Ideas,
        Section::ActionPoints,
        Section::Publications,
        Section::Privacy,
    ];

    pub fn href(self, process: ProcessId) -> String {
        let base = format!("/beheer/processen/{process}");
        match self {
            Section::Overview => base,
            Section::Consultations => format!("{base}/consultaties"),
            Section::Sessions => format!("{base}/bijeenkomsten"),
            Section::Ideas => format!("{base}/ideeen"),
            Section::ActionPoints => format!("{base}/actiepunten"),
            Section::Publications => format!("{base}/publicaties"),
            Section::Privacy => format!("{base}/privacy"),
        }
    }

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        let t = texts::texts(lang);
        match self {
            Section::Overview => t.section_overview,
            Section::Consultations => t.section_consultations,
            Section::Sessions => t.section_sessions,
            Section::Ideas => t.section_ideas,
            Section::ActionPoints => t.section_action_points,
            Section::Publications => t.section_publications,
            Section::Privacy => t.section_privacy,
        }
    }
}

/// The process a page belongs to and the part of it the page is in.
#[derive(Debug, Clone, Copy)]
pub struct InProcess<'a> {
    pub id: ProcessId,
    pub title: &'a Translated,
    pub section: Section,
}

impl<'a> InProcess<'a> {
    pub fn new(id: ProcessId, title: &'a Translated, section: Section) -> Self {
        InProcess { id, title, section }
    }
}

/// An organiser page: `crumbs` are the steps after "Beheer" and the process (when `process` is
/// given); the last step is the current page (its `href` is not linked). With no crumbs and a
/// process, the process itself is the current page; with neither, the dashboard is.
pub fn admin_page(
    ctx: &Ctx,
    crumbs: &[Crumb],
    process: Option<InProcess<'_>>,
    title: &str,
    body: Markup,
) -> Markup {
    let mut trail = vec![Crumb::new(common::texts(ctx.lang).nav_admin, "/beheer")];
    if let Some(p) = process {
        // The process's title in the page's language, marked only when the main text stands in.
        let (title, lang) = super::content::pick(p.title, ctx.content_lang());
        trail.push(Crumb {
            label: title.to_owned(),
            href: Section::Overview.href(p.id),
            content: lang.is_some(),
        });
    }
    trail.extend(crumbs.iter().cloned());
    layout::page(
        ctx,
        title,
        html! {
            (breadcrumbs(ctx, &trail))
            @if let Some(p) = process { (process_nav(ctx, p)) }
            (body)
        },
    )
}

/// The trail as an ordered list; the last crumb is the page itself.
pub fn breadcrumbs(ctx: &Ctx, trail: &[Crumb]) -> Markup {
    let t = texts::texts(ctx.lang);
    let last = trail.len().saturating_sub(1);
    html! {
        nav.utrecht-breadcrumb-nav aria-label=(t.breadcrumb_label) {
            ol.utrecht-breadcrumb-nav__list.utrecht-breadcrumb-nav__list--html-ol {
                @for (i, crumb) in trail.iter().enumerate() {
                    @let lang = if crumb.content { ctx.content_lang() } else { None };
                    li.utrecht-breadcrumb-nav__item {
                        @if i == last {
                            a.utrecht-breadcrumb-nav__link.utrecht-breadcrumb-nav__link--current href=(crumb.href) aria-current="page" lang=[lang] { (crumb.label) }
                        } @else {
                            a.utrecht-breadcrumb-nav__link href=(crumb.href) lang=[lang] { (crumb.label) }
                        }
                    }
                }
            }
        }
    }
}

/// The process's parts. The current section's link carries `aria-current`: `page` when it is
/// this very page, `true` on a page inside the section (a consultation, a session, …).
pub fn process_nav(ctx: &Ctx, process: InProcess<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    html! {
        nav.subnav aria-label=(t.process_nav_label) {
            ul {
                @for section in Section::ALL {
                    @let href = section.href(process.id);
                    @let current = (section == process.section).then(|| if ctx.path == href { "page" } else { "true" });
                    li { a href=(href) aria-current=[current] { (section.label(ctx.lang)) } }
                }
            }
        }
    }
}

/// Download links for one data set in every format its route serves, e.g.
/// `Alle reacties: CSV · ODS · Excel · JSON`.
/// Every download serves every format of `export::Format`; `base` is the path without `.csv`.
pub fn downloads(label: &str, base: &str) -> Markup {
    html! {
        li {
            (label) ": "
            @for (i, format) in Format::ALL.iter().enumerate() {
                @if i > 0 { " · " }
                a href={ (base) "." (format.name()) } download {
                    (format.label())
                    span.visually-hidden { " (" (label) ")" }
                }
            }
        }
    }
}

/// The parts of one consultation, as its own navigation lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsultationPart {
    Builder,
    Responses,
    Outcomes,
}

impl ConsultationPart {
    pub const ALL: [ConsultationPart; 3] = [
        ConsultationPart::Builder,
        ConsultationPart::Responses,
        ConsultationPart::Outcomes,
    ];

    pub fn href(self, consultation: ConsultationId) -> String {
        let base = format!("/beheer/consultaties/{consultation}");
        match self {
            ConsultationPart::Builder => base,
            ConsultationPart::Responses => format!("{base}/reacties"),
            ConsultationPart::Outcomes => format!("{base}/uitkomsten"),
        }
    }

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        let t = texts::texts(lang);
        match self {
            ConsultationPart::Builder => t.consultation_questions,
            ConsultationPart::Responses => t.consultation_responses,
            ConsultationPart::Outcomes => t.consultation_outcomes,
        }
    }
}

/// A page of one consultation: Beheer › process › Consultaties › consultation (› part), with the
/// process's sub-navigation and the consultation's own (questions, responses, outcomes).
pub fn consultation_page(
    ctx: &Ctx,
    process: &Process,
    consultation: (ConsultationId, &str),
    part: ConsultationPart,
    title: &str,
    body: Markup,
) -> Markup {
    let t = texts::texts(ctx.lang);
    let (id, name) = consultation;
    let section = Section::Consultations;
    let mut crumbs = vec![
        Crumb::new(section.label(ctx.lang), section.href(process.id)),
        Crumb::titled(name, ConsultationPart::Builder.href(id)),
    ];
    if part != ConsultationPart::Builder {
        crumbs.push(Crumb::new(part.label(ctx.lang), part.href(id)));
    }
    let here = InProcess::new(process.id, &process.title, section);
    admin_page(
        ctx,
        &crumbs,
        Some(here),
        title,
        html! {
            nav.subnav.subnav--local aria-label=(t.consultation_nav_label) {
                ul {
                    @for p in ConsultationPart::ALL {
                        li { a href=(p.href(id)) aria-current=[(p == part).then_some("page")] { (p.label(ctx.lang)) } }
                    }
                }
            }
            (body)
        },
    )
}
