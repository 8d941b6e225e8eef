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

/// Contact messages and print orders belong to no process, so they have fixed periods of their
/// own: what identifies the person (name, address, message) is erased this long after an
/// organiser marked the item handled, and at the latest [`handled::UNHANDLED_MAX`] after it came
/// in, handled or not. The `/privacy` page names both.
pub mod handled {
    use super::RetentionDays;
    use chrono::{DateTime, Utc};

    /// Long enough to answer a follow-up question or send a missing copy again.
    pub const AFTER_HANDLED: RetentionDays = RetentionDays(30);
    /// Nothing is kept for ever because nobody got round to it.
    pub const UNHANDLED_MAX: RetentionDays = RetentionDays(365);

    /// When the personal data of an item received at `received` is erased, given when it was
    /// handled (if it was).
    pub fn erase_after(received: DateTime<Utc>, handled: Option<DateTime<Utc>>) -> DateTime<Utc> {
        let latest = UNHANDLED_MAX.erase_after(received);
        match handled {
            Some(at) => AFTER_HANDLED.erase_after(at).min(latest),
            None => latest,
        }
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

    #[test]
    fn handled_items_are_erased_a_month_after_handling_and_within_a_year() {
        let received = DateTime::<Utc>::from_timestamp(1_700_000_000, 0).unwrap_or_default();
        let day = Duration::days(1);
        assert_eq!(handled::erase_after(received, None), received + day * 365);
        assert_eq!(
            handled::erase_after(received, Some(received + day)),
            received + day * 31
        );
        assert_eq!(
            handled::erase_after(received, Some(received + day * 360)),
            received + day * 365
        );
    }
}
