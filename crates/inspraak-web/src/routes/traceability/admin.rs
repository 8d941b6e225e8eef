//! The organiser's link page: `GET /beheer/inbreng/{kind}/{id}`, linking (`…/koppelen`) and
//! unlinking (`…/ontkoppelen/{link}`). Each change is one transaction with its audit row and,
//! for a new link, the notice for the digest.

use crate::auth::guard::Organiser;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::flows::traceability::{self as flows, Linked};
use crate::i18n::traceability as texts;
use crate::paths::{contribution_admin as admin_path, parse_contribution_segment};
use crate::routes::{WebResult, html_with_status, see_other};
use crate::views::components::FormErrors;
use crate::views::traceability::admin::{self as view, LinkPage};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use inspraak_domain::traceability::{Contribution, NewLink};
use inspraak_domain::{FieldErrors, LinkId, Problem};
use inspraak_store::consultation;
use inspraak_store::ideas::action_points;
use inspraak_store::traceability::contributions::{self, Detail};
use inspraak_store::traceability::{self, Link};
use inspraak_store::{outcomes, process};
use std::collections::HashMap;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(link_page)
        .service(add_link)
        .service(remove_link);
}

/// The path's kind segment and id as a typed contribution; an unknown kind is a 404.
fn contribution(kind: &str, id: i64) -> WebResult<Contribution> {
    let kind = parse_contribution_segment(kind).ok_or(WebError::NotFound)?;
    Ok(Contribution::from_raw(kind, id))
}

/// Where "Terug" leads: the organiser page the contribution is managed on.
fn back(process: i64, detail: &Detail) -> String {
    match detail {
        Detail::Response(r) => format!("/beheer/consultaties/{}/reacties", r.consultation),
        Detail::Idea(_) => format!("/beheer/processen/{process}/ideeen"),
        Detail::Comment(_) => "/beheer/forum".to_owned(),
        Detail::SessionReport(report) => {
            format!("/beheer/bijeenkomsten/{}/verslag", report.session)
        }
    }
}

async fn render(
    ctx: &Ctx,
    contribution: Contribution,
    errors: &FormErrors,
    values: (&str, &str),
    notice: Option<&str>,
    status: StatusCode,
) -> WebResult<HttpResponse> {
    let conn = ctx.state.db.read();
    let (process_id, detail) = contributions::detail(conn, contribution)
        .await?
        .ok_or(WebError::NotFound)?;
    let process = process::find(conn, process_id)
        .await?
        .ok_or(WebError::NotFound)?;
    let (questions, themes) = match &detail {
        Detail::Response(r) => (
            consultation::questions(conn, r.consultation).await?,
            process::themes(conn, process.id).await?,
        ),
        _ => (Vec::new(), Vec::new()),
    };
    let mut threads = Vec::new();
    for c in consultation::admin::list_for_process(conn, process.id).await? {
        for thread in outcomes::threads(conn, c.id).await? {
            threads.push((thread, c.title.main.clone()));
        }
    }
    let points = action_points::list_for_process(conn, process.id).await?;
    let mut links: Vec<(Link, String)> = Vec::new();
    for link in traceability::for_contribution(conn, contribution).await? {
        let title = contributions::target_info(conn, link.target)
            .await?
            .map_or_else(|| link.target.to_value(), |i| i.title);
        links.push((link, title));
    }
    let path = admin_path(contribution);
    let back = back(process.id.0, &detail);
    let page = view::page(
        ctx,
        &LinkPage {
            contribution,
            path: &path,
            back: &back,
            process: &process,
            detail: &detail,
            questions: &questions,
            themes: &themes,
            threads: &threads,
            points: &points,
            links: &links,
        },
        errors,
        values.0,
        values.1,
        notice,
    );
    Ok(html_with_status(status, page))
}

#[get("/beheer/inbreng/{kind}/{id}")]
async fn link_page(o: Organiser, path: web::Path<(String, i64)>) -> WebResult<HttpResponse> {
    let contribution = contribution(&path.0, path.1)?;
    render(
        &o.ctx,
        contribution,
        &FormErrors::default(),
        ("", ""),
        None,
        StatusCode::OK,
    )
    .await
}

fn label(ctx: &Ctx, field: &str) -> String {
    let t = texts::texts(ctx.lang);
    match field {
        "target" => t.target_label,
        _ => t.explanation_label,
    }
    .to_owned()
}

#[post("/beheer/inbreng/{kind}/{id}/koppelen")]
async fn add_link(
    o: Organiser,
    path: web::Path<(String, i64)>,
    form: web::Form<HashMap<String, String>>,
) -> WebResult<HttpResponse> {
    let contribution = contribution(&path.0, path.1)?;
    let get = |name: &str| form.get(name).map_or("", String::as_str);
    let values = (get("target"), get("explanation"));
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    let new = match NewLink::parse(values.0, values.1) {
        Ok(new) => new,
        Err(errors) => {
            let errors = FormErrors::from_fields(o.ctx.lang, &errors, |f| label(&o.ctx, f));
            return render(&o.ctx, contribution, &errors, values, None, unprocessable).await;
        }
    };
    match flows::link(&o.ctx, o.user.id, contribution, &new).await? {
        Linked::Linked => Ok(see_other(&admin_path(contribution))),
        // A target of another process (or gone): the select offered only this process's.
        Linked::UnknownTarget => {
            let mut errors = FieldErrors::default();
            errors.0.push(inspraak_domain::FieldError {
                field: "target",
                problem: Problem::Invalid,
            });
            let errors = FormErrors::from_fields(o.ctx.lang, &errors, |f| label(&o.ctx, f));
            render(&o.ctx, contribution, &errors, values, None, unprocessable).await
        }
        Linked::AlreadyLinked => {
            let notice = Some(texts::texts(o.ctx.lang).already_linked);
            let none = FormErrors::default();
            render(
                &o.ctx,
                contribution,
                &none,
                values,
                notice,
                StatusCode::CONFLICT,
            )
            .await
        }
    }
}

#[post("/beheer/inbreng/{kind}/{id}/ontkoppelen/{link}")]
async fn remove_link(
    o: Organiser,
    path: web::Path<(String, i64, LinkId)>,
) -> WebResult<HttpResponse> {
    let contribution = contribution(&path.0, path.1)?;
    flows::unlink(&o.ctx, contribution, path.2).await?;
    Ok(see_other(&admin_path(contribution)))
}
