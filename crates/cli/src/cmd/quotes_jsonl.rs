//! `entente quotes --from-jsonl FILE`: quote extraction over `{"id","text"}`
//! lines, one `{"id","quotes":[…]}` line out per line in, in input order.
//!
//! Each quote carries `quote`, `quote_spans` (byte offsets into `text`),
//! `speaker` (as written), `speaker_actor` (`{name, code}`), `cue`,
//! `cue_class`, `type` (`direct`/`mixed`/`indirect`), `anonymous`,
//! `anonymous_inferred`, `outlet` and `hedge`.

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

/// Runs the standard pipeline over one text and returns its quotes.
pub fn quotes_of(pipeline: &Pipeline, text: &str) -> Vec<Quote> {
    pipeline.process(Article::from_text(text, None)).quotes
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
            let quotes: Vec<Value> = quotes_of(&pipeline, text).iter().map(quote_json).collect();
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
