//! Extractors that let a handler run only for the right account. Anonymous visitors are sent to
//! the login page; logged-in accounts without the role get 403.

use crate::ctx::Ctx;
use crate::error::WebError;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, HttpResponse};
use inspraak_domain::Role;
use inspraak_store::users::User;
use std::future::Future;
use std::pin::Pin;

/// A request by a logged-in organiser.
pub struct Organiser {
    pub ctx: Ctx,
    pub user: User,
}

/// Why a guarded page was refused.
#[derive(Debug)]
pub enum GuardError {
    NotLoggedIn { next: String },
    Web(WebError),
}

impl std::fmt::Display for GuardError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GuardError::NotLoggedIn { .. } => f.write_str("not logged in"),
            GuardError::Web(e) => e.fmt(f),
        }
    }
}

impl actix_web::ResponseError for GuardError {
    fn status_code(&self) -> actix_web::http::StatusCode {
        match self {
            GuardError::NotLoggedIn { .. } => actix_web::http::StatusCode::SEE_OTHER,
            GuardError::Web(e) => e.status_code(),
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            GuardError::NotLoggedIn { next } => {
                let location = format!(
                    "/inloggen?{}",
                    url::form_urlencoded::Serializer::new(String::new())
                        .append_pair("next", next)
                        .finish()
                );
                HttpResponse::SeeOther()
                    .insert_header(("Location", location))
                    .finish()
            }
            GuardError::Web(e) => e.error_response(),
        }
    }
}

impl FromRequest for Organiser {
    type Error = GuardError;
    type Future = Pin<Box<dyn Future<Output = Result<Organiser, GuardError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let ctx = Ctx::from_request(req, payload);
        let next = if req.method() == actix_web::http::Method::GET {
            req.path().to_owned()
        } else {
            "/beheer".to_owned()
        };
        Box::pin(async move {
            let ctx = ctx.await.map_err(GuardError::Web)?;
            match ctx.user.clone() {
                None => Err(GuardError::NotLoggedIn { next }),
                Some(user) if user.role == Role::Organiser => Ok(Organiser { ctx, user }),
                Some(_) => Err(GuardError::Web(WebError::Forbidden)),
            }
        })
    }
}
