//! Accounts, login sessions and throttling, processes with phases and themes, the mail outbox.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

pub(crate) fn id<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name)
        .big_integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .take()
}

pub(crate) fn timestamp<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name)
        .timestamp_with_time_zone()
        .not_null()
        .take()
}

pub(crate) fn timestamp_null<T: IntoIden>(name: T) -> ColumnDef {
    ColumnDef::new(name)
        .timestamp_with_time_zone()
        .null()
        .take()
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
    DisplayName,
    Organisation,
    PasswordHash,
    Role,
    CreatedAt,
}

#[derive(DeriveIden)]
enum LoginSessions {
    Table,
    Id,
    TokenHash,
    UserId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum LoginFailures {
    Table,
    Id,
    ScopeKey,
    FailedAt,
}

#[derive(DeriveIden)]
enum Processes {
    Table,
    Id,
    Slug,
    Title,
    Summary,
    Status,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Phases {
    Table,
    Id,
    ProcessId,
    Name,
    Description,
    StartsOn,
    EndsOn,
}

#[derive(DeriveIden)]
enum Themes {
    Table,
    Id,
    ProcessId,
    Name,
    Slug,
    Description,
    Position,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    DedupeKey,
    Recipient,
    Subject,
    BodyText,
    AttachmentName,
    AttachmentContentType,
    AttachmentBody,
    CreatedAt,
    NextAttemptAt,
    Attempts,
    ClaimedUntil,
    SentAt,
    FailedAt,
    LastError,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(id(Users::Id))
                    .col(
                        ColumnDef::new(Users::Email)
                            .string_len(254)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(Users::DisplayName)
                            .string_len(120)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Users::Organisation).string_len(200).null())
                    .col(ColumnDef::new(Users::PasswordHash).string().not_null())
                    .col(ColumnDef::new(Users::Role).string_len(32).not_null())
                    .col(timestamp(Users::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LoginSessions::Table)
                    .col(id(LoginSessions::Id))
                    .col(
                        ColumnDef::new(LoginSessions::TokenHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(LoginSessions::UserId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(timestamp(LoginSessions::CreatedAt))
                    .col(timestamp(LoginSessions::LastSeenAt))
                    .col(timestamp(LoginSessions::ExpiresAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(LoginSessions::Table, LoginSessions::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_login_sessions_user")
                    .table(LoginSessions::Table)
                    .col(LoginSessions::UserId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LoginFailures::Table)
                    .col(id(LoginFailures::Id))
                    .col(
                        ColumnDef::new(LoginFailures::ScopeKey)
                            .string_len(80)
                            .not_null(),
                    )
                    .col(timestamp(LoginFailures::FailedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_login_failures_scope_time")
                    .table(LoginFailures::Table)
                    .col(LoginFailures::ScopeKey)
                    .col(LoginFailures::FailedAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Processes::Table)
                    .col(id(Processes::Id))
                    .col(
                        ColumnDef::new(Processes::Slug)
                            .string_len(80)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Processes::Title).string_len(200).not_null())
                    .col(ColumnDef::new(Processes::Summary).text().not_null())
                    .col(ColumnDef::new(Processes::Status).string_len(16).not_null())
                    .col(timestamp(Processes::CreatedAt))
                    .col(timestamp(Processes::UpdatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Phases::Table)
                    .col(id(Phases::Id))
                    .col(ColumnDef::new(Phases::ProcessId).big_integer().not_null())
                    .col(ColumnDef::new(Phases::Name).string_len(120).not_null())
                    .col(ColumnDef::new(Phases::Description).text().null())
                    .col(ColumnDef::new(Phases::StartsOn).date().not_null())
                    .col(ColumnDef::new(Phases::EndsOn).date().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(Phases::Table, Phases::ProcessId)
                            .to(Processes::Table, Processes::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_phases_process")
                    .table(Phases::Table)
                    .col(Phases::ProcessId)
                    .col(Phases::StartsOn)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Themes::Table)
                    .col(id(Themes::Id))
                    .col(ColumnDef::new(Themes::ProcessId).big_integer().not_null())
                    .col(ColumnDef::new(Themes::Name).string_len(120).not_null())
                    .col(ColumnDef::new(Themes::Slug).string_len(80).not_null())
                    .col(ColumnDef::new(Themes::Description).text().null())
                    .col(
                        ColumnDef::new(Themes::Position)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Themes::Table, Themes::ProcessId)
                            .to(Processes::Table, Processes::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_themes_process_slug")
                    .table(Themes::Table)
                    .col(Themes::ProcessId)
                    .col(Themes::Slug)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Outbox::Table)
                    .col(id(Outbox::Id))
                    .col(
                        ColumnDef::new(Outbox::DedupeKey)
                            .string_len(200)
                            .null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Outbox::Recipient).string_len(254).not_null())
                    .col(ColumnDef::new(Outbox::Subject).string_len(300).not_null())
                    .col(ColumnDef::new(Outbox::BodyText).text().not_null())
                    .col(
                        ColumnDef::new(Outbox::AttachmentName)
                            .string_len(200)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Outbox::AttachmentContentType)
                            .string_len(200)
                            .null(),
                    )
                    .col(ColumnDef::new(Outbox::AttachmentBody).text().null())
                    .col(timestamp(Outbox::CreatedAt))
                    .col(timestamp(Outbox::NextAttemptAt))
                    .col(
                        ColumnDef::new(Outbox::Attempts)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(timestamp_null(Outbox::ClaimedUntil))
                    .col(timestamp_null(Outbox::SentAt))
                    .col(timestamp_null(Outbox::FailedAt))
                    .col(ColumnDef::new(Outbox::LastError).text().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_due")
                    .table(Outbox::Table)
                    .col(Outbox::SentAt)
                    .col(Outbox::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Outbox::Table.into_iden(),
            Themes::Table.into_iden(),
            Phases::Table.into_iden(),
            Processes::Table.into_iden(),
            LoginFailures::Table.into_iden(),
            LoginSessions::Table.into_iden(),
            Users::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
