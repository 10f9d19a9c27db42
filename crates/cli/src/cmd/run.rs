//! `entente run <inputs…>`: the whole pipeline into the store.
//!
//! Articles stream from the readers in batches; each batch is annotated in
//! parallel (rayon, `--jobs`) and written in one transaction by the main
//! thread while the workers annotate the next batch (at most two batches
//! in memory), so annotation does not wait for the store. Documents already
//! stored are skipped before any work is done on them, so re-running the same
//! input adds nothing and a killed run resumes where its last committed batch
//! ended.

use std::collections::VecDeque;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;
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
    /// Worker threads (default: all cores; at most the cores available).
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u32).range(1..=MAX_JOBS as i64))]
    pub jobs: Option<u32>,
    /// Documents per transaction (1 to 10,000).
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..=MAX_BATCH as i64))]
    pub batch: u32,
    /// Longest document text analysed, in bytes; longer texts are cut (at a
    /// paragraph or sentence end) and the document is stored with a warning.
    #[arg(long, default_value_t = entente_pipeline::DEFAULT_MAX_TEXT_BYTES)]
    pub max_text_bytes: usize,
    /// CPU seconds one document may take; past them its remaining sentences
    /// are left unparsed or its remaining stages skipped, and it is stored
    /// with a warning saying what was left out.
    #[arg(long, default_value_t = entente_pipeline::DEFAULT_MAX_CPU.as_secs_f64())]
    pub max_doc_cpu_seconds: f64,
    /// Publication date (YYYY-MM-DD) for articles that give none. Without it,
    /// undated articles stay undated and so do their events.
    #[arg(long)]
    pub date: Option<String>,
    /// Also write each new document's events to stdout (`jsonl`).
    #[arg(long, value_parser = ["jsonl"])]
    pub emit: Option<String>,
    /// Seconds after which another worker may take over a document claimed
    /// by a worker that has not stored it (crashed or killed).
    #[arg(long, default_value_t = 600)]
    pub claim_timeout: u64,
    /// This worker's name in the claims table (default host/pid/start time).
    /// Claims of dead workers on the same host are released at start; those
    /// of other hosts after --claim-timeout.
    #[arg(long)]
    pub worker_id: Option<String>,
    /// No progress bar or summary.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Keep only events the event coder's learned decision scores at least
    /// this (their `confidence`, a probability of being right). The default
    /// favours precision; 0 keeps every event the dictionary codes.
    #[arg(long, default_value_t = entente_events::DEFAULT_MIN_CONFIDENCE)]
    pub min_confidence: f32,
}

/// Largest `--batch`: a batch is held in memory, annotated, while it is
/// built.
pub const MAX_BATCH: u32 = 10_000;
/// Largest `--jobs` accepted at all; more than the cores available is
/// lowered to the cores available, with a note.
pub const MAX_JOBS: u32 = 1024;

/// Batches annotated while the one before is being stored.
const IN_FLIGHT: usize = 1;

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
    let mut store = args.db.open()?;
    let pipeline = Pipeline::standard_with(entente_events::Config {
        min_confidence: args.min_confidence,
        ..entente_events::Config::default()
    })
    .context("loading models")?
    .with_limits(entente_pipeline::Limits {
        max_text_bytes: args.max_text_bytes.max(1),
        max_cpu: std::time::Duration::try_from_secs_f64(args.max_doc_cpu_seconds.max(0.0))
            .unwrap_or(std::time::Duration::MAX),
        ..Default::default()
    });
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(j) = args.jobs {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let j = j as usize;
        if j > cores && !args.quiet {
            eprintln!(
                "entente: --jobs {j} is more than the {cores} cores available; using {cores}"
            );
        }
        builder = builder.num_threads(j.min(cores));
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
    let batch_size = args.batch.clamp(1, MAX_BATCH) as usize;
    let mut batch: Vec<Article> = Vec::with_capacity(batch_size);
    let worker = args
        .worker_id
        .clone()
        .unwrap_or_else(|| format!("{}/{}/{}", hostname(), std::process::id(), now_secs()));
    release_dead_claims(store.as_mut())?;
    let mut runner = Runner {
        store,
        pipeline: Arc::new(pipeline),
        pool,
        pending: VecDeque::new(),
        in_flight: Default::default(),
        bar,
        emit: args.emit.is_some(),
        worker,
        claim_timeout: args.claim_timeout as i64,
    };

    for input in ingest::expand_inputs(&args.inputs) {
        let path = match input {
            Ok(p) => p,
            Err(e) if e.is_warning() => {
                runner.warn(&e.to_string())?;
                continue;
            }
            Err(e) => {
                runner.fail(&e.to_string(), &mut out)?;
                continue;
            }
        };
        runner.bar.set_message(path.display().to_string());
        let mut items = 0usize;
        for item in ingest::read_path(&path) {
            items += 1;
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
                Err(e) if e.is_warning() => runner.warn(&e.to_string())?,
                Err(e) => runner.fail(&e.to_string(), &mut out)?,
            }
        }
        if items == 0 {
            // An empty JSONL file fails like an empty text file does.
            runner.fail(
                &format!("{}: line 1: empty input, no records", path.display()),
                &mut out,
            )?;
        }
    }
    runner.flush(&mut batch, &mut out)?;
    runner.drain(0, &mut out)?;
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
    pipeline: Arc<Pipeline>,
    pool: rayon::ThreadPool,
    /// Batches being annotated on the pool, oldest first: each delivers its
    /// documents once, with the number of articles the batch read.
    pending: VecDeque<(Receiver<Vec<Doc>>, u64, Vec<DocId>)>,
    /// Ids of the documents in `pending` (not yet stored, so not yet
    /// `known`): a repeat in a later batch is skipped.
    in_flight: std::collections::HashSet<DocId>,
    bar: ProgressBar,
    emit: bool,
    /// This process's name in the claims table.
    worker: String,
    claim_timeout: i64,
}

/// The machine's name, for worker ids.
fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|s| s.trim().to_string())
        .ok()
        .filter(|s| !s.is_empty() && !s.contains('/'))
        .unwrap_or_else(|| "localhost".into())
}

/// Releases the claims of workers on this machine whose process is gone
/// (killed or crashed), so that a restarted run redoes their documents at
/// once instead of after the claim timeout. Claims of other machines are
/// left to the timeout.
fn release_dead_claims(store: &mut dyn entente_store::Store) -> anyhow::Result<()> {
    let me = hostname();
    for worker in store.claim_holders()? {
        let mut parts = worker.split('/');
        let (Some(host), Some(pid)) = (parts.next(), parts.next()) else {
            continue;
        };
        let alive = std::path::Path::new("/proc").join(pid).exists();
        if host == me && !alive {
            store.release_claims(&worker)?;
        }
    }
    Ok(())
}

fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

impl Runner {
    /// Annotates the new articles of a batch in parallel and stores them in
    /// one transaction.
    fn flush(&mut self, batch: &mut Vec<Article>, out: &mut Outcome) -> anyhow::Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        let articles = std::mem::take(batch);
        let sources: Vec<String> = articles.iter().map(|a| a.source.clone()).collect();
        let ids: Vec<DocId> = articles
            .iter()
            .map(|a| DocId::derive(a.url.as_deref(), &a.body))
            .collect();
        let known = self.store.known_ids(&ids)?;
        let mut seen = std::collections::HashSet::new();
        // Skip documents already stored, and repeats within the batch.
        let fresh: Vec<(Article, DocId)> = articles
            .into_iter()
            .zip(ids.iter().cloned())
            .filter(|(_, id)| {
                !known.contains(id) && !self.in_flight.contains(id) && seen.insert(id.clone())
            })
            .collect();
        // Claim before working, so concurrent workers on overlapping inputs
        // never process one document twice.
        let fresh_ids: Vec<DocId> = fresh.iter().map(|(_, id)| id.clone()).collect();
        let claimed = self
            .store
            .claim(&fresh_ids, &self.worker, now_secs(), self.claim_timeout)?;
        let (todo, todo_ids): (Vec<Article>, Vec<DocId>) = fresh
            .into_iter()
            .filter(|(_, id)| claimed.contains(id))
            .unzip();
        self.in_flight.extend(todo_ids.iter().cloned());
        out.skipped += ids.len() - todo.len();
        // Record where every article was read from, stored now or before.
        let sources: Vec<(DocId, String)> = ids.iter().cloned().zip(sources).collect();
        self.store.put_sources(&sources)?;
        // Annotate on the pool while this thread stores the batch before:
        // the workers never wait for the store, and at most
        // `IN_FLIGHT` + 1 batches are held in memory.
        let pipeline = Arc::clone(&self.pipeline);
        let (tx, rx) = mpsc::sync_channel(1);
        self.pool.spawn(move || {
            let docs: Vec<Doc> = todo.into_par_iter().map(|a| pipeline.process(a)).collect();
            // The receiver is gone only when the run already failed.
            let _ = tx.send(docs);
        });
        self.pending.push_back((rx, ids.len() as u64, todo_ids));
        self.drain(IN_FLIGHT, out)
    }

    /// Stores the annotated batches until at most `keep` are still being
    /// annotated, oldest first (so stored order and `--emit` order follow
    /// the input).
    fn drain(&mut self, keep: usize, out: &mut Outcome) -> anyhow::Result<()> {
        while self.pending.len() > keep {
            let Some((rx, read, done)) = self.pending.pop_front() else {
                break;
            };
            let docs = rx
                .recv()
                .map_err(|_| anyhow::anyhow!("a worker thread stopped while annotating a batch"))?;
            self.store_docs(&docs, out)?;
            for id in &done {
                self.in_flight.remove(id);
            }
            self.bar.inc(read);
        }
        Ok(())
    }

    /// Writes annotated documents (and, with `--emit`, their events).
    fn store_docs(&mut self, docs: &[Doc], out: &mut Outcome) -> anyhow::Result<()> {
        out.new += self.store.put_docs(docs)?;
        if self.emit {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            for d in docs {
                for line in super::events::doc_event_lines(d) {
                    writeln!(lock, "{line}")?;
                }
            }
        }
        Ok(())
    }

    /// Reports a repair that kept the article (bytes replaced, a page cut):
    /// on stderr and as a stored warning, without failing the run.
    fn warn(&mut self, message: &str) -> anyhow::Result<()> {
        self.record("", message)
    }

    /// Reports a failed input: on stderr and as a stored warning.
    fn fail(&mut self, message: &str, out: &mut Outcome) -> anyhow::Result<()> {
        out.failed += 1;
        self.record("error: ", message)
    }

    /// Prints `message` and stores it; its source is the part before the
    /// first ": " (file and position).
    fn record(&mut self, label: &str, message: &str) -> anyhow::Result<()> {
        self.bar.suspend(|| eprintln!("entente: {label}{message}"));
        let (source, why) = message.split_once(": ").unwrap_or((message, ""));
        self.store.put_warning(source, why)?;
        Ok(())
    }
}
