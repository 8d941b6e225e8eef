//! Tables of ideas, action points and the stakeholder forum. The submitter's address
//! (`idea_contacts`) has a table of its own.

pub mod action_plans;
pub mod action_points;
pub mod comments;
pub mod forum_invitations;
pub mod idea_contacts;
pub mod idea_settings;
// Named after its table, like every entity module.
#[allow(clippy::module_inception)]
pub mod ideas;
pub mod progress_updates;
