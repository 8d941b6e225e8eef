//! Processes and published outcomes.

use super::open;
use super::schemas::{self as s, count, hidden};
use crate::error::WebError;
use crate::state::AppState;
use actix_web::{HttpResponse, route, web};
use inspraak_domain::ConsultationId;
use inspraak_domain::process::ProcessStatus;
use inspraak_domain::small_numbers::{MinGroupSize, PublicCount};
use inspraak_store::outcomes::figures::Body;
use inspraak_store::process::{self, Process};
use inspraak_store::{consultation, outcomes};

pub(super) fn summary(p: &Process) -> s::ProcessSummary {
    s::ProcessSummary {
        slug: p.slug.clone(),
        title: p.title.main.clone(),
        summary: p.summary.main.clone(),
        status: status(p.status),
        url: format!("/processen/{}", p.slug),
    }
}

fn status(status: ProcessStatus) -> s::ProcessStatus {
    match status {
        ProcessStatus::Archived => s::ProcessStatus::Archived,
        // Only public processes are served; drafts never get here.
        ProcessStatus::Published | ProcessStatus::Draft => s::ProcessStatus::Published,
    }
}

/// Every public process.
#[utoipa::path(
    get,
    path = "/api/v1/processen",
    responses((status = 200, description = "Public processes", body = s::ProcessList))
)]
#[route("/api/v1/processen", method = "GET", method = "HEAD")]
pub(super) async fn list_processes(state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    let processes = process::list_all(state.db.read())
        .await?
        .iter()
        .filter(|p| p.status.is_public())
        .map(summary)
        .collect();
    open(&s::ProcessList { processes })
}

/// A public process with its themes and published outcomes.
#[utoipa::path(
    get,
    path = "/api/v1/processen/{slug}",
    params(("slug" = String, Path, description = "The process's slug")),
    responses(
        (status = 200, description = "The process", body = s::ProcessDetail),
        (status = 404, description = "No public process with this slug",
            content_type = "application/problem+json", body = s::Problem)
    )
)]
#[route("/api/v1/processen/{slug}", method = "GET", method = "HEAD")]
pub(super) async fn one_process(
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let conn = state.db.read();
    let process = crate::read::lookup::public_process(conn, &slug).await?;
    let themes = process::themes(conn, process.id)
        .await?
        .into_iter()
        .map(|t| s::Theme {
            id: t.id.0,
            slug: t.slug,
            name: t.name.main,
            description: t.description.map(|d| d.main),
        })
        .collect();
    let mut published = Vec::new();
    for id in outcomes::published_for_process(conn, process.id).await? {
        if let Some(c) = consultation::find(conn, id).await? {
            published.push(s::OutcomeLink {
                id: c.id.0,
                title: c.title.main,
                url: format!("/api/v1/uitkomsten/{}", c.id),
            });
        }
    }
    let base = summary(&process);
    open(&s::ProcessDetail {
        ideas_url: format!("/api/v1/processen/{}/ideeen", process.slug),
        action_points_url: format!("/api/v1/processen/{}/actiepunten", process.slug),
        slug: base.slug,
        title: base.title,
        summary: base.summary,
        status: base.status,
        url: base.url,
        themes,
        outcomes: published,
    })
}

fn theme_counts(
    themes: &[inspraak_store::outcomes::figures::ThemeFigure],
    other: i64,
    min: MinGroupSize,
) -> (Vec<s::ThemeCount>, PublicCount) {
    let counts: Vec<i64> = themes.iter().map(|t| t.chosen).chain([other]).collect();
    let shown = min.protect_group(&counts);
    let other_shown = shown.last().copied().unwrap_or(PublicCount::Withheld);
    let list = themes
        .iter()
        .zip(&shown)
        .map(|(t, c)| {
            let exact = !c.is_hidden();
            s::ThemeCount {
                theme_id: t.theme.0,
                name: t.name.clone(),
                chosen: count(*c),
                points: exact.then_some(t.points),
                average_rank: t.average_rank.filter(|_| exact),
                hidden: hidden(*c),
            }
        })
        .collect();
    (list, other_shown)
}

/// A question's figures, small groups withheld as on the page.
fn figures(body: &Body, min: MinGroupSize) -> s::Figures {
    match body {
        Body::Themes {
            ranked,
            themes,
            other,
        } => {
            let (themes, other) = theme_counts(themes, *other, min);
            if *ranked {
                s::Figures::RankThemes {
                    themes,
                    other_topic_count: count(other),
                    other_topic_hidden: hidden(other),
                }
            } else {
                s::Figures::PickThemes {
                    themes,
                    other_topic_count: count(other),
                    other_topic_hidden: hidden(other),
                }
            }
        }
        Body::Options(options) => {
            let counts: Vec<i64> = options.iter().map(|o| o.count).collect();
            let shown = min.protect_group(&counts);
            s::Figures::Options {
                options: options
                    .iter()
                    .zip(&shown)
                    .map(|(o, c)| s::OptionCount {
                        label: o.label.main.clone(),
                        count: count(*c),
                        hidden: hidden(*c),
                    })
                    .collect(),
            }
        }
        Body::YesNo { yes, no } => {
            let shown = min.protect_group(&[*yes, *no]);
            let (yes, no) = (shown[0], shown[1]);
            s::Figures::YesNo {
                yes: count(yes),
                yes_hidden: hidden(yes),
                no: count(no),
                no_hidden: hidden(no),
            }
        }
        Body::Text => s::Figures::Text,
    }
}

/// A published outcome of a consultation in a public process.
#[utoipa::path(
    get,
    path = "/api/v1/uitkomsten/{id}",
    params(("id" = i64, Path, description = "The consultation's id")),
    responses(
        (status = 200, description = "The outcome", body = s::Outcome),
        (status = 404, description = "No published outcome with this id",
            content_type = "application/problem+json", body = s::Problem)
    )
)]
#[route("/api/v1/uitkomsten/{id}", method = "GET", method = "HEAD")]
pub(super) async fn outcome(
    state: web::Data<AppState>,
    id: web::Path<ConsultationId>,
) -> Result<HttpResponse, WebError> {
    let conn = state.db.read();
    let consultation = consultation::find(conn, *id)
        .await?
        .ok_or(WebError::NotFound)?;
    let process = process::find(conn, consultation.process_id)
        .await?
        .filter(|p| p.status.is_public())
        .ok_or(WebError::NotFound)?;
    let loaded = crate::routes::outcomes::load_public(conn, &process, consultation.id).await?;
    let min = state.settings.min_group_size;
    let questions = loaded
        .figures
        .questions
        .iter()
        .map(|q| s::Question {
            question_id: q.question.id.0,
            prompt: q.question.prompt.main.clone(),
            kind: q.question.kind.as_str().to_owned(),
            answered: count(min.protect(q.answered)),
            answered_hidden: hidden(min.protect(q.answered)),
            figures: figures(&q.body, min),
            quotes: loaded
                .quotes
                .iter()
                .filter(|x| x.question == q.question.id)
                .map(|x| s::Quote {
                    text: x.text.clone(),
                    yes: x.yes,
                })
                .collect(),
        })
        .collect();
    let responses = min.protect(loaded.figures.responses);
    open(&s::Outcome {
        consultation: s::ConsultationRef {
            id: consultation.id.0,
            title: consultation.title.main.clone(),
        },
        process: summary(&process),
        published_at: loaded.state.published_at,
        min_group_size: min.get(),
        responses: count(responses),
        responses_hidden: hidden(responses),
        questions,
        recurring_threads: loaded
            .threads
            .iter()
            .map(|t| s::RecurringThread {
                title: t.title.main.clone(),
                text: t.body.main.clone(),
                theme_ids: t.themes.iter().map(|x| x.0).collect(),
            })
            .collect(),
        session_reports: loaded
            .sessions
            .iter()
            .filter(|x| x.published_report().is_some())
            .map(|x| s::SessionReport {
                title: x.title.main.clone(),
                starts_at: x.schedule.starts_at(),
                url: format!("/bijeenkomsten/{}", x.id),
            })
            .collect(),
    })
}
