//! Accounts made from the organiser's pages (issue #24).
//!
//! `account_invitations`: an organiser invites another organiser or an action holder by e-mail;
//! the single-use, expiring link (only its SHA-256 stored) lets the invitee choose a password.
//! `users.removed_at`: removing an account disables it (no login, sessions ended) but keeps the
//! row, so the audit trail keeps naming who did what. `progress_updates.hidden_at`/`edited_at`:
//! an organiser hides or corrects a progress update (an action holder's too); hidden ones leave
//! the public pages but stay for the organiser.

use crate::m20261125_000001_foundation::{id, timestamp, timestamp_null};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AccountInvitations {
    Table,
    Id,
    Email,
    Role,
    TokenHash,
    InvitedBy,
    CreatedAt,
    ExpiresAt,
    AcceptedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    RemovedAt,
}

#[derive(DeriveIden)]
enum ProgressUpdates {
    Table,
    HiddenAt,
    EditedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AccountInvitations::Table)
                    .col(id(AccountInvitations::Id))
                    .col(
                        ColumnDef::new(AccountInvitations::Email)
                            .string_len(254)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AccountInvitations::Role)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AccountInvitations::TokenHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(AccountInvitations::InvitedBy)
                            .big_integer()
                            .null(),
                    )
                    .col(timestamp(AccountInvitations::CreatedAt))
                    .col(timestamp(AccountInvitations::ExpiresAt))
                    .col(timestamp_null(AccountInvitations::AcceptedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AccountInvitations::Table, AccountInvitations::InvitedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        // SQLite alters one column per statement.
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(timestamp_null(Users::RemovedAt))
                    .to_owned(),
            )
            .await?;
        for column in [ProgressUpdates::HiddenAt, ProgressUpdates::EditedAt] {
            manager
                .alter_table(
                    Table::alter()
                        .table(ProgressUpdates::Table)
                        .add_column(timestamp_null(column))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [ProgressUpdates::HiddenAt, ProgressUpdates::EditedAt] {
            manager
                .alter_table(
                    Table::alter()
                        .table(ProgressUpdates::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::RemovedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(AccountInvitations::Table).to_owned())
            .await
    }
}
