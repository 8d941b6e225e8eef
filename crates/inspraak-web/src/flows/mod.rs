//! Use cases: each write flow end to end (transaction, trace token, throttle, outbox mail, audit row); routes parse, call one flow and render its outcome.

pub mod builder;
pub mod comments;
pub mod linking;
pub mod moderation;
pub mod outcomes;
pub mod privacy;
pub mod progress;
pub mod session_admin;
pub mod site_admin;
