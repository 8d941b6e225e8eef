//! Public document pages and downloads, and the publications block of a process page.

use crate::ctx::Ctx;
use crate::error::WebError;
use crate::routes::WebResult;
use crate::upload;
use crate::views::publications::public as view;
use actix_web::http::header;
use actix_web::{HttpResponse, get, web};
use inspraak_domain::{DocumentId, ProcessId, SessionId};
use inspraak_store::process::{self, Process};
use inspraak_store::publications::{self, Document};
use maud::Markup;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(document_page).service(download);
}

/// A document of a public process, with its process.
async fn public_document(ctx: &Ctx, id: DocumentId) -> WebResult<(Document, Process)> {
    let conn = ctx.state.db.read();
    let document = publications::find_document(conn, id)
        .await?
        .ok_or(WebError::NotFound)?;
    let process = process::find(conn, document.process_id)
        .await?
        .filter(|p| p.status.is_public() || ctx.is_organiser())
        .ok_or(WebError::NotFound)?;
    Ok((document, process))
}

#[get("/documenten/{id}")]
async fn document_page(ctx: Ctx, id: web::Path<DocumentId>) -> WebResult<Markup> {
    let (document, process) = public_document(&ctx, *id).await?;
    Ok(view::document_page(&ctx, &process, &document))
}

/// The file, always as a download: a name the server chose, the type found by sniffing, and
/// `nosniff` (set on every response) so no browser second-guesses it.
#[get("/documenten/{id}/download")]
async fn download(ctx: Ctx, id: web::Path<DocumentId>) -> WebResult<HttpResponse> {
    let (document, _) = public_document(&ctx, *id).await?;
    let kind = upload::kind(&document.file_kind).ok_or(WebError::NotFound)?;
    let path = ctx
        .state
        .settings
        .documents_dir
        .join(&document.storage_name);
    // Streamed from disk in chunks: memory per download stays small however large the file
    // and however slowly the client reads (the in-flight place is held meanwhile; overload.rs).
    let missing = |e: std::io::Error| {
        tracing::error!(document = %document.id, error = %e, "document file missing");
        WebError::NotFound
    };
    let file = tokio::fs::File::open(&path).await.map_err(missing)?;
    let length = file.metadata().await.map_err(missing)?.len();
    let stream = tokio_util::io::ReaderStream::with_capacity(file, 64 * 1024);
    let extension = match kind.code {
        "jpeg" => "jpg",
        other => other,
    };
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, kind.mime))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"document-{}.{extension}\"",
                document.id
            ),
        ))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CACHE_CONTROL, "private, no-cache"))
        .no_chunking(length)
        .streaming(stream))
}

/// What a process page shows of its publications: the latest progress reports (newest first),
/// its documents, and the ways to follow along.
pub async fn process_block(ctx: &Ctx, process: &Process) -> WebResult<Markup> {
    let conn = ctx.state.db.read();
    let reports = publications::reports_for_process(conn, process.id).await?;
    let documents = publications::documents_for_process(conn, process.id).await?;
    Ok(view::process_block(ctx, process, &reports, &documents))
}

/// For other families: the documents attached to a session, as a list (empty markup if none).
pub async fn session_documents(
    ctx: &Ctx,
    session: SessionId,
    process: ProcessId,
) -> WebResult<Markup> {
    let owner = publications::Owner::Session(session);
    let documents = publications::documents_of(ctx.state.db.read(), owner)
        .await?
        .into_iter()
        .filter(|d| d.process_id == process)
        .collect::<Vec<_>>();
    Ok(view::document_list(ctx, &documents))
}
