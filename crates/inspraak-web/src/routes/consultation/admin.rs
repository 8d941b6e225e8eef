//! The organiser's consultation builder: create and edit a consultation, publish it, add, edit,
//! move and remove questions, preview the form, and set the process's retention period.

use super::super::{WebResult, html_with_status, see_other};
use crate::auth::guard::Organiser;
use crate::error::WebError;
use crate::flows::builder::{self as flows, QuestionChange};
use crate::i18n::consultation as texts;
use crate::read::lookup;
use crate::views::components::FormErrors;
use crate::views::consultation::admin::{
    self as view, ConsultationForm, EditView, Failed, QuestionForm, RetentionForm,
};
use crate::views::consultation::form::{self as form_view, FormView, Values};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use inspraak_domain::consultation::{ConsultationStatus, NewConsultation, NewQuestion};
use inspraak_domain::retention::RetentionDays;
use inspraak_domain::time::local_date;
use inspraak_domain::{ConsultationId, FieldError, FieldErrors, Problem, ProcessId, QuestionId};
use inspraak_store::consultation::{self, MoveDirection, admin as store};
use inspraak_store::process;
use inspraak_store::retention;
use maud::Markup;
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(list)
        .service(new_page)
        .service(create)
        .service(edit_page)
        .service(update)
        .service(set_status)
        .service(add_question)
        .service(update_question)
        .service(remove_question)
        .service(move_question)
        .service(set_retention)
        .service(preview);
}

fn parse_consultation(form: &ConsultationForm) -> Result<NewConsultation, FieldErrors> {
    let main = NewConsultation::parse(
        &form.title,
        &form.intro,
        &form.privacy,
        &form.opens_on,
        &form.opens_time,
        &form.closes_on,
        &form.closes_time,
    );
    NewConsultation::with_translations(
        main,
        &form.title_translation,
        &form.intro_translation,
        &form.privacy_translation,
    )
}

fn parse_question(form: &QuestionForm) -> Result<NewQuestion, FieldErrors> {
    let main = NewQuestion::parse(
        &form.kind,
        &form.prompt,
        &form.help,
        form.required.is_some(),
        &form.max_length,
        &form.options,
        form.allow_other.is_some(),
    );
    NewQuestion::with_translations(
        main,
        &form.prompt_translation,
        &form.help_translation,
        &form.options_translation,
    )
}

#[get("/beheer/processen/{id}/consultaties")]
async fn list(o: Organiser, id: web::Path<ProcessId>) -> WebResult<Markup> {
    let process = lookup::process(o.ctx.state.db.read(), *id).await?;
    let all = store::list_for_process(o.ctx.state.db.read(), process.id).await?;
    Ok(view::list(&o.ctx, &process, &all))
}

#[get("/beheer/processen/{id}/consultaties/nieuw")]
async fn new_page(o: Organiser, id: web::Path<ProcessId>) -> WebResult<Markup> {
    let process = lookup::process(o.ctx.state.db.read(), *id).await?;
    let form = ConsultationForm::default();
    Ok(view::new_consultation(
        &o.ctx,
        &process,
        &form,
        &FormErrors::default(),
    ))
}

#[post("/beheer/processen/{id}/consultaties/nieuw")]
async fn create(
    o: Organiser,
    id: web::Path<ProcessId>,
    form: web::Form<ConsultationForm>,
) -> WebResult<HttpResponse> {
    let process = lookup::process(o.ctx.state.db.read(), *id).await?;
    match parse_consultation(&form) {
        Ok(new) => {
            let id = store::insert(o.ctx.state.db.write(), process.id, &new, o.ctx.now).await?;
            tracing::info!(consultation = %id, user = %o.user.id, "consultation created");
            Ok(see_other(&format!("/beheer/consultaties/{id}")))
        }
        Err(errors) => {
            let errors = FormErrors::from_fields(o.ctx.lang, &errors, |f| {
                view::consultation_label(o.ctx.lang, o.ctx.state.settings.content_language, f)
            });
            let page = view::new_consultation(&o.ctx, &process, &form, &errors);
            Ok(html_with_status(StatusCode::UNPROCESSABLE_ENTITY, page))
        }
    }
}

async fn render_edit(
    o: &Organiser,
    id: ConsultationId,
    failed: Failed,
    errors: FormErrors,
    notice: bool,
) -> WebResult<HttpResponse> {
    let (consultation, process) = lookup::consultation(o.ctx.state.db.read(), id).await?;
    let conn = o.ctx.state.db.read();
    let questions = consultation::questions(conn, consultation.id).await?;
    let retention_days = retention::days_for(conn, process.id).await?.days();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = view::edit(
        &o.ctx,
        EditView {
            process: &process,
            consultation: &consultation,
            questions: &questions,
            retention_days,
            failed,
            errors,
            notice: notice.then_some(texts::texts(o.ctx.lang).saved),
        },
    );
    Ok(html_with_status(status, page))
}

fn saved(id: ConsultationId, anchor: &str) -> HttpResponse {
    see_other(&format!("/beheer/consultaties/{id}?opgeslagen=1#{anchor}"))
}

#[derive(Deserialize)]
struct SavedQuery {
    opgeslagen: Option<String>,
}

#[get("/beheer/consultaties/{id}")]
async fn edit_page(
    o: Organiser,
    id: web::Path<ConsultationId>,
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

#[post("/beheer/consultaties/{id}")]
async fn update(
    o: Organiser,
    id: web::Path<ConsultationId>,
    form: web::Form<ConsultationForm>,
) -> WebResult<HttpResponse> {
    let (consultation, _) = lookup::consultation(o.ctx.state.db.read(), *id).await?;
    match parse_consultation(&form) {
        Ok(new) => {
            flows::update_details(&o.ctx, consultation.id, &new).await?;
            Ok(saved(consultation.id, "gegevens"))
        }
        Err(errors) => {
            let errors = FormErrors::from_fields(o.ctx.lang, &errors, |f| {
                view::consultation_label(o.ctx.lang, o.ctx.state.settings.content_language, f)
            });
            render_edit(&o, *id, Failed::Details(form.into_inner()), errors, false).await
        }
    }
}

#[derive(Deserialize)]
struct StatusForm {
    status: String,
}

#[post("/beheer/consultaties/{id}/status")]
async fn set_status(
    o: Organiser,
    id: web::Path<ConsultationId>,
    form: web::Form<StatusForm>,
) -> WebResult<HttpResponse> {
    let status = ConsultationStatus::parse(&form.status).ok_or(WebError::BadRequest)?;
    let id = *id;
    store::set_status(o.ctx.state.db.write(), id, status, o.ctx.now).await?;
    tracing::info!(consultation = %id, status = status.as_str(), user = %o.user.id, "consultation status changed");
    Ok(saved(id, "publicatie"))
}

/// A refused question change as a message on the question's kind field; `None` when saved.
fn question_refusal(o: &Organiser, prefix: &str, change: QuestionChange) -> Option<FormErrors> {
    let t = texts::texts(o.ctx.lang);
    let message = match change {
        QuestionChange::Saved => return None,
        QuestionChange::ResponsesExist => t.responses_exist,
        QuestionChange::EmailQuestionTaken => t.email_question_taken,
    };
    Some(FormErrors(vec![(
        format!("{prefix}kind"),
        message.to_owned(),
    )]))
}

fn question_errors(o: &Organiser, prefix: &str, errors: &FieldErrors) -> FormErrors {
    FormErrors::from_fields_with_prefix(o.ctx.lang, errors, prefix, |f| {
        view::question_label(o.ctx.lang, o.ctx.state.settings.content_language, f)
    })
}

#[post("/beheer/consultaties/{id}/vragen")]
async fn add_question(
    o: Organiser,
    id: web::Path<ConsultationId>,
    form: web::Form<QuestionForm>,
) -> WebResult<HttpResponse> {
    let (consultation, _) = lookup::consultation(o.ctx.state.db.read(), *id).await?;
    let prefix = "vraag-nieuw-";
    let errors = match parse_question(&form) {
        Ok(new) => {
            let change = flows::add_question(&o.ctx, consultation.id, &new).await?;
            match question_refusal(&o, prefix, change) {
                None => return Ok(saved(consultation.id, "vragen")),
                Some(errors) => errors,
            }
        }
        Err(errors) => question_errors(&o, prefix, &errors),
    };
    render_edit(
        &o,
        *id,
        Failed::NewQuestion(form.into_inner()),
        errors,
        false,
    )
    .await
}

#[post("/beheer/consultaties/{id}/vragen/{question}")]
async fn update_question(
    o: Organiser,
    path: web::Path<(ConsultationId, QuestionId)>,
    form: web::Form<QuestionForm>,
) -> WebResult<HttpResponse> {
    let (consultation, _) = lookup::consultation(o.ctx.state.db.read(), path.0).await?;
    let question = path.1;
    let prefix = format!("vraag-{question}-");
    let errors = match parse_question(&form) {
        Ok(new) => {
            let change = flows::update_question(&o.ctx, consultation.id, question, &new).await?;
            match question_refusal(&o, &prefix, change) {
                None => return Ok(saved(consultation.id, "vragen")),
                Some(errors) => errors,
            }
        }
        Err(errors) => question_errors(&o, &prefix, &errors),
    };
    render_edit(
        &o,
        path.0,
        Failed::Question(question.0, form.into_inner()),
        errors,
        false,
    )
    .await
}

#[post("/beheer/consultaties/{id}/vragen/{question}/verwijderen")]
async fn remove_question(
    o: Organiser,
    path: web::Path<(ConsultationId, QuestionId)>,
) -> WebResult<HttpResponse> {
    let (consultation, _) = lookup::consultation(o.ctx.state.db.read(), path.0).await?;
    let question = path.1;
    let change = flows::remove_question(&o.ctx, consultation.id, question).await?;
    let prefix = format!("vraag-{question}-");
    match question_refusal(&o, &prefix, change) {
        None => Ok(saved(consultation.id, "vragen")),
        Some(errors) => {
            let current = store::find_question(o.ctx.state.db.read(), consultation.id, question)
                .await?
                .ok_or(WebError::NotFound)?;
            let form = QuestionForm::from_question(&current);
            render_edit(
                &o,
                path.0,
                Failed::Question(question.0, form),
                errors,
                false,
            )
            .await
        }
    }
}

#[derive(Deserialize)]
struct MoveForm {
    direction: String,
}

#[post("/beheer/consultaties/{id}/vragen/{question}/verplaatsen")]
async fn move_question(
    o: Organiser,
    path: web::Path<(ConsultationId, QuestionId)>,
    form: web::Form<MoveForm>,
) -> WebResult<HttpResponse> {
    let direction = MoveDirection::parse(&form.direction).ok_or(WebError::BadRequest)?;
    let (consultation, _) = lookup::consultation(o.ctx.state.db.read(), path.0).await?;
    flows::move_question(&o.ctx, consultation.id, path.1, direction).await?;
    Ok(saved(consultation.id, "vragen"))
}

#[post("/beheer/consultaties/{id}/bewaartermijn")]
async fn set_retention(
    o: Organiser,
    id: web::Path<ConsultationId>,
    form: web::Form<RetentionForm>,
) -> WebResult<HttpResponse> {
    let (consultation, process) = lookup::consultation(o.ctx.state.db.read(), *id).await?;
    match RetentionDays::parse(&form.retention_days) {
        Ok(days) => {
            flows::set_retention(&o.ctx, process.id, days).await?;
            tracing::info!(process = %process.id, days = days.days(), user = %o.user.id, "retention period changed");
            Ok(saved(consultation.id, "bewaren"))
        }
        Err(e) => {
            let errors = FieldErrors(vec![FieldError {
                field: "retention_days",
                problem: Problem::Retention(e),
            }]);
            let errors =
                FormErrors::from_fields_with_prefix(o.ctx.lang, &errors, "bewaren-", |f| {
                    view::question_label(o.ctx.lang, o.ctx.state.settings.content_language, f)
                });
            render_edit(&o, *id, Failed::Retention(form.into_inner()), errors, false).await
        }
    }
}

/// The public form as visitors will see it, without a way to send it.
#[get("/beheer/consultaties/{id}/voorbeeld")]
async fn preview(o: Organiser, id: web::Path<ConsultationId>) -> WebResult<Markup> {
    let (consultation, process) = lookup::consultation(o.ctx.state.db.read(), *id).await?;
    let conn = o.ctx.state.db.read();
    let questions = consultation::questions(conn, consultation.id).await?;
    let themes = process::themes(conn, process.id).await?;
    let days = retention::days_for(conn, process.id).await?;
    Ok(form_view::form_page(
        &o.ctx,
        FormView {
            process: &process,
            consultation: &consultation,
            questions: &questions,
            themes: &themes,
            values: Values(&[]),
            idempotency_key: "",
            started: "",
            errors: &FormErrors::default(),
            notice: None,
            erase_by: local_date(days.erase_after(consultation.window.closes_at())),
            preview: true,
        },
    ))
}
