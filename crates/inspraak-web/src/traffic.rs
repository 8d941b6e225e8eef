//! How long a client may take, and how many wait: the settings that keep slow or numerous
//! clients from tying up the server (issue #20, findings 2, 3 and 7).
//!
//! | variable | meaning | default |
//! |---|---|---|
//! | `INSPRAAK_BODY_TIMEOUT_SECONDS` | longest time to receive a form body, and longest pause between two of its parts; past it 408 and the connection closes | `10` |
//! | `INSPRAAK_SLOW_READER_SECONDS` | how long one response (a download, an export) counts against `INSPRAAK_MAX_IN_FLIGHT` while the client reads it | `120` |
//! | `INSPRAAK_QUEUE_WAIT_MS` | how long a request may wait for a free place when `INSPRAAK_MAX_IN_FLIGHT` are busy, before it gets 503 | `250` |
//! | `INSPRAAK_QUEUE_LENGTH` | how many requests may wait so; more get 503 at once | `INSPRAAK_MAX_IN_FLIGHT` |
//! | `INSPRAAK_SHUTDOWN_GRACE_SECONDS` | on SIGTERM or Ctrl+C, new connections are refused and running requests (an export of a million responses takes about 20 s) get this long to finish | `60` |

use crate::config::ConfigError;
use std::time::Duration;

#[derive(Clone, Debug)]
pub struct TrafficSettings {
    /// Whole-body deadline and longest pause between chunks of a form body.
    pub body_timeout: Duration,
    /// Longest time a response holds its in-flight place while its body is sent.
    pub slow_reader: Duration,
    /// Longest wait for an in-flight place.
    pub queue_wait: Duration,
    /// Most requests waiting for a place at once.
    pub queue_length: usize,
    /// How long running requests may take to finish after a stop signal.
    pub shutdown_grace: Duration,
}

impl TrafficSettings {
    pub fn from_lookup(
        get: impl Fn(&str) -> Option<String>,
        max_in_flight: usize,
    ) -> Result<TrafficSettings, ConfigError> {
        let number = |variable: &'static str,
                      range: std::ops::RangeInclusive<u64>,
                      default: u64| match get(variable) {
            None => Ok(default),
            Some(raw) => match raw.parse::<u64>() {
                Ok(n) if range.contains(&n) => Ok(n),
                _ => Err(ConfigError {
                    variable,
                    problem: format!(
                        "'{raw}' is not a whole number from {} to {}",
                        range.start(),
                        range.end()
                    ),
                }),
            },
        };
        let queue_length = number(
            "INSPRAAK_QUEUE_LENGTH",
            0..=100_000,
            max_in_flight.try_into().unwrap_or(u64::MAX),
        )?;
        Ok(TrafficSettings {
            body_timeout: Duration::from_secs(number(
                "INSPRAAK_BODY_TIMEOUT_SECONDS",
                1..=300,
                10,
            )?),
            slow_reader: Duration::from_secs(number(
                "INSPRAAK_SLOW_READER_SECONDS",
                1..=3600,
                120,
            )?),
            queue_wait: Duration::from_millis(number("INSPRAAK_QUEUE_WAIT_MS", 0..=10_000, 250)?),
            queue_length: usize::try_from(queue_length).unwrap_or(usize::MAX),
            shutdown_grace: Duration::from_secs(number(
                "INSPRAAK_SHUTDOWN_GRACE_SECONDS",
                1..=3600,
                60,
            )?),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn parse(pairs: &[(&str, &str)]) -> Result<TrafficSettings, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        TrafficSettings::from_lookup(|key| map.get(key).cloned(), 64)
    }

    #[test]
    fn defaults_follow_the_in_flight_limit() {
        let settings = parse(&[]).unwrap();
        assert_eq!(settings.body_timeout, Duration::from_secs(10));
        assert_eq!(settings.slow_reader, Duration::from_secs(120));
        assert_eq!(settings.queue_wait, Duration::from_millis(250));
        assert_eq!(settings.queue_length, 64);
        assert_eq!(settings.shutdown_grace, Duration::from_secs(60));
    }

    #[test]
    fn a_bad_value_names_its_variable() {
        let error = parse(&[("INSPRAAK_BODY_TIMEOUT_SECONDS", "0")]).unwrap_err();
        assert_eq!(error.variable, "INSPRAAK_BODY_TIMEOUT_SECONDS");
        let error = parse(&[("INSPRAAK_QUEUE_WAIT_MS", "soon")]).unwrap_err();
        assert_eq!(error.variable, "INSPRAAK_QUEUE_WAIT_MS");
    }
}
