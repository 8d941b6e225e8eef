//! Outcomes of a consultation: whether (and since when) they are public with the organiser's
//! introduction, the organiser's recurring threads (rode draden) with the themes they relate to,
//! and the answers the organiser picked to quote (reasons, other topics). Figures are never
//! stored here: they come from the running counts (`consultation_tallies`).

use crate::m20261125_000001_foundation::{id, timestamp, timestamp_null};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Consultations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ConsultationAnswers {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ConsultationOutcomes {
    Table,
    ConsultationId,
    Intro,
    PublishedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum OutcomeThreads {
    Table,
    Id,
    ConsultationId,
    Position,
    Title,
    Body,
    /// JSON array of theme ids.
    ThemeIds,
}

#[derive(DeriveIden)]
enum OutcomeQuotes {
    Table,
    Id,
    ConsultationId,
    AnswerId,
}

fn cascade(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ConsultationOutcomes::Table)
                    .col(
                        ColumnDef::new(ConsultationOutcomes::ConsultationId)
                            .big_integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(ConsultationOutcomes::Intro)
                            .text()
                            .not_null(),
                    )
                    .col(timestamp_null(ConsultationOutcomes::PublishedAt))
                    .col(timestamp(ConsultationOutcomes::UpdatedAt))
                    .foreign_key(&mut cascade(
                        (
                            ConsultationOutcomes::Table,
                            ConsultationOutcomes::ConsultationId,
                        ),
                        (Consultations::Table, Consultations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OutcomeThreads::Table)
                    .col(id(OutcomeThreads::Id))
                    .col(
                        ColumnDef::new(OutcomeThreads::ConsultationId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(OutcomeThreads::Position)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(OutcomeThreads::Title)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ColumnDef::new(OutcomeThreads::Body).text().not_null())
                    .col(ColumnDef::new(OutcomeThreads::ThemeIds).text().not_null())
                    .foreign_key(&mut cascade(
                        (OutcomeThreads::Table, OutcomeThreads::ConsultationId),
                        (Consultations::Table, Consultations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outcome_threads_consultation")
                    .table(OutcomeThreads::Table)
                    .col(OutcomeThreads::ConsultationId)
                    .col(OutcomeThreads::Position)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OutcomeQuotes::Table)
                    .col(id(OutcomeQuotes::Id))
                    .col(
                        ColumnDef::new(OutcomeQuotes::ConsultationId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(OutcomeQuotes::AnswerId)
                            .big_integer()
                            .not_null(),
                    )
                    .foreign_key(&mut cascade(
                        (OutcomeQuotes::Table, OutcomeQuotes::ConsultationId),
                        (Consultations::Table, Consultations::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (OutcomeQuotes::Table, OutcomeQuotes::AnswerId),
                        (ConsultationAnswers::Table, ConsultationAnswers::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, col, unique) in [
            ("uq_outcome_quotes_answer", OutcomeQuotes::AnswerId, true),
            (
                "idx_outcome_quotes_consultation",
                OutcomeQuotes::ConsultationId,
                false,
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(OutcomeQuotes::Table).col(col);
            if unique {
                index.unique();
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            OutcomeQuotes::Table.into_iden(),
            OutcomeThreads::Table.into_iden(),
            ConsultationOutcomes::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
