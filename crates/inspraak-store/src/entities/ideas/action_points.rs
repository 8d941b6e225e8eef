use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "action_points")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub process_id: i64,
    pub theme_id: Option<i64>,
    pub title: String,
    pub description: String,
    pub title_translation: Option<String>,
    pub description_translation: Option<String>,
    pub holder: String,
    pub holder_user_id: Option<i64>,
    pub partners: Option<String>,
    pub status: String,
    pub findings: Option<String>,
    pub findings_translation: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
