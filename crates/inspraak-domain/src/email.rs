//! E-mail addresses as people type them, checked enough to be safe in a mail header.

use std::fmt;
use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum EmailError {
    #[error("e-mail address is empty")]
    Empty,
    #[error("e-mail address is too long")]
    TooLong,
    #[error("e-mail address is not valid")]
    Invalid,
}

/// A syntactically plausible address: `local@domain.tld`, at most 254 characters, a local part of
/// at most 64, no spaces, quotes, angle brackets or control characters. Stored lower-cased so the
/// same person is found again whatever they typed.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, EmailError> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(EmailError::Empty);
        }
        if value.chars().count() > 254 {
            return Err(EmailError::TooLong);
        }
        let (local, domain) = value.rsplit_once('@').ok_or(EmailError::Invalid)?;
        if local.chars().count() > 64 {
            return Err(EmailError::TooLong);
        }
        let allowed_local = |c: char| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c);
        // ASCII only (international domains in their xn-- form): no look-alike letters from other
        // scripts, such as a Cyrillic 'а' in exаmple.nl.
        let allowed_domain = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '.';
        let domain_ok = domain.contains('.')
            && !domain.starts_with(['.', '-'])
            && !domain.ends_with(['.', '-'])
            && !domain.contains("..")
            && domain.chars().all(allowed_domain);
        let local_ok = !local.is_empty()
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local.chars().all(allowed_local);
        if !(domain_ok && local_ok) {
            return Err(EmailError::Invalid);
        }
        Ok(Self(value.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Addresses are personal data: debug output never shows them in full.
impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let domain = self.0.rsplit_once('@').map(|(_, d)| d).unwrap_or("");
        write!(f, "Email(…@{domain})")
    }
}

impl AsRef<str> for Email {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ordinary_addresses_are_accepted_and_lower_cased() {
        let email = Email::parse(" Jan.de-Vries+inspraak@Example.NL ");
        assert_eq!(
            email.map(|e| e.as_str().to_owned()),
            Ok("jan.de-vries+inspraak@example.nl".into())
        );
    }

    #[test]
    fn header_injection_and_display_names_are_refused() {
        for raw in [
            "a@b.nl\r\nBcc: x@evil.nl",
            "\"x\"@evil <a@b.nl>",
            "a b@c.nl",
            "geen-apenstaart.nl",
            "a@localhost",
            "a@b..nl",
            "a@b.nl\0",
            "org@ex\u{0430}mple.nl",
        ] {
            assert!(Email::parse(raw).is_err(), "{raw:?} should be refused");
        }
    }

    #[test]
    fn length_limits_follow_the_rfc() {
        let long_local = format!("{}@example.nl", "a".repeat(65));
        assert_eq!(Email::parse(&long_local), Err(EmailError::TooLong));
        let long_total = format!("a@{}.nl", "b".repeat(252));
        assert_eq!(Email::parse(&long_total), Err(EmailError::TooLong));
    }

    #[test]
    fn debug_output_hides_the_local_part() {
        let email = Email::parse("geheim@example.nl").map(|e| format!("{e:?}"));
        assert_eq!(email, Ok("Email(…@example.nl)".into()));
    }

    proptest! {
        #[test]
        fn accepted_addresses_never_hold_header_breaking_characters(raw in "\\PC{0,80}") {
            if let Ok(email) = Email::parse(&raw) {
                prop_assert!(!email.as_str().contains(['\r', '\n', '<', '>', '"', ' ', ',']));
                prop_assert!(email.as_str().chars().count() <= 254);
            }
        }
    }
}
