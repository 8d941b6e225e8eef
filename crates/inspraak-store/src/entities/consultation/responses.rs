use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consultation_responses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub consultation_id: i64,
    pub idempotency_key: String,
    pub receipt_code: String,
    pub submitted_at: DateTimeUtc,
    pub submitted_on: Date,
    pub hidden: bool,
    pub hidden_at: Option<DateTimeUtc>,
    /// Stored before migration 000028: its receipt page may also be asked for by code alone.
    pub receipt_by_code: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
