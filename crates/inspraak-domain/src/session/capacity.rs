//! How many people a session has room for.

use thiserror::Error;

/// Why a capacity was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum CapacityError {
    #[error("the capacity is not a whole number")]
    NotAWholeNumber,
    #[error("the capacity must be at least 1")]
    TooSmall,
    #[error("the capacity is larger than {max}")]
    TooLarge { max: u32 },
}

/// Room for a fixed number of people (at least one), or for everyone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Capacity {
    Limited(u32),
    Unlimited,
}

/// Seats still free, as the session page shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeatsLeft {
    Unlimited,
    Some(u32),
    /// Full: new confirmations join the waiting list.
    Full,
}

impl Capacity {
    /// Larger than any room or online meeting; also keeps the number far inside an SQL integer.
    pub const MAX: u32 = 100_000;

    /// Parses the organiser's input: empty means unlimited, otherwise digits only, 1..=MAX.
    /// Signs, decimals, exponents, `NaN` and `inf` are refused, whatever their value.
    pub fn parse(raw: &str) -> Result<Self, CapacityError> {
        let value = raw.trim();
        if value.is_empty() {
            return Ok(Self::Unlimited);
        }
        if value.starts_with('-')
            && value.len() > 1
            && value[1..].bytes().all(|b| b.is_ascii_digit())
        {
            return Err(CapacityError::TooSmall);
        }
        if !value.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CapacityError::NotAWholeNumber);
        }
        // Digits only, so the only way to fail is overflow.
        let number: u64 = match value.parse() {
            Ok(n) => n,
            Err(_) => return Err(CapacityError::TooLarge { max: Self::MAX }),
        };
        Self::from_number(number)
    }

    /// A stored or computed number: zero is refused, as is anything above `MAX`.
    pub fn from_number(number: u64) -> Result<Self, CapacityError> {
        match number {
            0 => Err(CapacityError::TooSmall),
            n if n > u64::from(Self::MAX) => Err(CapacityError::TooLarge { max: Self::MAX }),
            n => Ok(Self::Limited(n as u32)),
        }
    }

    /// The stored form: `None` for unlimited.
    pub fn limit(self) -> Option<u32> {
        match self {
            Self::Limited(n) => Some(n),
            Self::Unlimited => None,
        }
    }

    pub fn seats_left(self, taken: u32) -> SeatsLeft {
        match self {
            Self::Unlimited => SeatsLeft::Unlimited,
            Self::Limited(n) if taken >= n => SeatsLeft::Full,
            Self::Limited(n) => SeatsLeft::Some(n - taken),
        }
    }

    /// The value to show again in the organiser's form.
    pub fn form_value(self) -> String {
        self.limit().map(|n| n.to_string()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn empty_means_unlimited_and_digits_mean_a_limit() {
        assert_eq!(Capacity::parse(""), Ok(Capacity::Unlimited));
        assert_eq!(Capacity::parse("  "), Ok(Capacity::Unlimited));
        assert_eq!(Capacity::parse(" 25 "), Ok(Capacity::Limited(25)));
        assert_eq!(Capacity::parse("1"), Ok(Capacity::Limited(1)));
        assert_eq!(Capacity::parse("100000"), Ok(Capacity::Limited(100_000)));
    }

    #[test]
    fn hostile_numbers_get_a_clear_error() {
        assert_eq!(Capacity::parse("-1"), Err(CapacityError::TooSmall));
        assert_eq!(Capacity::parse("0"), Err(CapacityError::TooSmall));
        assert_eq!(Capacity::parse("000"), Err(CapacityError::TooSmall));
        let too_large = Err(CapacityError::TooLarge { max: Capacity::MAX });
        assert_eq!(Capacity::parse("9223372036854775808"), too_large); // 2^63
        assert_eq!(Capacity::parse("100001"), too_large);
        assert_eq!(Capacity::parse(&"9".repeat(400)), too_large);
        for raw in [
            "NaN", "nan", "1e309", "inf", "-inf", "2.5", "1,5", "+3", "twaalf", "1 2", "٣",
        ] {
            assert_eq!(
                Capacity::parse(raw),
                Err(CapacityError::NotAWholeNumber),
                "{raw}"
            );
        }
    }

    #[test]
    fn seats_left_counts_down_to_full() {
        let room = Capacity::Limited(12);
        assert_eq!(room.seats_left(0), SeatsLeft::Some(12));
        assert_eq!(room.seats_left(11), SeatsLeft::Some(1));
        assert_eq!(room.seats_left(12), SeatsLeft::Full);
        assert_eq!(room.seats_left(13), SeatsLeft::Full);
        assert_eq!(Capacity::Unlimited.seats_left(5000), SeatsLeft::Unlimited);
    }

    proptest! {
        #[test]
        fn any_accepted_capacity_is_between_one_and_the_maximum(raw in "\\PC{0,24}") {
            if let Ok(Capacity::Limited(n)) = Capacity::parse(&raw) {
                prop_assert!((1..=Capacity::MAX).contains(&n));
            }
        }

        #[test]
        fn a_limit_round_trips_through_its_form_value(n in 1u32..=Capacity::MAX) {
            let capacity = Capacity::Limited(n);
            prop_assert_eq!(Capacity::parse(&capacity.form_value()), Ok(capacity));
        }
    }
}
