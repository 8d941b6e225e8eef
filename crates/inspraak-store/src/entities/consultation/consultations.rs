use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consultations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub process_id: i64,
    pub title: String,
    pub intro: String,
    pub privacy_statement: String,
    pub opens_at: DateTimeUtc,
    pub closes_at: DateTimeUtc,
    pub status: String,
    pub structure_version: i32,
    pub response_count: i64,
    pub hidden_count: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub live_results: bool,
    pub title_translation: Option<String>,
    pub intro_translation: Option<String>,
    pub privacy_statement_translation: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
