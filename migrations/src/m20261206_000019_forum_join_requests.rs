//! Asking to join the stakeholder forum (issue #24): a public form (who you are, which
//! organisation, why) that organisers accept (the usual forum invitation is mailed) or decline
//! (with a mail). Name, address, organisation and motivation are personal data: erased by
//! "erase my data" (the mails carry the link; only its token's SHA-256 is kept) and purged a
//! while after the request was handled.

use crate::m20261125_000001_foundation::{id, timestamp, timestamp_null};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ForumJoinRequests {
    Table,
    Id,
    Name,
    Email,
    Organisation,
    Motivation,
    Language,
    State,
    EraseTokenHash,
    CreatedAt,
    HandledAt,
    HandledBy,
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
                    .table(ForumJoinRequests::Table)
                    .col(id(ForumJoinRequests::Id))
                    // Nullable: the purge after handling empties them and keeps the row.
                    .col(
                        ColumnDef::new(ForumJoinRequests::Name)
                            .string_len(200)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ForumJoinRequests::Email)
                            .string_len(254)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ForumJoinRequests::Organisation)
                            .string_len(200)
                            .null(),
                    )
                    .col(ColumnDef::new(ForumJoinRequests::Motivation).text().null())
                    .col(
                        ColumnDef::new(ForumJoinRequests::Language)
                            .string_len(8)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ForumJoinRequests::State)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ForumJoinRequests::EraseTokenHash)
                            .string_len(64)
                            .null()
                            .unique_key(),
                    )
                    .col(timestamp(ForumJoinRequests::CreatedAt))
                    .col(timestamp_null(ForumJoinRequests::HandledAt))
                    .col(
                        ColumnDef::new(ForumJoinRequests::HandledBy)
                            .big_integer()
                            .null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ForumJoinRequests::Table, ForumJoinRequests::HandledBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_forum_join_requests_state")
                    .table(ForumJoinRequests::Table)
                    .col(ForumJoinRequests::State)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ForumJoinRequests::Table).to_owned())
            .await
    }
}
