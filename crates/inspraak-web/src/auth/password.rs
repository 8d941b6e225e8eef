//! argon2id password hashing, off the async runtime and bounded: a login storm queues on a
//! semaphore of one less than the core count (at least one) instead of starving every other
//! request. Each hash holds a core for tens of milliseconds; with as many hashes as cores, a
//! storm of 200 logins took both cores of a 2-core machine and public pages went over their
//! 200 ms p99 (`docs/benchmarks.md`). One core is kept for pages; logins queue longer instead.

use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::{OnceCell, Semaphore};

#[derive(Debug, thiserror::Error)]
pub enum PasswordHashError {
    #[error("password hashing failed: {0}")]
    Hash(String),
    #[error("password hashing task failed")]
    Join,
}

#[derive(Clone)]
pub struct Passwords {
    permits: Arc<Semaphore>,
    /// A real hash of a random password, verified against when the account does not exist, so an
    /// unknown address takes as long as a wrong password (no enumeration by timing).
    dummy_hash: Arc<OnceCell<String>>,
    /// argon2 runs so far (hashes and verifications): what throttles are meant to bound.
    runs: Arc<AtomicU64>,
}

impl Default for Passwords {
    fn default() -> Self {
        Self::new()
    }
}

/// OWASP's argon2id setting: 19 MiB, two passes, one lane.
fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// How many argon2 runs may go at once: every core but one, so pages keep a core during a login
/// storm (see the module comment).
fn hash_slots() -> usize {
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2);
    cores.saturating_sub(1).max(1)
}

impl Passwords {
    pub fn new() -> Self {
        Passwords {
            permits: Arc::new(Semaphore::new(hash_slots())),
            dummy_hash: Arc::new(OnceCell::new()),
            runs: Arc::new(AtomicU64::new(0)),
        }
    }

    /// How many times argon2 ran (hash or verify) since start: the work a throttle must bound,
    /// read by the tests that check a refused attempt costs none.
    pub fn argon2_runs(&self) -> u64 {
        self.runs.load(Ordering::Relaxed)
    }

    pub async fn hash(&self, password: &str) -> Result<String, PasswordHashError> {
        let password = password.to_owned();
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| PasswordHashError::Join)?;
        self.runs.fetch_add(1, Ordering::Relaxed);
        tokio::task::spawn_blocking(move || hash_now(&password))
            .await
            .map_err(|_| PasswordHashError::Join)?
    }

    /// Verifies a password against a stored hash, or against a dummy hash when there is none.
    pub async fn verify(
        &self,
        password: &str,
        stored: Option<&str>,
    ) -> Result<bool, PasswordHashError> {
        let stored = match stored {
            Some(hash) => hash.to_owned(),
            None => {
                let dummy = self
                    .dummy_hash
                    .get_or_try_init(|| async {
                        self.hash(&inspraak_store::tokens::new_token()).await
                    })
                    .await?;
                let password = password.to_owned();
                let dummy = dummy.clone();
                let _permit = self
                    .permits
                    .acquire()
                    .await
                    .map_err(|_| PasswordHashError::Join)?;
                self.runs.fetch_add(1, Ordering::Relaxed);
                tokio::task::spawn_blocking(move || verify_now(&password, &dummy))
                    .await
                    .map_err(|_| PasswordHashError::Join)?;
                return Ok(false);
            }
        };
        let password = password.to_owned();
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| PasswordHashError::Join)?;
        self.runs.fetch_add(1, Ordering::Relaxed);
        tokio::task::spawn_blocking(move || verify_now(&password, &stored))
            .await
            .map_err(|_| PasswordHashError::Join)
    }
}

/// Hashes on the current thread; for the CLI and inside `spawn_blocking`.
pub fn hash_now(password: &str) -> Result<String, PasswordHashError> {
    let mut salt_bytes = [0u8; 16];
    getrandom::fill(&mut salt_bytes).map_err(|e| PasswordHashError::Hash(e.to_string()))?;
    let salt =
        SaltString::encode_b64(&salt_bytes).map_err(|e| PasswordHashError::Hash(e.to_string()))?;
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| PasswordHashError::Hash(e.to_string()))
}

fn verify_now(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let passwords = Passwords::new();
        let hash = passwords.hash("correct horse battery").await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(
            passwords
                .verify("correct horse battery", Some(&hash))
                .await
                .unwrap()
        );
        assert!(
            !passwords
                .verify("wrong horse battery", Some(&hash))
                .await
                .unwrap()
        );
        assert!(!passwords.verify("anything", None).await.unwrap());
        assert!(
            !passwords
                .verify("anything", Some("not a hash"))
                .await
                .unwrap()
        );
    }
}
