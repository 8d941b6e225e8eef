//! The stakeholder forum: single-use, expiring invitations (token stored as SHA-256 only) and
//! comments on ideas and action points, one level of replies, editable by their author for a
//! while, flagged by members, hidden (never deleted) by organisers.

use super::{add_to_comment_count, corrupt};
use crate::entities::ideas::{comments, forum_invitations};
use crate::entities::users;
use crate::error::found;
use crate::{StoreError, StoreResult};
use chrono::{DateTime, Utc};
use inspraak_domain::ideas::{EDIT_WINDOW, Visibility};
use inspraak_domain::{ActionPointId, CommentId, Email, IdeaId, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::HashMap;

/// What a comment is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CommentSubject {
    Idea(IdeaId),
    ActionPoint(ActionPointId),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub id: CommentId,
    pub target: CommentSubject,
    pub parent: Option<CommentId>,
    pub author: UserId,
    pub author_name: String,
    pub author_organisation: Option<String>,
    pub body: String,
    pub visibility: Visibility,
    pub hidden_reason: Option<String>,
    pub flagged: bool,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub id: i64,
    pub email: String,
}

pub async fn invite(
    conn: &impl ConnectionTrait,
    email: &Email,
    token_hash: &str,
    invited_by: UserId,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> StoreResult<i64> {
    let model = forum_invitations::ActiveModel {
        email: Set(email.as_str().to_owned()),
        token_hash: Set(token_hash.to_owned()),
        invited_by: Set(Some(invited_by.0)),
        created_at: Set(now),
        expires_at: Set(expires_at),
        accepted_at: Set(None),
        ..Default::default()
    };
    use sea_orm::ActiveModelTrait;
    Ok(model.insert(conn).await?.id)
}

/// The open invitation behind a token: not used and not expired.
pub async fn open_invitation(
    conn: &impl ConnectionTrait,
    token_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<Invitation>> {
    Ok(forum_invitations::Entity::find()
        .filter(forum_invitations::Column::TokenHash.eq(token_hash))
        .filter(forum_invitations::Column::AcceptedAt.is_null())
        .filter(forum_invitations::Column::ExpiresAt.gt(now))
        .one(conn)
        .await?
        .map(|m| Invitation {
            id: m.id,
            email: m.email,
        }))
}

/// Uses an invitation up: a conditional update, so two tabs cannot both accept it.
pub async fn accept(conn: &impl ConnectionTrait, id: i64, now: DateTime<Utc>) -> StoreResult<()> {
    let result = forum_invitations::Entity::update_many()
        .col_expr(forum_invitations::Column::AcceptedAt, Expr::value(now))
        .filter(forum_invitations::Column::Id.eq(id))
        .filter(forum_invitations::Column::AcceptedAt.is_null())
        .filter(forum_invitations::Column::ExpiresAt.gt(now))
        .exec(conn)
        .await?;
    found(result.rows_affected)
}

async fn to_comments(
    conn: &impl ConnectionTrait,
    rows: Vec<comments::Model>,
) -> StoreResult<Vec<Comment>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.author_user_id).collect();
    let authors: HashMap<i64, users::Model> = if ids.is_empty() {
        HashMap::new()
    } else {
        users::Entity::find()
            .filter(users::Column::Id.is_in(ids))
            .all(conn)
            .await?
            .into_iter()
            .map(|u| (u.id, u))
            .collect()
    };
    rows.into_iter()
        .map(|m| {
            let target = match (m.idea_id, m.action_point_id) {
                (Some(idea), _) => CommentSubject::Idea(IdeaId(idea)),
                (None, Some(point)) => CommentSubject::ActionPoint(ActionPointId(point)),
                (None, None) => return Err(corrupt("comment target", "none")),
            };
            let author = authors.get(&m.author_user_id);
            Ok(Comment {
                id: CommentId(m.id),
                target,
                parent: m.parent_id.map(CommentId),
                author: UserId(m.author_user_id),
                author_name: author.map(|a| a.display_name.clone()).unwrap_or_default(),
                author_organisation: author.and_then(|a| a.organisation.clone()),
                visibility: Visibility::parse(&m.visibility)
                    .ok_or_else(|| corrupt("visibility", &m.visibility))?,
                body: m.body,
                hidden_reason: m.hidden_reason,
                flagged: m.flagged_at.is_some(),
                created_at: m.created_at,
                edited_at: m.edited_at,
            })
        })
        .collect()
}

pub async fn find_comment(
    conn: &impl ConnectionTrait,
    id: CommentId,
) -> StoreResult<Option<Comment>> {
    let Some(row) = comments::Entity::find_by_id(id.0).one(conn).await? else {
        return Ok(None);
    };
    Ok(to_comments(conn, vec![row]).await?.into_iter().next())
}

/// Adds a comment. A reply to a reply is attached to the thread's first comment (one level of
/// threading); a parent on another target is `Conflict("parent")`.
pub async fn add_comment(
    conn: &impl ConnectionTrait,
    target: CommentSubject,
    parent: Option<CommentId>,
    author: UserId,
    body: &str,
    now: DateTime<Utc>,
) -> StoreResult<CommentId> {
    let parent = match parent {
        None => None,
        Some(id) => {
            let parent = find_comment(conn, id)
                .await?
                .filter(|p| p.target == target)
                .ok_or(StoreError::Conflict("parent"))?;
            Some(parent.parent.unwrap_or(parent.id))
        }
    };
    let (idea, point) = match target {
        CommentSubject::Idea(idea) => (Some(idea.0), None),
        CommentSubject::ActionPoint(point) => (None, Some(point.0)),
    };
    let inserted = comments::Entity::insert(comments::ActiveModel {
        idea_id: Set(idea),
        action_point_id: Set(point),
        parent_id: Set(parent.map(|p| p.0)),
        author_user_id: Set(author.0),
        body: Set(body.to_owned()),
        visibility: Set(Visibility::Public.as_str().to_owned()),
        hidden_reason: Set(None),
        flagged_at: Set(None),
        flagged_by: Set(None),
        created_at: Set(now),
        edited_at: Set(None),
        ..Default::default()
    })
    .exec(conn)
    .await?;
    if let CommentSubject::Idea(idea) = target {
        add_to_comment_count(conn, idea, 1).await?;
    }
    Ok(CommentId(inserted.last_insert_id))
}

/// Comments on a target, oldest first; hidden ones included (pages show a placeholder).
pub async fn comments_for(
    conn: &impl ConnectionTrait,
    target: CommentSubject,
) -> StoreResult<Vec<Comment>> {
    let query = comments::Entity::find();
    let query = match target {
        CommentSubject::Idea(idea) => query.filter(comments::Column::IdeaId.eq(idea.0)),
        CommentSubject::ActionPoint(point) => {
            query.filter(comments::Column::ActionPointId.eq(point.0))
        }
    };
    let rows = query
        .order_by_asc(comments::Column::CreatedAt)
        .order_by_asc(comments::Column::Id)
        .all(conn)
        .await?;
    to_comments(conn, rows).await
}

/// Changes one's own comment within the edit window: one conditional update, so the window and
/// the authorship are checked by the database. `Conflict("edit window")` when too late.
pub async fn edit_comment(
    conn: &impl ConnectionTrait,
    id: CommentId,
    author: UserId,
    body: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let result = comments::Entity::update_many()
        .col_expr(comments::Column::Body, Expr::value(body))
        .col_expr(comments::Column::EditedAt, Expr::value(now))
        .filter(comments::Column::Id.eq(id.0))
        .filter(comments::Column::AuthorUserId.eq(author.0))
        .filter(comments::Column::Visibility.eq(Visibility::Public.as_str()))
        .filter(comments::Column::CreatedAt.gte(now - EDIT_WINDOW))
        .exec(conn)
        .await?;
    if result.rows_affected == 0 {
        return Err(match find_comment(conn, id).await? {
            Some(c) if c.author == author => StoreError::Conflict("edit window"),
            _ => StoreError::NotFound,
        });
    }
    Ok(())
}

pub async fn flag(
    conn: &impl ConnectionTrait,
    id: CommentId,
    by: UserId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let result = comments::Entity::update_many()
        .col_expr(comments::Column::FlaggedAt, Expr::value(now))
        .col_expr(comments::Column::FlaggedBy, Expr::value(by.0))
        .filter(comments::Column::Id.eq(id.0))
        .filter(comments::Column::FlaggedAt.is_null())
        .exec(conn)
        .await?;
    if result.rows_affected == 0 {
        // Flagged before: fine. Missing: not found.
        find_comment(conn, id).await?.ok_or(StoreError::NotFound)?;
    }
    Ok(())
}

/// Flagged comments still public, oldest flag first.
pub async fn flagged(conn: &impl ConnectionTrait) -> StoreResult<Vec<Comment>> {
    let rows = comments::Entity::find()
        .filter(comments::Column::FlaggedAt.is_not_null())
        .filter(comments::Column::Visibility.eq(Visibility::Public.as_str()))
        .order_by_asc(comments::Column::FlaggedAt)
        .all(conn)
        .await?;
    to_comments(conn, rows).await
}

/// Hides a comment with a reason (kept), or keeps it and clears the flag.
pub async fn moderate_comment(
    conn: &impl ConnectionTrait,
    id: CommentId,
    hide: bool,
    reason: Option<&str>,
) -> StoreResult<()> {
    let comment = find_comment(conn, id).await?.ok_or(StoreError::NotFound)?;
    let mut update = comments::Entity::update_many()
        .col_expr(
            comments::Column::FlaggedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(comments::Column::Id.eq(id.0));
    if hide {
        update = update
            .col_expr(
                comments::Column::Visibility,
                Expr::value(Visibility::Hidden.as_str()),
            )
            .col_expr(
                comments::Column::HiddenReason,
                Expr::value(reason.map(str::to_owned)),
            )
            .filter(comments::Column::Visibility.eq(Visibility::Public.as_str()));
    }
    let result = update.exec(conn).await?;
    if let (true, CommentSubject::Idea(idea)) = (hide && result.rows_affected > 0, comment.target) {
        add_to_comment_count(conn, idea, -1).await?;
    }
    Ok(())
}
