//! `Ctx`: what a page needs to know about the request it answers — language, CSRF token,
//! logged-in account, the time — in one extractor that every handler takes.

use crate::error::WebError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::visitor::Visitor;
use actix_web::dev::Payload;
use actix_web::web::Data;
use actix_web::{FromRequest, HttpMessage, HttpRequest};
use chrono::{DateTime, Duration, Utc};
use inspraak_domain::Role;
use inspraak_store::login_sessions::{self, Lifetimes, Stage};
use inspraak_store::users::User;
use std::future::Future;
use std::pin::Pin;

/// Organiser sessions end after 30 idle minutes and after 12 hours in any case.
pub const LOGIN_LIFETIMES: Lifetimes = Lifetimes {
    idle: Duration::minutes(30),
    absolute: Duration::hours(12),
};
/// A login halfway (second step or enrolment to do) lives ten minutes.
pub const PENDING_LIFETIMES: Lifetimes = Lifetimes {
    idle: Duration::minutes(10),
    absolute: Duration::minutes(10),
};

/// The client's address: the TCP peer, or behind a trusted reverse proxy the address that proxy
/// added. A proxy appends the peer it saw to `X-Forwarded-For` (nginx
/// `$proxy_add_x_forwarded_for`) or adds a header line of its own (HAProxy `option forwardfor`),
/// so the trustworthy entry is the *last* one; earlier ones are whatever the client sent and
/// would let anyone pick the address their throttles count against.
pub fn client_address(req: &HttpRequest, trust_proxy: bool) -> String {
    if trust_proxy && let Some(last) = last_forwarded_for(req.headers().get_all("x-forwarded-for"))
    {
        return last;
    }
    req.peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default()
}

fn last_forwarded_for<'a>(
    values: impl Iterator<Item = &'a actix_web::http::header::HeaderValue>,
) -> Option<String> {
    values
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .last()
        .map(str::to_owned)
}

/// Whether an account may take part in the forum (comment, reply, flag).
pub fn is_forum_member(user: Option<&User>) -> bool {
    user.is_some_and(|u| matches!(u.role, Role::ForumMember | Role::Organiser))
}

#[derive(Clone)]
pub struct Ctx {
    pub lang: Lang,
    pub csrf_token: String,
    /// `Some(false)` on a state-changing request whose CSRF token was wrong (only reaches
    /// handlers that show their form again; see `visitor::handles_csrf_itself`).
    pub csrf_ok: Option<bool>,
    /// The logged-in account (a session that passed every login step).
    pub user: Option<User>,
    /// A login halfway: the password is done, the second factor (or its enrolment) is not.
    pub pending: Option<(User, Stage)>,
    /// The visitor id, which is the login-session token when logged in.
    pub visitor_id: String,
    /// The coarse network range of the client (for the audit trail), e.g. `192.0.2.0/24`.
    pub client_range: Option<String>,
    /// Path of this page without the query, for the language switch.
    pub path: String,
    pub now: DateTime<Utc>,
    pub state: Data<AppState>,
    /// Where a cached public page leaves its `ETag` / `Last-Modified` (`read::cache`).
    pub validators: crate::read::cache::ValidatorSlot,
}

impl Ctx {
    /// The `lang` for text an organiser wrote (titles, descriptions, questions): `Some(code)`
    /// when the page is in another language than that content, so a screen reader switches
    /// voice (WCAG 3.1.2); `None` when the page's own `lang` already fits. In maud:
    /// `h1 lang=[ctx.content_lang()] { (title) }`.
    pub fn content_lang(&self) -> Option<&'static str> {
        content_lang(self.state.settings.content_language, self.lang)
    }

    pub fn is_organiser(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.role == inspraak_domain::Role::Organiser)
    }
}

/// `Ctx::content_lang` without a request, so it can be tested on its own.
pub fn content_lang(content: inspraak_domain::Language, page: Lang) -> Option<&'static str> {
    (Lang::from(content) != page).then(|| content.code())
}

impl FromRequest for Ctx {
    type Error = WebError;
    type Future = Pin<Box<dyn Future<Output = Result<Ctx, WebError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let state = req
                .app_data::<Data<AppState>>()
                .cloned()
                .ok_or_else(|| WebError::Internal("state missing".into()))?;
            let visitor = req
                .extensions()
                .get::<Visitor>()
                .cloned()
                .ok_or_else(|| WebError::Internal("visitor middleware missing".into()))?;
            let now = state.clock.now();
            let session = if visitor.logged_in_hint {
                login_sessions::user_for_token(state.db.write(), &visitor.id, now, LOGIN_LIFETIMES)
                    .await?
            } else {
                None
            };
            let (user, pending) = match session {
                Some((user, Stage::Full)) => (Some(user), None),
                Some((user, stage)) => (None, Some((user, stage))),
                None => (None, None),
            };
            Ok(Ctx {
                lang: visitor.lang,
                csrf_token: state.keys.hash("csrf", &visitor.id),
                csrf_ok: visitor.csrf_ok,
                user,
                pending,
                visitor_id: visitor.id.clone(),
                client_range: inspraak_domain::audit::address_range(&client_address(
                    &req,
                    state.settings.trust_proxy,
                )),
                path: req.path().to_owned(),
                now,
                state,
                validators: req.extensions().get().cloned().unwrap_or_default(),
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use inspraak_domain::Language;

    #[test]
    fn content_is_marked_only_on_a_page_in_another_language() {
        assert_eq!(content_lang(Language::Dutch, Lang::Nl), None);
        assert_eq!(content_lang(Language::Dutch, Lang::En), Some("nl"));
        assert_eq!(content_lang(Language::English, Lang::En), None);
        assert_eq!(content_lang(Language::English, Lang::Nl), Some("en"));
    }

    #[test]
    fn behind_a_proxy_the_last_forwarded_address_counts_not_what_the_client_sent() {
        use actix_web::http::header::HeaderValue;
        let spoofed = HeaderValue::from_static("1.2.3.4, 10.0.0.9");
        let added = HeaderValue::from_static("203.0.113.7");
        assert_eq!(
            last_forwarded_for([&spoofed, &added].into_iter()),
            Some("203.0.113.7".into())
        );
        assert_eq!(
            last_forwarded_for([&spoofed].into_iter()),
            Some("10.0.0.9".into())
        );
        assert_eq!(last_forwarded_for(std::iter::empty()), None);
    }
}
