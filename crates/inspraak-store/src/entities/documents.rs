use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "documents")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub process_id: i64,
    pub owner_kind: String,
    pub owner_id: i64,
    pub title: String,
    pub title_translation: Option<String>,
    pub description: String,
    pub description_translation: Option<String>,
    pub document_date: Date,
    pub language: String,
    pub file_kind: String,
    pub size_bytes: i64,
    pub storage_name: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
