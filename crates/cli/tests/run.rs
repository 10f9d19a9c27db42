//! End-to-end tests of `entente run` against real SQLite files: idempotence,
//! bad input, and a real SIGKILL in the middle of a run.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_entente"))
}

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// Every table, every row, in primary-key order, as text.
fn dump(db: &Path) -> Vec<(String, Vec<String>)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let tables = [
        ("documents", "id"),
        ("document_sources", "doc_id, source"),
        ("sentences", "doc_id, idx"),
        ("mentions", "doc_id, idx"),
        ("event_mentions", "doc_id, idx"),
        ("events", "id"),
        ("quotes", "doc_id, idx"),
        ("warnings", "source, message"),
        ("schema_migrations", "version"),
    ];
    let mut out = Vec::new();
    for (t, pk) in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {t} ORDER BY {pk}"))
            .unwrap();
        let n = stmt.column_count();
        let rows: Vec<String> = stmt
            .query_map([], |r| {
                let cells: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                    .collect();
                Ok(cells.join("\u{1f}"))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        out.push((t.to_string(), rows));
    }
    out
}

fn count(db: &Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
        .unwrap_or(0)
}

#[test]
fn run_is_idempotent_and_report_json_has_counts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    let st = bin()
        .args(["run", "-q", "--db"])
        .arg(&db)
        .arg(examples())
        .status()
        .unwrap();
    assert!(st.success());
    let first = dump(&db);
    assert!(count(&db, "documents") >= 300);
    assert!(count(&db, "sentences") > count(&db, "documents") * 5);
    let st = bin()
        .args(["run", "-q", "--db"])
        .arg(&db)
        .arg(examples())
        .status()
        .unwrap();
    assert!(st.success());
    assert_eq!(first, dump(&db), "second run changed the database");

    let out = bin()
        .args(["report", "--json", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for k in ["documents", "sentences", "mentions", "events", "quotes"] {
        assert!(v[k].is_u64(), "report --json lacks {k}: {v}");
    }
    assert_eq!(v["documents"].as_i64().unwrap(), count(&db, "documents"));
}

#[test]
fn bad_inputs_are_reported_and_good_ones_stored() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::write(
        inputs.join("mixed.jsonl"),
        "{\"url\":\"https://a.example/1\",\"text\":\"Iran met Britain. Talks went well.\"}\n{\"url\": broken\n{\"url\":\"https://a.example/2\",\"text\":\"The UN condemned the attack.\"}\n",
    )
    .unwrap();
    std::fs::write(inputs.join("junk.txt"), [0u8, 159, 146, 150, 0, 1, 2, 3]).unwrap();
    let db = dir.path().join("e.db");
    let out = bin()
        .args(["run", "--db"])
        .arg(&db)
        .arg(&inputs)
        .arg(dir.path().join("missing.jsonl"))
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "a failed input must give a non-zero exit"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("mixed.jsonl:2"),
        "error must name file and line: {err}"
    );
    assert!(err.contains("junk.txt"), "{err}");
    assert!(err.contains("missing.jsonl"), "{err}");
    assert_eq!(count(&db, "documents"), 2, "the good records are stored");
    assert_eq!(count(&db, "warnings"), 3);
}

#[test]
fn killed_run_resumes_to_the_same_database() {
    // A corpus big enough that a one-thread run takes a while: the examples
    // repeated under distinct URLs.
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let mut lines = String::new();
    let src = std::fs::read_to_string(examples().join("corpus/whitehouse-sample.jsonl")).unwrap();
    for copy in 0..12 {
        for (i, l) in src.lines().enumerate() {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["url"] = format!("https://copy{copy}.example/{i}").into();
            lines.push_str(&v.to_string());
            lines.push('\n');
        }
    }
    std::fs::write(&corpus, lines).unwrap();
    let total = 12 * src.lines().count() as i64;

    let killed = dir.path().join("killed.db");
    let mut child = bin()
        .args(["run", "-q", "-j", "1", "--batch", "8", "--db"])
        .arg(&killed)
        .arg(&corpus)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until some batches are committed, then SIGKILL mid-run.
    let t0 = Instant::now();
    while count(&killed, "documents") < 16 {
        assert!(
            t0.elapsed() < Duration::from_secs(120),
            "run made no progress"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "run finished before it could be killed"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    let status = child.wait().unwrap();
    assert!(!status.success());
    let at_kill = count(&killed, "documents");
    assert!(
        at_kill < total,
        "the kill came after the run had finished ({at_kill} of {total})"
    );

    let st = bin()
        .args(["run", "-q", "--db"])
        .arg(&killed)
        .arg(&corpus)
        .status()
        .unwrap();
    assert!(st.success());
    let clean = dir.path().join("clean.db");
    let st = bin()
        .args(["run", "-q", "--db"])
        .arg(&clean)
        .arg(&corpus)
        .status()
        .unwrap();
    assert!(st.success());
    assert_eq!(count(&clean, "documents"), total);
    assert_eq!(
        dump(&killed),
        dump(&clean),
        "resumed run differs from an uninterrupted one"
    );
}

#[test]
fn stdin_in_events_out() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    let mut child = bin()
        .args(["run", "-q", "--emit", "jsonl", "--db"])
        .arg(&db)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"url\":\"https://x.example/1\",\"date\":\"2014-09-25\",\"text\":\"Iran condemned the United States on Monday.\"}\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!lines.is_empty(), "no event on stdout");
    let e = &lines[0];
    for k in [
        "doc_id",
        "sentence",
        "text",
        "source",
        "target",
        "cameo",
        "goldstein",
        "modality",
        "trigger_span",
        "rule",
    ] {
        assert!(e.get(k).is_some(), "missing {k}: {e}");
    }
    assert_eq!(e["source"], "IRN");
    assert_eq!(e["target"], "USA");
    // CAMEO 111: criticize or denounce; "on Monday" resolved against the article date.
    assert!(e["cameo"].as_str().unwrap().starts_with("11"), "{e}");
    assert_eq!(e["date"], "2014-09-22");
    assert_eq!(count(&db, "documents"), 1);
}
