//! Outcomes end to end: every figure on the public page checked against a count made here from
//! the submitted answers (and again after hiding some), publishing with audit and mail, exports
//! that round-trip through real parsers, open data, and the demo's 2020 outcome.

use crate::consultation::{EVERY_KIND, Setup, setup};
use crate::helpers::{TestApp, spawn_app};
use inspraak_domain::consultation::{Answer, IdempotencyKey, Question, QuestionKind};
use inspraak_domain::{QuestionId, ResponseId};
use inspraak_store::consultations::{self, NewResponse, SubmitOutcome};
use inspraak_store::outcomes::generate::{Dice, answer};
use inspraak_store::processes;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;

async fn submit(
    app: &TestApp,
    s: &Setup,
    n: usize,
    answers: &[(QuestionId, Answer)],
) -> ResponseId {
    let c = consultations::find(app.db.read(), s.consultation)
        .await
        .unwrap()
        .unwrap();
    let key = IdempotencyKey::parse(&format!("outcome-test-key-{n:05}")).unwrap();
    let receipt = consultations::new_receipt_code();
    match consultations::submit(
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

/// Figures computed from the answers themselves, not from the app's counters.
#[derive(Default, Debug)]
struct Expected {
    responses: usize,
    answered: BTreeMap<QuestionId, usize>,
    /// (question, label) -> count
    counts: BTreeMap<(QuestionId, String), usize>,
    /// (question, theme name) -> sum of places (from 1)
    rank_sum: BTreeMap<(QuestionId, String), usize>,
}

fn expected(
    questions: &[Question],
    themes: &[processes::Theme],
    responses: &[(ResponseId, Vec<(QuestionId, Answer)>)],
    hidden: &BTreeSet<ResponseId>,
) -> Expected {
    let mut e = Expected::default();
    let name =
        |id: &inspraak_domain::ThemeId| themes.iter().find(|t| t.id == *id).unwrap().name.clone();
    for (id, answers) in responses {
        if hidden.contains(id) {
            continue;
        }
        e.responses += 1;
        for (qid, a) in answers {
            let q = questions.iter().find(|q| q.id == *qid).unwrap();
            *e.answered.entry(*qid).or_default() += 1;
            let mut count = |label: String| *e.counts.entry((*qid, label)).or_default() += 1;
            match a {
                Answer::Choice(n) => count(q.options[*n].clone()),
                Answer::Choices(ns) => ns.iter().for_each(|n| count(q.options[*n].clone())),
                Answer::Themes { picked, .. } => picked.iter().for_each(|t| count(name(t))),
                Answer::Ranking(order) => {
                    for (place, t) in order.iter().enumerate() {
                        count(name(t));
                        *e.rank_sum.entry((*qid, name(t))).or_default() += place + 1;
                    }
                }
                Answer::YesNo { yes, .. } => count(if *yes { "Ja" } else { "Nee" }.into()),
                Answer::Scale(v) => count(v.to_string()),
                Answer::Text(_) => {}
            }
        }
    }
    e
}

/// The part of the page about one question: from its heading to the end of its section.
fn section<'a>(page: &'a str, prompt: &str) -> &'a str {
    let start = page
        .find(&format!("<h3>{prompt}</h3>"))
        .unwrap_or_else(|| panic!("no section for {prompt}"));
    let end = page[start..].find("</section>").unwrap() + start;
    &page[start..end]
}

fn pct(part: usize, whole: usize) -> String {
    let p = if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    };
    format!("{p:.0}")
}

/// What the public page may show for a count under small-number protection (minimum 5): "< 5"
/// for 1 to 4; otherwise the number, or "–" when it is withheld beside a hidden count.
fn shown(n: usize) -> Vec<String> {
    if n > 0 && n < 5 {
        vec!["&lt; 5".into()]
    } else {
        vec![n.to_string(), "–".into()]
    }
}

fn check_page(page: &str, questions: &[Question], themes: &[processes::Theme], e: &Expected) {
    assert!(
        page.contains(&format!(
            "<dd class=\"responses-count\">{}</dd>",
            shown(e.responses)[0]
        )),
        "responses {}",
        e.responses
    );
    for q in questions
        .iter()
        .filter(|q| q.kind != QuestionKind::EmailUpdates)
    {
        let part = section(page, &q.prompt);
        let answered = e.answered.get(&q.id).copied().unwrap_or(0);
        assert!(
            part.contains(&format!("{} mensen gaven antwoord", shown(answered)[0])),
            "{}: answered {answered}",
            q.prompt
        );
        let count = |label: &str| {
            e.counts
                .get(&(q.id, label.to_owned()))
                .copied()
                .unwrap_or(0)
        };
        match q.kind {
            QuestionKind::RankThemes | QuestionKind::PickThemes => {
                for t in themes {
                    let chosen = count(&t.name);
                    let rows: Vec<String> = shown(chosen)
                        .into_iter()
                        .map(|cell| {
                            let mut row = format!(
                                "<th scope=\"row\">{}</th><td class=\"num\">{cell}</td>",
                                t.name
                            );
                            if q.kind == QuestionKind::RankThemes {
                                let avg = match e.rank_sum.get(&(q.id, t.name.clone())) {
                                    Some(sum) if cell == chosen.to_string() => {
                                        format!("{:.1}", *sum as f64 / chosen as f64)
                                            .replace('.', ",")
                                    }
                                    _ => "–".into(),
                                };
                                row.push_str(&format!("<td class=\"num\">{avg}</td>"));
                            }
                            row
                        })
                        .collect();
                    assert!(
                        rows.iter().any(|row| part.contains(row)),
                        "{}: {rows:?}\n{part}",
                        q.prompt
                    );
                }
            }
            QuestionKind::SingleChoice | QuestionKind::MultipleChoice | QuestionKind::Scale => {
                let labels: Vec<String> = if q.kind == QuestionKind::Scale {
                    (1..=5).map(|v| v.to_string()).collect()
                } else {
                    q.options.clone()
                };
                for label in labels {
                    let n = count(&label);
                    let rows = protected_rows(&label, n, &pct(n, answered));
                    assert!(
                        rows.iter().any(|row| part.contains(row)),
                        "{}: {rows:?}\n{part}",
                        q.prompt
                    );
                }
            }
            QuestionKind::YesNoWhy => {
                let (yes, no) = (count("Ja"), count("Nee"));
                for (label, n) in [("Ja", yes), ("Nee", no)] {
                    let rows = protected_rows(label, n, &pct(n, yes + no));
                    assert!(
                        rows.iter().any(|row| part.contains(row)),
                        "{}: {rows:?}\n{part}",
                        q.prompt
                    );
                }
            }
            _ => {}
        }
    }
}

/// The table rows a count may show as: exact with its percentage, or hidden without one.
fn protected_rows(label: &str, n: usize, percent: &str) -> Vec<String> {
    shown(n)
        .into_iter()
        .map(|cell| {
            let pct = if cell == n.to_string() {
                format!("{percent}%")
            } else {
                "–".to_owned()
            };
            format!(
                "<th scope=\"row\">{label}</th><td class=\"num\">{cell}</td><td class=\"num\">{pct}</td>"
            )
        })
        .collect()
}

async fn post_with_csrf(
    app: &TestApp,
    page: &str,
    path: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    app.post_form(page, path, fields).await
}

#[tokio::test]
async fn every_figure_on_the_outcomes_page_matches_an_independent_count_also_after_hiding() {
    let app = spawn_app().await;
    let s = setup(&app, &EVERY_KIND).await;
    let conn = app.db.read();
    let questions = consultations::questions(conn, s.consultation)
        .await
        .unwrap();
    let c = consultations::find(conn, s.consultation)
        .await
        .unwrap()
        .unwrap();
    let themes = processes::themes(conn, c.process_id).await.unwrap();
    let theme_ids: Vec<_> = themes.iter().map(|t| t.id).collect();

    let mut dice = Dice(7);
    let mut submitted = Vec::new();
    for n in 0..40 {
        let answers: Vec<(QuestionId, Answer)> = questions
            .iter()
            .filter_map(|q| answer(&mut dice, q, &theme_ids).map(|a| (q.id, a)))
            .collect();
        let id = submit(&app, &s, n, &answers).await;
        submitted.push((id, answers));
    }

    // Not public before publishing.
    let public = format!("/processen/{}/uitkomsten/{}", s.slug, s.consultation);
    assert_eq!(app.get(&public).await.status().as_u16(), 404);

    app.login_as_organiser().await;
    let admin = format!("/beheer/consultaties/{}/uitkomsten", s.consultation);
    let response = post_with_csrf(
        &app,
        &admin,
        &format!("{admin}/publicatie"),
        &[("published", "1")],
    )
    .await;
    assert_eq!(response.status().as_u16(), 303);

    let visitor = app.new_visitor();
    let page = visitor.get_html(&public).await;
    check_page(
        &page,
        &questions,
        &themes,
        &expected(&questions, &themes, &submitted, &BTreeSet::new()),
    );
    assert!(
        page.contains("<svg class=\"chart\""),
        "charts are server-rendered SVG"
    );
    assert!(!page.contains("<script>"), "no inline script");

    // Hide six responses as spam: every figure follows.
    let hidden: BTreeSet<ResponseId> = submitted.iter().step_by(7).map(|(id, _)| *id).collect();
    let responses_page = format!("/beheer/consultaties/{}/reacties", s.consultation);
    for id in &hidden {
        let r = post_with_csrf(
            &app,
            &responses_page,
            &format!("{responses_page}/{id}/verbergen"),
            &[("hidden", "1")],
        )
        .await;
        assert_eq!(r.status().as_u16(), 303);
    }
    let page = visitor.get_html(&public).await;
    check_page(
        &page,
        &questions,
        &themes,
        &expected(&questions, &themes, &submitted, &hidden),
    );

    // The open data tells the same numbers.
    let data: serde_json::Value = visitor
        .get(&format!("/api/v1/uitkomsten/{}", s.consultation))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(data["responses"], 40 - hidden.len());

    // Withdrawn: gone again.
    let r = post_with_csrf(
        &app,
        &admin,
        &format!("{admin}/publicatie"),
        &[("published", "0")],
    )
    .await;
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(visitor.get(&public).await.status().as_u16(), 404);
}

#[tokio::test]
async fn threads_and_quotes_appear_and_a_thread_without_title_is_shown_again_with_errors() {
    let app = spawn_app().await;
    let s = setup(&app, &[("yes_no_why", true)]).await;
    let q = s.questions[0];
    submit(
        &app,
        &s,
        1,
        &[(
            q,
            Answer::YesNo {
                yes: true,
                why: Some("Kennis <delen>".into()),
            },
        )],
    )
    .await;
    submit(
        &app,
        &s,
        2,
        &[(
            q,
            Answer::YesNo {
                yes: false,
                why: Some("De zoveelste club".into()),
            },
        )],
    )
    .await;
    app.login_as_organiser().await;
    let admin = format!("/beheer/consultaties/{}/uitkomsten", s.consultation);
    let html = app.get_html(&admin).await;
    assert!(html.contains("Kennis &lt;delen&gt;"));

    let bad = post_with_csrf(
        &app,
        &admin,
        &format!("{admin}/rode-draden"),
        &[("title", ""), ("body", "Samen doen")],
    )
    .await;
    assert_eq!(bad.status().as_u16(), 422);
    let text = bad.text().await.unwrap();
    assert!(text.contains("Samen doen"), "typed values are kept");
    let theme = s.themes[1].to_string();
    let ok = post_with_csrf(
        &app,
        &admin,
        &format!("{admin}/rode-draden"),
        &[
            ("title", "Niet alleen praten"),
            ("body", "Ook doen."),
            ("theme", &theme),
        ],
    )
    .await;
    assert_eq!(ok.status().as_u16(), 303);

    let answer_id = {
        let quotes = inspraak_store::outcomes::candidates(app.db.read(), s.consultation, q, 0, 10)
            .await
            .unwrap();
        quotes.iter().find(|x| x.yes == Some(true)).unwrap().answer
    };
    let r = post_with_csrf(
        &app,
        &admin,
        &format!("{admin}/citaten/{answer_id}"),
        &[("selected", "1")],
    )
    .await;
    assert_eq!(r.status().as_u16(), 303);
    post_with_csrf(
        &app,
        &admin,
        &format!("{admin}/inleiding"),
        &[("intro", "Dit kwam eruit.")],
    )
    .await;
    post_with_csrf(
        &app,
        &admin,
        &format!("{admin}/publicatie"),
        &[("published", "1")],
    )
    .await;

    let page = app
        .new_visitor()
        .get_html(&format!(
            "/processen/{}/uitkomsten/{}",
            s.slug, s.consultation
        ))
        .await;
    assert!(page.contains("Niet alleen praten"));
    assert!(
        page.contains("Open Informatie"),
        "the thread names its theme"
    );
    assert!(
        page.contains("Kennis &lt;delen&gt;"),
        "picked quote shown, escaped"
    );
    assert!(
        !page.contains("De zoveelste club"),
        "quotes not picked stay off the page"
    );
    assert!(page.contains("Dit kwam eruit."));
    let list = app
        .new_visitor()
        .get_html(&format!("/processen/{}/uitkomsten", s.slug))
        .await;
    assert!(list.contains(&format!("/uitkomsten/{}", s.consultation)));

    // The publication left an audit row.
    let audit = inspraak_store::audit::page(app.db.read(), &Default::default(), 0, 50)
        .await
        .unwrap();
    assert!(format!("{audit:?}").contains("outcome of consultation"));
}

async fn download(app: &TestApp, path: &str) -> (String, Vec<u8>) {
    let r = app.get(path).await;
    assert_eq!(r.status().as_u16(), 200, "{path}");
    let disposition = r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    (disposition, r.bytes().await.unwrap().to_vec())
}

fn unzip(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[tokio::test]
async fn exports_round_trip_through_csv_ods_xlsx_and_json_parsers() {
    let app = spawn_app().await;
    let s = setup(
        &app,
        &[
            ("long_text", false),
            ("yes_no_why", false),
            ("rank_themes", false),
        ],
    )
    .await;
    let tricky = [
        "komma's, en \"aanhalingstekens\"",
        "regel 1\nregel 2",
        "=1+1",
        "@SUM(A1)",
        "gewoon",
    ];
    let mut ids = Vec::new();
    for (n, text) in tricky.iter().enumerate() {
        let answers = vec![
            (s.questions[0], Answer::Text((*text).into())),
            (
                s.questions[1],
                Answer::YesNo {
                    yes: n % 2 == 0,
                    why: Some(format!("{text}!")),
                },
            ),
            (
                s.questions[2],
                Answer::Ranking(vec![s.themes[2], s.themes[0]]),
            ),
        ];
        ids.push(submit(&app, &s, n, &answers).await);
    }
    app.login_as_organiser().await;
    let base = format!("/beheer/consultaties/{}/export", s.consultation);

    let (disposition, bytes) = download(&app, &format!("{base}/reacties.csv")).await;
    assert!(
        disposition.contains(&format!("reacties-{}-", s.consultation))
            && disposition.ends_with(".csv\""),
        "{disposition}"
    );
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM for Excel");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header.len(), 3 + 1 + 2 + 1);
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(rows.len(), tricky.len());
    for (n, text) in tricky.iter().enumerate() {
        let row = rows.iter().find(|r| r[0] == ids[n].to_string()).unwrap();
        assert_eq!(
            row[3],
            inspraak_web::export::neutralise(text),
            "text {text:?}"
        );
        assert_eq!(
            row[5],
            inspraak_web::export::neutralise(&format!("{text}!"))
        );
        assert_eq!(row[4], if n % 2 == 0 { "Ja" } else { "Nee" });
        assert_eq!(row[6], "1. Open Communicatie; 2. Open Technologie");
    }
    assert_eq!(rows[2][3], "'=1+1", "formula neutralised");

    let (_, ods) = download(&app, &format!("{base}/reacties.ods")).await;
    assert_eq!(
        unzip(&ods, "mimetype"),
        "application/vnd.oasis.opendocument.spreadsheet"
    );
    let content = unzip(&ods, "content.xml");
    assert!(content.contains("<text:p>regel 1</text:p><text:p>regel 2</text:p>"));
    assert!(content.contains("komma&apos;s, en &quot;aanhalingstekens&quot;"));
    assert!(!content.contains("table:formula"));

    let (disposition, xlsx) = download(&app, &format!("{base}/reacties.xlsx")).await;
    assert!(disposition.ends_with(".xlsx\""));
    let sheet = unzip(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains("=1+1</t>") && !sheet.contains("<f>"),
        "text cells, no formula"
    );
    assert!(unzip(&xlsx, "[Content_Types].xml").contains("worksheet+xml"));

    let (_, json) = download(&app, &format!("{base}/reacties.json")).await;
    let rows: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), tricky.len());
    assert_eq!(
        rows[1][&header[3]], "regel 1\nregel 2",
        "JSON keeps the text as typed"
    );

    let (_, themes) = download(&app, &format!("{base}/themas.csv")).await;
    let text = String::from_utf8(themes).unwrap();
    assert!(text.contains("Open Communicatie,5,1.00,100"), "{text}");

    // Organisers only.
    let visitor = app.new_visitor();
    let r = visitor.get(&format!("{base}/reacties.csv")).await;
    assert_ne!(r.status().as_u16(), 200);
}

#[tokio::test]
async fn open_data_allows_any_origin_to_read_and_describes_itself() {
    let app = spawn_app().await;
    let s = setup(&app, &[("pick_themes", false)]).await;
    let r = app.get("/api/v1/processen").await;
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
    let list: serde_json::Value = r.json().await.unwrap();
    assert!(
        list["processes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["slug"] == s.slug.as_str())
    );
    let one: serde_json::Value = app
        .get(&format!("/api/v1/processen/{}", s.slug))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(one["themes"].as_array().unwrap().len(), 3);
    assert_eq!(
        app.get(&format!("/api/v1/uitkomsten/{}", s.consultation))
            .await
            .status()
            .as_u16(),
        404,
        "unpublished"
    );
    let spec: serde_json::Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    assert_eq!(spec["openapi"], "3.0.3");
    assert!(spec["paths"]["/api/v1/uitkomsten/{id}"].is_object());
}

#[tokio::test]
async fn the_demo_2020_outcome_shows_48_responses_open_technologie_first_and_open_informatie_second()
 {
    let app = spawn_app().await;
    let passwords = inspraak_web::auth::password::Passwords::new();
    inspraak_web::demo::load(
        &app.db,
        &passwords,
        &app.state.keys,
        &app.state.secret_box,
        app.clock.now(),
    )
    .await
    .unwrap();
    let slug = "actieplan-open-overheid-2020-2022";
    let list = app.get_html(&format!("/processen/{slug}/uitkomsten")).await;
    let marker = format!("/processen/{slug}/uitkomsten/");
    let start = list.find(&marker).unwrap() + marker.len();
    let id: String = list[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let page = app.get_html(&format!("{marker}{id}")).await;
    assert!(page.contains("<dd class=\"responses-count\">48</dd>"));
    let first = page
        .find("<th scope=\"row\">Open Technologie</th>")
        .unwrap();
    let second = page.find("<th scope=\"row\">Open Informatie</th>").unwrap();
    let third = page
        .find("<th scope=\"row\">Open Communicatie</th>")
        .unwrap();
    assert!(first < second && second < third, "seed order");
    assert!(page.contains("Open Wetsontwerp"), "other topics listed");
    assert!(
        page.contains("Het netwerk maken we samen"),
        "recurring threads"
    );
}
