//! Processes (an action-plan trajectory), their phases and their themes.

use crate::slug::{Slug, SlugError};
use crate::text::{NonEmptyText, OptionalText};
use crate::translated::{parse_optional_translation, parse_translation};
use crate::validation::FieldErrors;
use chrono::NaiveDate;
use thiserror::Error;

/// Where a process is in its life. Only published and archived processes are public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProcessStatus {
    /// Being prepared; visible to organisers only.
    Draft,
    /// Public and current.
    Published,
    /// Public as an earlier process; kept for the record.
    Archived,
}

impl ProcessStatus {
    pub const ALL: [ProcessStatus; 3] = [Self::Draft, Self::Published, Self::Archived];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Published => "published",
            Self::Archived => "archived",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }

    pub fn is_public(self) -> bool {
        !matches!(self, Self::Draft)
    }
}

pub type ProcessTitle = NonEmptyText<200>;
pub type ProcessSummary = NonEmptyText<5000, true>;
pub type PhaseName = NonEmptyText<120>;
pub type PhaseDescription = OptionalText<2000, true>;
pub type ThemeName = NonEmptyText<120>;
pub type ThemeDescription = OptionalText<5000, true>;

/// Parses a slug typed by an organiser, or derives one from the title when left empty.
fn slug_or_from_title(raw_slug: &str, title: &str) -> Result<Slug, SlugError> {
    if raw_slug.trim().is_empty() {
        Slug::from_title(title)
    } else {
        Slug::parse(raw_slug)
    }
}

/// A process as an organiser creates or edits it.
#[derive(Debug, Clone)]
pub struct NewProcess {
    pub title: ProcessTitle,
    /// The title in the other interface language; `None` while nobody wrote it.
    pub title_translation: Option<ProcessTitle>,
    pub slug: Slug,
    pub summary: ProcessSummary,
    pub summary_translation: Option<ProcessSummary>,
}

impl NewProcess {
    /// A process without translations.
    pub fn parse(title: &str, slug: &str, summary: &str) -> Result<Self, FieldErrors> {
        Self::parse_translated(title, "", slug, summary, "")
    }

    /// A process with the translations of its title and summary (empty: not translated). The
    /// slug is never translated: a link stays the same in both languages.
    pub fn parse_translated(
        title: &str,
        title_translation: &str,
        slug: &str,
        summary: &str,
        summary_translation: &str,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title_parsed = errors.take("title", ProcessTitle::parse(title));
        let title_translation =
            errors.take("title_translation", parse_translation(title_translation));
        let slug = errors.take("slug", slug_or_from_title(slug, title));
        let summary = errors.take("summary", ProcessSummary::parse(summary));
        let summary_translation = errors.take(
            "summary_translation",
            parse_translation(summary_translation),
        );
        match (
            title_parsed,
            title_translation,
            slug,
            summary,
            summary_translation,
        ) {
            (
                Some(title),
                Some(title_translation),
                Some(slug),
                Some(summary),
                Some(summary_translation),
            ) if errors.is_empty() => Ok(Self {
                title,
                title_translation,
                slug,
                summary,
                summary_translation,
            }),
            _ => Err(errors),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum PhaseDatesError {
    #[error("the start date is not a date")]
    StartInvalid,
    #[error("the end date is not a date")]
    EndInvalid,
    #[error("the end date is before the start date")]
    EndBeforeStart,
}

/// The first and last day of a phase (both inclusive), Dutch calendar dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhaseDates {
    start: NaiveDate,
    end: NaiveDate,
}

/// Where a phase stands relative to today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhaseTiming {
    Past,
    Now,
    Upcoming,
}

impl PhaseDates {
    pub fn new(start: NaiveDate, end: NaiveDate) -> Result<Self, PhaseDatesError> {
        if end < start {
            return Err(PhaseDatesError::EndBeforeStart);
        }
        Ok(Self { start, end })
    }

    /// Parses the `YYYY-MM-DD` values of two `<input type="date">` fields.
    pub fn parse(start: &str, end: &str) -> Result<Self, PhaseDatesError> {
        let start = NaiveDate::parse_from_str(start.trim(), "%Y-%m-%d")
            .map_err(|_| PhaseDatesError::StartInvalid)?;
        let end = NaiveDate::parse_from_str(end.trim(), "%Y-%m-%d")
            .map_err(|_| PhaseDatesError::EndInvalid)?;
        Self::new(start, end)
    }

    pub fn start(&self) -> NaiveDate {
        self.start
    }

    pub fn end(&self) -> NaiveDate {
        self.end
    }

    pub fn timing(&self, today: NaiveDate) -> PhaseTiming {
        if today < self.start {
            PhaseTiming::Upcoming
        } else if today > self.end {
            PhaseTiming::Past
        } else {
            PhaseTiming::Now
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewPhase {
    pub name: PhaseName,
    pub name_translation: Option<PhaseName>,
    pub description: PhaseDescription,
    pub description_translation: PhaseDescription,
    pub dates: PhaseDates,
}

impl NewPhase {
    /// A phase without translations.
    pub fn parse(
        name: &str,
        description: &str,
        start: &str,
        end: &str,
    ) -> Result<Self, FieldErrors> {
        Self::parse_translated([name, ""], [description, ""], start, end)
    }

    /// A phase with its name and description, each as `[main, translation]` (an empty
    /// translation: not translated).
    pub fn parse_translated(
        [name, name_translation]: [&str; 2],
        [description, description_translation]: [&str; 2],
        start: &str,
        end: &str,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.take("name", PhaseName::parse(name));
        let name_translation = errors.take("name_translation", parse_translation(name_translation));
        let description = errors.take("description", PhaseDescription::parse(description));
        let description_translation = errors.take(
            "description_translation",
            parse_optional_translation(description_translation),
        );
        let dates = match PhaseDates::parse(start, end) {
            Ok(dates) => Some(dates),
            Err(e @ PhaseDatesError::StartInvalid) => {
                errors.take::<PhaseDates, _>("starts_on", Err(e))
            }
            Err(e) => errors.take::<PhaseDates, _>("ends_on", Err(e)),
        };
        match (
            name,
            name_translation,
            description,
            description_translation,
            dates,
        ) {
            (
                Some(name),
                Some(name_translation),
                Some(description),
                Some(description_translation),
                Some(dates),
            ) => Ok(Self {
                name,
                name_translation,
                description,
                description_translation,
                dates,
            }),
            _ => Err(errors),
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewTheme {
    pub name: ThemeName,
    pub name_translation: Option<ThemeName>,
    pub slug: Slug,
    pub description: ThemeDescription,
    pub description_translation: ThemeDescription,
}

impl NewTheme {
    /// A theme without translations.
    pub fn parse(name: &str, slug: &str, description: &str) -> Result<Self, FieldErrors> {
        Self::parse_translated([name, ""], slug, [description, ""])
    }

    /// A theme with its name and description, each as `[main, translation]` (an empty
    /// translation: not translated). The slug is the same in both languages.
    pub fn parse_translated(
        [name, name_translation]: [&str; 2],
        slug: &str,
        [description, description_translation]: [&str; 2],
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name_parsed = errors.take("name", ThemeName::parse(name));
        let name_translation = errors.take("name_translation", parse_translation(name_translation));
        let slug = errors.take("slug", slug_or_from_title(slug, name));
        let description = errors.take("description", ThemeDescription::parse(description));
        let description_translation = errors.take(
            "description_translation",
            parse_optional_translation(description_translation),
        );
        match (
            name_parsed,
            name_translation,
            slug,
            description,
            description_translation,
        ) {
            (
                Some(name),
                Some(name_translation),
                Some(slug),
                Some(description),
                Some(description_translation),
            ) if errors.is_empty() => Ok(Self {
                name,
                name_translation,
                slug,
                description,
                description_translation,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::Problem;
    use proptest::prelude::*;

    #[test]
    fn a_process_without_a_slug_gets_one_from_its_title() {
        let process = NewProcess::parse(
            "Actieplan Open Overheid 2026",
            "",
            "Samen schrijven we het plan.",
        );
        assert_eq!(
            process.map(|p| p.slug.to_string()).ok(),
            Some("actieplan-open-overheid-2026".into())
        );
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let errors = NewProcess::parse("", "Bad Slug", "")
            .err()
            .unwrap_or_default();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["title", "slug", "summary"]);
    }

    #[test]
    fn a_translation_is_optional_but_obeys_the_main_fields_rules() {
        let process = NewProcess::parse_translated("Plan", "", "", "Samen.", "Together.");
        let process = process.ok();
        assert_eq!(
            process.as_ref().and_then(|p| p.title_translation.as_ref()),
            None
        );
        assert_eq!(
            process
                .and_then(|p| p.summary_translation)
                .map(|s| s.as_str().to_owned()),
            Some("Together.".into())
        );
        let too_long = "x".repeat(201);
        let errors = NewProcess::parse_translated("Plan", &too_long, "", "Samen.", "")
            .err()
            .unwrap_or_default();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["title_translation"]);
        let errors = NewTheme::parse_translated(["Groen", "a\u{0}b"], "", ["", "Green"])
            .err()
            .unwrap_or_default();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["name_translation"]);
    }

    #[test]
    fn phase_dates_must_be_in_order() {
        assert_eq!(
            PhaseDates::parse("2026-09-30", "2026-09-01"),
            Err(PhaseDatesError::EndBeforeStart)
        );
        assert_eq!(
            PhaseDates::parse("30-09-2026", "2026-09-01"),
            Err(PhaseDatesError::StartInvalid)
        );
        let errors = NewPhase::parse("Consultatie", "", "2026-09-01", "nope")
            .err()
            .unwrap_or_default();
        assert_eq!(
            errors.for_field("ends_on"),
            Some(Problem::Dates(PhaseDatesError::EndInvalid))
        );
    }

    #[test]
    fn a_phase_is_now_on_its_first_and_last_day() {
        let dates = PhaseDates::parse("2026-09-01", "2026-09-30").ok();
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let timing = |s: &str| dates.zip(day(s)).map(|(d, t)| d.timing(t));
        assert_eq!(timing("2026-08-31"), Some(PhaseTiming::Upcoming));
        assert_eq!(timing("2026-09-01"), Some(PhaseTiming::Now));
        assert_eq!(timing("2026-09-30"), Some(PhaseTiming::Now));
        assert_eq!(timing("2026-10-01"), Some(PhaseTiming::Past));
    }

    proptest! {
        #[test]
        fn timing_agrees_with_date_order(a in 0i64..1000, b in 0i64..1000, t in 0i64..1000) {
            let base = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
            let (start, end) = (base + chrono::Duration::days(a.min(b)), base + chrono::Duration::days(a.max(b)));
            let today = base + chrono::Duration::days(t);
            let dates = PhaseDates::new(start, end);
            prop_assert!(dates.is_ok());
            if let Ok(dates) = dates {
                let expected = if today < start { PhaseTiming::Upcoming } else if today > end { PhaseTiming::Past } else { PhaseTiming::Now };
                prop_assert_eq!(dates.timing(today), expected);
            }
        }
    }
}
