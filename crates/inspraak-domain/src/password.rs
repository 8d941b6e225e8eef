//! Passwords chosen by people. Length is what counts; no composition rules (NIST 800-63B).

use std::collections::HashSet;
use std::sync::OnceLock;
use thiserror::Error;

/// Breached and common passwords (see `data/README.md` for the source and licence).
const COMMON_PASSWORDS: &str = include_str!("../data/common-passwords.txt");

fn common_passwords() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| COMMON_PASSWORDS.lines().map(str::trim).filter(|l| !l.is_empty()).collect())
}

/// True when the password is on the list of common passwords (compared case-insensitively).
pub fn is_common(password: &str) -> bool {
    common_passwords().contains(password.trim().to_lowercase().as_str())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum PasswordError {
    #[error("password is shorter than {min} characters")]
    TooShort { min: usize },
    #[error("password is longer than {max} characters")]
    TooLong { max: usize },
    #[error("password is one of the most common passwords")]
    TooCommon,
}

/// A new password that meets the length rules. Its `Debug` never prints it.
#[derive(Clone)]
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN: usize = 12;
    pub const MAX: usize = 128;

    pub fn parse(raw: &str) -> Result<Self, PasswordError> {
        let length = raw.chars().count();
        if length < Self::MIN {
            return Err(PasswordError::TooShort { min: Self::MIN });
        }
        if length > Self::MAX {
            return Err(PasswordError::TooLong { max: Self::MAX });
        }
        if is_common(raw) {
            return Err(PasswordError::TooCommon);
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_rules() {
        assert_eq!(
            NewPassword::parse("kort").err(),
            Some(PasswordError::TooShort { min: 12 })
        );
        assert!(NewPassword::parse("twaalf tekens").is_ok());
        assert!(NewPassword::parse(&"x".repeat(128)).is_ok());
        assert_eq!(
            NewPassword::parse(&"x".repeat(129)).err(),
            Some(PasswordError::TooLong { max: 128 })
        );
    }

    #[test]
    fn common_passwords_are_refused_whatever_their_case() {
        assert_eq!(common_passwords().len(), 19_640);
        assert!(is_common("qwerty"));
        assert_eq!(NewPassword::parse("1q2w3e4r5t6y").err(), Some(PasswordError::TooCommon));
        assert_eq!(NewPassword::parse("1Q2W3E4R5T6Y").err(), Some(PasswordError::TooCommon));
        assert!(NewPassword::parse("paarse olifant op de fiets").is_ok());
    }

    #[test]
    fn debug_hides_the_password() {
        let password = NewPassword::parse("heel geheim wachtwoord").map(|p| format!("{p:?}"));
        assert_eq!(password.ok(), Some("NewPassword(***)".to_owned()));
    }
}
