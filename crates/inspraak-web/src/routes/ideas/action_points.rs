//! Action points: the organiser's list, form and progress updates, and the action holder's own
//! page where they post updates on the points linked to their account. A progress update queues
//! the followers' mail and the traceability notices in its own transaction. Every change leaves
//! an audit row. The introduction of the action plan (its page and documents) is written here too.

use super::Holder;
use super::admin::{Form, get, process};
use crate::auth::guard::Organiser;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::flows::progress;
use crate::i18n::ideas as texts;
use crate::routes::{WebResult, html_with_status, see_other};
use crate::views::components::FormErrors;
use crate::views::ideas::admin as view;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use inspraak_domain::ideas::{
    NewActionPoint, NewProgressUpdate, RawActionPoint, parse_plan_introduction,
};
use inspraak_domain::{
    ActionPointId, Email, FieldErrors, ProcessId, ProgressUpdateId, Role, UserId,
};
use inspraak_store::ideas::action_plan;
use inspraak_store::ideas::action_points::{self, ActionPoint};
use inspraak_store::process::{self, Process};
use inspraak_store::publications;
use inspraak_store::users;
use std::collections::HashMap;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(points_page)
        .service(create_point)
        .service(save_introduction)
        .service(point_page)
        .service(update_point)
        .service(add_update)
        .service(edit_update)
        .service(update_visibility)
        .service(holder_page)
        .service(holder_update);
}

fn point_values(point: &ActionPoint, holder_email: &str) -> HashMap<String, String> {
    let translation = |t: &inspraak_domain::Translated| t.translation.clone().unwrap_or_default();
    [
        ("title", point.title.main.clone()),
        ("title_translation", translation(&point.title)),
        ("description", point.description.main.clone()),
        ("description_translation", translation(&point.description)),
        (
            "theme",
            point.theme_id.map(|t| t.to_string()).unwrap_or_default(),
        ),
        ("holder", point.holder.clone()),
        ("holder_account", holder_email.to_owned()),
        ("partners", point.partners.clone().unwrap_or_default()),
        ("status", point.status.as_str().to_owned()),
        (
            "findings",
            point
                .findings
                .as_ref()
                .map(|f| f.main.clone())
                .unwrap_or_default(),
        ),
        (
            "findings_translation",
            point.findings.as_ref().map(translation).unwrap_or_default(),
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

/// The label of a field as the form shows it (a translation field says its language).
fn point_label(ctx: &Ctx, field: &str) -> String {
    if let Some(main) = field.strip_suffix("_translation") {
        let label = point_label(ctx, main);
        return crate::i18n::action_plan::translation_field(
            ctx.lang,
            ctx.state.settings.content_language,
            &label,
        )
        .0;
    }
    let t = texts::texts(ctx.lang);
    match field {
        "introduction" => crate::i18n::action_plan::texts(ctx.lang).intro_label,
        "title" => t.point_title,
        "description" => t.description,
        "theme" => t.theme,
        "holder" => t.holder,
        "holder_account" => t.holder_account,
        "partners" => t.partners,
        "status" => t.point_status,
        "findings" => t.findings,
        "on" => t.update_date,
        _ => t.update_body,
    }
    .to_owned()
}

/// Parses the action point form, including the optional action-holder account.
async fn parse_point(
    ctx: &Ctx,
    process: &Process,
    form: &HashMap<String, String>,
) -> WebResult<Result<(NewActionPoint, Option<UserId>), FormErrors>> {
    let themes = process::themes(ctx.state.db.read(), process.id).await?;
    let ids: Vec<_> = themes.iter().map(|t| t.id).collect();
    let raw = RawActionPoint {
        theme: get(form, "theme"),
        title: get(form, "title"),
        description: get(form, "description"),
        holder: get(form, "holder"),
        partners: get(form, "partners"),
        status: get(form, "status"),
        findings: get(form, "findings"),
        title_translation: get(form, "title_translation"),
        description_translation: get(form, "description_translation"),
        findings_translation: get(form, "findings_translation"),
    };
    let mut errors = match NewActionPoint::parse(&raw, &ids) {
        Ok(_) => FieldErrors::default(),
        Err(errors) => errors,
    };
    let account = get(form, "holder_account");
    let mut holder = None;
    if !account.trim().is_empty() {
        let found = match Email::parse(account) {
            Ok(email) => users::credentials_by_email(ctx.state.db.read(), &email)
                .await?
                .map(|c| c.user),
            Err(_) => None,
        };
        match found.filter(|u| u.role == Role::ActionHolder) {
            Some(user) => holder = Some(user.id),
            None => {
                errors.take::<(), _>("holder_account", Err(inspraak_domain::Problem::Invalid));
            }
        }
    }
    if !errors.is_empty() {
        return Ok(Err(FormErrors::from_fields(ctx.lang, &errors, |f| {
            point_label(ctx, f)
        })));
    }
    match NewActionPoint::parse(&raw, &ids) {
        Ok(point) => Ok(Ok((point, holder))),
        Err(errors) => Ok(Err(FormErrors::from_fields(ctx.lang, &errors, |f| {
            point_label(ctx, f)
        }))),
    }
}

/// The organiser's action points page. `introduction` is what was typed (text, translation)
/// when the introduction form came back; otherwise the saved introduction is shown.
async fn render_points(
    o: &Organiser,
    process: &Process,
    values: &HashMap<String, String>,
    introduction: Option<(&str, &str)>,
    errors: &FormErrors,
    status: StatusCode,
) -> WebResult<HttpResponse> {
    let conn = o.ctx.state.db.read();
    let themes = process::themes(conn, process.id).await?;
    let points = action_points::list_for_process(conn, process.id).await?;
    let introduction = match introduction {
        Some((text, translation)) => (text.to_owned(), translation.to_owned()),
        None => action_plan::introduction(conn, process.id)
            .await?
            .and_then(|i| i.text)
            .map(|t| (t.main, t.translation.unwrap_or_default()))
            .unwrap_or_default(),
    };
    let page = view::points_admin(
        &o.ctx,
        process,
        &themes,
        &points,
        values,
        (&introduction.0, &introduction.1),
        errors,
    );
    Ok(html_with_status(status, page))
}

/// The introduction form: a struct, so a field sent twice is refused (400) rather than guessed.
#[derive(serde::Deserialize)]
struct IntroductionForm {
    #[serde(default)]
    introduction: String,
    #[serde(default)]
    introduction_translation: String,
}

#[post("/beheer/processen/{id}/actieplan/inleiding")]
async fn save_introduction(
    o: Organiser,
    id: web::Path<ProcessId>,
    form: web::Form<IntroductionForm>,
) -> WebResult<HttpResponse> {
    let process = process(&o.ctx, *id).await?;
    let typed = (
        form.introduction.as_str(),
        form.introduction_translation.as_str(),
    );
    match parse_plan_introduction(typed.0, typed.1) {
        Ok(text) => {
            progress::save_plan_introduction(&o.ctx, &process, &text, o.user.id).await?;
            Ok(see_other(&format!(
                "/beheer/processen/{}/actiepunten#inleiding",
                process.id
            )))
        }
        Err(errors) => {
            let errors = FormErrors::from_fields(o.ctx.lang, &errors, |f| point_label(&o.ctx, f));
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            render_points(&o, &process, &HashMap::new(), Some(typed), &errors, status).await
        }
    }
}

#[get("/beheer/processen/{id}/actiepunten")]
async fn points_page(o: Organiser, id: web::Path<ProcessId>) -> WebResult<HttpResponse> {
    let process = process(&o.ctx, *id).await?;
    render_points(
        &o,
        &process,
        &HashMap::new(),
        None,
        &FormErrors::default(),
        StatusCode::OK,
    )
    .await
}

#[post("/beheer/processen/{id}/actiepunten")]
async fn create_point(
    o: Organiser,
    id: web::Path<ProcessId>,
    form: Form,
) -> WebResult<HttpResponse> {
    let process = process(&o.ctx, *id).await?;
    let (point, holder) = match parse_point(&o.ctx, &process, &form).await? {
        Ok(parsed) => parsed,
        Err(errors) => {
            return render_points(
                &o,
                &process,
                &form,
                None,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let new = progress::create_point(&o.ctx, &process, &point, holder).await?;
    Ok(see_other(&format!(
        "/beheer/processen/{}/actiepunten/{new}",
        process.id
    )))
}

async fn render_point(
    o: &Organiser,
    process: &Process,
    point: &ActionPoint,
    values: Option<&HashMap<String, String>>,
    errors: &FormErrors,
    status: StatusCode,
) -> WebResult<HttpResponse> {
    let typing = Typing {
        values,
        ..Typing::default()
    };
    render_point_editing(o, (process, point), typing, errors, status).await
}

/// What was typed in one of the point page's forms that came back with errors.
#[derive(Default)]
pub(super) struct Typing<'a> {
    pub values: Option<&'a HashMap<String, String>>,
    pub editing: Option<view::Editing<'a>>,
    pub typed: Option<view::TypedUpdate<'a>>,
    pub attaching: Option<view::Attaching<'a>>,
}

pub(super) async fn render_point_editing(
    o: &Organiser,
    (process, point): (&Process, &ActionPoint),
    typing: Typing<'_>,
    errors: &FormErrors,
    status: StatusCode,
) -> WebResult<HttpResponse> {
    let Typing {
        values,
        editing,
        typed,
        attaching,
    } = typing;
    let conn = o.ctx.state.db.read();
    let themes = process::themes(conn, process.id).await?;
    // Hidden updates too: the organiser can show them again.
    let updates = action_points::all_updates(conn, point.id).await?;
    let ids: Vec<_> = updates.iter().map(|u| ProgressUpdateId(u.id)).collect();
    let documents = publications::documents_of_updates(conn, &ids).await?;
    let holder_email = match point.holder_user {
        Some(user) => users::find(conn, user)
            .await?
            .map(|u| u.email)
            .unwrap_or_default(),
        None => String::new(),
    };
    let own = point_values(point, &holder_email);
    let page = view::point_edit(
        &o.ctx,
        &view::PointEditView {
            process,
            themes: &themes,
            point,
            updates: &updates,
            documents: &documents,
            values: values.unwrap_or(&own),
            errors,
            editing,
            typed,
            attaching,
        },
    );
    Ok(html_with_status(status, page))
}

/// The process and action point of a `/beheer/processen/{id}/actiepunten/{point}` path.
pub(super) async fn find_point(
    ctx: &Ctx,
    (process, point): (ProcessId, ActionPointId),
) -> WebResult<(Process, ActionPoint)> {
    let process = super::admin::process(ctx, process).await?;
    let point = action_points::find(ctx.state.db.read(), process.id, point)
        .await?
        .ok_or(WebError::NotFound)?;
    Ok((process, point))
}

pub(super) fn point_path(process: &Process, point: &ActionPoint) -> String {
    format!("/beheer/processen/{}/actiepunten/{}", process.id, point.id)
}

#[get("/beheer/processen/{id}/actiepunten/{point}")]
async fn point_page(
    o: Organiser,
    path: web::Path<(ProcessId, ActionPointId)>,
) -> WebResult<HttpResponse> {
    let (process, point) = find_point(&o.ctx, path.into_inner()).await?;
    render_point(
        &o,
        &process,
        &point,
        None,
        &FormErrors::default(),
        StatusCode::OK,
    )
    .await
}

#[post("/beheer/processen/{id}/actiepunten/{point}")]
async fn update_point(
    o: Organiser,
    path: web::Path<(ProcessId, ActionPointId)>,
    form: Form,
) -> WebResult<HttpResponse> {
    let (process, point) = find_point(&o.ctx, path.into_inner()).await?;
    let (new, holder) = match parse_point(&o.ctx, &process, &form).await? {
        Ok(parsed) => parsed,
        Err(errors) => {
            return render_point(
                &o,
                &process,
                &point,
                Some(&form),
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    progress::update_point(&o.ctx, &process, point.id, &new, holder).await?;
    Ok(see_other(&point_path(&process, &point)))
}

#[post("/beheer/processen/{id}/actiepunten/{point}/voortgang")]
async fn add_update(
    o: Organiser,
    path: web::Path<(ProcessId, ActionPointId)>,
    form: Form,
) -> WebResult<HttpResponse> {
    let (process, point) = find_point(&o.ctx, path.into_inner()).await?;
    let typed = typed_update(&form);
    let update = match parse_update(&typed) {
        Ok(update) => update,
        Err(errors) => {
            let errors = FormErrors::from_fields_with_prefix(o.ctx.lang, &errors, "u-", |f| {
                point_label(&o.ctx, f)
            });
            let typing = Typing {
                typed: Some(typed),
                ..Typing::default()
            };
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return render_point_editing(&o, (&process, &point), typing, &errors, status).await;
        }
    };
    let subject = format!("action point {} progress", point.id);
    progress::record_update(&o.ctx, &point, &update, o.user.id, subject).await?;
    Ok(see_other(&point_path(&process, &point)))
}

/// An organiser corrects a progress update (anyone's, an action holder's too).
#[post("/beheer/processen/{id}/actiepunten/{point}/voortgang/{update}")]
async fn edit_update(
    o: Organiser,
    path: web::Path<(ProcessId, ActionPointId, i64)>,
    form: Form,
) -> WebResult<HttpResponse> {
    let (process, point, update) = path.into_inner();
    let (process, point) = find_point(&o.ctx, (process, point)).await?;
    let parsed = parse_update(&typed_update(&form));
    let new = match parsed {
        Ok(new) => new,
        Err(errors) => {
            let prefix = format!("e{update}-");
            let errors = FormErrors::from_fields_with_prefix(o.ctx.lang, &errors, &prefix, |f| {
                point_label(&o.ctx, f)
            });
            let editing = view::Editing {
                update,
                on: get(&form, "on"),
                body: get(&form, "body"),
                body_translation: get(&form, "body_translation"),
            };
            let typing = Typing {
                editing: Some(editing),
                ..Typing::default()
            };
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return render_point_editing(&o, (&process, &point), typing, &errors, status).await;
        }
    };
    progress::edit_update(&o.ctx, &point, update, &new).await?;
    Ok(see_other(&format!(
        "{}#voortgang-{update}",
        point_path(&process, &point)
    )))
}

/// An organiser hides a progress update from the public pages (`hidden=1`) or shows it again.
#[post("/beheer/processen/{id}/actiepunten/{point}/voortgang/{update}/zichtbaarheid")]
async fn update_visibility(
    o: Organiser,
    path: web::Path<(ProcessId, ActionPointId, i64)>,
    form: Form,
) -> WebResult<HttpResponse> {
    let (process, point, update) = path.into_inner();
    let (process, point) = find_point(&o.ctx, (process, point)).await?;
    let hidden = match get(&form, "hidden") {
        "1" => true,
        "0" => false,
        _ => return Err(WebError::BadRequest),
    };
    progress::set_update_hidden(&o.ctx, point.id, update, hidden).await?;
    Ok(see_other(&format!(
        "{}#voortgang-{update}",
        point_path(&process, &point)
    )))
}

/// The action holder's home; `typing`: what was typed in a form that came back.
pub(super) async fn render_holder(
    h: &Holder,
    errors: &FormErrors,
    typing: view::HolderTyping<'_>,
    status: StatusCode,
) -> WebResult<HttpResponse> {
    let conn = h.ctx.state.db.read();
    let mut points = Vec::new();
    let mut ids = Vec::new();
    for point in action_points::list_for_holder(conn, h.user.id).await? {
        let updates = action_points::all_updates(conn, point.id).await?;
        ids.extend(updates.iter().map(|u| ProgressUpdateId(u.id)));
        points.push((point, updates));
    }
    let documents = publications::documents_of_updates(conn, &ids).await?;
    Ok(html_with_status(
        status,
        view::holder_page(&h.ctx, &points, &documents, errors, typing),
    ))
}

#[get("/actiehouder")]
async fn holder_page(h: Holder) -> WebResult<HttpResponse> {
    let typing = view::HolderTyping::default();
    render_holder(&h, &FormErrors::default(), typing, StatusCode::OK).await
}

/// The fields of a progress update form as typed.
fn typed_update(form: &HashMap<String, String>) -> view::TypedUpdate<'_> {
    view::TypedUpdate {
        on: get(form, "on"),
        body: get(form, "body"),
        body_translation: get(form, "body_translation"),
    }
}

fn parse_update(typed: &view::TypedUpdate<'_>) -> Result<NewProgressUpdate, FieldErrors> {
    NewProgressUpdate::parse_translated(typed.on, typed.body, typed.body_translation)
}

#[post("/actiehouder/actiepunten/{id}/voortgang")]
async fn holder_update(
    h: Holder,
    id: web::Path<ActionPointId>,
    form: Form,
) -> WebResult<HttpResponse> {
    let ctx = &h.ctx;
    // Only the action points linked to this account; any other id is 403, not a hint it exists.
    let point = action_points::find_any(ctx.state.db.read(), *id)
        .await?
        .filter(|p| p.holder_user == Some(h.user.id))
        .ok_or(WebError::Forbidden)?;
    let typed = typed_update(&form);
    let update = match parse_update(&typed) {
        Ok(update) => update,
        Err(errors) => {
            let errors = FormErrors::from_fields_with_prefix(
                ctx.lang,
                &errors,
                &format!("a{}-", point.id),
                |f| point_label(ctx, f),
            );
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            let typing = view::HolderTyping {
                update: Some((point.id, typed)),
                attaching: None,
            };
            return render_holder(&h, &errors, typing, status).await;
        }
    };
    let subject = format!("action point {} progress by holder", point.id);
    progress::record_update(ctx, &point, &update, h.user.id, subject).await?;
    Ok(see_other("/actiehouder"))
}
