//! `entente demo`: the bundled example corpus (`examples/`) into a SQLite
//! file, then the report. Running it again adds nothing.

use std::process::ExitCode;

use super::common::{examples_dir, DbArgs};

#[derive(clap::Args)]
pub struct Args {
    /// SQLite file (or postgres:// URL) to fill.
    #[arg(long, env = "ENTENTE_DB", default_value = "entente-demo.db")]
    pub db: String,
    /// Worker threads (default: all cores; at most the cores available).
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u32).range(1..=super::run::MAX_JOBS as i64))]
    pub jobs: Option<u32>,
    /// Print the report as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// No progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dir = examples_dir();
    anyhow::ensure!(
        dir.is_dir(),
        "examples folder not found at {} (run from the repository root)",
        dir.display()
    );
    let db = DbArgs {
        db: args.db.clone(),
    };
    let outcome = super::run::execute(&super::run::Args {
        inputs: vec![dir],
        db: db.clone(),
        jobs: args.jobs,
        batch: 64,
        max_text_bytes: entente_pipeline::DEFAULT_MAX_TEXT_BYTES,
        max_doc_cpu_seconds: entente_pipeline::DEFAULT_MAX_CPU.as_secs_f64(),
        date: None,
        emit: None,
        claim_timeout: 600,
        worker_id: None,
        quiet: args.quiet,
        min_confidence: entente_events::DEFAULT_MIN_CONFIDENCE,
    })?;
    let mut store = db.open()?;
    super::report::print(store.as_mut(), &db.db, 10, args.json)?;
    Ok(if outcome.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
