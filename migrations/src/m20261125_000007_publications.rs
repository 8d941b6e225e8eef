//! Publications: documents (attached to a process, a session or a progress report — an owner
//! kind plus an id, so action points can become owners later), plan-level progress reports,
//! e-mail subscriptions to a process, and the `List-Unsubscribe` address of an outbox mail.

use crate::m20261125_000001_foundation::{id, timestamp, timestamp_null};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Processes {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Documents {
    Table,
    Id,
    ProcessId,
    /// `process`, `session` or `report` (later: `action_point`).
    OwnerKind,
    OwnerId,
    Title,
    Description,
    DocumentDate,
    Language,
    /// Sniffed from the content: `pdf`, `odt`, `ods`, `docx`, `xlsx`, `csv`, `png`, `jpeg`.
    FileKind,
    SizeBytes,
    /// Name of the file under the documents folder; chosen by the server, never by the uploader.
    StorageName,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ProgressReports {
    Table,
    Id,
    ProcessId,
    Title,
    Body,
    ReportDate,
    PublishedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Subscriptions {
    Table,
    Id,
    ProcessId,
    Email,
    /// `immediate` or `weekly`.
    Frequency,
    CreatedAt,
    ConfirmedAt,
    /// Confirmation mails sent; bounded so an address cannot be mail-bombed.
    ConfirmMails,
    /// Until when the weekly digest covered publications.
    DigestUntil,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    ListUnsubscribe,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Documents::Table)
                    .col(id(Documents::Id))
                    .col(
                        ColumnDef::new(Documents::ProcessId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Documents::OwnerKind)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Documents::OwnerId).big_integer().not_null())
                    .col(ColumnDef::new(Documents::Title).string_len(200).not_null())
                    .col(ColumnDef::new(Documents::Description).text().not_null())
                    .col(ColumnDef::new(Documents::DocumentDate).date().not_null())
                    .col(ColumnDef::new(Documents::Language).string_len(8).not_null())
                    .col(ColumnDef::new(Documents::FileKind).string_len(8).not_null())
                    .col(
                        ColumnDef::new(Documents::SizeBytes)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Documents::StorageName)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(timestamp(Documents::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Documents::Table, Documents::ProcessId)
                            .to(Processes::Table, Processes::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_documents_owner")
                    .table(Documents::Table)
                    .col(Documents::OwnerKind)
                    .col(Documents::OwnerId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_documents_process")
                    .table(Documents::Table)
                    .col(Documents::ProcessId)
                    .col(Documents::CreatedAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ProgressReports::Table)
                    .col(id(ProgressReports::Id))
                    .col(
                        ColumnDef::new(ProgressReports::ProcessId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ProgressReports::Title)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ColumnDef::new(ProgressReports::Body).text().not_null())
                    .col(
                        ColumnDef::new(ProgressReports::ReportDate)
                            .date()
                            .not_null(),
                    )
                    .col(timestamp_null(ProgressReports::PublishedAt))
                    .col(timestamp(ProgressReports::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProgressReports::Table, ProgressReports::ProcessId)
                            .to(Processes::Table, Processes::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_progress_reports_process")
                    .table(ProgressReports::Table)
                    .col(ProgressReports::ProcessId)
                    .col(ProgressReports::ReportDate)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Subscriptions::Table)
                    .col(id(Subscriptions::Id))
                    .col(
                        ColumnDef::new(Subscriptions::ProcessId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Subscriptions::Email)
                            .string_len(320)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Subscriptions::Frequency)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(timestamp(Subscriptions::CreatedAt))
                    .col(timestamp_null(Subscriptions::ConfirmedAt))
                    .col(
                        ColumnDef::new(Subscriptions::ConfirmMails)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(timestamp_null(Subscriptions::DigestUntil))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Subscriptions::Table, Subscriptions::ProcessId)
                            .to(Processes::Table, Processes::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_subscriptions_process_email")
                    .table(Subscriptions::Table)
                    .col(Subscriptions::ProcessId)
                    .col(Subscriptions::Email)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .add_column(
                        ColumnDef::new(Outbox::ListUnsubscribe)
                            .string_len(2000)
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .drop_column(Outbox::ListUnsubscribe)
                    .to_owned(),
            )
            .await?;
        for table in [
            Subscriptions::Table.into_iden(),
            ProgressReports::Table.into_iden(),
            Documents::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
