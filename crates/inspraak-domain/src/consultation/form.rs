//! Parsing a filled-in consultation form: raw form values per question become typed answers, or
//! a list of every mistake with the form field it belongs to.
//!
//! Field names: `q<id>` for the main value (repeated for multiple choice and picked themes),
//! `q<id>_other` (another topic), `q<id>_why` (the "why" of a yes/no question),
//! `q<id>_consent` (consent for an e-mail address), `q<id>_t<theme id>` (a theme's place in a
//! ranking).

use super::answer::{Answer, MAX_RANKED};
use super::question::{OTHER_TOPIC_MAX, Question, QuestionKind, WHY_MAX, check_length};
use crate::email::Email;
use crate::ids::{QuestionId, ThemeId};
use crate::text::{OptionalText, TextError};
use crate::validation::Problem;
use thiserror::Error;

/// Why an answer was refused (beyond text and e-mail errors, which keep their own problems).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum AnswerProblem {
    #[error("this question needs an answer")]
    Required,
    #[error("a place in the ranking must be a number from 1 to {max}")]
    RankOutOfRange { max: usize },
    #[error("two themes have the same place")]
    RankTwice,
    #[error("an e-mail address needs your consent")]
    ConsentMissing,
    #[error("a reason needs a yes or a no")]
    YesOrNoMissing,
}

impl From<AnswerProblem> for Problem {
    fn from(e: AnswerProblem) -> Self {
        Problem::Answer(e)
    }
}

/// A form value that did not parse. The field name is built from the question id, so unlike
/// [`crate::FieldError`] it is an owned string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerError {
    pub question: QuestionId,
    pub field: String,
    pub problem: Problem,
}

/// Every mistake in a filled-in form, in question order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnswerErrors(pub Vec<AnswerError>);

impl AnswerErrors {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn for_field(&self, field: &str) -> Option<Problem> {
        self.0.iter().find(|e| e.field == field).map(|e| e.problem)
    }

    fn push(&mut self, question: QuestionId, field: String, problem: impl Into<Problem>) {
        self.0.push(AnswerError {
            question,
            field,
            problem: problem.into(),
        });
    }
}

/// The raw values of a posted form, in the order sent. Names may repeat (checkboxes).
#[derive(Debug, Clone, Copy)]
pub struct RawForm<'a> {
    pairs: &'a [(String, String)],
}

impl<'a> RawForm<'a> {
    pub fn new(pairs: &'a [(String, String)]) -> Self {
        Self { pairs }
    }

    /// The first value of a field, or "" when it was not sent.
    pub fn value(&self, name: &str) -> &'a str {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// Every value of a field, in the order sent.
    pub fn values(&self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.pairs
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether a checkbox was ticked (sent with any non-empty value).
    pub fn ticked(&self, name: &str) -> bool {
        self.pairs
            .iter()
            .any(|(k, v)| k == name && !v.trim().is_empty())
    }
}

/// A form that parsed: answers to store, and an e-mail address given with consent (kept apart).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedResponse {
    pub answers: Vec<(QuestionId, Answer)>,
    pub contact: Option<Email>,
}

/// Trims and checks a free text against a limit; `None` when left empty.
fn free_text(raw: &str, multiline: bool, max: usize) -> Result<Option<String>, TextError> {
    // Parse with no practical ceiling first (the web layer caps the body size), then apply the
    // question's own limit so the error names it.
    let text = if multiline {
        OptionalText::<{ usize::MAX }, true>::parse(raw)?.into_option()
    } else {
        OptionalText::<{ usize::MAX }, false>::parse(raw)?.into_option()
    };
    if let Some(text) = &text {
        check_length(text, max)?;
    }
    Ok(text)
}

/// Parses one question's values. `Ok(None)` means "not answered" (allowed when optional).
fn parse_one(
    question: &Question,
    themes: &[ThemeId],
    form: &RawForm<'_>,
    errors: &mut AnswerErrors,
) -> Option<Answer> {
    let id = question.id;
    let field = question.field();
    let before = errors.0.len();
    let answer = match question.kind {
        QuestionKind::ShortText | QuestionKind::LongText => {
            let multiline = question.kind == QuestionKind::LongText;
            let max = question.text_limit().unwrap_or(0);
            match free_text(form.value(&field), multiline, max) {
                Ok(text) => text.map(Answer::Text),
                Err(e) => {
                    errors.push(id, field.clone(), e);
                    None
                }
            }
        }
        QuestionKind::SingleChoice => {
            let raw = form.value(&field).trim();
            if raw.is_empty() {
                None
            } else {
                match raw.parse::<usize>() {
                    Ok(n) if n < question.options.len() => Some(Answer::Choice(n)),
                    _ => {
                        errors.push(id, field.clone(), Problem::Invalid);
                        None
                    }
                }
            }
        }
        QuestionKind::MultipleChoice => {
            let mut chosen = Vec::new();
            for raw in form.values(&field) {
                match raw.trim().parse::<usize>() {
                    Ok(n) if n < question.options.len() => chosen.push(n),
                    _ => {
                        errors.push(id, field.clone(), Problem::Invalid);
                        break;
                    }
                }
            }
            chosen.sort_unstable();
            chosen.dedup();
            (!chosen.is_empty()).then_some(Answer::Choices(chosen))
        }
        QuestionKind::PickThemes => parse_picked_themes(question, themes, form, errors),
        QuestionKind::RankThemes => parse_ranking(question, themes, form, errors),
        QuestionKind::YesNoWhy => {
            let why_field = format!("{field}_why");
            let why = match free_text(form.value(&why_field), true, WHY_MAX) {
                Ok(why) => why,
                Err(e) => {
                    errors.push(id, why_field, e);
                    None
                }
            };
            match form.value(&field).trim() {
                "yes" => Some(Answer::YesNo { yes: true, why }),
                "no" => Some(Answer::YesNo { yes: false, why }),
                "" if why.is_some() => {
                    errors.push(id, field.clone(), AnswerProblem::YesOrNoMissing);
                    None
                }
                "" => None,
                _ => {
                    errors.push(id, field.clone(), Problem::Invalid);
                    None
                }
            }
        }
        QuestionKind::Scale => match form.value(&field).trim() {
            "" => None,
            raw => match raw.parse::<u8>() {
                Ok(n) if (1..=5).contains(&n) => Some(Answer::Scale(n)),
                _ => {
                    errors.push(id, field.clone(), Problem::Invalid);
                    None
                }
            },
        },
        // Handled by `parse_contact`: an address is not an answer.
        QuestionKind::EmailUpdates => None,
    };
    if answer.is_none() && question.required && errors.0.len() == before {
        errors.push(id, field, AnswerProblem::Required);
    }
    answer
}

fn parse_picked_themes(
    question: &Question,
    themes: &[ThemeId],
    form: &RawForm<'_>,
    errors: &mut AnswerErrors,
) -> Option<Answer> {
    let field = question.field();
    let mut picked = Vec::new();
    for raw in form.values(&field) {
        match raw.trim().parse::<i64>().map(ThemeId) {
            Ok(theme) if themes.contains(&theme) => picked.push(theme),
            _ => {
                errors.push(question.id, field.clone(), Problem::Invalid);
                return None;
            }
        }
    }
    // Keep the process's order, whatever order the browser sent.
    let picked: Vec<ThemeId> = themes
        .iter()
        .copied()
        .filter(|t| picked.contains(t))
        .collect();
    let other = if question.allow_other {
        let other_field = format!("{field}_other");
        match free_text(form.value(&other_field), false, OTHER_TOPIC_MAX) {
            Ok(other) => other,
            Err(e) => {
                errors.push(question.id, other_field, e);
                return None;
            }
        }
    } else {
        None
    };
    (!picked.is_empty() || other.is_some()).then_some(Answer::Themes { picked, other })
}

/// A number per theme (1 = most important); blanks are themes left unranked.
fn parse_ranking(
    question: &Question,
    themes: &[ThemeId],
    form: &RawForm<'_>,
    errors: &mut AnswerErrors,
) -> Option<Answer> {
    let max = themes.len().min(MAX_RANKED);
    let mut places: Vec<(usize, ThemeId)> = Vec::new();
    let mut failed = false;
    for theme in themes {
        let field = format!("{}_t{theme}", question.field());
        let raw = form.value(&field).trim();
        if raw.is_empty() {
            continue;
        }
        match raw.parse::<usize>() {
            Ok(place) if (1..=max).contains(&place) => {
                if places.iter().any(|(p, _)| *p == place) {
                    errors.push(question.id, field, AnswerProblem::RankTwice);
                    failed = true;
                } else {
                    places.push((place, *theme));
                }
            }
            _ => {
                errors.push(question.id, field, AnswerProblem::RankOutOfRange { max });
                failed = true;
            }
        }
    }
    if failed || places.is_empty() {
        return None;
    }
    places.sort();
    Some(Answer::Ranking(
        places.into_iter().map(|(_, t)| t).collect(),
    ))
}

/// An e-mail address for updates: optional, but only with the consent box ticked.
fn parse_contact(
    question: &Question,
    form: &RawForm<'_>,
    errors: &mut AnswerErrors,
) -> Option<Email> {
    let field = question.field();
    let raw = form.value(&field);
    if raw.trim().is_empty() {
        return None;
    }
    match Email::parse(raw) {
        Ok(email) if form.ticked(&format!("{field}_consent")) => Some(email),
        Ok(_) => {
            errors.push(
                question.id,
                format!("{field}_consent"),
                AnswerProblem::ConsentMissing,
            );
            None
        }
        Err(e) => {
            errors.push(question.id, field, e);
            None
        }
    }
}

/// Parses a whole form against the consultation's questions and the process's themes (in the
/// process's order). Values for unknown fields are ignored; every mistake is reported at once.
pub fn parse_response(
    questions: &[Question],
    themes: &[ThemeId],
    form: &RawForm<'_>,
) -> Result<ParsedResponse, AnswerErrors> {
    let mut errors = AnswerErrors::default();
    let mut parsed = ParsedResponse::default();
    for question in questions {
        if question.kind == QuestionKind::EmailUpdates {
            let contact = parse_contact(question, form, &mut errors);
            if parsed.contact.is_none() {
                parsed.contact = contact;
            }
        } else if let Some(answer) = parse_one(question, themes, form, &mut errors) {
            parsed.answers.push((question.id, answer));
        }
    }
    if errors.is_empty() {
        Ok(parsed)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
#[path = "form_tests.rs"]
mod tests;
