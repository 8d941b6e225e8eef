//! The house style of one installation, without a fork: site and organisation name, logo,
//! favicon, main colours, contact details and the link to the source. Read once at start-up
//! (see `config.rs`), shown by the layout, footer, mails, calendar files, feeds and the OpenAPI
//! document. The defaults are neutral: no logo, a plain favicon, the stylesheet's own colours.
//!
//! Colours reach the page as CSS custom properties in `/huisstijl.css` (the CSP forbids inline
//! styles); images come from fixed routes under `/huisstijl/`, named after their content so they
//! can be cached for a year (`routes/house.rs`).

pub mod admin;
pub mod colour;
pub mod image;

use crate::config::ConfigError;
use colour::{Colour, Palette};
use image::{Image, ImageKind};
use std::path::Path;

/// The name in the header when none is configured.
pub const DEFAULT_SITE_NAME: &str = "Inspraak";
const MAX_NAME_CHARS: usize = 80;

/// How to reach the organisation behind the site (shown in the footer and the privacy page).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    pub email: Option<String>,
    pub phone: Option<String>,
    /// A contact page of the organisation's own website.
    pub url: Option<String>,
}

impl Contact {
    pub fn is_empty(&self) -> bool {
        self.email.is_none() && self.phone.is_none() && self.url.is_none()
    }
}

#[derive(Debug, Clone)]
pub struct HouseStyle {
    /// The site's name: header, page titles, mail sender, calendars, feeds.
    pub site_name: String,
    /// Who runs it, e.g. "Gemeente Lindendal"; the organiser of calendar invitations.
    pub organisation_name: Option<String>,
    pub logo: Option<Image>,
    pub favicon: Image,
    pub palette: Palette,
    pub contact: Contact,
    /// Where the source of this installation is (EUPL-1.2 asks that it be offered).
    pub source_url: Option<String>,
    /// Version of `/huisstijl.css`, so it can be cached for a year.
    stylesheet_version: String,
}

impl Default for HouseStyle {
    fn default() -> Self {
        HouseStyle::new(
            DEFAULT_SITE_NAME.to_owned(),
            None,
            None,
            image::default_favicon(),
            Palette::default(),
            Contact::default(),
            None,
        )
    }
}

impl HouseStyle {
    fn new(
        site_name: String,
        organisation_name: Option<String>,
        logo: Option<Image>,
        favicon: Image,
        palette: Palette,
        contact: Contact,
        source_url: Option<String>,
    ) -> Self {
        let mut style = HouseStyle {
            site_name,
            organisation_name,
            logo,
            favicon,
            palette,
            contact,
            source_url,
            stylesheet_version: String::new(),
        };
        use sha2::{Digest, Sha256};
        let digest = hex::encode(Sha256::digest(style.stylesheet().as_bytes()));
        style.stylesheet_version = digest[..12].to_owned();
        style
    }

    /// The organisation, or the site when no organisation is configured.
    pub fn organisation_or_site(&self) -> &str {
        self.organisation_name.as_deref().unwrap_or(&self.site_name)
    }

    /// The URL of the colour stylesheet, versioned by its content.
    pub fn stylesheet_href(&self) -> String {
        format!("/huisstijl.css?v={}", self.stylesheet_version)
    }

    /// The stylesheet with the colour overrides and the logo's size. `.utrecht-theme` too:
    /// the NL Design System defines its tokens on that class, which would win over `:root`.
    pub fn stylesheet(&self) -> String {
        let mut css = String::from(
            "/* House style of this installation (INSPRAAK_COLOUR_*), generated at start-up. */\n",
        );
        let properties = self.palette.custom_properties();
        if !properties.is_empty() {
            css.push_str(":root, .utrecht-theme {\n");
            for (name, colour) in properties {
                css.push_str(&format!("  {name}: {colour};\n"));
            }
            css.push_str("}\n");
        }
        css.push_str(
            ".site-logo { display: inline-block; height: 2.5rem; width: auto; max-width: 12rem; vertical-align: middle; margin-inline-end: 0.5rem; }\n",
        );
        css
    }

    /// Reads every house-style setting; `get` gives a trimmed, non-empty value.
    pub fn from_lookup(
        get: impl Fn(&str) -> Option<String>,
        data_dir: &Path,
    ) -> Result<HouseStyle, ConfigError> {
        let site_name = match get("INSPRAAK_SITE_NAME") {
            Some(raw) => name("INSPRAAK_SITE_NAME", raw)?,
            None => DEFAULT_SITE_NAME.to_owned(),
        };
        let organisation_name = get("INSPRAAK_ORGANISATION_NAME")
            .map(|raw| name("INSPRAAK_ORGANISATION_NAME", raw))
            .transpose()?;
        let logo = get("INSPRAAK_LOGO")
            .map(|raw| {
                image::load(
                    data_dir,
                    &raw,
                    "logo",
                    &[ImageKind::Svg, ImageKind::Png],
                    image::MAX_LOGO_BYTES,
                )
                .map_err(|problem| ConfigError {
                    variable: "INSPRAAK_LOGO",
                    problem,
                })
            })
            .transpose()?;
        let favicon = match get("INSPRAAK_FAVICON") {
            Some(raw) => image::load(
                data_dir,
                &raw,
                "favicon",
                &[ImageKind::Svg, ImageKind::Png, ImageKind::Ico],
                image::MAX_FAVICON_BYTES,
            )
            .map_err(|problem| ConfigError {
                variable: "INSPRAAK_FAVICON",
                problem,
            })?,
            None => image::default_favicon(),
        };
        let colour = |variable: &'static str| {
            get(variable)
                .map(|raw| {
                    Colour::parse(&raw).map_err(|e| ConfigError {
                        variable,
                        problem: e.to_string(),
                    })
                })
                .transpose()
        };
        let palette = Palette {
            primary: colour("INSPRAAK_COLOUR_PRIMARY")?,
            primary_dark: colour("INSPRAAK_COLOUR_PRIMARY_DARK")?,
            focus: colour("INSPRAAK_COLOUR_FOCUS")?,
        };
        let contact = Contact {
            email: get("INSPRAAK_CONTACT_EMAIL")
                .map(|raw| {
                    raw.parse::<lettre::Address>()
                        .map(|a| a.to_string())
                        .map_err(|_| ConfigError {
                            variable: "INSPRAAK_CONTACT_EMAIL",
                            problem: format!("'{raw}' is not an address like info@example.nl"),
                        })
                })
                .transpose()?,
            phone: get("INSPRAAK_CONTACT_PHONE")
                .map(|raw| phone(&raw))
                .transpose()?,
            url: get("INSPRAAK_CONTACT_URL")
                .map(|raw| web_address("INSPRAAK_CONTACT_URL", raw))
                .transpose()?,
        };
        let source_url = get("INSPRAAK_SOURCE_URL")
            .map(|raw| web_address("INSPRAAK_SOURCE_URL", raw))
            .transpose()?;
        Ok(HouseStyle::new(
            site_name,
            organisation_name,
            logo,
            favicon,
            palette,
            contact,
            source_url,
        ))
    }
}

/// A name shown in headers, mail senders and calendar files: one line, not too long.
fn name(variable: &'static str, raw: String) -> Result<String, ConfigError> {
    if raw.chars().count() > MAX_NAME_CHARS {
        return Err(ConfigError {
            variable,
            problem: format!("is longer than {MAX_NAME_CHARS} characters"),
        });
    }
    // Control characters would break mail headers and calendar lines; `<>"` the sender's name.
    if raw
        .chars()
        .any(|c| c.is_control() || matches!(c, '<' | '>' | '"' | '\\'))
    {
        return Err(ConfigError {
            variable,
            problem: "holds characters that cannot be used in a name (< > \" \\, a new line or other control characters)".into(),
        });
    }
    Ok(raw)
}

fn phone(raw: &str) -> Result<String, ConfigError> {
    let allowed = |c: char| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')');
    let digits = raw.chars().filter(char::is_ascii_digit).count();
    if raw.chars().all(allowed) && (3..=20).contains(&digits) {
        Ok(raw.to_owned())
    } else {
        Err(ConfigError {
            variable: "INSPRAAK_CONTACT_PHONE",
            problem: format!("'{raw}' is not a phone number like 14 020 or +31 20 123 4567"),
        })
    }
}

fn web_address(variable: &'static str, raw: String) -> Result<String, ConfigError> {
    match url::Url::parse(&raw) {
        Ok(url) if matches!(url.scheme(), "https" | "http") && url.host().is_some() => Ok(raw),
        _ => Err(ConfigError {
            variable,
            problem: format!("'{raw}' is not a web address like https://example.nl/contact"),
        }),
    }
}

/// The `tel:` form of a phone number as people write it.
pub fn tel_href(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{digits}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn style(pairs: &[(&str, &str)]) -> Result<HouseStyle, ConfigError> {
        let values: HashMap<&str, &str> = pairs.iter().copied().collect();
        HouseStyle::from_lookup(
            |key| values.get(key).map(|v| v.to_string()),
            Path::new("/nonexistent"),
        )
    }

    #[test]
    fn the_defaults_are_neutral() {
        let s = style(&[]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.site_name, "Inspraak");
        assert_eq!(s.organisation_or_site(), "Inspraak");
        assert!(s.logo.is_none());
        assert_eq!(s.favicon.kind, ImageKind::Svg);
        assert!(!s.stylesheet().contains("--colour-primary"));
        assert!(s.contact.is_empty());
    }

    #[test]
    fn each_bad_value_names_its_variable() {
        for (key, value) in [
            ("INSPRAAK_SITE_NAME", "Evil <script>"),
            ("INSPRAAK_ORGANISATION_NAME", "Gemeente\nX"),
            ("INSPRAAK_LOGO", "../logo.svg"),
            ("INSPRAAK_FAVICON", "favicon.png"),
            ("INSPRAAK_COLOUR_PRIMARY", "purple"),
            ("INSPRAAK_COLOUR_PRIMARY_DARK", "#12"),
            ("INSPRAAK_COLOUR_FOCUS", "ffbf47"),
            ("INSPRAAK_CONTACT_EMAIL", "info at example"),
            ("INSPRAAK_CONTACT_PHONE", "call us"),
            ("INSPRAAK_CONTACT_URL", "javascript:alert(1)"),
            ("INSPRAAK_SOURCE_URL", "example.nl"),
        ] {
            let error = style(&[(key, value)]).unwrap_err();
            assert_eq!(error.variable, key, "{error}");
            assert!(!error.to_string().contains('\n'), "{error}");
        }
        let long = "x".repeat(81);
        assert_eq!(
            style(&[("INSPRAAK_SITE_NAME", &long)])
                .unwrap_err()
                .variable,
            "INSPRAAK_SITE_NAME"
        );
    }

    #[test]
    fn names_colours_and_contact_are_kept() {
        let s = style(&[
            ("INSPRAAK_SITE_NAME", "Stem van Lindendal"),
            ("INSPRAAK_ORGANISATION_NAME", "Gemeente Lindendal"),
            ("INSPRAAK_COLOUR_PRIMARY", "#7A1F5C"),
            ("INSPRAAK_CONTACT_EMAIL", "info@lindendal.nl"),
            ("INSPRAAK_CONTACT_PHONE", "14 0123"),
            ("INSPRAAK_SOURCE_URL", "https://code.example.nl/inspraak"),
        ])
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.organisation_or_site(), "Gemeente Lindendal");
        assert!(s.stylesheet().contains("--colour-primary: #7a1f5c;"));
        assert!(s.stylesheet().contains("--utrecht-link-color: #7a1f5c;"));
        assert_eq!(s.contact.email.as_deref(), Some("info@lindendal.nl"));
        assert_eq!(tel_href("14 0123"), "tel:140123");
        // Another colour, another stylesheet URL: a year of caching never shows stale colours.
        assert_ne!(
            s.stylesheet_href(),
            style(&[])
                .unwrap_or_else(|e| panic!("{e}"))
                .stylesheet_href()
        );
    }
}
