//! Organiser pages: the overview, creating, editing and deleting sessions.

use crate::auth::guard::Organiser;
use crate::error::WebError;
use crate::flows::session_admin::{self as flows, SessionChange};
use crate::i18n::session_admin as texts;
use crate::routes::{WebResult, html_with_status, see_other};
use crate::views::components::FormErrors;
use crate::views::session::admin::{self as view, FormPage, SessionFormData};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use inspraak_domain::session::{NewSession, ProposalStatus};
use inspraak_domain::{ProcessId, SessionId};
use inspraak_store::StoreError;
use inspraak_store::process::{self, Process};
use inspraak_store::session::{self, Session};
use maud::Markup;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(overview)
        .service(new_page)
        .service(create)
        .service(edit_page)
        .service(update)
        .service(call_off)
        .service(delete);
}

#[get("/beheer/bijeenkomsten")]
async fn overview(o: Organiser) -> WebResult<Markup> {
    let conn = o.ctx.state.db.read();
    let mut groups = Vec::new();
    for process in process::list_all(conn).await? {
        let list = session::list_for_process(conn, process.id).await?;
        groups.push((process, list));
    }
    let pending = session::list_proposals(conn, ProposalStatus::Pending)
        .await?
        .len();
    Ok(view::overview(&o.ctx, &groups, pending))
}

async fn process(o: &Organiser, id: ProcessId) -> WebResult<Process> {
    crate::read::lookup::process(o.ctx.state.db.read(), id).await
}

/// A session with its process; organisers may open any process's sessions.
pub(super) async fn session(o: &Organiser, id: SessionId) -> WebResult<(Session, Process)> {
    crate::read::lookup::session(o.ctx.state.db.read(), id).await
}

async fn render(
    o: &Organiser,
    process: &Process,
    session: Option<&Session>,
    form: &SessionFormData,
    errors: &FormErrors,
    notice: Option<&str>,
) -> WebResult<HttpResponse> {
    let themes = process::themes(o.ctx.state.db.read(), process.id).await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = FormPage {
        process,
        themes: &themes,
        session,
        form,
        errors,
        notice,
    };
    Ok(html_with_status(status, view::session_form(&o.ctx, page)))
}

/// Turns a parse failure or a refused save into the form's errors.
fn errors_of(
    o: &Organiser,
    result: Result<NewSession, inspraak_domain::FieldErrors>,
) -> Result<NewSession, FormErrors> {
    result
        .map_err(|errors| FormErrors::from_fields(o.ctx.lang, &errors, |f| view::label(&o.ctx, f)))
}

fn refused(o: &Organiser, error: StoreError) -> Result<FormErrors, WebError> {
    let t = texts::texts(o.ctx.lang);
    let mut errors = FormErrors::default();
    match error {
        StoreError::Conflict("theme_id") => {
            errors.push("theme_id", t.theme_not_in_process.to_owned())
        }
        StoreError::Conflict("capacity") => {
            errors.push("capacity", t.capacity_below_taken.to_owned())
        }
        other => return Err(other.into()),
    }
    Ok(errors)
}

#[get("/beheer/processen/{id}/bijeenkomsten/nieuw")]
async fn new_page(o: Organiser, id: web::Path<ProcessId>) -> WebResult<HttpResponse> {
    let process = process(&o, *id).await?;
    render(
        &o,
        &process,
        None,
        &SessionFormData::new_default(),
        &FormErrors::default(),
        None,
    )
    .await
}

#[post("/beheer/processen/{id}/bijeenkomsten/nieuw")]
async fn create(
    o: Organiser,
    id: web::Path<ProcessId>,
    form: web::Form<SessionFormData>,
) -> WebResult<HttpResponse> {
    let process = process(&o, *id).await?;
    let errors = match errors_of(&o, NewSession::parse(&form.raw())) {
        Ok(new) => {
            match session::insert(o.ctx.state.db.write(), process.id, &new, o.ctx.now).await {
                Ok(session) => {
                    tracing::info!(session = %session, user = %o.user.id, "session created");
                    return Ok(see_other(&format!(
                        "/beheer/bijeenkomsten/{session}?opgeslagen=1"
                    )));
                }
                Err(error) => refused(&o, error)?,
            }
        }
        Err(errors) => errors,
    };
    render(&o, &process, None, &form, &errors, None).await
}

#[derive(serde::Deserialize)]
pub(super) struct Notice {
    pub opgeslagen: Option<String>,
    pub fout: Option<String>,
    /// How many participants were mailed the change.
    pub bericht: Option<usize>,
    /// Called off just now; how many were mailed.
    pub afgelast: Option<usize>,
}

#[get("/beheer/bijeenkomsten/{id}")]
async fn edit_page(
    o: Organiser,
    id: web::Path<SessionId>,
    query: web::Query<Notice>,
) -> WebResult<HttpResponse> {
    let (session, process) = session(&o, *id).await?;
    let t = texts::texts(o.ctx.lang);
    let notice = match (&query.fout, &query.opgeslagen, query.bericht) {
        _ if session.is_cancelled() && query.afgelast.is_some() => Some(crate::i18n::fill(
            t.called_off_done,
            &[("count", &query.afgelast.unwrap_or(0).to_string())],
        )),
        (Some(_), _, _) => Some(t.delete_refused.to_owned()),
        (None, Some(_), Some(count)) if count > 0 => Some(crate::i18n::fill(
            t.saved_and_mailed,
            &[("count", &count.to_string())],
        )),
        (None, Some(_), _) => Some(t.saved.to_owned()),
        (None, None, _) => None,
    };
    let form = SessionFormData::from_session(&session);
    render(
        &o,
        &process,
        Some(&session),
        &form,
        &FormErrors::default(),
        notice.as_deref(),
    )
    .await
}

#[post("/beheer/bijeenkomsten/{id}")]
async fn update(
    o: Organiser,
    id: web::Path<SessionId>,
    form: web::Form<SessionFormData>,
) -> WebResult<HttpResponse> {
    let (session, process) = session(&o, *id).await?;
    let errors = match errors_of(&o, NewSession::parse(&form.raw())) {
        Ok(new) => {
            let t = texts::texts(o.ctx.lang);
            let mut errors = FormErrors::default();
            match flows::update(&o.ctx, process.id, session.id, &new).await? {
                SessionChange::Saved { told } => {
                    tracing::info!(session = %session.id, user = %o.user.id, told, "session updated");
                    return Ok(see_other(&format!(
                        "/beheer/bijeenkomsten/{}?opgeslagen=1&bericht={told}",
                        session.id
                    )));
                }
                SessionChange::ThemeNotInProcess => {
                    errors.push("theme_id", t.theme_not_in_process.to_owned())
                }
                SessionChange::CapacityBelowTaken => {
                    errors.push("capacity", t.capacity_below_taken.to_owned())
                }
            }
            errors
        }
        Err(errors) => errors,
    };
    render(&o, &process, Some(&session), &form, &errors, None).await
}

/// Calls the session off (a resent form or a session that is over changes nothing).
#[post("/beheer/bijeenkomsten/{id}/afgelasten")]
async fn call_off(o: Organiser, id: web::Path<SessionId>) -> WebResult<HttpResponse> {
    let (session, _) = session(&o, *id).await?;
    let told = match flows::call_off(&o.ctx, session.id).await? {
        session::CallOffOutcome::CalledOff { told } => told,
        session::CallOffOutcome::AlreadyCalledOff | session::CallOffOutcome::Over => 0,
    };
    tracing::info!(session = %session.id, user = %o.user.id, told, "session called off");
    Ok(see_other(&format!(
        "/beheer/bijeenkomsten/{}?afgelast={told}",
        session.id
    )))
}

#[post("/beheer/bijeenkomsten/{id}/verwijderen")]
async fn delete(o: Organiser, id: web::Path<SessionId>) -> WebResult<HttpResponse> {
    let (session, process) = session(&o, *id).await?;
    match session::delete(o.ctx.state.db.write(), process.id, session.id).await {
        Ok(()) => {
            tracing::info!(session = %session.id, user = %o.user.id, "session deleted");
            Ok(see_other("/beheer/bijeenkomsten"))
        }
        Err(StoreError::Conflict("registrations")) => Ok(see_other(&format!(
            "/beheer/bijeenkomsten/{}?fout=1",
            session.id
        ))),
        Err(other) => Err(other.into()),
    }
}
