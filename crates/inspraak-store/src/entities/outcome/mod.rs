//! Tables of published outcomes (see `outcomes`).

pub mod outcomes;
pub mod quotes;
pub mod threads;
