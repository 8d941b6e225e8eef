//! The organiser's switch for live results on the consultation builder.

use crate::auth::guard::Organiser;
use crate::error::WebError;
use crate::flows::builder as flow;
use crate::read::lookup;
use crate::routes::{WebResult, see_other};
use actix_web::{HttpResponse, post, web};
use inspraak_domain::ConsultationId;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(switch);
}

#[derive(serde::Deserialize)]
struct LiveForm {
    /// "on" or "off".
    live: String,
}

#[post("/beheer/consultaties/{id}/voorlopige-uitkomsten")]
async fn switch(
    o: Organiser,
    id: web::Path<ConsultationId>,
    form: web::Form<LiveForm>,
) -> WebResult<HttpResponse> {
    let on = match form.live.as_str() {
        "on" => true,
        "off" => false,
        _ => return Err(WebError::BadRequest),
    };
    let (consultation, _) = lookup::consultation(o.ctx.state.db.read(), *id).await?;
    flow::set_live_results(&o.ctx, &o.user, consultation.id, on).await?;
    Ok(see_other(&format!(
        "/beheer/consultaties/{}?opgeslagen=1#voorlopig",
        consultation.id
    )))
}
