use crate::*;
use chrono::NaiveDate;
use inspraak_domain::consultation::Answer;
use inspraak_store::StoreError;
use inspraak_store::consultation::responses::{self, DayCount};
use inspraak_store::testing::each_engine;
use std::collections::BTreeMap;

#[tokio::test]
async fn a_hidden_response_drops_out_of_every_count_and_comes_back_when_shown_again() {
    each_engine(|t| async move {
        let f = fixture(&t.db).await;
        let spam = stored_id(&submit_at(&t.db, &f, &key(1), &answers(&f, true), during()).await);
        submit_at(&t.db, &f, &key(2), &answers(&f, false), during()).await;
        assert_eq!(tally(&t.db, &f, f.question(1), "yes").await, (1, 0));
        let first_theme = format!("t{}", f.themes[0]);
        assert_eq!(tally(&t.db, &f, f.question(0), &first_theme).await, (2, 40));

        let conn = t.db.write();
        assert!(
            responses::set_hidden(conn, f.consultation, spam, true, during())
                .await
                .unwrap()
        );
        // Hiding twice (two organisers at once) counts once.
        assert!(
            !responses::set_hidden(conn, f.consultation, spam, true, during())
                .await
                .unwrap()
        );
        assert_eq!(response_count(&t.db, &f).await, (2, 1), "{:?}", t.engine);
        assert_eq!(tally(&t.db, &f, f.question(1), "yes").await, (0, 0));
        assert_eq!(tally(&t.db, &f, f.question(1), "answered").await, (1, 0));
        assert_eq!(tally(&t.db, &f, f.question(0), &first_theme).await, (1, 20));
        let page = responses::list(t.db.read(), f.consultation, 1, 20)
            .await
            .unwrap();
        assert_eq!(page.total, 2, "hidden responses are kept");
        assert!(page.rows.iter().any(|r| r.id == spam && r.hidden));

        assert!(
            responses::set_hidden(conn, f.consultation, spam, false, during())
                .await
                .unwrap()
        );
        assert_eq!(response_count(&t.db, &f).await, (2, 0));
        assert_eq!(tally(&t.db, &f, f.question(1), "yes").await, (1, 0));
        assert_eq!(tally(&t.db, &f, f.question(0), &first_theme).await, (2, 40));

        let elsewhere = admin::insert(conn, f.process, &september(), during())
            .await
            .unwrap();
        let foreign = responses::set_hidden(conn, elsewhere, spam, true, during()).await;
        assert!(matches!(foreign, Err(StoreError::NotFound)));
    })
    .await;
}

#[tokio::test]
async fn responses_page_newest_first() {
    each_engine(|t| async move {
        let f = fixture(&t.db).await;
        let mut ids = Vec::new();
        for n in 0..25 {
            ids.push(stored_id(
                &submit_at(&t.db, &f, &key(n), &answers(&f, n % 2 == 0), during()).await,
            ));
        }
        let first = responses::list(t.db.read(), f.consultation, 1, 10)
            .await
            .unwrap();
        let third = responses::list(t.db.read(), f.consultation, 3, 10)
            .await
            .unwrap();
        let beyond = responses::list(t.db.read(), f.consultation, 9, 10)
            .await
            .unwrap();
        assert_eq!((first.total, first.page_count()), (25, 3));
        assert_eq!(first.rows.len(), 10);
        assert_eq!(first.rows[0].id, ids[24]);
        assert_eq!(third.rows.len(), 5);
        assert_eq!(third.rows[4].id, ids[0]);
        assert!(beyond.rows.is_empty());
        // Silly paging values are clamped, never an error.
        let clamped = responses::list(t.db.read(), f.consultation, 0, 0)
            .await
            .unwrap();
        assert_eq!(
            (clamped.page, clamped.per_page, clamped.rows.len()),
            (1, 1, 1)
        );
        let far = responses::list(t.db.read(), f.consultation, u64::MAX, 200)
            .await
            .unwrap();
        assert!(
            far.rows.is_empty(),
            "{:?}: a huge page number is an empty page",
            t.engine
        );
    })
    .await;
}

#[tokio::test]
async fn responses_per_day_follow_the_dutch_calendar() {
    each_engine(|t| async move {
        let f = fixture(&t.db).await;
        // 21:59 UTC on 14 September is 23:59 in the Netherlands; 22:00 UTC is already the 15th.
        let moments = [
            at(2026, 9, 14, 21, 59),
            at(2026, 9, 14, 22, 0),
            at(2026, 9, 15, 8, 0),
        ];
        let mut ids = Vec::new();
        for (n, moment) in moments.iter().enumerate() {
            ids.push(stored_id(
                &submit_at(&t.db, &f, &key(n), &answers(&f, true), *moment).await,
            ));
        }
        responses::set_hidden(t.db.write(), f.consultation, ids[2], true, during())
            .await
            .unwrap();
        let days = responses::per_day(t.db.read(), f.consultation)
            .await
            .unwrap();
        let day = |d| NaiveDate::from_ymd_opt(2026, 9, d).unwrap();
        assert_eq!(
            days,
            vec![
                DayCount {
                    day: day(14),
                    visible: 1,
                    hidden: 0
                },
                DayCount {
                    day: day(15),
                    visible: 1,
                    hidden: 1
                },
            ],
            "{:?}",
            t.engine
        );
    })
    .await;
}

/// The running counts always equal a recount from the stored answers of visible responses.
#[tokio::test]
async fn tallies_equal_a_recount_after_submissions_and_hiding() {
    each_engine(|t| async move {
        let f = fixture(&t.db).await;
        let mut ids = Vec::new();
        for n in 0..30usize {
            let mut given = vec![
                (
                    f.question(0),
                    Answer::Ranking(vec![f.themes[n % 3], f.themes[(n + 1) % 3]]),
                ),
                (f.question(3), Answer::Choice(n % 3)),
            ];
            if n % 4 != 0 {
                given.push((
                    f.question(1),
                    Answer::YesNo {
                        yes: n % 5 != 0,
                        why: None,
                    },
                ));
            }
            ids.push(stored_id(
                &submit_at(&t.db, &f, &key(n), &given, during()).await,
            ));
        }
        for id in ids.iter().step_by(7) {
            responses::set_hidden(t.db.write(), f.consultation, *id, true, during())
                .await
                .unwrap();
        }
        responses::set_hidden(t.db.write(), f.consultation, ids[7], false, during())
            .await
            .unwrap();

        let kinds: BTreeMap<_, _> = f.questions.iter().map(|q| (q.id, q.kind)).collect();
        let mut recount: BTreeMap<(QuestionId, String), (i64, i64)> = BTreeMap::new();
        let page = responses::list(t.db.read(), f.consultation, 1, 200)
            .await
            .unwrap();
        for row in page.rows.iter().filter(|r| !r.hidden) {
            for (question, stored) in &row.answers {
                let answer = Answer::from_stored(kinds[question], stored).unwrap();
                for entry in answer.tally() {
                    let sum = recount.entry((*question, entry.key)).or_default();
                    sum.0 += 1;
                    sum.1 += entry.points;
                }
            }
        }
        let counted: BTreeMap<(QuestionId, String), (i64, i64)> =
            responses::tallies(t.db.read(), f.consultation)
                .await
                .unwrap()
                .into_iter()
                .filter(|t| t.responses != 0)
                .map(|t| ((t.question, t.key), (t.responses, t.points)))
                .collect();
        assert_eq!(counted, recount, "{:?}", t.engine);
        let hidden = ids.iter().step_by(7).count() as i64 - 1;
        assert_eq!(response_count(&t.db, &f).await, (30, hidden));
    })
    .await;
}
