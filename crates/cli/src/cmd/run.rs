//! `entente run <inputs…>`: the whole pipeline into the store.
//!
//! Articles stream from the readers in batches; each batch is annotated in
//! parallel (rayon, `--jobs`) and written in one transaction. Documents already
//! stored are skipped before any work is done on them, so re-running the same
//! input adds nothing and a killed run resumes where its last committed batch
//! ended.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use entente_core::{Article, Doc, DocId};
use entente_pipeline::{ingest, Pipeline};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use super::common::DbArgs;

#[derive(clap::Args)]
pub struct Args {
    /// Input files or folders (.txt, .html, .jsonl, .jsonl.gz, …); `-` reads JSONL on stdin.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub db: DbArgs,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// Documents per transaction.
    #[arg(long, default_value_t = 64)]
    pub batch: usize,
    /// Publication date (YYYY-MM-DD) for articles that give none. Without it,
    /// undated articles stay undated and so do their events.
    #[arg(long)]
    pub date: Option<String>,
    /// Also write each new document's events to stdout (`jsonl`).
    #[arg(long, value_parser = ["jsonl"])]
    pub emit: Option<String>,
    /// No progress bar or summary.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// Counters of one run.
#[derive(Default, Debug)]
pub struct Outcome {
    pub read: usize,
    pub new: usize,
    pub skipped: usize,
    pub failed: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let outcome = execute(&args)?;
    Ok(if outcome.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Runs the pipeline; shared with `entente demo`.
pub fn execute(args: &Args) -> anyhow::Result<Outcome> {
    if let Some(d) = &args.date {
        entente_core::EventDate::parse_iso(d)
            .with_context(|| format!("--date {d:?} is not a YYYY-MM-DD date"))?;
    }
    let started = Instant::now();
    let store = args.db.open()?;
    let pipeline = Pipeline::standard().context("loading models")?;
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(j) = args.jobs {
        builder = builder.num_threads(j.max(1));
    }
    let pool = builder.build().context("starting worker threads")?;

    let bar = if args.quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::new_spinner()
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} {elapsed} {pos} documents ({per_sec}) {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    let mut out = Outcome::default();
    let mut batch: Vec<Article> = Vec::with_capacity(args.batch);
    let batch_size = args.batch.max(1);
    let mut runner = Runner {
        store,
        pipeline,
        pool,
        bar,
        emit: args.emit.is_some(),
    };

    for input in ingest::expand_inputs(&args.inputs) {
        let path = match input {
            Ok(p) => p,
            Err(e) => {
                runner.fail(&e.to_string(), &mut out)?;
                continue;
            }
        };
        runner.bar.set_message(path.display().to_string());
        for item in ingest::read_path(&path) {
            match item {
                Ok(mut a) => {
                    if a.body.trim().is_empty() {
                        runner.fail(&format!("{}: empty article, skipped", a.source), &mut out)?;
                        continue;
                    }
                    if a.date.is_none() {
                        a.date = args.date.clone();
                    }
                    out.read += 1;
                    batch.push(a);
                    if batch.len() >= batch_size {
                        runner.flush(&mut batch, &mut out)?;
                    }
                }
                Err(e) => runner.fail(&e.to_string(), &mut out)?,
            }
        }
    }
    runner.flush(&mut batch, &mut out)?;
    runner.bar.finish_and_clear();
    crate::canonical::rebuild(runner.store.as_mut())?;
    if !args.quiet {
        eprintln!(
            "entente: {} articles read, {} new documents stored, {} already stored, {} inputs failed ({:.1}s) → {}",
            out.read,
            out.new,
            out.skipped,
            out.failed,
            started.elapsed().as_secs_f64(),
            args.db.db
        );
    }
    Ok(out)
}

struct Runner {
    store: Box<dyn entente_store::Store>,
    pipeline: Pipeline,
    pool: rayon::ThreadPool,
    bar: ProgressBar,
    emit: bool,
}

impl Runner {
    /// Annotates the new articles of a batch in parallel and stores them in
    /// one transaction.
    fn flush(&mut self, batch: &mut Vec<Article>, out: &mut Outcome) -> anyhow::Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        let articles = std::mem::take(batch);
        let ids: Vec<DocId> = articles
            .iter()
            .map(|a| DocId::derive(a.url.as_deref(), &a.body))
            .collect();
        let known = self.store.known_ids(&ids)?;
        let mut seen = std::collections::HashSet::new();
        // Skip documents already stored, and repeats within the batch.
        let todo: Vec<Article> = articles
            .into_iter()
            .zip(&ids)
            .filter(|(_, id)| !known.contains(id) && seen.insert((*id).clone()))
            .map(|(a, _)| a)
            .collect();
        out.skipped += ids.len() - todo.len();
        let pipeline = &self.pipeline;
        let docs: Vec<Doc> = self
            .pool
            .install(|| todo.into_par_iter().map(|a| pipeline.process(a)).collect());
        out.new += self.store.put_docs(&docs)?;
        if self.emit {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            for d in &docs {
                for line in super::events::doc_event_lines(d) {
                    writeln!(lock, "{line}")?;
                }
            }
        }
        self.bar.inc(ids.len() as u64);
        Ok(())
    }

    /// Reports a failed input: on stderr and as a stored warning.
    fn fail(&mut self, message: &str, out: &mut Outcome) -> anyhow::Result<()> {
        out.failed += 1;
        self.bar
            .suspend(|| eprintln!("entente: warning: {message}"));
        // The source is the part before the first ": " (file and position).
        let (source, why) = message.split_once(": ").unwrap_or((message, ""));
        self.store.put_warning(source, why)?;
        Ok(())
    }
}
