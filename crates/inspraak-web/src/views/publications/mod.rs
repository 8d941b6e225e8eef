//! Views of publications: organiser page (upload, progress report), public document pages,
//! the process block, the timeline, and the follow-by-e-mail pages.

pub mod admin;
pub mod follow;
pub mod public;
