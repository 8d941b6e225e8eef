//! E-mail addresses as people type them, checked enough to be safe in a mail header.
//!
//! The rule for international addresses (issue 20, finding 10), one for the whole site:
//! - the local part (before the `@`) is ASCII only: `jаn@` with a Cyrillic `а` looks like
//!   `jan@` but is another mailbox, and without SMTPUTF8 it cannot be sent. Such an address is
//!   refused with its own message (`EmailError::NonAsciiLocalPart`);
//! - an international domain (`münchen.de`, `пример.рф`) is accepted and stored in its ASCII
//!   form (`xn--mnchen-3ya.de`), so the `To:` header is ASCII and organisers see the form the
//!   mail really goes to; a label that mixes Latin, Greek or Cyrillic letters (`exаmple.nl`) is
//!   refused as a look-alike.

use std::fmt;
use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum EmailError {
    #[error("e-mail address is empty")]
    Empty,
    #[error("e-mail address is too long")]
    TooLong,
    #[error("e-mail address is not valid")]
    Invalid,
    #[error("the part before the @ holds letters outside ASCII")]
    NonAsciiLocalPart,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
    Other,
}

fn script(c: char) -> Option<Script> {
    if !c.is_alphabetic() {
        return None;
    }
    Some(match c {
        'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => Script::Latin,
        '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}' => Script::Greek,
        '\u{0400}'..='\u{052F}' => Script::Cyrillic,
        _ => Script::Other,
    })
}

/// A domain label whose letters come from more than one of Latin, Greek and Cyrillic: the
/// look-alike trick (`exаmple` with a Cyrillic `а`).
fn mixes_scripts(label: &str) -> bool {
    let mut seen: Option<Script> = None;
    for s in label.chars().filter_map(script) {
        if s == Script::Other {
            continue;
        }
        match seen {
            None => seen = Some(s),
            Some(first) if first != s => return true,
            Some(_) => {}
        }
    }
    false
}

/// The ASCII form of a domain as typed: unchanged when it is ASCII, its `xn--` form when it is
/// an international domain name of one script per label.
fn ascii_domain(domain: &str) -> Result<String, EmailError> {
    if domain.is_ascii() {
        return Ok(domain.to_owned());
    }
    if domain.split('.').any(mixes_scripts) {
        return Err(EmailError::Invalid);
    }
    idna::domain_to_ascii(domain).map_err(|_| EmailError::Invalid)
}

/// A syntactically plausible address: `local@domain.tld`, at most 254 characters, a local part of
/// at most 64, no spaces, quotes, angle brackets or control characters. Stored lower-cased so the
/// same person is found again whatever they typed.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, EmailError> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(EmailError::Empty);
        }
        if value.chars().count() > 254 {
            return Err(EmailError::TooLong);
        }
        let (local, domain) = value.rsplit_once('@').ok_or(EmailError::Invalid)?;
        if local.chars().count() > 64 {
            return Err(EmailError::TooLong);
        }
        if local.chars().any(|c| c.is_alphanumeric() && !c.is_ascii()) {
            return Err(EmailError::NonAsciiLocalPart);
        }
        if domain.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(EmailError::Invalid);
        }
        let domain = ascii_domain(domain)?;
        if local.len() + 1 + domain.len() > 254 {
            return Err(EmailError::TooLong);
        }
        let allowed_local =
            |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c);
        // ASCII only (international domains in their xn-- form, made above): no look-alike
        // letters from other scripts, such as a Cyrillic 'а' in exаmple.nl.
        let allowed_domain = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '.';
        let domain_ok = domain.contains('.')
            && !domain.starts_with(['.', '-'])
            && !domain.ends_with(['.', '-'])
            && !domain.contains("..")
            && domain.chars().all(allowed_domain);
        let local_ok = !local.is_empty()
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local.chars().all(allowed_local);
        if !(domain_ok && local_ok) {
            return Err(EmailError::Invalid);
        }
        Ok(Self(format!("{local}@{domain}").to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Addresses are personal data: debug output never shows them in full.
impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let domain = self.0.rsplit_once('@').map(|(_, d)| d).unwrap_or("");
        write!(f, "Email(…@{domain})")
    }
}

impl AsRef<str> for Email {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ordinary_addresses_are_accepted_and_lower_cased() {
        let email = Email::parse(" Jan.de-Vries+inspraak@Example.NL ");
        assert_eq!(
            email.map(|e| e.as_str().to_owned()),
            Ok("jan.de-vries+inspraak@example.nl".into())
        );
    }

    #[test]
    fn header_injection_and_display_names_are_refused() {
        for raw in [
            "a@b.nl\r\nBcc: x@evil.nl",
            "\"x\"@evil <a@b.nl>",
            "a b@c.nl",
            "geen-apenstaart.nl",
            "a@localhost",
            "a@b..nl",
            "a@b.nl\0",
            "org@ex\u{0430}mple.nl",
        ] {
            assert!(Email::parse(raw).is_err(), "{raw:?} should be refused");
        }
    }

    #[test]
    fn a_non_ascii_local_part_is_refused_with_its_own_reason() {
        assert_eq!(
            Email::parse("j\u{0430}n@gemeente.nl"),
            Err(EmailError::NonAsciiLocalPart)
        );
        assert_eq!(
            Email::parse("zoë@example.nl"),
            Err(EmailError::NonAsciiLocalPart)
        );
    }

    #[test]
    fn international_domains_become_their_ascii_form() {
        let ascii = |raw: &str| Email::parse(raw).map(|e| e.as_str().to_owned());
        assert_eq!(ascii("Jan@München.de"), Ok("jan@xn--mnchen-3ya.de".into()));
        assert_eq!(
            ascii("info@пример.рф"),
            Ok("info@xn--e1afmkfd.xn--p1ai".into())
        );
        // Typed already in ASCII form: the same address.
        assert_eq!(ascii("jan@xn--mnchen-3ya.de"), ascii("jan@münchen.de"));
        // One label mixing Latin and Cyrillic is a look-alike.
        assert_eq!(
            Email::parse("org@ex\u{0430}mple.nl"),
            Err(EmailError::Invalid)
        );
    }

    #[test]
    fn length_limits_follow_the_rfc() {
        let long_local = format!("{}@example.nl", "a".repeat(65));
        assert_eq!(Email::parse(&long_local), Err(EmailError::TooLong));
        let long_total = format!("a@{}.nl", "b".repeat(252));
        assert_eq!(Email::parse(&long_total), Err(EmailError::TooLong));
    }

    #[test]
    fn debug_output_hides_the_local_part() {
        let email = Email::parse("geheim@example.nl").map(|e| format!("{e:?}"));
        assert_eq!(email, Ok("Email(…@example.nl)".into()));
    }

    proptest! {
        #[test]
        fn accepted_addresses_never_hold_header_breaking_characters(raw in "\\PC{0,80}") {
            if let Ok(email) = Email::parse(&raw) {
                prop_assert!(email.as_str().is_ascii(), "the To: header stays ASCII");
                prop_assert!(!email.as_str().contains(['\r', '\n', '<', '>', '"', ' ', ',']));
                prop_assert!(email.as_str().chars().count() <= 254);
            }
        }
    }
}
