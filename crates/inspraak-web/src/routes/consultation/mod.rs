//! Online consultations: the public form per process (`public`), the organiser's builder
//! (`admin`) and responses overview (`responses`), and "erase my data" (`privacy`).

pub mod admin;
pub mod privacy;
pub mod public;
pub mod responses;

use actix_web::web;

/// The organiser's pages and "erase my data"; the public form is registered early by the URL
/// map (`routes::configure`), as the busiest route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    privacy::configure(cfg);
    admin::configure(cfg);
    responses::configure(cfg);
}
