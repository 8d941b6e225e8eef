//! Organiser pages: accounts (inviting an organiser or action holder, withdrawing an
//! invitation, removing an account, resetting another's second factor) and the audit trail.

use super::{WebResult, html_with_status, see_other};
use crate::audit;
use crate::auth::guard::Organiser;
use crate::error::WebError;
use crate::export::Format;
use crate::export::audit::{file_name, write_audit};
use crate::flows::accounts::{self as flow, Invited};
use crate::i18n::{accounts as accounts_texts, common};
use crate::routes::outcomes::admin::streamed;
use crate::views::admin_accounts::{self as view, AccountsPage, AuditPage, InviteForm, Notice};
use crate::views::components::FormErrors;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use inspraak_domain::{AuditAction, Email, Role, UserId};
use inspraak_store::audit::Filter;
use inspraak_store::users::RemoveRefused;
use inspraak_store::{invitations, second_factor, users};
use maud::Markup;
use serde::Deserialize;

const PER_PAGE: u64 = 50;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(accounts_page)
        .service(reset_second_factor)
        .service(invite_submit)
        .service(withdraw)
        .service(remove)
        .service(audit_log)
        .service(audit_export);
}

#[derive(Deserialize)]
struct NoticeQuery {
    gereset: Option<String>,
    uitgenodigd: Option<String>,
    verwijderd: Option<String>,
    ingetrokken: Option<String>,
}

impl NoticeQuery {
    fn notice(&self) -> Option<Notice> {
        [
            (&self.gereset, Notice::SecondFactorReset),
            (&self.uitgenodigd, Notice::Invited),
            (&self.verwijderd, Notice::Removed),
            (&self.ingetrokken, Notice::Withdrawn),
        ]
        .into_iter()
        .find_map(|(flag, notice)| flag.is_some().then_some(notice))
    }
}

/// The accounts page with a notice, a refusal, or the invite form shown again.
async fn render(
    o: &Organiser,
    notice: Option<Notice>,
    refusal: Option<&'static str>,
    form: InviteForm<'_>,
    status: StatusCode,
) -> WebResult<HttpResponse> {
    let conn = o.ctx.state.db.read();
    let mut rows = Vec::new();
    for user in users::list_all(conn).await? {
        let two_step = second_factor::find(conn, user.id)
            .await?
            .is_some_and(|c| c.confirmed);
        rows.push((user, two_step));
    }
    let invitations = invitations::list_open(conn, o.ctx.now).await?;
    let page = AccountsPage {
        accounts: &rows,
        invitations: &invitations,
        notice,
        refusal,
        invite: form,
    };
    Ok(html_with_status(status, view::accounts(&o.ctx, &page)))
}

#[get("/beheer/accounts")]
async fn accounts_page(o: Organiser, query: web::Query<NoticeQuery>) -> WebResult<HttpResponse> {
    let notice = query.notice();
    render(&o, notice, None, InviteForm::default(), StatusCode::OK).await
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
struct InviteFields {
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
}

#[post("/beheer/accounts/uitnodigen")]
async fn invite_submit(o: Organiser, form: web::Form<InviteFields>) -> WebResult<HttpResponse> {
    let a = accounts_texts::texts(o.ctx.lang);
    let mut errors = FormErrors::default();
    let email = Email::parse(&form.email);
    if let Err(problem) = &email {
        let message = common::problem_message(o.ctx.lang, (*problem).into(), a.invite_email);
        errors.push("email", message);
    }
    let role = Role::parse(&form.role).filter(|r| flow::INVITABLE.contains(r));
    if role.is_none() {
        errors.push("role", a.role_invalid.to_owned());
    }
    let (Ok(email), Some(role)) = (email, role) else {
        let again = InviteForm {
            email: &form.email,
            role: &form.role,
            errors,
        };
        return render(&o, None, None, again, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    match flow::invite(&o.ctx, &o.user, &email, role).await? {
        Invited::Sent => Ok(see_other("/beheer/accounts?uitgenodigd=1")),
        Invited::AddressTaken => {
            errors.push("email", a.address_taken.to_owned());
            let again = InviteForm {
                email: &form.email,
                role: &form.role,
                errors,
            };
            render(&o, None, None, again, StatusCode::CONFLICT).await
        }
    }
}

#[post("/beheer/accounts/uitnodigingen/{id}/intrekken")]
async fn withdraw(o: Organiser, id: web::Path<i64>) -> WebResult<HttpResponse> {
    flow::withdraw(&o.ctx, *id).await?;
    Ok(see_other("/beheer/accounts?ingetrokken=1"))
}

#[post("/beheer/accounts/{id}/verwijderen")]
async fn remove(o: Organiser, id: web::Path<UserId>) -> WebResult<HttpResponse> {
    match flow::remove(&o.ctx, &o.user, *id).await? {
        Ok(()) => Ok(see_other("/beheer/accounts?verwijderd=1")),
        Err(RemoveRefused::NotFound) => Err(WebError::NotFound),
        Err(RemoveRefused::Themselves) => Err(WebError::Forbidden),
        Err(RemoveRefused::LastOrganiser) => {
            let refusal = accounts_texts::texts(o.ctx.lang).remove_last_organiser;
            let form = InviteForm::default();
            render(&o, None, Some(refusal), form, StatusCode::CONFLICT).await
        }
    }
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
