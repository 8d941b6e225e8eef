//! Our ODS and XLSX opened by LibreOffice: each file is converted to CSV with
//! `soffice --headless --convert-to csv` and must hold the same cells as our own CSV of the same
//! data (where our CSV has the formula guard `'` in front, LibreOffice shows the text as typed,
//! because every cell of ours is a text cell). `.ci/run` installs LibreOffice (Debian's
//! `libreoffice-calc-nogui`) and sets `INSPRAAK_REQUIRE_SOFFICE=1`, where a missing `soffice` fails
//! the test; a developer machine without it prints "skipped: soffice not found".

use crate::helpers::spawn_app;
use crate::ideas::setup;
use inspraak_web::export::{Format, SheetWriter, neutralise};
use std::path::{Path, PathBuf};
use std::process::Command;

fn soffice() -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|dir| Path::new(dir).join("soffice"))
        .find(|p| p.is_file())
}

fn parse_csv(bytes: &[u8]) -> Vec<Vec<String>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// Converts `file` to CSV (UTF-8, comma, double quotes) with LibreOffice and parses it.
fn converted(soffice: &Path, dir: &Path, file: &Path) -> Vec<Vec<String>> {
    let out = dir.join("out");
    let profile = format!("file://{}", dir.join("profile").display());
    let status = Command::new(soffice)
        .arg(format!("-env:UserInstallation={profile}"))
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1",
        ])
        .arg("--outdir")
        .arg(&out)
        .arg(file)
        .output()
        .unwrap();
    let csv = out.join(file.with_extension("csv").file_name().unwrap());
    let bytes = std::fs::read(&csv).unwrap_or_else(|e| {
        panic!(
            "LibreOffice did not convert {}: {e}; {}{}",
            file.display(),
            String::from_utf8_lossy(&status.stdout),
            String::from_utf8_lossy(&status.stderr)
        )
    });
    std::fs::remove_file(&csv).unwrap();
    parse_csv(&bytes)
}

/// Our CSV's rows against LibreOffice's reading of the ODS or XLSX of the same data.
fn assert_same_cells(ours: &[Vec<String>], theirs: &[Vec<String>], what: &str) {
    assert_eq!(ours.len(), theirs.len(), "{what}: number of rows");
    for (n, (a, b)) in ours.iter().zip(theirs).enumerate() {
        // LibreOffice leaves trailing empty cells out of a row.
        let b: Vec<String> = (0..a.len())
            .map(|i| b.get(i).cloned().unwrap_or_default())
            .collect();
        let b: Vec<String> = b.iter().map(|c| neutralise(c)).collect();
        assert_eq!(a, &b, "{what}: row {n}");
    }
}

const TRICKY: [&str; 10] = [
    "komma's, en \"aanhalingstekens\"",
    "regel 1\nregel 2",
    "=1+1",
    "@SUM(A1)",
    "+31 6 12345678",
    "-5",
    "<b>vet</b> & 'zo'",
    "Ideeën — één, twee; 😀",
    "0012",
    "  spaties  ",
];

fn big_table(rows: usize) -> Vec<Vec<String>> {
    let mut table = vec![vec![
        "Nr".to_owned(),
        "Tekst".to_owned(),
        "Nog een".to_owned(),
    ]];
    for n in 0..rows {
        table.push(vec![
            format!("r{n}"),
            TRICKY[n % TRICKY.len()].to_owned(),
            format!("{}, {n}", TRICKY[(n * 7 + 3) % TRICKY.len()]),
        ]);
    }
    table
}

/// Writes a table as a download does: compressed, bytes taken after every 1,000 rows.
fn write(format: Format, table: &[Vec<String>]) -> Vec<u8> {
    let mut writer = SheetWriter::new(format, "Blad [1]").unwrap();
    writer.header(&table[0]).unwrap();
    let mut bytes = Vec::new();
    for (n, row) in table[1..].iter().enumerate() {
        writer.row(row).unwrap();
        if n % 1000 == 999 {
            bytes.extend(writer.take().unwrap());
        }
    }
    bytes.extend(writer.finish().unwrap());
    bytes
}

#[tokio::test]
async fn libreoffice_opens_our_ods_and_xlsx_with_the_same_cells_as_our_csv() {
    let Some(soffice) = soffice() else {
        assert!(
            std::env::var_os("INSPRAAK_REQUIRE_SOFFICE").is_none(),
            "INSPRAAK_REQUIRE_SOFFICE is set but soffice is not on PATH"
        );
        println!("skipped: soffice not found");
        return;
    };
    let dir = tempfile::tempdir().unwrap();

    // 1. A table of 2,500 rows written page by page, as a download is.
    let table = big_table(2500);
    let ours = parse_csv(&write(Format::Csv, &table));
    for format in [Format::Ods, Format::Xlsx] {
        let file = dir.path().join(format!("tabel.{}", format.extension()));
        std::fs::write(&file, write(format, &table)).unwrap();
        let theirs = converted(&soffice, dir.path(), &file);
        assert_same_cells(&ours, &theirs, &format!("table {}", format.extension()));
    }

    // 2. The real download of a process's ideas.
    let app = spawn_app().await;
    let s = setup(&app).await;
    let visitor = app.new_visitor();
    for (n, text) in TRICKY.iter().enumerate() {
        // A title is one line: the tricky text goes into the title where it can.
        let title = if text.contains('\n') {
            format!("Idee {n}")
        } else {
            format!("{}!", text.trim())
        };
        let sent = s
            .submit(&visitor, &[("title", &title), ("body", text), ("name", "")])
            .await;
        assert_eq!(sent.status().as_u16(), 303, "{text:?}");
    }
    let org = app.new_visitor();
    org.login_as_organiser().await;
    let base = format!("/beheer/processen/{}/export/ideeen", s.process);
    let csv = org.get(&format!("{base}.csv")).await.bytes().await.unwrap();
    let ours = parse_csv(&csv);
    assert_eq!(ours.len(), 1 + TRICKY.len());
    // Download both first: LibreOffice takes longer than the server keeps an idle connection.
    let mut files = Vec::new();
    for format in [Format::Ods, Format::Xlsx] {
        let ext = format.extension();
        let r = org.get(&format!("{base}.{ext}")).await;
        assert_eq!(r.status().as_u16(), 200);
        let file = dir.path().join(format!("ideeen.{ext}"));
        std::fs::write(&file, r.bytes().await.unwrap()).unwrap();
        files.push(file);
    }
    for file in files {
        let theirs = converted(&soffice, dir.path(), &file);
        assert_same_cells(&ours, &theirs, &format!("ideas {}", file.display()));
    }
}

/// Converts `file` to `to` (`ods`, `xlsx`) with LibreOffice and returns the new file's bytes.
fn converted_to(soffice: &Path, dir: &Path, file: &Path, to: &str) -> Vec<u8> {
    let out = dir.join(format!("out-{to}"));
    let profile = format!("file://{}", dir.join("profile").display());
    let status = Command::new(soffice)
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--convert-to", to, "--outdir"])
        .arg(&out)
        .arg(file)
        .output()
        .unwrap();
    let target = out.join(file.with_extension(to).file_name().unwrap());
    std::fs::read(&target).unwrap_or_else(|e| {
        panic!(
            "LibreOffice did not convert {} to {to}: {e}; {}",
            file.display(),
            String::from_utf8_lossy(&status.stderr)
        )
    })
}

#[tokio::test]
async fn libreoffice_keeps_our_numbers_numbers_and_our_dates_dates() {
    use calamine::{Data, DataType};
    use inspraak_web::export::{Cell, Column, Kind, typed_table};
    let Some(soffice) = soffice() else {
        assert!(
            std::env::var_os("INSPRAAK_REQUIRE_SOFFICE").is_none(),
            "INSPRAAK_REQUIRE_SOFFICE is set but soffice is not on PATH"
        );
        println!("skipped: soffice not found");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let columns = [
        Column::new("id", "Nummer", Kind::Integer),
        Column::new("average", "Gemiddelde", Kind::Decimal),
        Column::new("at", "Ingestuurd", Kind::DateTime),
        Column::new("text", "Tekst", Kind::Text),
    ];
    let at = chrono::DateTime::parse_from_rfc3339("2026-07-01T10:15:00Z")
        .unwrap()
        .to_utc();
    let rows: Vec<Vec<Cell>> = (0..3)
        .map(|n| {
            vec![
                Cell::Integer(n - 1),
                Cell::Decimal(1.25 * n as f64),
                Cell::DateTime(at),
                Cell::text("=1+1"),
            ]
        })
        .collect();
    for (ours, theirs) in [(Format::Ods, "xlsx"), (Format::Xlsx, "ods")] {
        let file = dir.path().join(format!("typed.{}", ours.extension()));
        std::fs::write(&file, typed_table(ours, "Blad", &columns, &rows).unwrap()).unwrap();
        let bytes = converted_to(&soffice, dir.path(), &file, theirs);
        let table = crate::export_readers::cells(&bytes);
        assert_eq!(table.len(), 4, "{theirs}");
        for (n, row) in table[1..].iter().enumerate() {
            assert_eq!(row[0].as_f64(), Some(n as f64 - 1.0), "{theirs}: {row:?}");
            assert_eq!(row[1].as_f64(), Some(1.25 * n as f64), "{theirs}: {row:?}");
            // 12:15 in Amsterdam, stored as a date cell, not as text.
            match &row[2] {
                // Days since 1899-12-30: 1 July 2026 is day 46204, 12:15 is 12.25/24 of a day.
                Data::DateTime(d) => assert!(
                    (d.as_f64() - (46204.0 + 12.25 / 24.0)).abs() < 1e-6,
                    "{theirs}: {d:?}"
                ),
                Data::DateTimeIso(s) => assert!(s.starts_with("2026-07-01T12:15"), "{theirs}: {s}"),
                other => panic!("{theirs}: not a date cell: {other:?}"),
            }
            assert_eq!(
                row[3],
                Data::String("=1+1".into()),
                "{theirs}: text, not a formula"
            );
        }
    }
}
