//! The language someone signed up for a session in: every later mail about the sign-up (the
//! waiting list moving up, reminders, the organiser's message, the report) goes out in it, not in
//! the language of whoever caused the mail. Existing rows are Dutch, the site's language.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Registrants {
    Table,
    /// `nl` or `en`.
    Language,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Registrants::Table)
                    .add_column(
                        ColumnDef::new(Registrants::Language)
                            .string_len(2)
                            .not_null()
                            .default("nl"),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Registrants::Table)
                    .drop_column(Registrants::Language)
                    .to_owned(),
            )
            .await
    }
}
