//! `/forum`: the forum member's home, where a member lands after joining or logging in.

use super::Member;
use crate::routes::{WebResult, html_with_status};
use crate::views::ideas::forum_home as view;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, web};
use inspraak_store::ideas::forum_home;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(home);
}

#[derive(serde::Deserialize)]
struct HomeQuery {
    /// Set by accepting an invitation: the page welcomes the new member.
    welkom: Option<String>,
}

#[get("/forum")]
async fn home(member: Member, query: web::Query<HomeQuery>) -> WebResult<HttpResponse> {
    let ctx = &member.ctx;
    let home = forum_home::load(ctx.state.db.read(), member.user.id).await?;
    let page = view::page(ctx, &home, query.welkom.is_some());
    Ok(html_with_status(StatusCode::OK, page))
}
