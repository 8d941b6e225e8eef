//! Use cases: each write flow end to end (transaction, trace token, throttle, outbox mail, audit row); routes parse, call one flow and render its outcome.

pub mod moderation;
pub mod comments;
pub mod linking;
pub mod outcomes;
pub mod progress;
