//! What every handler can reach: the database, settings, clock, password hashing and keys.

use crate::auth::password::Passwords;
use crate::clock::Clock;
use crate::config::Settings;
use hmac::{Hmac, Mac};
use inspraak_store::Db;
use sha2::Sha256;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub clock: Clock,
    pub passwords: Passwords,
    pub keys: Keys,
    pub secret_box: crate::auth::totp::SecretBox,
    /// Public pages' read models in memory (`read::cache`).
    pub cache: Arc<crate::read::cache::ContentCache>,
    /// The group-commit writer of consultation responses (`flows::response_writer`).
    pub responses: crate::flows::response_writer::ResponseWriter,
}

/// Keyed hashes made with the secret key: CSRF tokens, and throttle keys that must not reveal the
/// address or IP they stand for.
#[derive(Clone)]
pub struct Keys {
    secret: Arc<[u8]>,
}

impl Keys {
    pub fn new(secret: &str) -> Self {
        Keys {
            secret: Arc::from(secret.as_bytes()),
        }
    }

    fn mac(&self) -> Hmac<Sha256> {
        // HMAC takes keys of any length; this cannot fail.
        match Hmac::<Sha256>::new_from_slice(&self.secret) {
            Ok(mac) => mac,
            Err(_) => unreachable!("HMAC accepts keys of any length"),
        }
    }

    /// Hex HMAC of `purpose` and `value`; different purposes never give the same hash.
    pub fn hash(&self, purpose: &str, value: &str) -> String {
        let mut mac = self.mac();
        mac.update(purpose.as_bytes());
        mac.update(b"\0");
        mac.update(value.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// Checks a hash made by `hash` in constant time.
    pub fn verify(&self, purpose: &str, value: &str, expected_hex: &str) -> bool {
        let Ok(expected) = hex::decode(expected_hex) else {
            return false;
        };
        let mut mac = self.mac();
        mac.update(purpose.as_bytes());
        mac.update(b"\0");
        mac.update(value.as_bytes());
        mac.verify_slice(&expected).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_depend_on_key_purpose_and_value() {
        let keys = Keys::new("a secret key that is long enough");
        let token = keys.hash("csrf", "session");
        assert!(keys.verify("csrf", "session", &token));
        assert!(!keys.verify("csrf", "other session", &token));
        assert!(!keys.verify("throttle", "session", &token));
        assert!(!Keys::new("another secret key, long enough").verify("csrf", "session", &token));
        assert!(!keys.verify("csrf", "session", "not hex"));
    }
}
