//! Facts about the installation itself, one row per flag. The first is `demo`: written by the
//! demo loader in the transaction that fills an empty database with demo content, so
//! `inspraak demo-code` (which prints the demo organiser's second-factor code, derived from the
//! secret key) works only on a database that was created as a demo, never on a real site.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SiteFlags {
    Table,
    Name,
    Value,
    SetAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SiteFlags::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(SiteFlags::Name)
                            .string_len(40)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(SiteFlags::Value).string_len(200).not_null())
                    .col(
                        ColumnDef::new(SiteFlags::SetAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SiteFlags::Table).to_owned())
            .await
    }
}
