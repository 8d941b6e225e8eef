//! Online consultations: the public form per process (`public`), the organiser's builder
//! (`admin`) and responses overview (`responses`), and "erase my data" (`privacy`).

pub mod admin;
pub mod privacy;
pub mod public;
pub mod responses;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    public::configure(cfg);
    privacy::configure(cfg);
    admin::configure(cfg);
    responses::configure(cfg);
}
