//! The public outcomes page: figures from the running counts with a server-rendered SVG bar
//! chart beside a real data table for each, the organiser's recurring threads and quotes, and
//! links to session reports. No script; `@media print` in the stylesheet turns it into a report.

pub mod admin;

use crate::ctx::Ctx;
use crate::i18n::{Lang, fill, outcomes as texts};
use crate::views::content::{self, fill_content};
use crate::views::layout::page;
use crate::views::process::paragraphs;
use inspraak_domain::small_numbers::{MinGroupSize, PublicCount};
use inspraak_domain::{ActionPointId, ThemeId};
use inspraak_store::consultation::Consultation;
use inspraak_store::outcomes::figures::{Body, Figures, QuestionFigures, percent};
use inspraak_store::outcomes::{OutcomeState, Quote, Thread};
use inspraak_store::process::Process;
use inspraak_store::session::Session;
use maud::{Markup, html};
use std::collections::BTreeMap;

/// A number with a decimal comma in Dutch.
pub fn decimal(lang: Lang, value: f64, digits: usize) -> String {
    let text = format!("{value:.digits$}");
    match lang {
        Lang::Nl => text.replace('.', ","),
        Lang::En => text,
    }
}

/// Figures per theme that other parts of the platform add (ideas, comments, action points).
/// The integrator fills this from the ideas/forum family; until then it is empty and the page
/// shows no such column, rather than a made-up zero.
#[derive(Debug, Clone, Default)]
pub struct ThemeExtras {
    pub ideas: BTreeMap<ThemeId, i64>,
    pub comments: BTreeMap<ThemeId, i64>,
    /// Published action points of the process (title, id).
    pub action_points: Vec<(String, ActionPointId)>,
    pub ideas_total: Option<i64>,
    /// Traceability: how many contributions an organiser linked to each recurring thread.
    pub thread_contributions: std::collections::HashMap<inspraak_domain::ThreadId, u64>,
}

/// Everything on one consultation's outcomes page.
pub struct OutcomePage<'a> {
    pub process: &'a Process,
    pub consultation: &'a Consultation,
    pub state: &'a OutcomeState,
    pub figures: &'a Figures,
    pub threads: &'a [Thread],
    pub quotes: &'a [Quote],
    pub sessions: &'a [Session],
    pub extras: &'a ThemeExtras,
    /// Small-number protection: every count on this public page goes through it.
    pub min_group: MinGroupSize,
    /// Set when these are the running figures of an open consultation (live results), not a
    /// published outcome.
    pub live: Option<Live>,
}

/// The running figures of an open consultation: when the last response that counts came in.
#[derive(Debug, Clone, Copy)]
pub struct Live {
    pub updated_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The "provisional" marker: the time of the last update only when the responses reach the
/// group size (below it, even the time would point at a few people).
fn live_marker(ctx: &Ctx, p: &OutcomePage<'_>, live: Live) -> Markup {
    let t = crate::i18n::live_results::texts(ctx.lang);
    let shown = !p.min_group.protect(p.figures.responses).is_hidden();
    let heading = match live.updated_at {
        Some(at) if shown => {
            let local = inspraak_domain::time::utc_to_local(at);
            let time = local.format("%H:%M").to_string();
            let date = ctx.lang.date(local.date_naive());
            fill(t.marker, &[("time", &time), ("date", &date)])
        }
        _ => t.marker_few.to_owned(),
    };
    html! {
        div.utrecht-alert.utrecht-alert--info.live-results role="status" {
            p.live-results__marker { strong { (heading) } }
            p { (t.explained) }
        }
    }
}

/// A horizontal bar chart; the table beside it carries the same numbers for screen readers
/// and print, so the SVG is a picture with a name. A hidden count (small-number protection) gets
/// no bar at all, and the scale comes from the exact counts only, so the picture leaks nothing.
/// `label_lang` marks labels that organisers wrote (themes, options), not the interface's own.
/// `rows`: each bar's label, the `lang` to mark it with (organiser-written text standing in for
/// a missing translation), and its count.
pub fn bar_chart(name: &str, rows: &[(String, Option<&str>, PublicCount)]) -> Markup {
    // Each row is a label on its own line with the bar below it, in a picture no wider than a
    // phone's column (320 of a 343 px column at 375 px), so the SVG is never scaled down and its
    // text stays at the body size (17 px, see `.chart-label`); the full label is in the table.
    const LINE: i64 = 22;
    const BAR: i64 = 18;
    const ROW: i64 = LINE + BAR + 12;
    const WIDTH: i64 = 320;
    const VALUE_ROOM: i64 = 64;
    const LABEL_CHARS: usize = 34;
    let max = rows
        .iter()
        .filter_map(|r| r.2.exact())
        .max()
        .unwrap_or(0)
        .max(1);
    let height = ROW * i64::try_from(rows.len()).unwrap_or(0) + 4;
    html! {
        svg.chart xmlns="http://www.w3.org/2000/svg" role="img" aria-label=(name)
            viewBox={ "0 0 " (WIDTH) " " (height) } width=(WIDTH) height=(height) {
            title { (name) }
            @for (n, (label, label_lang, value)) in rows.iter().enumerate() {
                @let y = ROW * i64::try_from(n).unwrap_or(0);
                @let short: String = label.chars().take(LABEL_CHARS).collect();
                text.chart-label x="0" lang=[label_lang] y=(y + LINE - 5) { (short) @if short.len() < label.len() { "…" } }
                @if let Some(exact) = value.exact() {
                    @let bar = (WIDTH - VALUE_ROOM) * exact / max;
                    rect.chart-bar x="0" y=(y + LINE) width=(bar.max(1)) height=(BAR) {}
                    text.chart-value x=(bar.max(1) + 6) y=(y + LINE + BAR - 3) { (value) }
                } @else {
                    text.chart-value x="0" y=(y + LINE + BAR - 3) { (value) }
                }
            }
        }
    }
}

/// A percentage, or "–" when the count behind it is hidden (it would give the count away).
fn percent_label(lang: Lang, shown: PublicCount, count: i64, total: i64) -> String {
    if shown.is_hidden() {
        "–".to_owned()
    } else {
        format!("{}%", decimal(lang, percent(count, total), 0))
    }
}

/// The chart, then its table: a table wider than the screen scrolls in its wrapper, which can
/// take keyboard focus (named after the table) so it scrolls without a mouse too.
fn figure(table_name: &str, caption: Markup, chart: Markup, table: Markup) -> Markup {
    html! {
        div.figure {
            (chart)
            div.table-wrapper.figure__table tabindex="0" role="region" aria-label=(table_name) {
                table.utrecht-table.utrecht-table--html-table.data-table {
                    caption { (caption) }
                    (table)
                }
            }
        }
    }
}

/// A theme's name for this page (`content::pick`): its translation, or the main text marked;
/// `fallback` (the figure's own name, or the id) when the theme is not among the figures' themes.
fn theme_label<'a>(
    figures: &'a Figures,
    id: ThemeId,
    fallback: &'a str,
    c: Option<&'static str>,
) -> (&'a str, Option<&'static str>) {
    match figures.themes.iter().find(|t| t.id == id) {
        Some(theme) => content::pick(&theme.name, c),
        None => (fallback, c),
    }
}

fn question_section(
    lang: Lang,
    c: Option<&'static str>,
    q: &QuestionFigures,
    quotes: &[&Quote],
    p: &OutcomePage<'_>,
) -> Markup {
    let t = texts::texts(lang);
    let (prompt, prompt_lang) = content::pick(&q.question.prompt, c);
    let chart_name = fill(t.chart_of, &[("question", prompt)]);
    let caption = fill_content(t.table_of, "question", prompt, prompt_lang);
    let table_name = fill(t.table_of, &[("question", prompt)]);
    html! {
        section.outcome-question {
            h3.utrecht-heading-3 lang=[prompt_lang] { (prompt) }
            p.answered { (fill(t.answered, &[("count", &p.min_group.protect(q.answered).label())])) }
            @match &q.body {
                Body::Themes { ranked, themes, other } => {
                    @let counts: Vec<i64> = themes.iter().map(|f| f.chosen).chain([*other]).collect();
                    @let shown = p.min_group.protect_group(&counts);
                    @let rows: Vec<(String, Option<&str>, PublicCount)> = themes.iter().zip(&shown).map(|(f, n)| {
                        let (name, name_lang) = theme_label(p.figures, f.theme, &f.name, c);
                        (name.to_owned(), name_lang, *n)
                    }).collect();
                    (figure(&table_name, caption.clone(), bar_chart(&chart_name, &rows), html! {
                        thead { tr {
                            th scope="col" { (t.col_theme) }
                            th scope="col" { (t.chosen) }
                            @if *ranked { th scope="col" { (t.average_rank) } }
                            th scope="col" { (t.sessions_held) }
                            @if !p.extras.ideas.is_empty() { th scope="col" { (t.ideas) } th scope="col" { (t.comments) } }
                        } }
                        tbody { @for (f, chosen) in themes.iter().zip(&shown) { tr {
                            @let (name, name_lang) = theme_label(p.figures, f.theme, &f.name, c);
                            th scope="row" lang=[name_lang] { (name) }
                            td.num { (chosen) }
                            @if *ranked { td.num { (f.average_rank.filter(|_| !chosen.is_hidden()).map(|r| decimal(lang, r, 1)).unwrap_or_else(|| "–".into())) } }
                            td.num { (p.sessions.iter().filter(|s| s.theme_id == Some(f.theme) && s.schedule.is_over(p.state.published_at.unwrap_or(p.consultation.updated_at))).count()) }
                            @if !p.extras.ideas.is_empty() {
                                td.num { (p.min_group.protect(p.extras.ideas.get(&f.theme).copied().unwrap_or(0))) }
                                td.num { (p.min_group.protect(p.extras.comments.get(&f.theme).copied().unwrap_or(0))) }
                            }
                        } } }
                    }))
                    @if *other > 0 { p { (fill(t.other_count, &[("count", &shown.last().copied().unwrap_or(PublicCount::Withheld).label())])) } }
                    @if !quotes.is_empty() {
                        h4.utrecht-heading-4 { (t.other_topics) }
                        p { (t.other_topics_intro) }
                        ul.topics { @for quote in quotes { li { (quote.text) } } }
                    }
                }
                Body::Options(options) => {
                    @let counts: Vec<i64> = options.iter().map(|o| o.count).collect();
                    @let shown = p.min_group.protect_group(&counts);
                    @let rows: Vec<(String, Option<&str>, PublicCount)> = options.iter().zip(&shown).map(|(o, n)| {
                        let (label, label_lang) = content::pick(&o.label, c);
                        (label.to_owned(), label_lang, *n)
                    }).collect();
                    (figure(&table_name, caption.clone(), bar_chart(&chart_name, &rows), html! {
                        thead { tr { th scope="col" { (t.answer) } th scope="col" { (t.count) } th scope="col" { (t.percent) } } }
                        tbody { @for (o, shown_count) in options.iter().zip(&shown) { tr {
                            @let (label, label_lang) = content::pick(&o.label, c);
                            th scope="row" lang=[label_lang] { (label) }
                            td.num { (shown_count) }
                            td.num { (percent_label(lang, *shown_count, o.count, q.answered)) }
                        } } }
                    }))
                }
                Body::YesNo { yes, no } => {
                    @let shown = p.min_group.protect_group(&[*yes, *no]);
                    @let rows = vec![(t.yes.to_owned(), None, shown[0]), (t.no.to_owned(), None, shown[1])];
                    (figure(&table_name, caption.clone(), bar_chart(&chart_name, &rows), html! {
                        thead { tr { th scope="col" { (t.answer) } th scope="col" { (t.count) } th scope="col" { (t.percent) } } }
                        tbody { @for ((label, _, c), count) in rows.iter().zip([*yes, *no]) { tr {
                            th scope="row" { (label) }
                            td.num { (c) }
                            td.num { (percent_label(lang, *c, count, yes + no)) }
                        } } }
                    }))
                    @let for_yes: Vec<_> = quotes.iter().filter(|q| q.yes == Some(true)).collect();
                    @let for_no: Vec<_> = quotes.iter().filter(|q| q.yes == Some(false)).collect();
                    @if !quotes.is_empty() {
                        h4.utrecht-heading-4 { (t.reasons) }
                        @if !for_yes.is_empty() {
                            h5 { (t.reasons_yes) }
                            @for quote in for_yes { blockquote { (paragraphs(&quote.text)) } }
                        }
                        @if !for_no.is_empty() {
                            h5 { (t.reasons_no) }
                            @for quote in for_no { blockquote { (paragraphs(&quote.text)) } }
                        }
                    }
                }
                Body::Text => {
                    @if !quotes.is_empty() {
                        h4.utrecht-heading-4 { (t.quotes) }
                        @for quote in quotes { blockquote { (paragraphs(&quote.text)) } }
                    }
                }
            }
        }
    }
}

/// The body of one consultation's outcome (also used inside the process's outcomes page).
pub fn outcome_body(ctx: &Ctx, p: &OutcomePage<'_>) -> Markup {
    let lang = ctx.lang;
    let c = ctx.content_lang();
    let t = texts::texts(lang);
    let held = p
        .sessions
        .iter()
        .filter(|s| {
            s.schedule
                .is_over(p.state.published_at.unwrap_or(p.consultation.updated_at))
        })
        .count();
    let reports: Vec<&Session> = p
        .sessions
        .iter()
        .filter(|s| s.published_report().is_some())
        .collect();
    html! {
        (content::tr_paragraphs(&p.state.intro, c))
        section {
            h2.utrecht-heading-2 { (t.participation) }
            dl.figures {
                dt { (t.responses_count) } dd.responses-count { (p.min_group.protect(p.figures.responses)) }
                dt { (t.sessions_count) } dd { (held) }
                @if let Some(ideas) = p.extras.ideas_total { dt { (t.ideas) } dd { (p.min_group.protect(ideas)) } }
            }
            p.note { (t.hidden_note) }
            p.note { (fill(t.small_numbers_note, &[("min", &p.min_group.get().to_string())])) }
        }
        @if p.figures.questions.iter().any(|q| matches!(q.body, Body::Themes { .. })) {
            h2.utrecht-heading-2 { (t.themes_heading) }
            p { (t.themes_intro) }
        }
        @for q in p.figures.questions.iter().filter(|q| matches!(q.body, Body::Themes { .. })) {
            @let quotes: Vec<&Quote> = p.quotes.iter().filter(|x| x.question == q.question.id).collect();
            (question_section(lang, c, q, &quotes, p))
        }
        @if p.figures.questions.iter().any(|q| !matches!(q.body, Body::Themes { .. })) {
            h2.utrecht-heading-2 { (t.answers_heading) }
        }
        @for q in p.figures.questions.iter().filter(|q| !matches!(q.body, Body::Themes { .. })) {
            @let quotes: Vec<&Quote> = p.quotes.iter().filter(|x| x.question == q.question.id).collect();
            (question_section(lang, c, q, &quotes, p))
        }
        @if !p.threads.is_empty() {
            section {
                h2.utrecht-heading-2 { (t.threads) }
                @for thread in p.threads {
                    article.thread {
                        h3.utrecht-heading-3 { (content::tr(&thread.title, c)) }
                        (content::tr_paragraphs(&thread.body, c))
                        @if !thread.themes.is_empty() {
                            p.related { (t.related_themes) ": "
                                @for (n, id) in thread.themes.iter().enumerate() {
                                    @let fallback = id.to_string();
                                    @let (name, name_lang) = theme_label(p.figures, *id, &fallback, c);
                                    @if n > 0 { ", " } (content::text(name, name_lang))
                                }
                            }
                        }
                        p.thread-contributions { (crate::i18n::traceability::count(p.extras.thread_contributions.get(&thread.id).copied().unwrap_or(0), crate::i18n::traceability::texts(lang).thread_behind)) }
                    }
                }
            }
        }
        section {
            h2.utrecht-heading-2 { (t.reports) }
            @if reports.is_empty() { p { (t.no_reports) } } @else {
                ul { @for s in reports { li { @let (title, title_lang) = crate::views::content::pick(&s.title, c); a href={ "/bijeenkomsten/" (s.id) } lang=[title_lang] { (title) } " (" (lang.date(inspraak_domain::time::utc_to_local(s.schedule.starts_at()).date_naive())) ")" } } }
            }
        }
        @if !p.extras.action_points.is_empty() {
            section {
                h2.utrecht-heading-2 { (t.action_points) }
                ul { @for (title, id) in &p.extras.action_points { li { a href={ "/processen/" (p.process.slug) "/actiepunten/" (id) } lang=[c] { (title) } } } }
            }
        }
    }
}

pub fn consultation_page(ctx: &Ctx, p: &OutcomePage<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let c = ctx.content_lang();
    let title = fill(
        t.title_of,
        &[("title", content::pick(&p.consultation.title, c).0)],
    );
    page(
        ctx,
        &title,
        html! {
            p.eyebrow { a href={ "/processen/" (p.process.slug) } { (crate::views::content::tr(&p.process.title, c)) } }
            h1.utrecht-heading-1 { (crate::views::consultation::fill_translated(t.title_of, "title", &p.consultation.title, c)) }
            @if let Some(live) = p.live { (live_marker(ctx, p, live)) }
            (outcome_body(ctx, p))
            // The open data holds published outcomes only.
            @if p.live.is_none() {
                p.no-print { (t.print_hint) " "
                    a href={ "/api/v1/uitkomsten/" (p.consultation.id) } { (t.open_data) } }
            }
        },
    )
}

/// The process's outcomes: one link per published consultation outcome, then the open
/// consultations that show live results, marked provisional.
pub fn process_page(
    ctx: &Ctx,
    process: &Process,
    outcomes: &[Consultation],
    live: &[Consultation],
) -> Markup {
    let provisional = crate::i18n::live_results::texts(ctx.lang).provisional;
    let t = texts::texts(ctx.lang);
    let title = fill(
        t.title_of,
        &[(
            "title",
            crate::views::content::pick(&process.title, ctx.content_lang()).0,
        )],
    );
    let content_lang = ctx.content_lang();
    page(
        ctx,
        &title,
        html! {
            p.eyebrow { a href={ "/processen/" (process.slug) } { (crate::views::content::tr(&process.title, content_lang)) } }
            h1.utrecht-heading-1 { (crate::views::content::fill_tr(t.title_of, "title", &process.title, content_lang)) }
            @if outcomes.is_empty() { p { (t.none_published) } } @else {
                ul { @for c in outcomes {
                    li { a href={ "/processen/" (process.slug) "/uitkomsten/" (c.id) } { (content::tr(&c.title, content_lang)) } }
                } }
            }
            @if !live.is_empty() {
                ul { @for c in live {
                    li { a href={ "/processen/" (process.slug) "/uitkomsten/" (c.id) } { (content::tr(&c.title, content_lang)) " (" (provisional) ")" } }
                } }
            }
        },
    )
}
