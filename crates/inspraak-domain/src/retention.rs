//! How long personal data (e-mail addresses, names) is kept after a process's activity ends.
//!
//! Answers and counts stay; only what identifies a person is erased, by a background job, once
//! the retention period after the end of the activity (e.g. a consultation's closing) has passed.

use chrono::{DateTime, Duration, Utc};
use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("the retention period must be a whole number of days from {min} to {max}")]
pub struct RetentionError {
    pub min: u32,
    pub max: u32,
}

/// A retention period in days, 1 to 3650 (ten years).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RetentionDays(u32);

impl RetentionDays {
    pub const MIN: u32 = 1;
    pub const MAX: u32 = 3650;
    /// Used when a process has no setting of its own: one year, long enough to send the
    /// outcome of a consultation to those who asked for it.
    pub const DEFAULT: RetentionDays = RetentionDays(365);

    pub fn new(days: u32) -> Result<Self, RetentionError> {
        if (Self::MIN..=Self::MAX).contains(&days) {
            Ok(Self(days))
        } else {
            Err(RetentionError {
                min: Self::MIN,
                max: Self::MAX,
            })
        }
    }

    /// Parses the organiser's `retention_days` field.
    pub fn parse(raw: &str) -> Result<Self, RetentionError> {
        raw.trim()
            .parse::<u32>()
            .map_err(|_| RetentionError {
                min: Self::MIN,
                max: Self::MAX,
            })
            .and_then(Self::new)
    }

    pub fn days(self) -> u32 {
        self.0
    }

    /// When personal data tied to an activity that ended at `ended_at` is erased.
    pub fn erase_after(self, ended_at: DateTime<Utc>) -> DateTime<Utc> {
        ended_at
            .checked_add_signed(Duration::days(i64::from(self.0)))
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }
}

impl Default for RetentionDays {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl From<RetentionError> for crate::validation::Problem {
    fn from(e: RetentionError) -> Self {
        crate::validation::Problem::Retention(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retention_is_bounded() {
        assert_eq!(RetentionDays::parse("30").map(RetentionDays::days), Ok(30));
        for bad in ["0", "3651", "-5", "een jaar", ""] {
            assert!(RetentionDays::parse(bad).is_err(), "{bad}");
        }
    }
}
