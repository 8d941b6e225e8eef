//! A theme page: everything a process has on one theme. The consultation figures of published
//! outcomes (the theme's row of the outcomes table, small-number protected the same way), the
//! recurring threads about the theme, its public ideas, its sessions and its action points.

use crate::ctx::Ctx;
use crate::i18n::{
    citizen, fill, ideas as idea_texts, outcomes as outcome_texts, process as texts,
};
use crate::views::content;
use crate::views::layout;
use crate::views::outcomes::{ThemeExtras, decimal};
use inspraak_domain::ThemeId;
use inspraak_domain::small_numbers::{MinGroupSize, PublicCount};
use inspraak_store::consultation::Consultation;
use inspraak_store::ideas::Idea;
use inspraak_store::ideas::action_points::ActionPoint;
use inspraak_store::outcomes::Thread;
use inspraak_store::outcomes::figures::{Body, Figures};
use inspraak_store::process::{Process, Theme};
use maud::{Markup, html};

/// A consultation whose outcome is published, with its figures and threads.
pub struct ThemeOutcome {
    pub consultation: Consultation,
    pub figures: Figures,
    pub threads: Vec<Thread>,
}

pub struct ThemePage<'a> {
    pub process: &'a Process,
    pub theme: &'a Theme,
    pub outcomes: &'a [ThemeOutcome],
    /// Ideas and comments per theme, as the outcomes page has them.
    pub extras: ThemeExtras,
    /// The newest public ideas on the theme, and how many there are.
    pub ideas: &'a [Idea],
    pub ideas_total: u64,
    /// The sessions block, when the theme has sessions.
    pub sessions: Option<Markup>,
    /// The theme's public action points.
    pub points: &'a [ActionPoint],
    pub min_group: MinGroupSize,
}

/// Ideas and comments per theme from `ideas::counts_per_theme`, and the action points, in the
/// shape the outcomes page uses.
pub fn extras(counts: &[(ThemeId, u64, u64)], points: &[ActionPoint]) -> ThemeExtras {
    let as_i64 = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    ThemeExtras {
        ideas: counts.iter().map(|(t, n, _)| (*t, as_i64(*n))).collect(),
        comments: counts.iter().map(|(t, _, n)| (*t, as_i64(*n))).collect(),
        action_points: points
            .iter()
            .map(|p| (p.title.main.clone(), p.id))
            .collect(),
        ideas_total: (!counts.is_empty()).then(|| counts.iter().map(|(_, n, _)| as_i64(*n)).sum()),
        thread_contributions: std::collections::HashMap::new(),
    }
}

/// One theme question's row for `theme`: (question, chosen, average place when ranked). The
/// count is protected together with the whole question's counts (themes and "other"), exactly
/// as the outcomes table does, so this row shows nothing the outcome page does not.
pub struct ThemeRow<'a> {
    pub prompt: &'a inspraak_domain::Translated,
    pub chosen: PublicCount,
    pub average_rank: Option<f64>,
    pub ranked: bool,
}

pub fn theme_rows<'a>(
    figures: &'a Figures,
    theme: ThemeId,
    min_group: MinGroupSize,
) -> Vec<ThemeRow<'a>> {
    figures
        .questions
        .iter()
        .filter_map(|q| match &q.body {
            Body::Themes {
                ranked,
                themes,
                other,
            } => {
                let at = themes.iter().position(|f| f.theme == theme)?;
                let counts: Vec<i64> = themes.iter().map(|f| f.chosen).chain([*other]).collect();
                let shown = min_group.protect_group(&counts);
                let chosen = shown.get(at).copied().unwrap_or(PublicCount::Withheld);
                Some(ThemeRow {
                    prompt: &q.question.prompt,
                    chosen,
                    average_rank: themes[at].average_rank.filter(|_| !chosen.is_hidden()),
                    ranked: *ranked,
                })
            }
            _ => None,
        })
        .collect()
}

fn figures_section(ctx: &Ctx, p: &ThemePage<'_>) -> Markup {
    let t = citizen::texts(ctx.lang);
    let ot = outcome_texts::texts(ctx.lang);
    let c = ctx.content_lang();
    let rows: Vec<(&ThemeOutcome, ThemeRow<'_>)> = p
        .outcomes
        .iter()
        .flat_map(|o| {
            theme_rows(&o.figures, p.theme.id, p.min_group)
                .into_iter()
                .map(move |r| (o, r))
        })
        .collect();
    let ranked = rows.iter().any(|(_, r)| r.ranked);
    html! {
        section aria-labelledby="cijfers" {
            h2.utrecht-heading-2 #cijfers { (t.theme_figures_title) }
            @if rows.is_empty() { p { (t.theme_no_figures) } }
            @else {
                // Scrolls sideways on a small screen instead of widening the page; focusable
                // so a keyboard can scroll it (WCAG 1.4.10, 2.1.1).
                div.table-wrapper tabindex="0" role="region" aria-label=(t.theme_figures_caption) {
                table.utrecht-table.utrecht-table--html-table.data-table.theme-figures {
                        caption { (t.theme_figures_caption) }
                        thead { tr {
                            th scope="col" { (t.col_consultation) }
                            th scope="col" { (t.col_question) }
                            th scope="col" { (ot.chosen) }
                            @if ranked { th scope="col" { (ot.average_rank) } }
                        } }
                        tbody {
                            @for (o, row) in &rows {
                                tr {
                                    th scope="row" {
                                        a href={ "/processen/" (p.process.slug) "/uitkomsten/" (o.consultation.id) } { (crate::views::content::tr(&o.consultation.title, c)) }
                                    }
                                    td { (crate::views::content::tr(row.prompt, c)) }
                                    td.num { (row.chosen) }
                                    @if ranked {
                                        td.num { (row.average_rank.map(|r| decimal(ctx.lang, r, 1)).unwrap_or_else(|| "–".into())) }
                                    }
                                }
                            }
                        }
                }
                }
            }
            @if !rows.is_empty() {
                p.note { (fill(ot.small_numbers_note, &[("min", &p.min_group.get().to_string())])) }
            }
        }
    }
}

fn threads_section(ctx: &Ctx, p: &ThemePage<'_>) -> Markup {
    let t = citizen::texts(ctx.lang);
    let c = ctx.content_lang();
    let threads: Vec<(&ThemeOutcome, &Thread)> = p
        .outcomes
        .iter()
        .flat_map(|o| {
            o.threads
                .iter()
                .filter(|th| th.themes.contains(&p.theme.id))
                .map(move |th| (o, th))
        })
        .collect();
    html! {
        section aria-labelledby="rode-draden" {
            h2.utrecht-heading-2 #rode-draden { (t.theme_threads_title) }
            @if threads.is_empty() { p { (t.theme_no_threads) } }
            @for (o, thread) in threads {
                article.thread {
                    h3.utrecht-heading-3 { (content::tr(&thread.title, c)) }
                    (content::tr_paragraphs(&thread.body, c))
                    p.related {
                        a href={ "/processen/" (p.process.slug) "/uitkomsten/" (o.consultation.id) } {
                            (crate::views::consultation::fill_translated(t.theme_in_outcome, "title", &o.consultation.title, c))
                        }
                    }
                }
            }
        }
    }
}

fn ideas_section(ctx: &Ctx, p: &ThemePage<'_>) -> Markup {
    let t = citizen::texts(ctx.lang);
    let c = ctx.content_lang();
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("thema", &p.theme.slug)
        .finish();
    html! {
        section aria-labelledby="ideeen" {
            h2.utrecht-heading-2 #ideeen { (t.theme_ideas_title) }
            @if p.ideas.is_empty() { p { (t.theme_no_ideas) } }
            @else {
                ul.idea-summaries {
                    @for idea in p.ideas {
                        li {
                            a href={ "/processen/" (p.process.slug) "/ideeen/" (idea.id) } { (idea.title) }
                            " " span.meta { "(" (idea_texts::idea_status(ctx.lang, idea.status)) ")" }
                        }
                    }
                }
            }
            @if p.ideas_total > 0 {
                // Exact counts: every public idea and its comment count are on the ideas page
                // one by one, so there is nothing for small-number protection to hide here.
                p.theme-idea-counts { (fill(t.theme_ideas_count, &[("ideas", &p.extras.ideas.get(&p.theme.id).copied().unwrap_or(0).to_string()), ("comments", &p.extras.comments.get(&p.theme.id).copied().unwrap_or(0).to_string())])) }
                p { a href={ "/processen/" (p.process.slug) "/ideeen?" (query) } { (content::fill_tr(t.theme_all_ideas, "theme", &p.theme.name, c)) } }
            }
        }
    }
}

fn points_section(ctx: &Ctx, p: &ThemePage<'_>) -> Markup {
    let t = citizen::texts(ctx.lang);
    let c = ctx.content_lang();
    html! {
        section aria-labelledby="actiepunten" {
            h2.utrecht-heading-2 #actiepunten { (t.theme_points_title) }
            @if p.points.is_empty() { p { (t.theme_no_points) } }
            @else {
                ul {
                    @for point in p.points {
                        li {
                            a href={ "/processen/" (p.process.slug) "/actiepunten/" (point.id) } { (content::tr(&point.title, c)) }
                            " " span.meta { "(" (idea_texts::point_status(ctx.lang, point.status)) ")" }
                        }
                    }
                }
                p { a href={ "/processen/" (p.process.slug) "/actieplan" } { (t.plan_link) } }
            }
        }
    }
}

pub fn page(ctx: &Ctx, p: &ThemePage<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let ct = citizen::texts(ctx.lang);
    let c = ctx.content_lang();
    layout::page(
        ctx,
        content::pick(&p.theme.name, c).0,
        html! {
            p.eyebrow { (content::fill_tr(t.theme_of_process, "process", &p.process.title, c)) }
            h1.utrecht-heading-1 { (content::tr(&p.theme.name, c)) }
            @if let Some(description) = &p.theme.description { (content::tr_paragraphs(description, c)) }
            (figures_section(ctx, p))
            (threads_section(ctx, p))
            (ideas_section(ctx, p))
            @if let Some(sessions) = &p.sessions { (sessions) }
            @else {
                section aria-labelledby="bijeenkomsten" {
                    h2.utrecht-heading-2 #bijeenkomsten { (ct.theme_sessions_title) }
                    p { (ct.theme_no_sessions) }
                }
            }
            (points_section(ctx, p))
            p { a href={ "/processen/" (p.process.slug) } { (content::fill_tr(t.back_to_process, "process", &p.process.title, c)) } }
        },
    )
}
