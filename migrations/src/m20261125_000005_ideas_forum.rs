//! Ideas per theme (with the submitter's address apart, only with consent), moderation kept on
//! the row (hidden, never deleted), action points with dated progress updates, forum comments and
//! single-use forum invitations (token stored as SHA-256 only).

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
enum Phases {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Themes {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

/// Per process: which phase is the idea phase (ideas can be sent while it runs) and whether
/// ideas are moderated before or after they appear.
#[derive(DeriveIden)]
enum IdeaSettings {
    Table,
    ProcessId,
    PhaseId,
    Moderation,
}

#[derive(DeriveIden)]
enum ActionPoints {
    Table,
    Id,
    ProcessId,
    ThemeId,
    Title,
    Description,
    /// The actiehouder: an organisation's name.
    Holder,
    /// The holder's account, which may post progress updates.
    HolderUserId,
    /// "In samenwerking met".
    Partners,
    Status,
    /// Consultation findings the action point answers.
    Findings,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ProgressUpdates {
    Table,
    Id,
    ActionPointId,
    PostedOn,
    Body,
    AuthorUserId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Ideas {
    Table,
    Id,
    ProcessId,
    ThemeId,
    /// The form's key: a resent form stores nothing new.
    IdempotencyKey,
    Title,
    Body,
    AuthorName,
    Status,
    Explanation,
    ActionPointId,
    Visibility,
    ModerationReason,
    ModeratedBy,
    ModeratedAt,
    /// Public comments; kept up to date in the comment's transaction (sorting by discussion).
    CommentCount,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum IdeaContacts {
    Table,
    IdeaId,
    Email,
}

#[derive(DeriveIden)]
enum Comments {
    Table,
    Id,
    IdeaId,
    ActionPointId,
    ParentId,
    AuthorUserId,
    Body,
    Visibility,
    HiddenReason,
    FlaggedAt,
    FlaggedBy,
    CreatedAt,
    EditedAt,
}

#[derive(DeriveIden)]
enum ForumInvitations {
    Table,
    Id,
    Email,
    TokenHash,
    InvitedBy,
    CreatedAt,
    ExpiresAt,
    AcceptedAt,
}

fn fk(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
    action: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(action)
        .to_owned()
}

async fn index(
    manager: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    columns: Vec<DynIden>,
    unique: bool,
) -> Result<(), DbErr> {
    let mut index = Index::create();
    index.name(name).table(table);
    if unique {
        index.unique();
    }
    for column in columns {
        index.col(column);
    }
    manager.create_index(index.to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, SetNull};
        manager
            .create_table(
                Table::create()
                    .table(IdeaSettings::Table)
                    .col(
                        ColumnDef::new(IdeaSettings::ProcessId)
                            .big_integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(IdeaSettings::PhaseId).big_integer().null())
                    .col(
                        ColumnDef::new(IdeaSettings::Moderation)
                            .string_len(8)
                            .not_null()
                            .default("pre"),
                    )
                    .foreign_key(&mut fk(
                        (IdeaSettings::Table, IdeaSettings::ProcessId),
                        (Processes::Table, Processes::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (IdeaSettings::Table, IdeaSettings::PhaseId),
                        (Phases::Table, Phases::Id),
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ActionPoints::Table)
                    .col(id(ActionPoints::Id))
                    .col(
                        ColumnDef::new(ActionPoints::ProcessId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(ActionPoints::ThemeId).big_integer().null())
                    .col(
                        ColumnDef::new(ActionPoints::Title)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ColumnDef::new(ActionPoints::Description).text().not_null())
                    .col(
                        ColumnDef::new(ActionPoints::Holder)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ActionPoints::HolderUserId)
                            .big_integer()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ActionPoints::Partners)
                            .string_len(1000)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ActionPoints::Status)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(ColumnDef::new(ActionPoints::Findings).text().null())
                    .col(timestamp(ActionPoints::CreatedAt))
                    .col(timestamp(ActionPoints::UpdatedAt))
                    .foreign_key(&mut fk(
                        (ActionPoints::Table, ActionPoints::ProcessId),
                        (Processes::Table, Processes::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (ActionPoints::Table, ActionPoints::ThemeId),
                        (Themes::Table, Themes::Id),
                        SetNull,
                    ))
                    .foreign_key(&mut fk(
                        (ActionPoints::Table, ActionPoints::HolderUserId),
                        (Users::Table, Users::Id),
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_action_points_process",
            ActionPoints::Table,
            vec![
                ActionPoints::ProcessId.into_iden(),
                ActionPoints::ThemeId.into_iden(),
            ],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(ProgressUpdates::Table)
                    .col(id(ProgressUpdates::Id))
                    .col(
                        ColumnDef::new(ProgressUpdates::ActionPointId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(ProgressUpdates::PostedOn).date().not_null())
                    .col(ColumnDef::new(ProgressUpdates::Body).text().not_null())
                    .col(
                        ColumnDef::new(ProgressUpdates::AuthorUserId)
                            .big_integer()
                            .null(),
                    )
                    .col(timestamp(ProgressUpdates::CreatedAt))
                    .foreign_key(&mut fk(
                        (ProgressUpdates::Table, ProgressUpdates::ActionPointId),
                        (ActionPoints::Table, ActionPoints::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (ProgressUpdates::Table, ProgressUpdates::AuthorUserId),
                        (Users::Table, Users::Id),
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_progress_updates_point",
            ProgressUpdates::Table,
            vec![
                ProgressUpdates::ActionPointId.into_iden(),
                ProgressUpdates::PostedOn.into_iden(),
            ],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Ideas::Table)
                    .col(id(Ideas::Id))
                    .col(ColumnDef::new(Ideas::ProcessId).big_integer().not_null())
                    .col(ColumnDef::new(Ideas::ThemeId).big_integer().not_null())
                    .col(
                        ColumnDef::new(Ideas::IdempotencyKey)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Ideas::Title).string_len(200).not_null())
                    .col(ColumnDef::new(Ideas::Body).text().not_null())
                    .col(ColumnDef::new(Ideas::AuthorName).string_len(120).null())
                    .col(ColumnDef::new(Ideas::Status).string_len(24).not_null())
                    .col(ColumnDef::new(Ideas::Explanation).text().null())
                    .col(ColumnDef::new(Ideas::ActionPointId).big_integer().null())
                    .col(ColumnDef::new(Ideas::Visibility).string_len(16).not_null())
                    .col(ColumnDef::new(Ideas::ModerationReason).text().null())
                    .col(ColumnDef::new(Ideas::ModeratedBy).big_integer().null())
                    .col(timestamp_null(Ideas::ModeratedAt))
                    .col(
                        ColumnDef::new(Ideas::CommentCount)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(timestamp(Ideas::CreatedAt))
                    .col(timestamp(Ideas::UpdatedAt))
                    .foreign_key(&mut fk(
                        (Ideas::Table, Ideas::ProcessId),
                        (Processes::Table, Processes::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (Ideas::Table, Ideas::ThemeId),
                        (Themes::Table, Themes::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (Ideas::Table, Ideas::ActionPointId),
                        (ActionPoints::Table, ActionPoints::Id),
                        SetNull,
                    ))
                    .foreign_key(&mut fk(
                        (Ideas::Table, Ideas::ModeratedBy),
                        (Users::Table, Users::Id),
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "uq_ideas_key",
            Ideas::Table,
            vec![Ideas::IdempotencyKey.into_iden()],
            true,
        )
        .await?;
        index(
            manager,
            "idx_ideas_process_visibility",
            Ideas::Table,
            vec![
                Ideas::ProcessId.into_iden(),
                Ideas::Visibility.into_iden(),
                Ideas::CreatedAt.into_iden(),
            ],
            false,
        )
        .await?;
        index(
            manager,
            "idx_ideas_theme_visibility",
            Ideas::Table,
            vec![Ideas::ThemeId.into_iden(), Ideas::Visibility.into_iden()],
            false,
        )
        .await?;
        index(
            manager,
            "idx_ideas_action_point",
            Ideas::Table,
            vec![Ideas::ActionPointId.into_iden()],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(IdeaContacts::Table)
                    .col(
                        ColumnDef::new(IdeaContacts::IdeaId)
                            .big_integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(IdeaContacts::Email)
                            .string_len(254)
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        (IdeaContacts::Table, IdeaContacts::IdeaId),
                        (Ideas::Table, Ideas::Id),
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Comments::Table)
                    .col(id(Comments::Id))
                    .col(ColumnDef::new(Comments::IdeaId).big_integer().null())
                    .col(ColumnDef::new(Comments::ActionPointId).big_integer().null())
                    .col(ColumnDef::new(Comments::ParentId).big_integer().null())
                    .col(
                        ColumnDef::new(Comments::AuthorUserId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Comments::Body).text().not_null())
                    .col(
                        ColumnDef::new(Comments::Visibility)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Comments::HiddenReason).text().null())
                    .col(timestamp_null(Comments::FlaggedAt))
                    .col(ColumnDef::new(Comments::FlaggedBy).big_integer().null())
                    .col(timestamp(Comments::CreatedAt))
                    .col(timestamp_null(Comments::EditedAt))
                    .foreign_key(&mut fk(
                        (Comments::Table, Comments::IdeaId),
                        (Ideas::Table, Ideas::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (Comments::Table, Comments::ActionPointId),
                        (ActionPoints::Table, ActionPoints::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (Comments::Table, Comments::ParentId),
                        (Comments::Table, Comments::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (Comments::Table, Comments::AuthorUserId),
                        (Users::Table, Users::Id),
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        (Comments::Table, Comments::FlaggedBy),
                        (Users::Table, Users::Id),
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_comments_idea", Comments::IdeaId),
            ("idx_comments_action_point", Comments::ActionPointId),
            ("idx_comments_flagged", Comments::FlaggedAt),
        ] {
            index(
                manager,
                name,
                Comments::Table,
                vec![column.into_iden(), Comments::CreatedAt.into_iden()],
                false,
            )
            .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(ForumInvitations::Table)
                    .col(id(ForumInvitations::Id))
                    .col(
                        ColumnDef::new(ForumInvitations::Email)
                            .string_len(254)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ForumInvitations::TokenHash)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ForumInvitations::InvitedBy)
                            .big_integer()
                            .null(),
                    )
                    .col(timestamp(ForumInvitations::CreatedAt))
                    .col(timestamp(ForumInvitations::ExpiresAt))
                    .col(timestamp_null(ForumInvitations::AcceptedAt))
                    .foreign_key(&mut fk(
                        (ForumInvitations::Table, ForumInvitations::InvitedBy),
                        (Users::Table, Users::Id),
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "uq_forum_invitations_token",
            ForumInvitations::Table,
            vec![ForumInvitations::TokenHash.into_iden()],
            true,
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ForumInvitations::Table.into_iden(),
            Comments::Table.into_iden(),
            IdeaContacts::Table.into_iden(),
            Ideas::Table.into_iden(),
            ProgressUpdates::Table.into_iden(),
            ActionPoints::Table.into_iden(),
            IdeaSettings::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
