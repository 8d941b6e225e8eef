//! Responses a page at a time for exports, by keyset (`id > after`), so each page costs the same
//! at the start and at the millionth row and nothing holds more than one page.
//!
//! A page is one row: the database builds the page (responses with their answers) as one JSON
//! array. Reading a million responses row by row cost a thread hand-off in the SQLite driver per
//! response and per answer (about 8 million), which was most of a 1,000,000-row CSV export's
//! time; see `docs/benchmarks.md`.

use crate::StoreError;
use crate::StoreResult;
use crate::entities::consultation::responses;
use chrono::{DateTime, Utc};
use inspraak_domain::consultation::StoredAnswer;
use inspraak_domain::{ConsultationId, QuestionId, ResponseId};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait, QueryFilter, Statement,
};
use std::collections::BTreeMap;

/// One response with its answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRow {
    pub id: ResponseId,
    pub receipt_code: String,
    pub submitted_at: DateTime<Utc>,
    pub hidden: bool,
    pub answers: BTreeMap<QuestionId, StoredAnswer>,
}

/// The most responses one page holds.
pub const MAX_PAGE: u64 = 5000;

const SQLITE_PAGE: &str = "\
SELECT json_group_array(json_array(r.id, r.receipt_code, r.submitted_at, r.hidden, json((\
    SELECT json_group_array(json_array(a.question_id, json(a.choice_keys), a.text_value)) \
    FROM consultation_answers a WHERE a.response_id = r.id)))) \
FROM (SELECT id, receipt_code, submitted_at, hidden FROM consultation_responses \
      WHERE consultation_id = $1 AND id > $2 ORDER BY id LIMIT $3) r";

const POSTGRES_PAGE: &str = "\
SELECT COALESCE(json_agg(json_build_array(r.id, r.receipt_code, r.submitted_at, r.hidden::int, (\
    SELECT COALESCE(json_agg(json_build_array(a.question_id, a.choice_keys::json, a.text_value)), \
                    '[]'::json) \
    FROM consultation_answers a WHERE a.response_id = r.id))), '[]'::json)::text \
FROM (SELECT id, receipt_code, submitted_at, hidden FROM consultation_responses \
      WHERE consultation_id = $1 AND id > $2 ORDER BY id LIMIT $3) r";

/// `[id, receipt_code, submitted_at, hidden, [[question_id, choice_keys, text_value], ...]]`;
/// `hidden` is 0 or 1 on both engines (SQLite has no boolean; PostgreSQL's is cast to `int`).
type PageRow = (
    i64,
    String,
    String,
    u8,
    Vec<(i64, Option<Vec<String>>, Option<String>)>,
);

fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Db(sea_orm::DbErr::Custom(format!("export page: {what}")))
}

/// The next `limit` responses (hidden ones included, marked) after response `after`, oldest
/// first. An empty page means the end.
pub async fn page(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
    after: Option<ResponseId>,
    limit: u64,
) -> StoreResult<Vec<ExportRow>> {
    let backend = conn.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => POSTGRES_PAGE,
        _ => SQLITE_PAGE,
    };
    let limit = i64::try_from(limit.clamp(1, MAX_PAGE)).unwrap_or(1000);
    let values = [
        consultation.0.into(),
        after.map_or(0, |a| a.0).into(),
        limit.into(),
    ];
    let Some(result) = conn
        .query_one_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?
    else {
        return Ok(Vec::new());
    };
    let json: String = result.try_get_by_index(0)?;
    let rows: Vec<PageRow> = serde_json::from_str(&json).map_err(corrupt)?;
    let mut page = rows
        .into_iter()
        .map(|(id, receipt_code, submitted_at, hidden, answers)| {
            let submitted_at = DateTime::parse_from_rfc3339(&submitted_at)
                .map_err(|e| corrupt(format_args!("{submitted_at:?}: {e}")))?
                .with_timezone(&Utc);
            Ok(ExportRow {
                id: ResponseId(id),
                receipt_code,
                submitted_at,
                hidden: hidden != 0,
                answers: answers
                    .into_iter()
                    .map(|(question, keys, text)| {
                        let keys = keys.unwrap_or_default();
                        (QuestionId(question), StoredAnswer { keys, text })
                    })
                    .collect(),
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    // Aggregates promise no order; the page is small.
    page.sort_unstable_by_key(|row| row.id);
    Ok(page)
}

/// How many responses an export will hold (for a progress bar).
pub async fn count(conn: &impl ConnectionTrait, consultation: ConsultationId) -> StoreResult<u64> {
    Ok(responses::Entity::find()
        .filter(responses::Column::ConsultationId.eq(consultation.0))
        .count(conn)
        .await?)
}
