//! The organiser's dashboard: what needs attention now, for every process at once.
//!
//! A handful of grouped statements whatever the number of processes (never one query per
//! process): ideas per process, flagged comments per process, consultations with their new and
//! unlinked responses and whether the outcome is published, upcoming sessions with their
//! sign-ups, and the pending agenda proposals. Counts are read as `BIGINT` on both engines.
//!
//! The consultation statement counts the new responses of each consultation with a correlated
//! subquery on `(consultation_id, …)`; linked responses are counted from the (small) link table.

use crate::StoreResult;
use chrono::{DateTime, Utc};
use inspraak_domain::{ConsultationId, ProcessId, SessionId};
use sea_orm::{ConnectionTrait, DbBackend, QueryResult, Statement, Value};
use std::collections::HashMap;

/// Attention counts of one process (processes without any are absent from the map).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProcessCounts {
    /// Ideas no organiser has moderated yet (the moderation queue).
    pub ideas_awaiting: u64,
    /// Public ideas linked to no recurring thread or action point.
    pub ideas_unlinked: u64,
    /// Flagged comments, still public, on the process's ideas and action points.
    pub flagged_comments: u64,
}

/// One consultation with what needs doing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsultationCounts {
    pub id: ConsultationId,
    pub process: ProcessId,
    pub title: String,
    pub published: bool,
    /// The closing moment has passed.
    pub closed: bool,
    /// Visible responses sent in since `since`.
    pub new_responses: u64,
    /// Visible responses linked to no thread or action point.
    pub unlinked_responses: u64,
    pub outcome_published: bool,
}

impl ConsultationCounts {
    /// Closed, yet nobody can read what came of it.
    pub fn outcome_due(&self) -> bool {
        self.published && self.closed && !self.outcome_published
    }
}

/// An upcoming session with its sign-ups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionCounts {
    pub id: SessionId,
    pub process: ProcessId,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub confirmed: u64,
    pub waitlisted: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dashboard {
    pub processes: HashMap<ProcessId, ProcessCounts>,
    /// Every consultation, by process then id.
    pub consultations: Vec<ConsultationCounts>,
    /// Sessions that have not started yet, soonest first.
    pub upcoming_sessions: Vec<SessionCounts>,
    /// Agenda proposals waiting for a decision (site-wide: they belong to no process).
    pub pending_proposals: u64,
    /// Contact messages nobody has handled yet (site-wide).
    pub open_contact_messages: u64,
    /// Orders for printed action plans nobody has handled yet (site-wide).
    pub open_print_orders: u64,
}

impl Dashboard {
    pub fn process(&self, id: ProcessId) -> ProcessCounts {
        self.processes.get(&id).copied().unwrap_or_default()
    }

    pub fn consultations_of(&self, id: ProcessId) -> impl Iterator<Item = &ConsultationCounts> {
        self.consultations.iter().filter(move |c| c.process == id)
    }

    pub fn sessions_of(&self, id: ProcessId) -> impl Iterator<Item = &SessionCounts> {
        self.upcoming_sessions
            .iter()
            .filter(move |s| s.process == id)
    }

    /// Flagged comments of all processes (they are moderated on a process's ideas page).
    pub fn flagged_total(&self) -> u64 {
        self.processes.values().map(|p| p.flagged_comments).sum()
    }
}

const IDEAS: &str = "SELECT i.process_id AS process_id, \
     CAST(COALESCE(SUM(CASE WHEN i.moderated_at IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS awaiting, \
     CAST(COALESCE(SUM(CASE WHEN i.visibility = 'public' AND i.action_point_id IS NULL \
       AND NOT EXISTS (SELECT 1 FROM contribution_links l \
         WHERE l.contribution_kind = 'idea' AND l.contribution_id = i.id) \
       THEN 1 ELSE 0 END), 0) AS BIGINT) AS unlinked \
     FROM ideas i GROUP BY i.process_id";

const FLAGGED: &str = "SELECT COALESCE(i.process_id, a.process_id) AS process_id, \
     CAST(COUNT(*) AS BIGINT) AS flagged \
     FROM comments c \
     LEFT JOIN ideas i ON i.id = c.idea_id \
     LEFT JOIN action_points a ON a.id = c.action_point_id \
     WHERE c.flagged_at IS NOT NULL AND c.visibility = 'public' \
     GROUP BY COALESCE(i.process_id, a.process_id)";

const CONSULTATIONS: &str = "SELECT c.id AS id, c.process_id AS process_id, c.title AS title, \
     c.status AS status, \
     CAST(CASE WHEN c.closes_at <= ? THEN 1 ELSE 0 END AS BIGINT) AS closed, \
     CAST(c.response_count - c.hidden_count AS BIGINT) AS visible, \
     CAST((SELECT COUNT(*) FROM consultation_responses r \
       WHERE r.consultation_id = c.id AND NOT r.hidden AND r.submitted_at >= ?) AS BIGINT) AS fresh, \
     CAST((SELECT COUNT(DISTINCT l.contribution_id) FROM contribution_links l \
       JOIN consultation_responses r ON r.id = l.contribution_id \
       WHERE l.contribution_kind = 'response' AND r.consultation_id = c.id AND NOT r.hidden) \
       AS BIGINT) AS linked, \
     CAST(CASE WHEN o.published_at IS NULL THEN 0 ELSE 1 END AS BIGINT) AS outcome_published \
     FROM consultations c \
     LEFT JOIN consultation_outcomes o ON o.consultation_id = c.id \
     ORDER BY c.process_id, c.id";

const SESSIONS: &str = "SELECT s.id AS id, s.process_id AS process_id, s.title AS title, \
     s.starts_at AS starts_at, \
     CAST(COALESCE(SUM(CASE WHEN g.state = 'confirmed' THEN 1 ELSE 0 END), 0) AS BIGINT) AS confirmed, \
     CAST(COALESCE(SUM(CASE WHEN g.state = 'waitlisted' THEN 1 ELSE 0 END), 0) AS BIGINT) AS waitlisted \
     FROM sessions s LEFT JOIN registrations g ON g.session_id = s.id \
     WHERE s.starts_at > ? \
     GROUP BY s.id, s.process_id, s.title, s.starts_at \
     ORDER BY s.starts_at, s.id";

/// The site-wide queues in one statement: agenda proposals, contact messages, print orders.
const PROPOSALS: &str = "SELECT \
     (SELECT CAST(COUNT(*) AS BIGINT) FROM proposed_events WHERE status = 'pending') AS pending, \
     (SELECT CAST(COUNT(*) AS BIGINT) FROM contact_messages WHERE handled_at IS NULL) AS contact, \
     (SELECT CAST(COUNT(*) AS BIGINT) FROM print_orders WHERE handled_at IS NULL) AS orders";

/// `?` placeholders as the engine wants them (`$1, $2, …` on PostgreSQL).
fn statement(backend: DbBackend, sql: &str, values: Vec<Value>) -> Statement {
    let sql = match backend {
        DbBackend::Postgres => {
            let mut out = String::with_capacity(sql.len() + 8);
            let mut n = 0;
            for ch in sql.chars() {
                if ch == '?' {
                    n += 1;
                    out.push('$');
                    out.push_str(&n.to_string());
                } else {
                    out.push(ch);
                }
            }
            out
        }
        _ => sql.to_owned(),
    };
    Statement::from_sql_and_values(backend, sql, values)
}

fn count(row: &QueryResult, column: &str) -> StoreResult<u64> {
    let n: i64 = row.try_get("", column)?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Everything the dashboard shows, read at `now`; "new responses" are those since `since`.
pub async fn load(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    since: DateTime<Utc>,
) -> StoreResult<Dashboard> {
    let backend = conn.get_database_backend();
    let mut dashboard = Dashboard::default();

    for row in conn
        .query_all_raw(statement(backend, IDEAS, Vec::new()))
        .await?
    {
        let process = ProcessId(row.try_get("", "process_id")?);
        let entry = dashboard.processes.entry(process).or_default();
        entry.ideas_awaiting = count(&row, "awaiting")?;
        entry.ideas_unlinked = count(&row, "unlinked")?;
    }
    for row in conn
        .query_all_raw(statement(backend, FLAGGED, Vec::new()))
        .await?
    {
        // A comment on neither an idea nor an action point belongs to no process.
        let process: Option<i64> = row.try_get("", "process_id")?;
        if let Some(process) = process {
            let entry = dashboard.processes.entry(ProcessId(process)).or_default();
            entry.flagged_comments = count(&row, "flagged")?;
        }
    }
    for row in conn
        .query_all_raw(statement(
            backend,
            CONSULTATIONS,
            vec![now.into(), since.into()],
        ))
        .await?
    {
        let status: String = row.try_get("", "status")?;
        let visible = count(&row, "visible")?;
        let linked = count(&row, "linked")?;
        dashboard.consultations.push(ConsultationCounts {
            id: ConsultationId(row.try_get("", "id")?),
            process: ProcessId(row.try_get("", "process_id")?),
            title: row.try_get("", "title")?,
            published: status == "published",
            closed: count(&row, "closed")? == 1,
            new_responses: count(&row, "fresh")?,
            unlinked_responses: visible.saturating_sub(linked),
            outcome_published: count(&row, "outcome_published")? == 1,
        });
    }
    for row in conn
        .query_all_raw(statement(backend, SESSIONS, vec![now.into()]))
        .await?
    {
        dashboard.upcoming_sessions.push(SessionCounts {
            id: SessionId(row.try_get("", "id")?),
            process: ProcessId(row.try_get("", "process_id")?),
            title: row.try_get("", "title")?,
            starts_at: row.try_get("", "starts_at")?,
            confirmed: count(&row, "confirmed")?,
            waitlisted: count(&row, "waitlisted")?,
        });
    }
    if let Some(row) = conn
        .query_one_raw(statement(backend, PROPOSALS, Vec::new()))
        .await?
    {
        dashboard.pending_proposals = count(&row, "pending")?;
        dashboard.open_contact_messages = count(&row, "contact")?;
        dashboard.open_print_orders = count(&row, "orders")?;
    }
    Ok(dashboard)
}
