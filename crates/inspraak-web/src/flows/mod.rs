//! Use cases: each write flow end to end (transaction, trace token, throttle, outbox mail, audit row); routes parse, call one flow and render its outcome.

pub mod builder;
pub mod comments;
pub mod documents;
pub mod linking;
pub mod login;
pub mod moderation;
pub mod outcomes;
pub mod password_reset;
pub mod privacy;
pub mod progress;
pub mod seat_links;
pub mod session_admin;
pub mod site_admin;
