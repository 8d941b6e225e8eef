use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "idea_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub process_id: i64,
    pub phase_id: Option<i64>,
    pub moderation: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
