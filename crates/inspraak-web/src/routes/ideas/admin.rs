//! Organiser pages: idea settings (idea phase, pre- or post-moderation), the moderation queue
//! (new ideas, flagged comments; approve or hide with a reason, kept), idea status with its
//! public explanation (a mail to a consenting submitter, queued in the same transaction), action
//! points with progress updates, and forum invitations. Plus the action holder's own page.
//! Every change leaves an audit row.

use super::Holder;
use crate::audit;
use crate::auth::guard::Organiser;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::i18n::{Lang, common, fill, ideas as texts};
use crate::routes::{WebResult, html_with_status, see_other};
use crate::views::components::FormErrors;
use crate::views::ideas::admin as view;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use chrono::Duration;
use inspraak_domain::ideas::{
    Explanation, IdeaStatus, Moderation, ModerationReason, NewActionPoint, NewProgressUpdate,
    RawActionPoint, Visibility,
};
use inspraak_domain::{
    ActionPointId, AuditAction, CommentId, Email, FieldErrors, IdeaId, PhaseId, ProcessId, Role,
    UserId,
};
use inspraak_store::ideas::action_points::{self, ActionPoint};
use inspraak_store::ideas::{self, Settings, forum};
use inspraak_store::outbox::{self, NewMail};
use inspraak_store::processes::{self, Process};
use inspraak_store::{StoreError, tokens, users};
use std::collections::HashMap;

/// How long a forum invitation link works.
pub const INVITATION_DAYS: i64 = 7;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(ideas_page)
        .service(save_settings)
        .service(moderate_idea)
        .service(set_status)
        .service(moderate_comment)
        .service(points_page)
        .service(create_point)
        .service(point_page)
        .service(update_point)
        .service(add_update)
        .service(forum_page)
        .service(invite)
        .service(holder_page)
        .service(holder_update);
}

type Form = web::Form<HashMap<String, String>>;

fn get<'a>(form: &'a HashMap<String, String>, name: &str) -> &'a str {
    form.get(name).map_or("", String::as_str)
}

async fn process(ctx: &Ctx, id: i64) -> WebResult<Process> {
    processes::find(ctx.state.db.read(), ProcessId(id))
        .await?
        .ok_or(WebError::NotFound)
}

async fn render_ideas(
    o: &Organiser,
    process: &Process,
    errors: &FormErrors,
    status: StatusCode,
) -> WebResult<HttpResponse> {
    let conn = o.ctx.state.db.read();
    let settings = ideas::settings(conn, process.id).await?;
    let phases = processes::phases(conn, process.id).await?;
    let queue = ideas::moderation_queue(conn, process.id).await?;
    let all = ideas::all_for_process(conn, process.id).await?;
    let points = action_points::list_for_process(conn, process.id).await?;
    let flagged = forum::flagged(conn).await?;
    let page = view::ideas_admin(
        &o.ctx,
        &view::IdeasAdminView {
            process,
            settings,
            phases: &phases,
            queue: &queue,
            ideas: &all,
            points: &points,
            flagged: &flagged,
            errors,
        },
    );
    Ok(html_with_status(status, page))
}

#[get("/beheer/processen/{id}/ideeen")]
async fn ideas_page(o: Organiser, id: web::Path<i64>) -> WebResult<HttpResponse> {
    let process = process(&o.ctx, *id).await?;
    render_ideas(&o, &process, &FormErrors::default(), StatusCode::OK).await
}

fn ideas_path(process: ProcessId) -> String {
    format!("/beheer/processen/{process}/ideeen")
}

#[post("/beheer/processen/{id}/ideeen/instellingen")]
async fn save_settings(o: Organiser, id: web::Path<i64>, form: Form) -> WebResult<HttpResponse> {
    let process = process(&o.ctx, *id).await?;
    let phases = processes::phases(o.ctx.state.db.read(), process.id).await?;
    let phase = get(&form, "phase").parse::<i64>().ok().map(PhaseId);
    let phase = phase.filter(|p| phases.iter().any(|x| x.id == *p));
    let moderation = Moderation::parse(get(&form, "moderation")).unwrap_or(Moderation::Pre);
    let txn = o.ctx.state.db.begin().await?;
    ideas::save_settings(&txn, process.id, Settings { phase, moderation }).await?;
    audit::record(
        &txn,
        &o.ctx,
        None,
        AuditAction::ProcessUpdated,
        Some(format!("process {} idea settings", process.id)),
    )
    .await?;
    txn.commit().await.map_err(StoreError::from)?;
    Ok(see_other(&ideas_path(process.id)))
}

/// Reads approve/hide and the reason (required for hiding).
fn moderation_choice(
    lang: Lang,
    form: &HashMap<String, String>,
) -> Result<(bool, Option<String>), FormErrors> {
    let hide = get(form, "action") == "hide";
    let reason = get(form, "reason");
    if reason.trim().is_empty() {
        if hide {
            let mut errors = FormErrors::default();
            errors.push("reason", texts::texts(lang).need_reason.to_owned());
            return Err(errors);
        }
        return Ok((false, None));
    }
    match ModerationReason::parse(reason) {
        Ok(reason) => Ok((hide, Some(reason.into_string()))),
        Err(e) => {
            let mut errors = FormErrors::default();
            errors.push(
                "reason",
                common::problem_message(lang, e.into(), texts::texts(lang).reason),
            );
            Err(errors)
        }
    }
}

#[post("/beheer/processen/{id}/ideeen/{idea}/moderatie")]
async fn moderate_idea(
    o: Organiser,
    path: web::Path<(i64, i64)>,
    form: Form,
) -> WebResult<HttpResponse> {
    let process = process(&o.ctx, path.0).await?;
    let (hide, reason) = match moderation_choice(o.ctx.lang, &form) {
        Ok(choice) => choice,
        Err(errors) => {
            return render_ideas(&o, &process, &errors, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let visibility = if hide {
        Visibility::Hidden
    } else {
        Visibility::Public
    };
    let idea = IdeaId(path.1);
    let txn = o.ctx.state.db.begin().await?;
    ideas::moderate(
        &txn,
        process.id,
        idea,
        visibility,
        reason.as_deref(),
        o.user.id,
        o.ctx.now,
    )
    .await?;
    audit::record(
        &txn,
        &o.ctx,
        None,
        AuditAction::ContentModerated,
        Some(format!("idea {idea} {}", visibility.as_str())),
    )
    .await?;
    txn.commit().await.map_err(StoreError::from)?;
    Ok(see_other(&ideas_path(process.id)))
}

fn status_mail(
    ctx: &Ctx,
    process: &Process,
    title: &str,
    status: IdeaStatus,
    explanation: Option<&str>,
    idea: IdeaId,
    to: Email,
) -> NewMail {
    // Mail goes out in Dutch: the submitter's language is not stored.
    let t = texts::texts(Lang::Nl);
    let link = format!(
        "{}/processen/{}/ideeen/{idea}",
        ctx.state.settings.base_url, process.slug
    );
    NewMail {
        recipient: to,
        subject: fill(t.status_mail_subject, &[("title", title)]),
        body_text: fill(
            t.status_mail_body,
            &[
                ("title", title),
                ("status", texts::idea_status(Lang::Nl, status)),
                ("explanation", explanation.unwrap_or("")),
                ("link", &link),
            ],
        ),
        attachment: None,
        dedupe_key: None,
    }
}

#[post("/beheer/processen/{id}/ideeen/{idea}/status")]
async fn set_status(
    o: Organiser,
    path: web::Path<(i64, i64)>,
    form: Form,
) -> WebResult<HttpResponse> {
    let ctx = &o.ctx;
    let t = texts::texts(ctx.lang);
    let process = process(ctx, path.0).await?;
    let id = IdeaId(path.1);
    let idea = ideas::find(ctx.state.db.read(), process.id, id)
        .await?
        .ok_or(WebError::NotFound)?;
    let mut errors = FieldErrors::default();
    let status = errors.take(
        "status",
        IdeaStatus::parse(get(&form, "status")).ok_or(inspraak_domain::Problem::Invalid),
    );
    let explanation = errors.take("explanation", Explanation::parse(get(&form, "explanation")));
    let point = get(&form, "action_point")
        .parse::<i64>()
        .ok()
        .map(ActionPointId);
    let (Some(status), Some(explanation)) = (status, explanation) else {
        let errors = FormErrors::from_fields(ctx.lang, &errors, |f| {
            if f == "status" {
                t.status
            } else {
                t.explanation
            }
            .to_owned()
        });
        return render_ideas(&o, &process, &errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let txn = ctx.state.db.begin().await?;
    let contact = match ideas::set_status(
        &txn,
        process.id,
        id,
        status,
        explanation.as_deref(),
        point,
        ctx.now,
    )
    .await
    {
        Ok(contact) => contact,
        Err(StoreError::Conflict(_)) => {
            drop(txn);
            let mut errors = FormErrors::default();
            errors.push(
                &format!("s{id}-action_point"),
                t.need_action_point.to_owned(),
            );
            return render_ideas(&o, &process, &errors, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
        Err(other) => return Err(other.into()),
    };
    // Only a real change is news for the submitter.
    if let Some(to) = contact.filter(|_| status != idea.status || point != idea.action_point) {
        let mail = status_mail(
            ctx,
            &process,
            &idea.title,
            status,
            explanation.as_deref(),
            id,
            to,
        );
        outbox::enqueue(&txn, &mail, ctx.now).await?;
    }
    audit::record(
        &txn,
        ctx,
        None,
        AuditAction::ContentModerated,
        Some(format!("idea {id} status {}", status.as_str())),
    )
    .await?;
    txn.commit().await.map_err(StoreError::from)?;
    Ok(see_other(&ideas_path(process.id)))
}

#[post("/beheer/reacties/{id}/moderatie")]
async fn moderate_comment(o: Organiser, id: web::Path<i64>, form: Form) -> WebResult<HttpResponse> {
    let ctx = &o.ctx;
    let comment = forum::find_comment(ctx.state.db.read(), CommentId(*id))
        .await?
        .ok_or(WebError::NotFound)?;
    let (hide, reason) = match moderation_choice(ctx.lang, &form) {
        Ok(choice) => choice,
        Err(errors) => {
            let t = texts::texts(ctx.lang);
            let page = crate::views::layout::page(
                ctx,
                t.flagged_title,
                maud::html! {
                    h1 { (t.flagged_title) }
                    (crate::views::components::error_summary(ctx.lang, &errors))
                    p { a href="/beheer" { (common::texts(ctx.lang).nav_admin) } }
                },
            );
            return Ok(html_with_status(StatusCode::UNPROCESSABLE_ENTITY, page));
        }
    };
    let txn = ctx.state.db.begin().await?;
    forum::moderate_comment(&txn, comment.id, hide, reason.as_deref()).await?;
    let verdict = if hide { "hidden" } else { "kept" };
    audit::record(
        &txn,
        ctx,
        None,
        AuditAction::ContentModerated,
        Some(format!("comment {} {verdict}", comment.id)),
    )
    .await?;
    txn.commit().await.map_err(StoreError::from)?;
    Ok(see_other("/beheer"))
}

fn point_values(point: &ActionPoint, holder_email: &str) -> HashMap<String, String> {
    [
        ("title", point.title.clone()),
        ("description", point.description.clone()),
        (
            "theme",
            point.theme_id.map(|t| t.to_string()).unwrap_or_default(),
        ),
        ("holder", point.holder.clone()),
        ("holder_account", holder_email.to_owned()),
        ("partners", point.partners.clone().unwrap_or_default()),
        ("status", point.status.as_str().to_owned()),
        ("findings", point.findings.clone().unwrap_or_default()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

fn point_label(lang: Lang, field: &str) -> String {
    let t = texts::texts(lang);
    match field {
        "title" => t.title,
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
    let themes = processes::themes(ctx.state.db.read(), process.id).await?;
    let ids: Vec<_> = themes.iter().map(|t| t.id).collect();
    let raw = RawActionPoint {
        theme: get(form, "theme"),
        title: get(form, "title"),
        description: get(form, "description"),
        holder: get(form, "holder"),
        partners: get(form, "partners"),
        status: get(form, "status"),
        findings: get(form, "findings"),
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
            point_label(ctx.lang, f)
        })));
    }
    match NewActionPoint::parse(&raw, &ids) {
        Ok(point) => Ok(Ok((point, holder))),
        Err(errors) => Ok(Err(FormErrors::from_fields(ctx.lang, &errors, |f| {
            point_label(ctx.lang, f)
        }))),
    }
}

async fn render_points(
    o: &Organiser,
    process: &Process,
    values: &HashMap<String, String>,
    errors: &FormErrors,
    status: StatusCode,
) -> WebResult<HttpResponse> {
    let conn = o.ctx.state.db.read();
    let themes = processes::themes(conn, process.id).await?;
    let points = action_points::list_for_process(conn, process.id).await?;
    Ok(html_with_status(
        status,
        view::points_admin(&o.ctx, process, &themes, &points, values, errors),
    ))
}

#[get("/beheer/processen/{id}/actiepunten")]
async fn points_page(o: Organiser, id: web::Path<i64>) -> WebResult<HttpResponse> {
    let process = process(&o.ctx, *id).await?;
    render_points(
        &o,
        &process,
        &HashMap::new(),
        &FormErrors::default(),
        StatusCode::OK,
    )
    .await
}

#[post("/beheer/processen/{id}/actiepunten")]
async fn create_point(o: Organiser, id: web::Path<i64>, form: Form) -> WebResult<HttpResponse> {
    let process = process(&o.ctx, *id).await?;
    let (point, holder) = match parse_point(&o.ctx, &process, &form).await? {
        Ok(parsed) => parsed,
        Err(errors) => {
            return render_points(
                &o,
                &process,
                &form,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let txn = o.ctx.state.db.begin().await?;
    let new = action_points::insert(&txn, process.id, &point, holder, o.ctx.now).await?;
    audit::record(
        &txn,
        &o.ctx,
        None,
        AuditAction::ProcessUpdated,
        Some(format!("action point {new} created")),
    )
    .await?;
    txn.commit().await.map_err(StoreError::from)?;
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
    let conn = o.ctx.state.db.read();
    let themes = processes::themes(conn, process.id).await?;
    let updates = action_points::updates(conn, point.id).await?;
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
            values: values.unwrap_or(&own),
            errors,
        },
    );
    Ok(html_with_status(status, page))
}

async fn find_point(ctx: &Ctx, process: &Process, id: i64) -> WebResult<ActionPoint> {
    action_points::find(ctx.state.db.read(), process.id, ActionPointId(id))
        .await?
        .ok_or(WebError::NotFound)
}

#[get("/beheer/processen/{id}/actiepunten/{point}")]
async fn point_page(o: Organiser, path: web::Path<(i64, i64)>) -> WebResult<HttpResponse> {
    let process = process(&o.ctx, path.0).await?;
    let point = find_point(&o.ctx, &process, path.1).await?;
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
    path: web::Path<(i64, i64)>,
    form: Form,
) -> WebResult<HttpResponse> {
    let process = process(&o.ctx, path.0).await?;
    let point = find_point(&o.ctx, &process, path.1).await?;
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
    let txn = o.ctx.state.db.begin().await?;
    action_points::update(&txn, process.id, point.id, &new, holder, o.ctx.now).await?;
    audit::record(
        &txn,
        &o.ctx,
        None,
        AuditAction::ProcessUpdated,
        Some(format!("action point {} updated", point.id)),
    )
    .await?;
    txn.commit().await.map_err(StoreError::from)?;
    Ok(see_other(&format!(
        "/beheer/processen/{}/actiepunten/{}",
        process.id, point.id
    )))
}

#[post("/beheer/processen/{id}/actiepunten/{point}/voortgang")]
async fn add_update(
    o: Organiser,
    path: web::Path<(i64, i64)>,
    form: Form,
) -> WebResult<HttpResponse> {
    let process = process(&o.ctx, path.0).await?;
    let point = find_point(&o.ctx, &process, path.1).await?;
    let update = match NewProgressUpdate::parse(get(&form, "on"), get(&form, "body")) {
        Ok(update) => update,
        Err(errors) => {
            let errors = FormErrors::from_fields_with_prefix(o.ctx.lang, &errors, "u-", |f| {
                point_label(o.ctx.lang, f)
            });
            return render_point(
                &o,
                &process,
                &point,
                None,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let txn = o.ctx.state.db.begin().await?;
    let update_id =
        action_points::add_update(&txn, point.id, &update, Some(o.user.id), o.ctx.now).await?;
    crate::routes::publications::notify_action_point_update(&txn, &o.ctx, &point, update_id)
        .await?;
    inspraak_store::traceability::notices::queue_progress(
        &txn,
        point.id,
        &update_id.to_string(),
        o.ctx.now,
    )
    .await?;
    audit::record(
        &txn,
        &o.ctx,
        None,
        AuditAction::ProcessUpdated,
        Some(format!("action point {} progress", point.id)),
    )
    .await?;
    txn.commit().await.map_err(StoreError::from)?;
    Ok(see_other(&format!(
        "/beheer/processen/{}/actiepunten/{}",
        process.id, point.id
    )))
}

#[derive(serde::Deserialize)]
struct SentQuery {
    verstuurd: Option<String>,
}

#[get("/beheer/forum")]
async fn forum_page(o: Organiser, query: web::Query<SentQuery>) -> HttpResponse {
    let page = view::forum_admin(
        &o.ctx,
        query.verstuurd.is_some(),
        "",
        &FormErrors::default(),
    );
    html_with_status(StatusCode::OK, page)
}

#[post("/beheer/forum/uitnodigen")]
async fn invite(o: Organiser, form: Form) -> WebResult<HttpResponse> {
    let ctx = &o.ctx;
    let t = texts::texts(ctx.lang);
    let email = match Email::parse(get(&form, "email")) {
        Ok(email) => email,
        Err(e) => {
            let mut errors = FormErrors::default();
            errors.push(
                "email",
                common::problem_message(ctx.lang, e.into(), t.invite_email),
            );
            let page = view::forum_admin(ctx, false, get(&form, "email"), &errors);
            return Ok(html_with_status(StatusCode::UNPROCESSABLE_ENTITY, page));
        }
    };
    let token = tokens::new_token();
    let txn = ctx.state.db.begin().await?;
    let id = forum::invite(
        &txn,
        &email,
        &tokens::hash_token(&token),
        o.user.id,
        ctx.now,
        ctx.now + Duration::days(INVITATION_DAYS),
    )
    .await?;
    let link = format!("{}/forum/uitnodiging/{token}", ctx.state.settings.base_url);
    let mail = NewMail {
        recipient: email,
        subject: t.invite_mail_subject.to_owned(),
        body_text: fill(t.invite_mail_body, &[("link", &link)]),
        attachment: None,
        dedupe_key: None,
    };
    outbox::enqueue(&txn, &mail, ctx.now).await?;
    audit::record(
        &txn,
        ctx,
        None,
        AuditAction::RoleChanged,
        Some(format!("forum invitation {id} sent")),
    )
    .await?;
    txn.commit().await.map_err(StoreError::from)?;
    Ok(see_other("/beheer/forum?verstuurd=1"))
}

async fn render_holder(
    h: &Holder,
    errors: &FormErrors,
    status: StatusCode,
) -> WebResult<HttpResponse> {
    let conn = h.ctx.state.db.read();
    let mut points = Vec::new();
    for point in action_points::list_for_holder(conn, h.user.id).await? {
        let updates = action_points::updates(conn, point.id).await?;
        points.push((point, updates));
    }
    Ok(html_with_status(
        status,
        view::holder_page(&h.ctx, &points, errors),
    ))
}

#[get("/actiehouder")]
async fn holder_page(h: Holder) -> WebResult<HttpResponse> {
    render_holder(&h, &FormErrors::default(), StatusCode::OK).await
}

#[post("/actiehouder/actiepunten/{id}/voortgang")]
async fn holder_update(h: Holder, id: web::Path<i64>, form: Form) -> WebResult<HttpResponse> {
    let ctx = &h.ctx;
    // Only the action points linked to this account; any other id is 403, not a hint it exists.
    let point = action_points::find_any(ctx.state.db.read(), ActionPointId(*id))
        .await?
        .filter(|p| p.holder_user == Some(h.user.id))
        .ok_or(WebError::Forbidden)?;
    let update = match NewProgressUpdate::parse(get(&form, "on"), get(&form, "body")) {
        Ok(update) => update,
        Err(errors) => {
            let errors = FormErrors::from_fields_with_prefix(
                ctx.lang,
                &errors,
                &format!("a{}-", point.id),
                |f| point_label(ctx.lang, f),
            );
            return render_holder(&h, &errors, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let txn = ctx.state.db.begin().await?;
    let update_id =
        action_points::add_update(&txn, point.id, &update, Some(h.user.id), ctx.now).await?;
    crate::routes::publications::notify_action_point_update(&txn, ctx, &point, update_id).await?;
    inspraak_store::traceability::notices::queue_progress(
        &txn,
        point.id,
        &update_id.to_string(),
        ctx.now,
    )
    .await?;
    audit::record(
        &txn,
        ctx,
        None,
        AuditAction::ProcessUpdated,
        Some(format!("action point {} progress by holder", point.id)),
    )
    .await?;
    txn.commit().await.map_err(StoreError::from)?;
    Ok(see_other("/actiehouder"))
}
