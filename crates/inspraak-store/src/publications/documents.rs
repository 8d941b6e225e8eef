//! Document rows. The file itself lives in a folder the web layer manages; the row names it.

use crate::StoreResult;
use crate::entities::documents;
use chrono::{DateTime, NaiveDate, Utc};
use inspraak_domain::{
    ActionPointId, DocumentId, ProcessId, ProgressReportId, ProgressUpdateId, SessionId, Translated,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use std::collections::HashMap;

/// What a document belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnerKind {
    Process,
    Session,
    Report,
    ActionPoint,
    /// The self-evaluation of a closed process (`evaluation`); its id is the process's.
    Evaluation,
    /// A progress update of an action point (issue #24: holders attach documents).
    ProgressUpdate,
}

impl OwnerKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OwnerKind::Process => "process",
            OwnerKind::Session => "session",
            OwnerKind::Report => "report",
            OwnerKind::ActionPoint => "action_point",
            OwnerKind::Evaluation => "evaluation",
            OwnerKind::ProgressUpdate => "progress_update",
        }
    }

    pub fn parse(raw: &str) -> Option<OwnerKind> {
        match raw {
            "process" => Some(OwnerKind::Process),
            "session" => Some(OwnerKind::Session),
            "report" => Some(OwnerKind::Report),
            "action_point" => Some(OwnerKind::ActionPoint),
            "evaluation" => Some(OwnerKind::Evaluation),
            "progress_update" => Some(OwnerKind::ProgressUpdate),
            _ => None,
        }
    }
}

/// What a document belongs to, with its typed id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Process(ProcessId),
    Session(SessionId),
    Report(ProgressReportId),
    ActionPoint(ActionPointId),
    /// The self-evaluation of this process.
    Evaluation(ProcessId),
    ProgressUpdate(ProgressUpdateId),
}

impl Owner {
    pub fn kind(self) -> OwnerKind {
        match self {
            Owner::Process(_) => OwnerKind::Process,
            Owner::Session(_) => OwnerKind::Session,
            Owner::Report(_) => OwnerKind::Report,
            Owner::ActionPoint(_) => OwnerKind::ActionPoint,
            Owner::Evaluation(_) => OwnerKind::Evaluation,
            Owner::ProgressUpdate(_) => OwnerKind::ProgressUpdate,
        }
    }

    /// The id as stored in the `owner_id` column (its kind says which table).
    fn raw_id(self) -> i64 {
        match self {
            Owner::Process(id) => id.0,
            Owner::Session(id) => id.0,
            Owner::Report(id) => id.0,
            Owner::ActionPoint(id) => id.0,
            Owner::Evaluation(id) => id.0,
            Owner::ProgressUpdate(id) => id.0,
        }
    }

    /// The owner a stored kind and id name.
    pub fn from_parts(kind: OwnerKind, id: i64) -> Owner {
        match kind {
            OwnerKind::Process => Owner::Process(ProcessId(id)),
            OwnerKind::Session => Owner::Session(SessionId(id)),
            OwnerKind::Report => Owner::Report(ProgressReportId(id)),
            OwnerKind::ActionPoint => Owner::ActionPoint(ActionPointId(id)),
            OwnerKind::Evaluation => Owner::Evaluation(ProcessId(id)),
            OwnerKind::ProgressUpdate => Owner::ProgressUpdate(ProgressUpdateId(id)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub id: DocumentId,
    pub process_id: ProcessId,
    pub owner: Owner,
    pub title: Translated,
    /// May be empty (no description); its translation is then ignored.
    pub description: Translated,
    pub date: NaiveDate,
    /// The language of the file itself (not of the title), e.g. `nl`.
    pub language: String,
    /// `pdf`, `odt`, `ods`, `docx`, `xlsx`, `csv`, `png` or `jpeg`.
    pub file_kind: String,
    pub size_bytes: i64,
    pub storage_name: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct NewDocument<'a> {
    pub process_id: ProcessId,
    pub owner: Owner,
    pub title: &'a str,
    pub title_translation: Option<&'a str>,
    pub description: &'a str,
    pub description_translation: Option<&'a str>,
    pub date: NaiveDate,
    pub language: &'a str,
    pub file_kind: &'a str,
    pub size_bytes: i64,
    pub storage_name: &'a str,
}

fn to_document(m: documents::Model) -> Option<Document> {
    Some(Document {
        id: DocumentId(m.id),
        process_id: ProcessId(m.process_id),
        owner: Owner::from_parts(OwnerKind::parse(&m.owner_kind)?, m.owner_id),
        title: Translated::new(m.title, m.title_translation),
        description: Translated::new(m.description, m.description_translation),
        date: m.document_date,
        language: m.language,
        file_kind: m.file_kind,
        size_bytes: m.size_bytes,
        storage_name: m.storage_name,
        created_at: m.created_at,
    })
}

pub async fn insert_document(
    conn: &impl ConnectionTrait,
    new: &NewDocument<'_>,
    now: DateTime<Utc>,
) -> StoreResult<DocumentId> {
    let model = documents::ActiveModel {
        process_id: Set(new.process_id.0),
        owner_kind: Set(new.owner.kind().as_str().to_owned()),
        owner_id: Set(new.owner.raw_id()),
        title: Set(new.title.to_owned()),
        title_translation: Set(new.title_translation.map(str::to_owned)),
        description: Set(new.description.to_owned()),
        description_translation: Set(new.description_translation.map(str::to_owned)),
        document_date: Set(new.date),
        language: Set(new.language.to_owned()),
        file_kind: Set(new.file_kind.to_owned()),
        size_bytes: Set(new.size_bytes),
        storage_name: Set(new.storage_name.to_owned()),
        created_at: Set(now),
        ..Default::default()
    };
    let inserted = documents::Entity::insert(model).exec(conn).await?;
    Ok(DocumentId(inserted.last_insert_id))
}

pub async fn find_document(
    conn: &impl ConnectionTrait,
    id: DocumentId,
) -> StoreResult<Option<Document>> {
    Ok(documents::Entity::find_by_id(id.0)
        .one(conn)
        .await?
        .and_then(to_document))
}

/// Every document of a process (whatever its owner), newest date first.
pub async fn documents_for_process(
    conn: &impl ConnectionTrait,
    process: ProcessId,
) -> StoreResult<Vec<Document>> {
    Ok(documents::Entity::find()
        .filter(documents::Column::ProcessId.eq(process.0))
        .order_by_desc(documents::Column::DocumentDate)
        .order_by_desc(documents::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .filter_map(to_document)
        .collect())
}

/// The documents of one owner, newest date first.
pub async fn documents_of(conn: &impl ConnectionTrait, owner: Owner) -> StoreResult<Vec<Document>> {
    Ok(documents::Entity::find()
        .filter(documents::Column::OwnerKind.eq(owner.kind().as_str()))
        .filter(documents::Column::OwnerId.eq(owner.raw_id()))
        .order_by_desc(documents::Column::DocumentDate)
        .order_by_desc(documents::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .filter_map(to_document)
        .collect())
}

/// The documents of several progress updates in one statement, by update, oldest first (the
/// order they were attached in).
pub async fn documents_of_updates(
    conn: &impl ConnectionTrait,
    updates: &[ProgressUpdateId],
) -> StoreResult<HashMap<ProgressUpdateId, Vec<Document>>> {
    let mut by_update: HashMap<ProgressUpdateId, Vec<Document>> = HashMap::new();
    if updates.is_empty() {
        return Ok(by_update);
    }
    let rows = documents::Entity::find()
        .filter(documents::Column::OwnerKind.eq(OwnerKind::ProgressUpdate.as_str()))
        .filter(documents::Column::OwnerId.is_in(updates.iter().map(|u| u.0)))
        .order_by_asc(documents::Column::Id)
        .all(conn)
        .await?;
    for document in rows.into_iter().filter_map(to_document) {
        if let Owner::ProgressUpdate(update) = document.owner {
            by_update.entry(update).or_default().push(document);
        }
    }
    Ok(by_update)
}

/// How many document rows exist (tests check that a refused upload stored nothing).
pub async fn count_documents(conn: &impl ConnectionTrait) -> StoreResult<u64> {
    Ok(documents::Entity::find().count(conn).await?)
}
