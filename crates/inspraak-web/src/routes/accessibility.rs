//! The accessibility statement: public at `/toegankelijkheid` (English with the language
//! switch, as every page), edited by organisers at `/beheer/toegankelijkheid` (audit row).
//! Its figures are the quality gates' last results, embedded at build time.

use crate::auth::guard::Organiser;
use crate::ctx::Ctx;
use crate::i18n::accessibility as texts;
use crate::routes::{WebResult, html_with_status, see_other};
use crate::views::accessibility::{self as view, EditForm, QualityResults, Statement};
use crate::views::components::FormErrors;
use crate::views::translation_fields;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use inspraak_domain::translated::parse_translation;
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
            .map(|s| &s.contact)
            .filter(|c| !c.main.trim().is_empty()),
        known_problems: saved.as_ref().map(|s| &s.known_problems),
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
    let form = match saved {
        Some(s) => EditForm {
            contact: s.contact.main,
            contact_translation: s.contact.translation.unwrap_or_default(),
            known_problems: s.known_problems.main,
            known_problems_translation: s.known_problems.translation.unwrap_or_default(),
            errors: FormErrors::default(),
        },
        None => EditForm {
            // The default text in the content language, and its translation beside it.
            contact: contact_default(&o.ctx, false).to_owned(),
            contact_translation: contact_default(&o.ctx, true).to_owned(),
            known_problems: String::new(),
            known_problems_translation: String::new(),
            errors: FormErrors::default(),
        },
    };
    Ok(html_with_status(
        StatusCode::OK,
        view::edit(&o.ctx, &form, query.opgeslagen.is_some()),
    ))
}

/// The default contact text in the content language (`translation = false`) or the other one.
fn contact_default(ctx: &crate::ctx::Ctx, translation: bool) -> &'static str {
    let content = crate::i18n::Lang::from(ctx.state.settings.content_language);
    let lang = match (content, translation) {
        (lang, false) => lang,
        (crate::i18n::Lang::Nl, true) => crate::i18n::Lang::En,
        (crate::i18n::Lang::En, true) => crate::i18n::Lang::Nl,
    };
    texts::texts(lang).contact_default
}

#[derive(serde::Deserialize)]
struct Fields {
    #[serde(default)]
    contact: String,
    #[serde(default)]
    contact_translation: String,
    #[serde(default)]
    known_problems: String,
    #[serde(default)]
    known_problems_translation: String,
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
    let mut translation =
        |raw: &str, field: &str, label: &str| match parse_translation::<MAX_TEXT, true, false>(raw)
        {
            Ok(text) => text.map(NonEmptyText::into_string),
            Err(error) => {
                let label = translation_fields::label(&o.ctx, label);
                let message = match error {
                    TextError::ControlCharacters => not_allowed(&label),
                    _ => format!("{label}: {}", t.err_too_long),
                };
                errors.push(field, message);
                None
            }
        };
    let contact_translation = translation(
        &fields.contact_translation,
        "contact_translation",
        t.contact_label,
    );
    let known_problems_translation = translation(
        &fields.known_problems_translation,
        "known_problems_translation",
        t.problems_label,
    );
    if !errors.is_empty() {
        let form = EditForm {
            contact: fields.contact.clone(),
            contact_translation: fields.contact_translation.clone(),
            known_problems: fields.known_problems.clone(),
            known_problems_translation: fields.known_problems_translation.clone(),
            errors,
        };
        return Ok(html_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            view::edit(&o.ctx, &form, false),
        ));
    }
    let texts = accessibility::NewStatementTexts {
        contact: &contact,
        contact_translation: contact_translation.as_deref(),
        // No translation of known problems that are not there.
        known_problems: &known_problems,
        known_problems_translation: known_problems_translation
            .as_deref()
            .filter(|_| !known_problems.is_empty()),
    };
    let flow = crate::flows::site_admin::save_accessibility_statement;
    flow(&o.ctx, &o.user, texts).await?;
    Ok(see_other("/beheer/toegankelijkheid?opgeslagen=1"))
}
