//! Publications of a process: documents, plan-level progress reports, and the people who follow
//! a process by e-mail.
//!
//! A document has an owner (a kind and an id): the process itself, one of its sessions, one of
//! its progress reports, one of its action points, or its self-evaluation (`crate::evaluation`).

mod documents;
mod reports;
mod subscriptions;

pub use documents::*;
pub use reports::*;
pub use subscriptions::*;
