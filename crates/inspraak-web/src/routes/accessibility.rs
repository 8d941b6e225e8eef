//! The accessibility statement: public at `/toegankelijkheid` (English with the language
//! switch, as every page), edited by organisers at `/beheer/toegankelijkheid` (audit row).
//! Its figures are the quality gates' last results, embedded at build time.

use crate::auth::guard::Organiser;
use crate::ctx::Ctx;
use crate::i18n::accessibility as texts;
use crate::routes::{WebResult, html_with_status, see_other};
use crate::views::accessibility::{self as view, EditForm, QualityResults, Statement};
use crate::views::components::FormErrors;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use inspraak_domain::{NonEmptyText, OptionalText, TextError};
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
    // The domain's text rule (NFC, no NUL or other control characters): issue 20, finding 8.
    let mut errors = FormErrors::default();
    let not_allowed = |label: &str| {
        crate::i18n::common::problem_message(
            o.ctx.lang,
            inspraak_domain::Problem::Text(TextError::ControlCharacters),
            label,
        )
    };
    let contact = match NonEmptyText::<MAX_TEXT, true>::parse(&fields.contact) {
        Ok(text) => text.into_string(),
        Err(TextError::Empty) => {
            errors.push("contact", t.err_contact.to_owned());
            String::new()
        }
        Err(TextError::TooLong { .. }) => {
            errors.push("contact", t.err_too_long.to_owned());
            String::new()
        }
        Err(TextError::ControlCharacters) => {
            errors.push("contact", not_allowed(t.contact_label));
            String::new()
        }
    };
    let known_problems = match OptionalText::<MAX_TEXT, true>::parse(&fields.known_problems) {
        Ok(text) => text.into_option().unwrap_or_default(),
        Err(TextError::ControlCharacters) => {
            errors.push("known_problems", not_allowed(t.problems_label));
            String::new()
        }
        Err(_) => {
            errors.push("known_problems", t.err_too_long.to_owned());
            String::new()
        }
    };
    let (contact, known_problems) = (contact.as_str(), known_problems.as_str());
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
    let flow = crate::flows::site_admin::save_accessibility_statement;
    flow(&o.ctx, &o.user, contact, known_problems).await?;
    Ok(see_other("/beheer/toegankelijkheid?opgeslagen=1"))
}
