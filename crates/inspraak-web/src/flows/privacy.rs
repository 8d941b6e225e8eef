//! "Erase my data" behind the link every participant mail carries: one transaction erases the
//! address from every place it is kept.

use crate::ctx::Ctx;
use crate::error::WebResult;
use inspraak_store::privacy;
use inspraak_store::tokens::hash_token;

/// Returns whether the token still belonged to an address (a used link erases nothing).
pub async fn erase(ctx: &Ctx, token: &str) -> WebResult<bool> {
    let txn = ctx.state.db.begin().await?;
    let erased = privacy::erase_by_token(&txn, &hash_token(token), ctx.now).await?;
    txn.commit().await?;
    Ok(erased)
}
