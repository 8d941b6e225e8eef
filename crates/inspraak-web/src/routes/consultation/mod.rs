//! Online consultations: the public form per process (`public`), the organiser's builder
//! (`admin`) and responses overview (`responses`), and "erase my data" (`privacy`).

pub mod admin;
pub mod privacy;
pub mod public;
pub mod responses;

use crate::i18n::{Lang, consultation as texts};
use crate::participation::{JoinItem, JoinKind};
use crate::views::consultation::{open_until, opening};
use actix_web::web;
use chrono::{DateTime, Utc};
use inspraak_domain::consultation::WindowState;
use inspraak_store::consultations::admin as store;
use inspraak_store::processes::Process;
use inspraak_store::{ConnectionTrait, StoreResult};

pub fn configure(cfg: &mut web::ServiceConfig) {
    public::configure(cfg);
    privacy::configure(cfg);
    admin::configure(cfg);
    responses::configure(cfg);
}

/// The consultation's line in a process's "Doe mee" block: while it is open, or before it opens.
pub async fn join_items(
    conn: &impl ConnectionTrait,
    lang: Lang,
    process: &Process,
    now: DateTime<Utc>,
) -> StoreResult<Vec<JoinItem>> {
    let t = texts::texts(lang);
    let Some(consultation) = store::public_for_process(conn, process.id, now).await? else {
        return Ok(Vec::new());
    };
    let href = Some(format!("/processen/{}/consultatie", process.slug));
    Ok(match consultation.window.state(now) {
        WindowState::Open => vec![JoinItem {
            kind: JoinKind::Consultation,
            title: t.join_item.to_owned(),
            content: None,
            detail: Some(open_until(lang, &consultation.window)),
            href,
        }],
        WindowState::NotYetOpen => vec![JoinItem {
            kind: JoinKind::UpcomingConsultation,
            title: crate::i18n::fill(
                t.join_upcoming,
                &[("date", &opening(lang, &consultation.window))],
            ),
            content: None,
            detail: None,
            href,
        }],
        WindowState::Closed => Vec::new(),
    })
}
