//! The action plan as a document: `/processen/{slug}/actieplan.pdf` and `.odt`, linked from the
//! plan page with their size and date. Made on request from the same read model as the page, in
//! the language `?taal=` asks for (else the visitor's), cached by content; the ETag is a hash of
//! the document and Last-Modified the plan's last change, so an unchanged plan answers 304.

use crate::ctx::Ctx;
use crate::error::WebError;
use crate::export::action_plan::{
    self as document, DocFormat, PlanContent, PlanDocument, Rendered,
};
use crate::i18n::Lang;
use crate::read::action_plan::{self, ActionPlan};
use crate::routes::WebResult;
use crate::routes::publications::feeds::not_modified;
use actix_web::http::header::{self, EntityTag, HttpDate};
use actix_web::{HttpRequest, HttpResponse, get, web};
use std::time::{Duration, UNIX_EPOCH};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(plan_document);
}

#[derive(serde::Deserialize)]
struct DocumentQuery {
    taal: Option<String>,
}

/// The plan page's address.
pub fn plan_path(slug: &str) -> String {
    format!("/processen/{slug}/actieplan")
}

/// The document of a plan in `lang`.
pub fn document_of(ctx: &Ctx, plan: &ActionPlan, lang: Lang) -> PlanDocument {
    let settings = &ctx.state.settings;
    let content = PlanContent::from_plan(plan, settings.content_language, lang);
    let url = format!(
        "{}{}",
        settings.base_url.trim_end_matches('/'),
        plan_path(&plan.process.slug)
    );
    let date = plan.as_of();
    PlanDocument::new(&content, lang, date, &url)
}

/// The file, written off the async workers (fonts, compression) or taken from the cache.
pub async fn rendered(doc: PlanDocument, format: DocFormat) -> WebResult<Rendered> {
    web::block(move || document::render(&doc, format))
        .await
        .map_err(|e| WebError::Internal(e.to_string()))?
        .map_err(|e| WebError::Internal(e.to_string()))
}

#[get("/processen/{slug}/actieplan.{format}")]
async fn plan_document(
    ctx: Ctx,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    query: web::Query<DocumentQuery>,
) -> WebResult<HttpResponse> {
    let (slug, extension) = path.into_inner();
    let format = DocFormat::parse(&extension).ok_or(WebError::NotFound)?;
    let lang = query
        .taal
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or(ctx.lang);
    let process = crate::flows::public_process(&ctx, &slug).await?;
    let plan = action_plan::load(ctx.state.db.read(), process).await?;
    let doc = document_of(&ctx, &plan, lang);
    let name = doc.file_name(&plan.process.slug, format);
    let file = rendered(doc, format).await?;
    let etag = EntityTag::new_strong(file.etag.clone());
    let seconds = u64::try_from(plan.changed.timestamp()).unwrap_or(0);
    let last_modified = HttpDate::from(UNIX_EPOCH + Duration::from_secs(seconds));
    if not_modified(&req, &etag, last_modified) {
        return Ok(HttpResponse::NotModified()
            .insert_header(header::ETag(etag))
            .insert_header(header::LastModified(last_modified))
            .finish());
    }
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, format.mime()))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .insert_header((header::CONTENT_LANGUAGE, lang.code()))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        // Not `public`: the visitor middleware may set a cookie on this answer.
        .insert_header((header::CACHE_CONTROL, "private, no-cache"))
        .insert_header(header::ETag(etag))
        .insert_header(header::LastModified(last_modified))
        .body(file.bytes.as_ref().clone()))
}
