//! What the open-data API sends, as types: the handlers build these and the OpenAPI document is
//! derived from them, so the description and the answers cannot drift apart. Fields that are
//! always sent are `required`, also when their value may be `null`.

use chrono::{DateTime, NaiveDate, Utc};
use inspraak_domain::small_numbers::PublicCount;
use serde::Serialize;
use utoipa::ToSchema;

/// Why a count is `null`.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Hidden {
    /// It describes fewer people than the minimum group size.
    BelowMinimum,
    /// It would let a hidden count be worked out from a total.
    Withheld,
}

/// The number, or `None` when small-number protection hides it.
pub fn count(c: PublicCount) -> Option<i64> {
    c.exact()
}

/// Why `count` gave `None`.
pub fn hidden(c: PublicCount) -> Option<Hidden> {
    match c {
        PublicCount::Exact(_) => None,
        PublicCount::BelowMinimum(_) => Some(Hidden::BelowMinimum),
        PublicCount::Withheld => Some(Hidden::Withheld),
    }
}

/// A public process (published or archived).
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "slug": "groene-binnenstad", "title": "Groene binnenstad",
    "summary": "Denk mee over meer groen in de binnenstad.", "status": "published",
    "url": "/processen/groene-binnenstad"
}))]
pub struct ProcessSummary {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub status: ProcessStatus,
    /// The process's page for people.
    pub url: String,
}

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProcessStatus {
    Published,
    Archived,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProcessList {
    pub processes: Vec<ProcessSummary>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 3, "slug": "bomen", "name": "Bomen", "description": null
}))]
pub struct Theme {
    pub id: i64,
    pub slug: String,
    pub name: String,
    #[schema(required = true)]
    pub description: Option<String>,
}

/// A published outcome of one consultation.
#[derive(Debug, Serialize, ToSchema)]
pub struct OutcomeLink {
    pub id: i64,
    pub title: String,
    /// Its open data.
    pub url: String,
}

/// A public process with its themes, published outcomes, and where its ideas and action
/// points are.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProcessDetail {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub status: ProcessStatus,
    pub url: String,
    pub themes: Vec<Theme>,
    pub outcomes: Vec<OutcomeLink>,
    /// Open data of the process's public ideas.
    pub ideas_url: String,
    /// Open data of the process's action plan.
    pub action_points_url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConsultationRef {
    pub id: i64,
    pub title: String,
}

/// A theme's figures in a theme question. `chosen`, `points` and `average_rank` are `null`
/// when small-number protection hides the theme.
#[derive(Debug, Serialize, ToSchema)]
pub struct ThemeCount {
    pub theme_id: i64,
    pub name: String,
    #[schema(required = true)]
    pub chosen: Option<i64>,
    #[schema(required = true)]
    pub points: Option<i64>,
    #[schema(required = true)]
    pub average_rank: Option<f64>,
    #[schema(required = true)]
    pub hidden: Option<Hidden>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OptionCount {
    pub label: String,
    #[schema(required = true)]
    pub count: Option<i64>,
    #[schema(required = true)]
    pub hidden: Option<Hidden>,
}

/// A question's figures; `type` says which kind.
#[derive(Debug, Serialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Figures {
    RankThemes {
        themes: Vec<ThemeCount>,
        #[schema(required = true)]
        other_topic_count: Option<i64>,
        #[schema(required = true)]
        other_topic_hidden: Option<Hidden>,
    },
    PickThemes {
        themes: Vec<ThemeCount>,
        #[schema(required = true)]
        other_topic_count: Option<i64>,
        #[schema(required = true)]
        other_topic_hidden: Option<Hidden>,
    },
    Options {
        options: Vec<OptionCount>,
    },
    YesNo {
        #[schema(required = true)]
        yes: Option<i64>,
        #[schema(required = true)]
        yes_hidden: Option<Hidden>,
        #[schema(required = true)]
        no: Option<i64>,
        #[schema(required = true)]
        no_hidden: Option<Hidden>,
    },
    /// Open answers: no figures, only the quotes the organiser published.
    Text,
}

/// An answer the organiser chose to publish.
#[derive(Debug, Serialize, ToSchema)]
pub struct Quote {
    pub text: String,
    /// The yes/no the answer came with, for yes/no questions.
    #[schema(required = true)]
    pub yes: Option<bool>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Question {
    pub question_id: i64,
    pub prompt: String,
    pub kind: String,
    #[schema(required = true)]
    pub answered: Option<i64>,
    #[schema(required = true)]
    pub answered_hidden: Option<Hidden>,
    pub figures: Figures,
    pub quotes: Vec<Quote>,
}

/// A recurring thread (rode draad) the organiser wrote.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecurringThread {
    pub title: String,
    pub text: String,
    pub theme_ids: Vec<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionReport {
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub url: String,
}

/// A published outcome, with counts below `min_group_size` hidden.
#[derive(Debug, Serialize, ToSchema)]
pub struct Outcome {
    pub consultation: ConsultationRef,
    pub process: ProcessSummary,
    #[schema(required = true)]
    pub published_at: Option<DateTime<Utc>>,
    /// Counts of fewer people than this (and more than zero) are `null`.
    pub min_group_size: u32,
    #[schema(required = true)]
    pub responses: Option<i64>,
    #[schema(required = true)]
    pub responses_hidden: Option<Hidden>,
    pub questions: Vec<Question>,
    pub recurring_threads: Vec<RecurringThread>,
    pub session_reports: Vec<SessionReport>,
}

/// What became of an idea.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum IdeaStatus {
    New,
    UnderConsideration,
    Included,
    NotIncluded,
}

/// A public idea. Who sent it is left out.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 12, "theme_id": 3, "title": "Meer bomen op het plein",
    "body": "Het plein is in de zomer erg heet.", "status": "included",
    "explanation": "Dit idee is opgenomen in actiepunt 4.", "action_point_id": 4,
    "comment_count": 2, "created_at": "2026-11-02T10:15:00Z",
    "url": "/processen/groene-binnenstad/ideeen/12"
}))]
pub struct Idea {
    pub id: i64,
    pub theme_id: i64,
    pub title: String,
    pub body: String,
    pub status: IdeaStatus,
    /// The organiser's public explanation of the status.
    #[schema(required = true)]
    pub explanation: Option<String>,
    /// The action point the idea was included in.
    #[schema(required = true)]
    pub action_point_id: Option<i64>,
    pub comment_count: i64,
    pub created_at: DateTime<Utc>,
    pub url: String,
}

/// A page of public ideas, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct IdeaList {
    pub ideas: Vec<Idea>,
    /// Public ideas in all pages.
    pub total: u64,
    /// One-based.
    pub page: u64,
    pub per_page: u64,
}

/// Where a published action point stands (drafts are not public).
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActionPointStatus {
    Planned,
    InProgress,
    Done,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProgressUpdate {
    pub on: NaiveDate,
    pub body: String,
}

/// How many contributions of each channel fed an action point; counts of fewer people than the
/// minimum group size (and more than zero) are `null`.
#[derive(Debug, Serialize, ToSchema)]
pub struct OriginCounts {
    #[schema(required = true)]
    pub responses: Option<i64>,
    #[schema(required = true)]
    pub responses_hidden: Option<Hidden>,
    #[schema(required = true)]
    pub ideas: Option<i64>,
    #[schema(required = true)]
    pub ideas_hidden: Option<Hidden>,
    #[schema(required = true)]
    pub comments: Option<i64>,
    #[schema(required = true)]
    pub comments_hidden: Option<Hidden>,
    #[schema(required = true)]
    pub session_reports: Option<i64>,
    #[schema(required = true)]
    pub session_reports_hidden: Option<Hidden>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 4, "theme_id": 3, "title": "Tien nieuwe bomen op het Marktplein",
    "description": "We planten in het voorjaar tien bomen.", "holder": "Gemeente, team Groen",
    "partners": "Bewonersvereniging Centrum", "status": "in_progress", "findings": null,
    "updated_at": "2026-11-20T09:00:00Z",
    "updates": [{ "on": "2026-11-20", "body": "De plekken zijn gekozen." }],
    "origin": {
        "responses": 14, "responses_hidden": null, "ideas": null, "ideas_hidden": "below_minimum",
        "comments": 0, "comments_hidden": null, "session_reports": null,
        "session_reports_hidden": "below_minimum"
    },
    "idea_ids": [12], "url": "/processen/groene-binnenstad/actiepunten/4"
}))]
pub struct ActionPoint {
    pub id: i64,
    #[schema(required = true)]
    pub theme_id: Option<i64>,
    pub title: String,
    pub description: String,
    /// Who carries it out.
    pub holder: String,
    #[schema(required = true)]
    pub partners: Option<String>,
    pub status: ActionPointStatus,
    /// What was found when it was done.
    #[schema(required = true)]
    pub findings: Option<String>,
    pub updated_at: DateTime<Utc>,
    /// Progress updates, newest first.
    pub updates: Vec<ProgressUpdate>,
    pub origin: OriginCounts,
    /// Public ideas it came from.
    pub idea_ids: Vec<i64>,
    pub url: String,
}

/// The action plan of a process.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActionPlan {
    /// Counts of fewer people than this (and more than zero) are `null`.
    pub min_group_size: u32,
    pub action_points: Vec<ActionPoint>,
}

pub use crate::problem::Problem;
