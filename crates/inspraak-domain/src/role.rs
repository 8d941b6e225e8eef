//! Roles of accounts. Citizens have no account and so no role.

use serde::{Deserialize, Serialize};

/// What an account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// Sets up processes, moderates, publishes, exports.
    Organiser,
    /// Invited stakeholder-forum member: comments on ideas and draft action points.
    ForumMember,
    /// Posts progress updates on an action point.
    ActionHolder,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Organiser, Role::ForumMember, Role::ActionHolder];

    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Organiser => "organiser",
            Role::ForumMember => "forum_member",
            Role::ActionHolder => "action_holder",
        }
    }

    pub fn parse(value: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_through_its_stored_name() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("admin"), None);
    }
}
