//! Privileged actions that leave a row in the audit trail.

/// What happened. Stored by name; never carries passwords, tokens or answer content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditAction {
    LoginSucceeded,
    LoginFailed,
    LoginThrottled,
    SecondFactorFailed,
    SecondFactorEnrolled,
    SecondFactorReset,
    RecoveryCodeUsed,
    LoggedOut,
    LoggedOutEverywhere,
    PasswordChanged,
    PasswordResetRequested,
    PasswordResetCompleted,
    ProcessCreated,
    ProcessUpdated,
    ProcessPublicationChanged,
    RoleChanged,
    ContentModerated,
    DataExported,
    AccessibilityStatementEdited,
    ContributionLinked,
    ContributionUnlinked,
    IdeasExported,
    ContactMessageHandled,
    PrintOrderHandled,
    PrintOrdersExported,
    SelfEvaluationEdited,
    LiveResultsChanged,
}

impl AuditAction {
    pub const ALL: [AuditAction; 27] = [
        Self::LoginSucceeded,
        Self::LoginFailed,
        Self::LoginThrottled,
        Self::SecondFactorFailed,
        Self::SecondFactorEnrolled,
        Self::SecondFactorReset,
        Self::RecoveryCodeUsed,
        Self::LoggedOut,
        Self::LoggedOutEverywhere,
        Self::PasswordChanged,
        Self::PasswordResetRequested,
        Self::PasswordResetCompleted,
        Self::ProcessCreated,
        Self::ProcessUpdated,
        Self::ProcessPublicationChanged,
        Self::RoleChanged,
        Self::ContentModerated,
        Self::DataExported,
        Self::AccessibilityStatementEdited,
        Self::ContributionLinked,
        Self::ContributionUnlinked,
        Self::IdeasExported,
        Self::ContactMessageHandled,
        Self::PrintOrderHandled,
        Self::PrintOrdersExported,
        Self::SelfEvaluationEdited,
        Self::LiveResultsChanged,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::LoginSucceeded => "login_succeeded",
            Self::LoginFailed => "login_failed",
            Self::LoginThrottled => "login_throttled",
            Self::SecondFactorFailed => "second_factor_failed",
            Self::SecondFactorEnrolled => "second_factor_enrolled",
            Self::SecondFactorReset => "second_factor_reset",
            Self::RecoveryCodeUsed => "recovery_code_used",
            Self::LoggedOut => "logged_out",
            Self::LoggedOutEverywhere => "logged_out_everywhere",
            Self::PasswordChanged => "password_changed",
            Self::PasswordResetRequested => "password_reset_requested",
            Self::PasswordResetCompleted => "password_reset_completed",
            Self::ProcessCreated => "process_created",
            Self::ProcessUpdated => "process_updated",
            Self::ProcessPublicationChanged => "process_publication_changed",
            Self::RoleChanged => "role_changed",
            Self::ContentModerated => "content_moderated",
            Self::DataExported => "data_exported",
            Self::AccessibilityStatementEdited => "accessibility_statement_edited",
            Self::ContributionLinked => "contribution_linked",
            Self::ContributionUnlinked => "contribution_unlinked",
            Self::IdeasExported => "ideas_exported",
            Self::ContactMessageHandled => "contact_message_handled",
            Self::PrintOrderHandled => "print_order_handled",
            Self::PrintOrdersExported => "print_orders_exported",
            Self::SelfEvaluationEdited => "self_evaluation_edited",
            Self::LiveResultsChanged => "live_results_changed",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == value)
    }
}

/// The coarse network an address belongs to: an IPv4 /24 or an IPv6 /48. Enough to notice a
/// pattern, too coarse to point at a household.
pub fn address_range(address: &str) -> Option<String> {
    match address.parse::<std::net::IpAddr>().ok()? {
        std::net::IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            Some(format!("{a}.{b}.{c}.0/24"))
        }
        std::net::IpAddr::V6(v6) => {
            let s = v6.segments();
            Some(format!("{:x}:{:x}:{:x}::/48", s[0], s[1], s[2]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_round_trips() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::parse(action.as_str()), Some(action));
        }
    }

    #[test]
    fn addresses_are_coarsened() {
        assert_eq!(
            address_range("192.168.1.77").as_deref(),
            Some("192.168.1.0/24")
        );
        assert_eq!(
            address_range("2001:db8:abcd:12::1").as_deref(),
            Some("2001:db8:abcd::/48")
        );
        assert_eq!(address_range("not an address"), None);
    }
}
