//! A process's ideas a page at a time for the organiser's export, by keyset (`id > after`), so a
//! page costs the same at the start and at the end and nothing holds more than one page.

use super::{Idea, to_idea};
use crate::StoreResult;
use crate::entities::ideas::ideas;
use inspraak_domain::{IdeaId, ProcessId};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// The next `limit` ideas of `process` after idea `after`, oldest first, hidden and pending ones
/// included (the caller marks them). An empty page means the end.
pub async fn page(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    after: Option<IdeaId>,
    limit: u64,
) -> StoreResult<Vec<Idea>> {
    let mut query = ideas::Entity::find()
        .filter(ideas::Column::ProcessId.eq(process.0))
        .order_by_asc(ideas::Column::Id)
        .limit(limit.clamp(1, 5000));
    if let Some(after) = after {
        query = query.filter(ideas::Column::Id.gt(after.0));
    }
    query.all(conn).await?.into_iter().map(to_idea).collect()
}
