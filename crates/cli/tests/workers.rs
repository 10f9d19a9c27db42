//! Many workers, one PostgreSQL store: concurrent `entente run` processes on
//! overlapping inputs end with exactly the database of a single run, also
//! when one of them is killed with SIGKILL mid-batch.
//!
//! Needs a server: `ENTENTE_TEST_POSTGRES=postgres://…` (set by `.ci/run`).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_entente"))
}

fn fresh_db(tag: &str) -> Option<String> {
    let Ok(url) = std::env::var("ENTENTE_TEST_POSTGRES") else {
        assert!(
            std::env::var_os("ENTENTE_REQUIRE_POSTGRES").is_none(),
            "ENTENTE_TEST_POSTGRES is not set"
        );
        eprintln!("skipping: ENTENTE_TEST_POSTGRES is not set");
        return None;
    };
    let name = format!("entente_cli_{tag}_{}", std::process::id());
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    admin
        .batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
        .unwrap();
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap();
    let base = url.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap();
    Some(format!("{base}/{name}"))
}

fn dump(url: &str) -> Vec<String> {
    let mut c = postgres::Client::connect(url, postgres::NoTls).unwrap();
    let mut out = Vec::new();
    for (t, pk) in [
        ("documents", "id"),
        ("document_sources", "doc_id, source"),
        ("sentences", "doc_id, idx"),
        ("mentions", "doc_id, idx"),
        ("event_mentions", "doc_id, idx"),
        ("events", "id"),
        ("quotes", "doc_id, idx"),
        ("warnings", "source, message"),
        ("claims", "doc_id"),
    ] {
        for r in c
            .query(
                &format!("SELECT CAST(t AS TEXT) FROM {t} t ORDER BY {pk}"),
                &[],
            )
            .unwrap()
        {
            out.push(format!("{t}: {}", r.get::<_, String>(0)));
        }
    }
    out
}

fn count(url: &str, table: &str) -> i64 {
    let mut c = postgres::Client::connect(url, postgres::NoTls).unwrap();
    c.query_one(&format!("SELECT COUNT(*) FROM {table}"), &[])
        .map(|r| r.get(0))
        .unwrap_or(0)
}

/// Four overlapping shards of a 1,000-document corpus.
fn shards(dir: &Path) -> (Vec<PathBuf>, i64) {
    let src = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../examples/corpus/whitehouse-sample.jsonl"),
    )
    .unwrap();
    let mut lines = Vec::new();
    for copy in 0..4 {
        for (i, l) in src.lines().enumerate() {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["url"] = format!("https://w{copy}.example/{i}").into();
            lines.push(v.to_string());
        }
    }
    let n = lines.len();
    let ranges = [
        (0, n * 6 / 10),
        (n * 4 / 10, n),
        (0, n),
        (n * 2 / 10, n * 8 / 10),
    ];
    let mut files = Vec::new();
    for (k, (a, b)) in ranges.iter().enumerate() {
        let p = dir.join(format!("shard{k}.jsonl"));
        let mut part: Vec<&String> = lines[*a..*b].iter().collect();
        if k % 2 == 1 {
            part.reverse(); // different order, so workers really collide
        }
        std::fs::write(
            &p,
            part.iter().map(|s| format!("{s}\n")).collect::<String>(),
        )
        .unwrap();
        files.push(p);
    }
    (files, n as i64)
}

#[test]
fn concurrent_workers_equal_a_single_run() {
    let Some(multi) = fresh_db("multi") else {
        return;
    };
    let single = fresh_db("single").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (files, total) = shards(dir.path());

    let st = bin()
        .args(["run", "-q", "--db", &single])
        .args(&files)
        .status()
        .unwrap();
    assert!(st.success());
    assert_eq!(count(&single, "documents"), total);

    let children: Vec<_> = files
        .iter()
        .map(|f| {
            bin()
                .args(["run", "-q", "-j", "1", "--batch", "16", "--db", &multi])
                .arg(f)
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    assert_eq!(dump(&multi), dump(&single));
}

#[test]
fn killed_remote_worker_is_taken_over_after_its_claim_times_out() {
    let Some(multi) = fresh_db("killed") else {
        return;
    };
    let single = fresh_db("killed_single").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (files, total) = shards(dir.path());
    let st = bin()
        .args(["run", "-q", "--db", &single])
        .args(&files)
        .status()
        .unwrap();
    assert!(st.success());

    // The victim, a worker of another machine (so nobody here can tell it is
    // dead), works on the whole corpus with big batches; kill it mid-batch.
    let mut victim = bin()
        .args([
            "run",
            "-q",
            "-j",
            "1",
            "--batch",
            "64",
            "--worker-id",
            "elsewhere/1/1",
            "--db",
            &multi,
        ])
        .arg(&files[2])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let t0 = Instant::now();
    while count(&multi, "documents") < 64 {
        assert!(t0.elapsed() < Duration::from_secs(120), "no progress");
        assert!(
            victim.try_wait().unwrap().is_none(),
            "victim finished before the kill"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    // Let it claim its next batch, then kill it while it works on it.
    while count(&multi, "claims") == 0 && victim.try_wait().unwrap().is_none() {
        std::thread::sleep(Duration::from_millis(1));
    }
    victim.kill().unwrap();
    victim.wait().unwrap();
    let orphaned = count(&multi, "claims");

    // The other workers finish; the victim's live claims are not theirs yet.
    let others: Vec<_> = [0, 1, 3]
        .iter()
        .map(|&k| {
            bin()
                .args(["run", "-q", "-j", "1", "--db", &multi])
                .arg(&files[k])
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in others {
        assert!(c.wait().unwrap().success());
    }
    assert_eq!(
        count(&multi, "documents"),
        total - orphaned,
        "claimed documents were not left to the victim"
    );

    // After the timeout another worker takes the claims over.
    std::thread::sleep(Duration::from_millis(1100));
    let st = bin()
        .args(["run", "-q", "--claim-timeout", "1", "--db", &multi])
        .args(&files)
        .status()
        .unwrap();
    assert!(st.success());
    assert_eq!(count(&multi, "claims"), 0);
    assert_eq!(dump(&multi), dump(&single));
}
