//! Organiser pages: a process's publications — upload a document, write a progress report.

use crate::auth::guard::Organiser;
use crate::flows::progress;
use crate::i18n::{fill, publications as texts};
use crate::routes::{WebResult, html_with_status, see_other};
use crate::upload::{self, Refusal, Upload};
use crate::views::components::FormErrors;
use crate::views::publications::admin::{self as view, DocumentForm, ManagePage, ReportForm};
use crate::views::translation_fields;
use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use chrono::NaiveDate;
use inspraak_domain::translated::parse_translation;
use inspraak_domain::{NonEmptyText, OptionalText, ProcessId, TextError};
use inspraak_store::process::Process;
use inspraak_store::publications::{self, NewDocument, Owner, OwnerKind};
use inspraak_store::session;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(manage)
        .service(upload_document)
        .service(create_report);
}

const MAX_TITLE: usize = 200;
const MAX_DESCRIPTION: usize = 5_000;
const MAX_REPORT: usize = 20_000;

/// The form's own sentence for a missing or too long text; the common one for characters that
/// are not allowed (NUL, control characters, bidi overrides).
fn text_message(o: &Organiser, error: TextError, own: &str, label: &str) -> String {
    match error {
        TextError::ControlCharacters => crate::i18n::common::problem_message(
            o.ctx.lang,
            inspraak_domain::Problem::Text(error),
            label,
        ),
        TextError::Empty | TextError::TooLong { .. } => own.to_owned(),
    }
}

async fn process(o: &Organiser, id: ProcessId) -> WebResult<Process> {
    crate::read::lookup::process(o.ctx.state.db.read(), id).await
}

#[derive(serde::Deserialize)]
struct Notice {
    opgeslagen: Option<String>,
}

async fn render(
    o: &Organiser,
    process: &Process,
    document: &DocumentForm,
    report: &ReportForm,
    notice: Option<&str>,
) -> WebResult<HttpResponse> {
    let conn = o.ctx.state.db.read();
    let sessions = session::list_for_process(conn, process.id).await?;
    let reports = publications::reports_for_process(conn, process.id).await?;
    let documents = publications::documents_for_process(conn, process.id).await?;
    let followers = publications::count_confirmed(conn, process.id).await?;
    let action_points =
        inspraak_store::ideas::action_points::list_for_process(conn, process.id).await?;
    let status = if document.errors.is_empty() && report.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = ManagePage {
        process,
        sessions: &sessions,
        reports: &reports,
        action_points: &action_points,
        documents: &documents,
        followers,
        document,
        report,
        notice,
    };
    Ok(html_with_status(status, view::manage(&o.ctx, &page)))
}

#[get("/beheer/processen/{id}/publicaties")]
async fn manage(
    o: Organiser,
    id: web::Path<ProcessId>,
    query: web::Query<Notice>,
) -> WebResult<HttpResponse> {
    let process = process(&o, *id).await?;
    let t = texts::texts(o.ctx.lang);
    let notice = match query.opgeslagen.as_deref() {
        Some("document") => Some(t.uploaded),
        Some("rapportage") => Some(t.report_published),
        _ => None,
    };
    let today = inspraak_domain::time::local_date(o.ctx.now).to_string();
    render(
        &o,
        &process,
        &DocumentForm::new(&today),
        &ReportForm::new(&today),
        notice,
    )
    .await
}

pub(crate) fn parse_date(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok()
}

/// The sentence for a refused file (also used by the progress updates' documents).
pub(crate) fn refusal_message(ctx: &crate::ctx::Ctx, refusal: Refusal) -> String {
    let t = texts::texts(ctx.lang);
    let max = upload::human_size(
        i64::try_from(ctx.state.settings.upload_max_bytes).unwrap_or(i64::MAX),
        ctx.lang,
    );
    match refusal {
        Refusal::NoFile => t.err_no_file.to_owned(),
        Refusal::Empty => t.err_empty_file.to_owned(),
        Refusal::TooLarge => fill(t.err_too_large, &[("max", &max)]),
        Refusal::Markup => t.err_markup.to_owned(),
        Refusal::Type => t.err_type.to_owned(),
    }
}

/// The owner chosen in the form, if it belongs to this process.
async fn owner(o: &Organiser, process: &Process, raw: &str) -> WebResult<Option<Owner>> {
    let conn = o.ctx.state.db.read();
    if raw == "process" {
        return Ok(Some(Owner::Process(process.id)));
    }
    let Some((kind, id)) = raw.split_once(':') else {
        return Ok(None);
    };
    let Ok(id) = id.parse::<i64>() else {
        return Ok(None);
    };
    let found = match OwnerKind::parse(kind) {
        Some(OwnerKind::Session) => session::list_for_process(conn, process.id)
            .await?
            .iter()
            .any(|s| s.id.0 == id),
        Some(OwnerKind::Report) => publications::reports_for_process(conn, process.id)
            .await?
            .iter()
            .any(|r| r.id.0 == id),
        Some(OwnerKind::ActionPoint) => {
            inspraak_store::ideas::action_points::list_for_process(conn, process.id)
                .await?
                .iter()
                .any(|p| p.id.0 == id)
        }
        _ => false,
    };
    let kind = OwnerKind::parse(kind).unwrap_or(OwnerKind::Process);
    Ok(found.then(|| Owner::from_parts(kind, id)))
}

#[post("/beheer/processen/{id}/documenten")]
async fn upload_document(
    o: Organiser,
    id: web::Path<ProcessId>,
    payload: Multipart,
) -> WebResult<HttpResponse> {
    let process = process(&o, *id).await?;
    let settings = &o.ctx.state.settings;
    let received =
        upload::read(payload, &settings.documents_dir, settings.upload_max_bytes).await?;
    let result = store_upload(&o, &process, &received).await;
    if !matches!(result, Ok(None)) {
        // Refused or failed: nothing of the file stays.
        received.discard().await;
    }
    match result? {
        None => Ok(see_other(&format!(
            "/beheer/processen/{}/publicaties?opgeslagen=document",
            process.id
        ))),
        Some((form, notice)) => {
            let today = inspraak_domain::time::local_date(o.ctx.now).to_string();
            render(&o, &process, &form, &ReportForm::new(&today), notice).await
        }
    }
}

/// The texts of an upload as typed and parsed: title, description and their translations.
pub(crate) struct DocumentTexts {
    pub(crate) title: String,
    pub(crate) title_translation: Option<String>,
    pub(crate) description: String,
    pub(crate) description_translation: Option<String>,
}

/// A translation of a text with the main field's rules; a refused one is named in `errors`.
fn translation<const MAX: usize, const MULTILINE: bool>(
    o: &Organiser,
    raw: &str,
    field: &str,
    (own, label): (&str, &str),
    errors: &mut FormErrors,
) -> Option<String> {
    match parse_translation::<MAX, MULTILINE, false>(raw) {
        Ok(text) => text.map(NonEmptyText::into_string),
        Err(error) => {
            let label = translation_fields::label(&o.ctx, label);
            errors.push(field, text_message(o, error, own, &label));
            None
        }
    }
}

/// The title and description of an upload; a refused one is named in `form`'s errors.
pub(crate) fn document_texts(
    o: &Organiser,
    received: &Upload,
    form: &mut DocumentForm,
) -> DocumentTexts {
    let t = texts::texts(o.ctx.lang);
    let errors = &mut form.errors;
    // The domain's text rule (NFC, no NUL or other control characters): issue 20, finding 8.
    let title = match NonEmptyText::<MAX_TITLE>::parse(received.field("title")) {
        Ok(title) => title.into_string(),
        Err(error) => {
            let message = text_message(o, error, t.err_title, t.title_label);
            errors.push("title", message);
            String::new()
        }
    };
    let description: String = received
        .field("description")
        .trim()
        .chars()
        .take(MAX_DESCRIPTION)
        .collect();
    let description = match OptionalText::<MAX_DESCRIPTION, true>::parse(&description) {
        Ok(text) => text.into_option().unwrap_or_default(),
        Err(error) => {
            let message = text_message(o, error, t.err_description, t.description_label);
            errors.push("description", message);
            String::new()
        }
    };
    let title_translation = translation::<MAX_TITLE, false>(
        o,
        received.field("title_translation"),
        "title_translation",
        (t.err_title, t.title_label),
        errors,
    );
    let description_translation = translation::<MAX_DESCRIPTION, true>(
        o,
        received.field("description_translation"),
        "description_translation",
        (t.err_description, t.description_label),
        errors,
    );
    DocumentTexts {
        title,
        title_translation,
        description,
        description_translation,
    }
}

/// Stores the upload; `Some(form)` when it was refused and the form must be shown again.
async fn store_upload(
    o: &Organiser,
    process: &Process,
    received: &Upload,
) -> WebResult<Option<(DocumentForm, Option<&'static str>)>> {
    let t = texts::texts(o.ctx.lang);
    let mut form = DocumentForm::from_upload(received);
    let token_ok = o
        .ctx
        .state
        .keys
        .verify("csrf", &o.ctx.visitor_id, received.field("csrf_token"));
    if !token_ok {
        form.errors.push("file", t.err_session_expired.to_owned());
        return Ok(Some((form, Some(t.err_session_expired))));
    }
    let texts = document_texts(o, received, &mut form);
    let date = parse_date(received.field("date"));
    if date.is_none() {
        form.errors.push("date", t.err_date.to_owned());
    }
    let language = match received.field("language") {
        "en" => "en",
        _ => "nl",
    };
    let owner = owner(o, process, received.field("owner")).await?;
    if owner.is_none() {
        form.errors.push("owner", t.err_owner.to_owned());
    }
    let file = match &received.file {
        Ok(file) => Some(file),
        Err(refusal) => {
            form.errors.push("file", refusal_message(&o.ctx, *refusal));
            None
        }
    };
    let (Some(date), Some(owner), Some(file), true) = (date, owner, file, form.errors.is_empty())
    else {
        return Ok(Some((form, None)));
    };
    let storage_name = format!("{}.{}", uuid::Uuid::new_v4().simple(), file.kind.code);
    let new = NewDocument {
        process_id: process.id,
        owner,
        title: &texts.title,
        title_translation: texts.title_translation.as_deref(),
        description: &texts.description,
        // No translation of a description that is not there.
        description_translation: texts
            .description_translation
            .as_deref()
            .filter(|_| !texts.description.is_empty()),
        date,
        language,
        file_kind: file.kind.code,
        size_bytes: i64::try_from(file.size).unwrap_or(i64::MAX),
        storage_name: &storage_name,
    };
    let id = crate::flows::documents::store(&o.ctx, process, &new, &file.temp_path).await?;
    tracing::info!(document = %id, user = %o.user.id, "document uploaded");
    Ok(None)
}

#[derive(serde::Deserialize)]
struct ReportFields {
    #[serde(default)]
    report_title: String,
    #[serde(default)]
    report_title_translation: String,
    #[serde(default)]
    report_date: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    body_translation: String,
}

#[post("/beheer/processen/{id}/voortgang")]
async fn create_report(
    o: Organiser,
    id: web::Path<ProcessId>,
    fields: web::Form<ReportFields>,
) -> WebResult<HttpResponse> {
    let process = process(&o, *id).await?;
    let t = texts::texts(o.ctx.lang);
    let mut errors = FormErrors::default();
    let title = match NonEmptyText::<MAX_TITLE>::parse(&fields.report_title) {
        Ok(title) => title.into_string(),
        Err(error) => {
            let message = text_message(&o, error, t.err_title, t.title_label);
            errors.push("report_title", message);
            String::new()
        }
    };
    let title = title.as_str();
    let date = parse_date(&fields.report_date);
    if date.is_none() {
        errors.push("report_date", t.err_date.to_owned());
    }
    let body = match NonEmptyText::<MAX_REPORT, true>::parse(&fields.body) {
        Ok(body) => body.into_string(),
        Err(error) => {
            let message = text_message(&o, error, t.err_report_body, t.report_body_label);
            errors.push("body", message);
            String::new()
        }
    };
    let body = body.as_str();
    let title_translation = translation::<MAX_TITLE, false>(
        &o,
        &fields.report_title_translation,
        "report_title_translation",
        (t.err_title, t.title_label),
        &mut errors,
    );
    let body_translation = translation::<MAX_REPORT, true>(
        &o,
        &fields.body_translation,
        "body_translation",
        (t.err_report_body, t.report_body_label),
        &mut errors,
    );
    let (Some(date), true) = (date, errors.is_empty()) else {
        let form = ReportForm {
            title: fields.report_title.clone(),
            title_translation: fields.report_title_translation.clone(),
            date: fields.report_date.clone(),
            body: fields.body.clone(),
            body_translation: fields.body_translation.clone(),
            errors,
        };
        let today = inspraak_domain::time::local_date(o.ctx.now).to_string();
        return render(&o, &process, &DocumentForm::new(&today), &form, None).await;
    };
    let new = progress::NewReport {
        texts: publications::NewReportTexts {
            title,
            title_translation: title_translation.as_deref(),
            body,
            body_translation: body_translation.as_deref(),
        },
        date,
    };
    let report = progress::publish_report(&o.ctx, &process, &new).await?;
    tracing::info!(report = %report, user = %o.user.id, "progress report published");
    Ok(see_other(&format!(
        "/beheer/processen/{}/publicaties?opgeslagen=rapportage",
        process.id
    )))
}
