//! Use cases: each write flow a person starts, end to end, outside the route handlers.
//!
//! A flow takes typed input (already parsed from the form) and the clock (`Ctx::now`), and owns
//! what makes the write one use case: the transaction (begun and committed here, never in
//! `routes/`), the per-address throttle (through `public_form`), the trace token, and the outbox
//! mail (queued in the same transaction, with texts from `i18n/`). It returns an outcome enum;
//! the route handler parses the request, calls one flow and turns the outcome into a page.
//!
//! Flows never import `routes/` or `views/` (a test holds that): they are what the pages call,
//! not the other way round. Errors are `WebError` (store errors convert into it).
//!
//! `public_form` is the gate every form of a visitor without an account goes through.

pub mod accounts;
pub mod builder;
pub mod comments;
pub mod consultation;
pub mod contact;
pub mod documents;
pub mod erase;
pub mod evaluation;
pub mod follow;
pub mod forum_requests;
pub mod ideas;
pub mod login;
pub mod moderation;
pub mod outcomes;
pub mod password_reset;
pub mod print_orders;
pub mod progress;
pub mod proposal;
pub mod public_form;
pub mod response_writer;
pub mod session_admin;
pub mod sign_up;
pub mod site_admin;
pub mod traceability;

use crate::ctx::Ctx;
use crate::error::WebError;
use chrono::{DateTime, Utc};
use inspraak_domain::traceability::Contribution;
use inspraak_store::process::Process;
use inspraak_store::traceability::trace;
use inspraak_store::{ConnectionTrait, tokens};

/// The public process at `slug` (drafts count as missing), or 404, for a page's request
/// ([`crate::read::lookup::public_process`] on the read pool).
pub async fn public_process(ctx: &Ctx, slug: &str) -> Result<Process, WebError> {
    crate::read::lookup::public_process(ctx.state.db.read(), slug).await
}

/// The personal page of what was done with someone's input.
pub fn trace_path(token: &str) -> String {
    format!("/inbreng/{token}")
}

/// The personal "what was done with my input" token of a new contribution: shown once (on the
/// receipt or thanks page, and in the mail); only its hash is stored.
pub struct TraceToken(String);

impl TraceToken {
    /// A new token for a contribution sent at `now` (it sorts by that time: see
    /// [`tokens::new_trace_token`]).
    pub fn new(now: DateTime<Utc>) -> Self {
        TraceToken(tokens::new_trace_token(now))
    }

    /// Stores its hash for the contribution, in the flow's transaction.
    pub async fn add(
        &self,
        conn: &impl ConnectionTrait,
        contribution: Contribution,
        now: DateTime<Utc>,
    ) -> Result<(), WebError> {
        trace::add(conn, contribution, &tokens::hash_trace_token(&self.0), now).await?;
        Ok(())
    }

    /// The hash stored for it, for a store function that adds it in its own statements.
    pub fn hash(&self) -> String {
        tokens::hash_trace_token(&self.0)
    }

    /// The lines a confirmation mail ends with.
    pub fn mail_line(&self, ctx: &Ctx) -> String {
        let t = crate::i18n::traceability::texts(ctx.lang);
        let base = &ctx.state.settings.base_url;
        format!("\n\n{}\n{base}{}", t.trace_title, trace_path(&self.0))
    }

    pub fn into_token(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    /// Flows sit below the pages: no flow file names `routes::` or `views::`.
    #[test]
    fn flows_never_import_routes_or_views() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/flows");
        let mut stack = vec![dir];
        let mut checked = 0;
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                // Built here so this test's own text does not match.
                for forbidden in ["routes", "views"].map(|m| format!("crate::{m}")) {
                    let code = text.lines().filter(|l| !l.trim_start().starts_with("//"));
                    let hits = code.filter(|l| l.contains(&forbidden)).count();
                    assert_eq!(hits, 0, "{} uses {forbidden}", path.display());
                }
                checked += 1;
            }
        }
        assert!(checked >= 2, "found the flow files");
    }
}
