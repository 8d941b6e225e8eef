//! Sessions and events, the parts of the web layer that are neither a route nor a view: the
//! mails they cause (text and calendar file), the calendar format, attendee exports, the
//! background job, and the report's light markup.
//!
//! **Invariant:** pure formatting and wiring; every rule about seats and states lives in the
//! store and the domain.

pub mod export;
pub mod ics;
pub mod jobs;
pub mod join;
pub mod mailer;
pub mod report_markup;
