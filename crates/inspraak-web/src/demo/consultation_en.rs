//! The English of the demo consultations (issue #24: content in two languages): titles,
//! introductions, privacy statement, questions with their options, and the 2020 outcome.

use super::DemoError;
use inspraak_domain::FieldErrors;
use inspraak_domain::consultation::{NewConsultation, NewQuestion};

fn invalid(e: impl std::fmt::Debug) -> DemoError {
    DemoError::Invalid(format!("{e:?}"))
}

pub const PRIVACY: &str = "We use your answers only to make the Open Government Action Plan. We publish only summaries and counts, never who wrote what. You do not have to give your name.\n\nIf you leave your e-mail address, we keep it apart from your answers and erase it after the retention period. Every mail has a link to have it erased sooner.";

pub const TITLE_2020: &str = "Online consultation Open Government Action Plan";
pub const INTRO_2020: &str = "This form is open throughout September. Share your ideas for the new Open Government Action Plan and tell us which themes you find most important.\n\nWe also ask whether you would join a new network: the Open Government Alliance, to share knowledge, experience and dilemmas.";

pub const TITLE_2026: &str = "Online consultation Open Government Action Plan 2026";
pub const INTRO_2026: &str = "We make the new Open Government Action Plan together. Tell us which themes you find important, share your ideas and let us know whether you want to take part.\n\nFilling in takes about ten minutes. All questions except the first are optional.";

pub const OUTCOME_INTRO_2020: &str = "September was the month of the online consultation for the new Open Government Action Plan. We also held several online think-along sessions on the themes of the action plan.\n\nWe are very happy with all the contributions; you find a summary below.";

/// The recurring threads of 2020, in the order of the Dutch ones.
pub const THREADS_2020: [&str; 6] = [
    "We build the network together.",
    "Listening well to each other and making sure communication goes both ways is important.",
    "It is a chance for different groups, such as policy makers and those who carry out policy, to learn from each other and to understand the problems they run into.",
    "There is a need to work together on concrete tasks: not only talk, also act.",
    "Find a good balance together between flexibility and commitment: it should not be compulsory or binding.",
    "Not everything has to be taken up in a large group: smaller, decisive partnerships can also arise.",
];

/// A thread's title: its text up to the first colon or comma, without the full stop.
pub fn thread_title(text: &str) -> &str {
    text.split([':', ','])
        .next()
        .unwrap_or(text)
        .trim_end_matches('.')
}

/// A consultation with its English texts.
pub fn consultation(
    main: Result<NewConsultation, FieldErrors>,
    title: &str,
    intro: &str,
) -> Result<NewConsultation, DemoError> {
    NewConsultation::with_translations(main, title, intro, PRIVACY).map_err(invalid)
}

/// A question with its English prompt, help and options (one per line, as the form takes them).
pub fn question(
    main: Result<NewQuestion, FieldErrors>,
    prompt: &str,
    help: &str,
    options: &str,
) -> Result<NewQuestion, DemoError> {
    NewQuestion::with_translations(main, prompt, help, options).map_err(invalid)
}
