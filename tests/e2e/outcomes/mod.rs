//! Outcomes end to end: every figure on the public page checked against a count made here from
//! the submitted answers (and again after hiding some), publishing with audit and mail, exports
//! that round-trip through real parsers, open data, and the demo's 2020 outcome.

mod curation;
mod demo;
mod exports;
mod figures;

use crate::consultation::{EVERY_KIND, Setup, setup};
use crate::helpers::{TestApp, spawn_app, unzip};
use inspraak_domain::consultation::{Answer, IdempotencyKey, Question, QuestionKind};
use inspraak_domain::{QuestionId, ResponseId};
use inspraak_store::consultation::{self, NewResponse, SubmitOutcome};
use inspraak_store::outcomes::generate::{Dice, answer};
use inspraak_store::process;
use std::collections::{BTreeMap, BTreeSet};

async fn submit(
    app: &TestApp,
    s: &Setup,
    n: usize,
    answers: &[(QuestionId, Answer)],
) -> ResponseId {
    let c = consultation::find(app.db.read(), s.consultation)
        .await
        .unwrap()
        .unwrap();
    let key = IdempotencyKey::parse(&format!("outcome-test-key-{n:05}")).unwrap();
    let receipt = consultation::new_receipt_code();
    match consultation::submit(
        app.db.write(),
        &NewResponse {
            consultation: s.consultation,
            structure_version: c.structure_version,
            key: &key,
            receipt: &receipt,
            answers,
            contact: None,
        },
        app.clock.now(),
    )
    .await
    .unwrap()
    {
        SubmitOutcome::Stored(r) => r.response,
        other => panic!("{other:?}"),
    }
}

async fn post_with_csrf(
    app: &TestApp,
    page: &str,
    path: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    app.post_form(page, path, fields).await
}
