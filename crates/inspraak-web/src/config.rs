//! Settings, read once at start-up from environment variables (and an optional file of
//! `KEY=value` lines named by `INSPRAAK_CONFIG`), typed and checked before anything starts.
//!
//! | variable | meaning | default |
//! |---|---|---|
//! | `INSPRAAK_LISTEN` | address to listen on | `127.0.0.1:8080` |
//! | `DATABASE_URL` | `sqlite://…` or `postgres://…` | `sqlite://<data dir>/inspraak.db?mode=rwc` |
//! | `INSPRAAK_BASE_URL` | public address, used in mails and for `Secure` cookies | `http://<listen>` |
//! | `INSPRAAK_DATA_DIR` | folder for the SQLite file, mails written to files, the secret key | `data` |
//! | `INSPRAAK_SECRET_KEY` | at least 32 characters; signs CSRF tokens, keys hashes; required with PostgreSQL | SQLite: generated once into the data dir |
//! | `INSPRAAK_SMTP_URL` | `smtp://user:pass@host:587` (STARTTLS required), `smtps://…` (TLS) or `smtp+insecure://host:25` (plain, no credentials; see `smtp.rs`); unset: mails become `.eml` files in `<data dir>/mail` | unset |
//! | `INSPRAAK_SMTP_CA_FILE` | a PEM file of CA certificates trusted for the relay's certificate besides the public roots (an internal relay with its own CA) | unset |
//! | `INSPRAAK_MAIL_FROM` | sender address; without a name the site name is the sender's name | `<site name> <noreply@localhost>` |
//! | `INSPRAAK_SQLITE_SYNCHRONOUS` | `normal` (survives a crash) or `full` (also a power cut) | `normal` |
//! | `INSPRAAK_TRUST_PROXY` | `true` to take the client address from `X-Forwarded-For` | `false` |
//! | `INSPRAAK_DOCUMENTS_DIR` | folder for uploaded documents | `<data dir>/documents` |
//! | `INSPRAAK_UPLOAD_MAX_BYTES` | largest document upload, in bytes | `26214400` (25 MB) |
//! | `INSPRAAK_MAX_IN_FLIGHT` | requests handled at once; past it the answer is at once 503 "busy, try again" with `Retry-After` (health checks exempt) | `512` |
//! | `INSPRAAK_BODY_TIMEOUT_SECONDS`, `INSPRAAK_SLOW_READER_SECONDS`, `INSPRAAK_QUEUE_WAIT_MS`, `INSPRAAK_QUEUE_LENGTH` | see `traffic.rs` | |
//! | `INSPRAAK_DB_WAIT_SECONDS` | longest wait for a PostgreSQL connection; past it (busy pool, or the database down) the answer is 503 "busy, try again" | `5` |
//! | `INSPRAAK_SECURITY_CONTACT` | where to report vulnerabilities (`mailto:` or `https:`), in `/.well-known/security.txt` | the address of `INSPRAAK_MAIL_FROM` |
//! | `INSPRAAK_LOG_FORMAT` | `text` or `json` (one JSON object per line) | `text` |
//! | `INSPRAAK_SITE_NAME`, `INSPRAAK_ORGANISATION_NAME`, `INSPRAAK_LOGO`, `INSPRAAK_FAVICON`, `INSPRAAK_COLOUR_*`, `INSPRAAK_CONTACT_*`, `INSPRAAK_SOURCE_URL` | the house style, see `house/mod.rs` and the README | neutral |
//! | `INSPRAAK_CONTENT_LANGUAGE` | `nl` or `en`: the language organisers write content in; on pages in the other language it is marked with `lang` (WCAG 3.1.2) | `nl` |

use inspraak_store::Durability;
use std::collections::HashMap;
use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use thiserror::Error;

/// Keys that were ever committed as examples (the old docker-compose file): refused, because
/// anyone can compute CSRF tokens and the demo organiser's second factor from them.
const PUBLISHED_KEYS: &[&str] = &["change-me-to-a-long-random-secret-value"];

/// Enough for hundreds of simultaneous visitors on two cores; beyond it queues only add latency.
/// Set from the idle-machine runs of 2026-12-06 (docs/benchmarks.md, "Overload", `inspraak-bench
/// overload --clients 200 --factor 10`, alternated): with 512, 2,000 clients were served at
/// 84–88 % of the 200-client rate with no refusal and no timeout; with 64 the same load gave
/// ~2,700 refusals, 20–35 unanswered and 8,000–8,600 pages/s against 9,300–9,700; 256 was no
/// better than 512.
pub const DEFAULT_MAX_IN_FLIGHT: usize = 512;

/// A bad setting: which variable, and what is wrong with it, in one line.
#[derive(Debug, Error)]
#[error("{variable}: {problem}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub problem: String,
}

fn bad(variable: &'static str, problem: impl Into<String>) -> ConfigError {
    ConfigError {
        variable,
        problem: problem.into(),
    }
}

/// A secret that never shows up in logs or debug output.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: String) -> Self {
        Secret(value)
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Where mail goes.
#[derive(Clone, Debug)]
pub enum MailSettings {
    /// Each mail becomes an `.eml` file in this folder (the default; readable by a newcomer).
    Files(PathBuf),
    /// Sent over SMTP: TLS as the URL's scheme says (see `smtp.rs`).
    Smtp(crate::smtp::SmtpSettings),
    /// Kept in memory for tests to read.
    Capture(crate::mail::CapturedMails),
}

#[derive(Clone, Debug)]
pub struct Settings {
    pub listen: SocketAddr,
    pub database_url: Secret,
    /// Without a trailing slash, e.g. `https://inspraak.example.nl`.
    pub base_url: String,
    /// False when `base_url` was derived from the listen address; the app then fills in the
    /// port it really got (port 0 picks a free one).
    pub base_url_explicit: bool,
    pub data_dir: PathBuf,
    pub secret_key: Secret,
    pub mail: MailSettings,
    pub mail_from: String,
    pub durability: Durability,
    pub trust_proxy: bool,
    /// `mailto:…` or `https://…`: the `Contact` of `/.well-known/security.txt`.
    pub security_contact: String,
    /// Where uploaded documents are kept (never served from a static folder).
    pub documents_dir: PathBuf,
    /// Largest document upload, enforced while the upload streams in.
    pub upload_max_bytes: u64,
    /// Requests handled at once before new ones get an immediate 503 (see `overload.rs`).
    pub max_in_flight: usize,
    /// Longest wait for a PostgreSQL connection before a request gets a 503.
    pub database_wait: std::time::Duration,
    /// How often, at most, a request asks the database whether public content changed
    /// (`INSPRAAK_CONTENT_CHECK_MS`, default 250; `off` reads every public page from the
    /// database): the staleness bound of public pages, also across instances (`read::cache`).
    pub content_check: Option<std::time::Duration>,
    /// Body and slow-reader deadlines and the wait queue in front of the in-flight limit.
    pub traffic: crate::traffic::TrafficSettings,
    /// Public figures describing fewer people than this show as "< N" (small-number protection).
    pub min_group_size: inspraak_domain::small_numbers::MinGroupSize,
    /// The language organisers write titles, descriptions and questions in; on a page in the
    /// other language that text carries its own `lang` (see `Ctx::content_lang`).
    pub content_language: inspraak_domain::Language,
    /// How log lines are written: plain text, or one JSON object per line for log collectors.
    pub log_format: LogFormat,
    /// Names, logo, favicon, colours, contact and source link of this installation.
    pub house: crate::house::HouseStyle,
}

/// `INSPRAAK_LOG_FORMAT`: `text` (default) or `json`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

impl Settings {
    /// Reads the settings from the process environment (and `INSPRAAK_CONFIG`'s file).
    pub fn from_env() -> Result<Settings, ConfigError> {
        let mut values: HashMap<String, String> = HashMap::new();
        if let Ok(path) = std::env::var("INSPRAAK_CONFIG") {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| bad("INSPRAAK_CONFIG", format!("cannot read {path}: {e}")))?;
            for (number, line) in text.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let (key, value) = line.split_once('=').ok_or_else(|| {
                    bad(
                        "INSPRAAK_CONFIG",
                        format!("line {} of {path} is not KEY=value", number + 1),
                    )
                })?;
                values.insert(key.trim().to_owned(), value.trim().to_owned());
            }
        }
        // The environment wins over the file.
        for (key, value) in std::env::vars() {
            if key.starts_with("INSPRAAK_") || key == "DATABASE_URL" {
                values.insert(key, value);
            }
        }
        Settings::from_values(&values)
    }

    /// Builds settings from a map of variables; the one place every rule is checked.
    pub fn from_values(values: &HashMap<String, String>) -> Result<Settings, ConfigError> {
        let get = |key: &str| {
            values
                .get(key)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };

        let listen = match get("INSPRAAK_LISTEN") {
            Some(raw) => raw.parse::<SocketAddr>().map_err(|_| {
                bad(
                    "INSPRAAK_LISTEN",
                    format!("'{raw}' is not an address like 127.0.0.1:8080"),
                )
            })?,
            None => SocketAddr::from(([127, 0, 0, 1], 8080)),
        };

        let data_dir = PathBuf::from(get("INSPRAAK_DATA_DIR").unwrap_or_else(|| "data".into()));

        let database_url = match get("DATABASE_URL") {
            Some(raw) => {
                let known = ["sqlite:", "postgres:", "postgresql:"];
                if !known.iter().any(|p| raw.starts_with(p)) {
                    return Err(bad(
                        "DATABASE_URL",
                        "must start with sqlite:// (e.g. sqlite://data/inspraak.db?mode=rwc) or postgres://",
                    ));
                }
                raw
            }
            None => format!("sqlite://{}/inspraak.db?mode=rwc", data_dir.display()),
        };

        let base_url_explicit = get("INSPRAAK_BASE_URL").is_some();
        let base_url = match get("INSPRAAK_BASE_URL") {
            Some(raw) => {
                let rest = raw
                    .strip_prefix("https://")
                    .or_else(|| raw.strip_prefix("http://"));
                match rest {
                    Some(host) if !host.is_empty() && !raw.contains(char::is_whitespace) => {
                        raw.trim_end_matches('/').to_owned()
                    }
                    _ => {
                        return Err(bad(
                            "INSPRAAK_BASE_URL",
                            format!("'{raw}' is not an address like https://inspraak.example.nl"),
                        ));
                    }
                }
            }
            None => format!("http://{listen}"),
        };

        let secret_key = match get("INSPRAAK_SECRET_KEY") {
            Some(raw) if PUBLISHED_KEYS.contains(&raw.as_str()) => {
                return Err(bad(
                    "INSPRAAK_SECRET_KEY",
                    "is an example value published with Inspraak; set your own random key (e.g. openssl rand -base64 48)",
                ));
            }
            Some(raw) if raw.chars().count() >= 32 => Secret(raw),
            Some(_) => {
                return Err(bad(
                    "INSPRAAK_SECRET_KEY",
                    "must be at least 32 characters long",
                ));
            }
            // The production rule: on PostgreSQL the key is never made up and kept in a data
            // folder (lost with a container, different per instance); the operator sets it.
            None if !database_url.starts_with("sqlite:") => {
                return Err(bad(
                    "INSPRAAK_SECRET_KEY",
                    "must be set when DATABASE_URL is PostgreSQL (the same random key of 32+ characters for every instance, e.g. openssl rand -base64 48)",
                ));
            }
            None => Secret(load_or_create_secret(&data_dir)?),
        };

        let mail = match (get("INSPRAAK_SMTP_URL"), get("INSPRAAK_SMTP_CA_FILE")) {
            (Some(raw), ca_file) => {
                let smtp = crate::smtp::SmtpSettings::parse(&raw)
                    .map_err(|e| bad("INSPRAAK_SMTP_URL", e))?;
                MailSettings::Smtp(match ca_file {
                    Some(path) => smtp
                        .with_ca_file(std::path::Path::new(&path))
                        .map_err(|e| bad("INSPRAAK_SMTP_CA_FILE", e))?,
                    None => smtp,
                })
            }
            (None, Some(_)) => {
                return Err(bad(
                    "INSPRAAK_SMTP_CA_FILE",
                    "is set but INSPRAAK_SMTP_URL is not: without a relay it trusts nothing",
                ));
            }
            (None, None) => MailSettings::Files(data_dir.join("mail")),
        };

        let house = crate::house::HouseStyle::from_lookup(get, &data_dir)?;

        let mail_from = get("INSPRAAK_MAIL_FROM").unwrap_or_else(|| "noreply@localhost".into());
        let mut sender = mail_from.parse::<lettre::message::Mailbox>().map_err(|_| {
            bad(
                "INSPRAAK_MAIL_FROM",
                format!("'{mail_from}' is not an address like Inspraak <noreply@example.nl>"),
            )
        })?;
        // Mail comes from the site, by name, unless the operator named the sender.
        if sender.name.is_none() {
            sender.name = Some(house.site_name.clone());
        }
        let mail_from = sender.to_string();

        let durability = match get("INSPRAAK_SQLITE_SYNCHRONOUS").as_deref() {
            None | Some("normal") => Durability::Normal,
            Some("full") => Durability::Full,
            Some(other) => {
                return Err(bad(
                    "INSPRAAK_SQLITE_SYNCHRONOUS",
                    format!("'{other}' is not normal or full"),
                ));
            }
        };

        let trust_proxy = match get("INSPRAAK_TRUST_PROXY").as_deref() {
            None | Some("false") => false,
            Some("true") => true,
            Some(other) => {
                return Err(bad(
                    "INSPRAAK_TRUST_PROXY",
                    format!("'{other}' is not true or false"),
                ));
            }
        };

        let security_contact = match get("INSPRAAK_SECURITY_CONTACT") {
            Some(raw) if raw.starts_with("mailto:") || raw.starts_with("https://") => raw,
            Some(raw) => {
                return Err(bad(
                    "INSPRAAK_SECURITY_CONTACT",
                    format!("'{raw}' is not a mailto: or https:// address"),
                ));
            }
            None => {
                let from = mail_from.parse::<lettre::message::Mailbox>().map_err(|e| {
                    bad(
                        "INSPRAAK_MAIL_FROM",
                        format!("'{mail_from}' is not valid: {e}"),
                    )
                })?;
                format!("mailto:{}", from.email)
            }
        };

        let documents_dir = get("INSPRAAK_DOCUMENTS_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| data_dir.join("documents"));
        let upload_max_bytes = match get("INSPRAAK_UPLOAD_MAX_BYTES") {
            None => 25 * 1024 * 1024,
            Some(raw) => match raw.parse::<u64>() {
                Ok(n) if n > 0 => n,
                _ => {
                    return Err(bad(
                        "INSPRAAK_UPLOAD_MAX_BYTES",
                        format!("'{raw}' is not a positive number of bytes"),
                    ));
                }
            },
        };

        let max_in_flight = match get("INSPRAAK_MAX_IN_FLIGHT") {
            None => DEFAULT_MAX_IN_FLIGHT,
            Some(raw) => match raw.parse::<usize>() {
                Ok(n) if n > 0 => n,
                _ => {
                    return Err(bad(
                        "INSPRAAK_MAX_IN_FLIGHT",
                        format!("'{raw}' is not a whole number above 0"),
                    ));
                }
            },
        };

        let database_wait = match get("INSPRAAK_DB_WAIT_SECONDS") {
            None => std::time::Duration::from_secs(5),
            Some(raw) => match raw.parse::<u64>() {
                Ok(n) if (1..=120).contains(&n) => std::time::Duration::from_secs(n),
                _ => {
                    return Err(bad(
                        "INSPRAAK_DB_WAIT_SECONDS",
                        format!("'{raw}' is not a whole number from 1 to 120"),
                    ));
                }
            },
        };

        let content_check = match get("INSPRAAK_CONTENT_CHECK_MS").as_deref() {
            None => Some(std::time::Duration::from_millis(250)),
            Some("off") => None,
            Some(raw) => match raw.parse::<u64>() {
                Ok(n) if n <= 10_000 => Some(std::time::Duration::from_millis(n)),
                _ => {
                    return Err(bad(
                        "INSPRAAK_CONTENT_CHECK_MS",
                        format!("'{raw}' is not off or a whole number from 0 to 10000"),
                    ));
                }
            },
        };

        let traffic = crate::traffic::TrafficSettings::from_lookup(get, max_in_flight)?;

        let min_group_size = match get("INSPRAAK_MIN_GROUP_SIZE") {
            None => inspraak_domain::small_numbers::MinGroupSize::default(),
            Some(raw) => inspraak_domain::small_numbers::MinGroupSize::parse(&raw)
                .map_err(|e| bad("INSPRAAK_MIN_GROUP_SIZE", format!("'{raw}' {e}")))?,
        };

        let content_language = match get("INSPRAAK_CONTENT_LANGUAGE").as_deref() {
            None | Some("nl") => inspraak_domain::Language::Dutch,
            Some("en") => inspraak_domain::Language::English,
            Some(other) => {
                return Err(bad(
                    "INSPRAAK_CONTENT_LANGUAGE",
                    format!("'{other}' is not nl or en"),
                ));
            }
        };

        let log_format = match get("INSPRAAK_LOG_FORMAT").as_deref() {
            None | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => {
                return Err(bad(
                    "INSPRAAK_LOG_FORMAT",
                    format!("'{other}' is not text or json"),
                ));
            }
        };

        Ok(Settings {
            listen,
            database_url: Secret(database_url),
            base_url,
            base_url_explicit,
            data_dir,
            secret_key,
            mail,
            mail_from,
            durability,
            trust_proxy,
            security_contact,
            documents_dir,
            upload_max_bytes,
            max_in_flight,
            database_wait,
            content_check,
            traffic,
            min_group_size,
            content_language,
            log_format,
            house,
        })
    }

    pub fn is_https(&self) -> bool {
        self.base_url.starts_with("https://")
    }
}

/// Without a configured key, one is made at first start and kept in the data folder, so that
/// restarts keep people logged in and their forms valid.
fn load_or_create_secret(data_dir: &std::path::Path) -> Result<String, ConfigError> {
    let path = data_dir.join("secret_key");
    if let Ok(existing) = std::fs::read_to_string(&path) {
        let existing = existing.trim().to_owned();
        if existing.len() >= 32 {
            return Ok(existing);
        }
    }
    std::fs::create_dir_all(data_dir).map_err(|e| {
        bad(
            "INSPRAAK_DATA_DIR",
            format!("cannot create {}: {e}", data_dir.display()),
        )
    })?;
    let key = format!(
        "{}{}",
        inspraak_store::tokens::new_token(),
        inspraak_store::tokens::new_token()
    );
    std::fs::write(&path, &key).map_err(|e| {
        bad(
            "INSPRAAK_DATA_DIR",
            format!("cannot write {}: {e}", path.display()),
        )
    })?;
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(pairs: &[(&str, &str)]) -> Result<Settings, ConfigError> {
        let dir = std::env::temp_dir().join(format!("inspraak-config-{}", uuid::Uuid::new_v4()));
        let mut values: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        values.insert("INSPRAAK_DATA_DIR".into(), dir.display().to_string());
        Settings::from_values(&values)
    }

    #[test]
    fn defaults_give_a_local_sqlite_setup() {
        let s = settings(&[]).unwrap();
        assert_eq!(s.listen.to_string(), "127.0.0.1:8080");
        assert!(s.database_url.expose().starts_with("sqlite://"));
        assert_eq!(s.base_url, "http://127.0.0.1:8080");
        assert!(matches!(s.mail, MailSettings::Files(_)));
        assert_eq!(s.security_contact, "mailto:noreply@localhost");
        assert_eq!(s.mail_from, "Inspraak <noreply@localhost>");
    }

    #[test]
    fn the_sender_is_named_after_the_site_unless_the_operator_named_it() {
        let named = |pairs: &[(&str, &str)]| settings(pairs).unwrap().mail_from;
        assert_eq!(
            named(&[("INSPRAAK_SITE_NAME", "Stem van Lindendal")]),
            "Stem van Lindendal <noreply@localhost>"
        );
        assert_eq!(
            named(&[
                ("INSPRAAK_SITE_NAME", "Stem van Lindendal"),
                ("INSPRAAK_MAIL_FROM", "inspraak@lindendal.nl")
            ]),
            "Stem van Lindendal <inspraak@lindendal.nl>"
        );
        assert_eq!(
            named(&[
                ("INSPRAAK_SITE_NAME", "Stem van Lindendal"),
                ("INSPRAAK_MAIL_FROM", "Gemeente <inspraak@lindendal.nl>")
            ]),
            "Gemeente <inspraak@lindendal.nl>"
        );
    }

    #[test]
    fn a_bad_value_names_the_variable_in_one_line() {
        let error = settings(&[("DATABASE_URL", "nonsense")])
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("DATABASE_URL: "), "{error}");
        assert!(!error.contains('\n'));
        for (key, value) in [
            ("INSPRAAK_LISTEN", "localhost"),
            ("INSPRAAK_BASE_URL", "ftp://x"),
            ("INSPRAAK_SECRET_KEY", "short"),
            ("INSPRAAK_SMTP_URL", "mail.example.nl"),
            ("INSPRAAK_SMTP_URL", "smtp+insecure://user:pass@relay:25"),
            ("INSPRAAK_SMTP_CA_FILE", "/no/such/ca.pem"),
            ("INSPRAAK_SQLITE_SYNCHRONOUS", "off"),
            ("INSPRAAK_MAIL_FROM", "not an address"),
            ("INSPRAAK_SECURITY_CONTACT", "security@example.nl"),
            ("INSPRAAK_MAX_IN_FLIGHT", "0"),
            ("INSPRAAK_MAX_IN_FLIGHT", "many"),
            ("INSPRAAK_DB_WAIT_SECONDS", "0"),
            ("INSPRAAK_CONTENT_LANGUAGE", "de"),
            ("INSPRAAK_CONTENT_LANGUAGE", "Dutch"),
            ("INSPRAAK_LOG_FORMAT", "yaml"),
            ("INSPRAAK_COLOUR_PRIMARY", "blue"),
            ("INSPRAAK_LOGO", "/etc/logo.svg"),
        ] {
            let error = settings(&[(key, value)]).unwrap_err();
            assert_eq!(error.variable, key);
        }
    }

    #[test]
    fn the_content_language_is_dutch_unless_set_to_english() {
        use inspraak_domain::Language;
        let language = |pairs: &[(&str, &str)]| settings(pairs).unwrap().content_language;
        assert_eq!(language(&[]), Language::Dutch);
        assert_eq!(
            language(&[("INSPRAAK_CONTENT_LANGUAGE", "nl")]),
            Language::Dutch
        );
        assert_eq!(
            language(&[("INSPRAAK_CONTENT_LANGUAGE", " en ")]),
            Language::English
        );
        let error = settings(&[("INSPRAAK_CONTENT_LANGUAGE", "fr")]).unwrap_err();
        assert_eq!(error.variable, "INSPRAAK_CONTENT_LANGUAGE");
        assert!(
            error.to_string().contains("'fr' is not nl or en"),
            "{error}"
        );
    }

    #[test]
    fn postgres_without_a_secret_key_is_refused_in_one_line() {
        let postgres = ("DATABASE_URL", "postgres://inspraak@db:5432/inspraak");
        let error = settings(&[postgres]).unwrap_err();
        assert_eq!(error.variable, "INSPRAAK_SECRET_KEY");
        assert!(error.to_string().contains("PostgreSQL"), "{error}");
        assert!(!error.to_string().contains('\n'));
        let key = ("INSPRAAK_SECRET_KEY", "0123456789abcdef0123456789abcdef");
        assert!(settings(&[postgres, key]).is_ok());
        // SQLite (a single instance on one machine) still makes its own key.
        assert!(settings(&[]).is_ok());
    }

    #[test]
    fn the_key_once_published_in_docker_compose_is_refused() {
        let error = settings(&[(
            "INSPRAAK_SECRET_KEY",
            "change-me-to-a-long-random-secret-value",
        )])
        .unwrap_err();
        assert_eq!(error.variable, "INSPRAAK_SECRET_KEY");
    }

    #[test]
    fn the_second_theme_of_the_browser_gates_loads_and_passes_contrast() {
        let text = include_str!("../../../tests/browser/theme-second.env");
        let pairs: Vec<(&str, &str)> = text
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_once('='))
            .collect();
        assert!(pairs.len() >= 5, "{pairs:?}");
        let s = settings(&pairs).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.house.site_name, "Denk mee met Lindendal");
        assert_eq!(s.house.palette.checks().len(), 3);
        assert!(
            s.house.palette.failures().is_empty(),
            "{:?}",
            s.house.palette.failures()
        );
    }

    #[test]
    fn the_secret_key_is_never_printed() {
        let s = settings(&[("INSPRAAK_SECRET_KEY", "0123456789abcdef0123456789abcdef")]).unwrap();
        assert!(!format!("{s:?}").contains("0123456789abcdef"));
    }
}
