//! The public agenda: upcoming sessions, and past ones with their report.

use super::records::{Session, to_session};
use crate::StoreResult;
use crate::entities::{processes, sessions, themes};
use chrono::{DateTime, Utc};
use inspraak_domain::{ProcessId, ProcessStatus, ThemeId, Translated};
use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Select,
};
use std::collections::HashMap;

/// Which sessions an agenda shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgendaScope {
    All,
    Process(ProcessId),
    Theme(ThemeId),
}

/// A session with the names the agenda shows next to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaEntry {
    pub session: Session,
    pub process_slug: String,
    pub process_title: Translated,
    pub theme_name: Option<Translated>,
    pub theme_slug: Option<String>,
}

fn public_in_scope(scope: AgendaScope) -> Select<sessions::Entity> {
    let public: Vec<&str> = ProcessStatus::ALL
        .into_iter()
        .filter(|s| s.is_public())
        .map(ProcessStatus::as_str)
        .collect();
    let select = sessions::Entity::find().filter(
        sessions::Column::ProcessId.in_subquery(
            Query::select()
                .column(processes::Column::Id)
                .from(processes::Entity)
                .and_where(processes::Column::Status.is_in(public))
                .to_owned(),
        ),
    );
    match scope {
        AgendaScope::All => select,
        AgendaScope::Process(id) => select.filter(sessions::Column::ProcessId.eq(id.0)),
        AgendaScope::Theme(id) => select.filter(sessions::Column::ThemeId.eq(id.0)),
    }
}

async fn with_names(
    conn: &impl ConnectionTrait,
    models: Vec<sessions::Model>,
) -> StoreResult<Vec<AgendaEntry>> {
    let mut process_ids: Vec<i64> = models.iter().map(|m| m.process_id).collect();
    process_ids.sort_unstable();
    process_ids.dedup();
    let mut theme_ids: Vec<i64> = models.iter().filter_map(|m| m.theme_id).collect();
    theme_ids.sort_unstable();
    theme_ids.dedup();
    // No ids, no query: most pages show few sessions, often none, and each query is a round trip.
    let process_names: HashMap<i64, processes::Model> = if process_ids.is_empty() {
        HashMap::new()
    } else {
        processes::Entity::find()
            .filter(processes::Column::Id.is_in(process_ids))
            .all(conn)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect()
    };
    let theme_names: HashMap<i64, themes::Model> = if theme_ids.is_empty() {
        HashMap::new()
    } else {
        themes::Entity::find()
            .filter(themes::Column::Id.is_in(theme_ids))
            .all(conn)
            .await?
            .into_iter()
            .map(|t| (t.id, t))
            .collect()
    };
    let mut entries = Vec::with_capacity(models.len());
    for model in models {
        let process = process_names.get(&model.process_id);
        let theme = model.theme_id.and_then(|id| theme_names.get(&id));
        entries.push(AgendaEntry {
            process_slug: process.map(|p| p.slug.clone()).unwrap_or_default(),
            process_title: process
                .map(|p| Translated::new(p.title.clone(), p.title_translation.clone()))
                .unwrap_or_default(),
            theme_name: theme.map(|t| Translated::new(t.name.clone(), t.name_translation.clone())),
            theme_slug: theme.map(|t| t.slug.clone()),
            session: to_session(model)?,
        });
    }
    Ok(entries)
}

/// Sessions of public processes that have not ended, soonest first.
pub async fn upcoming(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    scope: AgendaScope,
) -> StoreResult<Vec<AgendaEntry>> {
    let models = public_in_scope(scope)
        .filter(sessions::Column::EndsAt.gt(now))
        .order_by_asc(sessions::Column::StartsAt)
        .order_by_asc(sessions::Column::Id)
        .all(conn)
        .await?;
    with_names(conn, models).await
}

/// Both lists of an agenda block: upcoming sessions (soonest first) and past ones with a published
/// report (latest first).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Agenda {
    pub upcoming: Vec<AgendaEntry>,
    pub past: Vec<AgendaEntry>,
}

/// The upcoming sessions and the past ones with a published report, in one sessions query (and
/// one query each for the names), for pages that show both.
pub async fn agenda(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    scope: AgendaScope,
) -> StoreResult<Agenda> {
    let models = public_in_scope(scope)
        .filter(
            Condition::any()
                .add(sessions::Column::EndsAt.gt(now))
                .add(sessions::Column::ReportPublishedAt.is_not_null()),
        )
        .all(conn)
        .await?;
    let (mut upcoming, mut past): (Vec<_>, Vec<_>) = with_names(conn, models)
        .await?
        .into_iter()
        .partition(|e| e.session.schedule.ends_at() > now);
    let key = |e: &AgendaEntry| (e.session.schedule.starts_at(), e.session.id);
    upcoming.sort_by_key(key);
    past.sort_by_key(|e| std::cmp::Reverse(key(e)));
    Ok(Agenda { upcoming, past })
}
