//! The published action plan of a process: its introduction, the action points that are not
//! drafts (by theme), each one's latest progress update and the public ideas it includes, and
//! when any of it last changed. The plan page and its PDF and ODT are made from this one read
//! (five statements, however many action points).

use crate::error::WebResult;
use chrono::{DateTime, Utc};
use inspraak_domain::ActionPointId;
use inspraak_domain::ideas::ActionPointStatus;
use inspraak_store::ConnectionTrait;
use inspraak_store::ideas::action_points::{self, ActionPoint, ProgressUpdate};
use inspraak_store::ideas::{self, Idea, action_plan};
use inspraak_store::process::{self, Process, Theme};
use std::collections::HashMap;

pub struct ActionPlan {
    pub process: Process,
    pub introduction: Option<inspraak_domain::Translated>,
    pub themes: Vec<Theme>,
    /// Every action point but the drafts, by theme and then as created.
    pub points: Vec<ActionPoint>,
    pub latest: HashMap<ActionPointId, ProgressUpdate>,
    /// The public ideas each action point includes ("where it came from").
    pub origins: HashMap<ActionPointId, Vec<Idea>>,
    /// The last change of the introduction or of a published action point (a progress update
    /// changes its point); the process's own last change when there is neither.
    pub changed: DateTime<Utc>,
}

impl ActionPlan {
    /// The action points of a theme (`None`: those without one), in plan order.
    pub fn points_of(&self, theme: Option<inspraak_domain::ThemeId>) -> Vec<&ActionPoint> {
        self.points.iter().filter(|p| p.theme_id == theme).collect()
    }

    /// The Dutch day of the last change: the "Stand van …" of the page and the documents.
    pub fn as_of(&self) -> chrono::NaiveDate {
        inspraak_domain::time::local_date(self.changed)
    }
}

pub async fn load(conn: &impl ConnectionTrait, process: Process) -> WebResult<ActionPlan> {
    let introduction = action_plan::introduction(conn, process.id).await?;
    let themes = process::themes(conn, process.id).await?;
    let points: Vec<ActionPoint> = action_points::list_for_process(conn, process.id)
        .await?
        .into_iter()
        .filter(|p| p.status != ActionPointStatus::Draft)
        .collect();
    let latest = action_points::latest_updates(conn, process.id).await?;
    let origins = ideas::included_in_plan(conn, process.id).await?;
    let changed = points
        .iter()
        .map(|p| p.updated_at)
        .chain(introduction.as_ref().map(|i| i.updated_at))
        .max()
        .unwrap_or(process.updated_at);
    Ok(ActionPlan {
        introduction: introduction.and_then(|i| i.text),
        process,
        themes,
        points,
        latest,
        origins,
        changed,
    })
}
