//! End-to-end tests: the real app on a random port with a fresh database, driven over HTTP.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli;
mod foundation;
mod helpers;
mod hostile;
mod hostile_cases;
mod hostile_suite;
mod surface;
