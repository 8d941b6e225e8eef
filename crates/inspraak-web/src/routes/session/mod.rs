//! Sessions and events: the public agenda and session pages, sign-up, the pages behind mailed
//! links, "Meld bijeenkomst aan", and the organiser pages.

mod admin;
mod admin_lists;
mod links;
mod proposals;
mod public;

pub use public::process_block;

use actix_web::web;

/// The public session forms that show themselves again, everything typed kept, when the CSRF
/// check fails (a first visit whose cookie was not set yet, an old tab). Their handlers check
/// `Ctx::csrf_ok` before changing anything.
pub fn handles_csrf_itself(path: &str) -> bool {
    path == "/agenda/bijeenkomst-aanmelden"
        || (path.starts_with("/bijeenkomsten/") && path.ends_with("/aanmelden"))
}

/// The error-summary line for a form whose CSRF check failed, on its first field.
pub(crate) fn expired_form(
    ctx: &crate::ctx::Ctx,
    first_field: &str,
) -> crate::views::components::FormErrors {
    let mut errors = crate::views::components::FormErrors::default();
    errors.push(
        first_field,
        crate::i18n::common::texts(ctx.lang).csrf_text.to_owned(),
    );
    errors
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    public::configure(cfg);
    links::configure(cfg);
    proposals::configure(cfg);
    admin::configure(cfg);
    admin_lists::configure(cfg);
}
