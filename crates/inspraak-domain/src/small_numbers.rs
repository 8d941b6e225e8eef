//! Small-number protection: a figure that would describe fewer than a minimum number of people
//! (`INSPRAAK_MIN_GROUP_SIZE`, default 5) is not published as a number but as "< 5", so nobody
//! can be singled out. Organisers see exact numbers; only public pages and open data go through
//! this type.
//!
//! The rule: a count of 1 up to the minimum − 1 is *below the minimum*. Zero stays zero (it
//! describes nobody). In a group whose counts add up to a published total (the options of one
//! question, yes/no), one hidden count could be worked out from the total and the others, so
//! then the smallest other non-zero count (each of them, on a tie) is *withheld* as well
//! (secondary suppression).

use std::fmt;

pub const DEFAULT_MIN_GROUP_SIZE: u32 = 5;

/// The smallest group a public figure may describe (at least 2: 1 would hide nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MinGroupSize(u32);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadMinGroupSize;

impl fmt::Display for BadMinGroupSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("must be a whole number from 2 to 100")
    }
}

impl MinGroupSize {
    pub fn new(value: u32) -> Result<MinGroupSize, BadMinGroupSize> {
        if (2..=100).contains(&value) {
            Ok(MinGroupSize(value))
        } else {
            Err(BadMinGroupSize)
        }
    }

    pub fn parse(raw: &str) -> Result<MinGroupSize, BadMinGroupSize> {
        raw.trim()
            .parse::<u32>()
            .map_err(|_| BadMinGroupSize)
            .and_then(MinGroupSize::new)
    }

    pub fn get(self) -> u32 {
        self.0
    }

    /// One count on its own (no total it adds up to is published).
    pub fn protect(self, count: i64) -> PublicCount {
        if count > 0 && count < i64::from(self.0) {
            PublicCount::BelowMinimum(self.0)
        } else {
            PublicCount::Exact(count)
        }
    }

    /// Counts that add up to a published total: primary suppression, plus secondary
    /// suppression when exactly one count would be hidden.
    pub fn protect_group(self, counts: &[i64]) -> Vec<PublicCount> {
        let mut out: Vec<PublicCount> = counts.iter().map(|c| self.protect(*c)).collect();
        let hidden = out.iter().filter(|c| c.is_hidden()).count();
        if hidden == 1 {
            // Every count equal to the smallest other one, so the result does not depend on the
            // order of the group (a page and the open data may order it differently).
            let smallest_other = counts
                .iter()
                .zip(&out)
                .filter(|(c, shown)| **c > 0 && !shown.is_hidden())
                .map(|(c, _)| *c)
                .min();
            if let Some(smallest) = smallest_other {
                for (c, shown) in counts.iter().zip(out.iter_mut()) {
                    if *c == smallest {
                        *shown = PublicCount::Withheld;
                    }
                }
            }
        }
        out
    }
}

impl Default for MinGroupSize {
    fn default() -> Self {
        MinGroupSize(DEFAULT_MIN_GROUP_SIZE)
    }
}

/// A count as it may be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublicCount {
    Exact(i64),
    /// Fewer than the minimum (the value carried) but more than zero.
    BelowMinimum(u32),
    /// Not below the minimum itself, but left out so a hidden count cannot be worked out.
    Withheld,
}

impl PublicCount {
    pub fn exact(self) -> Option<i64> {
        match self {
            PublicCount::Exact(n) => Some(n),
            _ => None,
        }
    }

    pub fn is_hidden(self) -> bool {
        !matches!(self, PublicCount::Exact(_))
    }

    /// "12", "< 5" or "–".
    pub fn label(self) -> String {
        match self {
            PublicCount::Exact(n) => n.to_string(),
            PublicCount::BelowMinimum(min) => format!("< {min}"),
            PublicCount::Withheld => "–".to_owned(),
        }
    }
}

impl fmt::Display for PublicCount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_from_one_to_below_the_minimum_are_hidden_and_zero_stays() {
        let min = MinGroupSize::default();
        assert_eq!(min.protect(0), PublicCount::Exact(0));
        for n in 1..5 {
            assert_eq!(min.protect(n), PublicCount::BelowMinimum(5));
            assert_eq!(min.protect(n).label(), "< 5");
        }
        assert_eq!(min.protect(5), PublicCount::Exact(5));
        assert_eq!(min.protect(7).label(), "7");
    }

    #[test]
    fn one_hidden_count_in_a_group_hides_the_smallest_other_too() {
        let min = MinGroupSize::default();
        let out = min.protect_group(&[3, 0, 10, 20]);
        assert_eq!(
            out,
            [
                PublicCount::BelowMinimum(5),
                PublicCount::Exact(0),
                PublicCount::Withheld,
                PublicCount::Exact(20)
            ]
        );
        // Ties: every smallest other count goes, whatever the order.
        let out = min.protect_group(&[9, 3, 9]);
        assert_eq!(
            out,
            [
                PublicCount::Withheld,
                PublicCount::BelowMinimum(5),
                PublicCount::Withheld
            ]
        );
        // Two hidden already: nothing more to hide.
        let out = min.protect_group(&[3, 2, 10]);
        assert_eq!(out[2], PublicCount::Exact(10));
        // Nothing hidden: all exact.
        assert!(min.protect_group(&[5, 6]).iter().all(|c| !c.is_hidden()));
    }

    #[test]
    fn the_minimum_is_checked() {
        assert!(MinGroupSize::parse("5").is_ok());
        assert!(MinGroupSize::parse("1").is_err());
        assert!(MinGroupSize::parse("abc").is_err());
        assert!(MinGroupSize::parse("101").is_err());
        assert_eq!(MinGroupSize::parse(" 10 ").map(MinGroupSize::get), Ok(10));
    }
}
