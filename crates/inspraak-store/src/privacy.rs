//! Where a participant's address or name can be, in one place, and erasing it from all of them.
//!
//! [`PERSONAL_DATA_COLUMNS`] lists every column that can hold a participant's e-mail address, a
//! key made from it, or their name; [`NOT_PARTICIPANT_DATA`] lists the columns whose names look
//! like it but hold something else, each with the reason. A test (`tests/privacy.rs`, both
//! engines) reads the schema and fails when a text column named like an address, a name or a
//! contact is in neither list, so a new table cannot quietly escape erasure.
//!
//! [`erase_address`] is "erase my data": it removes the address from every listed column (and
//! the name that came with it), in the caller's transaction. The "erase my data" link that every
//! participant mail carries finds the address behind its token ([`erase_by_token`]): a
//! consultation response's or an idea's (`erase_token_hash` on its contact row), a sign-up's
//! (`registration_tokens` with the purpose `erase`) or a follow's (`subscription_tokens`); the
//! last two get a new token with every mail, so older mails' links keep working.
//!
//! A sign-up for a session that is not over is cancelled by the erasure, as if the person had
//! used the cancel link (no seat is kept for someone we can no longer write to or name): its
//! seat goes to the first on the waiting list in the same transaction, who gets the usual mail.
//! No cancellation mail goes to the erased address. What stays: answers, ideas and counts
//! (without name or address), the cancelled sign-up as a number, and an opt-out
//! (`notice_optouts.email_key`), which must outlive the address.

use crate::StoreResult;
use crate::session::{SessionMailer, active_key, cancel_for_erasure};
use crate::traceability::notices::email_key;
use chrono::{DateTime, Utc};
use inspraak_domain::session::RegistrationState;
use inspraak_domain::{RegistrationId, SessionId, SubscriptionId};
use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};

/// What a personal-data column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holds {
    /// The e-mail address itself.
    Address,
    /// An unkeyed SHA-256 of the address (lower-cased for notices): as good as the address to
    /// anyone who guesses it.
    AddressKey,
    /// A name, or other words a person typed about themselves.
    Name,
}

/// Every column that can hold a participant's address, a key made from it, or their name.
pub const PERSONAL_DATA_COLUMNS: &[(&str, &str, Holds)] = &[
    ("consultation_contacts", "email", Holds::Address),
    ("idea_contacts", "email", Holds::Address),
    // The name an idea was sent under; erased with the idea's address (the idea stays).
    ("ideas", "author_name", Holds::Name),
    ("contribution_notices", "email", Holds::Address),
    ("contribution_notices", "email_key", Holds::AddressKey),
    ("outbox", "recipient", Holds::Address),
    // Mail texts address people by name (a sign-up's confirmation); erased with the recipient.
    ("outbox", "body_text", Holds::Name),
    // A calendar invitation names its attendee's address.
    ("outbox", "attachment_body", Holds::Address),
    ("subscriptions", "email", Holds::Address),
    ("registrants", "email", Holds::Address),
    ("registrants", "name", Holds::Name),
    ("registrants", "organisation", Holds::Name),
    ("registrants", "needs", Holds::Name),
    ("registrations", "active_key", Holds::AddressKey),
    // A request to join the forum: who, which organisation and why. Erased with the address;
    // emptied a while after it was handled (`forum_requests::purge_handled`).
    ("forum_join_requests", "email", Holds::Address),
    ("forum_join_requests", "name", Holds::Name),
    ("forum_join_requests", "organisation", Holds::Name),
    ("forum_join_requests", "motivation", Holds::Name),
    // The contact form: the whole row is about the person, so erasure deletes it.
    ("contact_messages", "email", Holds::Address),
    ("contact_messages", "name", Holds::Name),
    ("contact_messages", "message", Holds::Name),
    // Print orders hold no address to erase by: blanked by retention only.
    ("print_orders", "name", Holds::Name),
    ("print_orders", "address", Holds::Name),
    // An organiser's invitation to the forum: its mail carries an erase link (issue 21).
    ("forum_invitations", "email", Holds::Address),
];

/// Columns named like an address, a name or a contact that hold no participant's data.
pub const NOT_PARTICIPANT_DATA: &[(&str, &str, &str)] = &[
    (
        "site_flags",
        "name",
        "the name of an installation flag (such as `demo`), never a person's",
    ),
    (
        "accessibility_statement",
        "contact",
        "the organisation's contact point, written by an organiser",
    ),
    (
        "audit_log",
        "address_range",
        "a network range (/24, /48) of staff actions, never a full IP or e-mail address",
    ),
    (
        "login_sessions",
        "address_range",
        "a network range of an account's session (organisers, forum members)",
    ),
    (
        "users",
        "email",
        "accounts (organisers, forum members, action holders), removed with the account",
    ),
    ("users", "display_name", "accounts, as above"),
    (
        "account_invitations",
        "email",
        "an organiser's invitation to a staff account (organiser, action holder); expires, \
         becomes an account",
    ),
    (
        "notice_optouts",
        "email_key",
        "kept on purpose: an opt-out must outlive the address (a hash, never the address)",
    ),
    ("documents", "storage_name", "a file name on disk"),
    (
        "outbox",
        "attachment_name",
        "a file name (an ICS or export)",
    ),
    ("phases", "name", "a phase's name, written by an organiser"),
    ("themes", "name", "a theme's name, written by an organiser"),
    (
        "phases",
        "name_translation",
        "a phase's name in the other language",
    ),
    (
        "themes",
        "name_translation",
        "a theme's name in the other language",
    ),
    (
        "accessibility_statement",
        "contact_translation",
        "the organisation's contact point in the other language",
    ),
];

/// Parts of a column name that mark it as possibly personal.
pub const SUSPECT_NAME_PARTS: &[&str] =
    &["email", "mail", "address", "name", "contact", "recipient"];

fn sql(backend: DbBackend, text: &str) -> String {
    // Statements below are written with `?`; PostgreSQL numbers its placeholders.
    if backend != DbBackend::Postgres {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut n = 0;
    for c in text.chars() {
        if c == '?' {
            n += 1;
            out.push_str(&format!("${n}"));
        } else {
            out.push(c);
        }
    }
    out
}

async fn run(conn: &impl ConnectionTrait, text: &str, values: Vec<Value>) -> StoreResult<u64> {
    let backend = conn.get_database_backend();
    let result = conn
        .execute_raw(Statement::from_sql_and_values(
            backend,
            sql(backend, text),
            values,
        ))
        .await?;
    Ok(result.rows_affected())
}

/// Erases `email` (any case) from every column in [`PERSONAL_DATA_COLUMNS`]: contacts of
/// responses and ideas (and the name of those ideas), queued and told notices, outbox mails to
/// it (unsent ones are not sent), follows, and sign-ups (one for a session that is not over is
/// cancelled first and its seat given to the waiting list, whose mails `mailer` writes). Returns
/// how many rows changed. Run it in a transaction.
pub async fn erase_address(
    conn: &impl ConnectionTrait,
    mailer: &impl SessionMailer,
    email: &str,
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    let address = email.trim().to_lowercase();
    let mut changed = cancel_future_sign_ups(conn, mailer, &address, now).await?;
    changed += run(
        conn,
        "UPDATE ideas SET author_name = NULL WHERE author_name IS NOT NULL AND id IN \
         (SELECT idea_id FROM idea_contacts WHERE LOWER(email) = ?)",
        vec![address.clone().into()],
    )
    .await?;
    run(
        conn,
        "DELETE FROM subscription_tokens WHERE subscription_id IN \
         (SELECT id FROM subscriptions WHERE LOWER(email) = ?)",
        vec![address.clone().into()],
    )
    .await?;
    for table in [
        "consultation_contacts",
        "idea_contacts",
        "contribution_notices",
        "subscriptions",
        "forum_join_requests",
        "contact_messages",
        // Accepted or not: an accepted one's address lives on in its account, not erased here.
        "forum_invitations",
    ] {
        let statement = format!("DELETE FROM {table} WHERE LOWER(email) = ?");
        changed += run(conn, &statement, vec![address.clone().into()]).await?;
    }
    changed += run(
        conn,
        "DELETE FROM contribution_notices WHERE email_key = ?",
        vec![email_key(&address).into()],
    )
    .await?;
    changed += run(
        conn,
        "DELETE FROM outbox WHERE LOWER(recipient) = ?",
        vec![address.clone().into()],
    )
    .await?;
    // What is left are sign-ups of sessions that are over (history, and no seat to give back).
    changed += run(
        conn,
        "DELETE FROM registrants WHERE LOWER(email) = ?",
        vec![address.clone().into()],
    )
    .await?;
    changed += run(
        conn,
        "UPDATE registrations SET active_key = NULL WHERE active_key IS NOT NULL \
         AND id NOT IN (SELECT registration_id FROM registrants)",
        Vec::new(),
    )
    .await?;
    Ok(changed)
}

/// Cancels the address's active sign-ups of sessions that are not over, through the cancel
/// code of `sessions` (seat back, waiting list promoted). Returns how many.
async fn cancel_future_sign_ups(
    conn: &impl ConnectionTrait,
    mailer: &impl SessionMailer,
    address: &str,
    now: DateTime<Utc>,
) -> StoreResult<u64> {
    let backend = conn.get_database_backend();
    let rows = conn
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            sql(
                backend,
                "SELECT r.id AS id, r.session_id AS session_id FROM registrations r \
                 JOIN registrants g ON g.registration_id = r.id \
                 JOIN sessions s ON s.id = r.session_id \
                 WHERE LOWER(g.email) = ? AND r.state IN (?, ?, ?) AND s.ends_at > ? \
                 ORDER BY r.session_id, r.id",
            ),
            [
                address.into(),
                RegistrationState::Pending.as_str().into(),
                RegistrationState::Confirmed.as_str().into(),
                RegistrationState::Waitlisted.as_str().into(),
                now.into(),
            ],
        ))
        .await?;
    let mut cancelled = 0;
    for row in rows {
        let id = RegistrationId(row.try_get("", "id")?);
        let session = SessionId(row.try_get("", "session_id")?);
        let outcome = cancel_for_erasure(conn, mailer, id, session, now).await?;
        if matches!(outcome, crate::session::CancelOutcome::Cancelled { .. }) {
            cancelled += 1;
        }
    }
    Ok(cancelled)
}

/// The address behind an "erase my data" token: a consultation response's, an idea's, a
/// sign-up's, a follow's, a forum join request's or an open forum invitation's (whose own token is its erase token: the
/// invitation row is the only place the address is, and whoever holds the mail may both accept
/// it and decline it).
pub async fn address_for_token(
    conn: &impl ConnectionTrait,
    token_hash: &str,
) -> StoreResult<Option<String>> {
    let backend = conn.get_database_backend();
    let erase = crate::session::TokenPurpose::Erase.as_str();
    let lookups: [(&str, Vec<Value>); 6] = [
        (
            "SELECT email FROM consultation_contacts WHERE erase_token_hash = ?",
            vec![token_hash.into()],
        ),
        (
            "SELECT email FROM idea_contacts WHERE erase_token_hash = ?",
            vec![token_hash.into()],
        ),
        (
            "SELECT g.email AS email FROM registration_tokens t \
             JOIN registrants g ON g.registration_id = t.registration_id \
             WHERE t.token_hash = ? AND t.purpose = ?",
            vec![token_hash.into(), erase.into()],
        ),
        (
            "SELECT s.email AS email FROM subscription_tokens t \
             JOIN subscriptions s ON s.id = t.subscription_id WHERE t.token_hash = ?",
            vec![token_hash.into()],
        ),
        (
            "SELECT email FROM forum_invitations WHERE token_hash = ? AND accepted_at IS NULL",
            vec![token_hash.into()],
        ),
        (
            "SELECT email FROM forum_join_requests WHERE erase_token_hash = ? \
             AND email IS NOT NULL",
            vec![token_hash.into()],
        ),
    ];
    for (statement, values) in lookups {
        let row = conn
            .query_one_raw(Statement::from_sql_and_values(
                backend,
                sql(backend, statement),
                values,
            ))
            .await?;
        if let Some(row) = row {
            return Ok(Some(row.try_get::<String>("", "email")?));
        }
    }
    Ok(None)
}

/// "Erase my data" behind a mailed link: erases the address everywhere ([`erase_address`]).
/// Returns whether the token pointed at an address.
pub async fn erase_by_token(
    conn: &impl ConnectionTrait,
    mailer: &impl SessionMailer,
    token_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let Some(address) = address_for_token(conn, token_hash).await? else {
        return Ok(false);
    };
    erase_address(conn, mailer, &address, now).await?;
    Ok(true)
}

/// Stores the hash of a new "erase my data" token for a mail to a follower. Each mail gets its
/// own, so the links in older mails keep working until the address is gone.
pub async fn add_subscription_erase_token(
    conn: &impl ConnectionTrait,
    subscription: SubscriptionId,
    token_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    run(
        conn,
        "INSERT INTO subscription_tokens (subscription_id, token_hash, created_at) \
         VALUES (?, ?, ?)",
        vec![subscription.0.into(), token_hash.into(), now.into()],
    )
    .await?;
    Ok(())
}

/// Gives an idea's address a new "erase my data" token, for the mail about to carry it (only
/// the hash is stored). Returns whether the idea still has an address.
pub async fn renew_idea_erase_token(
    conn: &impl ConnectionTrait,
    idea: inspraak_domain::IdeaId,
    token_hash: &str,
) -> StoreResult<bool> {
    let changed = run(
        conn,
        "UPDATE idea_contacts SET erase_token_hash = ? WHERE idea_id = ?",
        vec![token_hash.into(), idea.0.into()],
    )
    .await?;
    Ok(changed > 0)
}

/// Gives a consultation contact (by its id) a new "erase my data" token, for the outcome mail.
pub async fn renew_contact_erase_token(
    conn: &impl ConnectionTrait,
    contact: i64,
    token_hash: &str,
) -> StoreResult<bool> {
    let changed = run(
        conn,
        "UPDATE consultation_contacts SET erase_token_hash = ? WHERE id = ?",
        vec![token_hash.into(), contact.into()],
    )
    .await?;
    Ok(changed > 0)
}

/// Gives the address of a contribution (a response or an idea) a new "erase my data" token, for
/// a mail about it (the notice digest). Returns whether it still has an address.
pub async fn renew_erase_token_for(
    conn: &impl ConnectionTrait,
    contribution: inspraak_domain::traceability::Contribution,
    token_hash: &str,
) -> StoreResult<bool> {
    use inspraak_domain::traceability::Contribution;
    let (statement, id) = match contribution {
        Contribution::Response(id) => (
            "UPDATE consultation_contacts SET erase_token_hash = ? WHERE response_id = ?",
            id.0,
        ),
        Contribution::Idea(id) => (
            "UPDATE idea_contacts SET erase_token_hash = ? WHERE idea_id = ?",
            id.0,
        ),
        Contribution::Comment(_) | Contribution::SessionReport(_) => return Ok(false),
    };
    let changed = run(conn, statement, vec![token_hash.into(), id.into()]).await?;
    Ok(changed > 0)
}

/// Whether an "erase my data" token still points at an address (to show the right page).
pub async fn token_in_use(conn: &impl ConnectionTrait, token_hash: &str) -> StoreResult<bool> {
    Ok(address_for_token(conn, token_hash).await?.is_some())
}

/// Retention: drops notices whose contribution no longer has an address (erased on request or
/// after the retention period), told or not. Returns how many.
pub async fn purge_orphan_notices(conn: &impl ConnectionTrait) -> StoreResult<u64> {
    run(
        conn,
        "DELETE FROM contribution_notices WHERE \
         (contribution_kind = 'response' AND contribution_id NOT IN \
            (SELECT response_id FROM consultation_contacts)) \
         OR (contribution_kind = 'idea' AND contribution_id NOT IN \
            (SELECT idea_id FROM idea_contacts)) \
         OR contribution_kind NOT IN ('response', 'idea')",
        Vec::new(),
    )
    .await
}

/// The columns of [`PERSONAL_DATA_COLUMNS`] that still hold `email` (or its keys), or `name`
/// when given, with how many rows: empty after [`erase_address`]. For tests and audits.
pub async fn holding(
    conn: &impl ConnectionTrait,
    email: &str,
    name: Option<&str>,
) -> StoreResult<Vec<(&'static str, &'static str, u64)>> {
    let backend = conn.get_database_backend();
    let address = email.trim().to_lowercase();
    let keys = [
        email_key(&address),
        active_key(&address),
        active_key(email.trim()),
    ];
    let mut found = Vec::new();
    for (table, column, holds) in PERSONAL_DATA_COLUMNS {
        let (statement, values): (String, Vec<Value>) = match holds {
            Holds::Address => (
                format!("SELECT COUNT(*) AS n FROM {table} WHERE LOWER({column}) LIKE ?"),
                vec![format!("%{address}%").into()],
            ),
            Holds::AddressKey => (
                format!("SELECT COUNT(*) AS n FROM {table} WHERE {column} IN (?, ?, ?)"),
                keys.iter().map(|k| k.clone().into()).collect(),
            ),
            Holds::Name => match name {
                Some(name) => (
                    format!("SELECT COUNT(*) AS n FROM {table} WHERE {column} LIKE ?"),
                    vec![format!("%{name}%").into()],
                ),
                None => continue,
            },
        };
        let row = conn
            .query_one_raw(Statement::from_sql_and_values(
                backend,
                sql(backend, &statement),
                values,
            ))
            .await?;
        let n: i64 = match row {
            Some(row) => row.try_get("", "n")?,
            None => 0,
        };
        if n > 0 {
            found.push((*table, *column, u64::try_from(n).unwrap_or(0)));
        }
    }
    Ok(found)
}

/// Every text column of the schema as (table, column), on either engine.
pub async fn text_columns(conn: &impl ConnectionTrait) -> StoreResult<Vec<(String, String)>> {
    let backend = conn.get_database_backend();
    let statement = match backend {
        DbBackend::Postgres => {
            "SELECT table_name AS t, column_name AS c FROM information_schema.columns \
             WHERE table_schema = current_schema() \
             AND data_type IN ('text', 'character varying', 'character') \
             ORDER BY table_name, column_name"
        }
        _ => {
            "SELECT m.name AS t, p.name AS c FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' \
             AND (UPPER(p.type) LIKE '%CHAR%' OR UPPER(p.type) LIKE '%TEXT%' \
                  OR UPPER(p.type) LIKE '%CLOB%') \
             ORDER BY m.name, p.name"
        }
    };
    let rows = conn
        .query_all_raw(Statement::from_string(backend, statement))
        .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("", "t")?, row.try_get("", "c")?)))
        .collect()
}
