//! Organiser pages: the dashboard, and creating and editing processes, phases and themes; a
//! process's organiser home (`/beheer/processen/{id}`: what needs attention, publication,
//! details, phases and themes) and the two parts of its sub-navigation that have no page
//! family of their own (its sessions, its privacy and retention).

use super::{WebResult, html_with_status, see_other};
use crate::audit;
use crate::auth::guard::Organiser;
use crate::error::WebError;
use crate::i18n::admin as texts;
use crate::read::lookup;
use crate::views::admin::{self as view, EditPage, Failed, PhaseForm, ProcessForm, ThemeForm};
use crate::views::components::FormErrors;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use inspraak_domain::{
    AuditAction, FieldErrors, NewPhase, NewProcess, NewTheme, PhaseId, Problem, ProcessId,
    ProcessStatus, SlugError, ThemeId,
};
use inspraak_store::{
    StoreError, consultation, dashboard as attention, process, retention, translations,
};
use maud::Markup;
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(dashboard)
        .service(process_sessions)
        .service(process_privacy)
        .service(new_process_page)
        .service(create_process)
        .service(edit_page)
        .service(update_process)
        .service(set_status)
        .service(add_phase)
        .service(update_phase)
        .service(delete_phase)
        .service(add_theme)
        .service(update_theme)
        .service(delete_theme);
}

/// A slug already in use is a field error like any other, reported on the slug field.
fn slug_taken(result: Result<(), StoreError>) -> Result<Option<FieldErrors>, WebError> {
    match result {
        Ok(()) => Ok(None),
        Err(StoreError::Conflict("slug")) => {
            Ok(Some(FieldErrors(vec![inspraak_domain::FieldError {
                field: "slug",
                problem: Problem::Slug(SlugError::Invalid),
            }])))
        }
        Err(other) => Err(other.into()),
    }
}

/// The message for a taken slug replaces the generic slug message.
fn errors_for(
    lang: crate::i18n::Lang,
    errors: &FieldErrors,
    prefix: &str,
    taken: bool,
    label: impl Fn(&str) -> String,
) -> FormErrors {
    let mut form_errors = FormErrors::from_fields_with_prefix(lang, errors, prefix, &label);
    if taken {
        let message = crate::i18n::fill(
            crate::i18n::common::texts(lang).slug_taken,
            &[("field", &label("slug"))],
        );
        for (field, text) in form_errors.0.iter_mut() {
            if field.ends_with("slug") {
                *text = message.clone();
            }
        }
    }
    form_errors
}

fn parse_process(form: &ProcessForm) -> Result<NewProcess, FieldErrors> {
    NewProcess::parse_translated(
        &form.title,
        &form.title_translation,
        &form.slug,
        &form.summary,
        &form.summary_translation,
    )
}

fn parse_phase(form: &PhaseForm) -> Result<NewPhase, FieldErrors> {
    NewPhase::parse_translated(
        [&form.name, &form.name_translation],
        [&form.description, &form.description_translation],
        &form.starts_on,
        &form.ends_on,
    )
}

fn parse_theme(form: &ThemeForm) -> Result<NewTheme, FieldErrors> {
    NewTheme::parse_translated(
        [&form.name, &form.name_translation],
        &form.slug,
        [&form.description, &form.description_translation],
    )
}

/// "New responses" on the dashboard are those of the last week (the label says so).
const NEW_RESPONSE_DAYS: i64 = 7;

async fn attention_now(ctx: &crate::ctx::Ctx) -> WebResult<attention::Dashboard> {
    let since = ctx.now - chrono::Duration::days(NEW_RESPONSE_DAYS);
    Ok(attention::load(ctx.state.db.read(), ctx.now, since).await?)
}

#[get("/beheer")]
async fn dashboard(o: Organiser) -> WebResult<Markup> {
    let processes = process::list_all(o.ctx.state.db.read()).await?;
    let counts = attention_now(&o.ctx).await?;
    Ok(crate::views::workspace::dashboard(
        &o.ctx, &processes, &counts,
    ))
}

#[get("/beheer/processen/{id}/bijeenkomsten")]
async fn process_sessions(o: Organiser, id: web::Path<ProcessId>) -> WebResult<Markup> {
    let process = lookup::process(o.ctx.state.db.read(), *id).await?;
    let list = inspraak_store::session::list_for_process(o.ctx.state.db.read(), process.id).await?;
    Ok(crate::views::workspace::process_sessions(
        &o.ctx, &process, &list,
    ))
}

#[get("/beheer/processen/{id}/privacy")]
async fn process_privacy(o: Organiser, id: web::Path<ProcessId>) -> WebResult<Markup> {
    let process = lookup::process(o.ctx.state.db.read(), *id).await?;
    let conn = o.ctx.state.db.read();
    let days = retention::days_for(conn, process.id).await?.days();
    let list = consultation::admin::list_for_process(conn, process.id).await?;
    Ok(crate::views::workspace::process_privacy(
        &o.ctx, &process, days, &list,
    ))
}

#[get("/beheer/processen/nieuw")]
async fn new_process_page(o: Organiser) -> Markup {
    view::new_process(&o.ctx, &ProcessForm::default(), &FormErrors::default())
}

#[post("/beheer/processen/nieuw")]
async fn create_process(o: Organiser, form: web::Form<ProcessForm>) -> WebResult<HttpResponse> {
    let ctx = &o.ctx;
    let label = |f: &str| view::process_label(ctx, f);
    let (errors, taken) = match parse_process(&form) {
        Ok(new) => match process::insert(ctx.state.db.write(), &new, ctx.now).await {
            Ok(id) => {
                audit::record(
                    ctx.state.db.write(),
                    ctx,
                    None,
                    AuditAction::ProcessCreated,
                    Some(format!("process {id}")),
                )
                .await?;
                return Ok(see_other(&format!("/beheer/processen/{id}")));
            }
            Err(e) => (slug_taken(Err(e))?.unwrap_or_default(), true),
        },
        Err(errors) => (errors, false),
    };
    let errors = errors_for(ctx.lang, &errors, "", taken, label);
    Ok(html_with_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        view::new_process(ctx, &form, &errors),
    ))
}

async fn render_edit(
    o: &Organiser,
    id: ProcessId,
    failed: Failed,
    errors: FormErrors,
    notice: bool,
) -> WebResult<HttpResponse> {
    let conn = o.ctx.state.db.read();
    let process = lookup::process(conn, id).await?;
    let phases = process::phases(conn, id).await?;
    let themes = process::themes(conn, id).await?;
    let missing = translations::missing(conn, id).await?;
    let counts = attention_now(&o.ctx).await?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let notice = notice.then_some(texts::texts(o.ctx.lang).saved);
    let page = view::edit_process(
        &o.ctx,
        EditPage {
            process: &process,
            phases: &phases,
            themes: &themes,
            missing: &missing,
            attention: &counts,
            failed,
            errors,
            notice,
        },
    );
    Ok(html_with_status(status, page))
}

#[derive(Deserialize)]
struct SavedQuery {
    opgeslagen: Option<String>,
}

#[get("/beheer/processen/{id}")]
async fn edit_page(
    o: Organiser,
    id: web::Path<ProcessId>,
    query: web::Query<SavedQuery>,
) -> WebResult<HttpResponse> {
    render_edit(
        &o,
        *id,
        Failed::None,
        FormErrors::default(),
        query.opgeslagen.is_some(),
    )
    .await
}

fn saved(id: ProcessId, anchor: &str) -> HttpResponse {
    see_other(&format!("/beheer/processen/{id}?opgeslagen=1#{anchor}"))
}

#[post("/beheer/processen/{id}")]
async fn update_process(
    o: Organiser,
    id: web::Path<ProcessId>,
    form: web::Form<ProcessForm>,
) -> WebResult<HttpResponse> {
    let id = *id;
    let (errors, taken) = match parse_process(&form) {
        Ok(new) => {
            match slug_taken(process::update(o.ctx.state.db.write(), id, &new, o.ctx.now).await)? {
                None => {
                    audit::record(
                        o.ctx.state.db.write(),
                        &o.ctx,
                        None,
                        AuditAction::ProcessUpdated,
                        Some(format!("process {id}")),
                    )
                    .await?;
                    return Ok(saved(id, "gegevens"));
                }
                Some(errors) => (errors, true),
            }
        }
        Err(errors) => (errors, false),
    };
    let errors = errors_for(o.ctx.lang, &errors, "", taken, |f| {
        view::process_label(&o.ctx, f)
    });
    render_edit(&o, id, Failed::Details(form.into_inner()), errors, false).await
}

#[derive(Deserialize)]
struct StatusForm {
    status: String,
}

#[post("/beheer/processen/{id}/status")]
async fn set_status(
    o: Organiser,
    id: web::Path<ProcessId>,
    form: web::Form<StatusForm>,
) -> WebResult<HttpResponse> {
    let id = *id;
    let status = ProcessStatus::parse(&form.status).ok_or(WebError::BadRequest)?;
    process::set_status(o.ctx.state.db.write(), id, status, o.ctx.now).await?;
    let subject = format!("process {id}: {}", status.as_str());
    audit::record(
        o.ctx.state.db.write(),
        &o.ctx,
        None,
        AuditAction::ProcessPublicationChanged,
        Some(subject),
    )
    .await?;
    Ok(saved(id, "publicatie"))
}

#[post("/beheer/processen/{id}/fasen")]
async fn add_phase(
    o: Organiser,
    id: web::Path<ProcessId>,
    form: web::Form<PhaseForm>,
) -> WebResult<HttpResponse> {
    let id = *id;
    lookup::process(o.ctx.state.db.read(), id).await?;
    match parse_phase(&form) {
        Ok(new) => {
            process::add_phase(o.ctx.state.db.write(), id, &new).await?;
            Ok(saved(id, "fasen"))
        }
        Err(errors) => {
            let errors =
                FormErrors::from_fields_with_prefix(o.ctx.lang, &errors, "fase-nieuw-", |f| {
                    view::phase_label(&o.ctx, f)
                });
            render_edit(&o, id, Failed::NewPhase(form.into_inner()), errors, false).await
        }
    }
}

#[post("/beheer/processen/{id}/fasen/{phase}")]
async fn update_phase(
    o: Organiser,
    path: web::Path<(ProcessId, PhaseId)>,
    form: web::Form<PhaseForm>,
) -> WebResult<HttpResponse> {
    let (id, phase) = (path.0, path.1);
    match parse_phase(&form) {
        Ok(new) => {
            process::update_phase(o.ctx.state.db.write(), id, phase, &new).await?;
            Ok(saved(id, "fasen"))
        }
        Err(errors) => {
            let prefix = format!("fase-{phase}-");
            let errors = FormErrors::from_fields_with_prefix(o.ctx.lang, &errors, &prefix, |f| {
                view::phase_label(&o.ctx, f)
            });
            render_edit(
                &o,
                id,
                Failed::Phase(phase.0, form.into_inner()),
                errors,
                false,
            )
            .await
        }
    }
}

#[post("/beheer/processen/{id}/fasen/{phase}/verwijderen")]
async fn delete_phase(
    o: Organiser,
    path: web::Path<(ProcessId, PhaseId)>,
) -> WebResult<HttpResponse> {
    let (id, phase) = (path.0, path.1);
    process::delete_phase(o.ctx.state.db.write(), id, phase).await?;
    Ok(saved(id, "fasen"))
}

#[post("/beheer/processen/{id}/themas")]
async fn add_theme(
    o: Organiser,
    id: web::Path<ProcessId>,
    form: web::Form<ThemeForm>,
) -> WebResult<HttpResponse> {
    let id = *id;
    lookup::process(o.ctx.state.db.read(), id).await?;
    let (errors, taken) = match parse_theme(&form) {
        Ok(new) => match process::add_theme(o.ctx.state.db.write(), id, &new).await {
            Ok(_) => return Ok(saved(id, "themas")),
            Err(e) => (slug_taken(Err(e))?.unwrap_or_default(), true),
        },
        Err(errors) => (errors, false),
    };
    let errors = errors_for(o.ctx.lang, &errors, "thema-nieuw-", taken, |f| {
        view::theme_label(&o.ctx, f)
    });
    render_edit(&o, id, Failed::NewTheme(form.into_inner()), errors, false).await
}

#[post("/beheer/processen/{id}/themas/{theme}")]
async fn update_theme(
    o: Organiser,
    path: web::Path<(ProcessId, ThemeId)>,
    form: web::Form<ThemeForm>,
) -> WebResult<HttpResponse> {
    let (id, theme) = (path.0, path.1);
    let (errors, taken) = match parse_theme(&form) {
        Ok(new) => {
            match slug_taken(process::update_theme(o.ctx.state.db.write(), id, theme, &new).await)?
            {
                None => return Ok(saved(id, "themas")),
                Some(errors) => (errors, true),
            }
        }
        Err(errors) => (errors, false),
    };
    let prefix = format!("thema-{theme}-");
    let errors = errors_for(o.ctx.lang, &errors, &prefix, taken, |f| {
        view::theme_label(&o.ctx, f)
    });
    render_edit(
        &o,
        id,
        Failed::Theme(theme.0, form.into_inner()),
        errors,
        false,
    )
    .await
}

#[post("/beheer/processen/{id}/themas/{theme}/verwijderen")]
async fn delete_theme(
    o: Organiser,
    path: web::Path<(ProcessId, ThemeId)>,
) -> WebResult<HttpResponse> {
    let (id, theme) = (path.0, path.1);
    process::delete_theme(o.ctx.state.db.write(), id, theme).await?;
    Ok(saved(id, "themas"))
}
