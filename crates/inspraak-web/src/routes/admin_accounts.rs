//! Organiser pages: accounts, resetting another organiser's second factor, the audit trail.

use super::{WebResult, see_other};
use crate::audit;
use crate::auth::guard::Organiser;
use crate::error::WebError;
use crate::sessions::export::neutralise;
use crate::views::admin_accounts::{self as view, AuditPage};
use actix_web::{HttpResponse, get, post, web};
use inspraak_domain::{AuditAction, UserId};
use inspraak_store::audit::{Filter, for_each_batch};
use inspraak_store::{second_factor, users};
use maud::Markup;
use serde::Deserialize;

const PER_PAGE: u64 = 50;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(accounts)
        .service(reset_second_factor)
        .service(audit_log)
        .service(audit_csv);
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

#[get("/beheer/logboek.csv")]
async fn audit_csv(o: Organiser, query: web::Query<AuditQuery>) -> WebResult<HttpResponse> {
    let filter = filter_from(&query)?;
    audit::record(
        o.ctx.state.db.write(),
        &o.ctx,
        None,
        AuditAction::DataExported,
        Some("audit log".into()),
    )
    .await?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut failed = None;
    let header = ["when_utc", "actor", "action", "subject", "network"];
    if let Err(e) = writer.write_record(header) {
        failed = Some(e);
    }
    for_each_batch(o.ctx.state.db.read(), &filter, |entries| {
        for e in entries {
            let row = [
                e.at.to_rfc3339(),
                e.actor_label.unwrap_or_default(),
                e.action.map(|a| a.as_str().to_owned()).unwrap_or_default(),
                e.subject.unwrap_or_default(),
                e.address_range.unwrap_or_default(),
            ];
            if let Err(err) = writer.write_record(row.iter().map(|cell| neutralise(cell))) {
                failed = Some(err);
            }
        }
    })
    .await?;
    if let Some(error) = failed {
        return Err(WebError::Internal(error.to_string()));
    }
    let body = writer
        .into_inner()
        .map_err(|e| WebError::Internal(e.to_string()))?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            "attachment; filename=\"inspraak-logboek.csv\"",
        ))
        .insert_header(("Cache-Control", "no-store"))
        .body(body))
}
