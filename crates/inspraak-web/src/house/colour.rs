//! Colours of the house style: parsed from `#rrggbb` (or `#rgb`), checked for WCAG 2.1
//! contrast, and written as CSS custom properties that override the design tokens.

use std::fmt;

/// Normal text needs 4.5:1 against its background (WCAG 2.1 SC 1.4.3, level AA).
pub const MIN_TEXT_CONTRAST: f64 = 4.5;

/// Text on the page and on buttons; the values of `assets/inspraak.css`.
pub const WHITE: Colour = Colour::rgb(0xff, 0xff, 0xff);
pub const TEXT: Colour = Colour::rgb(0x1a, 0x1a, 0x1a);

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour {
    r: u8,
    g: u8,
    b: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a colour like #1d5b8f (a # and six hexadecimal digits)")]
pub struct ColourError(String);

impl Colour {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Colour {
        Colour { r, g, b }
    }

    /// `#1d5b8f` or the short `#15a` (case does not matter). Only hex: a colour name or
    /// `rgb(…)` could not be checked for contrast the same way, and nothing else reaches the CSS.
    pub fn parse(raw: &str) -> Result<Colour, ColourError> {
        let error = || ColourError(raw.to_owned());
        let hex = raw.trim().strip_prefix('#').ok_or_else(error)?;
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(error());
        }
        let digit = |i: usize| u8::from_str_radix(&hex[i..=i], 16).map_err(|_| error());
        match hex.len() {
            3 => Ok(Colour::rgb(digit(0)? * 17, digit(1)? * 17, digit(2)? * 17)),
            6 => {
                let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| error());
                Ok(Colour::rgb(byte(0)?, byte(2)?, byte(4)?))
            }
            _ => Err(error()),
        }
    }

    /// Relative luminance as WCAG 2.1 defines it (0 for black, 1 for white).
    pub fn luminance(self) -> f64 {
        fn channel(value: u8) -> f64 {
            let c = f64::from(value) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        }
        0.2126 * channel(self.r) + 0.7152 * channel(self.g) + 0.0722 * channel(self.b)
    }

    /// The WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white).
    pub fn contrast(self, other: Colour) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (light, dark) = if a >= b { (a, b) } else { (b, a) };
        (light + 0.05) / (dark + 0.05)
    }

    /// The same hue a quarter darker: the hover colour when none is configured.
    pub fn darker(self) -> Colour {
        let dim = |c: u8| ((u16::from(c) * 3) / 4) as u8;
        Colour::rgb(dim(self.r), dim(self.g), dim(self.b))
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

/// The configured colours; `None` keeps the stylesheet's own token.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Palette {
    /// Links, buttons, the page header (white text on it).
    pub primary: Option<Colour>,
    /// Hover of links and buttons.
    pub primary_dark: Option<Colour>,
    /// Focus ring and the skip link's background (dark text on it).
    pub focus: Option<Colour>,
}

/// Which colour, against what, and whether it passes.
#[derive(Debug, Clone, PartialEq)]
pub struct ContrastCheck {
    /// The setting, e.g. `INSPRAAK_COLOUR_PRIMARY`.
    pub variable: &'static str,
    pub colour: Colour,
    /// What the colour meets on the page: white text on it, or it as text on white.
    pub against: Colour,
    pub ratio: f64,
}

impl ContrastCheck {
    fn new(variable: &'static str, colour: Colour, against: Colour) -> Self {
        ContrastCheck {
            variable,
            colour,
            against,
            ratio: colour.contrast(against),
        }
    }

    pub fn passes(&self) -> bool {
        self.ratio >= MIN_TEXT_CONTRAST
    }

    /// "4.52:1", rounded down so a ratio shown as 4.50 always passes.
    pub fn ratio_text(&self) -> String {
        format!("{:.2}:1", (self.ratio * 100.0).floor() / 100.0)
    }
}

impl Palette {
    /// The hover colour: configured, else derived from the primary colour.
    pub fn hover(&self) -> Option<Colour> {
        self.primary_dark.or(self.primary.map(Colour::darker))
    }

    /// Every configured colour against what it meets: the primary and hover colours carry
    /// white text (header, buttons) and are text on white (links); the focus colour carries
    /// dark text (the skip link). The same colours colour the charts' bars on white.
    pub fn checks(&self) -> Vec<ContrastCheck> {
        let mut checks = Vec::new();
        if let Some(primary) = self.primary {
            checks.push(ContrastCheck::new(
                "INSPRAAK_COLOUR_PRIMARY",
                primary,
                WHITE,
            ));
        }
        if let Some(dark) = self.hover() {
            checks.push(ContrastCheck::new(
                "INSPRAAK_COLOUR_PRIMARY_DARK",
                dark,
                WHITE,
            ));
        }
        if let Some(focus) = self.focus {
            checks.push(ContrastCheck::new("INSPRAAK_COLOUR_FOCUS", focus, TEXT));
        }
        checks
    }

    /// The checks that fail 4.5:1.
    pub fn failures(&self) -> Vec<ContrastCheck> {
        self.checks().into_iter().filter(|c| !c.passes()).collect()
    }

    /// CSS custom properties overriding both our tokens (`assets/inspraak.css`) and the NL Design
    /// System's (`--utrecht-…`), so it works with either stylesheet. Only configured colours
    /// appear: without settings the stylesheet's own tokens stay.
    pub fn custom_properties(&self) -> Vec<(&'static str, Colour)> {
        let mut out = Vec::new();
        if let Some(primary) = self.primary {
            for name in [
                "--colour-primary",
                "--utrecht-button-primary-action-background-color",
                "--utrecht-button-primary-action-border-color",
                "--utrecht-link-color",
                "--utrecht-link-visited-color",
                // The header carries white text, as in assets/inspraak.css; the footer's colours
                // stay the stylesheet's, whose text colour is not known here.
                "--utrecht-page-header-background-color",
                "--utrecht-heading-color",
            ] {
                out.push((name, primary));
            }
        }
        if let Some(dark) = self.hover() {
            for name in [
                "--colour-primary-dark",
                "--utrecht-button-primary-action-hover-background-color",
                "--utrecht-button-primary-action-hover-border-color",
                "--utrecht-link-hover-color",
            ] {
                out.push((name, dark));
            }
        }
        if let Some(focus) = self.focus {
            for name in [
                "--colour-focus",
                "--utrecht-focus-outline-color",
                "--utrecht-focus-background-color",
            ] {
                out.push((name, focus));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn colour(raw: &str) -> Colour {
        Colour::parse(raw).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn hex_colours_parse_long_and_short_and_print_long() {
        assert_eq!(colour("#1D5B8F"), Colour::rgb(0x1d, 0x5b, 0x8f));
        assert_eq!(colour(" #15a "), Colour::rgb(0x11, 0x55, 0xaa));
        assert_eq!(colour("#15a").to_string(), "#1155aa");
        for bad in [
            "",
            "1d5b8f",
            "#1d5b8",
            "#1d5b8fa",
            "#ggg",
            "red",
            "#12345é",
            "rgb(0,0,0)",
        ] {
            assert!(Colour::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn contrast_matches_the_wcag_reference_values() {
        // Black on white is the maximum, 21:1; a colour against itself is 1:1.
        assert!((Colour::rgb(0, 0, 0).contrast(WHITE) - 21.0).abs() < 1e-9);
        assert!((WHITE.contrast(WHITE) - 1.0).abs() < 1e-9);
        // The order does not matter.
        assert_eq!(
            colour("#154273").contrast(WHITE),
            WHITE.contrast(colour("#154273"))
        );
        // Known values (WebAIM's checker): #767676 on white is 4.54:1, #777777 is 4.47:1.
        assert!((colour("#767676").contrast(WHITE) - 4.54).abs() < 0.01);
        assert!((colour("#777777").contrast(WHITE) - 4.48).abs() < 0.01);
        // The current primary colour of assets/inspraak.css (its comment rounds up to 10.4).
        assert!((colour("#154273").contrast(WHITE) - 10.2).abs() < 0.01);
    }

    #[test]
    fn a_pale_primary_colour_fails_and_names_its_setting() {
        let palette = Palette {
            primary: Some(colour("#ffcc00")),
            primary_dark: Some(colour("#0b2a4a")),
            focus: Some(colour("#ffbf47")),
        };
        let failures = palette.failures();
        assert_eq!(failures.len(), 1, "{failures:?}");
        assert_eq!(failures[0].variable, "INSPRAAK_COLOUR_PRIMARY");
        assert!(failures[0].ratio < 4.5);
        // A dark focus colour under dark text fails too.
        let dark_focus = Palette {
            focus: Some(colour("#333333")),
            ..Palette::default()
        };
        assert_eq!(dark_focus.failures()[0].variable, "INSPRAAK_COLOUR_FOCUS");
    }

    #[test]
    fn the_ratio_is_rounded_down_so_a_shown_pass_is_a_pass() {
        let check = ContrastCheck {
            variable: "INSPRAAK_COLOUR_PRIMARY",
            colour: WHITE,
            against: WHITE,
            ratio: 4.499,
        };
        assert_eq!(check.ratio_text(), "4.49:1");
        assert!(!check.passes());
    }

    #[test]
    fn without_settings_nothing_is_overridden_or_checked() {
        let palette = Palette::default();
        assert!(palette.custom_properties().is_empty());
        assert!(palette.checks().is_empty());
    }

    #[test]
    fn a_primary_colour_sets_ours_and_the_utrecht_tokens_with_a_darker_hover() {
        let palette = Palette {
            primary: Some(colour("#7a1f5c")),
            ..Palette::default()
        };
        let properties = palette.custom_properties();
        let value = |name: &str| properties.iter().find(|(n, _)| *n == name).map(|(_, c)| *c);
        assert_eq!(value("--colour-primary"), Some(colour("#7a1f5c")));
        assert_eq!(
            value("--utrecht-button-primary-action-background-color"),
            Some(colour("#7a1f5c"))
        );
        assert_eq!(value("--utrecht-link-color"), Some(colour("#7a1f5c")));
        let hover = value("--colour-primary-dark").unwrap_or(WHITE);
        assert!(hover.contrast(WHITE) > colour("#7a1f5c").contrast(WHITE));
    }
}
