//! Tables of online consultations. Personal data (`contacts`) has a table of its own.

pub mod answers;
pub mod consultations;
pub mod contacts;
pub mod process_retention;
pub mod questions;
pub mod responses;
pub mod tallies;
