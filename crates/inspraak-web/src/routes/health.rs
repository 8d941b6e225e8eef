//! Liveness and readiness for load balancers and orchestrators.

use crate::overload::InFlight;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(healthz).service(readyz);
}

/// The process runs and answers.
#[get("/healthz")]
async fn healthz() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body("ok")
}

/// The process can do its work: the database answers and not every place in flight is taken
/// (a saturated instance should get no more traffic from the load balancer for a moment).
#[get("/readyz")]
async fn readyz(
    state: web::Data<AppState>,
    in_flight: Option<web::Data<InFlight>>,
) -> HttpResponse {
    if in_flight.is_some_and(|in_flight| in_flight.is_saturated()) {
        return HttpResponse::ServiceUnavailable()
            .content_type("text/plain; charset=utf-8")
            .insert_header(("Retry-After", "5"))
            .body("busy");
    }
    match state.db.ping().await {
        Ok(()) => HttpResponse::Ok()
            .content_type("text/plain; charset=utf-8")
            .body("ready"),
        Err(error) => {
            tracing::warn!(error = %error, "readiness check failed");
            HttpResponse::ServiceUnavailable()
                .content_type("text/plain; charset=utf-8")
                .body("database unavailable")
        }
    }
}
