//! `entente extract`: clean articles from inputs, as JSONL.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use entente_core::Article;
use entente_pipeline::ingest::{self, ArticleResult};
use rayon::prelude::*;

#[derive(clap::Args)]
pub struct Args {
    /// Files or directories: .html/.htm, .txt (scraped text), .jsonl/.json,
    /// .warc, each optionally .gz; `-` reads JSONL from stdin.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Write JSONL here instead of stdout.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Do not print warnings and errors to stderr.
    #[arg(short, long)]
    quiet: bool,
}

/// One output line: the article with the field names the issue specifies.
#[derive(serde::Serialize)]
struct Row<'a> {
    source: &'a str,
    url: Option<&'a str>,
    title: Option<&'a str>,
    date: Option<&'a str>,
    authors: &'a [String],
    tags: &'a [String],
    language: Option<&'a str>,
    section: Option<&'a str>,
    canonical_url: Option<&'a str>,
    body: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    notes: &'a [String],
}

fn row(a: &Article) -> Row<'_> {
    Row {
        source: &a.source,
        url: a.url.as_deref(),
        title: a.title.as_deref(),
        date: a.date.as_deref(),
        authors: &a.authors,
        tags: &a.tags,
        language: a.language.as_deref(),
        section: a.section.as_deref(),
        canonical_url: a.canonical_url.as_deref(),
        body: &a.body,
        notes: &a.notes,
    }
}

/// Single-page files are extracted in parallel; multi-record files
/// (JSONL, WARC) stream one record at a time.
fn single_page(p: &std::path::Path) -> bool {
    let n = p.to_string_lossy().to_ascii_lowercase();
    let n = n.strip_suffix(".gz").unwrap_or(&n);
    [".html", ".htm", ".xhtml", ".txt", ".text"]
        .iter()
        .any(|s| n.ends_with(s))
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut out: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let (mut written, mut errors, mut warnings) = (0usize, 0usize, 0usize);
    let mut emit = |item: ArticleResult, out: &mut dyn Write| -> anyhow::Result<()> {
        match item {
            Ok(a) => {
                serde_json::to_writer(&mut *out, &row(&a))?;
                out.write_all(b"\n")?;
                written += 1;
            }
            Err(e) => {
                if e.is_warning() {
                    warnings += 1;
                } else {
                    errors += 1;
                }
                if !args.quiet {
                    eprintln!("entente: {e}");
                }
            }
        }
        Ok(())
    };
    let inputs = ingest::expand_inputs(&args.inputs);
    let mut batch: Vec<PathBuf> = Vec::new();
    let flush_batch = |batch: &mut Vec<PathBuf>| -> Vec<Vec<ArticleResult>> {
        let r = batch
            .par_iter()
            .map(|p| ingest::read_path(p).collect::<Vec<_>>())
            .collect();
        batch.clear();
        r
    };
    for input in inputs {
        let path = match input {
            Ok(p) => p,
            Err(e) => {
                emit(Err(e), &mut out)?;
                continue;
            }
        };
        if single_page(&path) {
            batch.push(path);
            if batch.len() >= 256 {
                for items in flush_batch(&mut batch) {
                    for it in items {
                        emit(it, &mut out)?;
                    }
                }
            }
            continue;
        }
        for items in flush_batch(&mut batch) {
            for it in items {
                emit(it, &mut out)?;
            }
        }
        for it in ingest::read_path(&path) {
            emit(it, &mut out)?;
        }
    }
    for items in flush_batch(&mut batch) {
        for it in items {
            emit(it, &mut out)?;
        }
    }
    out.flush()?;
    if !args.quiet {
        eprintln!("entente: {written} articles, {errors} errors, {warnings} warnings");
    }
    // Like `entente run`: any input that yielded no article fails the
    // command (the good ones are still written).
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
