//! Accounts: organisers, forum members, action holders.

use crate::entities::users;
use crate::error::found;
use crate::{StoreError, StoreResult};
use chrono::{DateTime, Utc};
use inspraak_domain::{Email, Role, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// An account as the rest of the program sees it; the password hash stays in `Credentials`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub organisation: Option<String>,
    pub role: Role,
}

/// What login needs: the account and its stored password hash.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub user: User,
    pub password_hash: String,
}

pub struct NewUser<'a> {
    pub email: &'a Email,
    pub display_name: &'a str,
    pub organisation: Option<&'a str>,
    pub role: Role,
    pub password_hash: &'a str,
}

pub(crate) fn to_user(model: users::Model) -> StoreResult<User> {
    let role = Role::parse(&model.role).ok_or_else(|| {
        StoreError::Db(sea_orm::DbErr::Custom(format!(
            "unknown role {}",
            model.role
        )))
    })?;
    Ok(User {
        id: UserId(model.id),
        email: model.email,
        display_name: model.display_name,
        organisation: model.organisation,
        role,
    })
}

/// Creates an account; `Conflict("email")` when the address is taken.
pub async fn insert(
    conn: &impl ConnectionTrait,
    new: &NewUser<'_>,
    now: DateTime<Utc>,
) -> StoreResult<UserId> {
    let model = users::ActiveModel {
        email: Set(new.email.as_str().to_owned()),
        display_name: Set(new.display_name.to_owned()),
        organisation: Set(new.organisation.map(str::to_owned)),
        password_hash: Set(new.password_hash.to_owned()),
        role: Set(new.role.as_str().to_owned()),
        created_at: Set(now),
        ..Default::default()
    };
    let inserted = model
        .insert(conn)
        .await
        .map_err(|e| StoreError::unique_as(e, "email"))?;
    Ok(UserId(inserted.id))
}

pub async fn find(conn: &impl ConnectionTrait, id: UserId) -> StoreResult<Option<User>> {
    users::Entity::find_by_id(id.0)
        .one(conn)
        .await?
        .map(to_user)
        .transpose()
}

pub async fn credentials_by_email(
    conn: &impl ConnectionTrait,
    email: &Email,
) -> StoreResult<Option<Credentials>> {
    let Some(model) = users::Entity::find()
        .filter(users::Column::Email.eq(email.as_str()))
        // A removed account logs in no more and gets no reset link.
        .filter(users::Column::RemovedAt.is_null())
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let password_hash = model.password_hash.clone();
    Ok(Some(Credentials {
        user: to_user(model)?,
        password_hash,
    }))
}

pub async fn set_password_hash(
    conn: &impl ConnectionTrait,
    id: UserId,
    password_hash: &str,
) -> StoreResult<()> {
    let result = users::Entity::update_many()
        .col_expr(
            users::Column::PasswordHash,
            sea_orm::sea_query::Expr::value(password_hash),
        )
        .filter(users::Column::Id.eq(id.0))
        .exec(conn)
        .await?;
    found(result.rows_affected)
}

pub async fn count(conn: &impl ConnectionTrait) -> StoreResult<u64> {
    use sea_orm::PaginatorTrait;
    Ok(users::Entity::find().count(conn).await?)
}

/// Every account not removed, by e-mail address (for the organisers' account list).
pub async fn list_all(conn: &impl ConnectionTrait) -> StoreResult<Vec<User>> {
    use sea_orm::QueryOrder;
    users::Entity::find()
        .filter(users::Column::RemovedAt.is_null())
        .order_by_asc(users::Column::Email)
        .all(conn)
        .await?
        .into_iter()
        .map(to_user)
        .collect()
}

/// Why [`remove`] changed nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemoveRefused {
    /// No such account, or it was removed already.
    NotFound,
    /// The account is the one asking.
    Themselves,
    /// It is the last organiser: nobody could manage the site any more.
    LastOrganiser,
}

/// Removes (disables) an account and ends its sessions at once; the row stays, so the audit
/// trail keeps naming it. Refused for `by` itself and for the last organiser. The check is part
/// of the one conditional `UPDATE`; on PostgreSQL the organiser rows are locked first, so two
/// organisers removing each other at the same moment cannot both succeed (SQLite has one
/// writer). Run it in a transaction.
pub async fn remove(
    conn: &impl ConnectionTrait,
    target: UserId,
    by: UserId,
    now: DateTime<Utc>,
) -> StoreResult<Result<User, RemoveRefused>> {
    use sea_orm::{DbBackend, Statement};
    if target == by {
        return Ok(Err(RemoveRefused::Themselves));
    }
    let Some(user) = users::Entity::find_by_id(target.0)
        .filter(users::Column::RemovedAt.is_null())
        .one(conn)
        .await?
    else {
        return Ok(Err(RemoveRefused::NotFound));
    };
    let backend = conn.get_database_backend();
    let organiser = Role::Organiser.as_str();
    if backend == DbBackend::Postgres {
        conn.query_all_raw(Statement::from_sql_and_values(
            backend,
            "SELECT id FROM users WHERE role = $1 AND removed_at IS NULL FOR UPDATE",
            [organiser.into()],
        ))
        .await?;
    }
    let statement = match backend {
        DbBackend::Postgres => {
            "UPDATE users SET removed_at = $1 WHERE id = $2 AND removed_at IS NULL \
             AND (role <> $3 OR EXISTS (SELECT 1 FROM users o WHERE o.role = $4 \
             AND o.removed_at IS NULL AND o.id <> $5))"
        }
        _ => {
            "UPDATE users SET removed_at = ? WHERE id = ? AND removed_at IS NULL \
             AND (role <> ? OR EXISTS (SELECT 1 FROM users o WHERE o.role = ? \
             AND o.removed_at IS NULL AND o.id <> ?))"
        }
    };
    let result = conn
        .execute_raw(Statement::from_sql_and_values(
            backend,
            statement,
            [
                now.into(),
                target.0.into(),
                organiser.into(),
                organiser.into(),
                target.0.into(),
            ],
        ))
        .await?;
    if result.rows_affected() == 0 {
        return Ok(Err(RemoveRefused::LastOrganiser));
    }
    crate::login_sessions::end_all_for_user(conn, target).await?;
    Ok(Ok(to_user(user)?))
}

/// Whether any account, a removed one too, has this address (addresses stay unique).
pub async fn email_taken(conn: &impl ConnectionTrait, email: &Email) -> StoreResult<bool> {
    use sea_orm::PaginatorTrait;
    Ok(users::Entity::find()
        .filter(users::Column::Email.eq(email.as_str()))
        .count(conn)
        .await?
        > 0)
}

/// Whether an account that is not removed has this address: a removed one may be invited back.
pub async fn has_active_account(conn: &impl ConnectionTrait, email: &Email) -> StoreResult<bool> {
    use sea_orm::PaginatorTrait;
    Ok(users::Entity::find()
        .filter(users::Column::Email.eq(email.as_str()))
        .filter(users::Column::RemovedAt.is_null())
        .count(conn)
        .await?
        > 0)
}

/// Brings back the removed account with `new.email` as `new` says (name, organisation, role,
/// password), keeping its id so the audit trail goes on naming one account; its old second
/// factor and recovery codes are deleted, so an organiser enrols anew. `None` when there is no
/// removed account with that address (e.g. it was reinstated a moment ago). One conditional
/// `UPDATE`; run it in a transaction.
pub async fn reinstate(
    conn: &impl ConnectionTrait,
    new: &NewUser<'_>,
) -> StoreResult<Option<UserId>> {
    let Some(removed) = users::Entity::find()
        .filter(users::Column::Email.eq(new.email.as_str()))
        .filter(users::Column::RemovedAt.is_not_null())
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let result = users::Entity::update_many()
        .col_expr(
            users::Column::RemovedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(users::Column::DisplayName, Expr::value(new.display_name))
        .col_expr(
            users::Column::Organisation,
            Expr::value(new.organisation.map(str::to_owned)),
        )
        .col_expr(users::Column::Role, Expr::value(new.role.as_str()))
        .col_expr(users::Column::PasswordHash, Expr::value(new.password_hash))
        .filter(users::Column::Id.eq(removed.id))
        .filter(users::Column::RemovedAt.is_not_null())
        .exec(conn)
        .await?;
    if result.rows_affected != 1 {
        return Ok(None);
    }
    let id = UserId(removed.id);
    crate::second_factor::reset(conn, id).await?;
    Ok(Some(id))
}
