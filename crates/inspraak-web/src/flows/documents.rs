//! Storing an uploaded document: its row, the audit row and (for a document of the process
//! itself) the followers' mail in one transaction; the file is moved into place before the
//! commit and removed again when the commit fails, so no row points at a missing file.

use crate::audit;
use crate::ctx::Ctx;
use crate::error::{WebError, WebResult};
use crate::followers::{self, Publication};
use inspraak_domain::{AuditAction, DocumentId};
use inspraak_store::process::Process;
use inspraak_store::publications::{self, NewDocument, Owner};
use std::path::Path;

/// Stores `new`, whose file waits at `temp_path` (a checked upload).
pub async fn store(
    ctx: &Ctx,
    process: &Process,
    new: &NewDocument<'_>,
    temp_path: &Path,
) -> WebResult<DocumentId> {
    let txn = ctx.state.db.begin().await?;
    let id = publications::insert_document(&txn, new, ctx.now).await?;
    let detail = format!("process {}: document {id} uploaded", process.id);
    audit::record(&txn, ctx, None, AuditAction::ProcessUpdated, Some(detail)).await?;
    if matches!(new.owner, Owner::Process(_)) {
        let publication = Publication {
            key: format!("document:{id}"),
            title: new.title,
            link: format!("{}/documenten/{id}", ctx.state.settings.base_url),
        };
        followers::notify(&txn, ctx, process, &publication).await?;
    }
    let final_path = ctx.state.settings.documents_dir.join(new.storage_name);
    tokio::fs::rename(temp_path, &final_path)
        .await
        .map_err(|e| WebError::Internal(e.to_string()))?;
    if let Err(error) = txn.commit().await {
        let _ = tokio::fs::remove_file(&final_path).await;
        return Err(WebError::Internal(error.to_string()));
    }
    Ok(id)
}
