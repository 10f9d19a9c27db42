//! `entente bench`: single-core throughput of the pipeline over a corpus.
//!
//! Reports end-to-end sentences/s and articles/s (tokenizing, tagging,
//! parsing, actor matching and event coding, all on one thread) and, over
//! the same parsed documents, the event coder alone (sentences/s).
//! Build with `--release` for meaningful numbers.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{anyhow, Context};
use entente_core::{Annotator, Article, Doc};

#[derive(clap::Args)]
pub struct Args {
    /// Corpus files (JSONL, JSONL.gz, text). Default: the shared corpus
    /// (`$ENTENTE_SHARED/data/corpus` or a `shared/data/corpus` above the
    /// current directory).
    pub inputs: Vec<PathBuf>,
    /// Articles to read from each input file.
    #[arg(long, default_value_t = 300)]
    pub limit: usize,
    /// Repeat the coding-only pass this many times (it is fast).
    #[arg(long, default_value_t = 5)]
    pub coding_repeats: usize,
    /// Also time the coder alone over gold parses from this CoNLL-U file
    /// (e.g. UD English EWT), grouped 20 sentences to a document.
    #[arg(long)]
    pub conllu: Option<PathBuf>,
    /// Print JSON. Rates are per CPU second of the benchmarking thread
    /// (wall-clock rates are reported too).
    #[arg(long)]
    pub json: bool,
    /// Parse every sentence (no parse gate), as `entente parse` does.
    #[arg(long)]
    pub parse_all: bool,
    /// Also run the same pass with this (previous) entente binary, right
    /// before this one on the same articles, and print both side by side
    /// with the ratio.
    #[arg(long)]
    pub baseline: Option<PathBuf>,
}

fn default_corpus() -> Option<PathBuf> {
    if let Ok(s) = std::env::var("ENTENTE_SHARED") {
        let p = PathBuf::from(s).join("data/corpus");
        if p.is_dir() {
            return Some(p);
        }
    }
    let cwd = std::env::current_dir().ok()?;
    cwd.ancestors()
        .map(|a| a.join("shared/data/corpus"))
        .find(|p| p.is_dir())
}

fn corpus_files(args: &Args) -> anyhow::Result<Vec<PathBuf>> {
    let inputs = if args.inputs.is_empty() {
        vec![default_corpus()
            .ok_or_else(|| anyhow!("no corpus found: pass files or set ENTENTE_SHARED"))?]
    } else {
        args.inputs.clone()
    };
    let mut files = Vec::new();
    for r in entente_pipeline::ingest::expand_inputs(&inputs) {
        let p = r.map_err(|e| anyhow!("{e}"))?;
        let name = p.to_string_lossy().to_ascii_lowercase();
        // a directory holds the corpus files next to their stats.json
        if name.ends_with(".stats.json") {
            continue;
        }
        files.push(p);
    }
    files.sort();
    Ok(files)
}

fn read_articles(path: &Path, limit: usize) -> anyhow::Result<Vec<Article>> {
    let mut out = Vec::new();
    for a in entente_pipeline::ingest::read_path(path) {
        if out.len() >= limit {
            break;
        }
        match a {
            Ok(a) => out.push(a),
            Err(e) => eprintln!("entente bench: skipping a record: {e}"),
        }
    }
    Ok(out)
}

/// CPU time of the calling thread (Linux `/proc/thread-self/schedstat`,
/// nanoseconds on CPU). On a shared machine wall time also counts the time
/// other processes hold the cores; CPU time is what one core costs.
fn thread_cpu() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Wall and CPU stopwatch.
struct Clock {
    wall: Instant,
    cpu: Option<Duration>,
}

impl Clock {
    fn start() -> Clock {
        Clock {
            wall: Instant::now(),
            cpu: thread_cpu(),
        }
    }
    /// (wall, cpu) elapsed; cpu falls back to wall.
    fn elapsed(&self) -> (Duration, Duration) {
        let wall = self.wall.elapsed();
        let cpu = match (self.cpu, thread_cpu()) {
            (Some(a), Some(b)) if b >= a => b - a,
            _ => wall,
        };
        (wall, cpu)
    }
}

fn rate(n: usize, d: Duration) -> f64 {
    let s = d.as_secs_f64();
    if s == 0.0 {
        0.0
    } else {
        n as f64 / s
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let files = corpus_files(&args)?;
    let base = match &args.baseline {
        Some(bin) => Some(run_baseline(bin, &args, &files)?),
        None => None,
    };
    let mut articles = Vec::new();
    for f in &files {
        articles.extend(
            read_articles(f, args.limit).with_context(|| format!("reading {}", f.display()))?,
        );
    }
    if articles.is_empty() {
        return Err(anyhow!("no articles read"));
    }
    let t_load = Instant::now();
    let nlp = entente_nlp::Nlp::load().map_err(|e| anyhow!("{e}"))?;
    let actors = entente_actors::Actors::load().map_err(|e| anyhow!("{e}"))?;
    let coder = entente_events::EventCoder::load().map_err(|e| anyhow!("{e}"))?;
    let quotes = entente_quotes::Quotes::load().map_err(|e| anyhow!("{e}"))?;
    let load = t_load.elapsed();

    // End to end, one thread.
    let mut docs: Vec<Doc> = Vec::with_capacity(articles.len());
    let mut t_nlp = Duration::ZERO;
    let mut t_actors = Duration::ZERO;
    let mut t_events = Duration::ZERO;
    let mut t_quotes = Duration::ZERO;
    let mut parsed = 0usize;
    let start = Clock::start();
    for a in articles {
        let mut doc = Doc::new(a);
        let t0 = Instant::now();
        let an = entente_pipeline::analyze(&nlp, &actors, &coder, &mut doc, !args.parse_all);
        parsed += an.parsed;
        let t2 = Instant::now();
        // the actors stage runs inside the analysis (mentions before the
        // parse, coreference after it)
        let t1 = t2 - an.actors;
        coder.annotate(&mut doc)?;
        let t3 = Instant::now();
        // Quotes run after the events, as in the standard pipeline.
        quotes.annotate(&mut doc)?;
        let t4 = Instant::now();
        t_nlp += t1 - t0;
        t_actors += t2 - t1;
        t_events += t3 - t2;
        t_quotes += t4 - t3;
        docs.push(doc);
    }
    let (total, total_cpu) = start.elapsed();
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    let tokens: usize = docs.iter().map(|d| d.tokens.len()).sum();
    let events: usize = docs.iter().map(|d| d.events.len()).sum();

    // Coding alone over the parsed, actor-tagged documents.
    let reps = args.coding_repeats.max(1);
    let t_code = Clock::start();
    let mut coded = 0usize;
    let mut t_convert = Duration::ZERO;
    for _ in 0..reps {
        for d in &docs {
            let c = coder.code(d);
            let t = Instant::now();
            coded += coder.to_events(d, &c).len();
            t_convert += t.elapsed();
        }
    }
    let (coding, coding_cpu) = t_code.elapsed();
    let coding_rate = rate(sentences * reps, coding_cpu);

    // Coding alone over gold parses (parse given, actors run once).
    let mut gold = serde_json::Value::Null;
    if let Some(path) = &args.conllu {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let sents = entente_core::conllu::parse(&text).map_err(|e| anyhow!("{e}"))?;
        let mut gdocs = Vec::new();
        for chunk in sents.chunks(20) {
            let mut d = entente_core::conllu::to_doc(
                chunk,
                Article {
                    date: Some("2014-09-25".into()),
                    ..Article::default()
                },
            );
            actors.annotate(&mut d)?;
            gdocs.push(d);
        }
        let n: usize = gdocs.iter().map(|d| d.sentences.len()).sum();
        let t = Clock::start();
        let mut ev = 0usize;
        for _ in 0..reps {
            for d in &gdocs {
                let c = coder.code(d);
                ev += coder.to_events(d, &c).len();
            }
        }
        let (_, el) = t.elapsed();
        gold = serde_json::json!({"sentences": n, "passes": reps, "seconds": el.as_secs_f64(),
            "sentences_per_s": rate(n * reps, el), "events": ev / reps});
        if !args.json {
            println!(
                "coding only over gold parses of {} ({} sentences, {} events, {reps} passes, CPU time): {:.0} sentences/s",
                path.display(),
                n,
                ev / reps,
                rate(n * reps, el)
            );
        }
    }

    let report = serde_json::json!({
        "coding_only_gold_parse": gold,
        "articles": docs.len(),
        "sentences": sentences,
        "parsed_sentences": parsed,
        "tokens": tokens,
        "events": events,
        "load_seconds": load.as_secs_f64(),
        "end_to_end": {
            "seconds": total.as_secs_f64(),
            "cpu_seconds": total_cpu.as_secs_f64(),
            "sentences_per_s": rate(sentences, total_cpu),
            "articles_per_s": rate(docs.len(), total_cpu),
            "tokens_per_s": rate(tokens, total_cpu),
            "wall_sentences_per_s": rate(sentences, total),
            "stage_seconds": {"nlp": t_nlp.as_secs_f64(), "actors": t_actors.as_secs_f64(), "events": t_events.as_secs_f64(), "quotes": t_quotes.as_secs_f64()},
            "quotes_share": t_quotes.as_secs_f64() / (t_nlp + t_actors + t_events + t_quotes).as_secs_f64().max(1e-9),
        },
        "coding_only": {
            "seconds": coding.as_secs_f64(),
            "cpu_seconds": coding_cpu.as_secs_f64(),
            "passes": reps,
            "sentences_per_s": coding_rate,
            "events": coded / reps,
            "conversion_seconds": t_convert.as_secs_f64() / reps as f64,
        },
        "threads": 1,
        "release_build": !cfg!(debug_assertions),
    });
    let report = match base {
        Some(b) => {
            let ours = report["end_to_end"]["sentences_per_s"]
                .as_f64()
                .unwrap_or(0.0);
            let theirs = b["end_to_end"]["sentences_per_s"].as_f64().unwrap_or(0.0);
            let mut r = report;
            r["baseline"] = b;
            r["ratio_to_baseline"] =
                serde_json::json!(if theirs > 0.0 { ours / theirs } else { 0.0 });
            r
        }
        None => report,
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        if cfg!(debug_assertions) {
            eprintln!("entente bench: debug build; use `cargo run --release` for real numbers");
        }
        println!(
            "{} articles, {} sentences, {} tokens, {} events (models loaded in {:.2}s)",
            docs.len(),
            sentences,
            tokens,
            events,
            load.as_secs_f64()
        );
        println!(
            "end to end (1 thread, CPU time): {:.0} sentences/s, {:.1} articles/s, {:.0} tokens/s  (wall: {:.0} sentences/s)  [wall per stage: nlp {:.2}s, actors {:.2}s, events {:.2}s, quotes {:.2}s ({:.1} % of the stages)]",
            rate(sentences, total_cpu),
            rate(docs.len(), total_cpu),
            rate(tokens, total_cpu),
            rate(sentences, total),
            t_nlp.as_secs_f64(),
            t_actors.as_secs_f64(),
            t_events.as_secs_f64(),
            t_quotes.as_secs_f64(),
            100.0 * t_quotes.as_secs_f64()
                / (t_nlp + t_actors + t_events + t_quotes).as_secs_f64().max(1e-9)
        );
        println!(
            "sentences parsed: {parsed} of {sentences} ({:.1} %){}",
            100.0 * parsed as f64 / sentences.max(1) as f64,
            if args.parse_all { " (--parse-all)" } else { "" }
        );
        println!(
            "coding only (1 thread, CPU time, {reps} passes): {coding_rate:.0} sentences/s (wall: {:.0}; PLOVER/date/place conversion {:.2}s wall per pass)",
            rate(sentences * reps, coding),
            t_convert.as_secs_f64() / reps as f64
        );
        if let Some(b) = report.get("baseline") {
            print_side_by_side(&report, b, args.baseline.as_deref());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `bin bench --json` on the same inputs and limits (the options every
/// release of `entente bench` has) and returns its report.
fn run_baseline(bin: &Path, args: &Args, files: &[PathBuf]) -> anyhow::Result<serde_json::Value> {
    let mut cmd = std::process::Command::new(bin);
    cmd.arg("bench")
        .arg("--json")
        .arg("--limit")
        .arg(args.limit.to_string())
        .arg("--coding-repeats")
        .arg(args.coding_repeats.to_string());
    if let Some(c) = &args.conllu {
        cmd.arg("--conllu").arg(c);
    }
    cmd.args(files);
    let out = cmd
        .stderr(std::process::Stdio::inherit())
        .output()
        .with_context(|| format!("running the baseline {}", bin.display()))?;
    if !out.status.success() {
        return Err(anyhow!(
            "the baseline {} failed ({})",
            bin.display(),
            out.status
        ));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    // The JSON report is the last thing printed; older binaries may print
    // a line before it.
    let start = text
        .find("{\n")
        .or_else(|| text.find('{'))
        .ok_or_else(|| anyhow!("the baseline {} printed no JSON report", bin.display()))?;
    serde_json::from_str(&text[start..])
        .with_context(|| format!("reading the report of the baseline {}", bin.display()))
}

/// The end-to-end figures of this binary and the baseline, with ratios.
fn print_side_by_side(ours: &serde_json::Value, base: &serde_json::Value, bin: Option<&Path>) {
    let f = |v: &serde_json::Value, path: &[&str]| {
        path.iter()
            .try_fold(v, |v, k| v.get(*k))
            .and_then(|v| v.as_f64())
            .unwrap_or(f64::NAN)
    };
    println!();
    println!(
        "side by side with the baseline {} (same articles, 1 thread, CPU time; baseline run first):",
        bin.map_or(String::new(), |p| p.display().to_string())
    );
    println!(
        "{:<34} {:>12} {:>12} {:>8}",
        "", "baseline", "this", "ratio"
    );
    for (label, path) in [
        (
            "end to end sentences/s",
            &["end_to_end", "sentences_per_s"][..],
        ),
        (
            "end to end articles/s",
            &["end_to_end", "articles_per_s"][..],
        ),
        ("end to end tokens/s", &["end_to_end", "tokens_per_s"][..]),
        ("end to end CPU seconds", &["end_to_end", "cpu_seconds"][..]),
        (
            "stage nlp (wall s)",
            &["end_to_end", "stage_seconds", "nlp"][..],
        ),
        (
            "stage actors (wall s)",
            &["end_to_end", "stage_seconds", "actors"][..],
        ),
        (
            "stage events (wall s)",
            &["end_to_end", "stage_seconds", "events"][..],
        ),
        (
            "stage quotes (wall s)",
            &["end_to_end", "stage_seconds", "quotes"][..],
        ),
        (
            "coding only sentences/s",
            &["coding_only", "sentences_per_s"][..],
        ),
        ("events", &["events"][..]),
        ("load seconds", &["load_seconds"][..]),
    ] {
        let (a, b) = (f(base, path), f(ours, path));
        println!("{label:<34} {a:>12.1} {b:>12.1} {:>7.2}x", b / a);
    }
}
