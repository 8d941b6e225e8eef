//! The language of the page someone left their address on: a session sign-up, a consultation
//! response with an address for updates, an idea with an address for status news, and each
//! queued notice about a contribution. Every later mail to that address (the waiting list moving
//! up, reminders, an organiser's message or report, an idea's new status, the published outcome,
//! the daily notice digest) goes out in it, not in the language of whoever caused the mail.
//! `nl` or `en`; existing rows are Dutch, the site's language.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Registrants {
    Table,
}

#[derive(DeriveIden)]
enum ConsultationContacts {
    Table,
}

#[derive(DeriveIden)]
enum IdeaContacts {
    Table,
}

#[derive(DeriveIden)]
enum ContributionNotices {
    Table,
}

#[derive(DeriveIden)]
enum Column {
    Language,
}

fn tables() -> [DynIden; 4] {
    [
        Registrants::Table.into_iden(),
        ConsultationContacts::Table.into_iden(),
        IdeaContacts::Table.into_iden(),
        ContributionNotices::Table.into_iden(),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One ALTER per table: SQLite adds one column per statement.
        for table in tables() {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(
                            ColumnDef::new(Column::Language)
                                .string_len(2)
                                .not_null()
                                .default("nl"),
                        )
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in tables() {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .drop_column(Column::Language)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
