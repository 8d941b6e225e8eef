//! Read models that several places share (pages, feeds, background jobs). They read through the
//! store and return plain values; routes, views and jobs depend on them, never the other way.

pub mod action_plan;
pub mod cache;
pub mod lookup;
pub mod timeline;
