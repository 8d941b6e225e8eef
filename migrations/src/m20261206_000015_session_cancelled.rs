//! A session the organiser called off (issue 21): `cancelled_at` is set once, in the same
//! transaction that ends its sign-ups and queues a calendar cancellation to everyone confirmed
//! and a note to the waiting list. The session stays, marked as cancelled, so its page and the
//! agenda feed can say so (a deleted event would linger in subscribed calendars).

use crate::m20261125_000001_foundation::timestamp_null;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Sessions {
    Table,
    CancelledAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Sessions::Table)
                    .add_column(timestamp_null(Sessions::CancelledAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Sessions::Table)
                    .drop_column(Sessions::CancelledAt)
                    .to_owned(),
            )
            .await
    }
}
