//! `entente quotes --from-jsonl FILE`: quote extraction over `{"id","text"}`
//! lines, one `{"id","quotes":[…]}` line out per line in, in input order.
//!
//! Each quote carries `quote`, `quote_spans` (byte offsets into `text`),
//! `speaker` (as written), `speaker_actor` (`{name, code}`), `cue`,
//! `cue_class`, `type` (`direct`/`mixed`/`indirect`), `anonymous`,
//! `anonymous_inferred`, `outlet`, `hedge` and `events` (the events the
//! attribution states: `{cameo, source, target}`).

use std::io::{BufRead, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use entente_core::{Article, Quote};
use entente_pipeline::Pipeline;
use rayon::prelude::*;
use serde_json::{json, Value};

/// One quote as the JSONL and the gold files write it.
pub fn quote_json(q: &Quote) -> Value {
    json!({
        "quote": q.quote,
        "quote_spans": q.quote_spans,
        "speaker": q.speaker,
        "speaker_actor": q.speaker_actor,
        "cue": q.cue,
        "cue_class": q.cue_class,
        "type": q.kind,
        "anonymous": q.anonymous,
        "anonymous_inferred": q.anonymous_inferred,
        "outlet": q.outlet,
        "hedge": q.hedge,
    })
}

/// One quote with the events it states (CAMEO code, source, target), as
/// the JSONL output writes it.
pub fn quote_json_in(doc: &entente_core::Doc, q: &Quote) -> Value {
    let mut v = quote_json(q);
    let events: Vec<Value> = q
        .events
        .iter()
        .filter_map(|&i| doc.events.get(i as usize))
        .map(|e| json!({"cameo": e.cameo, "source": e.source, "target": e.target}))
        .collect();
    v["events"] = Value::Array(events);
    v
}

pub fn run(path: &Path) -> anyhow::Result<ExitCode> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut lines = Vec::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("reading {}", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}: not JSON", path.display(), n + 1))?;
        let text = v
            .get("text")
            .and_then(Value::as_str)
            .with_context(|| format!("{}:{}: no \"text\"", path.display(), n + 1))?
            .to_string();
        let id = v.get("id").cloned().unwrap_or(Value::Null);
        lines.push((id, text));
    }
    let pipeline = Pipeline::standard()?;
    let out: Vec<String> = lines
        .par_iter()
        .map(|(id, text)| {
            let doc = pipeline.process(Article::from_text(text, None));
            let quotes: Vec<Value> = doc.quotes.iter().map(|q| quote_json_in(&doc, q)).collect();
            json!({"id": id, "quotes": quotes}).to_string()
        })
        .collect();
    let stdout = std::io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    for l in out {
        writeln!(w, "{l}")?;
    }
    w.flush()?;
    Ok(ExitCode::SUCCESS)
}
