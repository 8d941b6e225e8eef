//! Our exports opened by readers that are not our writer: `calamine` for ODS and XLSX (a number
//! stays a number, a time a date cell), the `csv` crate for both CSV flavours, `serde_json` for
//! JSON, each at 0, 1 and many rows. Covers ideas, attendees and the audit log (responses and
//! figures per theme are in `outcomes/exports.rs`), and that every download is logged.

use crate::helpers::{TestApp, spawn_app};
use crate::ideas::setup;
use calamine::{Data, DataType, Reader};
use inspraak_web::export::Format;

/// Every cell of the first sheet of an ODS or XLSX file, header row first.
pub fn cells(bytes: &[u8]) -> Vec<Vec<Data>> {
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec()))
        .unwrap_or_else(|e| panic!("calamine cannot open the file: {e}"));
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    range.rows().map(<[Data]>::to_vec).collect()
}

fn csv_rows(bytes: &[u8], format: Format) -> Vec<Vec<String>> {
    let (body, delimiter) = match format {
        Format::CsvExcel => {
            assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM for Excel");
            (&bytes[3..], b';')
        }
        _ => {
            assert!(
                !bytes.starts_with(b"\xEF\xBB\xBF"),
                "no BOM in standard CSV"
            );
            (bytes, b',')
        }
    };
    let text = String::from_utf8(body.to_vec()).unwrap();
    assert!(text.ends_with("\r\n"), "CRLF line ends");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .from_reader(body)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

async fn download(app: &TestApp, path: &str) -> Vec<u8> {
    let r = app.get(path).await;
    assert_eq!(r.status().as_u16(), 200, "{path}");
    r.bytes().await.unwrap().to_vec()
}

fn is_date(cell: &Data) -> bool {
    cell.is_datetime() || cell.is_datetime_iso()
}

fn is_number(cell: &Data) -> bool {
    cell.is_int() || cell.is_float()
}

/// Downloads `base.<format>` in every format and checks it holds `rows` data rows of
/// `columns` columns; `number` and `date` are columns whose cells must keep their type.
/// Returns the JSON rows.
async fn every_format(
    app: &TestApp,
    base: &str,
    rows: usize,
    columns: usize,
    (number, date): (Option<usize>, usize),
) -> Vec<serde_json::Value> {
    let mut json = Vec::new();
    for format in Format::ALL {
        let path = format!("{base}.{}", format.name());
        let bytes = download(app, &path).await;
        match format {
            Format::Csv | Format::CsvExcel => {
                let table = csv_rows(&bytes, format);
                assert_eq!(table.len(), 1 + rows, "{path}");
                assert!(table.iter().all(|r| r.len() == columns), "{path}");
            }
            Format::Ods | Format::Xlsx => {
                let table = cells(&bytes);
                assert_eq!(table.len(), 1 + rows, "{path}");
                assert_eq!(table[0].len(), columns, "{path}");
                assert!(table[0].iter().all(|c| c.is_string()), "{path}: header");
                for row in &table[1..] {
                    if let Some(n) = number {
                        assert!(is_number(&row[n]), "{path}: {:?}", row[n]);
                    }
                    assert!(is_date(&row[date]), "{path}: {:?}", row[date]);
                }
            }
            Format::Json => {
                let value: serde_json::Value = serde_json::from_slice(&bytes)
                    .unwrap_or_else(|e| panic!("{path}: {e}: {}", String::from_utf8_lossy(&bytes)));
                json = value.as_array().unwrap().clone();
                assert_eq!(json.len(), rows, "{path}");
            }
        }
    }
    json
}

fn rfc3339(value: &serde_json::Value) -> bool {
    value
        .as_str()
        .is_some_and(|s| chrono::DateTime::parse_from_rfc3339(s).is_ok())
}

#[tokio::test]
async fn ideas_export_in_every_format_at_zero_one_and_many_rows_keeps_types() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let org = app.new_visitor();
    org.login_as_organiser().await;
    let visitor = app.new_visitor();
    let base = format!("/beheer/processen/{}/export/ideeen", s.process);
    let mut sent = 0;
    for rows in [0, 1, 4] {
        while sent < rows {
            let r = s
                .submit(
                    &visitor,
                    &[
                        ("title", &format!("Idee {sent}")),
                        ("body", "-5"),
                        ("name", ""),
                    ],
                )
                .await;
            assert_eq!(r.status().as_u16(), 303);
            sent += 1;
        }
        let json = every_format(&org, &base, rows, 11, (Some(0), 10)).await;
        for item in &json {
            assert!(item["idea_id"].is_i64(), "{item}");
            assert!(item["comments"].is_i64(), "{item}");
            assert_eq!(item["hidden"], false);
            assert_eq!(item["status"], "new");
            assert_eq!(item["visibility"], "pending");
            assert_eq!(item["text"], "-5");
            assert!(rfc3339(&item["created_at"]), "{item}");
        }
    }
}

#[tokio::test]
async fn attendee_lists_export_in_every_format_also_without_sign_ups() {
    let app = spawn_app().await;
    let process = crate::session::published_process(&app).await;
    let id = crate::session::session(&app, process, "5").await;
    app.login_as_organiser().await;
    let json = every_format(
        &app,
        &format!("/beheer/bijeenkomsten/{id}/aanmeldingen"),
        0,
        8,
        (None, 5),
    )
    .await;
    assert!(json.is_empty());
}

#[tokio::test]
async fn the_audit_log_exports_in_every_format_and_each_export_is_logged() {
    let app = spawn_app().await;
    app.login_as_organiser().await;
    let before = inspraak_store::audit::page(app.db.read(), &Default::default(), 0, 1)
        .await
        .unwrap()
        .1 as usize;
    // Each download logs itself before it is written, so the n-th file holds one row more.
    for (n, format) in Format::ALL.into_iter().enumerate() {
        let path = format!("/beheer/logboek.{}", format.name());
        let bytes = download(&app, &path).await;
        let rows = before + n + 1;
        match format {
            Format::Csv | Format::CsvExcel => {
                let table = csv_rows(&bytes, format);
                assert_eq!(table.len(), 1 + rows, "{path}");
                assert!(table.iter().all(|r| r.len() == 5), "{path}");
            }
            Format::Ods | Format::Xlsx => {
                let table = cells(&bytes);
                assert_eq!(table.len(), 1 + rows, "{path}");
                assert!(table[1..].iter().all(|r| is_date(&r[0])), "{path}");
            }
            Format::Json => {
                let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
                let entries = value.as_array().unwrap();
                assert_eq!(entries.len(), rows);
                assert!(entries.iter().all(|e| rfc3339(&e["at"])));
                let exports = entries
                    .iter()
                    .filter(|e| {
                        e["action"] == "data_exported"
                            && e["subject"].as_str().unwrap_or("").starts_with("audit log")
                    })
                    .count();
                assert_eq!(exports, n + 1, "every download is logged");
            }
        }
    }
    // A filter narrows the export; an unknown format is 404.
    let bytes = download(&app, "/beheer/logboek.json?actie=data_exported").await;
    let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert!(
        value
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["action"] == "data_exported")
    );
    assert_eq!(app.get("/beheer/logboek.pdf").await.status().as_u16(), 404);
    assert_ne!(
        app.new_visitor()
            .get("/beheer/logboek.csv")
            .await
            .status()
            .as_u16(),
        200,
        "organisers only"
    );
}

/// Runs `inspraak` with the database at `db_url`; panics with its stderr when it fails.
fn inspraak(db_url: &str, dir: &std::path::Path, args: &[&str]) -> String {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_inspraak"))
        .args(args)
        .env("DATABASE_URL", db_url)
        .env("INSPRAAK_DATA_DIR", dir)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[tokio::test]
async fn the_cli_exports_what_the_web_exports_and_logs_each_export() {
    let dir = tempfile::tempdir().unwrap();
    let db_url = format!("sqlite://{}/cli.db?mode=rwc", dir.path().display());
    inspraak(&db_url, dir.path(), &["demo"]);
    let db = inspraak_store::Db::connect(&db_url, inspraak_store::Durability::Normal)
        .await
        .unwrap();
    let process = inspraak_store::process::find_by_slug(db.read(), "actieplan-open-overheid-2026")
        .await
        .unwrap()
        .unwrap();
    let consultations =
        inspraak_store::consultation::admin::list_for_process(db.read(), process.id)
            .await
            .unwrap();
    let consultation = consultations[0].id.0.to_string();
    let process_id = process.id.0.to_string();
    let runs: [(&str, &str, &str); 4] = [
        ("responses", "--consultation", &consultation),
        ("themes", "--consultation", &consultation),
        ("ideas", "--process", &process_id),
        ("audit", "--lang", "en"),
    ];
    for (what, flag, value) in runs {
        for format in ["json", "xlsx", "excel.csv"] {
            let file = dir.path().join(format!("{what}.{format}"));
            let out = inspraak(
                &db_url,
                dir.path(),
                &[
                    "export",
                    "--what",
                    what,
                    flag,
                    value,
                    "--format",
                    format,
                    "-o",
                    file.to_str().unwrap(),
                ],
            );
            assert!(out.to_lowercase().contains("written to"), "{out}");
            let bytes = std::fs::read(&file).unwrap();
            match format {
                "json" => {
                    let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
                    assert!(value.is_array(), "{what}");
                }
                "xlsx" => assert!(!cells(&bytes).is_empty(), "{what}"),
                _ => assert!(!csv_rows(&bytes, Format::CsvExcel).is_empty(), "{what}"),
            }
        }
    }
    // Each run left an audit row, with the command line as its actor.
    let (entries, _) = inspraak_store::audit::page(db.read(), &Default::default(), 0, 100)
        .await
        .unwrap();
    let logged = entries
        .iter()
        .filter(|e| e.actor_label.as_deref() == Some("command line"))
        .count();
    assert_eq!(logged, 12);
}
