//! "Eerdere actieplannen" (issue #24): a closed (archived) process can carry a self-evaluation,
//! shown on its public page. One row per process, written the first time an organiser saves it:
//! the text in the content language (`body`) and in the other interface language
//! (`body_translation`, NULL while nobody wrote it), as every organiser text since migration
//! 000025. Documents of the evaluation are rows of `documents` with owner kind `evaluation` and
//! the process's id.
//!
//! The table feeds a public page, so it gets its content-version triggers here
//! (`bump_triggers`; it is listed in `PUBLIC_TABLES`).

use crate::m20261125_000001_foundation::timestamp;
use crate::m20261206_000024_content_version::bump_triggers;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ProcessEvaluations {
    Table,
    ProcessId,
    Body,
    BodyTranslation,
    PublishedAt,
    UpdatedAt,
    UpdatedBy,
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
                    .table(ProcessEvaluations::Table)
                    .col(
                        ColumnDef::new(ProcessEvaluations::ProcessId)
                            .big_integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(ProcessEvaluations::Body).text().not_null())
                    .col(
                        ColumnDef::new(ProcessEvaluations::BodyTranslation)
                            .text()
                            .null(),
                    )
                    .col(timestamp(ProcessEvaluations::PublishedAt))
                    .col(timestamp(ProcessEvaluations::UpdatedAt))
                    .col(
                        ColumnDef::new(ProcessEvaluations::UpdatedBy)
                            .big_integer()
                            .null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProcessEvaluations::Table, ProcessEvaluations::ProcessId)
                            .to(Processes::Table, Processes::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        bump_triggers(manager, "process_evaluations").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The triggers go with the table on both engines.
        manager
            .drop_table(Table::drop().table(ProcessEvaluations::Table).to_owned())
            .await
    }
}
