use super::*;
use crate::consultation::question::SHORT_TEXT_MAX;
use crate::email::EmailError;
use proptest::prelude::*;

fn question(id: i64, kind: QuestionKind, required: bool) -> Question {
    Question {
        id: QuestionId(id),
        kind,
        prompt: crate::Translated::untranslated(format!("Vraag {id}")),
        help: None,
        required,
        max_length: (kind == QuestionKind::LongText).then_some(50),
        options: if kind.has_options() {
            vec!["Ja".into(), "Nee".into(), "Weet niet".into()]
        } else {
            Vec::new()
        },
        options_translation: Vec::new(),
        allow_other: kind == QuestionKind::PickThemes,
    }
}

/// One question of every kind, ids 1..=9 in the order of `QuestionKind::ALL`.
fn every_kind(required: bool) -> Vec<Question> {
    QuestionKind::ALL
        .iter()
        .zip(1..)
        .map(|(kind, id)| question(id, *kind, required))
        .collect()
}

const THEMES: [ThemeId; 3] = [ThemeId(10), ThemeId(11), ThemeId(12)];

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn parse(questions: &[Question], list: &[(&str, &str)]) -> Result<ParsedResponse, AnswerErrors> {
    let values = pairs(list);
    parse_response(questions, &THEMES, &RawForm::new(&values))
}

#[test]
fn every_kind_parses_into_its_answer() {
    let parsed = parse(
        &every_kind(true),
        &[
            ("q1", "  Open source  "),
            ("q2", "regel 1\r\nregel 2"),
            ("q3", "1"),
            ("q4", "2"),
            ("q4", "0"),
            ("q5", "12"),
            ("q5", "10"),
            ("q5_other", "Open Loket"),
            ("q6_t10", "2"),
            ("q6_t11", ""),
            ("q6_t12", "1"),
            ("q7", "no"),
            ("q7_why", "de zoveelste club"),
            ("q8", "4"),
            ("q9", "Jan@Example.NL"),
            ("q9_consent", "yes"),
        ],
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let answers: Vec<_> = parsed.answers.iter().map(|(_, a)| a.clone()).collect();
    assert_eq!(
        answers,
        vec![
            Answer::Text("Open source".into()),
            Answer::Text("regel 1\nregel 2".into()),
            Answer::Choice(1),
            Answer::Choices(vec![0, 2]),
            Answer::Themes {
                picked: vec![ThemeId(10), ThemeId(12)],
                other: Some("Open Loket".into())
            },
            Answer::Ranking(vec![ThemeId(12), ThemeId(10)]),
            Answer::YesNo {
                yes: false,
                why: Some("de zoveelste club".into())
            },
            Answer::Scale(4),
        ]
    );
    assert_eq!(
        parsed.contact.map(|e| e.as_str().to_owned()),
        Some("jan@example.nl".into())
    );
}

#[test]
fn an_empty_form_names_every_required_question_and_nothing_else() {
    let errors = parse(&every_kind(true), &[]).err().unwrap_or_default();
    let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
    // The e-mail question is never required.
    assert_eq!(fields, ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8"]);
    assert!(
        errors
            .0
            .iter()
            .all(|e| e.problem == Problem::Answer(AnswerProblem::Required))
    );
}

#[test]
fn an_empty_form_is_fine_when_nothing_is_required() {
    let parsed = parse(&every_kind(false), &[("q1", "   "), ("q6_t10", "")]);
    assert_eq!(parsed, Ok(ParsedResponse::default()));
}

#[test]
fn an_over_long_text_names_the_questions_own_limit() {
    let long = "x".repeat(51);
    let short = "y".repeat(SHORT_TEXT_MAX + 1);
    let errors = parse(&every_kind(false), &[("q1", &short), ("q2", &long)])
        .err()
        .unwrap_or_default();
    assert_eq!(
        errors.for_field("q1"),
        Some(Problem::Text(TextError::TooLong {
            max: SHORT_TEXT_MAX
        }))
    );
    assert_eq!(
        errors.for_field("q2"),
        Some(Problem::Text(TextError::TooLong { max: 50 }))
    );
    // Exactly at the limit is fine, counted in characters.
    let at_limit = "é".repeat(50);
    assert!(parse(&every_kind(false), &[("q2", &at_limit)]).is_ok());
}

#[test]
fn forged_values_are_refused_not_stored() {
    let errors = parse(
        &every_kind(false),
        &[
            ("q3", "7"),
            ("q4", "-1"),
            ("q5", "99"),
            ("q7", "misschien"),
            ("q8", "6"),
        ],
    )
    .err()
    .unwrap_or_default();
    let fields: Vec<_> = errors
        .0
        .iter()
        .map(|e| (e.field.as_str(), e.problem))
        .collect();
    assert_eq!(
        fields,
        [
            ("q3", Problem::Invalid),
            ("q4", Problem::Invalid),
            ("q5", Problem::Invalid),
            ("q7", Problem::Invalid),
            ("q8", Problem::Invalid)
        ]
    );
}

#[test]
fn a_ranking_refuses_places_out_of_range_and_twice() {
    let errors = parse(
        &every_kind(false),
        &[("q6_t10", "1"), ("q6_t11", "1"), ("q6_t12", "4")],
    )
    .err()
    .unwrap_or_default();
    assert_eq!(
        errors.for_field("q6_t11"),
        Some(Problem::Answer(AnswerProblem::RankTwice))
    );
    assert_eq!(
        errors.for_field("q6_t12"),
        Some(Problem::Answer(AnswerProblem::RankOutOfRange { max: 3 }))
    );
}

#[test]
fn an_address_needs_consent_and_consent_alone_stores_nothing() {
    let errors = parse(&every_kind(false), &[("q9", "jan@example.nl")])
        .err()
        .unwrap_or_default();
    assert_eq!(
        errors.for_field("q9_consent"),
        Some(Problem::Answer(AnswerProblem::ConsentMissing))
    );
    let errors = parse(&every_kind(false), &[("q9", "jan@"), ("q9_consent", "yes")])
        .err()
        .unwrap_or_default();
    assert_eq!(
        errors.for_field("q9"),
        Some(Problem::Email(EmailError::Invalid))
    );
    assert_eq!(
        parse(&every_kind(false), &[("q9_consent", "yes")]),
        Ok(ParsedResponse::default())
    );
}

#[test]
fn a_reason_without_yes_or_no_is_pointed_out() {
    let errors = parse(&every_kind(false), &[("q7_why", "omdat")])
        .err()
        .unwrap_or_default();
    assert_eq!(
        errors.for_field("q7"),
        Some(Problem::Answer(AnswerProblem::YesOrNoMissing))
    );
}

#[test]
fn other_topic_counts_as_an_answer_to_a_required_theme_question() {
    let questions = vec![question(5, QuestionKind::PickThemes, true)];
    let parsed = parse(&questions, &[("q5_other", "Open Rechtspraak")]);
    assert!(parsed.is_ok(), "{parsed:?}");
}

#[test]
fn nul_bytes_never_pass() {
    let errors = parse(
        &every_kind(false),
        &[("q1", "a\0b"), ("q7", "yes"), ("q7_why", "x\0")],
    )
    .err()
    .unwrap_or_default();
    assert_eq!(
        errors.for_field("q1"),
        Some(Problem::Text(TextError::ControlCharacters))
    );
    assert_eq!(
        errors.for_field("q7_why"),
        Some(Problem::Text(TextError::ControlCharacters))
    );
}

proptest! {
    /// Whatever is posted, parsing never panics, and whatever it accepts is within the rules.
    #[test]
    fn arbitrary_posts_give_answers_within_the_rules_or_errors(
        values in prop::collection::vec(
            (prop::sample::select(vec!["q1", "q2", "q3", "q4", "q5", "q5_other", "q6_t10", "q6_t11", "q6_t12", "q7", "q7_why", "q8", "q9", "q9_consent"]),
             prop_oneof![Just("1".to_owned()), Just("yes".to_owned()), Just("11".to_owned()), ".{0,60}"]),
            0..20,
        ),
        required in any::<bool>(),
    ) {
        let values: Vec<(String, String)> = values.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        let questions = every_kind(required);
        match parse_response(&questions, &THEMES, &RawForm::new(&values)) {
            Ok(parsed) => {
                for (id, answer) in &parsed.answers {
                    let kind = questions.iter().find(|q| q.id == *id).map(|q| q.kind);
                    prop_assert!(kind.is_some());
                    let kind = kind.unwrap_or(QuestionKind::ShortText);
                    // Every accepted answer survives storage unchanged.
                    prop_assert_eq!(Answer::from_stored(kind, &answer.to_stored()), Some(answer.clone()));
                    match answer {
                        Answer::Text(t) => prop_assert!(t.chars().count() <= SHORT_TEXT_MAX.max(50)),
                        Answer::Choice(n) => prop_assert!(*n < 3),
                        Answer::Choices(ns) => prop_assert!(ns.iter().all(|n| *n < 3)),
                        Answer::Themes { picked, .. } | Answer::Ranking(picked) => {
                            prop_assert!(picked.iter().all(|t| THEMES.contains(t)));
                        }
                        Answer::Scale(n) => prop_assert!((1..=5).contains(n)),
                        Answer::YesNo { .. } => {}
                    }
                }
                if required {
                    prop_assert_eq!(parsed.answers.len(), 8);
                }
            }
            Err(errors) => prop_assert!(!errors.is_empty()),
        }
    }
}
