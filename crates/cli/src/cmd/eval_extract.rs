//! `entente eval extract`: article-extraction scores against a truth file.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context};
use entente_pipeline::ingest::eval::{Scores, Truth};
use entente_pipeline::ingest::{self, Extractor};

#[derive(clap::Args)]
pub struct Args {
    /// Directory of pages named `<id>.html.gz` or `<id>.html`.
    #[arg(long)]
    html: Option<PathBuf>,
    /// Truth JSONL: `{"id","url","body","title"?,"author"?,"date"?}`.
    #[arg(long)]
    truth: PathBuf,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    json: bool,
    /// Render each page to plain text first (tags stripped, one line per
    /// block) and score the plain-text extractor on it.
    #[arg(long)]
    as_text: bool,
    /// Score this predictions JSONL (`{"id","body","title"?,"author"?,"date"?}`)
    /// instead of running the extractor; used to score other tools the same way.
    #[arg(long, conflicts_with = "html")]
    predictions: Option<PathBuf>,
    /// Also write entente's predictions as JSONL to this file.
    #[arg(long)]
    write_predictions: Option<PathBuf>,
    /// With --as-text: also write each page rendered to text as DIR/<id>.txt.
    #[arg(long, requires = "as_text")]
    dump_text: Option<PathBuf>,
    /// Time the extraction this many times and report the fastest round
    /// (best-of-N filters out load from other processes); scores come from
    /// the first round.
    #[arg(long, default_value_t = 1)]
    rounds: usize,
    /// Print per-page shingle F1 (worst first) to stderr.
    #[arg(long)]
    per_page: bool,
}

fn read_truth(path: &Path) -> anyhow::Result<Vec<Truth>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let t: Truth = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: bad truth record", path.display(), i + 1))?;
        out.push(t);
    }
    Ok(out)
}

fn read_page(dir: &Path, id: &str) -> anyhow::Result<Vec<u8>> {
    let gz = dir.join(format!("{id}.html.gz"));
    let mut bytes = Vec::new();
    if gz.exists() {
        let f = std::fs::File::open(&gz).with_context(|| format!("opening {}", gz.display()))?;
        flate_read(f, &mut bytes).with_context(|| format!("decompressing {}", gz.display()))?;
    } else {
        let p = dir.join(format!("{id}.html"));
        bytes = std::fs::read(&p).with_context(|| format!("reading {}", p.display()))?;
    }
    Ok(bytes)
}

fn flate_read(f: std::fs::File, out: &mut Vec<u8>) -> std::io::Result<()> {
    ingest::gunzip_reader(f).read_to_end(out).map(|_| ())
}

#[derive(serde::Deserialize)]
struct Prediction {
    id: String,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    date: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let truth = read_truth(&args.truth)?;
    let mut scores = Scores::default();
    let mut per_page: Vec<(f64, String)> = Vec::new();
    let mut elapsed = 0.0f64;
    let mut best: Option<f64> = None;
    if let Some(pred_path) = &args.predictions {
        let text = std::fs::read_to_string(pred_path)
            .with_context(|| format!("reading {}", pred_path.display()))?;
        let mut preds = std::collections::HashMap::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let p: Prediction = serde_json::from_str(line)
                .with_context(|| format!("{}:{}: bad prediction", pred_path.display(), i + 1))?;
            preds.insert(p.id.clone(), p);
        }
        for t in &truth {
            let p = preds.get(&t.id);
            let body = p.and_then(|p| p.body.as_deref()).unwrap_or("");
            scores.add(
                t,
                body,
                p.and_then(|p| p.title.as_deref()),
                p.and_then(|p| p.author.as_deref()),
                p.and_then(|p| p.date.as_deref()),
            );
        }
    } else {
        let Some(dir) = &args.html else {
            bail!("give --html DIR (or --predictions FILE)");
        };
        // Load every page first so the timing covers extraction only.
        let mut pages = Vec::with_capacity(truth.len());
        for t in &truth {
            pages.push(read_page(dir, &t.id)?);
        }
        let mut out = match &args.write_predictions {
            Some(p) => Some(std::io::BufWriter::new(
                std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
            )),
            None => None,
        };
        let extractor = ingest::DomSmoothieExtractor;
        for _ in 1..args.rounds.max(1) {
            let start = Instant::now();
            for (t, bytes) in truth.iter().zip(&pages) {
                let decoded = ingest::charset::decode(bytes, None, true);
                let art = if args.as_text {
                    ingest::extract_plain_text(&ingest::html::html_to_text(&decoded.text))
                } else {
                    extractor.extract(&decoded.text, t.url.as_deref())
                };
                std::hint::black_box(art);
            }
            let e = start.elapsed().as_secs_f64();
            best = Some(best.map_or(e, |b: f64| b.min(e)));
        }
        for (t, bytes) in truth.iter().zip(&pages) {
            let start = Instant::now();
            let art = if args.as_text {
                let decoded = ingest::charset::decode(bytes, None, true);
                let text = ingest::html::html_to_text(&decoded.text);
                if let Some(d) = &args.dump_text {
                    std::fs::create_dir_all(d)?;
                    std::fs::write(d.join(format!("{}.txt", t.id)), &text)?;
                }
                ingest::extract_plain_text(&text)
            } else {
                let decoded = ingest::charset::decode(bytes, None, true);
                extractor.extract(&decoded.text, t.url.as_deref())
            };
            elapsed += start.elapsed().as_secs_f64();
            let author = (!art.authors.is_empty()).then(|| art.authors.join(", "));
            if args.per_page {
                let (p, r) = ingest::eval::shingle_pr(&t.body, &art.body);
                per_page.push((
                    ingest::eval::f1(p, r),
                    format!("{} p={p:.3} r={r:.3}", t.id),
                ));
            }
            scores.add(
                t,
                &art.body,
                art.title.as_deref(),
                author.as_deref(),
                art.date.as_deref(),
            );
            if let Some(w) = out.as_mut() {
                use std::io::Write;
                let row = serde_json::json!({
                    "id": t.id, "body": art.body, "title": art.title,
                    "author": author, "date": art.date,
                });
                writeln!(w, "{row}")?;
            }
        }
    }
    if let Some(b) = best {
        elapsed = elapsed.min(b);
    }
    if args.per_page {
        per_page.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (f, s) in &per_page {
            eprintln!("{f:.3} {s}");
        }
    }
    let pages_per_s = if elapsed > 0.0 {
        scores.pages as f64 / elapsed
    } else {
        0.0
    };
    if args.json {
        let v = serde_json::json!({
            "pages": scores.pages,
            "precision": scores.precision(),
            "recall": scores.recall(),
            "f1": scores.f1(),
            "bow_f1": scores.bow_f1(),
            "title_accuracy": scores.title_accuracy(),
            "author_accuracy": scores.author_accuracy(),
            "date_accuracy": scores.date_accuracy(),
            "pages_per_s": if args.predictions.is_some() { None } else { Some(pages_per_s) },
        });
        println!("{v}");
    } else {
        let opt = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v:.3}"));
        println!("pages          {}", scores.pages);
        println!("precision      {:.3}", scores.precision());
        println!("recall         {:.3}", scores.recall());
        println!("f1             {:.3}", scores.f1());
        println!("bow_f1         {:.3}", scores.bow_f1());
        println!("title_accuracy {}", opt(scores.title_accuracy()));
        println!("author_accuracy {}", opt(scores.author_accuracy()));
        println!("date_accuracy  {}", opt(scores.date_accuracy()));
        if args.predictions.is_none() {
            println!("pages_per_s    {pages_per_s:.1}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
