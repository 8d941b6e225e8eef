//! Typed columns and cells. Each column has a machine key (JSON), a label (the header row of the
//! spreadsheets and CSV) and a kind; each cell keeps its value typed until a format writes it, so
//! a number stays a number and a time a real date cell.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::ser::{Serialize, Serializer};

/// What a column holds; decides the cell style and a sensible width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Short text: names, labels, titles.
    Text,
    /// Free text people wrote: a wide column.
    LongText,
    /// Whole numbers: ids, counts.
    Integer,
    /// Numbers shown with two decimals (averages).
    Decimal,
    /// A moment in time, shown in Dutch time as `2026-03-04 10:15`.
    DateTime,
    /// Yes or no.
    Flag,
}

/// One column of an export.
#[derive(Debug, Clone)]
pub struct Column {
    /// Stable machine key, used by JSON (documented in `docs/exports.md`).
    pub key: String,
    /// The header as people read it, in the export's language.
    pub label: String,
    pub kind: Kind,
}

impl Column {
    pub fn new(key: impl Into<String>, label: impl Into<String>, kind: Kind) -> Self {
        Self {
            key: key.into(),
            label: label.into(),
            kind,
        }
    }

    /// Width in characters: wide enough for the header and the kind's usual values.
    pub fn width(&self) -> usize {
        let usual = match self.kind {
            Kind::Text => 18,
            Kind::LongText => 50,
            Kind::Integer | Kind::Decimal | Kind::Flag => 8,
            Kind::DateTime => 17,
        };
        (self.label.chars().count() + 2).clamp(usual, 60)
    }
}

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Integer(i64),
    Decimal(f64),
    DateTime(DateTime<Utc>),
    /// Yes or no, with the label people read (JSON writes `true`/`false`).
    Flag(bool, &'static str),
    /// A value from a fixed list: `label` for people, `code` (stable) for JSON.
    Code {
        code: &'static str,
        label: &'static str,
    },
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Self {
        Self::Text(text.into())
    }

    /// Text, or empty when there is none.
    pub fn opt_text(text: Option<impl Into<String>>) -> Self {
        text.map_or(Self::Empty, |t| Self::Text(t.into()))
    }

    /// The local wall-clock time (Europe/Amsterdam) of a moment, without time zone.
    pub fn local(at: DateTime<Utc>) -> chrono::NaiveDateTime {
        inspraak_domain::time::utc_to_local(at).naive_local()
    }

    /// The cell as text, as CSV writes it; `decimal_comma` for Dutch Excel.
    pub fn display(&self, decimal_comma: bool) -> String {
        match self {
            Self::Empty => String::new(),
            Self::Text(text) => text.clone(),
            Self::Integer(n) => n.to_string(),
            Self::Decimal(x) => {
                let text = format!("{x:.2}");
                if decimal_comma {
                    text.replace('.', ",")
                } else {
                    text
                }
            }
            Self::DateTime(at) => Self::local(*at).format("%Y-%m-%d %H:%M").to_string(),
            Self::Flag(_, label) | Self::Code { label, .. } => (*label).to_owned(),
        }
    }

    /// Days since 1899-12-30 in Dutch time: the serial number spreadsheets store dates as.
    pub fn serial(at: DateTime<Utc>) -> f64 {
        let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap_or_default();
        let seconds = (Self::local(at) - epoch).num_seconds();
        seconds as f64 / 86_400.0
    }
}

/// JSON: numbers as numbers, times as RFC 3339 (UTC), flags as booleans, codes as their code.
impl Serialize for Cell {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Empty => s.serialize_none(),
            Self::Text(text) => s.serialize_str(text),
            Self::Integer(n) => s.serialize_i64(*n),
            Self::Decimal(x) => s.serialize_f64(*x),
            Self::DateTime(at) => s.serialize_str(&at.to_rfc3339_opts(SecondsFormat::Secs, true)),
            Self::Flag(value, _) => s.serialize_bool(*value),
            Self::Code { code, .. } => s.serialize_str(code),
        }
    }
}

/// `A`, `B`, … `Z`, `AA`: a column's letters in a cell address.
pub fn column_letters(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn column_letters_go_past_z() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn times_are_dutch_wall_clock_in_sheets_and_utc_in_json() {
        // 10:15 UTC in summer is 12:15 in Amsterdam.
        let at = Utc.with_ymd_and_hms(2026, 7, 1, 10, 15, 0).unwrap();
        assert_eq!(Cell::DateTime(at).display(false), "2026-07-01 12:15");
        assert_eq!(
            serde_json::to_string(&Cell::DateTime(at)).unwrap_or_default(),
            "\"2026-07-01T10:15:00Z\""
        );
        // 1 July 2026 is day 46204 after 1899-12-30; 12:15 is 0.51041... of a day.
        let serial = Cell::serial(at);
        assert!((serial - (46204.0 + 12.25 / 24.0)).abs() < 1e-9, "{serial}");
    }

    #[test]
    fn decimals_have_two_places_and_a_comma_for_dutch_excel() {
        assert_eq!(Cell::Decimal(1.0).display(false), "1.00");
        assert_eq!(Cell::Decimal(2.346).display(true), "2,35");
        assert_eq!(
            serde_json::to_string(&Cell::Decimal(1.5)).unwrap_or_default(),
            "1.5"
        );
    }
}
