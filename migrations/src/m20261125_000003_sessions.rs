//! Think-along sessions and events, their sign-ups (with the registrants' personal data in a
//! table of its own, erased on a date), single-purpose link tokens, and proposed agenda events.

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
enum Themes {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    ProcessId,
    ThemeId,
    Kind,
    Title,
    Description,
    StartsAt,
    EndsAt,
    Location,
    OnlineLink,
    /// NULL: unlimited.
    Capacity,
    /// Confirmed sign-ups; changed only by conditional updates in the sign-up's transaction.
    SeatsTaken,
    SignupOpensAt,
    SignupClosesAt,
    AskOrganisation,
    AskNeeds,
    /// Raised on every edit: the SEQUENCE of the calendar invitation.
    Revision,
    /// Set by the one job run that queued the day-before reminders.
    RemindersQueuedAt,
    Report,
    ReportPublishedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Registrations {
    Table,
    Id,
    SessionId,
    State,
    /// SHA-256 of the e-mail address while the sign-up is active, NULL once cancelled or
    /// erased: UNIQUE(session_id, active_key) allows one active sign-up per address.
    ActiveKey,
    CreatedAt,
    ConfirmedAt,
    /// When a pending sign-up expires unconfirmed.
    ExpiresAt,
    /// Order of the waiting list: first waitlisted, first promoted (ties by id).
    WaitlistedAt,
    CancelledAt,
    CancelReason,
    /// NULL until the organiser records attendance.
    Attended,
    /// Mails caused by signing up (again); bounded so an address cannot be mail-bombed.
    SignupMails,
}

/// Personal data of a sign-up, apart from the sign-up itself: deleted when the sign-up is
/// cancelled or expires, and at `erase_after` (a while after the session).
#[derive(DeriveIden)]
enum Registrants {
    Table,
    RegistrationId,
    Name,
    Email,
    Organisation,
    Needs,
    WantsReport,
    EraseAfter,
}

/// Link tokens, stored as SHA-256 only. Several per sign-up (every mail carries a working
/// cancel link), each for one purpose.
#[derive(DeriveIden)]
enum RegistrationTokens {
    Table,
    Id,
    RegistrationId,
    Purpose,
    TokenHash,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ProposedEvents {
    Table,
    Id,
    Title,
    StartsAt,
    Organiser,
    Link,
    Status,
    CreatedAt,
    DecidedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .col(id(Sessions::Id))
                    .col(ColumnDef::new(Sessions::ProcessId).big_integer().not_null())
                    .col(ColumnDef::new(Sessions::ThemeId).big_integer().null())
                    .col(ColumnDef::new(Sessions::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(Sessions::Title).string_len(200).not_null())
                    .col(ColumnDef::new(Sessions::Description).text().not_null())
                    .col(timestamp(Sessions::StartsAt))
                    .col(timestamp(Sessions::EndsAt))
                    .col(ColumnDef::new(Sessions::Location).string_len(300).null())
                    .col(ColumnDef::new(Sessions::OnlineLink).string_len(2000).null())
                    .col(ColumnDef::new(Sessions::Capacity).integer().null())
                    .col(
                        ColumnDef::new(Sessions::SeatsTaken)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(timestamp_null(Sessions::SignupOpensAt))
                    .col(timestamp_null(Sessions::SignupClosesAt))
                    .col(
                        ColumnDef::new(Sessions::AskOrganisation)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(
                        ColumnDef::new(Sessions::AskNeeds)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(
                        ColumnDef::new(Sessions::Revision)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(timestamp_null(Sessions::RemindersQueuedAt))
                    .col(ColumnDef::new(Sessions::Report).text().null())
                    .col(timestamp_null(Sessions::ReportPublishedAt))
                    .col(timestamp(Sessions::CreatedAt))
                    .col(timestamp(Sessions::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Sessions::Table, Sessions::ProcessId)
                            .to(Processes::Table, Processes::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Sessions::Table, Sessions::ThemeId)
                            .to(Themes::Table, Themes::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, columns) in [
            ("idx_sessions_starts", vec![Sessions::StartsAt]),
            (
                "idx_sessions_process_starts",
                vec![Sessions::ProcessId, Sessions::StartsAt],
            ),
            (
                "idx_sessions_theme_starts",
                vec![Sessions::ThemeId, Sessions::StartsAt],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(Sessions::Table);
            for column in columns {
                index.col(column);
            }
            manager.create_index(index.to_owned()).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(Registrations::Table)
                    .col(id(Registrations::Id))
                    .col(
                        ColumnDef::new(Registrations::SessionId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Registrations::State)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Registrations::ActiveKey)
                            .string_len(64)
                            .null(),
                    )
                    .col(timestamp(Registrations::CreatedAt))
                    .col(timestamp_null(Registrations::ConfirmedAt))
                    .col(timestamp_null(Registrations::ExpiresAt))
                    .col(timestamp_null(Registrations::WaitlistedAt))
                    .col(timestamp_null(Registrations::CancelledAt))
                    .col(
                        ColumnDef::new(Registrations::CancelReason)
                            .string_len(16)
                            .null(),
                    )
                    .col(ColumnDef::new(Registrations::Attended).boolean().null())
                    .col(
                        ColumnDef::new(Registrations::SignupMails)
                            .integer()
                            .not_null()
                            .default(1),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Registrations::Table, Registrations::SessionId)
                            .to(Sessions::Table, Sessions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_registrations_session_active_key")
                    .table(Registrations::Table)
                    .col(Registrations::SessionId)
                    .col(Registrations::ActiveKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_registrations_session_state")
                    .table(Registrations::Table)
                    .col(Registrations::SessionId)
                    .col(Registrations::State)
                    .col(Registrations::WaitlistedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_registrations_state_expires")
                    .table(Registrations::Table)
                    .col(Registrations::State)
                    .col(Registrations::ExpiresAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Registrants::Table)
                    .col(
                        ColumnDef::new(Registrants::RegistrationId)
                            .big_integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Registrants::Name).string_len(200).not_null())
                    .col(
                        ColumnDef::new(Registrants::Email)
                            .string_len(254)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Registrants::Organisation)
                            .string_len(200)
                            .null(),
                    )
                    .col(ColumnDef::new(Registrants::Needs).text().null())
                    .col(
                        ColumnDef::new(Registrants::WantsReport)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(timestamp(Registrants::EraseAfter))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Registrants::Table, Registrants::RegistrationId)
                            .to(Registrations::Table, Registrations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_registrants_erase_after")
                    .table(Registrants::Table)
                    .col(Registrants::EraseAfter)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RegistrationTokens::Table)
                    .col(id(RegistrationTokens::Id))
                    .col(
                        ColumnDef::new(RegistrationTokens::RegistrationId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RegistrationTokens::Purpose)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RegistrationTokens::TokenHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(timestamp(RegistrationTokens::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                RegistrationTokens::Table,
                                RegistrationTokens::RegistrationId,
                            )
                            .to(Registrations::Table, Registrations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_registration_tokens_registration")
                    .table(RegistrationTokens::Table)
                    .col(RegistrationTokens::RegistrationId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ProposedEvents::Table)
                    .col(id(ProposedEvents::Id))
                    .col(
                        ColumnDef::new(ProposedEvents::Title)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(timestamp(ProposedEvents::StartsAt))
                    .col(
                        ColumnDef::new(ProposedEvents::Organiser)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ProposedEvents::Link)
                            .string_len(2000)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ProposedEvents::Status)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(timestamp(ProposedEvents::CreatedAt))
                    .col(timestamp_null(ProposedEvents::DecidedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_proposed_events_status_starts")
                    .table(ProposedEvents::Table)
                    .col(ProposedEvents::Status)
                    .col(ProposedEvents::StartsAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ProposedEvents::Table.into_iden(),
            RegistrationTokens::Table.into_iden(),
            Registrants::Table.into_iden(),
            Registrations::Table.into_iden(),
            Sessions::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
