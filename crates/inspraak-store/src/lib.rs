//! Inspraak's storage: one code path for SQLite (embedded default) and PostgreSQL (production).
//!
//! Store functions take `&impl ConnectionTrait`, so they run inside a use-case's transaction or
//! on their own. Concurrency rules (capacity, idempotency, uniqueness) live in SQL constraints
//! and conditional statements here, never in a process-local lock: they hold with several app
//! instances on one PostgreSQL.
//!
//! **Invariant:** no HTML, no HTTP. Entities never leave this crate; the API speaks domain types
//! and plain records.

pub mod accessibility;
pub mod audit;
pub mod checkpoints;
pub mod consultation;
pub mod contact;
pub mod content_version;
pub mod dashboard;
mod db;
mod entities;
mod error;
pub mod evaluation;
pub mod forum_requests;
pub mod ideas;
pub mod invitations;
pub mod login_sessions;
pub mod outbox;
pub mod outcomes;
pub mod overview;
pub mod password_resets;
pub mod print_orders;
pub mod privacy;
pub mod process;
pub mod publications;
pub mod retention;
pub mod second_factor;
pub mod session;
pub mod site_flags;
pub mod throttle;
pub mod tokens;
pub mod traceability;
pub mod translations;
pub mod users;

#[cfg(any(test, feature = "testing"))]
pub mod testing;

pub use db::{Db, Durability, not_counted};
pub use error::StoreError;
pub use sea_orm::{ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, TransactionTrait};

pub type StoreResult<T> = Result<T, StoreError>;
