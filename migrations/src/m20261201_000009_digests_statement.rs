//! The language a follower subscribed in (mail to followers goes out in it), and the
//! organiser-edited parts of the accessibility statement (one row).

use crate::m20261125_000001_foundation::timestamp;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Subscriptions {
    Table,
    /// `nl` or `en`; existing rows are Dutch, the site's language.
    Language,
}

#[derive(DeriveIden)]
enum AccessibilityStatement {
    Table,
    /// Always 1: the site has one statement.
    Id,
    /// How to reach the organisation about accessibility (plain text).
    Contact,
    /// Known problems beyond what the automatic checks found (plain text).
    KnownProblems,
    UpdatedAt,
    UpdatedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Subscriptions::Table)
                    .add_column(
                        ColumnDef::new(Subscriptions::Language)
                            .string_len(2)
                            .not_null()
                            .default("nl"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AccessibilityStatement::Table)
                    .col(
                        ColumnDef::new(AccessibilityStatement::Id)
                            .big_integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(AccessibilityStatement::Contact)
                            .text()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AccessibilityStatement::KnownProblems)
                            .text()
                            .not_null(),
                    )
                    .col(timestamp(AccessibilityStatement::UpdatedAt))
                    .col(
                        ColumnDef::new(AccessibilityStatement::UpdatedBy)
                            .big_integer()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(AccessibilityStatement::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Subscriptions::Table)
                    .drop_column(Subscriptions::Language)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
