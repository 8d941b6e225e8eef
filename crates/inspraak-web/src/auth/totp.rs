//! TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps) for the second login step, its secret
//! encrypted at rest, the QR code for enrolment, and recovery codes.

use crate::state::Keys;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use sha2::{Digest, Sha256};
use totp_rs::{Algorithm, TOTP};

const STEP_SECONDS: u64 = 30;
/// The issuer where none matters (codes and the typed key do not show it).
const DEFAULT_ISSUER: &str = crate::house::DEFAULT_SITE_NAME;

#[derive(Debug, thiserror::Error)]
pub enum TotpError {
    #[error("random source failed")]
    Random,
    #[error("stored secret cannot be decrypted (was the secret key changed?)")]
    Decrypt,
    #[error("TOTP setup: {0}")]
    Setup(String),
}

/// Encrypts TOTP secrets with ChaCha20-Poly1305 under a key derived from the app's secret key.
#[derive(Clone)]
pub struct SecretBox {
    key: [u8; 32],
}

impl SecretBox {
    pub fn new(secret_key: &str) -> Self {
        let digest = Sha256::digest(format!("inspraak totp secrets\0{secret_key}").as_bytes());
        SecretBox { key: digest.into() }
    }

    pub fn seal(&self, plain: &[u8]) -> Result<String, TotpError> {
        let mut nonce = [0u8; 12];
        getrandom::fill(&mut nonce).map_err(|_| TotpError::Random)?;
        let cipher = ChaCha20Poly1305::new(Key::from_slice(&self.key));
        let sealed = cipher
            .encrypt(Nonce::from_slice(&nonce), plain)
            .map_err(|_| TotpError::Random)?;
        let mut out = nonce.to_vec();
        out.extend(sealed);
        Ok(base64::engine::general_purpose::STANDARD_NO_PAD.encode(out))
    }

    pub fn open(&self, sealed: &str) -> Result<Vec<u8>, TotpError> {
        let bytes = base64::engine::general_purpose::STANDARD_NO_PAD
            .decode(sealed)
            .map_err(|_| TotpError::Decrypt)?;
        if bytes.len() < 12 {
            return Err(TotpError::Decrypt);
        }
        let (nonce, sealed) = bytes.split_at(12);
        let cipher = ChaCha20Poly1305::new(Key::from_slice(&self.key));
        cipher
            .decrypt(Nonce::from_slice(nonce), sealed)
            .map_err(|_| TotpError::Decrypt)
    }
}

/// A fresh 160-bit secret, as RFC 4226 recommends.
pub fn new_secret() -> Result<Vec<u8>, TotpError> {
    let mut secret = vec![0u8; 20];
    getrandom::fill(&mut secret).map_err(|_| TotpError::Random)?;
    Ok(secret)
}

fn totp(secret: &[u8], account: &str) -> Result<TOTP, TotpError> {
    totp_for(secret, account, DEFAULT_ISSUER)
}

/// The issuer is the name the authenticator app shows above the code; a `:` would end it
/// early in the otpauth URL (and the library refuses it), so it becomes a space.
fn totp_for(secret: &[u8], account: &str, issuer: &str) -> Result<TOTP, TotpError> {
    TOTP::new(
        Algorithm::SHA1,
        6,
        1,
        STEP_SECONDS,
        secret.to_vec(),
        Some(issuer.replace(':', " ")),
        account.to_owned(),
    )
    .map_err(|e| TotpError::Setup(e.to_string()))
}

/// The secret as people type it into an app: base32 in groups of four.
pub fn secret_for_display(secret: &[u8], account: &str) -> Result<String, TotpError> {
    let encoded = totp(secret, account)?.get_secret_base32();
    Ok(encoded
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" "))
}

/// Reads a key as `secret_for_display` shows it (spaces allowed).
pub fn secret_from_display(shown: &str) -> Option<Vec<u8>> {
    let compact: String = shown.chars().filter(|c| !c.is_whitespace()).collect();
    totp_rs::Secret::Encoded(compact).to_bytes().ok()
}

/// The `otpauth://` URL authenticator apps read from the QR code; `issuer` is the site's name.
pub fn otpauth_url(secret: &[u8], account: &str, issuer: &str) -> Result<String, TotpError> {
    Ok(totp_for(secret, account, issuer)?.get_url())
}

/// The code for a time (seconds since 1970); used by tests and by `verify`.
pub fn code_at(secret: &[u8], unix_seconds: u64) -> Result<String, TotpError> {
    Ok(totp(secret, "x")?.generate(unix_seconds))
}

/// The time step a code belongs to, accepting one step of clock drift either way.
pub fn verify(secret: &[u8], code: &str, unix_seconds: u64) -> Result<Option<i64>, TotpError> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Ok(None);
    }
    let current = unix_seconds / STEP_SECONDS;
    for step in [current.saturating_sub(1), current, current + 1] {
        if code_at(secret, step * STEP_SECONDS)? == code {
            return Ok(Some(step as i64));
        }
    }
    Ok(None)
}

/// The QR code of the otpauth URL as SVG markup (made by us from our own URL, never user input).
pub fn qr_svg(url: &str) -> Result<String, TotpError> {
    let code = qrcode::QrCode::new(url.as_bytes()).map_err(|e| TotpError::Setup(e.to_string()))?;
    Ok(code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .dark_color(qrcode::render::svg::Color("#000000"))
        .light_color(qrcode::render::svg::Color("#ffffff"))
        .build())
}

/// Ten recovery codes like `k3f9q-x2m7p` (50 bits each), shown once.
pub fn new_recovery_codes() -> Result<Vec<String>, TotpError> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    (0..10)
        .map(|_| {
            let mut bytes = [0u8; 10];
            getrandom::fill(&mut bytes).map_err(|_| TotpError::Random)?;
            let chars: String = bytes
                .iter()
                .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
                .collect();
            Ok(format!("{}-{}", &chars[..5], &chars[5..]))
        })
        .collect()
}

/// How recovery codes are stored: a keyed hash of the normalised code.
pub fn recovery_code_hash(keys: &Keys, code: &str) -> String {
    let normalised: String = code
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    keys.hash("recovery-code", &normalised)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc6238_test_vector() {
        // RFC 6238 appendix B, SHA-1, at T = 59 s: 94287082 (8 digits); 6 digits: 287082.
        let secret = b"12345678901234567890";
        assert_eq!(code_at(secret, 59).unwrap(), "287082");
    }

    #[test]
    fn codes_verify_within_one_step_of_drift() {
        let secret = new_secret().unwrap();
        let now = 1_800_000_000;
        let code = code_at(&secret, now).unwrap();
        assert_eq!(
            verify(&secret, &code, now).unwrap(),
            Some((now / 30) as i64)
        );
        assert!(verify(&secret, &code, now + 30).unwrap().is_some());
        assert!(verify(&secret, &code, now + 90).unwrap().is_none());
        assert!(verify(&secret, "abcdef", now).unwrap().is_none());
    }

    #[test]
    fn the_authenticator_app_shows_the_configured_site_name() {
        let secret = new_secret().unwrap();
        let url = otpauth_url(&secret, "a@b.nl", "Stem van Lindendal").unwrap();
        assert!(
            url.starts_with("otpauth://totp/Stem%20van%20Lindendal:a%40b.nl?"),
            "{url}"
        );
        assert!(url.contains("issuer=Stem%20van%20Lindendal"), "{url}");
        // A colon would end the issuer early; it is not refused, it becomes a space.
        let url = otpauth_url(&secret, "a@b.nl", "Gemeente: Lindendal").unwrap();
        assert!(url.contains("issuer=Gemeente%20%20Lindendal"), "{url}");
    }

    #[test]
    fn a_displayed_key_reads_back_to_the_secret() {
        let secret = new_secret().unwrap();
        let shown = secret_for_display(&secret, "a@b.nl").unwrap();
        assert!(shown.contains(' '));
        assert_eq!(secret_from_display(&shown).unwrap(), secret);
    }

    #[test]
    fn sealed_secrets_open_only_with_the_same_key() {
        let sealed = SecretBox::new("key one that is long enough!!!!!")
            .seal(b"secret")
            .unwrap();
        assert_eq!(
            SecretBox::new("key one that is long enough!!!!!")
                .open(&sealed)
                .unwrap(),
            b"secret"
        );
        assert!(
            SecretBox::new("key two that is long enough!!!!!")
                .open(&sealed)
                .is_err()
        );
    }

    #[test]
    fn recovery_codes_are_distinct_and_normalised_when_hashed() {
        let codes = new_recovery_codes().unwrap();
        assert_eq!(codes.len(), 10);
        let keys = Keys::new("a secret key that is long enough");
        assert_eq!(
            recovery_code_hash(&keys, &codes[0]),
            recovery_code_hash(&keys, &format!(" {} ", codes[0].to_uppercase()))
        );
        assert_ne!(
            recovery_code_hash(&keys, &codes[0]),
            recovery_code_hash(&keys, &codes[1])
        );
    }

    #[test]
    fn the_qr_code_is_svg() {
        let svg = qr_svg("otpauth://totp/Inspraak:a@b.nl?secret=ABC").unwrap();
        assert!(svg.contains("<svg") && !svg.contains("<script"));
    }
}
