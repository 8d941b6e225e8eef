//! The organiser's "ideas with status" download: one row per idea of a process as CSV, ODS,
//! XLSX or JSON, streamed from keyset pages (see `export::ideas`). Each download leaves an audit
//! row. No contact addresses are part of it.

use crate::audit;
use crate::auth::guard::Organiser;
use crate::error::WebError;
use crate::export::Format;
use crate::export::ideas::{file_name, write_ideas};
use crate::routes::WebResult;
use crate::routes::outcomes::admin::streamed;
use actix_web::{HttpResponse, get, web};
use inspraak_domain::{AuditAction, ProcessId};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(export_ideas);
}

#[get("/beheer/processen/{id}/export/ideeen.{format}")]
async fn export_ideas(
    o: Organiser,
    path: web::Path<(ProcessId, String)>,
) -> WebResult<HttpResponse> {
    let format = Format::parse(&path.1).ok_or(WebError::NotFound)?;
    let process = crate::read::lookup::process(o.ctx.state.db.read(), path.0).await?;
    audit::record(
        o.ctx.state.db.write(),
        &o.ctx,
        None,
        AuditAction::IdeasExported,
        Some(format!(
            "ideas of process {} ({})",
            process.id,
            format.extension()
        )),
    )
    .await?;
    let name = file_name(&process, format, o.ctx.now);
    let db = o.ctx.state.db.clone();
    let lang = o.ctx.lang;
    Ok(streamed(format, name, move |mut sink| {
        tokio::spawn(async move {
            if let Err(e) = write_ideas(db.read(), lang, &process, format, &mut sink, |_| {}).await
            {
                tracing::error!(error = %e, "ideas export failed");
                let _ = sink
                    .0
                    .send(Err(std::io::Error::other("export failed")))
                    .await;
            }
        })
    }))
}
