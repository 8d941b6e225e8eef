//! The organiser's "ideas with status" export: every idea of a process (hidden ones marked), its
//! status, explanation, comment count and action point, read back by real CSV, zip and JSON
//! parsers; formulas neutralised in the CSV; no contact addresses; an audit row per download.

use crate::helpers::{TestApp, spawn_app, unzip};
use crate::ideas::setup;
use inspraak_domain::Email;
use inspraak_store::ideas::{self, forum};
use inspraak_store::users;

async fn download(app: &TestApp, path: &str) -> (String, Vec<u8>) {
    let r = app.get(path).await;
    assert_eq!(r.status().as_u16(), 200, "{path}");
    let disposition = r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    (disposition, r.bytes().await.unwrap().to_vec())
}

const TRICKY: [(&str, &str); 4] = [
    (
        "komma's, en \"aanhalingstekens\"",
        "Een tekst met, komma's en \"quotes\".",
    ),
    ("Meerdere regels", "regel 1\nregel 2\nregel 3"),
    ("=1+1", "=HYPERLINK(\"http://x\")"),
    ("Gewoon idee", "@SUM(A1) en -5"),
];

#[tokio::test]
async fn ideas_export_round_trips_with_status_hidden_marked_and_no_addresses() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let visitor = app.new_visitor();
    for (n, (title, body)) in TRICKY.iter().enumerate() {
        let mut fields = vec![("title", *title), ("body", *body), ("name", "Indiener")];
        if n == 0 {
            fields.extend([("email", "indiener@example.nl"), ("consent", "ja")]);
        }
        let sent = s.submit(&visitor, &fields).await;
        assert_eq!(sent.status().as_u16(), 303, "{title}");
    }
    let all = ideas::all_for_process(app.db.read(), s.process)
        .await
        .unwrap();
    assert_eq!(all.len(), TRICKY.len());
    let id_of = |title: &str| all.iter().find(|i| i.title == title).unwrap().id;

    let org = app.new_visitor();
    org.login_as_organiser().await;
    let admin = format!("/beheer/processen/{}/ideeen", s.process);
    let page = org.get_html(&admin).await;
    let csv_link = format!("/beheer/processen/{}/export/ideeen.csv", s.process);
    assert!(page.contains(&csv_link), "link on the ideas page");

    // Approve the first two, hide the third (with a reason), leave the last pending.
    for (title, action, reason) in [
        (TRICKY[0].0, "approve", ""),
        (TRICKY[1].0, "approve", ""),
        (TRICKY[2].0, "hide", "Reclame"),
    ] {
        let r = org
            .post_form(
                &admin,
                &format!("{admin}/{}/moderatie", id_of(title)),
                &[("action", action), ("reason", reason)],
            )
            .await;
        assert_eq!(r.status().as_u16(), 303);
    }
    let points = format!("/beheer/processen/{}/actiepunten", s.process);
    let created = org
        .post_form(
            &points,
            &points,
            &[
                ("title", "Open by design, \"altijd\""),
                ("description", "Open werken als standaard."),
                ("theme", &s.themes[0].to_string()),
                ("holder", "Ministerie van BZK"),
                ("holder_account", ""),
                ("partners", ""),
                ("status", "in_progress"),
                ("findings", ""),
            ],
        )
        .await;
    assert_eq!(created.status().as_u16(), 303);
    let point_id = created.headers()["location"]
        .to_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    let explanation = "Staat in het plan; zie \"actiepunt\".\nTweede regel.";
    let linked = org
        .post_form(
            &admin,
            &format!("{admin}/{}/status", id_of(TRICKY[0].0)),
            &[
                ("status", "included"),
                ("action_point", &point_id),
                ("explanation", explanation),
            ],
        )
        .await;
    assert_eq!(linked.status().as_u16(), 303);
    // Two comments on the second idea.
    let organiser = users::credentials_by_email(
        app.db.read(),
        &Email::parse("organisator@example.nl").unwrap(),
    )
    .await
    .unwrap()
    .unwrap()
    .user;
    for body in ["Eens", "Oneens"] {
        forum::add_comment(
            app.db.write(),
            forum::CommentSubject::Idea(id_of(TRICKY[1].0)),
            None,
            organiser.id,
            body,
            app.clock.now(),
        )
        .await
        .unwrap();
    }

    // CSV (standard: no BOM), file name, one row per idea, every text back as typed (formulas neutralised).
    let (disposition, bytes) = download(&org, &csv_link).await;
    let date = inspraak_domain::time::local_date(app.clock.now()).format("%Y-%m-%d");
    assert!(
        disposition.contains(&format!("ideeen-{}-{date}.csv", s.slug)),
        "{disposition}"
    );
    assert!(
        !bytes.starts_with(b"\xEF\xBB\xBF"),
        "no BOM in standard CSV"
    );
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(
        !text.contains("indiener@example.nl"),
        "no contact addresses"
    );
    let mut reader = csv::Reader::from_reader(&bytes[..]);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "Idee",
            "Thema",
            "Titel",
            "Tekst",
            "Status",
            "Uitleg bij de status",
            "Verborgen",
            "Zichtbaarheid",
            "Aantal reacties",
            "Actiepunt",
            "Ingestuurd op"
        ]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(rows.len(), TRICKY.len());
    let neutral = inspraak_web::export::neutralise;
    for (title, body) in TRICKY {
        let id = id_of(title).to_string();
        let row = rows.iter().find(|r| r[0] == id).unwrap();
        assert_eq!(row[1], "Open Data");
        assert_eq!(row[2], neutral(title), "title {title:?}");
        assert_eq!(row[3], neutral(body), "body {body:?}");
    }
    let row = |n: usize| {
        let id = id_of(TRICKY[n].0).to_string();
        rows.iter().find(|r| r[0] == id).unwrap().clone()
    };
    assert_eq!(row(2)[2], "'=1+1", "formula neutralised");
    assert_eq!(row(2)[3], "'=HYPERLINK(\"http://x\")");
    assert_eq!(row(3)[3], "'@SUM(A1) en -5");
    assert_eq!(row(1)[3], "regel 1\nregel 2\nregel 3");
    assert_eq!(
        row(0)[4..10],
        [
            "Opgenomen in een actiepunt",
            explanation,
            "Nee",
            "Openbaar",
            "0",
            "Open by design, \"altijd\""
        ]
    );
    assert_eq!(row(1)[4..10], ["Nieuw", "", "Nee", "Openbaar", "2", ""]);
    assert_eq!(row(2)[6..8], ["Ja", "Verborgen"], "hidden idea marked");
    assert_eq!(row(3)[6..8], ["Nee", "Wacht op moderatie"]);
    assert_eq!(row(3)[10].len(), "2026-01-01 12:00".len());

    // ODS and XLSX: text cells only, line breaks kept, markup escaped.
    let (disposition, ods) = download(&org, &csv_link.replace(".csv", ".ods")).await;
    assert!(disposition.ends_with(".ods\""));
    let content = unzip(&ods, "content.xml");
    assert!(content.contains("<text:p>regel 1</text:p><text:p>regel 2</text:p>"));
    assert!(content.contains("komma&apos;s, en &quot;aanhalingstekens&quot;"));
    assert!(content.contains(">Verborgen<") && !content.contains("table:formula"));
    let (_, xlsx) = download(&org, &csv_link.replace(".csv", ".xlsx")).await;
    let sheet = unzip(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(">=1+1</t>") && !sheet.contains("<f>"));
    assert!(unzip(&xlsx, "xl/workbook.xml").contains("name=\"Ideeën\""));

    // JSON keeps every text exactly as typed.
    let (_, json) = download(&org, &csv_link.replace(".csv", ".json")).await;
    let items: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(items.as_array().unwrap().len(), TRICKY.len());
    for (title, body) in TRICKY {
        let item = items
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["idea_id"] == id_of(title).0)
            .unwrap();
        assert_eq!(item["title"], title);
        assert_eq!(item["text"], body);
        assert!(
            item["created_at"].as_str().unwrap().ends_with('Z'),
            "RFC 3339"
        );
    }

    // Every download left its own audit row.
    let (audit, _) = inspraak_store::audit::page(app.db.read(), &Default::default(), 0, 50)
        .await
        .unwrap();
    let exported = audit
        .iter()
        .filter(|e| e.action == Some(inspraak_domain::AuditAction::IdeasExported))
        .count();
    assert_eq!(exported, 4);

    // Organisers only; an unknown format or process is 404.
    assert_ne!(visitor.get(&csv_link).await.status().as_u16(), 200);
    let r = org.get(&csv_link.replace(".csv", ".pdf")).await;
    assert_eq!(r.status().as_u16(), 404);
    let r = org.get("/beheer/processen/999999/export/ideeen.csv").await;
    assert_eq!(r.status().as_u16(), 404);
}
