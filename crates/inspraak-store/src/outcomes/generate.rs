//! Many realistic responses quickly, for benchmarks and load tests: batched multi-row inserts,
//! one transaction per batch, and the running counts updated per batch with the same upsert a
//! submission uses, so the figures stay right.

use crate::consultation::responses::add_to_tallies;
use crate::consultation::{answer_row, find, insert_answer_rows, questions};
use crate::entities::consultation::{consultations, responses};
use crate::{StoreError, StoreResult, process};
use chrono::{DateTime, Duration, Utc};
use inspraak_domain::consultation::{Answer, Question, QuestionKind};
use inspraak_domain::time::local_date;
use inspraak_domain::{ConsultationId, QuestionId, ThemeId};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Set};

/// A small deterministic generator (64-bit LCG), so a seed always gives the same responses.
pub struct Dice(pub u64);

impl Dice {
    pub fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % below.max(1) as u64) as usize
    }
}

/// Texts as people type them, including what breaks naive exports.
const TEXTS: [&str; 8] = [
    "Meer open data, graag.",
    "Open source als standaard, \"public money, public code\".",
    "Eerst luisteren,\ndan pas besluiten.",
    "=1+1",
    "Kennis delen en van elkaars ervaring leren.",
    "-geen mening-",
    "Betere vindbaarheid van Woo-besluiten; nu is het zoeken.",
    "@gemeente: betrek ook jongeren",
];

/// A plausible answer to `question`, or `None` for a question left open.
pub fn answer(dice: &mut Dice, question: &Question, themes: &[ThemeId]) -> Option<Answer> {
    if !question.required && dice.next(5) == 0 {
        return None;
    }
    let text = |dice: &mut Dice| TEXTS[dice.next(TEXTS.len())].to_owned();
    Some(match question.kind {
        QuestionKind::ShortText | QuestionKind::LongText => Answer::Text(text(dice)),
        QuestionKind::SingleChoice => Answer::Choice(dice.next(question.options.len())),
        QuestionKind::MultipleChoice => {
            let picked: Vec<usize> = (0..question.options.len())
                .filter(|_| dice.next(2) == 0)
                .collect();
            if picked.is_empty() {
                return None;
            }
            Answer::Choices(picked)
        }
        QuestionKind::PickThemes => {
            let picked: Vec<ThemeId> = themes
                .iter()
                .enumerate()
                .filter(|(n, _)| dice.next(themes.len() + 1) > *n)
                .map(|(_, t)| *t)
                .collect();
            let other = (dice.next(50) == 0).then(|| text(dice));
            if picked.is_empty() && other.is_none() {
                return None;
            }
            Answer::Themes { picked, other }
        }
        QuestionKind::RankThemes => {
            // Earlier themes draw more interest: a skewed shuffle, top three kept.
            let mut pool: Vec<ThemeId> = themes.to_vec();
            let mut order = Vec::new();
            while !pool.is_empty() && order.len() < 3 {
                let at = dice.next(pool.len()).min(dice.next(pool.len()));
                order.push(pool.remove(at));
            }
            if order.is_empty() {
                return None;
            }
            Answer::Ranking(order)
        }
        QuestionKind::YesNoWhy => {
            let yes = dice.next(4) != 0;
            let why = (dice.next(2) == 0).then(|| text(dice));
            Answer::YesNo { yes, why }
        }
        QuestionKind::Scale => Answer::Scale(u8::try_from(dice.next(5) + 1).unwrap_or(3)),
        QuestionKind::EmailUpdates => return None,
    })
}

/// Inserts `count` generated responses, `batch` per transaction, calling `progress` with the
/// number done after each batch. Keys are `gen-<seed>-<n>`: running it twice with one seed adds
/// nothing the second time (the key is unique), so use a new seed to add more.
///
/// Batches begin with `Db::begin`, so on SQLite the write-ahead log starts over as under a rush
/// of submissions (`checkpoints`) instead of growing to the writer's own checkpoint.
pub async fn generate(
    db: &crate::Db,
    consultation: ConsultationId,
    count: u64,
    seed: u64,
    batch: u64,
    mut progress: impl FnMut(u64),
) -> StoreResult<u64> {
    let Some(found) = find(db.read(), consultation).await? else {
        return Err(StoreError::NotFound);
    };
    let questions = questions(db.read(), consultation).await?;
    let themes: Vec<ThemeId> = process::themes(db.read(), found.process_id)
        .await?
        .iter()
        .map(|t| t.id)
        .collect();
    let mut dice = Dice(seed);
    let start = found.window.opens_at();
    let span = std::cmp::max((found.window.closes_at() - start).num_seconds(), 1);
    let batch = batch.clamp(1, 2000);
    let mut done = 0u64;
    let mut stored = 0u64;
    while done < count {
        let size = std::cmp::min(batch, count - done);
        let txn = db.begin().await?;
        let mut keys = Vec::new();
        let mut rows = Vec::new();
        let mut generated: Vec<Vec<(QuestionId, Answer)>> = Vec::new();
        for n in done..done + size {
            let key = format!("gen-{seed}-{n}");
            let at: DateTime<Utc> = start
                + Duration::seconds(
                    i64::try_from(dice.next(usize::try_from(span).unwrap_or(1))).unwrap_or(0),
                );
            let receipt = crate::consultation::new_receipt_code();
            rows.push(responses::ActiveModel {
                consultation_id: Set(consultation.0),
                idempotency_key: Set(key.clone()),
                receipt_code: Set(receipt.as_str().to_owned()),
                submitted_at: Set(at),
                submitted_on: Set(local_date(at)),
                hidden: Set(false),
                hidden_at: Set(None),
                ..Default::default()
            });
            keys.push(key);
            generated.push(
                questions
                    .iter()
                    .filter_map(|q| answer(&mut dice, q, &themes).map(|a| (q.id, a)))
                    .collect(),
            );
        }
        let inserted = responses::Entity::insert_many(rows)
            .on_conflict(
                OnConflict::columns([
                    responses::Column::ConsultationId,
                    responses::Column::IdempotencyKey,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(&txn)
            .await?;
        if inserted > 0 {
            let ids: Vec<(i64, String)> = responses::Entity::find()
                .select_only()
                .column(responses::Column::Id)
                .column(responses::Column::IdempotencyKey)
                .filter(responses::Column::ConsultationId.eq(consultation.0))
                .filter(responses::Column::IdempotencyKey.is_in(keys.clone()))
                .into_tuple()
                .all(&txn)
                .await?;
            let by_key: std::collections::HashMap<String, i64> =
                ids.into_iter().map(|(id, key)| (key, id)).collect();
            let mut answer_rows = Vec::new();
            let mut all: Vec<(QuestionId, Answer)> = Vec::new();
            for (key, answers) in keys.iter().zip(generated) {
                let Some(response) = by_key.get(key) else {
                    continue;
                };
                for (question, answer) in answers {
                    answer_rows.push(answer_row(*response, question, &answer)?);
                    all.push((question, answer));
                }
            }
            insert_answer_rows(&txn, answer_rows).await?;
            add_to_tallies(&txn, consultation, &all, 1).await?;
            consultations::Entity::update_many()
                .col_expr(
                    consultations::Column::ResponseCount,
                    Expr::col(consultations::Column::ResponseCount)
                        .add(i64::try_from(inserted).unwrap_or(0)),
                )
                .filter(consultations::Column::Id.eq(consultation.0))
                .exec(&txn)
                .await?;
            stored += inserted;
        }
        txn.commit().await?;
        done += size;
        progress(done);
    }
    Ok(stored)
}
