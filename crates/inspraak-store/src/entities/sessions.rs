use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sessions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub process_id: i64,
    pub theme_id: Option<i64>,
    pub kind: String,
    pub title: String,
    pub title_translation: Option<String>,
    pub description: String,
    pub description_translation: Option<String>,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub location: Option<String>,
    pub online_link: Option<String>,
    pub capacity: Option<i32>,
    pub seats_taken: i32,
    pub signup_opens_at: Option<DateTimeUtc>,
    pub signup_closes_at: Option<DateTimeUtc>,
    pub ask_organisation: bool,
    pub ask_needs: bool,
    pub revision: i32,
    pub reminders_queued_at: Option<DateTimeUtc>,
    pub report: Option<String>,
    pub report_translation: Option<String>,
    pub report_published_at: Option<DateTimeUtc>,
    /// The organiser called the session off.
    pub cancelled_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
