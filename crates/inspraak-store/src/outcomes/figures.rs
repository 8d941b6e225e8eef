//! The figures of an outcome, derived from the running counts only.
//!
//! A rank-themes answer gives a theme `RANK_POINTS_FIRST - place` points (place from 0), so over
//! the `chosen` responses that ranked it, the sum of their ranks (from 1) is
//! `(RANK_POINTS_FIRST + 1) * chosen - points`: the average rank needs no scan of the answers.

use crate::StoreResult;
use crate::consultation::responses::{Tally, tallies};
use crate::consultation::{Consultation, questions};
use crate::process::{self, Theme};
use inspraak_domain::ThemeId;
use inspraak_domain::consultation::answer::{ANSWERED_KEY, OTHER_KEY, RANK_POINTS_FIRST};
use inspraak_domain::consultation::{Question, QuestionKind};
use std::collections::BTreeMap;

/// A theme's figures in one theme question.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeFigure {
    pub theme: ThemeId,
    pub name: String,
    /// Visible responses that picked or ranked the theme.
    pub chosen: i64,
    /// Rankings only: sum of rank points (Borda), the order of the list.
    pub points: i64,
    /// Rankings only: the average place (1 = first), when anyone ranked it.
    pub average_rank: Option<f64>,
}

/// One option's count (choice and scale questions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionFigure {
    /// The option's label with its translation (a scale's numbers are the same in both).
    pub label: inspraak_domain::Translated,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// Pick or rank themes: one row per theme, most chosen (most points) first; `other` counts
    /// answers with another topic.
    Themes {
        ranked: bool,
        themes: Vec<ThemeFigure>,
        other: i64,
    },
    /// Choices and scales, in the order of the options.
    Options(Vec<OptionFigure>),
    YesNo {
        yes: i64,
        no: i64,
    },
    /// Text answers are not counted beyond "answered".
    Text,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuestionFigures {
    pub question: Question,
    /// Visible responses that answered the question.
    pub answered: i64,
    pub body: Body,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    /// Visible responses (hidden ones are left out of every figure).
    pub responses: i64,
    pub questions: Vec<QuestionFigures>,
    pub themes: Vec<Theme>,
}

impl Figures {
    /// The first theme question's figures: the theme ranking of the outcome.
    pub fn theme_ranking(&self) -> Option<&[ThemeFigure]> {
        self.questions.iter().find_map(|q| match &q.body {
            Body::Themes { themes, .. } => Some(themes.as_slice()),
            _ => None,
        })
    }
}

/// Percentage of `part` in `whole`, 0 when `whole` is 0.
pub fn percent(part: i64, whole: i64) -> f64 {
    if whole <= 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

fn question_figures(
    question: Question,
    counts: &BTreeMap<&str, (i64, i64)>,
    themes: &[Theme],
) -> QuestionFigures {
    let count = |key: &str| counts.get(key).map_or(0, |c| c.0);
    let answered = count(ANSWERED_KEY);
    let body = match question.kind {
        QuestionKind::PickThemes | QuestionKind::RankThemes => {
            let ranked = question.kind == QuestionKind::RankThemes;
            let mut rows: Vec<ThemeFigure> = themes
                .iter()
                .map(|t| {
                    let (chosen, points) = counts
                        .get(inspraak_domain::consultation::answer::theme_key(t.id).as_str())
                        .copied()
                        .unwrap_or_default();
                    let average_rank = (ranked && chosen > 0).then(|| {
                        ((RANK_POINTS_FIRST + 1) * chosen - points) as f64 / chosen as f64
                    });
                    ThemeFigure {
                        theme: t.id,
                        name: t.name.main.clone(),
                        chosen,
                        points,
                        average_rank,
                    }
                })
                .collect();
            // Stable: ties keep the process's theme order.
            if ranked {
                rows.sort_by(|a, b| b.points.cmp(&a.points).then(b.chosen.cmp(&a.chosen)));
            } else {
                rows.sort_by_key(|f| std::cmp::Reverse(f.chosen));
            }
            Body::Themes {
                ranked,
                themes: rows,
                other: count(OTHER_KEY),
            }
        }
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice => Body::Options(
            question
                .option_labels()
                .into_iter()
                .enumerate()
                .map(|(n, label)| OptionFigure {
                    label,
                    count: count(&inspraak_domain::consultation::answer::option_key(n)),
                })
                .collect(),
        ),
        QuestionKind::Scale => Body::Options(
            (1..=5u8)
                .map(|v| OptionFigure {
                    // The ends carry the organiser's words for them, when given.
                    label: match (v, question.scale_labels()) {
                        (1, Some((end, _))) | (5, Some((_, end))) => {
                            inspraak_domain::Translated::new(
                                format!("{v} ({})", end.main),
                                end.translation.map(|t| format!("{v} ({t})")),
                            )
                        }
                        _ => inspraak_domain::Translated::new(v.to_string(), Some(v.to_string())),
                    },
                    count: count(&inspraak_domain::consultation::answer::scale_key(v)),
                })
                .collect(),
        ),
        QuestionKind::YesNoWhy => Body::YesNo {
            yes: count("yes"),
            no: count("no"),
        },
        QuestionKind::ShortText | QuestionKind::LongText | QuestionKind::EmailUpdates => Body::Text,
    };
    QuestionFigures {
        question,
        answered,
        body,
    }
}

/// Builds the figures from a consultation's questions, its process's themes and its tallies.
pub fn build(
    consultation: &Consultation,
    questions: Vec<Question>,
    themes: Vec<Theme>,
    tallies: &[Tally],
) -> Figures {
    let mut by_question: BTreeMap<i64, BTreeMap<&str, (i64, i64)>> = BTreeMap::new();
    for t in tallies {
        by_question
            .entry(t.question.0)
            .or_default()
            .insert(t.key.as_str(), (t.responses, t.points));
    }
    let empty = BTreeMap::new();
    let questions = questions
        .into_iter()
        .filter(|q| q.kind != QuestionKind::EmailUpdates)
        .map(|q| {
            let counts = by_question.get(&q.id.0).unwrap_or(&empty);
            question_figures(q, counts, &themes)
        })
        .collect();
    Figures {
        responses: consultation.visible_count(),
        questions,
        themes,
    }
}

/// Reads and builds a consultation's figures: three small queries, whatever the number of
/// responses.
pub async fn load(
    conn: &impl sea_orm::ConnectionTrait,
    consultation: &Consultation,
) -> StoreResult<Figures> {
    let questions = questions(conn, consultation.id).await?;
    let themes = process::themes(conn, consultation.process_id).await?;
    let tallies = tallies(conn, consultation.id).await?;
    Ok(build(consultation, questions, themes, &tallies))
}
