//! The house style's routes (see `house/`): `/huisstijl.css` and the images under
//! `/huisstijl/`, made at start-up and held in memory (a request names an image; only the
//! configured names answer, so no path reaches the disk), and the organisers' page.

use crate::auth::guard::Organiser;
use crate::error::WebError;
use crate::house::image::ImageKind;
use crate::routes::WebResult;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use maud::Markup;

/// The URLs change when the content does, so a year is safe.
const CACHE_A_YEAR: &str = "public, max-age=31536000, immutable";

/// An SVG opened on its own is a document: no script, no outside fetches, no frames.
const SVG_POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox; frame-ancestors 'none'";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(stylesheet).service(image).service(admin_page);
}

#[get("/beheer/huisstijl")]
async fn admin_page(o: Organiser) -> WebResult<Markup> {
    Ok(crate::house::admin::page(&o.ctx))
}

#[get("/huisstijl.css")]
async fn stylesheet(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header(("Cache-Control", CACHE_A_YEAR))
        .body(state.settings.house.stylesheet())
}

#[get("/huisstijl/{file}")]
async fn image(
    state: web::Data<AppState>,
    file: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let house = &state.settings.house;
    let found = house
        .logo
        .iter()
        .chain(std::iter::once(&house.favicon))
        .find(|image| image.file_name == *file)
        .ok_or(WebError::NotFound)?;
    let mut response = HttpResponse::Ok();
    response
        .content_type(found.kind.content_type())
        .insert_header(("Cache-Control", CACHE_A_YEAR));
    if found.kind == ImageKind::Svg {
        response.insert_header(("Content-Security-Policy", SVG_POLICY));
    }
    Ok(response.body(found.bytes.to_vec()))
}
