//! Outcomes of consultations: the public pages (`public`), the organiser's page with publishing,
//! threads, quotes and downloads (`admin`). Their open data is in `routes::api`.

pub mod admin;
pub mod live;
pub mod public;

use crate::error::WebError;
use crate::views::outcomes::{Live, OutcomePage, ThemeExtras};
use actix_web::web;
use inspraak_domain::ideas::ActionPointStatus;
use inspraak_domain::{ConsultationId, ProcessId};
use inspraak_store::consultation::{self, Consultation};
use inspraak_store::outcomes::{self, OutcomeState, Quote, Thread, figures::Figures};
use inspraak_store::process::Process;
use inspraak_store::session::{self, Session};
use inspraak_store::{ConnectionTrait, StoreResult, ideas};

pub fn configure(cfg: &mut web::ServiceConfig) {
    public::configure(cfg);
    admin::configure(cfg);
    live::configure(cfg);
}

/// Everything an outcome page or its open data shows, read in a handful of small queries.
pub struct Loaded {
    pub consultation: Consultation,
    pub state: OutcomeState,
    pub figures: Figures,
    pub threads: Vec<Thread>,
    pub quotes: Vec<Quote>,
    pub sessions: Vec<Session>,
    pub extras: ThemeExtras,
}

impl Loaded {
    /// The public page, with small-number protection at `min_group`.
    pub fn page<'a>(
        &'a self,
        process: &'a Process,
        min_group: inspraak_domain::small_numbers::MinGroupSize,
    ) -> OutcomePage<'a> {
        OutcomePage {
            process,
            consultation: &self.consultation,
            state: &self.state,
            figures: &self.figures,
            threads: &self.threads,
            quotes: &self.quotes,
            sessions: &self.sessions,
            extras: &self.extras,
            min_group,
            live: None,
        }
    }
}

/// Loads a consultation's outcome; `None` when there is no such consultation.
pub async fn load(conn: &impl ConnectionTrait, id: ConsultationId) -> StoreResult<Option<Loaded>> {
    let Some(consultation) = consultation::find(conn, id).await? else {
        return Ok(None);
    };
    let state = outcomes::state(conn, id).await?;
    let figures = outcomes::figures::load(conn, &consultation).await?;
    let threads = outcomes::threads(conn, id).await?;
    let quotes = outcomes::quotes(conn, id).await?;
    let sessions = session::list_for_process(conn, consultation.process_id).await?;
    let mut extras = extras(conn, consultation.process_id).await?;
    let thread_ids: Vec<_> = threads.iter().map(|t| t.id).collect();
    extras.thread_contributions =
        inspraak_store::traceability::totals_for_threads(conn, &thread_ids).await?;
    Ok(Some(Loaded {
        consultation,
        state,
        figures,
        threads,
        quotes,
        sessions,
        extras,
    }))
}

/// Public ideas and their comments per theme, and the published action points of the process.
async fn extras(conn: &impl ConnectionTrait, process: ProcessId) -> StoreResult<ThemeExtras> {
    let counts = ideas::counts_per_theme(conn, process).await?;
    let as_i64 = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    let points = ideas::action_points::list_for_process(conn, process).await?;
    Ok(ThemeExtras {
        ideas: counts.iter().map(|(t, n, _)| (*t, as_i64(*n))).collect(),
        comments: counts.iter().map(|(t, _, n)| (*t, as_i64(*n))).collect(),
        action_points: points
            .into_iter()
            .filter(|p| p.status != ActionPointStatus::Draft)
            .map(|p| (p.title.main, p.id))
            .collect(),
        ideas_total: (!counts.is_empty()).then(|| counts.iter().map(|(_, n, _)| as_i64(*n)).sum()),
        thread_contributions: std::collections::HashMap::new(),
    })
}

/// Whether a consultation shows its running figures now: switched on by the organiser,
/// published, and open.
pub fn is_live(consultation: &Consultation, now: chrono::DateTime<chrono::Utc>) -> bool {
    consultation.live_results
        && consultation.is_published()
        && consultation.window.state(now) == inspraak_domain::consultation::WindowState::Open
}

/// What the public outcomes page shows: the published outcome, or — live results — the running
/// figures of an open consultation, without anything the organiser has not published (the
/// introduction, threads and quotes are drafts until then). Else 404.
pub async fn load_shown(
    conn: &impl ConnectionTrait,
    process: &Process,
    id: ConsultationId,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(Loaded, Option<Live>), WebError> {
    let mut loaded = load(conn, id).await?.ok_or(WebError::NotFound)?;
    if loaded.consultation.process_id != process.id {
        return Err(WebError::NotFound);
    }
    if loaded.state.published_at.is_some() {
        return Ok((loaded, None));
    }
    if !is_live(&loaded.consultation, now) {
        return Err(WebError::NotFound);
    }
    loaded.state = OutcomeState::default();
    loaded.threads.clear();
    loaded.quotes.clear();
    loaded.extras.thread_contributions.clear();
    let updated_at = outcomes::last_response_at(conn, id).await?;
    Ok((loaded, Some(Live { updated_at })))
}

/// A published outcome of a public process, or 404.
pub async fn load_public(
    conn: &impl ConnectionTrait,
    process: &Process,
    id: ConsultationId,
) -> Result<Loaded, WebError> {
    let loaded = load(conn, id).await?.ok_or(WebError::NotFound)?;
    if loaded.consultation.process_id != process.id || loaded.state.published_at.is_none() {
        return Err(WebError::NotFound);
    }
    Ok(loaded)
}
