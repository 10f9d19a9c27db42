//! `entente eval events --gold DIR`: scores the whole pipeline on the
//! sentence-level gold set (`docs/codebook.md`, `crates/events/gold/`).
//!
//! Each sampled document is run through the standard pipeline exactly as
//! `entente run` would (title + body, its date); each coded event is placed
//! in the gold sentence holding its trigger and scored by
//! [`entente_events::gold::Tally`]. The test part is reported as a whole and
//! never listed sentence by sentence: `--verbose` shows the train part's
//! misses only, so that errors are studied where rules may be written.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{anyhow, Context};
use entente_core::{Article, Doc};
use entente_events::gold::{GoldEvent, Scored, Tally};
use entente_pipeline::Pipeline;
use rayon::prelude::*;
use serde::Deserialize;
use serde_json::{json, Value};

use super::eval_events::Args;

/// One sampled document (`documents.jsonl`).
/// Shared with `entente train events`, which reads the same files.
#[derive(Deserialize)]
pub(crate) struct Sheet {
    pub(crate) id: String,
    pub(crate) url: Option<String>,
    pub(crate) date: Option<String>,
    #[serde(default)]
    pub(crate) title: String,
    pub(crate) text: String,
    pub(crate) part: String,
    pub(crate) sentences: Vec<SheetSentence>,
}

/// A sentence of a sheet: index and byte span in the sheet's text.
#[derive(Deserialize)]
pub(crate) struct SheetSentence {
    pub(crate) i: u32,
    pub(crate) start: u32,
    pub(crate) end: u32,
}

/// One annotated sentence (`gold.jsonl`, codebook §6).
#[derive(Deserialize)]
pub(crate) struct Line {
    pub(crate) doc: String,
    pub(crate) sent: u32,
    #[serde(default)]
    pub(crate) events: Vec<LineEvent>,
}

/// One gold event of a line.
#[derive(Deserialize, Clone)]
pub(crate) struct LineEvent {
    pub(crate) source: Option<String>,
    pub(crate) target: Option<String>,
    pub(crate) code: String,
    #[serde(default = "asserted")]
    pub(crate) modality: String,
}

fn asserted() -> String {
    "asserted".into()
}

pub(crate) fn read_jsonl<T: for<'de> Deserialize<'de>>(p: &Path) -> anyhow::Result<Vec<T>> {
    let text = std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| serde_json::from_str(l).with_context(|| format!("{}:{}", p.display(), n + 1)))
        .collect()
}

/// The article the sheet's text was made from: the sampler wrote the title,
/// a blank line and the body, as [`Doc::new`] does.
pub(crate) fn article(s: &Sheet) -> Article {
    let head = format!("{}\n\n", s.title);
    let body = match s.text.strip_prefix(&head) {
        Some(b) if !s.title.is_empty() => b.to_string(),
        _ => s.text.clone(),
    };
    Article {
        source: s.id.clone(),
        url: s.url.clone(),
        title: (!s.title.is_empty()).then(|| s.title.clone()),
        date: s.date.clone(),
        body,
        ..Article::default()
    }
}

/// The gold sentence holding byte `at` of the sheet's text.
pub(crate) fn sentence_at(s: &Sheet, at: u32) -> Option<u32> {
    s.sentences
        .iter()
        .find(|x| x.start <= at && at < x.end)
        .or_else(|| s.sentences.iter().rev().find(|x| x.start <= at))
        .map(|x| x.i)
}

struct Outcome {
    part: String,
    dyadic: Tally,
    all: Tally,
    misaligned: bool,
    misses: Vec<String>,
}

fn code(a: &Option<entente_core::ActorCode>) -> Option<&str> {
    a.as_ref().map(|c| c.as_str())
}

fn score(pipeline: &Pipeline, sheet: &Sheet, gold: &[GoldEvent], args: &Args) -> Outcome {
    let doc: Doc = pipeline.process(article(sheet));
    let misaligned = doc.text != sheet.text;
    let coded: Vec<Scored> = doc
        .events
        .iter()
        .filter(|e| e.confidence >= args.min_confidence)
        .filter_map(|e| {
            let at = if misaligned {
                // Texts differ (they should not): fall back on the coder's
                // sentence's start, searched by its words in the sheet.
                let sent = doc.sentences.get(e.sentence as usize)?;
                let words = doc.slice(sent.span);
                sheet.text.find(words.trim()).map(|p| p as u32)?
            } else {
                e.trigger_span.start
            };
            Some(Scored::new(
                sentence_at(sheet, at)?,
                code(&e.source),
                code(&e.target),
                e.cameo.as_str(),
                e.modality.as_str(),
                e.confidence,
            ))
        })
        .collect();
    let mut dyadic = Tally::default();
    let mut all = Tally::default();
    let matched = dyadic.add(gold, &coded, true);
    all.add(gold, &coded, false);
    let mut misses = Vec::new();
    if args.verbose && sheet.part == "train" {
        let text_of = |i: u32| {
            sheet
                .sentences
                .iter()
                .find(|x| x.i == i)
                .and_then(|x| sheet.text.get(x.start as usize..x.end as usize))
                .unwrap_or("")
        };
        let hit: Vec<usize> = matched.iter().flatten().copied().collect();
        for (gi, g) in gold.iter().enumerate() {
            if g.source.is_some() && g.target.is_some() && !hit.contains(&gi) {
                misses.push(format!(
                    "MISSED {} s{} {:?}->{:?} {} {} | {}",
                    sheet.id,
                    g.sentence,
                    g.source,
                    g.target,
                    g.code,
                    g.modality,
                    text_of(g.sentence)
                ));
            }
        }
        for (p, m) in coded.iter().zip(&matched) {
            if m.is_none() && p.source.is_some() && p.target.is_some() {
                misses.push(format!(
                    "WRONG  {} s{} {:?}->{:?} {} {} conf {:.2} | {}",
                    sheet.id,
                    p.sentence,
                    p.source,
                    p.target,
                    p.code,
                    p.modality,
                    p.confidence,
                    text_of(p.sentence)
                ));
            }
        }
    }
    Outcome {
        part: sheet.part.clone(),
        dyadic,
        all,
        misaligned,
        misses,
    }
}

fn tally_json(t: &Tally) -> Value {
    let (n8, c8) = t.calibration_at(0.8);
    json!({
        "gold": t.gold, "coded": t.predicted, "matched": t.matched_root,
        "precision": t.precision(), "recall": t.recall(), "f1": t.f1(),
        "precision_3digit": t.precision3(), "recall_3digit": t.recall3(),
        "modality_accuracy": t.modality_accuracy(),
        "confident_0_8": { "coded": n8, "right": c8 },
        "deciles": t.bins.iter().map(|(n, ok)| json!([n, ok])).collect::<Vec<_>>(),
    })
}

/// Scores the gold set in `dir`; prints a table unless `--json`, and returns
/// the figures.
pub fn run(args: &Args, dir: &Path) -> anyhow::Result<Value> {
    let sheets: Vec<Sheet> = read_jsonl(&dir.join("documents.jsonl"))?;
    let gold_path = args
        .gold_file
        .clone()
        .unwrap_or_else(|| dir.join("gold.jsonl"));
    let lines: Vec<Line> = read_jsonl(&gold_path)?;
    let mut gold: HashMap<&str, Vec<GoldEvent>> = HashMap::new();
    let mut annotated: HashMap<&str, usize> = HashMap::new();
    for l in &lines {
        *annotated.entry(l.doc.as_str()).or_default() += 1;
        let v = gold.entry(l.doc.as_str()).or_default();
        for e in &l.events {
            v.push(GoldEvent::new(
                l.sent,
                e.source.as_deref().filter(|s| !s.is_empty()),
                e.target.as_deref().filter(|s| !s.is_empty()),
                &e.code,
                &e.modality,
            ));
        }
    }
    // Only documents the annotation covers completely are scored: a partly
    // annotated document would count its unread sentences as event-free.
    let complete: Vec<&Sheet> = sheets
        .iter()
        .filter(|s| annotated.get(s.id.as_str()).copied() == Some(s.sentences.len()))
        .collect();
    if complete.is_empty() {
        return Err(anyhow!(
            "{}: no document of {} is fully annotated",
            gold_path.display(),
            dir.join("documents.jsonl").display()
        ));
    }
    let pipeline = Pipeline::standard_configured(
        entente_events::Config {
            min_confidence: args.min_confidence,
            ..entente_events::Config::default()
        },
        !args.parse_all,
    )
    .context("loading models")?;
    let empty = Vec::new();
    let outcomes: Vec<Outcome> = complete
        .par_iter()
        .map(|s| {
            score(
                &pipeline,
                s,
                gold.get(s.id.as_str()).unwrap_or(&empty),
                args,
            )
        })
        .collect();
    let misaligned = outcomes.iter().filter(|o| o.misaligned).count();
    if misaligned > 0 {
        eprintln!(
            "warning: {misaligned} documents' pipeline text differs from the sheet's; \
             their events were placed by sentence text"
        );
    }
    let mut res = serde_json::Map::new();
    for part in ["test", "train"] {
        let mut dy = Tally::default();
        let mut all = Tally::default();
        let mut docs = 0;
        for o in outcomes.iter().filter(|o| o.part == part) {
            dy.merge(&o.dyadic);
            all.merge(&o.all);
            docs += 1;
        }
        let sentences: usize = complete
            .iter()
            .filter(|s| s.part == part)
            .map(|s| s.sentences.len())
            .sum();
        if !args.json {
            let (n8, c8) = dy.calibration_at(0.8);
            println!(
                "gold {part:<5} docs {docs:>3} sentences {sentences:>5}  dyadic: gold {:>4} coded {:>4}  \
                 P {:.3} R {:.3} F1 {:.3}  3-digit P {:.3} R {:.3}  modality {:.3}  conf>=0.8: {} coded, {:.3} right",
                dy.gold, dy.predicted, dy.precision(), dy.recall(), dy.f1(),
                dy.precision3(), dy.recall3(), dy.modality_accuracy(), n8, c8
            );
            println!(
                "gold {part:<5} all events (one-sided too): gold {:>4} coded {:>4}  P {:.3} R {:.3} F1 {:.3}",
                all.gold,
                all.predicted,
                all.precision(),
                all.recall(),
                all.f1()
            );
        }
        res.insert(
            part.into(),
            json!({ "documents": docs, "sentences": sentences,
                    "dyadic": tally_json(&dy), "all": tally_json(&all) }),
        );
    }
    for o in &outcomes {
        for m in &o.misses {
            eprintln!("{m}");
        }
    }
    res.insert("min_confidence".into(), json!(args.min_confidence));
    res.insert("annotation".into(), json!(gold_path.display().to_string()));
    Ok(Value::Object(res))
}
