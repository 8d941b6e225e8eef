use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consultation_questions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub consultation_id: i64,
    pub position: i32,
    pub kind: String,
    pub prompt: String,
    pub help_text: Option<String>,
    pub required: bool,
    pub max_length: Option<i32>,
    pub options: Option<String>,
    pub allow_other: bool,
    pub prompt_translation: Option<String>,
    pub help_text_translation: Option<String>,
    pub options_translation: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
