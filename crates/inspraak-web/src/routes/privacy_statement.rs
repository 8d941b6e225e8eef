//! The public privacy statement, linked from every page's footer.

use crate::ctx::Ctx;
use crate::routes::WebResult;
use crate::views::privacy_statement::{self as view, Retention};
use actix_web::{get, web};
use inspraak_domain::retention::RetentionDays;
use inspraak_store::{process, retention};
use maud::Markup;

pub const PATH: &str = crate::paths::PRIVACY_STATEMENT;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(statement);
}

#[get("/privacy")]
async fn statement(ctx: Ctx) -> WebResult<Markup> {
    let conn = ctx.state.db.read();
    let mut rows = Vec::new();
    for process in process::list_all(conn).await? {
        if !process.status.is_public() {
            continue;
        }
        let days = retention::days_for(conn, process.id).await?.days();
        rows.push(Retention {
            title: process.title.main,
            slug: process.slug,
            days,
        });
    }
    Ok(view::page(&ctx, &rows, RetentionDays::DEFAULT.days()))
}
