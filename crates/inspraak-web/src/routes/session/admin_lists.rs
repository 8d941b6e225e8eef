//! Organiser pages of one session's people: sign-ups and attendance, exports, the message to
//! participants, the report.

use super::admin::{Notice, session};
use crate::auth::guard::Organiser;
use crate::error::WebError;
use crate::export::{Cell, Format};
use crate::flows::session_admin as flows;
use crate::i18n::{fill, session_admin as texts};
use crate::routes::{WebResult, html_with_status, see_other};
use crate::session::export;
use crate::views::components::FormErrors;
use crate::views::session::admin_lists::{self as view, MessageForm, ReportForm};
use crate::views::translation_fields::field_label;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use inspraak_domain::session::ReportText;
use inspraak_domain::text::NonEmptyText;
use inspraak_domain::translated::parse_translation;
use inspraak_domain::{FieldErrors, RegistrationId, SessionId};
use inspraak_store::session;
use maud::Markup;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(registrations)
        .service(attendance)
        .service(export_list)
        .service(message_page)
        .service(send_message)
        .service(report_page)
        .service(save_report);
}

#[get("/beheer/bijeenkomsten/{id}/aanmeldingen")]
async fn registrations(
    o: Organiser,
    id: web::Path<SessionId>,
    query: web::Query<Notice>,
) -> WebResult<Markup> {
    let (session, process) = session(&o, *id).await?;
    let conn = o.ctx.state.db.read();
    let rows = session::registrations(conn, session.id).await?;
    let counts = session::registration_counts(conn, session.id).await?;
    let notice = query
        .opgeslagen
        .is_some()
        .then_some(texts::texts(o.ctx.lang).attendance_saved);
    Ok(view::registrations(
        &o.ctx, &process, &session, &rows, &counts, notice,
    ))
}

#[post("/beheer/bijeenkomsten/{id}/aanwezigheid")]
async fn attendance(
    o: Organiser,
    id: web::Path<SessionId>,
    body: web::Bytes,
) -> WebResult<HttpResponse> {
    let (session, _) = session(&o, *id).await?;
    // Repeated `present` fields: read them all (serde's form decoding keeps only one).
    let mut present = Vec::new();
    for (key, value) in url::form_urlencoded::parse(&body) {
        if key == "present" {
            present.push(RegistrationId(
                value.parse().map_err(|_| WebError::BadRequest)?,
            ));
        }
    }
    session::record_attendance(o.ctx.state.db.write(), session.id, &present).await?;
    tracing::info!(session = %session.id, user = %o.user.id, "attendance recorded");
    Ok(see_other(&format!(
        "/beheer/bijeenkomsten/{}/aanmeldingen?opgeslagen=1",
        session.id
    )))
}

async fn table(o: &Organiser, id: SessionId) -> WebResult<(session::Session, Vec<Vec<Cell>>)> {
    let (session, _) = session(o, id).await?;
    let rows = session::registrations(o.ctx.state.db.read(), session.id).await?;
    let subject = Some(format!("attendee list of session {}", session.id));
    crate::audit::record(
        o.ctx.state.db.write(),
        &o.ctx,
        None,
        inspraak_domain::AuditAction::DataExported,
        subject,
    )
    .await?;
    Ok((session.clone(), export::rows(o.ctx.lang, &rows)))
}

fn download(content_type: &str, file_name: String, body: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{file_name}\""),
        ))
        // Personal data: never kept by a browser or proxy cache.
        .insert_header(("Cache-Control", "no-store"))
        .body(body)
}

/// The attendee list as CSV, ODS, XLSX or JSON (`aanmeldingen.csv` and so on).
#[get("/beheer/bijeenkomsten/{id}/aanmeldingen.{format}")]
async fn export_list(
    o: Organiser,
    path: web::Path<(SessionId, String)>,
) -> WebResult<HttpResponse> {
    let (id, format) = path.into_inner();
    let format = Format::parse(&format).ok_or(WebError::NotFound)?;
    let (session, table) = table(&o, id).await?;
    let sheet: String = session.title.main.chars().take(31).collect();
    let columns = export::columns(o.ctx.lang);
    let body = crate::export::typed_table(format, &sheet, &columns, &table)
        .map_err(|e| WebError::Internal(e.to_string()))?;
    Ok(download(
        format.content_type(),
        format.file_name(&format!("deelnemers-{}", session.id)),
        body,
    ))
}

#[derive(serde::Deserialize)]
struct SentQuery {
    verstuurd: Option<u32>,
}

#[get("/beheer/bijeenkomsten/{id}/bericht")]
async fn message_page(
    o: Organiser,
    id: web::Path<SessionId>,
    query: web::Query<SentQuery>,
) -> WebResult<Markup> {
    let (session, process) = session(&o, *id).await?;
    let notice = query.verstuurd.map(|n| {
        fill(
            texts::texts(o.ctx.lang).message_sent,
            &[("n", &n.to_string())],
        )
    });
    let form = MessageForm {
        form_key: inspraak_store::tokens::new_token(),
        ..MessageForm::default()
    };
    Ok(view::message(
        &o.ctx,
        &process,
        &session,
        &form,
        &FormErrors::default(),
        notice.as_deref(),
    ))
}

type Subject = NonEmptyText<200>;
type Body = NonEmptyText<20_000, true>;

#[post("/beheer/bijeenkomsten/{id}/bericht")]
async fn send_message(
    o: Organiser,
    id: web::Path<SessionId>,
    form: web::Form<MessageForm>,
) -> WebResult<HttpResponse> {
    let (session, process) = session(&o, *id).await?;
    let t = texts::texts(o.ctx.lang);
    let mut errors = FieldErrors::default();
    let subject = errors.take("subject", Subject::parse(&form.subject));
    let body = errors.take("body", Body::parse(&form.body));
    if !inspraak_store::tokens::is_token(&form.form_key) {
        return Err(WebError::BadRequest);
    }
    let (Some(subject), Some(body)) = (subject, body) else {
        let label = |f: &str| if f == "subject" { t.subject } else { t.body }.to_owned();
        let errors = FormErrors::from_fields(o.ctx.lang, &errors, label);
        let page = view::message(&o.ctx, &process, &session, &form, &errors, None);
        return Ok(html_with_status(StatusCode::UNPROCESSABLE_ENTITY, page));
    };
    let (subject, body) = (subject.as_str(), body.as_str());
    let sent = flows::mail_participants(&o.ctx, session.id, subject, body, &form.form_key).await?;
    tracing::info!(session = %session.id, user = %o.user.id, sent, "message to participants");
    Ok(see_other(&format!(
        "/beheer/bijeenkomsten/{}/bericht?verstuurd={sent}",
        session.id
    )))
}

#[derive(serde::Deserialize)]
struct ReportQuery {
    opgeslagen: Option<String>,
    gemaild: Option<u32>,
}

#[get("/beheer/bijeenkomsten/{id}/verslag")]
async fn report_page(
    o: Organiser,
    id: web::Path<SessionId>,
    query: web::Query<ReportQuery>,
) -> WebResult<Markup> {
    let (session, process) = session(&o, *id).await?;
    let t = texts::texts(o.ctx.lang);
    let notice = match (query.gemaild, &query.opgeslagen) {
        (Some(n), _) => Some(fill(t.report_published, &[("n", &n.to_string())])),
        (None, Some(_)) => Some(t.report_saved.to_owned()),
        _ => None,
    };
    let form = ReportForm {
        report: session
            .report
            .as_ref()
            .map(|r| r.main.clone())
            .unwrap_or_default(),
        report_translation: session
            .report
            .as_ref()
            .and_then(|r| r.translation.clone())
            .unwrap_or_default(),
        action: String::new(),
    };
    Ok(view::report(
        &o.ctx,
        &process,
        &session,
        &form,
        &FormErrors::default(),
        notice.as_deref(),
    ))
}

#[post("/beheer/bijeenkomsten/{id}/verslag")]
async fn save_report(
    o: Organiser,
    id: web::Path<SessionId>,
    form: web::Form<ReportForm>,
) -> WebResult<HttpResponse> {
    let (session, process) = session(&o, *id).await?;
    let base = format!("/beheer/bijeenkomsten/{}/verslag", session.id);
    if form.action == "unpublish" {
        session::unpublish_report(o.ctx.state.db.write(), session.id).await?;
        return Ok(see_other(&format!("{base}?opgeslagen=1")));
    }
    let publish = match form.action.as_str() {
        "publish" => true,
        "draft" => false,
        _ => return Err(WebError::BadRequest),
    };
    let mut errors = FieldErrors::default();
    let text = errors.take("report", ReportText::parse(&form.report));
    let translation = errors.take(
        "report_translation",
        parse_translation::<50_000, true, false>(&form.report_translation),
    );
    let (Some(text), Some(translation)) = (text, translation) else {
        let report_label = texts::texts(o.ctx.lang).report_text;
        let label = |f: &str| field_label(&o.ctx, f, |_| report_label.to_owned());
        let errors = FormErrors::from_fields(o.ctx.lang, &errors, label);
        let page = view::report(&o.ctx, &process, &session, &form, &errors, None);
        return Ok(html_with_status(StatusCode::UNPROCESSABLE_ENTITY, page));
    };
    let outcome =
        flows::save_report(&o.ctx, session.id, &text, translation.as_ref(), publish).await?;
    tracing::info!(session = %session.id, user = %o.user.id, publish, mailed = outcome.mailed, "report saved");
    Ok(see_other(&if outcome.newly_published {
        format!("{base}?gemaild={}", outcome.mailed)
    } else {
        format!("{base}?opgeslagen=1")
    }))
}
