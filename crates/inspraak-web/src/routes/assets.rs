//! Static files, compiled into the binary so it runs from any folder. Only these names exist:
//! no path from the request ever reaches the file system.
//!
//! The stylesheet is one file: the NL Design System components and tokens (`assets/utrecht.css`,
//! built by `assets/build.sh` and committed) followed by Inspraak's own layer (`inspraak.css`),
//! so a page costs one request and our rules win where both apply.

use actix_web::{HttpResponse, get, web};

const CSS: &str = concat!(
    include_str!("../../../../assets/utrecht.css"),
    include_str!("../../../../assets/inspraak.css")
);
const JS: &str = include_str!("../../../../assets/inspraak.js");

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(css).service(js);
}

fn asset(content_type: &str, body: &'static str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(("Cache-Control", "public, max-age=3600"))
        .body(body)
}

#[get("/static/inspraak.css")]
async fn css() -> HttpResponse {
    asset("text/css; charset=utf-8", CSS)
}

#[get("/static/inspraak.js")]
async fn js() -> HttpResponse {
    asset("text/javascript; charset=utf-8", JS)
}
