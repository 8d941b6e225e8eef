//! Ideas per theme, the action plan, the stakeholder forum and their organiser pages.
//!
//! Roles are site-wide (the existing role model): every organiser moderates every process;
//! forum members (and organisers) comment; an action holder posts progress updates on the action
//! points linked to their account. Anonymous visitors on a member or organiser page are sent to
//! the login page; a logged-in account without the role gets 403.

pub mod action_points;
pub mod admin;
pub mod export;
pub mod forum;
pub mod forum_home;
pub mod plan_document;
pub mod public;
pub mod update_documents;

use crate::auth::guard::GuardError;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::i18n::ideas as texts;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use inspraak_domain::Role;
use inspraak_store::process::Process;
use inspraak_store::users::User;
use std::future::Future;
use std::pin::Pin;

pub fn configure(cfg: &mut web::ServiceConfig) {
    plan_document::configure(cfg);
    public::configure(cfg);
    forum::configure(cfg);
    forum_home::configure(cfg);
    admin::configure(cfg);
    action_points::configure(cfg);
    update_documents::configure(cfg);
    export::configure(cfg);
}

/// The idea form shows itself again (everything typed kept) when its CSRF check fails; the
/// action holder's document upload is multipart, which the middleware cannot read.
pub fn handles_csrf_itself(path: &str) -> bool {
    (path.starts_with("/processen/") && path.ends_with("/ideeen/nieuw"))
        || (path.starts_with("/actiehouder/voortgang/") && path.ends_with("/documenten"))
}

type Guarded = Pin<Box<dyn Future<Output = Result<(Ctx, User), GuardError>>>>;

/// A request by an account with an allowed role; the login page for anonymous visitors, 403 for
/// other roles.
fn guard(req: &HttpRequest, payload: &mut Payload, allowed: fn(Role) -> bool) -> Guarded {
    let ctx = Ctx::from_request(req, payload);
    let next = if req.method() == actix_web::http::Method::GET {
        req.path().to_owned()
    } else {
        "/".to_owned()
    };
    Box::pin(async move {
        let ctx = ctx.await.map_err(GuardError::Web)?;
        match ctx.user.clone() {
            None => Err(GuardError::NotLoggedIn { next }),
            Some(user) if allowed(user.role) => Ok((ctx, user)),
            Some(_) => Err(GuardError::Web(WebError::Forbidden)),
        }
    })
}

/// A forum member or an organiser.
pub struct Member {
    pub ctx: Ctx,
    pub user: User,
}

impl FromRequest for Member {
    type Error = GuardError;
    type Future = Pin<Box<dyn Future<Output = Result<Member, GuardError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let inner = guard(req, payload, |r| {
            matches!(r, Role::ForumMember | Role::Organiser)
        });
        Box::pin(async move { inner.await.map(|(ctx, user)| Member { ctx, user }) })
    }
}

/// An action holder's account.
pub struct Holder {
    pub ctx: Ctx,
    pub user: User,
}

impl FromRequest for Holder {
    type Error = GuardError;
    type Future = Pin<Box<dyn Future<Output = Result<Holder, GuardError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let inner = guard(req, payload, |r| r == Role::ActionHolder);
        Box::pin(async move { inner.await.map(|(ctx, user)| Holder { ctx, user }) })
    }
}

/// The block on a process page: its ideas and its action plan.
pub fn process_block(ctx: &Ctx, process: &Process) -> maud::Markup {
    let t = texts::texts(ctx.lang);
    maud::html! {
        section aria-labelledby="ideeen" {
            h2 #ideeen { (t.ideas_title) }
            ul {
                li { a href={ "/processen/" (process.slug) "/ideeen" } { (t.ideas_title) } }
                li { a href={ "/processen/" (process.slug) "/actieplan" } { (t.plan_title) } }
                li { a href="/forum/aanmelden" { (crate::i18n::forum_requests::texts(ctx.lang).ask_link) } }
            }
        }
    }
}
