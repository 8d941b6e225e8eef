//! Public pages: agenda (with its calendar feed), a session's page, sign-up, its calendar file.

use crate::ctx::Ctx;
use crate::ctx::client_address;
use crate::error::WebError;
use crate::flows::public_form::{self, PublicForm, Refusal};
use crate::flows::sign_up::{self as flow, SignUpResult};
use crate::i18n::session as texts;
use crate::read::cache;
use crate::routes::{WebResult, html_with_status, see_other};
use crate::session::ics::{self, Site};
use crate::session::mailer::WebMailer;
use crate::views::components::FormErrors;
use crate::views::session::public::{self as view, AgendaPage, SessionPage, SignupForm};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use inspraak_domain::session::NewRegistration;
use inspraak_domain::{SessionId, ThemeId};
use inspraak_store::session::{self, Agenda, AgendaScope, Session};
use inspraak_store::{ConnectionTrait, StoreResult, process};
use maud::Markup;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(agenda)
        .service(agenda_feed)
        .service(session_page)
        .service(session_ics)
        .service(sign_up)
        .service(signed_up);
}

#[derive(serde::Deserialize)]
struct AgendaQuery {
    thema: Option<i64>,
}

/// The agenda's reads (all sessions, or a theme's), kept in memory (`read::cache`).
struct AgendaModel {
    agenda: Agenda,
    others: Vec<session::ProposedEvent>,
    theme_name: Option<inspraak_domain::Translated>,
}

async fn load_agenda(ctx: &Ctx, thema: Option<i64>) -> WebResult<AgendaModel> {
    let conn = ctx.state.db.read();
    let mut theme_name = None;
    let scope = match thema {
        Some(id) => {
            let theme = find_public_theme(conn, ThemeId(id))
                .await?
                .ok_or(WebError::NotFound)?;
            theme_name = Some(theme.name);
            AgendaScope::Theme(ThemeId(id))
        }
        None => AgendaScope::All,
    };
    let listed = session::agenda(conn, ctx.now, scope).await?;
    let others = match scope {
        AgendaScope::All => session::approved_proposals(conn, ctx.now).await?,
        _ => Vec::new(),
    };
    Ok(AgendaModel {
        agenda: listed,
        others,
        theme_name,
    })
}

#[get("/agenda")]
async fn agenda(ctx: Ctx, query: web::Query<AgendaQuery>) -> WebResult<Markup> {
    let key = match query.thema {
        Some(id) => format!("/agenda?thema={id}"),
        None => "/agenda".to_owned(),
    };
    let m = cache::page(&ctx, key, || load_agenda(&ctx, query.thema)).await?;
    Ok(view::agenda(
        &ctx,
        AgendaPage {
            upcoming: &m.agenda.upcoming,
            past: &m.agenda.past,
            others: &m.others,
            theme: m.theme_name.as_ref(),
        },
    ))
}

async fn find_public_theme(
    conn: &impl ConnectionTrait,
    id: ThemeId,
) -> StoreResult<Option<process::Theme>> {
    for process in process::list_all(conn)
        .await?
        .into_iter()
        .filter(|p| p.status.is_public())
    {
        if let Some(theme) = process::themes(conn, process.id)
            .await?
            .into_iter()
            .find(|t| t.id == id)
        {
            return Ok(Some(theme));
        }
    }
    Ok(None)
}

/// The sessions of a process (or theme) with links to their reports. The process page loads
/// the agenda once for this block and for "Doe mee".
pub fn process_block(ctx: &Ctx, listed: &Agenda) -> Markup {
    if listed.upcoming.is_empty() && listed.past.is_empty() {
        return maud::html! {};
    }
    maud::html! {
        section.sessions-block aria-labelledby="bijeenkomsten" {
            h2 #bijeenkomsten { (texts::texts(ctx.lang).sessions_heading) }
            (view::session_lists(ctx, &listed.upcoming, &listed.past))
        }
    }
}

fn site<'a>(ctx: &'a Ctx, mailer: &'a WebMailer) -> Site<'a> {
    Site {
        base_url: &mailer.base_url,
        organiser_email: &mailer.organiser_email,
        name: &mailer.site_name,
        organisation: &mailer.organisation,
        now: ctx.now,
    }
}

fn calendar_response(body: String, file_name: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{file_name}\""),
        ))
        .body(body)
}

#[get("/agenda.ics")]
async fn agenda_feed(ctx: Ctx) -> WebResult<HttpResponse> {
    let conn = ctx.state.db.read();
    let upcoming = session::upcoming(conn, ctx.now, AgendaScope::All).await?;
    let others = session::approved_proposals(conn, ctx.now).await?;
    let mailer = WebMailer::new(&ctx.state, ctx.now);
    let name = format!(
        "{} – {}",
        ctx.state.settings.house.site_name,
        texts::texts(ctx.lang).agenda_title
    );
    let body = ics::feed(&upcoming, &others, &site(&ctx, &mailer), &name);
    Ok(calendar_response(body, "agenda.ics"))
}

/// A session of a public process with its process and theme; 404 for anything else.
async fn load(
    ctx: &Ctx,
    id: SessionId,
) -> WebResult<(Session, process::Process, Option<process::Theme>)> {
    let conn = ctx.state.db.read();
    let session = session::find_public(conn, id)
        .await?
        .ok_or(WebError::NotFound)?;
    let process = process::find(conn, session.process_id)
        .await?
        .ok_or(WebError::NotFound)?;
    let theme = match session.theme_id {
        Some(theme) => process::themes(conn, process.id)
            .await?
            .into_iter()
            .find(|t| t.id == theme),
        None => None,
    };
    Ok((session, process, theme))
}

async fn session_documents(
    ctx: &Ctx,
    session: &inspraak_store::session::Session,
) -> WebResult<Vec<inspraak_store::publications::Document>> {
    let owner = inspraak_store::publications::Owner::Session(session.id);
    Ok(inspraak_store::publications::documents_of(ctx.state.db.read(), owner).await?)
}

#[get("/bijeenkomsten/{id}")]
async fn session_page(ctx: Ctx, id: web::Path<SessionId>) -> WebResult<Markup> {
    let (session, process, theme) = load(&ctx, *id).await?;
    let documents = session_documents(&ctx, &session).await?;
    let page = SessionPage {
        session: &session,
        process: &process,
        theme: theme.as_ref(),
        documents: &documents,
    };
    let form = stamped(&ctx, session.id, SignupForm::default(), false);
    Ok(view::session_page(
        &ctx,
        &page,
        &form,
        &FormErrors::default(),
    ))
}

#[get("/bijeenkomsten/{id}/agenda.ics")]
async fn session_ics(ctx: Ctx, id: web::Path<SessionId>) -> WebResult<HttpResponse> {
    let (session, _, _) = load(&ctx, *id).await?;
    let mailer = WebMailer::new(&ctx.state, ctx.now);
    let body = ics::download(&session, &site(&ctx, &mailer));
    Ok(calendar_response(
        body,
        &format!("bijeenkomst-{}.ics", session.id),
    ))
}

fn gate(ctx: &Ctx, session: SessionId) -> PublicForm<'_> {
    PublicForm::new(ctx, public_form::SIGN_UP, session)
}

/// The form's hidden gate fields: kept where still good, else fresh (`shown_again` after a
/// post, so the fill time already spent counts).
fn stamped(ctx: &Ctx, session: SessionId, mut form: SignupForm, shown_again: bool) -> SignupForm {
    form.gate.restamp(&gate(ctx, session), shown_again);
    form
}

/// A refusal of the gate, as the error summary's line on the first field.
fn refusal_errors(ctx: &Ctx, refusal: Refusal) -> FormErrors {
    match refusal {
        Refusal::SessionExpired => super::expired_form(ctx, "name"),
        other => {
            let mut errors = FormErrors::default();
            errors.push("name", other.notice(ctx.lang).to_owned());
            errors
        }
    }
}

fn parse_sign_up(ctx: &Ctx, form: &SignupForm) -> Result<NewRegistration, FormErrors> {
    let mut new = NewRegistration::parse(
        &form.name,
        &form.email,
        &form.organisation,
        &form.needs,
        form.wants_report.is_some(),
    )
    .map_err(|errors| FormErrors::from_fields(ctx.lang, &errors, |f| view::signup_label(ctx, f)))?;
    new.language = ctx.lang.into();
    Ok(new)
}

#[post("/bijeenkomsten/{id}/aanmelden")]
async fn sign_up(
    ctx: Ctx,
    req: HttpRequest,
    id: web::Path<SessionId>,
    form: web::Form<SignupForm>,
) -> WebResult<HttpResponse> {
    let (session, process, theme) = load(&ctx, *id).await?;
    let form = form.into_inner();
    let gate = gate(&ctx, session.id);
    let (status, errors) = match gate.check(form.gate.posted()) {
        Err(refusal) => (refusal.status(), refusal_errors(&ctx, refusal)),
        Ok(_) => match parse_sign_up(&ctx, &form) {
            Err(errors) => (StatusCode::UNPROCESSABLE_ENTITY, errors),
            Ok(new) => {
                let address = client_address(&req, ctx.state.settings.trust_proxy);
                match flow::sign_up(&ctx, &gate, &session, &new, &address).await? {
                    SignUpResult::CheckMail => {
                        let to = format!("/bijeenkomsten/{}/aangemeld", session.id);
                        return Ok(see_other(&to));
                    }
                    SignUpResult::Closed => {
                        (StatusCode::UNPROCESSABLE_ENTITY, FormErrors::default())
                    }
                    SignUpResult::Refused(r) => (r.status(), refusal_errors(&ctx, r)),
                }
            }
        },
    };
    let documents = session_documents(&ctx, &session).await?;
    let page = SessionPage {
        session: &session,
        process: &process,
        theme: theme.as_ref(),
        documents: &documents,
    };
    let form = stamped(&ctx, session.id, form, true);
    Ok(html_with_status(
        status,
        view::session_page(&ctx, &page, &form, &errors),
    ))
}

#[get("/bijeenkomsten/{id}/aangemeld")]
async fn signed_up(ctx: Ctx, id: web::Path<SessionId>) -> WebResult<Markup> {
    let (session, _, _) = load(&ctx, *id).await?;
    Ok(view::check_mail(&ctx, &session))
}
