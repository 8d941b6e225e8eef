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

pub mod public_form;

use crate::ctx::Ctx;
use crate::error::WebError;
use inspraak_store::processes::{self, Process};

/// The public process at `slug` (drafts count as missing), or 404: the one lookup every public
/// page of a process starts with.
pub async fn public_process(ctx: &Ctx, slug: &str) -> Result<Process, WebError> {
    processes::find_public_by_slug(ctx.state.db.read(), slug)
        .await?
        .ok_or(WebError::NotFound)
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
