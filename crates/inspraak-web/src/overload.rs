//! Overload protection: at most `INSPRAAK_MAX_IN_FLIGHT` requests are handled at once. A request
//! that finds them all busy may wait a short while (`INSPRAAK_QUEUE_WAIT_MS`) in a bounded queue
//! (`INSPRAAK_QUEUE_LENGTH`); past that it gets a 503 "busy, try again" page with `Retry-After`
//! at once, instead of waiting until the client gives up. So under overload the server keeps
//! serving at its capacity and refuses the rest fast. Health checks are exempt so that a load
//! balancer does not take a busy (but healthy) instance out of service; `/readyz` says "busy"
//! while every place is taken.
//!
//! Refusing must cost next to nothing, or at ten times the capacity the refusals take the cores
//! that serving needs: when every place is taken and the queue is full, `shed` (outside the
//! request log, the visitor and error-page middleware) answers at once with the same bytes for
//! everyone (the busy page, rendered once per language, not compressed), and the refusals are
//! logged as a count at most once a second instead of a line each.
//!
//! A place is held until the response has been sent, not only until the handler returns: a
//! download or an export streams while the client reads it, and a client that stops reading must
//! not make the server take on more work than it can hold. A slow reader keeps its place at most
//! `INSPRAAK_SLOW_READER_SECONDS`; its connection then still gets the rest, without the place.

use crate::i18n::Lang;
use crate::state::AppState;
use crate::traffic::TrafficSettings;
use actix_web::body::{BodySize, BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::web::{Bytes, Data};
use actix_web::{HttpRequest, HttpResponse};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Bodies up to this size are written out at once; larger ones and streams get a watchdog.
const SMALL_BODY: u64 = 64 * 1024;

/// The places for requests in flight and the queue in front of them, shared by every worker.
#[derive(Clone, Debug)]
pub struct InFlight {
    places: Arc<Semaphore>,
    waiting: Arc<AtomicUsize>,
    queue_length: usize,
    queue_wait: Duration,
    slow_reader: Duration,
    refusals: Arc<Refusals>,
}

/// The busy page per language (bilingual, Dutch, English), rendered at the first refusal, and
/// the refusals counted for the log.
#[derive(Debug)]
struct Refusals {
    pages: [OnceLock<Bytes>; 3],
    started: Instant,
    count: AtomicU64,
    /// Whole seconds since `started` of the last log line, and the count it reported.
    logged_second: AtomicU64,
    logged_count: AtomicU64,
}

impl InFlight {
    pub fn new(limit: usize, traffic: &TrafficSettings) -> InFlight {
        InFlight {
            places: Arc::new(Semaphore::new(limit)),
            waiting: Arc::new(AtomicUsize::new(0)),
            queue_length: traffic.queue_length,
            queue_wait: traffic.queue_wait,
            slow_reader: traffic.slow_reader,
            refusals: Arc::new(Refusals {
                pages: Default::default(),
                started: Instant::now(),
                count: AtomicU64::new(0),
                logged_second: AtomicU64::new(0),
                logged_count: AtomicU64::new(0),
            }),
        }
    }

    /// Every place is taken and no new request may wait: refuse before doing any other work.
    fn must_refuse(&self) -> bool {
        self.is_saturated()
            && (self.queue_wait.is_zero()
                || self.waiting.load(Ordering::Acquire) >= self.queue_length)
    }

    /// The 503 "busy, try again", with `Retry-After` as `WebError::Unavailable` sets it.
    fn refuse(&self, req: &HttpRequest) -> HttpResponse {
        self.count_refusal();
        let named = crate::error_pages::named_language(req);
        let slot = match named {
            None => 0,
            Some(Lang::Nl) => 1,
            Some(Lang::En) => 2,
        };
        let page = match req.app_data::<Data<AppState>>() {
            Some(state) => self.refusals.pages[slot]
                .get_or_init(|| Bytes::from(crate::error_pages::busy_page(state.clone(), named)))
                .clone(),
            None => Bytes::from_static(b"503 Service Unavailable"),
        };
        HttpResponse::ServiceUnavailable()
            .insert_header((header::RETRY_AFTER, "5"))
            .insert_header((header::CONTENT_TYPE, "text/html; charset=utf-8"))
            .insert_header((header::CACHE_CONTROL, "no-store"))
            // The same bytes for everyone: compressing them for each refusal would be work.
            .insert_header((header::CONTENT_ENCODING, "identity"))
            .body(page)
    }

    /// Counts a refusal; at most once a second a log line says how many there were since the
    /// last one (a line per refusal would itself be load).
    fn count_refusal(&self) {
        let r = &self.refusals;
        let total = r.count.fetch_add(1, Ordering::Relaxed) + 1;
        let second = r.started.elapsed().as_secs() + 1;
        let last = r.logged_second.load(Ordering::Relaxed);
        if last != second
            && r.logged_second
                .compare_exchange(last, second, Ordering::AcqRel, Ordering::Relaxed)
                .is_ok()
        {
            let before = r.logged_count.swap(total, Ordering::AcqRel);
            tracing::warn!(
                refused = total - before,
                "too many requests in flight; answered 503 (count since the last such line)"
            );
        }
    }

    /// Every place is taken: new requests wait or get 503.
    pub fn is_saturated(&self) -> bool {
        self.places.available_permits() == 0
    }

    /// A place at once, or after a short wait in a queue that has room; `None` means 503.
    async fn take_place(&self) -> Option<OwnedSemaphorePermit> {
        if let Ok(permit) = self.places.clone().try_acquire_owned() {
            return Some(permit);
        }
        if self.queue_wait.is_zero() {
            return None;
        }
        // Join the queue only while it has room; fetch_add first so two joiners cannot both
        // take the last spot.
        if self.waiting.fetch_add(1, Ordering::AcqRel) >= self.queue_length {
            self.waiting.fetch_sub(1, Ordering::AcqRel);
            return None;
        }
        let permit = tokio::time::timeout(self.queue_wait, self.places.clone().acquire_owned())
            .await
            .ok()
            .and_then(Result::ok);
        self.waiting.fetch_sub(1, Ordering::AcqRel);
        permit
    }
}

fn is_exempt(path: &str) -> bool {
    matches!(path, "/healthz" | "/readyz")
}

/// Outermost but for the security headers and compression: refuses at once, before the request
/// is logged, a visitor made or a page rendered, while every place is taken and the queue full.
pub async fn shed(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if !is_exempt(req.path())
        && let Some(in_flight) = req.app_data::<Data<InFlight>>()
        && in_flight.must_refuse()
    {
        let response = in_flight.refuse(req.request());
        return Ok(req.into_response(response));
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

/// Innermost: takes a place, waiting in the queue when there is room, and holds it while the
/// response is sent; a request that waited in vain gets the same busy page as `shed` gives.
pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if is_exempt(req.path()) {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    let Some(in_flight) = req.app_data::<Data<InFlight>>().cloned() else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let Some(permit) = in_flight.take_place().await else {
        let response = in_flight.refuse(req.request());
        return Ok(req.into_response(response));
    };
    let response = next.call(req).await?;
    Ok(response.map_body(|_, body| hold_while_sending(body, permit, in_flight.slow_reader)))
}

/// Wraps a response body so that the place is given back when the body is sent (or dropped,
/// when the client goes away), or after `slow_reader` at the latest.
fn hold_while_sending(
    body: impl MessageBody + 'static,
    permit: OwnedSemaphorePermit,
    slow_reader: Duration,
) -> BoxBody {
    let place = Arc::new(Mutex::new(Some(permit)));
    let large = match body.size() {
        BodySize::None => false,
        BodySize::Sized(n) => n > SMALL_BODY,
        BodySize::Stream => true,
    };
    if large {
        // A client that stops reading stops the body from being polled, so only a timer can
        // give the place back. It holds a weak reference: a finished body frees it earlier.
        let weak: Weak<Mutex<Option<OwnedSemaphorePermit>>> = Arc::downgrade(&place);
        actix_web::rt::spawn(async move {
            tokio::time::sleep(slow_reader).await;
            if let Some(place) = weak.upgrade() {
                release(&place);
            }
        });
    }
    BoxBody::new(HeldBody {
        body: body.boxed(),
        place,
    })
}

fn release(place: &Mutex<Option<OwnedSemaphorePermit>>) {
    // A poisoned lock still holds the permit; take it all the same.
    let mut guard = place
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    guard.take();
}

struct HeldBody {
    body: BoxBody,
    place: Arc<Mutex<Option<OwnedSemaphorePermit>>>,
}

impl MessageBody for HeldBody {
    type Error = Box<dyn std::error::Error>;

    fn size(&self) -> BodySize {
        self.body.size()
    }

    fn poll_next(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, Self::Error>>> {
        let polled = Pin::new(&mut self.body).poll_next(cx);
        if matches!(polled, Poll::Ready(None) | Poll::Ready(Some(Err(_)))) {
            release(&self.place);
        }
        polled
    }
}
