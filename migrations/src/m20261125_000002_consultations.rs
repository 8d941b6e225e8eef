//! Online consultations: the form and its ordered questions, responses with their answers,
//! running counts for fast results, e-mail addresses (personal data) in a table of their own,
//! and a retention period per process.

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
enum Consultations {
    Table,
    Id,
    ProcessId,
    Title,
    Intro,
    PrivacyStatement,
    OpensAt,
    ClosesAt,
    Status,
    /// Raised when a question is removed or changes kind, so a form parsed against older
    /// questions is not stored against the new ones.
    StructureVersion,
    /// All responses, hidden ones included: "a response exists" locks the questions.
    ResponseCount,
    HiddenCount,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ConsultationQuestions {
    Table,
    Id,
    ConsultationId,
    Position,
    Kind,
    Prompt,
    HelpText,
    Required,
    MaxLength,
    /// JSON array of option labels; answers refer to options by position.
    Options,
    AllowOther,
}

#[derive(DeriveIden)]
enum ConsultationResponses {
    Table,
    Id,
    ConsultationId,
    IdempotencyKey,
    ReceiptCode,
    SubmittedAt,
    /// The Dutch calendar date of `submitted_at`, for "responses per day" without time-zone SQL.
    SubmittedOn,
    Hidden,
    HiddenAt,
}

#[derive(DeriveIden)]
enum ConsultationAnswers {
    Table,
    Id,
    ResponseId,
    QuestionId,
    /// JSON array of keys: `o<n>` options, `t<id>` themes, `yes`/`no`, `s<n>` scale.
    ChoiceKeys,
    TextValue,
}

#[derive(DeriveIden)]
enum ConsultationTallies {
    Table,
    Id,
    ConsultationId,
    QuestionId,
    OptionKey,
    Responses,
    Points,
}

#[derive(DeriveIden)]
enum ConsultationContacts {
    Table,
    Id,
    ResponseId,
    Email,
    ConsentAt,
    EraseAfter,
    EraseTokenHash,
}

#[derive(DeriveIden)]
enum ProcessRetention {
    Table,
    ProcessId,
    RetentionDays,
    UpdatedAt,
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

fn index(
    name: &str,
    table: impl IntoIden,
    cols: Vec<DynIden>,
    unique: bool,
) -> IndexCreateStatement {
    let mut statement = Index::create();
    statement.name(name).table(table);
    for col in cols {
        statement.col(col);
    }
    if unique {
        statement.unique();
    }
    statement.to_owned()
}

fn counter<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name)
        .big_integer()
        .not_null()
        .default(0)
        .take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Consultations::Table)
                    .col(id(Consultations::Id))
                    .col(
                        ColumnDef::new(Consultations::ProcessId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Consultations::Title)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Consultations::Intro).text().not_null())
                    .col(
                        ColumnDef::new(Consultations::PrivacyStatement)
                            .text()
                            .not_null(),
                    )
                    .col(timestamp(Consultations::OpensAt))
                    .col(timestamp(Consultations::ClosesAt))
                    .col(
                        ColumnDef::new(Consultations::Status)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Consultations::StructureVersion)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(counter(Consultations::ResponseCount))
                    .col(counter(Consultations::HiddenCount))
                    .col(timestamp(Consultations::CreatedAt))
                    .col(timestamp(Consultations::UpdatedAt))
                    .foreign_key(&mut cascade(
                        (Consultations::Table, Consultations::ProcessId),
                        (Processes::Table, Processes::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_consultations_process",
                Consultations::Table,
                vec![Consultations::ProcessId.into_iden()],
                false,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ConsultationQuestions::Table)
                    .col(id(ConsultationQuestions::Id))
                    .col(
                        ColumnDef::new(ConsultationQuestions::ConsultationId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ConsultationQuestions::Position)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ConsultationQuestions::Kind)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ConsultationQuestions::Prompt)
                            .string_len(500)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ConsultationQuestions::HelpText)
                            .text()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ConsultationQuestions::Required)
                            .boolean()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ConsultationQuestions::MaxLength)
                            .integer()
                            .null(),
                    )
                    .col(ColumnDef::new(ConsultationQuestions::Options).text().null())
                    .col(
                        ColumnDef::new(ConsultationQuestions::AllowOther)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .foreign_key(&mut cascade(
                        (
                            ConsultationQuestions::Table,
                            ConsultationQuestions::ConsultationId,
                        ),
                        (Consultations::Table, Consultations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_consultation_questions_order",
                ConsultationQuestions::Table,
                vec![
                    ConsultationQuestions::ConsultationId.into_iden(),
                    ConsultationQuestions::Position.into_iden(),
                ],
                false,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ConsultationResponses::Table)
                    .col(id(ConsultationResponses::Id))
                    .col(
                        ColumnDef::new(ConsultationResponses::ConsultationId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ConsultationResponses::IdempotencyKey)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ConsultationResponses::ReceiptCode)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(timestamp(ConsultationResponses::SubmittedAt))
                    .col(
                        ColumnDef::new(ConsultationResponses::SubmittedOn)
                            .date()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ConsultationResponses::Hidden)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(timestamp_null(ConsultationResponses::HiddenAt))
                    .foreign_key(&mut cascade(
                        (
                            ConsultationResponses::Table,
                            ConsultationResponses::ConsultationId,
                        ),
                        (Consultations::Table, Consultations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, col, unique) in [
            (
                "uq_consultation_responses_key",
                ConsultationResponses::IdempotencyKey,
                true,
            ),
            (
                "uq_consultation_responses_receipt",
                ConsultationResponses::ReceiptCode,
                true,
            ),
            (
                "idx_consultation_responses_day",
                ConsultationResponses::SubmittedOn,
                false,
            ),
        ] {
            manager
                .create_index(index(
                    name,
                    ConsultationResponses::Table,
                    vec![
                        ConsultationResponses::ConsultationId.into_iden(),
                        col.into_iden(),
                    ],
                    unique,
                ))
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(ConsultationAnswers::Table)
                    .col(id(ConsultationAnswers::Id))
                    .col(
                        ColumnDef::new(ConsultationAnswers::ResponseId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ConsultationAnswers::QuestionId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ConsultationAnswers::ChoiceKeys)
                            .text()
                            .null(),
                    )
                    .col(ColumnDef::new(ConsultationAnswers::TextValue).text().null())
                    .foreign_key(&mut cascade(
                        (ConsultationAnswers::Table, ConsultationAnswers::ResponseId),
                        (ConsultationResponses::Table, ConsultationResponses::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (ConsultationAnswers::Table, ConsultationAnswers::QuestionId),
                        (ConsultationQuestions::Table, ConsultationQuestions::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "uq_consultation_answers_response_question",
                ConsultationAnswers::Table,
                vec![
                    ConsultationAnswers::ResponseId.into_iden(),
                    ConsultationAnswers::QuestionId.into_iden(),
                ],
                true,
            ))
            .await?;
        manager
            .create_index(index(
                "idx_consultation_answers_question",
                ConsultationAnswers::Table,
                vec![ConsultationAnswers::QuestionId.into_iden()],
                false,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ConsultationTallies::Table)
                    .col(id(ConsultationTallies::Id))
                    .col(
                        ColumnDef::new(ConsultationTallies::ConsultationId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ConsultationTallies::QuestionId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ConsultationTallies::OptionKey)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(counter(ConsultationTallies::Responses))
                    .col(counter(ConsultationTallies::Points))
                    .foreign_key(&mut cascade(
                        (
                            ConsultationTallies::Table,
                            ConsultationTallies::ConsultationId,
                        ),
                        (Consultations::Table, Consultations::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (ConsultationTallies::Table, ConsultationTallies::QuestionId),
                        (ConsultationQuestions::Table, ConsultationQuestions::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "uq_consultation_tallies_key",
                ConsultationTallies::Table,
                vec![
                    ConsultationTallies::QuestionId.into_iden(),
                    ConsultationTallies::OptionKey.into_iden(),
                ],
                true,
            ))
            .await?;
        manager
            .create_index(index(
                "idx_consultation_tallies_consultation",
                ConsultationTallies::Table,
                vec![ConsultationTallies::ConsultationId.into_iden()],
                false,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ConsultationContacts::Table)
                    .col(id(ConsultationContacts::Id))
                    .col(
                        ColumnDef::new(ConsultationContacts::ResponseId)
                            .big_integer()
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(ConsultationContacts::Email)
                            .string_len(254)
                            .not_null(),
                    )
                    .col(timestamp(ConsultationContacts::ConsentAt))
                    .col(timestamp(ConsultationContacts::EraseAfter))
                    .col(
                        ColumnDef::new(ConsultationContacts::EraseTokenHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .foreign_key(&mut cascade(
                        (
                            ConsultationContacts::Table,
                            ConsultationContacts::ResponseId,
                        ),
                        (ConsultationResponses::Table, ConsultationResponses::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "idx_consultation_contacts_erase_after",
                ConsultationContacts::Table,
                vec![ConsultationContacts::EraseAfter.into_iden()],
                false,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ProcessRetention::Table)
                    .col(
                        ColumnDef::new(ProcessRetention::ProcessId)
                            .big_integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(ProcessRetention::RetentionDays)
                            .integer()
                            .not_null(),
                    )
                    .col(timestamp(ProcessRetention::UpdatedAt))
                    .foreign_key(&mut cascade(
                        (ProcessRetention::Table, ProcessRetention::ProcessId),
                        (Processes::Table, Processes::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ProcessRetention::Table.into_iden(),
            ConsultationContacts::Table.into_iden(),
            ConsultationTallies::Table.into_iden(),
            ConsultationAnswers::Table.into_iden(),
            ConsultationResponses::Table.into_iden(),
            ConsultationQuestions::Table.into_iden(),
            Consultations::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
