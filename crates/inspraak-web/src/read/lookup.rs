//! The one lookup of a record and the process it belongs to. Organisers may open every process
//! (roles are site-wide), so the only answer besides the record is a 404; visitors (public pages,
//! the API) see only public processes ([`public_process`]).

use crate::error::{WebError, WebResult};
use inspraak_domain::{ConsultationId, ProcessId, SessionId};
use inspraak_store::ConnectionTrait;
use inspraak_store::consultation::{self, Consultation};
use inspraak_store::process::{self, Process};
use inspraak_store::session::{self, Session};

/// The public process at `slug` (drafts count as missing), or 404: what every public page and
/// API call about a process starts with.
pub async fn public_process(conn: &impl ConnectionTrait, slug: &str) -> WebResult<Process> {
    process::find_public_by_slug(conn, slug)
        .await?
        .ok_or(WebError::NotFound)
}

pub async fn process(conn: &impl ConnectionTrait, id: ProcessId) -> WebResult<Process> {
    process::find(conn, id).await?.ok_or(WebError::NotFound)
}

/// A consultation with its process.
pub async fn consultation(
    conn: &impl ConnectionTrait,
    id: ConsultationId,
) -> WebResult<(Consultation, Process)> {
    let consultation = consultation::find(conn, id)
        .await?
        .ok_or(WebError::NotFound)?;
    let process = process(conn, consultation.process_id).await?;
    Ok((consultation, process))
}

/// A session (or event) with its process.
pub async fn session(conn: &impl ConnectionTrait, id: SessionId) -> WebResult<(Session, Process)> {
    let session = session::find(conn, id).await?.ok_or(WebError::NotFound)?;
    let process = process(conn, session.process_id).await?;
    Ok((session, process))
}
