#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The per-process list of texts still without a translation (issue #24), on both engines.

use chrono::{TimeZone, Utc};
use inspraak_domain::consultation::{NewConsultation, NewQuestion};
use inspraak_domain::{NewPhase, NewProcess, NewTheme};
use inspraak_store::testing::each_engine;
use inspraak_store::{ConnectionTrait, consultation, process, translations};

fn noon() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0)
        .single()
        .unwrap()
}

fn listed(missing: &[translations::Missing]) -> Vec<(&str, &str, &str)> {
    missing
        .iter()
        .map(|m| (m.table, m.column, m.text.as_str()))
        .collect()
}

#[tokio::test]
async fn the_list_holds_every_written_text_without_a_translation_of_this_process_only() {
    each_engine(|t| async move {
        let conn = t.db.write();
        let new =
            NewProcess::parse_translated("Actieplan", "Action plan", "", "Samen.", "").unwrap();
        let id = process::insert(conn, &new, noon()).await.unwrap();
        let phase = NewPhase::parse_translated(
            ["Verkenning", "Exploration"],
            ["Gesprekken.", ""],
            "2026-01-01",
            "2026-02-01",
        )
        .unwrap();
        process::add_phase(conn, id, &phase).await.unwrap();
        for (name, translation) in [
            ("Open Technologie", "Open Technology"),
            ("Open Informatie", ""),
        ] {
            let theme = NewTheme::parse_translated([name, translation], "", ["", ""]).unwrap();
            process::add_theme(conn, id, &theme).await.unwrap();
        }
        let consultation = NewConsultation::parse(
            "Consultatie",
            "Deel je ideeën.",
            "We gebruiken je antwoorden alleen voor het plan.",
            "2026-09-01",
            "",
            "2026-09-30",
            "",
        )
        .unwrap();
        let consultation = consultation::admin::insert(conn, id, &consultation, noon())
            .await
            .unwrap();
        let question = NewQuestion::parse(
            "single_choice",
            "Hoe hoorde je hiervan?",
            "",
            false,
            "",
            "Krant\nRadio",
            true,
        )
        .unwrap();
        consultation::admin::add_question(conn, consultation, &question)
            .await
            .unwrap();
        // Another process's texts are not this one's.
        let other = NewProcess::parse("Ander traject", "", "Iets anders.").unwrap();
        process::insert(conn, &other, noon()).await.unwrap();

        let missing = translations::missing(t.db.read(), id).await.unwrap();
        assert_eq!(
            listed(&missing),
            [
                ("processes", "summary", "Samen."),
                ("phases", "description", "Gesprekken."),
                ("themes", "name", "Open Informatie"),
                ("consultations", "title", "Consultatie"),
                ("consultations", "intro", "Deel je ideeën."),
                (
                    "consultations",
                    "privacy_statement",
                    "We gebruiken je antwoorden alleen voor het plan."
                ),
                ("consultation_questions", "prompt", "Hoe hoorde je hiervan?"),
                ("consultation_questions", "options", r#"["Krant","Radio"]"#),
            ],
            "{:?}",
            t.engine
        );
        // Where each is edited: phases and themes on the process, questions on the consultation.
        assert_eq!(missing[1].parent, id.0);
        assert_eq!(missing[6].parent, consultation.0);

        // A translation written (here straight into the column) takes a text off the list; a
        // blank one does not.
        conn.execute_unprepared(
            "UPDATE consultation_questions SET prompt_translation = 'How did you hear of this?', \
             options_translation = '[]'",
        )
        .await
        .unwrap();
        conn.execute_unprepared("UPDATE consultations SET title_translation = '  '")
            .await
            .unwrap();
        let missing = translations::missing(t.db.read(), id).await.unwrap();
        let tables: Vec<_> = listed(&missing)
            .into_iter()
            .map(|(t, c, _)| (t, c))
            .collect();
        assert!(tables.contains(&("consultations", "title")));
        assert!(!tables.contains(&("consultation_questions", "prompt")));
        assert!(tables.contains(&("consultation_questions", "options")));
    })
    .await;
}
