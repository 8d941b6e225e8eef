//! Public ideas and the action plan of a process.

use super::open;
use super::schemas::{self as s, count, hidden};
use crate::error::WebError;
use crate::state::AppState;
use actix_web::{HttpResponse, route, web};
use inspraak_domain::ideas::{ActionPointStatus, IdeaSort, IdeaStatus};
use inspraak_domain::traceability::{Contribution, ContributionKind, Target};
use inspraak_store::ideas::{self, action_points};
use inspraak_store::traceability;
use serde::Deserialize;
use std::collections::BTreeSet;

const PER_PAGE: u64 = 100;
/// Far beyond any real list; keeps the row offset well inside what every database takes.
const MAX_PAGE: u64 = 1_000_000;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct PageQuery {
    /// One-based page number; 1 when left out.
    #[param(minimum = 1, maximum = 1_000_000)]
    page: Option<u64>,
}

fn idea_status(status: IdeaStatus) -> s::IdeaStatus {
    match status {
        IdeaStatus::New => s::IdeaStatus::New,
        IdeaStatus::UnderConsideration => s::IdeaStatus::UnderConsideration,
        IdeaStatus::Included => s::IdeaStatus::Included,
        IdeaStatus::NotIncluded => s::IdeaStatus::NotIncluded,
    }
}

/// The public ideas of a public process, newest first, a hundred a page.
#[utoipa::path(
    get,
    path = "/api/v1/processen/{slug}/ideeen",
    params(("slug" = String, Path, description = "The process's slug"), PageQuery),
    responses(
        (status = 200, description = "A page of public ideas", body = s::IdeaList),
        (status = 400, description = "The page is not a number from 1 to 1000000",
            content_type = "application/problem+json", body = s::Problem),
        (status = 404, description = "No public process with this slug",
            content_type = "application/problem+json", body = s::Problem)
    )
)]
#[route("/api/v1/processen/{slug}/ideeen", method = "GET", method = "HEAD")]
pub(super) async fn public_ideas(
    state: web::Data<AppState>,
    slug: web::Path<String>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, WebError> {
    let page = query.page.unwrap_or(1);
    if page == 0 || page > MAX_PAGE {
        return Err(WebError::BadRequest);
    }
    let conn = state.db.read();
    let process = crate::read::lookup::public_process(conn, &slug).await?;
    let (list, total) = ideas::public_page(
        conn,
        &ideas::ListQuery {
            process: process.id,
            theme: None,
            search: None,
            sort: IdeaSort::Newest,
            page: page - 1,
            per_page: PER_PAGE,
        },
    )
    .await?;
    let ideas = list
        .into_iter()
        .map(|i| s::Idea {
            id: i.id.0,
            theme_id: i.theme_id.0,
            url: format!("/processen/{}/ideeen/{}", process.slug, i.id),
            title: i.title,
            body: i.body,
            status: idea_status(i.status),
            explanation: i.explanation,
            action_point_id: i.action_point.map(|a| a.0),
            comment_count: i.comment_count,
            created_at: i.created_at,
        })
        .collect();
    open(&s::IdeaList {
        ideas,
        total,
        page,
        per_page: PER_PAGE,
    })
}

/// How many contributions fed an action point per channel: linked ones, and public ideas whose
/// status includes them in it (once, also when linked too), as on the action point's page.
async fn origin(
    conn: &impl inspraak_store::ConnectionTrait,
    point: inspraak_domain::ActionPointId,
    min: inspraak_domain::small_numbers::MinGroupSize,
) -> Result<(s::OriginCounts, Vec<i64>), WebError> {
    let target = Target::ActionPoint(point);
    let mut counts = traceability::counts_for_target(conn, target).await?;
    let linked_ideas: BTreeSet<i64> = traceability::for_target(conn, target)
        .await?
        .iter()
        .filter_map(|l| match l.contribution {
            Contribution::Idea(id) => Some(id.0),
            _ => None,
        })
        .collect();
    let included = ideas::for_action_point(conn, point).await?;
    for idea in &included {
        if !linked_ideas.contains(&idea.id.0) {
            *counts.entry(ContributionKind::Idea).or_default() += 1;
        }
    }
    // Each count stands alone (no total is published), so each is protected on its own.
    let protect = |kind| {
        let n = counts.get(&kind).copied().unwrap_or(0);
        min.protect(i64::try_from(n).unwrap_or(i64::MAX))
    };
    let (r, i, c, m) = (
        protect(ContributionKind::Response),
        protect(ContributionKind::Idea),
        protect(ContributionKind::Comment),
        protect(ContributionKind::SessionReport),
    );
    let counts = s::OriginCounts {
        responses: count(r),
        responses_hidden: hidden(r),
        ideas: count(i),
        ideas_hidden: hidden(i),
        comments: count(c),
        comments_hidden: hidden(c),
        session_reports: count(m),
        session_reports_hidden: hidden(m),
    };
    Ok((counts, included.iter().map(|i| i.id.0).collect()))
}

/// The published action points of a public process (drafts are left out), with their
/// progress updates and where they came from.
#[utoipa::path(
    get,
    path = "/api/v1/processen/{slug}/actiepunten",
    params(("slug" = String, Path, description = "The process's slug")),
    responses(
        (status = 200, description = "The action plan", body = s::ActionPlan),
        (status = 404, description = "No public process with this slug",
            content_type = "application/problem+json", body = s::Problem)
    )
)]
#[route(
    "/api/v1/processen/{slug}/actiepunten",
    method = "GET",
    method = "HEAD"
)]
pub(super) async fn action_plan(
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let conn = state.db.read();
    let min = state.settings.min_group_size;
    let process = crate::read::lookup::public_process(conn, &slug).await?;
    let mut points = Vec::new();
    for p in action_points::list_for_process(conn, process.id).await? {
        let status = match p.status {
            ActionPointStatus::Draft => continue,
            ActionPointStatus::Planned => s::ActionPointStatus::Planned,
            ActionPointStatus::InProgress => s::ActionPointStatus::InProgress,
            ActionPointStatus::Done => s::ActionPointStatus::Done,
        };
        let updates = action_points::updates(conn, p.id)
            .await?
            .into_iter()
            .map(|u| s::ProgressUpdate {
                on: u.on,
                // The open-data API stays in the content language (issue #24 leaves it as is).
                body: u.body.main,
            })
            .collect();
        let (origin, idea_ids) = origin(conn, p.id, min).await?;
        points.push(s::ActionPoint {
            id: p.id.0,
            theme_id: p.theme_id.map(|t| t.0),
            url: format!("/processen/{}/actiepunten/{}", process.slug, p.id.0),
            title: p.title.main,
            description: p.description.main,
            holder: p.holder,
            partners: p.partners,
            status,
            findings: p.findings.map(|f| f.main),
            updated_at: p.updated_at,
            updates,
            origin,
            idea_ids,
        });
    }
    open(&s::ActionPlan {
        min_group_size: min.get(),
        action_points: points,
    })
}
