//! Texts of the interface: one catalogue per page family, each a struct of `&'static str`
//! fields with a Dutch (`NL`, the default) and an English (`EN`) value. A missing translation is
//! a compile error, and no template holds a hard-coded sentence.
//!
//! Dutch follows the seed pages: informal "je", plain language (B1).

pub mod accessibility;
pub mod account;
pub mod accounts;
pub mod action_plan;
pub mod admin;
pub mod audit;
pub mod auth;
pub mod citizen;
pub mod common;
pub mod consultation;
pub mod consultation_translation;
pub mod contact;
pub mod evaluation;
pub mod forum_home;
pub mod forum_requests;
pub mod house;
pub mod ideas;
pub mod ideas_export;
pub mod live_results;
pub mod outcomes;
pub mod print_orders;
pub mod privacy_statement;
pub mod process;
pub mod public_form;
pub mod publications;
pub mod session;
pub mod session_admin;
pub mod session_mail;
pub mod traceability;
pub mod translation_fields;
pub mod translations;
pub mod window;
pub mod workspace;

use chrono::{Datelike, NaiveDate};

/// The language of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

/// A language kept with someone's address (`inspraak_domain::Language`) is the page language
/// their mails are written in, and the other way round.
impl From<inspraak_domain::Language> for Lang {
    fn from(language: inspraak_domain::Language) -> Lang {
        match language {
            inspraak_domain::Language::Dutch => Lang::Nl,
            inspraak_domain::Language::English => Lang::En,
        }
    }
}

impl From<Lang> for inspraak_domain::Language {
    fn from(lang: Lang) -> inspraak_domain::Language {
        match lang {
            Lang::Nl => inspraak_domain::Language::Dutch,
            Lang::En => inspraak_domain::Language::English,
        }
    }
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the Dutch or the English text.
    pub fn pick<T: ?Sized>(self, nl: &'static T, en: &'static T) -> &'static T {
        match self {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }

    /// "30 september 2026" / "30 September 2026".
    pub fn date(self, date: NaiveDate) -> String {
        const NL: [&str; 12] = [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ];
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let months = match self {
            Lang::Nl => NL,
            Lang::En => EN,
        };
        let month = months
            .get(date.month0() as usize)
            .copied()
            .unwrap_or_default();
        format!("{} {} {}", date.day(), month, date.year())
    }

    /// A Dutch wall-clock time of an instant: "30 september 2026, 17:00".
    pub fn date_time(self, instant: chrono::DateTime<chrono::Utc>) -> String {
        let local = inspraak_domain::time::utc_to_local(instant);
        format!(
            "{}, {}",
            self.date(local.date_naive()),
            local.format("%H:%M")
        )
    }
}

/// Fills `{name}` placeholders in a catalogue text.
pub fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    let mut text = template.to_owned();
    for (name, value) in pairs {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_naturally_in_both_languages() {
        let date = NaiveDate::from_ymd_opt(2026, 9, 30).unwrap();
        assert_eq!(Lang::Nl.date(date), "30 september 2026");
        assert_eq!(Lang::En.date(date), "30 September 2026");
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(fill("nog {n} plaatsen", &[("n", "12")]), "nog 12 plaatsen");
    }
}
