//! Public pages: agenda (with its calendar feed), a session's page, sign-up, its calendar file.

use crate::ctx::Ctx;
use crate::error::WebError;
use crate::i18n::{common, sessions as texts};
use crate::routes::auth::client_address;
use crate::routes::{WebResult, html_with_status, see_other};
use crate::sessions::ics::{self, Site};
use crate::sessions::mailer::WebMailer;
use crate::views::components::FormErrors;
use crate::views::sessions::public::{self as view, AgendaPage, SessionPage, SignupForm};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::Duration;
use inspraak_domain::session::NewRegistration;
use inspraak_domain::{SessionId, ThemeId};
use inspraak_store::sessions::{self, Agenda, AgendaScope, Session};
use inspraak_store::{ConnectionTrait, StoreError, StoreResult, processes, throttle};
use maud::Markup;

/// Sign-ups per client address per hour; enough for a family or an office behind one address.
const SIGNUPS_PER_ADDRESS_PER_HOUR: u64 = 30;

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

#[get("/agenda")]
async fn agenda(ctx: Ctx, query: web::Query<AgendaQuery>) -> WebResult<Markup> {
    let conn = ctx.state.db.read();
    let mut theme_name = None;
    let scope = match query.thema {
        Some(id) => {
            let theme = find_public_theme(conn, ThemeId(id))
                .await?
                .ok_or(WebError::NotFound)?;
            theme_name = Some(theme.name);
            AgendaScope::Theme(ThemeId(id))
        }
        None => AgendaScope::All,
    };
    let Agenda { upcoming, past } = sessions::agenda(conn, ctx.now, scope).await?;
    let others = match scope {
        AgendaScope::All => sessions::approved_proposals(conn, ctx.now).await?,
        _ => Vec::new(),
    };
    Ok(view::agenda(
        &ctx,
        AgendaPage {
            upcoming: &upcoming,
            past: &past,
            others: &others,
            theme: theme_name.as_deref(),
        },
    ))
}

async fn find_public_theme(
    conn: &impl ConnectionTrait,
    id: ThemeId,
) -> StoreResult<Option<processes::Theme>> {
    for process in processes::list_all(conn)
        .await?
        .into_iter()
        .filter(|p| p.status.is_public())
    {
        if let Some(theme) = processes::themes(conn, process.id)
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
        name: common::texts(ctx.lang).site_name,
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
    let upcoming = sessions::upcoming(conn, ctx.now, AgendaScope::All).await?;
    let others = sessions::approved_proposals(conn, ctx.now).await?;
    let mailer = WebMailer::new(&ctx.state, ctx.now);
    let name = format!(
        "{} – {}",
        common::texts(ctx.lang).site_name,
        texts::texts(ctx.lang).agenda_title
    );
    let body = ics::feed(&upcoming, &others, &site(&ctx, &mailer), &name);
    Ok(calendar_response(body, "agenda.ics"))
}

/// A session of a public process with its process and theme; 404 for anything else.
async fn load(
    ctx: &Ctx,
    id: i64,
) -> WebResult<(Session, processes::Process, Option<processes::Theme>)> {
    let conn = ctx.state.db.read();
    let session = sessions::find_public(conn, SessionId(id))
        .await?
        .ok_or(WebError::NotFound)?;
    let process = processes::find(conn, session.process_id)
        .await?
        .ok_or(WebError::NotFound)?;
    let theme = match session.theme_id {
        Some(theme) => processes::themes(conn, process.id)
            .await?
            .into_iter()
            .find(|t| t.id == theme),
        None => None,
    };
    Ok((session, process, theme))
}

async fn session_documents(
    ctx: &Ctx,
    session: &inspraak_store::sessions::Session,
) -> WebResult<Vec<inspraak_store::publications::Document>> {
    let owner = inspraak_store::publications::Owner::Session(session.id);
    Ok(inspraak_store::publications::documents_of(ctx.state.db.read(), owner).await?)
}

#[get("/bijeenkomsten/{id}")]
async fn session_page(ctx: Ctx, id: web::Path<i64>) -> WebResult<Markup> {
    let (session, process, theme) = load(&ctx, *id).await?;
    let documents = session_documents(&ctx, &session).await?;
    let page = SessionPage {
        session: &session,
        process: &process,
        theme: theme.as_ref(),
        documents: &documents,
    };
    Ok(view::session_page(
        &ctx,
        &page,
        &SignupForm::default(),
        &FormErrors::default(),
    ))
}

#[get("/bijeenkomsten/{id}/agenda.ics")]
async fn session_ics(ctx: Ctx, id: web::Path<i64>) -> WebResult<HttpResponse> {
    let (session, _, _) = load(&ctx, *id).await?;
    let mailer = WebMailer::new(&ctx.state, ctx.now);
    let body = ics::download(&session, &site(&ctx, &mailer));
    Ok(calendar_response(
        body,
        &format!("bijeenkomst-{}.ics", session.id),
    ))
}

#[post("/bijeenkomsten/{id}/aanmelden")]
async fn sign_up(
    ctx: Ctx,
    req: HttpRequest,
    id: web::Path<i64>,
    form: web::Form<SignupForm>,
) -> WebResult<HttpResponse> {
    let (session, process, theme) = load(&ctx, *id).await?;
    let form = form.into_inner();
    let errors = if ctx.csrf_ok == Some(false) {
        super::expired_form(&ctx, "name")
    } else {
        match NewRegistration::parse(
            &form.name,
            &form.email,
            &form.organisation,
            &form.needs,
            form.wants_report.is_some(),
        ) {
            Ok(mut new) => {
                new.language = ctx.lang.into();
                let key = format!(
                    "signup:{}",
                    ctx.state.keys.hash(
                        "throttle-signup",
                        &client_address(&req, ctx.state.settings.trust_proxy)
                    )
                );
                let db = ctx.state.db.write();
                // One atomic statement reserves the sign-up's slot and counts (holds when
                // parallel posts race); a sign-up that turns out closed gives it back.
                let slot = throttle::take(db, &key, Duration::hours(1), ctx.now).await?;
                if !slot.within(SIGNUPS_PER_ADDRESS_PER_HOUR) {
                    return Err(WebError::TooManyRequests(None));
                }
                let mailer = WebMailer::new(&ctx.state, ctx.now);
                let txn = super::begin(&ctx.state).await?;
                let result = match sessions::sign_up(&txn, &mailer, &session, &new, ctx.now).await {
                    Ok(outcome) => {
                        super::commit(txn).await?;
                        Ok(outcome)
                    }
                    Err(error) => {
                        // Roll back first: on SQLite the transaction holds the one writer.
                        drop(txn);
                        throttle::give_back(db, &slot).await?;
                        Err(error)
                    }
                };
                match result {
                    Ok(outcome) => {
                        // Same page whatever happened: the form never tells whether an address had signed up.
                        tracing::info!(session = %session.id, new = matches!(outcome, sessions::SignUpOutcome::Created(_)), "sign-up");
                        return Ok(see_other(&format!(
                            "/bijeenkomsten/{}/aangemeld",
                            session.id
                        )));
                    }
                    // Closed while the form was open: the page now says so.
                    Err(StoreError::Conflict("signup_closed")) => FormErrors::default(),
                    Err(other) => return Err(other.into()),
                }
            }
            Err(errors) => {
                FormErrors::from_fields(ctx.lang, &errors, |f| view::signup_label(&ctx, f))
            }
        }
    };
    let documents = session_documents(&ctx, &session).await?;
    let page = SessionPage {
        session: &session,
        process: &process,
        theme: theme.as_ref(),
        documents: &documents,
    };
    Ok(html_with_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        view::session_page(&ctx, &page, &form, &errors),
    ))
}

#[get("/bijeenkomsten/{id}/aangemeld")]
async fn signed_up(ctx: Ctx, id: web::Path<i64>) -> WebResult<Markup> {
    let (session, _, _) = load(&ctx, *id).await?;
    Ok(view::check_mail(&ctx, &session))
}
