//! Passwords chosen by people. Length is what counts; no composition rules (NIST 800-63B).

use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum PasswordError {
    #[error("password is shorter than {min} characters")]
    TooShort { min: usize },
    #[error("password is longer than {max} characters")]
    TooLong { max: usize },
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
    fn debug_hides_the_password() {
        let password = NewPassword::parse("heel geheim wachtwoord").map(|p| format!("{p:?}"));
        assert_eq!(password.ok(), Some("NewPassword(***)".to_owned()));
    }
}
