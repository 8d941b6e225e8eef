//! The accessibility statement: public at `/toegankelijkheid` (English with the language
//! switch, as every page), edited by organisers at `/beheer/toegankelijkheid` (audit row).
//! Its figures are the quality gates' last results, embedded at build time.

use crate::audit;
use crate::auth::guard::Organiser;
use crate::ctx::Ctx;
use crate::i18n::accessibility as texts;
use crate::routes::{WebResult, html_with_status, see_other};
use crate::views::accessibility::{self as view, EditForm, QualityResults, Statement};
use crate::views::components::FormErrors;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use inspraak_domain::AuditAction;
use inspraak_store::accessibility;
use maud::Markup;

/// Written by `tests/browser/run.mjs` after a full run of the quality gates.
const QUALITY_RESULTS: &str = include_str!("../../../../docs/quality-results.json");

const MAX_TEXT: usize = 5_000;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(public_statement)
        .service(edit_page)
        .service(save);
}

/// The embedded results; a broken file reads as "not checked", never as a pass.
pub fn quality_results() -> QualityResults {
    serde_json::from_str(QUALITY_RESULTS).unwrap_or_default()
}

#[get("/toegankelijkheid")]
async fn public_statement(ctx: Ctx) -> WebResult<Markup> {
    let saved = accessibility::texts(ctx.state.db.read()).await?;
    let results = quality_results();
    let statement = Statement {
        results: &results,
        contact: saved
            .as_ref()
            .map(|s| s.contact.as_str())
            .filter(|c| !c.trim().is_empty()),
        known_problems: saved.as_ref().map_or("", |s| s.known_problems.as_str()),
        updated: saved.as_ref().map(|s| s.updated_at),
    };
    Ok(view::statement(&ctx, &statement))
}

#[derive(serde::Deserialize)]
struct Saved {
    opgeslagen: Option<String>,
}

#[get("/beheer/toegankelijkheid")]
async fn edit_page(o: Organiser, query: web::Query<Saved>) -> WebResult<HttpResponse> {
    let saved = accessibility::texts(o.ctx.state.db.read()).await?;
    let t = texts::texts(o.ctx.lang);
    let form = EditForm {
        contact: saved
            .as_ref()
            .map_or_else(|| t.contact_default.to_owned(), |s| s.contact.clone()),
        known_problems: saved.map(|s| s.known_problems).unwrap_or_default(),
        errors: FormErrors::default(),
    };
    Ok(html_with_status(
        StatusCode::OK,
        view::edit(&o.ctx, &form, query.opgeslagen.is_some()),
    ))
}

#[derive(serde::Deserialize)]
struct Fields {
    #[serde(default)]
    contact: String,
    #[serde(default)]
    known_problems: String,
}

#[post("/beheer/toegankelijkheid")]
async fn save(o: Organiser, fields: web::Form<Fields>) -> WebResult<HttpResponse> {
    let t = texts::texts(o.ctx.lang);
    let contact = fields.contact.trim();
    let known_problems = fields.known_problems.trim();
    let mut errors = FormErrors::default();
    if contact.is_empty() {
        errors.push("contact", t.err_contact.to_owned());
    } else if contact.chars().count() > MAX_TEXT {
        errors.push("contact", t.err_too_long.to_owned());
    }
    if known_problems.chars().count() > MAX_TEXT {
        errors.push("known_problems", t.err_too_long.to_owned());
    }
    if !errors.is_empty() {
        let form = EditForm {
            contact: fields.contact.clone(),
            known_problems: fields.known_problems.clone(),
            errors,
        };
        return Ok(html_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            view::edit(&o.ctx, &form, false),
        ));
    }
    let txn = o.ctx.state.db.begin().await?;
    accessibility::save(&txn, contact, known_problems, Some(o.user.id), o.ctx.now).await?;
    audit::record(
        &txn,
        &o.ctx,
        Some(&o.user),
        AuditAction::AccessibilityStatementEdited,
        None,
    )
    .await?;
    txn.commit()
        .await
        .map_err(|e| crate::error::WebError::Internal(e.to_string()))?;
    Ok(see_other("/beheer/toegankelijkheid?opgeslagen=1"))
}
