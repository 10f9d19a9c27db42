//! `entente eval events` on the shared event-coding dev set, end to end from
//! text: a regression guard at the bars (PETRARCH unit tests at
//! least 80 % of records exact, PETRARCH-2 GSR at least 85 %). Skipped when
//! the shared data is not next to the checkout.

use std::path::PathBuf;
use std::process::Command;

#[test]
fn dev_set_meets_the_event_coding_bars() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut cands = vec![
        root.join("../shared/data/event-coding/dev.jsonl"),
        root.join("../../shared/data/event-coding/dev.jsonl"),
    ];
    if let Ok(s) = std::env::var("ENTENTE_SHARED") {
        cands.insert(0, PathBuf::from(s).join("data/event-coding/dev.jsonl"));
    }
    let Some(dev) = cands.into_iter().find(|p| p.exists()) else {
        eprintln!("skipped: shared event-coding dev set not found");
        return;
    };
    let out = Command::new(env!("CARGO_BIN_EXE_entente"))
        .args(["eval", "events", "--json"])
        .arg(&dev)
        .output()
        .expect("run entente");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let rate = |suite: &str| {
        let s = &v["suites"][suite];
        s["exact"].as_f64().unwrap_or(0.0) / s["records"].as_f64().unwrap_or(1.0)
    };
    assert!(
        rate("petrarch-unittest-lotr") >= 0.80,
        "lotr {:.3}",
        rate("petrarch-unittest-lotr")
    );
    assert!(
        rate("petrarch2-gsr") >= 0.85,
        "gsr {:.3}",
        rate("petrarch2-gsr")
    );
}
