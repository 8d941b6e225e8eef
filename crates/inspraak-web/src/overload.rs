//! Overload protection: at most `INSPRAAK_MAX_IN_FLIGHT` requests are handled at once. One more
//! gets an immediate 503 "busy, try again" page with `Retry-After` instead of waiting in a queue
//! until the client gives up; as soon as load drops, requests are served again. Health checks are
//! exempt so that a load balancer does not take a busy (but healthy) instance out of service.

use crate::error::WebError;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::web::Data;
use std::sync::Arc;
use tokio::sync::Semaphore;

/// The permits for requests in flight, shared by every worker.
#[derive(Clone, Debug)]
pub struct InFlight(Arc<Semaphore>);

impl InFlight {
    pub fn new(limit: usize) -> InFlight {
        InFlight(Arc::new(Semaphore::new(limit)))
    }
}

fn is_exempt(path: &str) -> bool {
    matches!(path, "/healthz" | "/readyz")
}

pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    if is_exempt(req.path()) {
        return Ok(next.call(req).await?.map_into_left_body());
    }
    let Some(in_flight) = req.app_data::<Data<InFlight>>() else {
        return Ok(next.call(req).await?.map_into_left_body());
    };
    // try_acquire: never wait; a full server says so at once.
    match in_flight.0.clone().try_acquire_owned() {
        Ok(permit) => {
            let response = next.call(req).await;
            drop(permit);
            Ok(response?.map_into_left_body())
        }
        Err(_) => {
            tracing::warn!("too many requests in flight; answered 503");
            let response = crate::error_pages::before_visitor(req.request(), WebError::Unavailable);
            Ok(req.into_response(response).map_into_right_body())
        }
    }
}
