//! Sessions and events: the public agenda and session pages, sign-up, the pages behind mailed
//! links, "Meld bijeenkomst aan", and the organiser pages.

mod admin;
mod admin_lists;
mod links;
mod proposals;
mod public;

pub use public::{process_block, theme_block};

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    public::configure(cfg);
    links::configure(cfg);
    proposals::configure(cfg);
    admin::configure(cfg);
    admin_lists::configure(cfg);
}

/// Opens the one transaction of a use case on the write pool.
pub(crate) async fn begin(
    state: &crate::state::AppState,
) -> crate::routes::WebResult<inspraak_store::DatabaseTransaction> {
    use inspraak_store::TransactionTrait;
    Ok(state
        .db
        .write()
        .begin()
        .await
        .map_err(inspraak_store::StoreError::from)?)
}

/// Commits it: only then does the handler answer.
pub(crate) async fn commit(
    txn: inspraak_store::DatabaseTransaction,
) -> crate::routes::WebResult<()> {
    Ok(txn
        .commit()
        .await
        .map_err(inspraak_store::StoreError::from)?)
}
