#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Consultation store tests against real databases: SQLite always, PostgreSQL when
//! `INSPRAAK_TEST_PG` is set.

mod builder;
mod concurrency;
mod dashboard;
mod export_pages;
mod group_commit;
mod organiser_view;
mod personal_data;
mod receipts;
mod submission;

use chrono::{DateTime, TimeZone, Utc};
use inspraak_domain::consultation::{
    Answer, ConsultationStatus, IdempotencyKey, NewConsultation, NewQuestion, Question,
};
use inspraak_domain::{
    ConsultationId, NewProcess, NewTheme, ProcessId, QuestionId, ResponseId, ThemeId,
};
use inspraak_store::consultation::{self, NewResponse, SubmitOutcome, admin};
use inspraak_store::{Db, process};

/// 15 September 2026, noon UTC: inside the September window.
pub fn during() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 9, 15, 12, 0, 0)
        .single()
        .unwrap()
}

pub fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).single().unwrap()
}

pub struct Fixture {
    pub process: ProcessId,
    pub consultation: ConsultationId,
    pub themes: Vec<ThemeId>,
    pub questions: Vec<Question>,
}

impl Fixture {
    pub fn question(&self, n: usize) -> QuestionId {
        self.questions[n].id
    }
}

pub fn september() -> NewConsultation {
    NewConsultation::parse(
        "Consultatie Actieplan Open Overheid",
        "Deel je ideeën voor het nieuwe actieplan.",
        "We gebruiken je antwoorden alleen voor het actieplan.",
        "2026-09-01",
        "",
        "2026-09-30",
        "",
    )
    .unwrap()
}

pub fn question(kind: &str, prompt: &str, options: &str) -> NewQuestion {
    NewQuestion::parse(kind, prompt, "", false, "", options, true).unwrap()
}

/// A published September consultation with a ranking, a yes/no, a text, a choice and an
/// e-mail question, on a process with three themes.
pub async fn fixture(db: &Db) -> Fixture {
    let conn = db.write();
    let process = process::insert(
        conn,
        &NewProcess::parse("Actieplan Open Overheid 2026", "", "Samen schrijven.").unwrap(),
        during(),
    )
    .await
    .unwrap();
    let mut themes = Vec::new();
    for name in ["Open Technologie", "Open Informatie", "Open Communicatie"] {
        let theme = NewTheme::parse(name, "", "").unwrap();
        themes.push(process::add_theme(conn, process, &theme).await.unwrap());
    }
    let consultation = admin::insert(conn, process, &september(), during())
        .await
        .unwrap();
    for (kind, prompt, options) in [
        (
            "rank_themes",
            "Welke thema's interesseren je het meest?",
            "",
        ),
        ("yes_no_why", "Zou je je aansluiten bij de Alliantie?", ""),
        ("long_text", "Heb je ideeën?", ""),
        (
            "single_choice",
            "Hoe hoorde je hiervan?",
            "Nieuwsbrief\nCollega\nAnders",
        ),
        ("email_updates", "Wil je de uitkomsten ontvangen?", ""),
    ] {
        admin::add_question(conn, consultation, &question(kind, prompt, options))
            .await
            .unwrap();
    }
    admin::set_status(conn, consultation, ConsultationStatus::Published, during())
        .await
        .unwrap();
    let questions = consultation::questions(db.read(), consultation)
        .await
        .unwrap();
    Fixture {
        process,
        consultation,
        themes,
        questions,
    }
}

/// A typical set of answers: a ranking, a yes with a reason, a choice.
pub fn answers(f: &Fixture, yes: bool) -> Vec<(QuestionId, Answer)> {
    vec![
        (
            f.question(0),
            Answer::Ranking(vec![f.themes[0], f.themes[1]]),
        ),
        (
            f.question(1),
            Answer::YesNo {
                yes,
                why: Some("kennis delen".into()),
            },
        ),
        (f.question(3), Answer::Choice(1)),
    ]
}

pub fn key(n: usize) -> IdempotencyKey {
    IdempotencyKey::parse(&format!("test-key-{n:08}")).unwrap()
}

/// Submits `answers` under `key` at `now` with the current structure version.
pub async fn submit_at(
    db: &Db,
    f: &Fixture,
    key: &IdempotencyKey,
    answers: &[(QuestionId, Answer)],
    now: DateTime<Utc>,
) -> SubmitOutcome {
    let version = consultation::find(db.read(), f.consultation)
        .await
        .unwrap()
        .unwrap()
        .structure_version;
    let receipt = consultation::new_receipt_code();
    consultation::submit(
        db.write(),
        &NewResponse {
            consultation: f.consultation,
            structure_version: version,
            key,
            receipt: &receipt,
            answers,
            contact: None,
        },
        now,
    )
    .await
    .unwrap()
}

pub fn stored_id(outcome: &SubmitOutcome) -> ResponseId {
    match outcome {
        SubmitOutcome::Stored(r) | SubmitOutcome::Replayed(r) => r.response,
        other => panic!("{other:?}"),
    }
}

pub async fn response_count(db: &Db, f: &Fixture) -> (i64, i64) {
    let c = consultation::find(db.read(), f.consultation)
        .await
        .unwrap()
        .unwrap();
    (c.response_count, c.hidden_count)
}

/// The running count of one key of a question.
pub async fn tally(db: &Db, f: &Fixture, question: QuestionId, key: &str) -> (i64, i64) {
    consultation::responses::tallies(db.read(), f.consultation)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.question == question && t.key == key)
        .map_or((0, 0), |t| (t.responses, t.points))
}
