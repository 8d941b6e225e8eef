//! The stakeholder forum: accepting an invitation (single use, expiring, token hashed), and a
//! member's comments — post, reply one level deep, edit within the window, flag.

use super::Member;
use crate::audit;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::flows::comments::{self as flows, Edited, Joined, Posted};
use crate::i18n::{common, ideas as texts};
use crate::routes::auth::step_up;
use crate::routes::{WebResult, html_with_status, see_other};
use crate::views::components::FormErrors;
use crate::views::ideas::{admin as admin_view, comments as view};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use inspraak_domain::ideas::{CommentBody, NewMember, Visibility};
use inspraak_domain::{ActionPointId, AuditAction, CommentId, IdeaId};
use inspraak_store::ideas::forum::{self, CommentSubject};
use inspraak_store::ideas::{self, action_points};
use inspraak_store::login_sessions::Stage;
use inspraak_store::{ConnectionTrait, process};
use std::collections::HashMap;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(invitation_page)
        .service(accept_invitation)
        .service(post_comment)
        .service(edit_page)
        .service(edit)
        .service(flag);
}

fn parse_target(raw: &str) -> Option<CommentSubject> {
    let (kind, id) = raw.split_once('-')?;
    let id = id.parse::<i64>().ok()?;
    match kind {
        "idee" => Some(CommentSubject::Idea(IdeaId(id))),
        "actiepunt" => Some(CommentSubject::ActionPoint(ActionPointId(id))),
        _ => None,
    }
}

/// The public page a comment's target lives on; `None` when it is not there (or not public).
async fn target_path(
    conn: &impl ConnectionTrait,
    target: CommentSubject,
) -> WebResult<Option<String>> {
    let (process, path) = match target {
        CommentSubject::Idea(id) => match ideas::find_by_id(conn, id).await? {
            Some(idea) if idea.visibility == Visibility::Public => {
                (idea.process_id, format!("ideeen/{id}"))
            }
            _ => return Ok(None),
        },
        CommentSubject::ActionPoint(id) => match action_points::find_any(conn, id).await? {
            Some(point) => (point.process_id, format!("actiepunten/{id}")),
            None => return Ok(None),
        },
    };
    Ok(process::find(conn, process)
        .await?
        .filter(|p| p.status.is_public())
        .map(|p| format!("/processen/{}/{path}", p.slug)))
}

#[derive(serde::Deserialize)]
struct CommentForm {
    target: String,
    parent: Option<String>,
    body: String,
}

#[post("/forum/reacties")]
async fn post_comment(member: Member, form: web::Form<CommentForm>) -> WebResult<HttpResponse> {
    let ctx = &member.ctx;
    let target = parse_target(&form.target).ok_or(WebError::NotFound)?;
    let conn = ctx.state.db.read();
    let back = target_path(conn, target).await?.ok_or(WebError::NotFound)?;
    let parent = match form.parent.as_deref().filter(|p| !p.is_empty()) {
        Some(raw) => Some(CommentId(raw.parse().map_err(|_| WebError::BadRequest)?)),
        None => None,
    };
    let body = match CommentBody::parse(&form.body) {
        Ok(body) => body,
        Err(error) => {
            // A comment form sits under every comment; show the problem on a page of its own,
            // with the text kept.
            let t = texts::texts(ctx.lang);
            let mut errors = FormErrors::default();
            errors.push(
                "body",
                common::problem_message(ctx.lang, error.into(), t.comment_label),
            );
            let parent = parent.map(|p| p.0);
            let page = view::retry_page(ctx, &form.target, parent, &form.body, &back, &errors);
            return Ok(html_with_status(StatusCode::UNPROCESSABLE_ENTITY, page));
        }
    };
    match flows::post(ctx, member.user.id, target, parent, &body).await? {
        Posted::Comment(id) => Ok(see_other(&format!("{back}#reactie-{id}"))),
        Posted::BadParent => Err(WebError::BadRequest),
    }
}

async fn own_comment(member: &Member, id: CommentId) -> WebResult<(forum::Comment, String)> {
    let conn = member.ctx.state.db.read();
    let comment = forum::find_comment(conn, id)
        .await?
        .filter(|c| c.author == member.user.id && c.visibility == Visibility::Public)
        .ok_or(WebError::NotFound)?;
    let back = target_path(conn, comment.target)
        .await?
        .ok_or(WebError::NotFound)?;
    Ok((comment, back))
}

fn too_late(ctx: &Ctx, comment: &forum::Comment, value: &str, back: &str) -> HttpResponse {
    let mut errors = FormErrors::default();
    errors.push("body", texts::texts(ctx.lang).edit_too_late.to_owned());
    html_with_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        view::edit_page(ctx, comment, value, back, &errors),
    )
}

#[get("/forum/reacties/{id}/bewerken")]
async fn edit_page(member: Member, id: web::Path<CommentId>) -> WebResult<HttpResponse> {
    let (comment, back) = own_comment(&member, *id).await?;
    let ctx = &member.ctx;
    if !inspraak_domain::ideas::can_edit(comment.created_at, ctx.now) {
        return Ok(too_late(ctx, &comment, &comment.body, &back));
    }
    let page = view::edit_page(ctx, &comment, &comment.body, &back, &FormErrors::default());
    Ok(html_with_status(StatusCode::OK, page))
}

#[derive(serde::Deserialize)]
struct EditForm {
    body: String,
}

#[post("/forum/reacties/{id}/bewerken")]
async fn edit(
    member: Member,
    id: web::Path<CommentId>,
    form: web::Form<EditForm>,
) -> WebResult<HttpResponse> {
    let (comment, back) = own_comment(&member, *id).await?;
    let ctx = &member.ctx;
    let body = match CommentBody::parse(&form.body) {
        Ok(body) => body,
        Err(error) => {
            let mut errors = FormErrors::default();
            let label = texts::texts(ctx.lang).comment_label;
            errors.push(
                "body",
                common::problem_message(ctx.lang, error.into(), label),
            );
            let page = view::edit_page(ctx, &comment, &form.body, &back, &errors);
            return Ok(html_with_status(StatusCode::UNPROCESSABLE_ENTITY, page));
        }
    };
    Ok(
        match flows::edit(ctx, member.user.id, comment.id, &body).await? {
            Edited::Saved => see_other(&format!("{back}#reactie-{}", comment.id)),
            Edited::TooLate => too_late(ctx, &comment, &form.body, &back),
        },
    )
}

#[post("/forum/reacties/{id}/melden")]
async fn flag(member: Member, id: web::Path<CommentId>) -> WebResult<HttpResponse> {
    let ctx = &member.ctx;
    let conn = ctx.state.db.read();
    let comment = forum::find_comment(conn, *id)
        .await?
        .ok_or(WebError::NotFound)?;
    let back = target_path(conn, comment.target)
        .await?
        .ok_or(WebError::NotFound)?;
    flows::flag(ctx, member.user.id, comment.id).await?;
    Ok(see_other(&format!("{back}#reactie-{}", comment.id)))
}

#[get("/forum/uitnodiging/{token}")]
async fn invitation_page(ctx: Ctx, token: web::Path<String>) -> WebResult<HttpResponse> {
    Ok(match flows::open_invitation(&ctx, &token).await? {
        Some(_) => html_with_status(
            StatusCode::OK,
            admin_view::invite_page(&ctx, &token, &HashMap::new(), &FormErrors::default()),
        ),
        None => html_with_status(StatusCode::GONE, admin_view::invite_invalid(&ctx)),
    })
}

#[post("/forum/uitnodiging/{token}")]
async fn accept_invitation(
    ctx: Ctx,
    req: HttpRequest,
    token: web::Path<String>,
    form: web::Form<HashMap<String, String>>,
) -> WebResult<HttpResponse> {
    let Some(invitation) = flows::open_invitation(&ctx, &token).await? else {
        return Ok(html_with_status(
            StatusCode::GONE,
            admin_view::invite_invalid(&ctx),
        ));
    };
    let values = form.into_inner();
    let get = |name: &str| values.get(name).map_or("", String::as_str);
    let member = match NewMember::parse(get("name"), get("organisation"), get("password")) {
        Ok(member) => member,
        Err(errors) => {
            let t = texts::texts(ctx.lang);
            let errors = FormErrors::from_fields(ctx.lang, &errors, |field| {
                match field {
                    "name" => t.name,
                    "organisation" => t.organisation,
                    _ => t.password,
                }
                .to_owned()
            });
            let page = admin_view::invite_page(&ctx, &token, &values, &errors);
            return Ok(html_with_status(StatusCode::UNPROCESSABLE_ENTITY, page));
        }
    };
    let actor = match flows::join(&ctx, &invitation, &member).await? {
        Joined::Member(account) => account,
        Joined::AddressTaken => {
            let page = admin_view::invite_invalid(&ctx);
            return Ok(html_with_status(StatusCode::GONE, page));
        }
    };
    // The new member chose their password a moment ago (forum members log in with a password
    // only): they are logged in at once, in a new session, and welcomed on the forum home.
    let Some(user) = actor else {
        return Ok(see_other("/inloggen?next=/forum"));
    };
    audit::record(
        ctx.state.db.write(),
        &ctx,
        Some(&user),
        AuditAction::LoginSucceeded,
        None,
    )
    .await?;
    step_up(&ctx, &req, &user, Stage::Full, "/forum?welkom=1").await
}
