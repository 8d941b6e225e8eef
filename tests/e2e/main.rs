//! End-to-end tests: the real app on a random port with a fresh database, driven over HTTP.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accessibility;
mod account_security;
mod cli;
mod consultation;
mod foundation;
mod helpers;
mod hostile;
mod hostile_cases;
mod hostile_suite;
mod hostile_suite_consultation;
mod hostile_suite_ideas;
mod hostile_suite_publications;
mod hostile_targets;
mod ideas;
mod ideas_export;
mod libreoffice;
mod outcomes;
mod publications;
mod publications_digest;
mod publications_sources;
mod reliability;
mod sessions;
mod small_numbers;
mod surface;
mod traceability;
