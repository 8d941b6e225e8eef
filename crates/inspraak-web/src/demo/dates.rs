//! Dates of demo content of the archived process: every item carries a moment inside its own
//! process period (2019-09-01 to 2022-12-31), never the day the demo was loaded.

use super::{DemoError, invalid};
use chrono::{DateTime, NaiveDate, Utc};

/// Noon, Dutch time, on a `YYYY-MM-DD` date.
pub fn dutch_noon(date: &str) -> Result<DateTime<Utc>, DemoError> {
    let day = NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(invalid)?;
    inspraak_domain::session::parse_local_datetime(&format!("{day}T12:00")).map_err(invalid)
}
