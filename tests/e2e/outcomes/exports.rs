//! Exports that round-trip through real CSV, ODS, XLSX and JSON parsers, and the open data.

use super::*;
use calamine::DataType;

async fn download(app: &TestApp, path: &str) -> (String, Vec<u8>) {
    let r = app.get(path).await;
    assert_eq!(r.status().as_u16(), 200, "{path}");
    let disposition = r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    (disposition, r.bytes().await.unwrap().to_vec())
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
    assert!(
        !bytes.starts_with(b"\xEF\xBB\xBF"),
        "no BOM in standard CSV"
    );
    let mut reader = csv::Reader::from_reader(&bytes[..]);
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
    let key = format!("q{}", s.questions[0]);
    assert_eq!(
        rows[1][&key], "regel 1\nregel 2",
        "JSON keeps the text as typed"
    );
    assert!(rows[1]["response_id"].is_i64(), "ids are numbers");
    assert!(rows[1]["hidden"].is_boolean());

    // Another reader than ours: numbers and dates keep their type.
    for format in ["ods", "xlsx"] {
        let (_, bytes) = download(&app, &format!("{base}/reacties.{format}")).await;
        let cells = crate::export_readers::cells(&bytes);
        assert_eq!(cells.len(), 1 + tricky.len(), "{format}");
        assert!(
            cells[1][0].is_int() || cells[1][0].is_float(),
            "{format}: {:?}",
            cells[1][0]
        );
        assert!(
            cells[1][1].is_datetime() || cells[1][1].is_datetime_iso(),
            "{format}: {:?}",
            cells[1][1]
        );
        let (_, bytes) = download(&app, &format!("{base}/themas.{format}")).await;
        let cells = crate::export_readers::cells(&bytes);
        let row = cells.iter().find(|r| r[1] == "Open Communicatie").unwrap();
        assert_eq!(row[2].as_f64(), Some(5.0), "{format}: chosen is a number");
        assert_eq!(row[3].as_f64(), Some(1.0), "{format}: average is a number");
    }

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
    assert_eq!(spec["openapi"], "3.1.0");
    assert!(spec["paths"]["/api/v1/uitkomsten/{id}"].is_object());
}
