use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "progress_updates")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub action_point_id: i64,
    pub posted_on: Date,
    pub body: String,
    pub body_translation: Option<String>,
    pub author_user_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub hidden_at: Option<DateTimeUtc>,
    pub edited_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
