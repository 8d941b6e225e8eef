//! Organiser pages: accounts, resetting another organiser's second factor, the audit trail.

use super::{WebResult, see_other};
use crate::audit;
use crate::auth::guard::Organiser;
use crate::error::WebError;
use crate::export::Format;
use crate::export::audit::{file_name, write_audit};
use crate::routes::outcomes::admin::streamed;
use crate::views::admin_accounts::{self as view, AuditPage};
use actix_web::{HttpResponse, get, post, web};
use inspraak_domain::{AuditAction, UserId};
use inspraak_store::audit::Filter;
use inspraak_store::{second_factor, users};
use maud::Markup;
use serde::Deserialize;

const PER_PAGE: u64 = 50;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(accounts)
        .service(reset_second_factor)
        .service(audit_log)
        .service(audit_export);
}

#[derive(Deserialize)]
struct NoticeQuery {
    gereset: Option<String>,
}

#[get("/beheer/accounts")]
async fn accounts(o: Organiser, query: web::Query<NoticeQuery>) -> WebResult<Markup> {
    let conn = o.ctx.state.db.read();
    let mut rows = Vec::new();
    for user in users::list_all(conn).await? {
        let two_step = second_factor::find(conn, user.id)
            .await?
            .is_some_and(|c| c.confirmed);
        rows.push((user, two_step));
    }
    Ok(view::accounts(&o.ctx, &rows, query.gereset.is_some()))
}

#[post("/beheer/accounts/{id}/tweestapsverificatie-resetten")]
async fn reset_second_factor(o: Organiser, id: web::Path<UserId>) -> WebResult<HttpResponse> {
    let target = *id;
    if target == o.user.id {
        return Err(WebError::Forbidden);
    }
    crate::flows::site_admin::reset_second_factor(&o.ctx, target).await?;
    Ok(see_other("/beheer/accounts?gereset=1"))
}

#[derive(Deserialize)]
struct AuditQuery {
    actie: Option<String>,
    pagina: Option<u64>,
}

/// An unknown action name is a 400, not an empty filter: the list of names is fixed.
fn filter_from(query: &AuditQuery) -> Result<Filter, WebError> {
    let action = match query.actie.as_deref() {
        None | Some("") => None,
        Some(name) => Some(AuditAction::parse(name).ok_or(WebError::BadRequest)?),
    };
    Ok(Filter {
        action,
        actor: None,
    })
}

#[get("/beheer/logboek")]
async fn audit_log(o: Organiser, query: web::Query<AuditQuery>) -> WebResult<Markup> {
    let filter = filter_from(&query)?;
    let page = query.pagina.unwrap_or(1).clamp(1, 1_000_000) - 1;
    let (entries, total) =
        inspraak_store::audit::page(o.ctx.state.db.read(), &filter, page, PER_PAGE).await?;
    let pages = total.div_ceil(PER_PAGE);
    Ok(view::audit(
        &o.ctx,
        AuditPage {
            entries: &entries,
            action: filter.action,
            page,
            pages,
        },
    ))
}

/// The audit log in every export format (`logboek.csv`, `logboek.excel.csv`, `logboek.ods`, …),
/// streamed; the download itself is logged first.
#[get("/beheer/logboek.{format}")]
async fn audit_export(
    o: Organiser,
    format: web::Path<String>,
    query: web::Query<AuditQuery>,
) -> WebResult<HttpResponse> {
    let format = Format::parse(&format).ok_or(WebError::NotFound)?;
    let filter = filter_from(&query)?;
    audit::record(
        o.ctx.state.db.write(),
        &o.ctx,
        None,
        AuditAction::DataExported,
        Some(format!("audit log ({})", format.name())),
    )
    .await?;
    let db = o.ctx.state.db.clone();
    let lang = o.ctx.lang;
    Ok(streamed(format, file_name(format), move |mut sink| {
        tokio::spawn(async move {
            if let Err(e) = write_audit(db.read(), lang, &filter, format, &mut sink, |_| {}).await {
                tracing::error!(error = %e, "audit log export failed");
                let _ = sink
                    .0
                    .send(Err(std::io::Error::other("export failed")))
                    .await;
            }
        })
    }))
}
