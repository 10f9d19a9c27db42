//! What the quote stage adds to the pipeline, on one core.
//!
//! ```text
//! cargo run --release -p entente-quotes --example stage_cost -- \
//!     ../shared/data/corpus/wikinews-2019-2020.jsonl.gz [MAX_DOCS]
//! ```
//!
//! Runs nlp → actors → events over each document, then the quote stage, and
//! reports the time of each part and the quote stage as a share of the rest.

use std::io::BufRead;
use std::time::{Duration, Instant};

use entente_core::{Annotator, Article, Doc};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let path = args
        .get(1)
        .ok_or("usage: stage_cost FILE.jsonl[.gz] [MAX_DOCS]")?;
    let max: usize = args
        .get(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(usize::MAX);
    let file = std::fs::File::open(path)?;
    let reader: Box<dyn BufRead> = if path.ends_with(".gz") {
        Box::new(std::io::BufReader::new(flate2::read::GzDecoder::new(file)))
    } else {
        Box::new(std::io::BufReader::new(file))
    };
    let stages: Vec<Box<dyn Annotator>> = vec![
        Box::new(entente_nlp::Nlp::load()?),
        Box::new(entente_actors::Actors::load()?),
        Box::new(entente_events::EventCoder::load()?),
    ];
    let quotes = entente_quotes::Quotes::load()?;
    let (mut base, mut quote_time) = (Duration::ZERO, Duration::ZERO);
    let (mut docs, mut bytes, mut found) = (0usize, 0usize, 0usize);
    for line in reader.lines().take(max) {
        let line = line?;
        let v: serde_json::Value = serde_json::from_str(&line)?;
        let text = v.get("text").and_then(|t| t.as_str()).unwrap_or("");
        let mut doc = Doc::new(Article::from_text(text, None));
        let t0 = Instant::now();
        for s in &stages {
            s.annotate(&mut doc)?;
        }
        let t1 = Instant::now();
        quotes.annotate(&mut doc)?;
        let t2 = Instant::now();
        base += t1 - t0;
        quote_time += t2 - t1;
        docs += 1;
        bytes += text.len();
        found += doc.quotes.len();
    }
    println!(
        "documents {docs}, {:.1} MB, quotes {found}\npipeline without quotes {:.3} s\nquote stage {:.3} s\nquote stage / pipeline without it = {:.1} %",
        bytes as f64 / 1e6,
        base.as_secs_f64(),
        quote_time.as_secs_f64(),
        100.0 * quote_time.as_secs_f64() / base.as_secs_f64().max(1e-9)
    );
    Ok(())
}
