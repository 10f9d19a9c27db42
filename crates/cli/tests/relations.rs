//! `entente dyad`, `network` and `balance` on a store filled through the
//! store's API with a seed-like article (the fixtures are shared with the
//! server's tests).

#[path = "../../serve/tests/common/mod.rs"]
mod common;

use std::process::Command;

fn entente(db: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_entente"))
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
fn balance_json_reports_the_seed_triad_with_sentences() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = common::fixture_db(dir.path());
    let (ok, out, err) = entente(&db, &["balance", "--json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let t = &v["balance"]["unbalanced"][0];
    assert_eq!(t["nodes"], serde_json::json!(["IMGMUSISI", "IRN", "USA"]));
    assert_eq!(t["kind"], "---");
    // Every event behind every edge is listed with the sentence saying so.
    for e in t["edges"].as_array().expect("edges") {
        for id in e["event_ids"].as_array().expect("ids") {
            let ev = &v["events"][id.as_str().expect("id")];
            assert!(
                ev["mentions"][0]["text"]
                    .as_str()
                    .is_some_and(|s| !s.is_empty()),
                "{id}: {ev}"
            );
        }
    }
    let usa_isis = &t["edges"][1];
    let id = usa_isis["event_ids"][0].as_str().expect("id");
    assert!(v["events"][id]["mentions"][0]["text"]
        .as_str()
        .unwrap_or("")
        .contains("airstrikes"));

    let (ok, out, _) = entente(&db, &["balance", "--actor", "IRNGOV", "--other", "USA"]);
    assert!(ok);
    assert!(out.contains("IRN and USA both oppose IMGMUSISI"), "{out}");
    assert!(out.contains("between them: hostile"), "{out}");
}

#[test]
fn dyad_series_and_network_formats() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = common::fixture_db(dir.path());
    let (ok, out, err) = entente(&db, &["dyad", "IRN", "USA", "--by", "month", "--json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["series"][0]["label"], "2014-09");
    assert_eq!(v["series"][0]["events"], 3);
    assert_eq!(v["series"][0]["net_cooperation"], -1.0);
    let (ok, table, _) = entente(&db, &["dyad", "IRN", "USA", "--by", "week"]);
    assert!(
        ok && table.contains("2014-W38") && table.contains("2014-W39"),
        "{table}"
    );
    let (ok, _, err) = entente(&db, &["dyad", "IRN", "USA", "--by", "decade"]);
    assert!(!ok && err.contains("granularity"), "{err}");

    let (ok, out, _) = entente(&db, &["network", "--format", "json", "--to", "2014-09-20"]);
    assert!(ok);
    let n: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(n["edges"].as_array().map(Vec::len), Some(1));
    let (ok, gml, _) = entente(&db, &["network", "--format", "graphml"]);
    assert!(ok);
    assert_eq!(gml.matches("<edge ").count(), 4, "{gml}");
    assert_eq!(gml.matches("<node ").count(), 4, "{gml}");
    assert!(gml.contains("<data key=\"sign\">-1</data>"));
    let (ok, _, err) = entente(&db, &["network", "--from", "last week"]);
    assert!(!ok && err.contains("YYYY-MM-DD"), "{err}");
}
