use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "registrants")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub registration_id: i64,
    pub name: String,
    pub email: String,
    pub organisation: Option<String>,
    pub needs: Option<String>,
    pub wants_report: bool,
    pub erase_after: DateTimeUtc,
    /// `nl` or `en`: the language of the mails about this sign-up.
    pub language: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
