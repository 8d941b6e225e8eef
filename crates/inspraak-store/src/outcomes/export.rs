//! Responses a page at a time for exports, by keyset (`id > after`), so each page costs the same
//! at the start and at the millionth row and nothing holds more than one page.

use crate::StoreResult;
use crate::consultations::decode_keys;
use crate::entities::consultation::{answers, responses};
use chrono::{DateTime, Utc};
use inspraak_domain::consultation::StoredAnswer;
use inspraak_domain::{ConsultationId, QuestionId, ResponseId};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
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

/// The next `limit` responses (hidden ones included, marked) after response `after`, oldest
/// first. An empty page means the end.
pub async fn page(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
    after: Option<ResponseId>,
    limit: u64,
) -> StoreResult<Vec<ExportRow>> {
    let mut query = responses::Entity::find()
        .filter(responses::Column::ConsultationId.eq(consultation.0))
        .order_by_asc(responses::Column::Id)
        .limit(limit.clamp(1, 5000));
    if let Some(after) = after {
        query = query.filter(responses::Column::Id.gt(after.0));
    }
    let models = query.all(conn).await?;
    let (Some(first), Some(last)) = (models.first(), models.last()) else {
        return Ok(Vec::new());
    };
    // A range on the response id uses the (response_id, question_id) index; answers of other
    // consultations' responses in the range are dropped below.
    let mut by_response: BTreeMap<i64, BTreeMap<QuestionId, StoredAnswer>> = BTreeMap::new();
    for answer in answers::Entity::find()
        .filter(answers::Column::ResponseId.between(first.id, last.id))
        .all(conn)
        .await?
    {
        let stored = StoredAnswer {
            keys: decode_keys(answer.choice_keys.as_deref())?,
            text: answer.text_value,
        };
        by_response
            .entry(answer.response_id)
            .or_default()
            .insert(QuestionId(answer.question_id), stored);
    }
    Ok(models
        .into_iter()
        .map(|m| ExportRow {
            id: ResponseId(m.id),
            answers: by_response.remove(&m.id).unwrap_or_default(),
            receipt_code: m.receipt_code,
            submitted_at: m.submitted_at,
            hidden: m.hidden,
        })
        .collect())
}

/// How many responses an export will hold (for a progress bar).
pub async fn count(conn: &impl ConnectionTrait, consultation: ConsultationId) -> StoreResult<u64> {
    Ok(responses::Entity::find()
        .filter(responses::Column::ConsultationId.eq(consultation.0))
        .count(conn)
        .await?)
}
