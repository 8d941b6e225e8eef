//! Documents on a progress update (issue #24): the action holder attaches them on their home
//! (`/actiehouder`, only to updates of their own action points), an organiser on the action
//! point's page. The upload is the documents' one mechanism (`upload.rs`, `flows::documents`):
//! streamed, sniffed, row and file in one transaction; the form checks its CSRF token itself
//! (multipart). A refusal shows the page again (422) with the error at the update's form.

use super::Holder;
use super::action_points::{Typing, find_point, point_path, render_holder, render_point_editing};
use crate::auth::guard::Organiser;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::i18n::publications as texts;
use crate::routes::publications::admin::refusal_message;
use crate::routes::{WebResult, see_other};
use crate::upload::{self, Upload};
use crate::views::components::FormErrors;
use crate::views::ideas::admin::{Attaching, HolderTyping};
use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, post, web};
use inspraak_domain::{ActionPointId, NonEmptyText, ProcessId, ProgressUpdateId};
use inspraak_store::ideas::action_points::{self, ActionPoint, ProgressUpdate};
use inspraak_store::publications::{NewDocument, Owner};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(holder_attach).service(organiser_attach);
}

/// The update of `point` with this id (hidden ones too), or 404.
async fn find_update(ctx: &Ctx, point: &ActionPoint, update: i64) -> WebResult<ProgressUpdate> {
    action_points::all_updates(ctx.state.db.read(), point.id)
        .await?
        .into_iter()
        .find(|u| u.id == update)
        .ok_or(WebError::NotFound)
}

/// A refused document form: its errors (field names prefixed `d<update>-`) and what was typed
/// (title, language).
struct Refused {
    errors: FormErrors,
    title: String,
    language: String,
}

impl Refused {
    fn attaching(&self, update: i64) -> Attaching<'_> {
        Attaching {
            update,
            title: &self.title,
            language: &self.language,
        }
    }
}

/// Reads the upload and stores it as a document of `update`. Nothing of a refused file stays.
async fn attach(
    ctx: &Ctx,
    point: &ActionPoint,
    update: &ProgressUpdate,
    payload: Multipart,
) -> WebResult<Result<(), Refused>> {
    let settings = &ctx.state.settings;
    let received =
        upload::read(payload, &settings.documents_dir, settings.upload_max_bytes).await?;
    let result = store(ctx, point, update, &received).await;
    if !matches!(result, Ok(Ok(()))) {
        received.discard().await;
    }
    Ok(result?.map_err(|errors| Refused {
        errors,
        title: received.field("title").to_owned(),
        language: received.field("language").to_owned(),
    }))
}

async fn store(
    ctx: &Ctx,
    point: &ActionPoint,
    update: &ProgressUpdate,
    received: &Upload,
) -> WebResult<Result<(), FormErrors>> {
    let t = texts::texts(ctx.lang);
    let prefix = format!("d{}-", update.id);
    let mut errors = FormErrors::default();
    let token = received.field("csrf_token");
    if !ctx.state.keys.verify("csrf", &ctx.visitor_id, token) {
        errors.push(&format!("{prefix}file"), t.err_session_expired.to_owned());
        return Ok(Err(errors));
    }
    let title = NonEmptyText::<200>::parse(received.field("title")).ok();
    if title.is_none() {
        errors.push(&format!("{prefix}title"), t.err_title.to_owned());
    }
    let file = match &received.file {
        Ok(file) => Some(file),
        Err(refusal) => {
            errors.push(&format!("{prefix}file"), refusal_message(ctx, *refusal));
            None
        }
    };
    let (Some(title), Some(file)) = (title, file) else {
        return Ok(Err(errors));
    };
    let process = crate::read::lookup::process(ctx.state.db.read(), point.process_id).await?;
    let language = match received.field("language") {
        "en" => "en",
        _ => "nl",
    };
    let storage_name = format!("{}.{}", uuid::Uuid::new_v4().simple(), file.kind.code);
    let new = NewDocument {
        process_id: process.id,
        owner: Owner::ProgressUpdate(ProgressUpdateId(update.id)),
        // An update's document is named once, in the language of the file.
        title: title.as_str(),
        title_translation: None,
        description: "",
        description_translation: None,
        date: update.on,
        language,
        file_kind: file.kind.code,
        size_bytes: i64::try_from(file.size).unwrap_or(i64::MAX),
        storage_name: &storage_name,
    };
    let id = crate::flows::documents::store(ctx, &process, &new, &file.temp_path).await?;
    tracing::info!(document = %id, "document attached to a progress update");
    Ok(Ok(()))
}

/// The action holder attaches a document to an update of one of their own action points; any
/// other update is 403, as for posting updates.
#[post("/actiehouder/voortgang/{update}/documenten")]
async fn holder_attach(
    h: Holder,
    update: web::Path<i64>,
    payload: Multipart,
) -> WebResult<HttpResponse> {
    let update = update.into_inner();
    let ctx = &h.ctx;
    let mut own = None;
    for point in action_points::list_for_holder(ctx.state.db.read(), h.user.id).await? {
        if let Ok(found) = find_update(ctx, &point, update).await {
            own = Some((point, found));
            break;
        }
    }
    let (point, found) = own.ok_or(WebError::Forbidden)?;
    match attach(ctx, &point, &found, payload).await? {
        Ok(()) => Ok(see_other(&format!("/actiehouder#voortgang-{update}"))),
        Err(refused) => {
            let typing = HolderTyping {
                update: None,
                attaching: Some(refused.attaching(update)),
            };
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            render_holder(&h, &refused.errors, typing, status).await
        }
    }
}

#[post("/beheer/processen/{id}/actiepunten/{point}/voortgang/{update}/documenten")]
async fn organiser_attach(
    o: Organiser,
    path: web::Path<(ProcessId, ActionPointId, i64)>,
    payload: Multipart,
) -> WebResult<HttpResponse> {
    let (process, point, update) = path.into_inner();
    let (process, point) = find_point(&o.ctx, (process, point)).await?;
    let found = find_update(&o.ctx, &point, update).await?;
    match attach(&o.ctx, &point, &found, payload).await? {
        Ok(()) => Ok(see_other(&format!(
            "{}#voortgang-{update}",
            point_path(&process, &point)
        ))),
        Err(refused) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            let typing = Typing {
                attaching: Some(refused.attaching(update)),
                ..Typing::default()
            };
            let page = (&process, &point);
            render_point_editing(&o, page, typing, &refused.errors, status).await
        }
    }
}
