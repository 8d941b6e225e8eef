//! The self-evaluation of a closed process ("Eerdere actieplannen", issue #24), organiser side:
//! `/beheer/processen/{id}/zelfevaluatie` shows the text in both languages side by side and the
//! evaluation's documents; the text form posts to the same path, the upload (multipart, checking
//! its own CSRF token like every upload) to `…/zelfevaluatie/documenten`. Only an archived
//! process has these pages (a 404 otherwise); the process's overview says why.

use super::publications::admin::{document_texts, parse_date, refusal_message};
use super::{WebResult, html_with_status, see_other};
use crate::auth::guard::Organiser;
use crate::error::WebError;
use crate::flows::evaluation as flow;
use crate::i18n::{evaluation as texts, publications as publication_texts};
use crate::read::lookup;
use crate::upload::{self, Upload};
use crate::views::components::FormErrors;
use crate::views::evaluation::{self as view, AdminPage, TextForm};
use crate::views::publications::admin::DocumentForm;
use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use inspraak_domain::ProcessId;
use inspraak_domain::evaluation::NewEvaluation;
use inspraak_store::evaluation;
use inspraak_store::process::Process;
use inspraak_store::publications::{self, NewDocument, Owner};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(evaluation_page)
        .service(save)
        .service(upload_document);
}

/// The archived process `id`, or 404 (a process that is not archived has no self-evaluation).
async fn archived(o: &Organiser, id: ProcessId) -> WebResult<Process> {
    let process = lookup::process(o.ctx.state.db.read(), id).await?;
    if flow::allowed(&process) {
        Ok(process)
    } else {
        Err(WebError::NotFound)
    }
}

/// The page; `text` is what was typed when the text form came back (else the saved text).
async fn render(
    o: &Organiser,
    process: &Process,
    text: Option<TextForm>,
    document: &DocumentForm,
    notice: Option<&str>,
) -> WebResult<HttpResponse> {
    let conn = o.ctx.state.db.read();
    let saved = evaluation::find(conn, process.id).await?;
    let documents = publications::documents_of(conn, Owner::Evaluation(process.id)).await?;
    let text = text.unwrap_or_else(|| TextForm {
        body: saved
            .as_ref()
            .map(|e| e.body.main.clone())
            .unwrap_or_default(),
        body_translation: saved
            .as_ref()
            .and_then(|e| e.body.translation.clone())
            .unwrap_or_default(),
        errors: FormErrors::default(),
    });
    let status = if text.errors.is_empty() && document.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = AdminPage {
        process,
        evaluation: saved.as_ref(),
        documents: &documents,
        text: &text,
        document,
        notice,
    };
    Ok(html_with_status(status, view::admin(&o.ctx, &page)))
}

fn today(o: &Organiser) -> String {
    inspraak_domain::time::local_date(o.ctx.now).to_string()
}

#[derive(serde::Deserialize)]
struct Notice {
    opgeslagen: Option<String>,
}

#[get("/beheer/processen/{id}/zelfevaluatie")]
async fn evaluation_page(
    o: Organiser,
    id: web::Path<ProcessId>,
    query: web::Query<Notice>,
) -> WebResult<HttpResponse> {
    let process = archived(&o, *id).await?;
    let t = texts::texts(o.ctx.lang);
    let notice = match query.opgeslagen.as_deref() {
        Some("tekst") => Some(t.saved),
        Some("document") => Some(t.uploaded),
        _ => None,
    };
    render(&o, &process, None, &DocumentForm::new(&today(&o)), notice).await
}

/// The text form: a struct, so a field sent twice is refused (400) rather than guessed.
#[derive(serde::Deserialize)]
struct TextFields {
    #[serde(default)]
    body: String,
    #[serde(default)]
    body_translation: String,
}

#[post("/beheer/processen/{id}/zelfevaluatie")]
async fn save(
    o: Organiser,
    id: web::Path<ProcessId>,
    form: web::Form<TextFields>,
) -> WebResult<HttpResponse> {
    let process = archived(&o, *id).await?;
    match NewEvaluation::parse(&form.body, &form.body_translation) {
        Ok(new) => {
            flow::save(&o.ctx, &process, &new, o.user.id).await?;
            Ok(see_other(&format!(
                "{}?opgeslagen=tekst",
                view::admin_path(&process)
            )))
        }
        Err(errors) => {
            let errors = FormErrors::from_fields(o.ctx.lang, &errors, |field| {
                view::body_label(&o.ctx, field)
            });
            let typed = TextForm {
                body: form.body.clone(),
                body_translation: form.body_translation.clone(),
                errors,
            };
            let document = DocumentForm::new(&today(&o));
            render(&o, &process, Some(typed), &document, None).await
        }
    }
}

#[post("/beheer/processen/{id}/zelfevaluatie/documenten")]
async fn upload_document(
    o: Organiser,
    id: web::Path<ProcessId>,
    payload: Multipart,
) -> WebResult<HttpResponse> {
    let process = archived(&o, *id).await?;
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
            "{}?opgeslagen=document#zelfevaluatie-documenten",
            view::admin_path(&process)
        ))),
        Some(form) => render(&o, &process, None, &form, None).await,
    }
}

/// Stores the upload as a document of the evaluation; `Some(form)` when it was refused and the
/// form must be shown again with what was typed (the file must be chosen again).
async fn store_upload(
    o: &Organiser,
    process: &Process,
    received: &Upload,
) -> WebResult<Option<DocumentForm>> {
    let mut form = DocumentForm::from_upload(received);
    let token_ok = o
        .ctx
        .state
        .keys
        .verify("csrf", &o.ctx.visitor_id, received.field("csrf_token"));
    if !token_ok {
        let t = publication_texts::texts(o.ctx.lang);
        form.errors.push("file", t.err_session_expired.to_owned());
        return Ok(Some(form));
    }
    let texts = document_texts(o, received, &mut form);
    let date = parse_date(received.field("date"));
    if date.is_none() {
        let t = publication_texts::texts(o.ctx.lang);
        form.errors.push("date", t.err_date.to_owned());
    }
    let language = match received.field("language") {
        "en" => "en",
        _ => "nl",
    };
    let file = match &received.file {
        Ok(file) => Some(file),
        Err(refusal) => {
            form.errors.push("file", refusal_message(&o.ctx, *refusal));
            None
        }
    };
    let (Some(date), Some(file), true) = (date, file, form.errors.is_empty()) else {
        return Ok(Some(form));
    };
    let storage_name = format!("{}.{}", uuid::Uuid::new_v4().simple(), file.kind.code);
    let new = NewDocument {
        process_id: process.id,
        owner: Owner::Evaluation(process.id),
        title: &texts.title,
        title_translation: texts.title_translation.as_deref(),
        description: &texts.description,
        description_translation: texts.description_translation.as_deref(),
        date,
        language,
        file_kind: file.kind.code,
        size_bytes: i64::try_from(file.size).unwrap_or(i64::MAX),
        storage_name: &storage_name,
    };
    let id = crate::flows::documents::store(&o.ctx, process, &new, &file.temp_path).await?;
    tracing::info!(document = %id, user = %o.user.id, "self-evaluation document uploaded");
    Ok(None)
}
