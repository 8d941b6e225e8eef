//! Export pages: the database builds each page as one JSON document (see
//! `inspraak_store::outcomes::export`), so what must hold is that every response comes out once,
//! in order, with its answers exactly as stored, whatever characters they hold, on both engines.

use crate::*;
use inspraak_store::consultation::responses;
use inspraak_store::outcomes::export;
use inspraak_store::testing::each_engine;
use std::collections::BTreeMap;

/// Texts that break hand-made JSON, CSV or XML.
const AWKWARD: [&str; 3] = [
    "komma, \"aanhalingstekens\" en\nregels",
    "=1+1 ] }\\u0000 \\ \u{1F600} ëï",
    "tab\tcr\r<b>&amp;</b> \u{7}",
];

#[tokio::test]
async fn pages_hold_every_response_once_in_order_with_its_answers_as_stored() {
    each_engine(|t| async move {
        let f = fixture(&t.db).await;
        let mut submitted = Vec::new();
        for (n, text) in AWKWARD.iter().enumerate() {
            let mut answers = answers(&f, n % 2 == 0);
            answers.push((f.question(2), Answer::Text((*text).to_owned())));
            let receipt = match submit_at(&t.db, &f, &key(n), &answers, during()).await {
                SubmitOutcome::Stored(receipt) => receipt,
                other => panic!("{other:?}"),
            };
            submitted.push((receipt, answers));
        }
        let spam = submitted[1].0.response;
        responses::set_hidden(t.db.write(), f.consultation, spam, true, during())
            .await
            .unwrap();

        // A response to another consultation of the process stays out.
        let conn = t.db.write();
        let other = admin::insert(conn, f.process, &september(), during())
            .await
            .unwrap();
        admin::add_question(conn, other, &question("long_text", "Nog iets?", ""))
            .await
            .unwrap();
        admin::set_status(conn, other, ConsultationStatus::Published, during())
            .await
            .unwrap();
        let other = Fixture {
            process: f.process,
            consultation: other,
            themes: f.themes.clone(),
            questions: consultation::questions(t.db.read(), other).await.unwrap(),
        };
        let elsewhere = [(other.question(0), Answer::Text("elders".into()))];
        submit_at(&t.db, &other, &key(9), &elsewhere, during()).await;

        let conn = t.db.read();
        let first = export::page(conn, f.consultation, None, 2).await.unwrap();
        let after = first.last().map(|r| r.id);
        let second = export::page(conn, f.consultation, after, 2).await.unwrap();
        let after = second.last().map(|r| r.id);
        let end = export::page(conn, f.consultation, after, 2).await.unwrap();
        assert_eq!(
            (first.len(), second.len(), end.len()),
            (2, 1, 0),
            "{:?}",
            t.engine
        );
        assert_eq!(export::count(conn, f.consultation).await.unwrap(), 3);

        let rows: Vec<_> = first.into_iter().chain(second).collect();
        for (row, (receipt, answers)) in rows.iter().zip(&submitted) {
            assert_eq!(row.id, receipt.response, "{:?}", t.engine);
            assert_eq!(row.submitted_at, during());
            assert_eq!(row.hidden, row.id == spam);
            assert_eq!(row.receipt_code, receipt.code.to_string());
            let expected: BTreeMap<_, _> = answers
                .iter()
                .map(|(question, answer)| (*question, answer.to_stored()))
                .collect();
            assert_eq!(row.answers, expected, "{:?}", t.engine);
        }
    })
    .await;
}
