//! Open data: read-only JSON of public processes, their themes and published outcomes. No
//! personal data and no free text people typed, except quotes the organiser chose to publish.
//! Any site may read it (CORS for GET); the description is a static OpenAPI document.

use super::super::WebResult;
use crate::ctx::Ctx;
use crate::error::WebError;
use actix_web::{HttpResponse, get, web};
use inspraak_domain::ConsultationId;
use inspraak_domain::small_numbers::{MinGroupSize, PublicCount};
use inspraak_store::outcomes::figures::Body;
use inspraak_store::processes::{self, Process};
use inspraak_store::{consultations, outcomes};
use serde_json::{Value, json};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(openapi)
        .service(list_processes)
        .service(one_process)
        .service(outcome);
}

const OPENAPI: &str = include_str!("openapi.json");

fn open(body: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .insert_header(("Access-Control-Allow-Origin", "*"))
        .insert_header(("Access-Control-Allow-Methods", "GET"))
        .body(body)
}

fn json_body(value: &Value) -> HttpResponse {
    open(value.to_string())
}

#[get("/api/v1/openapi.json")]
async fn openapi(state: web::Data<crate::state::AppState>) -> HttpResponse {
    open(openapi_document(&state.settings.house))
}

/// The embedded document, titled with this installation's names and its contact.
fn openapi_document(house: &crate::house::HouseStyle) -> String {
    let Ok(mut document) = serde_json::from_str::<Value>(OPENAPI) else {
        return OPENAPI.to_owned();
    };
    if let Some(info) = document.get_mut("info").and_then(Value::as_object_mut) {
        info.insert(
            "title".into(),
            Value::String(format!("{} open data", house.site_name)),
        );
        let mut contact = serde_json::Map::new();
        contact.insert(
            "name".into(),
            Value::String(house.organisation_or_site().to_owned()),
        );
        if let Some(email) = &house.contact.email {
            contact.insert("email".into(), Value::String(email.clone()));
        }
        if let Some(url) = &house.contact.url {
            contact.insert("url".into(), Value::String(url.clone()));
        }
        info.insert("contact".into(), Value::Object(contact));
    }
    document.to_string()
}

fn process_json(p: &Process) -> Value {
    json!({
        "slug": p.slug,
        "title": p.title,
        "summary": p.summary,
        "status": p.status.as_str(),
        "url": format!("/processen/{}", p.slug),
    })
}

async fn public_processes(ctx: &Ctx) -> WebResult<Vec<Process>> {
    Ok(processes::list_all(ctx.state.db.read())
        .await?
        .into_iter()
        .filter(|p| p.status.is_public())
        .collect())
}

#[get("/api/v1/processen")]
async fn list_processes(ctx: Ctx) -> WebResult<HttpResponse> {
    let list: Vec<Value> = public_processes(&ctx)
        .await?
        .iter()
        .map(process_json)
        .collect();
    Ok(json_body(&json!({ "processes": list })))
}

#[get("/api/v1/processen/{slug}")]
async fn one_process(ctx: Ctx, slug: web::Path<String>) -> WebResult<HttpResponse> {
    let conn = ctx.state.db.read();
    let process = crate::flows::public_process(&ctx, &slug).await?;
    let themes: Vec<Value> = processes::themes(conn, process.id)
        .await?
        .iter()
        .map(|t| json!({ "id": t.id.0, "slug": t.slug, "name": t.name, "description": t.description }))
        .collect();
    let mut published = Vec::new();
    for id in outcomes::published_for_process(conn, process.id).await? {
        if let Some(c) = consultations::find(conn, id).await? {
            published.push(json!({ "id": c.id.0, "title": c.title, "url": format!("/api/v1/uitkomsten/{}", c.id) }));
        }
    }
    let mut value = process_json(&process);
    value["themes"] = Value::Array(themes);
    value["outcomes"] = Value::Array(published);
    Ok(json_body(&value))
}

/// A count as open data: the number, or `null` when small-number protection hides it.
fn count(c: PublicCount) -> Value {
    c.exact().map_or(Value::Null, Value::from)
}

/// Why a count is `null`: `below_minimum` (it describes fewer people than the minimum) or
/// `withheld` (it would let a hidden count be worked out from a total).
fn hidden_reason(c: PublicCount) -> Value {
    match c {
        PublicCount::Exact(_) => Value::Null,
        PublicCount::BelowMinimum(_) => Value::from("below_minimum"),
        PublicCount::Withheld => Value::from("withheld"),
    }
}

/// A question's figures, small groups withheld as on the page.
fn figures_json(body: &Body, min: MinGroupSize) -> Value {
    match body {
        Body::Themes {
            ranked,
            themes,
            other,
        } => {
            let counts: Vec<i64> = themes.iter().map(|t| t.chosen).chain([*other]).collect();
            let shown = min.protect_group(&counts);
            let other_shown = shown.last().copied().unwrap_or(PublicCount::Withheld);
            json!({
                "type": if *ranked { "rank_themes" } else { "pick_themes" },
                "themes": themes.iter().zip(&shown).map(|(t, c)| {
                    let exact = !c.is_hidden();
                    json!({
                        "theme_id": t.theme.0, "name": t.name, "chosen": count(*c),
                        "points": exact.then_some(t.points),
                        "average_rank": t.average_rank.filter(|_| exact),
                        "hidden": hidden_reason(*c),
                    })
                }).collect::<Vec<_>>(),
                "other_topic_count": count(other_shown),
                "other_topic_hidden": hidden_reason(other_shown),
            })
        }
        Body::Options(options) => {
            let counts: Vec<i64> = options.iter().map(|o| o.count).collect();
            let shown = min.protect_group(&counts);
            json!({
                "type": "options",
                "options": options.iter().zip(&shown).map(|(o, c)| json!({
                    "label": o.label, "count": count(*c), "hidden": hidden_reason(*c),
                })).collect::<Vec<_>>(),
            })
        }
        Body::YesNo { yes, no } => {
            let shown = min.protect_group(&[*yes, *no]);
            json!({
                "type": "yes_no",
                "yes": count(shown[0]), "yes_hidden": hidden_reason(shown[0]),
                "no": count(shown[1]), "no_hidden": hidden_reason(shown[1]),
            })
        }
        Body::Text => json!({ "type": "text" }),
    }
}

#[get("/api/v1/uitkomsten/{id}")]
async fn outcome(ctx: Ctx, id: web::Path<ConsultationId>) -> WebResult<HttpResponse> {
    let conn = ctx.state.db.read();
    let consultation = consultations::find(conn, *id)
        .await?
        .ok_or(WebError::NotFound)?;
    let process = processes::find(conn, consultation.process_id)
        .await?
        .filter(|p| p.status.is_public())
        .ok_or(WebError::NotFound)?;
    let loaded = super::load_public(conn, &process, consultation.id).await?;
    let min = ctx.state.settings.min_group_size;
    let questions: Vec<Value> = loaded
        .figures
        .questions
        .iter()
        .map(|q| {
            let figures = figures_json(&q.body, min);
            let quotes: Vec<Value> = loaded
                .quotes
                .iter()
                .filter(|x| x.question == q.question.id)
                .map(|x| json!({ "text": x.text, "yes": x.yes }))
                .collect();
            json!({
                "question_id": q.question.id.0,
                "prompt": q.question.prompt,
                "kind": q.question.kind.as_str(),
                "answered": count(min.protect(q.answered)),
                "answered_hidden": hidden_reason(min.protect(q.answered)),
                "figures": figures,
                "quotes": quotes,
            })
        })
        .collect();
    let threads: Vec<Value> = loaded
        .threads
        .iter()
        .map(|t| json!({ "title": t.title, "text": t.body, "theme_ids": t.themes.iter().map(|x| x.0).collect::<Vec<_>>() }))
        .collect();
    let reports: Vec<Value> = loaded
        .sessions
        .iter()
        .filter(|s| s.published_report().is_some())
        .map(|s| json!({ "title": s.title, "starts_at": s.schedule.starts_at(), "url": format!("/bijeenkomsten/{}", s.id) }))
        .collect();
    Ok(json_body(&json!({
        "consultation": { "id": consultation.id.0, "title": consultation.title },
        "process": process_json(&process),
        "published_at": loaded.state.published_at,
        "min_group_size": min.get(),
        "responses": count(min.protect(loaded.figures.responses)),
        "responses_hidden": hidden_reason(min.protect(loaded.figures.responses)),
        "questions": questions,
        "recurring_threads": threads,
        "session_reports": reports,
    })))
}
