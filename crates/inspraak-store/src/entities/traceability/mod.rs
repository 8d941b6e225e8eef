//! Tables of traceability (see `traceability`).

pub mod links;
pub mod notices;
pub mod optouts;
pub mod trace_tokens;
