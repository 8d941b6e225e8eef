//! Traceability (issue #10): links from a contribution (a consultation response, an idea, a
//! forum comment, a session report) to a recurring thread or an action point; hashed trace
//! tokens behind "Wat is er met mijn inbreng gedaan?"; notices waiting for the daily digest; and
//! addresses that asked for no more notices.

use crate::m20261125_000001_foundation::{id, timestamp, timestamp_null};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ContributionLinks {
    Table,
    Id,
    ProcessId,
    /// `response`, `idea`, `comment` or `session_report`.
    ContributionKind,
    ContributionId,
    /// `thread` (outcome_threads) or `action_point`.
    TargetKind,
    TargetId,
    Explanation,
    CreatedByUserId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum TraceTokens {
    Table,
    Id,
    /// SHA-256 (hex) of the 256-bit token in the link; the token itself is never stored.
    TokenHash,
    ContributionKind,
    ContributionId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ContributionNotices {
    Table,
    Id,
    Email,
    /// SHA-256 (hex) of the lower-cased address: what an opt-out is matched on.
    EmailKey,
    ContributionKind,
    ContributionId,
    /// `linked`, `outcome` or `progress`.
    Event,
    TargetKind,
    TargetId,
    /// Makes queueing the same event twice for one address a no-op.
    EventKey,
    CreatedAt,
    DigestedAt,
}

#[derive(DeriveIden)]
enum NoticeOptouts {
    Table,
    Id,
    EmailKey,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Processes {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ContributionLinks::Table)
                    .col(id(ContributionLinks::Id))
                    .col(
                        ColumnDef::new(ContributionLinks::ProcessId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ContributionLinks::ContributionKind)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ContributionLinks::ContributionId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ContributionLinks::TargetKind)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ContributionLinks::TargetId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ContributionLinks::Explanation)
                            .text()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ContributionLinks::CreatedByUserId)
                            .big_integer()
                            .null(),
                    )
                    .col(timestamp(ContributionLinks::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ContributionLinks::Table, ContributionLinks::ProcessId)
                            .to(Processes::Table, Processes::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_contribution_links")
                    .table(ContributionLinks::Table)
                    .col(ContributionLinks::ContributionKind)
                    .col(ContributionLinks::ContributionId)
                    .col(ContributionLinks::TargetKind)
                    .col(ContributionLinks::TargetId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_contribution_links_target")
                    .table(ContributionLinks::Table)
                    .col(ContributionLinks::TargetKind)
                    .col(ContributionLinks::TargetId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(TraceTokens::Table)
                    .col(id(TraceTokens::Id))
                    .col(
                        ColumnDef::new(TraceTokens::TokenHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(TraceTokens::ContributionKind)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(TraceTokens::ContributionId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(timestamp(TraceTokens::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_trace_tokens_contribution")
                    .table(TraceTokens::Table)
                    .col(TraceTokens::ContributionKind)
                    .col(TraceTokens::ContributionId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ContributionNotices::Table)
                    .col(id(ContributionNotices::Id))
                    .col(
                        ColumnDef::new(ContributionNotices::Email)
                            .string_len(254)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ContributionNotices::EmailKey)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ContributionNotices::ContributionKind)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ContributionNotices::ContributionId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ContributionNotices::Event)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ContributionNotices::TargetKind)
                            .string_len(16)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ContributionNotices::TargetId)
                            .big_integer()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ContributionNotices::EventKey)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(timestamp(ContributionNotices::CreatedAt))
                    .col(timestamp_null(ContributionNotices::DigestedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_contribution_notices_event")
                    .table(ContributionNotices::Table)
                    .col(ContributionNotices::EmailKey)
                    .col(ContributionNotices::EventKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_contribution_notices_pending")
                    .table(ContributionNotices::Table)
                    .col(ContributionNotices::DigestedAt)
                    .col(ContributionNotices::EmailKey)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(NoticeOptouts::Table)
                    .col(id(NoticeOptouts::Id))
                    .col(
                        ColumnDef::new(NoticeOptouts::EmailKey)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(timestamp(NoticeOptouts::CreatedAt))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            NoticeOptouts::Table.into_iden(),
            ContributionNotices::Table.into_iden(),
            TraceTokens::Table.into_iden(),
            ContributionLinks::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
