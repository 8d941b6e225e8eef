//! Public pages from memory (issue #22): the read models of public pages, kept per page and
//! language under the content version they were read at, and rendered per request.
//!
//! - **What is kept:** the read model (the values a page's view takes): every request renders
//!   its own page, so the CSRF token, the signed start time of a form and the header stay per
//!   visitor. One exception, the page a deadline rush asks for most: the consultation form's
//!   model also keeps that form rendered once with holes for those values (`views::shell`).
//! - **When it is current:** under the same content version (`inspraak_store::content_version`,
//!   bumped by triggers in every writer's transaction) and the same minute of the app clock
//!   (what is open, upcoming or past depends on the time; organisers set times in whole
//!   minutes, so a model built in a minute is right for all of it).
//! - **Staleness bound:** a request asks the database for the version at most every
//!   `Settings::content_check` (`INSPRAAK_CONTENT_CHECK_MS`, default 250 ms); within the window
//!   it asks nothing. So a change made anywhere (another instance, the CLI, a job) shows on
//!   every instance within that bound plus one query. After a state-changing request on this
//!   instance the next request asks at once ([`conditional`]), so whoever made a change sees
//!   it on the next page; not after a consultation response, which changes no public page
//!   ([`ContentUnchanged`]), so a deadline rush of responses does not cost every form page a
//!   query.
//! - **Who gets it:** visitors without a login. Logged-in pages read from the database as
//!   before, and personal pages (`/inbreng/…`, `/beheer`, `/forum`) never come here.
//! - **Validators:** anonymous GETs of a cached page get an `ETag` (process start, version,
//!   minute, language and visitor) and `Last-Modified`; a matching `If-None-Match` (or, without
//!   one, `If-Modified-Since`) is answered 304 by [`conditional`].

use crate::ctx::Ctx;
use crate::error::WebResult;
use crate::state::AppState;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, StatusCode, header};
use actix_web::middleware::Next;
use actix_web::web::Data;
use actix_web::{HttpMessage, HttpResponse};
use chrono::{DateTime, Utc};
use inspraak_store::{Db, StoreResult, content_version};
use std::any::Any;
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

/// Kept pages at most; past it the cache starts again (keys come from existing content only,
/// since a page that does not exist is an error and is not kept).
const MAX_ENTRIES: usize = 4096;

/// How long other requests keep using the last version while one request asks for a new one.
const REFRESH_GRACE: Duration = Duration::from_secs(1);

#[derive(Default)]
struct Seen {
    version: i64,
    /// When the query that gave `version` started; `None`: ask before the next page.
    checked: Option<Instant>,
    refreshing: bool,
}

struct Slot {
    version: i64,
    minute: i64,
    /// The app-clock time the model was read (`Last-Modified`).
    built: tokio::sync::OnceCell<(Arc<dyn Any + Send + Sync>, DateTime<Utc>)>,
}

/// The memory of public read models; one per running app (`AppState::cache`).
pub struct ContentCache {
    check_every: Option<Duration>,
    /// Changes at every start, so a restart with another house style never answers 304.
    boot: u32,
    seen: Mutex<Seen>,
    slots: RwLock<HashMap<String, Arc<Slot>>>,
}

/// What a cached page's response is validated by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Validators {
    pub etag: String,
    pub last_modified: DateTime<Utc>,
}

/// Where a handler leaves the validators of the page it rendered (the middleware reads them).
#[derive(Clone, Default)]
pub struct ValidatorSlot(Arc<Mutex<Option<Validators>>>);

impl ValidatorSlot {
    fn set(&self, v: Validators) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(v);
        }
    }

    fn take(&self) -> Option<Validators> {
        self.0.lock().ok().and_then(|mut slot| slot.take())
    }
}

impl ContentCache {
    pub fn new(check_every: Option<Duration>) -> Self {
        ContentCache {
            check_every,
            boot: rand_u32(),
            seen: Mutex::new(Seen::default()),
            slots: RwLock::new(HashMap::new()),
        }
    }

    /// Makes the next request ask the database for the version (after a change on this
    /// instance, so its author sees it on the next page).
    pub fn recheck(&self) {
        if let Ok(mut seen) = self.seen.lock() {
            seen.checked = None;
        }
    }

    /// The content version, asked of the database at most every `check_every`.
    async fn version(&self, db: &Db) -> StoreResult<i64> {
        let every = self.check_every.unwrap_or_default();
        let now = Instant::now();
        if let Ok(mut seen) = self.seen.lock()
            && let Some(checked) = seen.checked
        {
            let age = now.saturating_duration_since(checked);
            if age < every || (seen.refreshing && age < every + REFRESH_GRACE) {
                return Ok(seen.version);
            }
            seen.refreshing = !every.is_zero();
        }
        let version = content_version::current(db.read()).await;
        if let Ok(mut seen) = self.seen.lock() {
            seen.refreshing = false;
            if let Ok(v) = version {
                // Versions only grow: an answer that was overtaken keeps the newer one.
                seen.version = seen.version.max(v);
                if seen.checked.is_none_or(|c| c < now) {
                    seen.checked = Some(now);
                }
                return Ok(seen.version);
            }
        }
        version
    }

    fn forget(&self, key: &str, slot: &Arc<Slot>) {
        if let Ok(mut slots) = self.slots.write()
            && slots.get(key).is_some_and(|s| Arc::ptr_eq(s, slot))
        {
            slots.remove(key);
        }
    }

    fn slot(&self, key: String, version: i64, minute: i64) -> Arc<Slot> {
        if let Ok(slots) = self.slots.read()
            && let Some(slot) = slots.get(&key)
            && slot.version == version
            && slot.minute == minute
        {
            return Arc::clone(slot);
        }
        let fresh = Arc::new(Slot {
            version,
            minute,
            built: tokio::sync::OnceCell::new(),
        });
        let Ok(mut slots) = self.slots.write() else {
            return fresh;
        };
        if let Some(slot) = slots.get(&key)
            && slot.version == version
            && slot.minute == minute
        {
            return Arc::clone(slot);
        }
        if slots.len() >= MAX_ENTRIES {
            slots.clear();
        }
        slots.insert(key, Arc::clone(&fresh));
        fresh
    }
}

fn rand_u32() -> u32 {
    // Only needs to differ between starts.
    uuid::Uuid::new_v4().as_u64_pair().0 as u32
}

/// A public page's read model, from memory when current, else from `load` (once, however many
/// requests ask at the same time). `key` names the page and everything in the URL the model
/// depends on; the language is added here. The page gets validators for 304 answers.
pub async fn page<T, F, Fut>(ctx: &Ctx, key: String, load: F) -> WebResult<Arc<T>>
where
    T: Send + Sync + 'static,
    F: FnOnce() -> Fut,
    Fut: Future<Output = WebResult<T>>,
{
    model(ctx, key, true, load).await
}

/// As [`page`], for a page that must not be answered 304 (it holds a one-time form key).
pub async fn form<T, F, Fut>(ctx: &Ctx, key: String, load: F) -> WebResult<Arc<T>>
where
    T: Send + Sync + 'static,
    F: FnOnce() -> Fut,
    Fut: Future<Output = WebResult<T>>,
{
    model(ctx, key, false, load).await
}

/// As [`page`], for a page that may show figures of responses while they come in (a
/// consultation's provisional results): responses do not raise the content version (migration
/// 000027), so when `live(model)` says the page shows such figures, the model is read again for
/// this request and the page gets no validators (no 304 for figures that moved on).
pub async fn page_unless_live<T, F, Fut>(
    ctx: &Ctx,
    key: String,
    load: F,
    live: impl Fn(&T) -> bool,
) -> WebResult<Arc<T>>
where
    T: Send + Sync + 'static,
    F: Fn() -> Fut,
    Fut: Future<Output = WebResult<T>>,
{
    let kept = model(ctx, key.clone(), false, &load).await?;
    if live(&kept) {
        return Ok(Arc::new(load().await?));
    }
    // The same slot again (no database work), now with the page's validators.
    model(ctx, key, true, &load).await
}

/// The model [`form`] keeps for `key` under the current version and minute, if one was built;
/// loads nothing (for a request that can use another page's model when it is there).
pub async fn peek<T: Send + Sync + 'static>(ctx: &Ctx, key: &str) -> WebResult<Option<Arc<T>>> {
    let Some(Place {
        key,
        version,
        minute,
    }) = place(ctx, key).await?
    else {
        return Ok(None);
    };
    let Ok(slots) = ctx.state.cache.slots.read() else {
        return Ok(None);
    };
    Ok(slots
        .get(&key)
        .filter(|slot| slot.version == version && slot.minute == minute)
        .and_then(|slot| slot.built.get())
        .and_then(|(value, _)| Arc::clone(value).downcast::<T>().ok()))
}

/// Where this request's model of a page is kept: the key with the language, the content
/// version and the minute of the app clock.
struct Place {
    key: String,
    version: i64,
    minute: i64,
}

/// Whether this request's models come from memory, shared with other visitors: the cache is
/// on, and the visitor is not logged in (nor halfway a login).
pub fn shared(ctx: &Ctx) -> bool {
    ctx.state.cache.check_every.is_some() && ctx.user.is_none() && ctx.pending.is_none()
}

/// The [`Place`] of `key` for this request, or `None` when the request does not use the cache
/// (not [`shared`]).
async fn place(ctx: &Ctx, key: &str) -> WebResult<Option<Place>> {
    let cache = &ctx.state.cache;
    if !shared(ctx) {
        return Ok(None);
    }
    // The version first, then the content (see `content_version`).
    let version = cache.version(&ctx.state.db).await?;
    Ok(Some(Place {
        key: format!("{}|{key}", ctx.lang.code()),
        version,
        minute: ctx.now.timestamp().div_euclid(60),
    }))
}

async fn model<T, F, Fut>(ctx: &Ctx, key: String, validate: bool, load: F) -> WebResult<Arc<T>>
where
    T: Send + Sync + 'static,
    F: FnOnce() -> Fut,
    Fut: Future<Output = WebResult<T>>,
{
    let cache = &ctx.state.cache;
    let Some(Place {
        key,
        version,
        minute,
    }) = place(ctx, &key).await?
    else {
        return Ok(Arc::new(load().await?));
    };
    let slot = cache.slot(key.clone(), version, minute);
    let now = ctx.now;
    let loaded = slot
        .built
        .get_or_try_init(|| async move {
            let value: Arc<dyn Any + Send + Sync> = Arc::new(load().await?);
            Ok::<_, crate::error::WebError>((value, now))
        })
        .await;
    let (value, built) = match loaded {
        Ok(loaded) => loaded.clone(),
        Err(error) => {
            // A page that does not exist (or failed) keeps no place in memory.
            cache.forget(&key, &slot);
            return Err(error);
        }
    };
    if validate {
        ctx.validators.set(Validators {
            etag: format!(
                "W/\"{:x}-{version}-{minute}-{}-{}\"",
                cache.boot,
                ctx.lang.code(),
                ctx.csrf_token.get(..12).unwrap_or_default()
            ),
            last_modified: built,
        });
    }
    // A key names one page, so its value is this page's model.
    value.downcast::<T>().map_err(|_| {
        crate::error::WebError::Internal("one cache key used for two kinds of page".into())
    })
}

/// On the response to a state-changing request that changes no public page: a consultation
/// response (responses do not bump the content version, migration 000027; running counts are
/// kept per minute). [`conditional`] then leaves the version check to its interval: during a
/// rush of responses, checking after each one cost every form page a query (`docs/benchmarks.md`).
#[derive(Clone, Copy, Debug)]
pub struct ContentUnchanged;

/// `response`, marked [`ContentUnchanged`].
pub fn content_unchanged(mut response: HttpResponse) -> HttpResponse {
    response.extensions_mut().insert(ContentUnchanged);
    response
}

/// Middleware: hands each GET a [`ValidatorSlot`] and answers 304 when the page's validators
/// match the request's; after any other method, makes the next page check the version (unless
/// the response is marked [`ContentUnchanged`]).
pub async fn conditional(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let method = req.method().clone();
    if method != Method::GET && method != Method::HEAD {
        let state = req.app_data::<Data<AppState>>().cloned();
        let response = next.call(req).await?;
        let unchanged = response
            .response()
            .extensions()
            .get::<ContentUnchanged>()
            .is_some();
        if let Some(state) = state
            && !unchanged
        {
            state.cache.recheck();
        }
        return Ok(response.map_into_boxed_body());
    }
    let slot = ValidatorSlot::default();
    req.extensions_mut().insert(slot.clone());
    let if_none_match = header_text(&req, header::IF_NONE_MATCH);
    let if_modified_since = header_text(&req, header::IF_MODIFIED_SINCE);
    let mut response = next.call(req).await?;
    let Some(validators) = slot.take().filter(|_| response.status() == StatusCode::OK) else {
        return Ok(response.map_into_boxed_body());
    };
    let last_modified = validators.last_modified.format("%a, %d %b %Y %H:%M:%S GMT");
    let fresh = match (&if_none_match, &if_modified_since) {
        (Some(tags), _) => tags.split(',').map(str::trim).any(|t| {
            t == "*" || t.trim_start_matches("W/") == validators.etag.trim_start_matches("W/")
        }),
        (None, Some(since)) => DateTime::parse_from_rfc2822(since)
            .is_ok_and(|since| since.timestamp() >= validators.last_modified.timestamp()),
        (None, None) => false,
    };
    let mut headers = vec![
        (header::ETAG, validators.etag.clone()),
        (header::LAST_MODIFIED, last_modified.to_string()),
        // Private: the page holds this visitor's CSRF token. Revalidate every time.
        (header::CACHE_CONTROL, "private, no-cache".to_owned()),
    ];
    if fresh {
        let (request, old) = response.into_parts();
        let mut not_modified = HttpResponse::NotModified();
        for name in [header::SET_COOKIE, header::VARY] {
            for value in old.headers().get_all(&name) {
                not_modified.append_header((name.clone(), value.clone()));
            }
        }
        for (name, value) in headers {
            not_modified.insert_header((name, value));
        }
        return Ok(ServiceResponse::new(request, not_modified.finish()));
    }
    for (name, value) in headers.drain(..) {
        if let Ok(value) = header::HeaderValue::from_str(&value) {
            response.headers_mut().insert(name, value);
        }
    }
    Ok(response.map_into_boxed_body())
}

fn header_text(req: &ServiceRequest, name: header::HeaderName) -> Option<String> {
    req.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}
