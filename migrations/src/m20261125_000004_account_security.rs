//! Account security: login-session stages and metadata, TOTP second factor with recovery codes,
//! password-reset links, and the audit trail of privileged actions.

use crate::m20261125_000001_foundation::{id, timestamp, timestamp_null};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum LoginSessions {
    Table,
    Stage,
    UserAgent,
    AddressRange,
}

#[derive(DeriveIden)]
enum TotpCredentials {
    Table,
    UserId,
    SecretCiphertext,
    CreatedAt,
    ConfirmedAt,
    LastUsedStep,
}

#[derive(DeriveIden)]
enum RecoveryCodes {
    Table,
    Id,
    UserId,
    CodeHash,
    UsedAt,
}

#[derive(DeriveIden)]
enum PasswordResets {
    Table,
    Id,
    UserId,
    TokenHash,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorUserId,
    ActorLabel,
    Action,
    Subject,
    AddressRange,
}

fn user_fk<T: IntoIden + 'static>(table: T, column: T) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Users::Table, Users::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one column per ALTER TABLE.
        for column in [
            ColumnDef::new(LoginSessions::Stage)
                .string_len(16)
                .not_null()
                .default("full")
                .take(),
            ColumnDef::new(LoginSessions::UserAgent)
                .string_len(200)
                .null()
                .take(),
            ColumnDef::new(LoginSessions::AddressRange)
                .string_len(64)
                .null()
                .take(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(LoginSessions::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(TotpCredentials::Table)
                    .col(
                        ColumnDef::new(TotpCredentials::UserId)
                            .big_integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(TotpCredentials::SecretCiphertext)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(timestamp(TotpCredentials::CreatedAt))
                    .col(timestamp_null(TotpCredentials::ConfirmedAt))
                    .col(
                        ColumnDef::new(TotpCredentials::LastUsedStep)
                            .big_integer()
                            .null(),
                    )
                    .foreign_key(&mut user_fk(
                        TotpCredentials::Table,
                        TotpCredentials::UserId,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RecoveryCodes::Table)
                    .col(id(RecoveryCodes::Id))
                    .col(
                        ColumnDef::new(RecoveryCodes::UserId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RecoveryCodes::CodeHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(timestamp_null(RecoveryCodes::UsedAt))
                    .foreign_key(&mut user_fk(RecoveryCodes::Table, RecoveryCodes::UserId))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(PasswordResets::Table)
                    .col(id(PasswordResets::Id))
                    .col(
                        ColumnDef::new(PasswordResets::UserId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PasswordResets::TokenHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(timestamp(PasswordResets::CreatedAt))
                    .col(timestamp(PasswordResets::ExpiresAt))
                    .col(timestamp_null(PasswordResets::UsedAt))
                    .foreign_key(&mut user_fk(PasswordResets::Table, PasswordResets::UserId))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(id(AuditLog::Id))
                    .col(timestamp(AuditLog::At))
                    // No foreign key: the trail outlives the accounts it mentions.
                    .col(ColumnDef::new(AuditLog::ActorUserId).big_integer().null())
                    .col(ColumnDef::new(AuditLog::ActorLabel).string_len(254).null())
                    .col(ColumnDef::new(AuditLog::Action).string_len(64).not_null())
                    .col(ColumnDef::new(AuditLog::Subject).string_len(300).null())
                    .col(ColumnDef::new(AuditLog::AddressRange).string_len(64).null())
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_audit_at", AuditLog::At),
            ("idx_audit_action", AuditLog::Action),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(AuditLog::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditLog::Table.into_iden(),
            PasswordResets::Table.into_iden(),
            RecoveryCodes::Table.into_iden(),
            TotpCredentials::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for column in [
            LoginSessions::Stage,
            LoginSessions::UserAgent,
            LoginSessions::AddressRange,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(LoginSessions::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
