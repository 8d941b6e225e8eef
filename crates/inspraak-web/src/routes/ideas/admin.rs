//! Organiser pages: idea settings (idea phase, pre- or post-moderation), the moderation queue
//! (new ideas, flagged comments; approve or hide with a reason, kept), idea status with its
//! public explanation (a mail to a consenting submitter, queued in the same transaction) and
//! forum invitations. Action points are in [`super::action_points`]. Every change leaves an
//! audit row.

use crate::auth::guard::Organiser;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::flows::moderation::{self as flows, StatusOutcome};
use crate::i18n::{Lang, common, ideas as texts};
use crate::routes::{WebResult, html_with_status, see_other};
use crate::views::components::FormErrors;
use crate::views::ideas::admin as view;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use inspraak_domain::ideas::{Explanation, IdeaStatus, Moderation, ModerationReason};
use inspraak_domain::{ActionPointId, CommentId, Email, FieldErrors, IdeaId, PhaseId, ProcessId};
use inspraak_store::ideas::action_points;
use inspraak_store::ideas::{self, Settings, forum};
use inspraak_store::process::{self, Process};
use std::collections::HashMap;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(ideas_page)
        .service(save_settings)
        .service(moderate_idea)
        .service(set_status)
        .service(moderate_comment)
        .service(forum_page)
        .service(invite);
}

pub(super) type Form = web::Form<HashMap<String, String>>;

pub(super) fn get<'a>(form: &'a HashMap<String, String>, name: &str) -> &'a str {
    form.get(name).map_or("", String::as_str)
}

pub(super) async fn process(ctx: &Ctx, id: ProcessId) -> WebResult<Process> {
    crate::read::lookup::process(ctx.state.db.read(), id).await
}

async fn render_ideas(
    o: &Organiser,
    process: &Process,
    errors: &FormErrors,
    status: StatusCode,
) -> WebResult<HttpResponse> {
    let conn = o.ctx.state.db.read();
    let settings = ideas::settings(conn, process.id).await?;
    let phases = process::phases(conn, process.id).await?;
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
async fn ideas_page(o: Organiser, id: web::Path<ProcessId>) -> WebResult<HttpResponse> {
    let process = process(&o.ctx, *id).await?;
    render_ideas(&o, &process, &FormErrors::default(), StatusCode::OK).await
}

fn ideas_path(process: ProcessId) -> String {
    format!("/beheer/processen/{process}/ideeen")
}

#[post("/beheer/processen/{id}/ideeen/instellingen")]
async fn save_settings(
    o: Organiser,
    id: web::Path<ProcessId>,
    form: Form,
) -> WebResult<HttpResponse> {
    let process = process(&o.ctx, *id).await?;
    let phases = process::phases(o.ctx.state.db.read(), process.id).await?;
    let phase = get(&form, "phase").parse::<i64>().ok().map(PhaseId);
    let phase = phase.filter(|p| phases.iter().any(|x| x.id == *p));
    let moderation = Moderation::parse(get(&form, "moderation")).unwrap_or(Moderation::Pre);
    flows::save_settings(&o.ctx, &process, Settings { phase, moderation }).await?;
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
    path: web::Path<(ProcessId, IdeaId)>,
    form: Form,
) -> WebResult<HttpResponse> {
    let process = process(&o.ctx, path.0).await?;
    let (hide, reason) = match moderation_choice(o.ctx.lang, &form) {
        Ok(choice) => choice,
        Err(errors) => {
            return render_ideas(&o, &process, &errors, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let verdict = flows::Verdict { hide, reason };
    flows::moderate_idea(&o.ctx, o.user.id, &process, path.1, verdict).await?;
    Ok(see_other(&ideas_path(process.id)))
}

#[post("/beheer/processen/{id}/ideeen/{idea}/status")]
async fn set_status(
    o: Organiser,
    path: web::Path<(ProcessId, IdeaId)>,
    form: Form,
) -> WebResult<HttpResponse> {
    let ctx = &o.ctx;
    let t = texts::texts(ctx.lang);
    let process = process(ctx, path.0).await?;
    let id = path.1;
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
    let change = flows::StatusChange {
        status,
        explanation,
        action_point: point,
    };
    match flows::set_idea_status(ctx, &process, &idea, change).await? {
        StatusOutcome::Changed => {}
        StatusOutcome::NeedsActionPoint => {
            let mut errors = FormErrors::default();
            errors.push(
                &format!("s{id}-action_point"),
                t.need_action_point.to_owned(),
            );
            return render_ideas(&o, &process, &errors, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    }
    Ok(see_other(&ideas_path(process.id)))
}

#[post("/beheer/reacties/{id}/moderatie")]
async fn moderate_comment(
    o: Organiser,
    id: web::Path<CommentId>,
    form: Form,
) -> WebResult<HttpResponse> {
    let ctx = &o.ctx;
    let comment = forum::find_comment(ctx.state.db.read(), *id)
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
    flows::moderate_comment(ctx, comment.id, flows::Verdict { hide, reason }).await?;
    Ok(see_other("/beheer"))
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
    flows::invite(ctx, o.user.id, email).await?;
    Ok(see_other("/beheer/forum?verstuurd=1"))
}
