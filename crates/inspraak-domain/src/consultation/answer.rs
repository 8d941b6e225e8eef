//! Typed answers, how they are stored, and what they add to the running counts.
//!
//! Stored form, language-neutral so results never depend on option labels: a list of keys
//! (`o<n>` = the n-th option from 0, `t<id>` = a theme, `yes`/`no`, `s<1-5>`) and an optional
//! text (the free text, the "other topic", the "why").

use super::question::QuestionKind;
use crate::ids::ThemeId;

/// One question's answer. E-mail addresses are not answers: see [`super::form::ParsedResponse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Short or long text.
    Text(String),
    /// The position (from 0) of the chosen option.
    Choice(usize),
    /// The positions of the chosen options, ascending.
    Choices(Vec<usize>),
    /// Picked themes in the order offered, and another topic if typed.
    Themes {
        picked: Vec<ThemeId>,
        other: Option<String>,
    },
    /// Themes, most important first. Themes left out were not ranked.
    Ranking(Vec<ThemeId>),
    YesNo {
        yes: bool,
        why: Option<String>,
    },
    /// 1 to 5.
    Scale(u8),
}

/// Points a theme gets for its place in a ranking: 20 for first, 19 for second, and so on
/// (a Borda count over at most 20 places). A theme nobody ranked gets nothing, so a theme
/// ranked by many people scores higher than one ranked first by a few.
pub const RANK_POINTS_FIRST: i64 = 20;
/// The most themes a ranking can hold.
pub const MAX_RANKED: usize = RANK_POINTS_FIRST as usize;

/// What an answer adds to one counter of its question: the counter's key, one response, and
/// points (for rankings; 0 otherwise).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct TallyEntry {
    pub key: String,
    pub points: i64,
}

/// The key of the counter that counts every answer to a question.
pub const ANSWERED_KEY: &str = "answered";
/// The key of the counter of "other topic" answers.
pub const OTHER_KEY: &str = "other";

pub fn option_key(position: usize) -> String {
    format!("o{position}")
}

pub fn theme_key(theme: ThemeId) -> String {
    format!("t{theme}")
}

pub fn scale_key(value: u8) -> String {
    format!("s{value}")
}

/// An answer as stored: keys and an optional text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StoredAnswer {
    pub keys: Vec<String>,
    pub text: Option<String>,
}

fn parse_key(key: &str, prefix: char) -> Option<i64> {
    key.strip_prefix(prefix)?.parse().ok()
}

impl Answer {
    pub fn to_stored(&self) -> StoredAnswer {
        match self {
            Self::Text(text) => StoredAnswer {
                keys: Vec::new(),
                text: Some(text.clone()),
            },
            Self::Choice(position) => StoredAnswer {
                keys: vec![option_key(*position)],
                text: None,
            },
            Self::Choices(positions) => StoredAnswer {
                keys: positions.iter().map(|p| option_key(*p)).collect(),
                text: None,
            },
            Self::Themes { picked, other } => StoredAnswer {
                keys: picked.iter().map(|t| theme_key(*t)).collect(),
                text: other.clone(),
            },
            Self::Ranking(order) => StoredAnswer {
                keys: order.iter().map(|t| theme_key(*t)).collect(),
                text: None,
            },
            Self::YesNo { yes, why } => StoredAnswer {
                keys: vec![if *yes { "yes" } else { "no" }.to_owned()],
                text: why.clone(),
            },
            Self::Scale(value) => StoredAnswer {
                keys: vec![scale_key(*value)],
                text: None,
            },
        }
    }

    /// Reads a stored answer back, given its question's kind; `None` when it does not fit.
    pub fn from_stored(kind: QuestionKind, stored: &StoredAnswer) -> Option<Self> {
        let keys = &stored.keys;
        let option = |k: &String| parse_key(k, 'o').and_then(|n| usize::try_from(n).ok());
        let theme = |k: &String| parse_key(k, 't').map(ThemeId);
        match kind {
            QuestionKind::ShortText | QuestionKind::LongText => stored.text.clone().map(Self::Text),
            QuestionKind::SingleChoice => match keys.as_slice() {
                [one] => option(one).map(Self::Choice),
                _ => None,
            },
            QuestionKind::MultipleChoice => keys
                .iter()
                .map(option)
                .collect::<Option<Vec<_>>>()
                .map(Self::Choices),
            QuestionKind::PickThemes => Some(Self::Themes {
                picked: keys.iter().map(theme).collect::<Option<Vec<_>>>()?,
                other: stored.text.clone(),
            }),
            QuestionKind::RankThemes => keys
                .iter()
                .map(theme)
                .collect::<Option<Vec<_>>>()
                .map(Self::Ranking),
            QuestionKind::YesNoWhy => match keys.as_slice() {
                [one] if one == "yes" || one == "no" => Some(Self::YesNo {
                    yes: one == "yes",
                    why: stored.text.clone(),
                }),
                _ => None,
            },
            QuestionKind::Scale => match keys.as_slice() {
                [one] => parse_key(one, 's')
                    .and_then(|n| u8::try_from(n).ok())
                    .filter(|n| (1..=5).contains(n))
                    .map(Self::Scale),
                _ => None,
            },
            QuestionKind::EmailUpdates => None,
        }
    }

    /// The counters this answer adds one to: always [`ANSWERED_KEY`], then one per chosen
    /// option, theme, yes/no or scale value. Sorted by key, so writers always touch counters in
    /// the same order.
    pub fn tally(&self) -> Vec<TallyEntry> {
        let plain = |key: String| TallyEntry { key, points: 0 };
        let mut entries = vec![plain(ANSWERED_KEY.to_owned())];
        match self {
            Self::Text(_) => {}
            Self::Choice(position) => entries.push(plain(option_key(*position))),
            Self::Choices(positions) => {
                entries.extend(positions.iter().map(|p| plain(option_key(*p))));
            }
            Self::Themes { picked, other } => {
                entries.extend(picked.iter().map(|t| plain(theme_key(*t))));
                if other.is_some() {
                    entries.push(plain(OTHER_KEY.to_owned()));
                }
            }
            Self::Ranking(order) => {
                entries.extend(order.iter().zip(0i64..).map(|(t, place)| TallyEntry {
                    key: theme_key(*t),
                    points: (RANK_POINTS_FIRST - place).max(1),
                }));
            }
            Self::YesNo { yes, .. } => {
                entries.push(plain(if *yes { "yes" } else { "no" }.to_owned()));
            }
            Self::Scale(value) => entries.push(plain(scale_key(*value))),
        }
        entries.sort();
        entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_answer_survives_storage() {
        let cases = [
            (QuestionKind::ShortText, Answer::Text("Open source".into())),
            (
                QuestionKind::LongText,
                Answer::Text("regel 1\nregel 2".into()),
            ),
            (QuestionKind::SingleChoice, Answer::Choice(2)),
            (QuestionKind::MultipleChoice, Answer::Choices(vec![0, 3])),
            (
                QuestionKind::PickThemes,
                Answer::Themes {
                    picked: vec![ThemeId(4), ThemeId(2)],
                    other: Some("Open Rechtspraak".into()),
                },
            ),
            (
                QuestionKind::RankThemes,
                Answer::Ranking(vec![ThemeId(7), ThemeId(3)]),
            ),
            (
                QuestionKind::YesNoWhy,
                Answer::YesNo {
                    yes: false,
                    why: Some("de zoveelste club".into()),
                },
            ),
            (QuestionKind::Scale, Answer::Scale(5)),
        ];
        for (kind, answer) in cases {
            assert_eq!(
                Answer::from_stored(kind, &answer.to_stored()),
                Some(answer),
                "{kind:?}"
            );
        }
    }

    #[test]
    fn stored_answers_of_the_wrong_shape_are_not_read() {
        let stored = StoredAnswer {
            keys: vec!["s9".into()],
            text: None,
        };
        assert_eq!(Answer::from_stored(QuestionKind::Scale, &stored), None);
        assert_eq!(
            Answer::from_stored(QuestionKind::SingleChoice, &stored),
            None
        );
    }

    #[test]
    fn a_ranking_gives_most_points_to_the_first_place() {
        let tally = Answer::Ranking(vec![ThemeId(7), ThemeId(3)]).tally();
        let points: Vec<_> = tally.iter().map(|e| (e.key.as_str(), e.points)).collect();
        assert_eq!(points, [("answered", 0), ("t3", 19), ("t7", 20)]);
    }

    #[test]
    fn picked_themes_and_another_topic_are_counted() {
        let tally = Answer::Themes {
            picked: vec![ThemeId(2)],
            other: Some("Open Loket".into()),
        }
        .tally();
        let keys: Vec<_> = tally.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["answered", "other", "t2"]);
    }
}
