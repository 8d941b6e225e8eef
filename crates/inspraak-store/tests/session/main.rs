#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Sessions and sign-ups against real databases: SQLite always, PostgreSQL when
//! `INSPRAAK_TEST_PG` is set.

mod agenda;
mod concurrency;
mod flows;
mod jobs;
mod support;
