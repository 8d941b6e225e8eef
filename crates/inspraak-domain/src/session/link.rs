//! Web links typed by people: only `http` and `https`, so no `javascript:` or `data:` link is
//! ever rendered as a clickable address.

use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum LinkError {
    #[error("the link is longer than {max} characters")]
    TooLong { max: usize },
    #[error("the link must start with https:// or http://")]
    NotWeb,
    #[error("the link is not a valid web address")]
    Invalid,
}

/// An absolute `http(s)://host/…` address without spaces or control characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct WebLink(String);

impl WebLink {
    pub const MAX: usize = 2000;

    pub fn parse(raw: &str) -> Result<Self, LinkError> {
        let value = raw.trim();
        if value.chars().count() > Self::MAX {
            return Err(LinkError::TooLong { max: Self::MAX });
        }
        let lower = value.to_ascii_lowercase();
        let rest = if lower.starts_with("https://") {
            &value[8..]
        } else if lower.starts_with("http://") {
            &value[7..]
        } else {
            return Err(LinkError::NotWeb);
        };
        if value
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>\"`\\".contains(c))
        {
            return Err(LinkError::Invalid);
        }
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = authority.rsplit('@').next().unwrap_or("");
        let host = host.split(':').next().unwrap_or("");
        let host_ok = !host.is_empty()
            && !host.starts_with(['.', '-'])
            && !host.ends_with(['.', '-'])
            && host
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        if !host_ok || authority.contains('@') {
            return Err(LinkError::Invalid);
        }
        Ok(Self(value.to_owned()))
    }

    /// An empty field is `None`, anything else must be a web link.
    pub fn parse_optional(raw: &str) -> Result<Option<Self>, LinkError> {
        if raw.trim().is_empty() {
            Ok(None)
        } else {
            Self::parse(raw).map(Some)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn web_links_are_accepted() {
        for raw in [
            "https://www.open-overheid.nl/agenda",
            "http://example.nl",
            "HTTPS://meet.example.nl:8443/room?id=5#top",
        ] {
            assert!(WebLink::parse(raw).is_ok(), "{raw}");
        }
        assert_eq!(WebLink::parse_optional("  "), Ok(None));
    }

    #[test]
    fn scripts_data_and_odd_hosts_are_refused() {
        assert_eq!(
            WebLink::parse("javascript:alert(1)"),
            Err(LinkError::NotWeb)
        );
        assert_eq!(
            WebLink::parse("data:text/html,<b>x</b>"),
            Err(LinkError::NotWeb)
        );
        assert_eq!(WebLink::parse("//evil.nl"), Err(LinkError::NotWeb));
        assert_eq!(WebLink::parse("www.example.nl"), Err(LinkError::NotWeb));
        for raw in [
            "https://",
            "https://exa mple.nl",
            "https://example.nl/\"onmouseover=x",
            "https://user@evil.nl",
            "https://.nl",
            "https://example.nl/\r\nX: y",
        ] {
            assert_eq!(WebLink::parse(raw), Err(LinkError::Invalid), "{raw}");
        }
        let long = format!("https://example.nl/{}", "a".repeat(2000));
        assert_eq!(WebLink::parse(&long), Err(LinkError::TooLong { max: 2000 }));
    }

    proptest! {
        #[test]
        fn accepted_links_are_web_links_without_spaces(raw in "\\PC{0,60}") {
            if let Ok(link) = WebLink::parse(&raw) {
                let lower = link.as_str().to_ascii_lowercase();
                prop_assert!(lower.starts_with("http://") || lower.starts_with("https://"));
                prop_assert!(!link.as_str().chars().any(|c| c.is_whitespace() || c.is_control()));
            }
        }
    }
}
