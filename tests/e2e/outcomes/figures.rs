//! Every figure on the public outcomes page against a count made here from the submitted
//! answers, also after hiding responses.

use super::*;

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
    themes: &[process::Theme],
    responses: &[(ResponseId, Vec<(QuestionId, Answer)>)],
    hidden: &BTreeSet<ResponseId>,
) -> Expected {
    let mut e = Expected::default();
    let name = |id: &inspraak_domain::ThemeId| {
        themes
            .iter()
            .find(|t| t.id == *id)
            .unwrap()
            .name
            .main
            .clone()
    };
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
        .find(&format!("<h3 class=\"utrecht-heading-3\">{prompt}</h3>"))
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

fn check_page(page: &str, questions: &[Question], themes: &[process::Theme], e: &Expected) {
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
        let part = section(page, &q.prompt.main);
        let answered = e.answered.get(&q.id).copied().unwrap_or(0);
        assert!(
            part.contains(&format!("{} mensen gaven antwoord", shown(answered)[0])),
            "{}: answered {answered}",
            q.prompt.main
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
                    let chosen = count(&t.name.main);
                    let rows: Vec<String> = shown(chosen)
                        .into_iter()
                        .map(|cell| {
                            let mut row = format!(
                                "<th scope=\"row\">{}</th><td class=\"num\">{cell}</td>",
                                t.name.main
                            );
                            if q.kind == QuestionKind::RankThemes {
                                let avg = match e.rank_sum.get(&(q.id, t.name.main.clone())) {
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
                        q.prompt.main
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
                        q.prompt.main
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
                        q.prompt.main
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

#[tokio::test]
async fn every_figure_on_the_outcomes_page_matches_an_independent_count_also_after_hiding() {
    let app = spawn_app().await;
    let s = setup(&app, &EVERY_KIND).await;
    let conn = app.db.read();
    let questions = consultation::questions(conn, s.consultation).await.unwrap();
    let c = consultation::find(conn, s.consultation)
        .await
        .unwrap()
        .unwrap();
    let themes = process::themes(conn, c.process_id).await.unwrap();
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
