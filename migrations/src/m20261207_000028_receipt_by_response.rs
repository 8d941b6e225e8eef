//! The receipt page is found by its response's id, not by its code (issue #22).
//!
//! Its address was `…/ontvangen/{code}`, so every response kept a unique index on
//! `(consultation_id, receipt_code)` only for that page: one more b-tree to write in every
//! submission, at a random place, since codes are random. It is now `…/ontvangen/{id}/{code}`:
//! the primary key finds the row and the code (80 random bits) proves the visitor was the sender.
//!
//! Addresses of the old form may be bookmarked, so they keep working for the responses that
//! had them: those rows are marked `receipt_by_code` and keep a unique index of their own, a
//! partial one that later rows, which are never marked, do not enter.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ConsultationResponses {
    Table,
    ConsultationId,
    ReceiptCode,
    /// Stored before this migration: its receipt page may be asked for by code alone.
    ReceiptByCode,
}

const OLD_INDEX: &str = "uq_consultation_responses_receipt";
const PARTIAL_INDEX: &str = "uq_consultation_responses_receipt_by_code";

fn receipt_index(name: &str) -> IndexCreateStatement {
    Index::create()
        .name(name)
        .table(ConsultationResponses::Table)
        .col(ConsultationResponses::ConsultationId)
        .col(ConsultationResponses::ReceiptCode)
        .unique()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ConsultationResponses::Table)
                    .add_column(
                        ColumnDef::new(ConsultationResponses::ReceiptByCode)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::update()
                    .table(ConsultationResponses::Table)
                    .value(ConsultationResponses::ReceiptByCode, true)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(OLD_INDEX)
                    .table(ConsultationResponses::Table)
                    .to_owned(),
            )
            .await?;
        // The lookup by code says `WHERE receipt_by_code` too, the same expression, so both
        // engines see that this index answers it.
        manager
            .create_index(
                receipt_index(PARTIAL_INDEX)
                    .and_where(Expr::col(ConsultationResponses::ReceiptByCode))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(PARTIAL_INDEX)
                    .table(ConsultationResponses::Table)
                    .to_owned(),
            )
            .await?;
        manager.create_index(receipt_index(OLD_INDEX)).await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ConsultationResponses::Table)
                    .drop_column(ConsultationResponses::ReceiptByCode)
                    .to_owned(),
            )
            .await
    }
}
