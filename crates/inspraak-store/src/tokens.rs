//! Random tokens for links and cookies. Only their SHA-256 is stored, so a database leak gives
//! no working link.

use base64::Engine;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

/// A fresh 256-bit token, URL-safe base64 (43 characters).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    // The OS random source failing is unrecoverable; there is no safe fallback for a token.
    #[allow(clippy::expect_used)]
    getrandom::fill(&mut bytes).expect("the operating system's random source is unavailable");
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Whether `value` could be a [`new_token`]: 43 characters of URL-safe base64. Anything else
/// is refused before it is hashed, looked up or echoed.
pub fn is_token(value: &str) -> bool {
    value.len() == 43
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The hex SHA-256 of a token, as stored.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Hex digits of milliseconds in front of a trace token (enough until the year 10889).
const TRACE_TIME_DIGITS: usize = 12;

/// A fresh "what was done with my input" token: the time in milliseconds (12 hex digits), then
/// a [`new_token`] (55 characters in all). Its stored hash ([`hash_trace_token`]) starts with
/// the same digits, so new hashes go at the end of their unique index, as new rows go at the
/// end of the table. With a hash alone every new contribution wrote one random page of that
/// index: at a deadline rush about one of every six pages a response writes (`benchmarks.md`).
/// The time it shows is the contribution's own sending time, which its page shows anyway.
pub fn new_trace_token(now: DateTime<Utc>) -> String {
    let millis = u64::try_from(now.timestamp_millis()).unwrap_or(0);
    format!("{millis:012x}{}", new_token())
}

/// Whether `token` has the form of a trace token: a [`new_trace_token`], or a plain
/// [`new_token`] as handed out before tokens carried their time.
pub fn is_trace_token(token: &str) -> bool {
    // `get`, not slicing: a path may hold anything, and a character cut in two is no token.
    match (
        token.len(),
        token.get(..TRACE_TIME_DIGITS),
        token.get(TRACE_TIME_DIGITS..),
    ) {
        (55, Some(time), Some(random)) => {
            time.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
                && is_token(random)
        }
        _ => is_token(token),
    }
}

/// What is stored for a trace token (64 characters): a [`new_trace_token`]'s time digits, then
/// the first 52 hex digits (208 bits) of its SHA-256, so a leak still gives no working link; a
/// plain token from before, its whole hex SHA-256 as [`hash_token`] stores it.
pub fn hash_trace_token(token: &str) -> String {
    let digest = hash_token(token);
    match token.get(..TRACE_TIME_DIGITS) {
        Some(time) if token.len() == 55 => {
            let kept = digest.len() - TRACE_TIME_DIGITS;
            format!("{time}{}", &digest[..kept])
        }
        _ => digest,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_tokens_we_could_have_made_are_tokens() {
        assert!(is_token(&new_token()));
        assert!(!is_token("short"));
        assert!(!is_token(&"x".repeat(42)));
        assert!(!is_token(&format!("{}!", "x".repeat(42))));
    }

    #[test]
    fn trace_tokens_and_their_hashes_sort_by_time() {
        let early = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap_or_default();
        let later = early + chrono::Duration::milliseconds(1);
        let (a, b) = (new_trace_token(early), new_trace_token(later));
        assert_eq!(a.len(), 55);
        assert!(is_trace_token(&a) && is_trace_token(&b));
        assert!(a < b, "{a} sorts before {b}");
        let (ha, hb) = (hash_trace_token(&a), hash_trace_token(&b));
        assert_eq!(ha.len(), 64);
        assert!(ha < hb, "{ha} sorts before {hb}");
        assert_eq!(&ha[..12], &a[..12]);
        // The rest is the token's hash, not its random part.
        assert_eq!(&ha[12..], &hash_token(&a)[..52]);
        assert!(!ha.contains(&a[12..]));
        // A token from before keeps its plain hash.
        let old = new_token();
        assert!(is_trace_token(&old));
        assert_eq!(hash_trace_token(&old), hash_token(&old));
    }

    #[test]
    fn malformed_trace_tokens_are_refused() {
        let good = new_trace_token(Utc::now());
        assert!(!is_trace_token(&good[1..]));
        assert!(!is_trace_token(&format!("{good}x")));
        // Upper-case or non-hex time digits, a character outside base64url in the random part.
        assert!(!is_trace_token(&format!(
            "{}{}",
            "G".repeat(12),
            &good[12..]
        )));
        assert!(!is_trace_token(&format!("{}{}", &good[..54], "!")));
        assert!(!is_trace_token(&format!("{}/", &new_token()[..42])));
        // Multi-byte characters where the time digits end, or anywhere: refused, no panic.
        assert!(!is_trace_token(&format!("{}é{}", &good[..11], &good[13..])));
        assert!(!is_trace_token(&format!("{}€{}", &good[..10], &good[13..])));
        assert!(!is_trace_token(&format!("{}é", &new_token()[..41])));
    }

    #[test]
    fn tokens_are_long_distinct_and_url_safe() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert!(
            a.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
        assert_eq!(hash_token(&a).len(), 64);
        assert_ne!(hash_token(&a), a);
    }
}
