//! The action plan as a document (issue #24): the organiser's introduction to a process's action
//! plan, shown on the plan page and at the top of its PDF and ODT. One row per process, written
//! the first time an organiser saves it; its `updated_at` counts as a change of the plan (the
//! documents' date). An English introduction can become a column beside it.

use crate::m20261125_000001_foundation::timestamp;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ActionPlans {
    Table,
    ProcessId,
    Introduction,
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
                    .table(ActionPlans::Table)
                    .col(
                        ColumnDef::new(ActionPlans::ProcessId)
                            .big_integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(ActionPlans::Introduction).text().not_null())
                    .col(timestamp(ActionPlans::UpdatedAt))
                    .col(ColumnDef::new(ActionPlans::UpdatedBy).big_integer().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(ActionPlans::Table, ActionPlans::ProcessId)
                            .to(Processes::Table, Processes::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ActionPlans::Table).to_owned())
            .await
    }
}
