//! "What happens with the input" on a process page, beside "Doe mee": the published outcome of
//! each closed consultation (a summary and a link), the action plan (counts per status and a
//! link) and the latest entries of the progress timeline (with "Volg de voortgang").

use crate::ctx::Ctx;
use crate::i18n::{citizen as texts, fill, ideas as idea_texts, publications as pub_texts};
use crate::views::consultation::fill_translated;
use crate::views::content;
use chrono::{DateTime, NaiveDate, Utc};
use inspraak_domain::consultation::WindowState;
use inspraak_domain::ideas::ActionPointStatus;
use inspraak_domain::small_numbers::MinGroupSize;
use inspraak_store::ideas::action_points::ActionPoint;
use inspraak_store::overview::ConsultationOutcome;
use inspraak_store::process::Process;
use maud::{Markup, html};

/// How many entries of the timeline the process page shows.
pub const LATEST_NEWS: usize = 3;
/// The outcome's introduction is cut to about this many characters in the summary.
const SUMMARY_CHARS: usize = 240;

/// The kinds of timeline entry the block shows (the timeline's own kinds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewsKind {
    Report,
    SessionReport,
    Document,
    ActionPointUpdate,
    Outcome,
}

/// One entry of the progress timeline, linked to its place on the timeline page.
#[derive(Debug, Clone)]
pub struct News {
    pub kind: NewsKind,
    pub date: NaiveDate,
    pub published: DateTime<Utc>,
    /// Written by the organiser (a report, session, document, action point or consultation).
    pub title: inspraak_domain::Translated,
    /// The entry's anchor on `/processen/{slug}/voortgang`.
    pub anchor: String,
}

pub struct Results<'a> {
    pub process: &'a Process,
    pub consultations: &'a [ConsultationOutcome],
    /// The public action points (no drafts).
    pub points: &'a [ActionPoint],
    /// Newest first, at most `LATEST_NEWS`.
    pub news: &'a [News],
    pub min_group: MinGroupSize,
    pub now: DateTime<Utc>,
}

/// The start of a text, cut at a word boundary near `max` characters, with "…" when cut.
pub fn excerpt(text: &str, max: usize) -> String {
    let first = text
        .split("\n\n")
        .map(str::trim)
        .find(|p| !p.is_empty())
        .unwrap_or_default();
    if first.chars().count() <= max {
        return first.to_owned();
    }
    let cut: String = first.chars().take(max).collect();
    let at_word = cut
        .rfind(char::is_whitespace)
        .map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end_matches([',', '.', ';', ':', ' ']))
}

fn kind_label(ctx: &Ctx, kind: NewsKind) -> &'static str {
    let t = pub_texts::texts(ctx.lang);
    match kind {
        NewsKind::Report => t.kind_report,
        NewsKind::SessionReport => t.kind_session_report,
        NewsKind::Document => t.kind_document,
        NewsKind::ActionPointUpdate => t.kind_action_point_update,
        NewsKind::Outcome => t.kind_outcome,
    }
}

/// The published outcome of a consultation: its title, the start of the introduction, the
/// number of responses (small-number protected as on the outcome page) and a link.
pub fn outcome_summary(ctx: &Ctx, r: &Results<'_>, item: &ConsultationOutcome) -> Markup {
    let t = texts::texts(ctx.lang);
    let c = ctx.content_lang();
    let consultation = &item.consultation;
    let href = format!(
        "/processen/{}/uitkomsten/{}",
        r.process.slug, consultation.id
    );
    html! {
        @if let Some(outcome) = &item.outcome {
            li.card.outcome-summary {
                h4.utrecht-heading-4.card__title { (content::tr(&consultation.title, c)) }
                @let (intro, intro_lang) = content::pick(&outcome.intro, c);
                @let intro = excerpt(intro, SUMMARY_CHARS);
                @if !intro.is_empty() { p lang=[intro_lang] { (intro) } }
                p { (fill(t.outcome_responses, &[("count", &r.min_group.protect(consultation.visible_count()).label())])) }
                p { a href=(href) { (fill_translated(t.read_outcome, "title", &consultation.title, c)) } }
                p { a href={ "/processen/" (r.process.slug) "/consultatie/" (consultation.id) } { (fill_translated(t.about_consultation, "title", &consultation.title, c)) } }
            }
        } @else if consultation.window.state(r.now) == WindowState::Closed {
            li.card.outcome-summary {
                h4.utrecht-heading-4.card__title { (content::tr(&consultation.title, c)) }
                p { (fill_translated(t.outcome_pending, "title", &consultation.title, c)) }
                p { a href={ "/processen/" (r.process.slug) "/consultatie/" (consultation.id) } { (fill_translated(t.about_consultation, "title", &consultation.title, c)) } }
            }
        }
    }
}

/// "12 actiepunten: 3 gepland, 5 in uitvoering, 4 afgerond" (statuses with none are left out).
fn plan_summary(ctx: &Ctx, points: &[ActionPoint]) -> String {
    let per_status: Vec<String> = [
        ActionPointStatus::Planned,
        ActionPointStatus::InProgress,
        ActionPointStatus::Done,
    ]
    .into_iter()
    .filter_map(|status| {
        let n = points.iter().filter(|p| p.status == status).count();
        (n > 0).then(|| {
            format!(
                "{n} {}",
                idea_texts::point_status(ctx.lang, status).to_lowercase()
            )
        })
    })
    .collect();
    format!(
        "{}: {}",
        texts::plan_count(ctx.lang, points.len()),
        per_status.join(", ")
    )
}

pub fn block(ctx: &Ctx, r: &Results<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let c = ctx.content_lang();
    let slug = &r.process.slug;
    let shown: Vec<&ConsultationOutcome> = r
        .consultations
        .iter()
        .filter(|i| {
            i.outcome.is_some() || i.consultation.window.state(r.now) == WindowState::Closed
        })
        .collect();
    html! {
        section.results-block aria-labelledby="inbreng-resultaat" {
            h2.utrecht-heading-2 #inbreng-resultaat { (t.results_title) }
            p { (t.results_intro) }
            h3.utrecht-heading-3 #uitkomsten { (t.outcomes_title) }
            @if shown.is_empty() { p { (t.no_outcomes) } }
            @else {
                ul.card-list { @for item in shown { (outcome_summary(ctx, r, item)) } }
                p { a href={ "/processen/" (slug) "/uitkomsten" } { (t.all_outcomes) } }
            }
            h3.utrecht-heading-3 #actieplan { (t.plan_title) }
            @if r.points.is_empty() { p { (t.no_plan) } }
            @else {
                p.plan-summary { (plan_summary(ctx, r.points)) }
                p { a href={ "/processen/" (slug) "/actieplan" } { (t.plan_link) } }
            }
            h3.utrecht-heading-3 #laatste-nieuws { (t.updates_title) }
            @if r.news.is_empty() { p { (t.no_updates) } }
            @else {
                ul.news-list {
                    @for item in r.news {
                        li {
                            a href={ "/processen/" (slug) "/voortgang#" (item.anchor) } { (content::tr(&item.title, c)) }
                            " " span.meta { "(" (kind_label(ctx, item.kind)) ", " (ctx.lang.date(item.date)) ")" }
                        }
                    }
                }
            }
            p { a href={ "/processen/" (slug) "/voortgang" } { (pub_texts::texts(ctx.lang).follow_progress) } }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn an_excerpt_keeps_a_short_first_paragraph_and_cuts_a_long_one_at_a_word() {
        assert_eq!(excerpt("Kort.\n\nTweede alinea.", 240), "Kort.");
        let long = "woord ".repeat(100);
        let cut = excerpt(&long, 40);
        assert!(cut.ends_with("woord…"), "{cut}");
        assert!(cut.chars().count() <= 41);
        assert_eq!(excerpt("", 10), "");
        assert_eq!(excerpt("ééééé ééééé", 7), "ééééé…");
    }
}
