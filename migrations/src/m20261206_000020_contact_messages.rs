//! "Laat het ons weten": messages sent with the contact form, a queue for the organisers.
//!
//! Name, address and message are personal data: erased by "erase my data" and deleted by the
//! housekeeping job at `erase_after` (30 days after handling, at most a year after arrival; see
//! `inspraak_domain::retention::handled`). `handled_by` is an organiser's account.

use crate::m20261125_000001_foundation::{id, timestamp, timestamp_null};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ContactMessages {
    Table,
    Id,
    Name,
    Email,
    Message,
    Language,
    CreatedAt,
    HandledAt,
    HandledBy,
    EraseAfter,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ContactMessages::Table)
                    .col(id(ContactMessages::Id))
                    .col(ColumnDef::new(ContactMessages::Name).string_len(200).null())
                    .col(
                        ColumnDef::new(ContactMessages::Email)
                            .string_len(254)
                            .not_null(),
                    )
                    .col(ColumnDef::new(ContactMessages::Message).text().not_null())
                    .col(
                        ColumnDef::new(ContactMessages::Language)
                            .string_len(2)
                            .not_null()
                            .default("nl"),
                    )
                    .col(timestamp(ContactMessages::CreatedAt))
                    .col(timestamp_null(ContactMessages::HandledAt))
                    .col(
                        ColumnDef::new(ContactMessages::HandledBy)
                            .big_integer()
                            .null(),
                    )
                    .col(timestamp(ContactMessages::EraseAfter))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ContactMessages::Table, ContactMessages::HandledBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_contact_messages_erase_after")
                    .table(ContactMessages::Table)
                    .col(ContactMessages::EraseAfter)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ContactMessages::Table).to_owned())
            .await
    }
}
