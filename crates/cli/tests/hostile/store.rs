//! Stores and arguments: read-only and missing databases, symlink loops,
//! argument bounds, empty inputs.

use std::os::unix::fs::PermissionsExt;
use std::time::Duration;

use super::{bin, good5, run_bounded};

#[test]
fn read_only_store_is_readable_and_a_missing_one_is_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let good = good5(dir.path());
    let db = dir.path().join("ro").join("e.db");
    std::fs::create_dir(db.parent().unwrap()).unwrap();
    let st = bin()
        .args(["run", "-q", "--db"])
        .arg(&db)
        .arg(&good)
        .status()
        .unwrap();
    assert!(st.success());
    // Read-only file in a read-only folder.
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    let folder = db.parent().unwrap();
    std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    for cmd in [
        &["report"][..],
        &["events"],
        &["quotes"],
        &["report", "--json"],
    ] {
        let out = bin().args(cmd).arg("--db").arg(&db).output().unwrap();
        assert!(
            out.status.success(),
            "{cmd:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stdout.is_empty());
    }
    std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o755)).unwrap();

    let missing = dir.path().join("typo.db");
    let out = bin()
        .args(["report", "--db"])
        .arg(&missing)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("typo.db") && err.contains("no such database"),
        "{err}"
    );
    assert!(!missing.exists(), "a read command created the database");
}

#[test]
fn a_symlink_loop_is_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    good5(&input.join("sub"));
    std::os::unix::fs::symlink("..", input.join("sub").join("back")).unwrap();
    let db = dir.path().join("e.db");
    let mut cmd = bin();
    cmd.args(["run", "-q", "--db"]).arg(&db).arg(&input);
    let ran = run_bounded(cmd, Duration::from_secs(60));
    assert_eq!(ran.code, Some(0), "{}", ran.stderr);
    assert_eq!(
        ran.stderr.matches("symbolic link loop").count(),
        1,
        "{}",
        ran.stderr
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    let n: i64 = conn
        .query_row("SELECT COUNT(*) FROM documents", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 5);
}

#[test]
fn argument_bounds_and_empty_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let good = good5(dir.path());
    let db = dir.path().join("e.db");
    for bad in [
        &["--batch", "99999999999"][..],
        &["--batch", "0"],
        &["--jobs", "100000"],
        &["--jobs", "0"],
    ] {
        let out = bin()
            .arg("run")
            .arg(&good)
            .args(bad)
            .arg("--db")
            .arg(&db)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("is not in"), "{bad:?}: {err}");
    }
    assert!(!db.exists());
    // More jobs than cores: lowered, with a note, and the run works.
    let out = bin()
        .arg("run")
        .arg(&good)
        .args(["--jobs", "1024", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cores available")
            || std::thread::available_parallelism().unwrap().get() >= 1024
    );
    // An empty JSONL file fails like an empty text file.
    let empty = dir.path().join("empty.jsonl");
    std::fs::write(&empty, "").unwrap();
    let out = bin()
        .args(["run", "-q", "--db"])
        .arg(&db)
        .arg(&empty)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty input"));
}
