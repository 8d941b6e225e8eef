//! "Bestel een gedrukte versie": orders for printed copies of a process's action plan.
//!
//! Name and postal address are personal data: blanked (the order and its number of copies
//! stay) by the housekeeping job at `erase_after` — 30 days after handling, at most a year after
//! the order (`inspraak_domain::retention::handled`).

use crate::m20261125_000001_foundation::{id, timestamp, timestamp_null};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PrintOrders {
    Table,
    Id,
    ProcessId,
    Name,
    Address,
    Copies,
    CreatedAt,
    HandledAt,
    HandledBy,
    EraseAfter,
}

#[derive(DeriveIden)]
enum Processes {
    Table,
    Id,
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
                    .table(PrintOrders::Table)
                    .col(id(PrintOrders::Id))
                    .col(
                        ColumnDef::new(PrintOrders::ProcessId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(PrintOrders::Name).string_len(200).null())
                    .col(ColumnDef::new(PrintOrders::Address).text().null())
                    .col(ColumnDef::new(PrintOrders::Copies).integer().not_null())
                    .col(timestamp(PrintOrders::CreatedAt))
                    .col(timestamp_null(PrintOrders::HandledAt))
                    .col(ColumnDef::new(PrintOrders::HandledBy).big_integer().null())
                    .col(timestamp(PrintOrders::EraseAfter))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PrintOrders::Table, PrintOrders::ProcessId)
                            .to(Processes::Table, Processes::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PrintOrders::Table, PrintOrders::HandledBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_print_orders_erase_after")
                    .table(PrintOrders::Table)
                    .col(PrintOrders::EraseAfter)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PrintOrders::Table).to_owned())
            .await
    }
}
