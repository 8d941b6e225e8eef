//! Error pages as whole pages: the site's header, navigation and footer, the visitor's language,
//! and a way back (the home page, and the page the visitor came from when it is on this site).
//!
//! `WebError::error_response` has no request, so it makes a plain bilingual page. On the way out,
//! `middleware` (inside the visitor middleware) replaces the body of every response that carries
//! a `WebError` with the full page; status and headers (`Retry-After`) stay as they were. Errors
//! answered before the visitor is known (the visitor middleware's own refusals) are rendered
//! here directly; the overload 503's page is rendered here once per language (`busy_page`). Every error page is in the visitor's language when the
//! request names one (`?lang=` or the language cookie), else Dutch with English below, in the
//! full layout either way.

use crate::ctx::Ctx;
use crate::error::WebError;
use crate::i18n::{Lang, citizen, common, fill};
use crate::state::AppState;
use crate::views::layout;
use crate::visitor::{LANG_COOKIE, Visitor};
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::web::Data;
use actix_web::{FromRequest, HttpMessage, HttpRequest, HttpResponse, ResponseError};
use maud::{Markup, html};

/// A context for a page when the full one cannot be had (before the visitor middleware, or when
/// the database is the problem): nobody logged in, so the header offers "log in".
fn bare_ctx(req: &HttpRequest, lang: Lang, visitor_id: Option<&str>) -> Option<Ctx> {
    let state = req.app_data::<Data<AppState>>()?.clone();
    Some(ctx_without_login(state, lang, visitor_id, req.path()))
}

fn ctx_without_login(
    state: Data<AppState>,
    lang: Lang,
    visitor_id: Option<&str>,
    path: &str,
) -> Ctx {
    Ctx {
        lang,
        csrf_token: visitor_id
            .map(|id| state.keys.hash("csrf", id))
            .unwrap_or_default(),
        csrf_ok: None,
        user: None,
        pending: None,
        visitor_id: visitor_id.unwrap_or_default().to_owned(),
        client_range: None,
        path: path.to_owned(),
        now: state.clock.now(),
        state,
        validators: Default::default(),
    }
}

/// The overload 503's page, the same for everyone who names `named` (or no language): nobody
/// logged in, no way back but the home page, and the language switch leads to the home page.
/// `overload` renders it once per language and sends the same bytes to every refused request,
/// so that refusing costs next to nothing while the site is overloaded.
pub fn busy_page(state: Data<AppState>, named: Option<Lang>) -> String {
    let ctx = ctx_without_login(state, named.unwrap_or_default(), None, "/");
    match named {
        Some(_) => page(&ctx, &WebError::Unavailable, None),
        None => bilingual(&ctx, &WebError::Unavailable, None),
    }
    .into_string()
}

/// The page the visitor came from, when it is a page of this site other than this one: its
/// path and query from the `Referer` header.
fn previous_place(req: &HttpRequest) -> Option<String> {
    let referer = req.headers().get(header::REFERER)?.to_str().ok()?;
    let url = url::Url::parse(referer).ok()?;
    let host = req.connection_info().host().to_owned();
    let same_site = match url.port() {
        Some(port) => format!("{}:{port}", url.host_str()?) == host,
        None => url.host_str()? == host,
    };
    if !same_site || !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let path = url.path();
    if path == req.path() || !path.starts_with('/') || path.starts_with("//") {
        return None;
    }
    Some(match url.query() {
        Some(query) => format!("{path}?{query}"),
        None => path.to_owned(),
    })
}

fn code_line(lang: Lang, status: u16) -> String {
    fill(
        citizen::texts(lang).error_code,
        &[("code", &status.to_string())],
    )
}

/// The error page in the visitor's language.
pub fn page(ctx: &Ctx, error: &WebError, previous: Option<&str>) -> Markup {
    let (title, text) = error.title_and_text(ctx.lang);
    let t = citizen::texts(ctx.lang);
    layout::page(
        ctx,
        title,
        html! {
            h1.utrecht-heading-1 { (title) }
            p.utrecht-paragraph.utrecht-paragraph--lead { (text) }
            p.meta { (code_line(ctx.lang, error.status_code().as_u16())) }
            ul.link-list.error-links {
                @if let Some(href) = previous { li { a href=(href) { (t.back_previous) } } }
                li { a href="/" { (common::texts(ctx.lang).back_home) } }
            }
        },
    )
}

/// The error page for a visitor whose language is not known: Dutch, with English below, in the
/// full layout (its header in Dutch, with the switch to English).
pub fn bilingual(ctx: &Ctx, error: &WebError, previous: Option<&str>) -> Markup {
    let (nl, en) = (
        error.title_and_text(Lang::Nl),
        error.title_and_text(Lang::En),
    );
    let (tn, te) = (citizen::texts(Lang::Nl), citizen::texts(Lang::En));
    let code = error.status_code().as_u16();
    layout::page(
        ctx,
        nl.0,
        html! {
            h1.utrecht-heading-1 { (nl.0) }
            p.utrecht-paragraph.utrecht-paragraph--lead { (nl.1) }
            div lang="en" {
                h2.utrecht-heading-2 { (en.0) }
                p { (en.1) }
            }
            p.meta { (code_line(Lang::Nl, code)) }
            ul.link-list.error-links {
                @if let Some(href) = previous {
                    li { a href=(href) { (tn.back_previous) } " / " span lang="en" { (te.back_previous) } }
                }
                li { a href="/" { (common::texts(Lang::Nl).back_home) } " / " span lang="en" { (common::texts(Lang::En).back_home) } }
            }
        },
    )
}

/// The language a request names itself, without the visitor middleware: `?lang=` or the cookie.
pub fn named_language(req: &HttpRequest) -> Option<Lang> {
    url::form_urlencoded::parse(req.query_string().as_bytes())
        .find(|(key, _)| key == "lang")
        .and_then(|(_, value)| Lang::parse(&value))
        .or_else(|| req.cookie(LANG_COOKIE).and_then(|c| Lang::parse(c.value())))
}

/// `error`'s response (status and headers as `WebError` sets them) with `body` as its page.
fn with_body(error: &WebError, body: Markup) -> HttpResponse {
    let response = error.error_response();
    let (head, _) = response.into_parts();
    head.set_body(BoxBody::new(body.into_string()))
}

/// The response for an error found before the visitor middleware ran (a control character in
/// the address): in the language the request names, else bilingual.
pub fn before_visitor(req: &HttpRequest, error: WebError) -> HttpResponse {
    outside_handler(req, None, error)
}

/// The response for an error the visitor middleware finds itself (CSRF, body too large or too
/// slow, bad form encoding): the login is not looked up; the page is in the language the request
/// names, else bilingual (a first request, e.g. a form posted after its cookies were lost).
pub fn in_visitor(req: &HttpRequest, visitor_id: &str, error: WebError) -> HttpResponse {
    outside_handler(req, Some(visitor_id), error)
}

fn outside_handler(req: &HttpRequest, visitor_id: Option<&str>, error: WebError) -> HttpResponse {
    if crate::problem::is_api(req.path()) {
        return crate::problem::response(error.status_code(), Some(&error));
    }
    let named = named_language(req);
    let Some(ctx) = bare_ctx(req, named.unwrap_or_default(), visitor_id) else {
        return error.error_response();
    };
    let previous = previous_place(req);
    let body = match named {
        Some(_) => page(&ctx, &error, previous.as_deref()),
        None => bilingual(&ctx, &error, previous.as_deref()),
    };
    with_body(&error, body)
}

/// Under `/api` every error answer (a handler's, an extractor's, or a path nobody answers)
/// becomes problem details instead of a page.
fn api_problem(response: ServiceResponse<BoxBody>) -> ServiceResponse<BoxBody> {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let error = response
        .response()
        .error()
        .and_then(|e| e.as_error::<WebError>())
        .map(owned);
    let problem = crate::problem::response(status, error.as_ref());
    let (req, _) = response.into_parts();
    ServiceResponse::new(req, problem)
}

/// A `WebError` we own, of the same kind as one borrowed from a response.
fn owned(error: &WebError) -> WebError {
    match error {
        WebError::NotFound => WebError::NotFound,
        WebError::Forbidden => WebError::Forbidden,
        WebError::CsrfRejected => WebError::CsrfRejected,
        WebError::BadRequest => WebError::BadRequest,
        WebError::PayloadTooLarge => WebError::PayloadTooLarge,
        WebError::RequestTimeout => WebError::RequestTimeout,
        WebError::TooManyRequests(message) => WebError::TooManyRequests(message.clone()),
        WebError::Unavailable => WebError::Unavailable,
        // The cause is logged already; the answer only needs the kind.
        WebError::Store(_) | WebError::Internal(_) => WebError::Internal(String::new()),
    }
}

/// Puts every `WebError` a handler (or an extractor) answered into the full page. Runs inside
/// the visitor middleware.
pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let response = next.call(req).await?.map_into_boxed_body();
    if crate::problem::is_api(response.request().path()) {
        return Ok(api_problem(response));
    }
    let Some(error) = response
        .response()
        .error()
        .and_then(|e| e.as_error::<WebError>())
    else {
        return Ok(response);
    };
    // Rebuild a `WebError` we own (the one in the response is borrowed from it).
    let error = owned(error);
    let req = response.request().clone();
    let visitor = req.extensions().get::<Visitor>().cloned();
    let Some(visitor) = visitor else {
        let body = before_visitor(&req, error).into_body();
        return Ok(response.map_body(|_, _| body));
    };
    // The header shows who is logged in, except when the database is the problem.
    let looks_up_login = !matches!(error, WebError::Unavailable | WebError::Internal(_));
    let full = if looks_up_login {
        Ctx::extract(&req).await.ok()
    } else {
        None
    };
    let Some(ctx) = full.or_else(|| bare_ctx(&req, visitor.lang, Some(&visitor.id))) else {
        return Ok(response);
    };
    // A visitor who named no language yet (a first visit through a dead link) gets Dutch with
    // English below, as before the visitor is known; one who did gets their language only.
    let previous = previous_place(&req);
    let body = match named_language(&req) {
        Some(_) => page(&ctx, &error, previous.as_deref()),
        None => bilingual(&ctx, &error, previous.as_deref()),
    }
    .into_string();
    Ok(response.map_body(|_, _| BoxBody::new(body)))
}
