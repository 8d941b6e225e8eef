use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "comments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub idea_id: Option<i64>,
    pub action_point_id: Option<i64>,
    pub parent_id: Option<i64>,
    pub author_user_id: i64,
    pub body: String,
    pub visibility: String,
    pub hidden_reason: Option<String>,
    pub flagged_at: Option<DateTimeUtc>,
    pub flagged_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub edited_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
