//! The open-data API under `/api/v1`: read-only JSON of public processes, their themes,
//! published outcomes, public ideas and the action plan. No personal data and no free text
//! people typed, except what the site publishes itself (quotes the organiser chose, public
//! ideas without who sent them). Any site may read it (CORS for GET); no cookies are set.
//!
//! The OpenAPI document is derived from the handlers (`#[utoipa::path]`) and the response types
//! (`schemas`), so it cannot drift from the answers; only its title and contact are filled in
//! from the house style at run time. Errors under `/api` are `application/problem+json`
//! (`crate::problem`), made by `error_pages` on the way out.

mod outcomes;
mod plan;
pub mod schemas;

use crate::error::WebError;
use crate::state::AppState;
use actix_web::{HttpResponse, route, web};
use serde::Serialize;
use utoipa::OpenApi;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(openapi_json)
        .service(outcomes::list_processes)
        .service(outcomes::one_process)
        .service(outcomes::outcome)
        .service(plan::public_ideas)
        .service(plan::action_plan);
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Inspraak open data",
        version = "1",
        description = "Public processes, their themes, published outcomes, public ideas and \
            action plans. Counts of fewer people than `min_group_size` (and more than zero) are \
            `null`, with the reason beside them. Errors are RFC 9457 problem details.",
        license(name = "CC0-1.0", identifier = "CC0-1.0")
    ),
    paths(
        outcomes::list_processes,
        outcomes::one_process,
        outcomes::outcome,
        plan::public_ideas,
        plan::action_plan
    ),
    components(schemas(crate::problem::Problem))
)]
struct ApiDoc;

/// The document, titled with this installation's names and its contact.
pub fn document(house: &crate::house::HouseStyle) -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.info.title = format!("{} open data", house.site_name);
    let mut contact = utoipa::openapi::ContactBuilder::new()
        .name(Some(house.organisation_or_site().to_owned()))
        .build();
    contact.email = house.contact.email.clone();
    contact.url = house.contact.url.clone();
    doc.info.contact = Some(contact);
    doc
}

/// A JSON answer any site may read.
fn open<T: Serialize>(value: &T) -> Result<HttpResponse, WebError> {
    let body = serde_json::to_string(value).map_err(|e| WebError::Internal(e.to_string()))?;
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .insert_header(("Access-Control-Allow-Origin", "*"))
        .insert_header(("Access-Control-Allow-Methods", "GET, HEAD"))
        .body(body))
}

#[route("/api/v1/openapi.json", method = "GET", method = "HEAD")]
async fn openapi_json(state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    open(&document(&state.settings.house))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field the API sends is always there (`null` at most), so every property of every
    /// object in the document must be `required`: a field left out of `required` would tell
    /// clients it may be missing.
    #[test]
    fn every_property_of_every_object_is_required() {
        let doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
        let mut objects = Vec::new();
        collect_objects(&doc["components"]["schemas"], &mut objects);
        assert!(objects.len() > 10, "{doc:#}");
        for object in objects {
            let Some(props) = object["properties"].as_object() else {
                continue;
            };
            let required: Vec<&str> = object["required"]
                .as_array()
                .map(|r| r.iter().filter_map(|v| v.as_str()).collect())
                .unwrap_or_default();
            for name in props.keys() {
                assert!(required.contains(&name.as_str()), "{name} in {object:#}");
            }
        }
    }

    fn collect_objects<'a>(value: &'a serde_json::Value, out: &mut Vec<&'a serde_json::Value>) {
        match value {
            serde_json::Value::Object(map) => {
                if map.contains_key("properties") {
                    out.push(value);
                }
                map.values().for_each(|v| collect_objects(v, out));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| collect_objects(v, out)),
            _ => {}
        }
    }
}
