//! The organiser's overview of responses: counts, responses per day, and a paged table in which a
//! response can be hidden as spam (kept, but no longer counted) and shown again.

use super::texts;
use crate::ctx::Ctx;
use crate::i18n::{Lang, fill};
use crate::views::admin_shell::{ConsultationPart, consultation_page, downloads};
use crate::views::components::csrf_field;
use inspraak_domain::consultation::{Answer, Question};
use inspraak_store::consultation::Consultation;
use inspraak_store::consultation::responses::{DayCount, ResponsePage, ResponseRow};
use inspraak_store::process::Process;
use inspraak_store::process::Theme;
use maud::{Markup, html};

pub struct ResponsesView<'a> {
    pub process: &'a Process,
    pub consultation: &'a Consultation,
    pub questions: &'a [Question],
    pub themes: &'a [Theme],
    pub days: &'a [DayCount],
    pub page: &'a ResponsePage,
    pub contacts: u64,
}

fn theme_name(themes: &[Theme], id: inspraak_domain::ThemeId) -> String {
    themes
        .iter()
        .find(|t| t.id == id)
        .map_or_else(|| id.to_string(), |t| t.name.main.clone())
}

/// An answer in words, for the table.
pub(crate) fn answer_text(
    lang: Lang,
    question: &Question,
    themes: &[Theme],
    answer: &Answer,
) -> String {
    let t = texts::texts(lang);
    let option = |n: usize| {
        question
            .options
            .get(n)
            .cloned()
            .unwrap_or_else(|| n.to_string())
    };
    match answer {
        Answer::Text(text) => text.clone(),
        Answer::Choice(n) => option(*n),
        Answer::Choices(ns) => ns.iter().map(|n| option(*n)).collect::<Vec<_>>().join("; "),
        Answer::Themes { picked, other } => {
            let mut names: Vec<String> = picked.iter().map(|id| theme_name(themes, *id)).collect();
            if let Some(other) = other {
                names.push(format!("{}: {other}", t.other_topic));
            }
            names.join("; ")
        }
        Answer::Ranking(order) => order
            .iter()
            .enumerate()
            .map(|(place, id)| format!("{}. {}", place + 1, theme_name(themes, *id)))
            .collect::<Vec<_>>()
            .join("; "),
        Answer::YesNo { yes, why } => {
            let word = if *yes { t.yes } else { t.no };
            match why {
                Some(why) => format!("{word} – {why}"),
                None => word.to_owned(),
            }
        }
        Answer::Scale(n) => n.to_string(),
    }
}

fn row(ctx: &Ctx, view: &ResponsesView<'_>, response: &ResponseRow) -> Markup {
    let t = texts::texts(ctx.lang);
    let base = format!(
        "/beheer/consultaties/{}/reacties/{}",
        view.consultation.id, response.id
    );
    html! {
        tr.response-row--hidden[response.hidden] {
            td { (response.receipt_code) }
            td { (ctx.lang.date_time(response.submitted_at)) }
            td {
                dl.answers {
                    @for question in view.questions.iter().filter(|q| q.kind != inspraak_domain::consultation::QuestionKind::EmailUpdates) {
                        @let stored = response.answers.iter().find(|(q, _)| *q == question.id);
                        dt lang=[ctx.content_lang()] { (question.prompt.main) }
                        dd {
                            @match stored.and_then(|(_, s)| Answer::from_stored(question.kind, s)) {
                                Some(answer) => (answer_text(ctx.lang, question, view.themes, &answer)),
                                None => (t.not_answered),
                            }
                        }
                    }
                }
            }
            td {
                @if response.hidden { (t.state_hidden) } @else { (t.state_visible) }
                p { (crate::views::traceability::admin::link_action(ctx, &crate::paths::contribution_admin(inspraak_domain::traceability::Contribution::Response(response.id)), &response.receipt_code)) }
                form.inline-form method="post" action={ (base) "/verbergen" } {
                    (csrf_field(ctx))
                    input type="hidden" name="hidden" value=(if response.hidden { "0" } else { "1" });
                    input type="hidden" name="pagina" value=(view.page.page);
                    " "
                    button.utrecht-button.utrecht-button--secondary-action type="submit" {
                        @if response.hidden { (t.unhide) } @else { (t.hide) }
                        span.visually-hidden { ": " (response.receipt_code) }
                    }
                }
            }
        }
    }
}

fn pagination(ctx: &Ctx, view: &ResponsesView<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let page = view.page.page;
    let pages = view.page.page_count();
    let link = |n: u64| {
        format!(
            "/beheer/consultaties/{}/reacties?pagina={n}",
            view.consultation.id
        )
    };
    html! {
        nav.pagination aria-label=(t.pagination) {
            @if page > 1 { a href=(link(page - 1)) rel="prev" { (t.previous_page) } " " }
            span { (fill(t.page_of, &[("page", &page.to_string()), ("pages", &pages.to_string())])) }
            @if page < pages { " " a href=(link(page + 1)) rel="next" { (t.next_page) } }
        }
    }
}

pub fn responses(ctx: &Ctx, view: ResponsesView<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let c = view.consultation;
    let title = fill(t.responses_title, &[("title", &c.title.main)]);
    let busiest = view
        .days
        .iter()
        .map(|d| d.visible + d.hidden)
        .max()
        .unwrap_or(1)
        .max(1);
    let with = |template: &str, value: i64| fill(template, &[("n", &value.to_string())]);
    let w = crate::i18n::workspace::texts(ctx.lang);
    let export = format!("/beheer/consultaties/{}/export", c.id);
    consultation_page(
        ctx,
        view.process,
        (c.id, &c.title.main),
        ConsultationPart::Responses,
        &title,
        html! {
            p.eyebrow { a href={ "/beheer/consultaties/" (c.id) } { (t.back_to_consultation) } }
            h1.utrecht-heading-1 { (crate::views::content::fill_content(t.responses_title, "title", &c.title.main, ctx.content_lang())) }
            ul.counts {
                li { (with(t.count_total, c.response_count)) }
                li { strong { (with(t.count_visible, c.visible_count())) } }
                li { (with(t.count_hidden, c.hidden_count)) }
                li { (with(t.count_contacts, i64::try_from(view.contacts).unwrap_or(i64::MAX))) }
            }
            h2.utrecht-heading-2 { (w.download) }
            ul.downloads {
                (downloads(w.download_responses, &format!("{export}/reacties")))
                (downloads(w.download_themes, &format!("{export}/themas")))
            }
            p { small { (crate::export::formats_note(ctx.lang)) } }
            h2.utrecht-heading-2 { (t.per_day) }
            @if view.days.is_empty() {
                p { (t.no_responses) }
            } @else {
                div.table-wrapper {
                    table.utrecht-table.utrecht-table--html-table {
                        thead { tr { th scope="col" { (t.col_day) } th scope="col" { (t.col_visible) } th scope="col" { (t.col_hidden) } } }
                        tbody {
                            @for day in view.days {
                                tr {
                                    th scope="row" { (ctx.lang.date(day.day)) }
                                    td { (day.visible) " " progress max=(busiest) value=(day.visible) aria-hidden="true" {} }
                                    td { (day.hidden) }
                                }
                            }
                        }
                    }
                }
            }
            h2.utrecht-heading-2 { (t.col_answers) }
            @if !view.page.rows.is_empty() {
                div.table-wrapper {
                    table.utrecht-table.utrecht-table--html-table {
                        thead { tr {
                            th scope="col" { (t.col_code) } th scope="col" { (t.col_submitted) }
                            th scope="col" { (t.col_answers) } th scope="col" { (t.col_state) }
                        } }
                        tbody { @for response in &view.page.rows { (row(ctx, &view, response)) } }
                    }
                }
                (pagination(ctx, &view))
            } @else {
                p { (t.no_responses) }
            }
        },
    )
}
