use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contribution_notices")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub email: String,
    pub email_key: String,
    pub contribution_kind: String,
    pub contribution_id: i64,
    pub event: String,
    pub target_kind: Option<String>,
    pub target_id: Option<i64>,
    pub event_key: String,
    pub created_at: DateTimeUtc,
    pub digested_at: Option<DateTimeUtc>,
    /// `nl` or `en`: the language of the contribution's page, for the digest.
    pub language: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
