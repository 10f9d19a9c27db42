//! `entente eval quotes [GOLD.jsonl] [--part dev|test|all] [--json]`: runs
//! the standard pipeline over each gold document's `text` and scores its
//! attributions against the gold `quotes` (same shape as `entente quotes
//! --from-jsonl` writes). Without a file it reads the repository's
//! attribution set (`crates/quotes/testdata/attribution.jsonl`); a file whose
//! lines carry a `part` is scored on its test part unless `--part` says
//! otherwise. The token-overlap matching rule, the speaker test and the
//! transcript-turn rule are documented in the [`scoring`] module.

use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use entente_core::QuoteType;
use entente_pipeline::Pipeline;
use rayon::prelude::*;
use scoring::{score_doc, Acc, EvalQuote, Prf, Report, MATCH_THRESHOLD};
use serde_json::{json, Value};

#[derive(clap::Args)]
pub struct Args {
    /// Gold JSONL: one `{"id","text","quotes":[…]}` per line (default: the
    /// repository's attribution set, crates/quotes/testdata/attribution.jsonl).
    gold: Option<PathBuf>,
    /// Which part to score when lines carry a `part`: `test` (default),
    /// `dev` or `all`. Lines without a part belong to `dev`.
    #[arg(long)]
    part: Option<String>,
    /// Print the figures as JSON.
    #[arg(long)]
    json: bool,
    /// Also print, per document, gold quotes missed and system quotes unmatched.
    #[arg(long)]
    errors: bool,
}

/// The repository's `examples/` folder (which holds the seed page), found
/// above the gold file.
fn repo_examples(gold: &std::path::Path) -> Option<PathBuf> {
    let mut dir = std::fs::canonicalize(gold).ok()?;
    while dir.pop() {
        if dir.join("examples").join("seed").is_dir() {
            return Some(dir.join("examples"));
        }
    }
    None
}

/// The shared data folder: `ENTENTE_SHARED`, or a `shared/` directory above
/// the current directory or the gold file.
fn find_shared(gold: &std::path::Path) -> Option<PathBuf> {
    if let Ok(p) = std::env::var("ENTENTE_SHARED") {
        return Some(PathBuf::from(p));
    }
    let starts = [
        std::env::current_dir().ok(),
        std::fs::canonicalize(gold)
            .ok()
            .and_then(|p| p.parent().map(|d| d.to_path_buf())),
    ];
    for start in starts.into_iter().flatten() {
        let mut dir = start;
        loop {
            if dir.join("shared").join("seed").is_dir() || dir.join("shared").join("data").is_dir()
            {
                return Some(dir.join("shared"));
            }
            if !dir.pop() {
                break;
            }
        }
    }
    None
}

fn gold_quote(v: &Value) -> EvalQuote {
    let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    EvalQuote {
        text: s("quote").unwrap_or_default(),
        kind: s("type").unwrap_or_else(|| "direct".into()),
        speaker: s("speaker"),
        actor: v
            .get("speaker_actor")
            .and_then(|a| a.get("name"))
            .and_then(Value::as_str)
            .map(str::to_string),
        anonymous: v.get("anonymous").and_then(Value::as_bool).unwrap_or(false),
        outlet: s("outlet"),
        spans: v
            .get("quote_spans")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|sp| {
                        let n = |k: &str| sp.get(k).and_then(Value::as_u64).map(|x| x as usize);
                        Some((n("start")?, n("end")?))
                    })
                    .collect()
            })
            .unwrap_or_default(),
        turn: v.get("turn").and_then(Value::as_bool).unwrap_or(false),
        cue_class: s("cue_class"),
    }
}

fn kind_str(k: QuoteType) -> &'static str {
    match k {
        QuoteType::Direct => "direct",
        QuoteType::Mixed => "mixed",
        QuoteType::Indirect => "indirect",
    }
}

fn prf_json(p: &Prf) -> Value {
    json!({"gold": p.gold, "system": p.system, "matched": p.matched,
           "precision": p.precision(), "recall": p.recall(), "f1": p.f1()})
}

fn acc_json(a: &Acc) -> Value {
    json!({"correct": a.correct, "total": a.total, "rate": a.rate()})
}

type Scored = (String, Vec<EvalQuote>, Vec<EvalQuote>);

/// Reads a gold file and runs the standard pipeline over its documents of
/// `part` (`None`: every line).
fn load_and_run(gold: &std::path::Path, part: Option<&str>) -> anyhow::Result<Vec<Scored>> {
    let file = std::fs::File::open(gold).with_context(|| format!("opening {}", gold.display()))?;
    let mut docs = Vec::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}: not JSON", gold.display(), n + 1))?;
        let line_part = v.get("part").and_then(Value::as_str).unwrap_or("dev");
        if part.is_some_and(|p| p != "all" && p != line_part) {
            continue;
        }
        let text = match v.get("text").and_then(Value::as_str) {
            Some(t) => t.to_string(),
            None => {
                // Texts that may not be redistributed are referenced in
                // shared/ instead ("text_file": "seed/…").
                let rel = v
                    .get("text_file")
                    .and_then(Value::as_str)
                    .with_context(|| {
                        format!(
                            "{}:{}: no \"text\" nor \"text_file\"",
                            gold.display(),
                            n + 1
                        )
                    })?;
                let in_repo = repo_examples(gold).map(|d| d.join(rel));
                let path = in_repo
                    .filter(|p| p.is_file())
                    .or_else(|| find_shared(gold).map(|d| d.join(rel)));
                match path {
                    Some(p) if p.is_file() => std::fs::read_to_string(&p)
                        .with_context(|| format!("reading {}", p.display()))?,
                    _ => {
                        eprintln!(
                            "entente: note: {rel} not found (set ENTENTE_SHARED); document skipped"
                        );
                        continue;
                    }
                }
            }
        };
        let id = v
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let gold: Vec<EvalQuote> = v
            .get("quotes")
            .and_then(Value::as_array)
            .map(|a| a.iter().map(gold_quote).collect())
            .unwrap_or_default();
        // The pipeline sees what a run sees: the title (a paragraph before
        // the body) and the publication date, when the gold line gives them.
        let mut article = entente_core::Article::from_text(&text, None);
        article.title = v.get("title").and_then(Value::as_str).map(str::to_string);
        article.date = v.get("date").and_then(Value::as_str).map(str::to_string);
        docs.push((id, article, gold));
    }
    let pipeline = Pipeline::standard()?;
    let results: Vec<Scored> = docs
        .into_par_iter()
        .map(|(id, article, gold)| {
            let doc = pipeline.process(article);
            let body = doc.body_start as usize;
            let sys = doc
                .quotes
                .iter()
                // Attributions in the title are not in the gold text.
                .filter(|q| q.quote_spans.iter().all(|s| s.start as usize >= body))
                .map(|q| EvalQuote {
                    text: q.quote.clone(),
                    kind: kind_str(q.kind).into(),
                    speaker: q.speaker.clone(),
                    actor: q.speaker_actor.as_ref().map(|a| a.name.clone()),
                    anonymous: q.anonymous,
                    outlet: q.outlet.clone(),
                    // Spans into the gold text (the body).
                    spans: q
                        .quote_spans
                        .iter()
                        .map(|s| (s.start as usize - body, s.end as usize - body))
                        .collect(),
                    turn: false,
                    cue_class: q.cue_class.clone(),
                })
                .collect();
            (id, gold, sys)
        })
        .collect();
    Ok(results)
}

/// The part to score: as asked, else `test` when the file has parts, else
/// every line.
fn choose_part(gold: &std::path::Path, asked: Option<&str>) -> anyhow::Result<Option<String>> {
    if let Some(p) = asked {
        anyhow::ensure!(
            matches!(p, "dev" | "test" | "all"),
            "--part must be dev, test or all (got {p:?})"
        );
        return Ok(Some(p.to_string()));
    }
    let text =
        std::fs::read_to_string(gold).with_context(|| format!("opening {}", gold.display()))?;
    let has_parts = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .any(|l| serde_json::from_str::<Value>(l).is_ok_and(|v| v.get("part").is_some()));
    Ok(has_parts.then(|| "test".to_string()))
}

/// The repository's attribution gold set.
fn default_gold() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../quotes/testdata/attribution.jsonl")
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let gold = args.gold.clone().unwrap_or_else(default_gold);
    let part = choose_part(&gold, args.part.as_deref())?;
    let results = load_and_run(&gold, part.as_deref())?;
    let mut r = Report::default();
    for (id, gold, sys) in &results {
        score_doc(&mut r, gold, sys);
        if args.errors {
            print_errors(id, gold, sys);
        }
    }
    if args.json {
        let v = json!({
            "gold": gold.display().to_string(),
            "part": part,
            "documents": results.len(),
            "match_threshold": MATCH_THRESHOLD,
            "all": prf_json(&r.all),
            "direct": prf_json(&r.direct),
            "mixed": prf_json(&r.mixed),
            "indirect": prf_json(&r.indirect),
            "quoted": prf_json(&r.quoted),
            "type_accuracy": acc_json(&r.type_acc),
            "speaker_accuracy": acc_json(&r.speaker),
            "speaker_accuracy_direct": acc_json(&r.speaker_direct),
            "pronoun_resolution": acc_json(&r.pronoun),
            "anonymous_accuracy": acc_json(&r.anonymous),
            "outlet_accuracy": acc_json(&r.outlet),
            "turns": prf_json(&r.turns),
            "news": prf_json(&r.news),
            "news_direct": prf_json(&r.news_direct),
            "belief": prf_json(&r.belief),
            "nested_in_turns_left_out": r.nested_dropped,
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        println!(
            "{}: part {}, documents: {}  (match: token Dice >= {MATCH_THRESHOLD})",
            gold.display(),
            part.as_deref().unwrap_or("all"),
            results.len()
        );
        for (name, p) in [
            ("direct", &r.direct),
            ("mixed", &r.mixed),
            ("indirect", &r.indirect),
            ("direct+mixed", &r.quoted),
            ("all (any type)", &r.all),
            ("transcript turns", &r.turns),
            ("news (no turns)", &r.news),
            ("news direct", &r.news_direct),
            ("belief cues", &r.belief),
        ] {
            println!(
                "{name:<17} P {:.3}  R {:.3}  F1 {:.3}   (gold {}, system {}, matched {})",
                p.precision(),
                p.recall(),
                p.f1(),
                p.gold,
                p.system,
                p.matched
            );
        }
        for (name, a) in [
            ("type accuracy", &r.type_acc),
            ("speaker accuracy", &r.speaker),
            ("speaker (direct)", &r.speaker_direct),
            ("pronoun speakers resolved", &r.pronoun),
            ("anonymous flag", &r.anonymous),
            ("outlet", &r.outlet),
        ] {
            println!("{name:<26} {:.3}  ({}/{})", a.rate(), a.correct, a.total);
        }
        println!(
            "system attributions nested in gold turns, left out: {}",
            r.nested_dropped
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn print_errors(id: &str, gold: &[EvalQuote], sys: &[EvalQuote]) {
    let (sys, _) = scoring::resolve_turns(gold, sys);
    let g: Vec<&EvalQuote> = gold.iter().collect();
    let s: Vec<&EvalQuote> = sys.iter().collect();
    let m = scoring::match_quotes(&g, &s);
    let short = |t: &str| t.chars().take(90).collect::<String>();
    println!("## {id}");
    for (i, q) in g.iter().enumerate() {
        match m.iter().find(|p| p.0 == i) {
            None => println!(
                "  MISS {} [{}] {}",
                q.kind,
                q.actor.as_deref().unwrap_or("-"),
                short(&q.text)
            ),
            Some(&(_, j)) => {
                let sq = s[j];
                let gn = q.actor.as_deref().or(q.speaker.as_deref()).unwrap_or("");
                let sn = sq.actor.as_deref().or(sq.speaker.as_deref()).unwrap_or("");
                if q.kind != sq.kind || !scoring::same_speaker(gn, sn) {
                    println!(
                        "  DIFF {}→{} [{}→{}] {}",
                        q.kind,
                        sq.kind,
                        gn,
                        sn,
                        short(&q.text)
                    );
                }
            }
        }
    }
    for (j, q) in s.iter().enumerate() {
        if !m.iter().any(|p| p.1 == j) {
            println!(
                "  FP   {} [{}] {}",
                q.kind,
                q.actor.as_deref().unwrap_or("-"),
                short(&q.text)
            );
        }
    }
}

#[cfg(test)]
mod gold_tests {
    use super::*;

    /// The dev set through the whole pipeline: a regression guard a little
    /// under the figures measured when the gold was built (direct-quote F1
    /// 0.947, speaker accuracy 0.909, pronoun speakers 0.913).
    #[test]
    fn dev_set_meets_the_bars() {
        let gold = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../quotes/testdata/gold.jsonl");
        let results = load_and_run(&gold, None).expect("gold dev set");
        assert!(results.len() >= 46, "the seed page is in examples/seed");
        let mut r = Report::default();
        for (_, g, s) in &results {
            score_doc(&mut r, g, s);
        }
        assert!(r.direct.f1() >= 0.90, "direct F1 {:.3}", r.direct.f1());
        assert!(
            r.speaker.rate() >= 0.88,
            "speaker accuracy {:.3}",
            r.speaker.rate()
        );
        assert!(
            r.pronoun.rate() >= 0.75,
            "pronoun speakers {:.3}",
            r.pronoun.rate()
        );
    }

    /// The attribution set's test part, scored as a whole (issue 17 bars):
    /// all attributions F1 >= 0.70, indirect recall >= 0.60, speaker
    /// accuracy >= 0.85, pronoun speakers resolved >= 0.75.
    #[test]
    fn attribution_test_part_meets_the_bars() {
        let gold = default_gold();
        let all = load_and_run(&gold, Some("all")).expect("attribution set");
        assert!(all.len() >= 100, "{} documents", all.len());
        let results = load_and_run(&gold, Some("test")).expect("attribution set");
        assert!(results.len() >= 25);
        let mut r = Report::default();
        for (_, g, s) in &results {
            score_doc(&mut r, g, s);
        }
        assert!(r.all.f1() >= 0.70, "all F1 {:.3}", r.all.f1());
        assert!(
            r.indirect.recall() >= 0.60,
            "indirect R {:.3}",
            r.indirect.recall()
        );
        assert!(r.speaker.rate() >= 0.85, "speaker {:.3}", r.speaker.rate());
        assert!(r.pronoun.rate() >= 0.75, "pronoun {:.3}", r.pronoun.rate());
        assert!(r.turns.gold > 100, "transcript turns in the test part");
    }
}

pub mod scoring;
