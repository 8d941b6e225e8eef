//! `INSPRAAK_SMTP_URL` and the SMTP transport built from it, made so that the relay password and
//! participants' mail never travel in clear text by accident (issue 20, finding 9):
//!
//! | URL | connection | credentials |
//! |---|---|---|
//! | `smtp://[user:pass@]host[:587]` | STARTTLS **required**: a server that does not offer it gets no `AUTH` and no mail (the message is retried later) | allowed |
//! | `smtps://[user:pass@]host[:465]` | implicit TLS from the first byte | allowed |
//! | `smtp+insecure://host[:25]` | plain text, the explicit opt-in for a relay on the same host or a private network (Mailpit, a local Postfix) | refused at start-up |
//!
//! lettre's own URL reading treats `smtp://` as plain text unless `?tls=required` is added; that
//! is exactly the leak, so the URL is read here and the transport built by hand.
//!
//! The relay's certificate is checked against the usual public roots; `INSPRAAK_SMTP_CA_FILE`
//! (a PEM file of one or more CA certificates) adds roots for a relay with a certificate of its
//! own, e.g. an internal relay signed by the organisation's CA. It never turns checking off.

use crate::config::Secret;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, Tokio1Executor};
use std::fmt;

/// How the connection to the relay is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// `smtp://`: plain connect, then STARTTLS, which the server must offer.
    StartTls,
    /// `smtps://`: TLS from the first byte.
    ImplicitTls,
    /// `smtp+insecure://`: no TLS at all, and therefore no credentials.
    Plain,
}

/// A checked `INSPRAAK_SMTP_URL`.
#[derive(Clone)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub credentials: Option<(String, Secret)>,
    /// Extra trusted CA certificates (PEM), from `INSPRAAK_SMTP_CA_FILE`.
    pub extra_roots: Option<Vec<u8>>,
}

/// The password never shows in logs or debug output.
impl fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("credentials", &self.credentials.as_ref().map(|_| "***"))
            .field("extra_roots", &self.extra_roots.is_some())
            .finish()
    }
}

impl SmtpSettings {
    /// Reads the URL; the error is one line for the operator (never containing the password).
    pub fn parse(raw: &str) -> Result<SmtpSettings, String> {
        let (security, default_port) = if raw.starts_with("smtp://") {
            (SmtpSecurity::StartTls, 587)
        } else if raw.starts_with("smtps://") {
            (SmtpSecurity::ImplicitTls, 465)
        } else if raw.starts_with("smtp+insecure://") {
            (SmtpSecurity::Plain, 25)
        } else {
            return Err(
                "must start with smtp:// (STARTTLS required), smtps:// (TLS) or smtp+insecure:// (plain text, local relay without password)"
                    .into(),
            );
        };
        let url = url::Url::parse(raw)
            .map_err(|_| "is not a URL like smtp://user:pass@host:587".to_owned())?;
        let host = url
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or_else(|| "names no host".to_owned())?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned();
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8()
                .map(|c| c.into_owned())
                .map_err(|_| "has a user name or password that is not UTF-8".to_owned())
        };
        let user = decode(url.username())?;
        let password = decode(url.password().unwrap_or(""))?;
        let credentials = if user.is_empty() && password.is_empty() {
            None
        } else {
            Some((user, Secret::new(password)))
        };
        if security == SmtpSecurity::Plain && credentials.is_some() {
            return Err(
                "smtp+insecure:// would send the user name and password in clear text; use smtp:// (STARTTLS) or smtps://, or a local relay without a password"
                    .into(),
            );
        }
        Ok(SmtpSettings {
            host,
            port: url.port().unwrap_or(default_port),
            security,
            credentials,
            extra_roots: None,
        })
    }

    /// Trusts the CA certificates in the PEM file at `path` too (`INSPRAAK_SMTP_CA_FILE`),
    /// checked now so a wrong file stops the start-up instead of every mail.
    pub fn with_ca_file(self, path: &std::path::Path) -> Result<SmtpSettings, String> {
        if self.security == SmtpSecurity::Plain {
            return Err(
                "applies only to smtp:// and smtps://; smtp+insecure:// uses no TLS".into(),
            );
        }
        let pem =
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let has_certificate = String::from_utf8_lossy(&pem).contains("-----BEGIN CERTIFICATE-----");
        if !has_certificate || Certificate::from_pem(&pem).is_err() {
            return Err(format!(
                "{} holds no PEM certificate (-----BEGIN CERTIFICATE-----)",
                path.display()
            ));
        }
        Ok(SmtpSettings {
            extra_roots: Some(pem),
            ..self
        })
    }

    /// The lettre transport: TLS as the scheme says, credentials only over TLS.
    pub fn transport(&self) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
        let tls = || {
            let mut parameters = TlsParameters::builder(self.host.clone());
            if let Some(pem) = &self.extra_roots {
                let roots = Certificate::from_pem(pem).map_err(|e| e.to_string())?;
                parameters = parameters.add_root_certificate(roots);
            }
            parameters.build().map_err(|e| e.to_string())
        };
        let tls = match self.security {
            SmtpSecurity::StartTls => Tls::Required(tls()?),
            SmtpSecurity::ImplicitTls => Tls::Wrapper(tls()?),
            SmtpSecurity::Plain => Tls::None,
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&self.host)
            .port(self.port)
            .tls(tls);
        if let Some((user, password)) = &self.credentials {
            builder =
                builder.credentials(Credentials::new(user.clone(), password.expose().to_owned()));
        }
        Ok(builder.build())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_scheme_means_one_kind_of_connection() {
        let s = SmtpSettings::parse("smtp://jan%40x.nl:ge%2Fheim@relay.example.nl").unwrap();
        assert_eq!(
            (s.security, s.port, s.host.as_str()),
            (SmtpSecurity::StartTls, 587, "relay.example.nl")
        );
        let (user, password) = s.credentials.clone().unwrap();
        assert_eq!((user.as_str(), password.expose()), ("jan@x.nl", "ge/heim"));
        assert!(!format!("{s:?}").contains("heim"));

        let s = SmtpSettings::parse("smtps://u:p@relay.example.nl").unwrap();
        assert_eq!((s.security, s.port), (SmtpSecurity::ImplicitTls, 465));
        let s = SmtpSettings::parse("smtp+insecure://mailpit:1025").unwrap();
        assert_eq!((s.security, s.port), (SmtpSecurity::Plain, 1025));
        assert!(s.credentials.is_none());
    }

    #[test]
    fn credentials_on_a_plain_connection_are_refused_without_echoing_them() {
        let error = SmtpSettings::parse("smtp+insecure://jan:geheim@relay:25").unwrap_err();
        assert!(error.contains("clear text"), "{error}");
        assert!(!error.contains("geheim"));
        assert!(SmtpSettings::parse("smtp+insecure://jan@relay:25").is_err());
    }

    #[test]
    fn an_extra_ca_file_must_hold_a_certificate_and_needs_tls() {
        let dir = std::env::temp_dir().join(format!("inspraak-ca-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let empty = dir.join("empty.pem");
        std::fs::write(&empty, "not a certificate").unwrap();
        let tls = SmtpSettings::parse("smtps://relay.example.nl").unwrap();
        let error = tls.clone().with_ca_file(&empty).unwrap_err();
        assert!(error.contains("no PEM certificate"), "{error}");
        let missing = tls.with_ca_file(&dir.join("missing.pem")).unwrap_err();
        assert!(missing.contains("cannot read"), "{missing}");
        let plain = SmtpSettings::parse("smtp+insecure://relay:25").unwrap();
        assert!(plain.with_ca_file(&empty).unwrap_err().contains("no TLS"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn unknown_schemes_and_missing_hosts_are_refused() {
        for raw in ["mail.example.nl", "http://relay", "smtp://", "smtp:///x"] {
            assert!(SmtpSettings::parse(raw).is_err(), "{raw}");
        }
    }
}
