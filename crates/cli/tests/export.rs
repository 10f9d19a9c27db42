//! `entente export` in every format on a store filled through the store's API.

#[path = "../../serve/tests/common/mod.rs"]
mod common;

use std::process::Command;

fn export(db: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_entente"))
        .arg("export")
        .args(args)
        .args(["--db", db])
        .output()
        .expect("run entente");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn jsonl_and_csv() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = common::fixture_db(dir.path());
    let (ok, out, err) = export(&db, &["--format", "jsonl"]);
    assert!(ok, "{err}");
    let events: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(events.len(), 6, "six distinct events in the fixtures");
    assert!(events
        .iter()
        .all(|e| e["members"].as_array().is_some_and(|m| !m.is_empty())));

    let (ok, out, _) = export(&db, &["--format", "jsonl", "--what", "mentions"]);
    assert!(ok);
    let first: serde_json::Value =
        serde_json::from_str(out.lines().next().unwrap_or("")).expect("json");
    assert!(
        first["trigger_span"].is_array() && first["event_id"].is_string(),
        "{first}"
    );

    let (ok, out, _) = export(&db, &["--format", "csv", "--what", "quotes"]);
    assert!(ok);
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let headers = r.headers().expect("headers").clone();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("row")).collect();
    assert_eq!(rows.len(), 1);
    let speaker = headers
        .iter()
        .position(|h| h == "speaker_name")
        .expect("column");
    assert_eq!(&rows[0][speaker], "John Kerry");

    let (ok, out, _) = export(&db, &["--format", "csv"]);
    assert!(ok);
    // Sentences with commas and quotes survive CSV quoting.
    let mut r = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(r.records().count(), 6);
}

#[test]
fn gdelt_tsv_has_61_mapped_columns() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = common::fixture_db(dir.path());
    let (ok, out, err) = export(&db, &["--format", "gdelt"]);
    assert!(ok, "{err}");
    let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 6);
    assert!(lines.iter().all(|c| c.len() == 61), "61 GDELT 2.0 columns");
    let strike = lines
        .iter()
        .find(|c| c[26] == "195")
        .expect("the airstrike");
    assert_eq!(strike[1], "20140923"); // SQLDATE
    assert_eq!(strike[5], "USA"); // Actor1Code
    assert_eq!(strike[15], "IMGMUSISI"); // Actor2Code
    assert_eq!(strike[18], "MUS"); // Actor2KnownGroupCode
    assert_eq!((strike[27], strike[28], strike[29]), ("195", "19", "4"));
    assert_eq!((strike[31], strike[32], strike[33]), ("1", "1", "1"));
    assert_eq!(strike[60], "https://example.org/iran-west"); // SOURCEURL
    let (ok, _, err) = export(&db, &["--format", "gdelt", "--what", "quotes"]);
    assert!(!ok && err.contains("events only"), "{err}");
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_round_trip() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let dir = tempfile::tempdir().expect("tempdir");
    let db = common::fixture_db(dir.path());
    let path = dir.path().join("events.parquet");
    let p = path.to_string_lossy().into_owned();
    let (ok, _, err) = export(&db, &["--format", "parquet", "--out", &p]);
    assert!(ok, "{err}");
    let reader =
        SerializedFileReader::new(std::fs::File::open(&path).expect("file")).expect("parquet");
    let meta = reader.metadata();
    assert_eq!(meta.file_metadata().num_rows(), 6);
    let cols: Vec<String> = meta
        .file_metadata()
        .schema_descr()
        .columns()
        .iter()
        .map(|c| c.name().to_string())
        .collect();
    assert!(cols.contains(&"cameo".to_string()) && cols.contains(&"sources".to_string()));
}

#[cfg(not(feature = "parquet"))]
#[test]
fn parquet_without_the_feature_says_how_to_get_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = common::fixture_db(dir.path());
    let p = dir.path().join("x.parquet").to_string_lossy().into_owned();
    let (ok, _, err) = export(&db, &["--format", "parquet", "--out", &p]);
    assert!(!ok && err.contains("--features parquet"), "{err}");
}

#[test]
fn partitioned_by_date() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = common::fixture_db(dir.path());
    let out_dir = dir.path().join("parts");
    let o = out_dir.to_string_lossy().into_owned();
    let (ok, _, err) = export(
        &db,
        &["--format", "csv", "--partition-by", "month", "--out", &o],
    );
    assert!(ok, "{err}");
    let (_, all, _) = export(&db, &["--format", "csv"]);
    let total = all.lines().count() - 1;
    // One Hive-style folder per month; together they hold every row once.
    let mut rows = 0;
    let mut folders: Vec<String> = std::fs::read_dir(&out_dir)
        .expect("partition folders")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    assert!(!folders.is_empty());
    for f in &folders {
        assert!(f.starts_with("date="), "{f}");
        let key = &f["date=".len()..];
        assert!(key == "unknown" || key.len() == 7, "{key}");
        let text = std::fs::read_to_string(out_dir.join(f).join("part-0.csv")).expect("part");
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let date_col = r
            .headers()
            .expect("headers")
            .iter()
            .position(|h| h == "date")
            .expect("date column");
        for rec in r.records() {
            let rec = rec.expect("row");
            assert!(key == "unknown" || rec[date_col].starts_with(key));
            rows += 1;
        }
    }
    assert_eq!(rows, total);
    let (ok, _, err) = export(
        &db,
        &["--format", "jsonl", "--partition-by", "month", "--out", &o],
    );
    assert!(!ok && err.contains("--partition-by"), "{err}");
}
