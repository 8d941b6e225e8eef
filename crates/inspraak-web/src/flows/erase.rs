//! "Erase my data" from the link in a participant's mail: the address is erased everywhere it
//! is kept, in one transaction (the link's token is the proof: no gate).

use crate::ctx::Ctx;
use crate::error::WebError;
use crate::session::mailer::WebMailer;
use inspraak_store::privacy;
use inspraak_store::tokens::hash_token;

/// Whether an address was erased (false: the token was used before or never existed).
pub async fn erase_by_token(ctx: &Ctx, token: &str) -> Result<bool, WebError> {
    let mailer = WebMailer::new(&ctx.state, ctx.now);
    let txn = ctx.state.db.begin().await?;
    let erased = privacy::erase_by_token(&txn, &mailer, &hash_token(token), ctx.now).await?;
    txn.commit().await?;
    if erased {
        // No address in the log: the fact is enough.
        tracing::info!("an e-mail address was erased on request");
    }
    Ok(erased)
}
