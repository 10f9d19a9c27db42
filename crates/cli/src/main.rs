//! The `entente` binary: a thin command-line layer over the library crates.
//!
//! Each subcommand lives in its own module under `cmd/`; this file only
//! declares the command tree and dispatches.

use clap::{Parser, Subcommand};

mod canonical;
mod cmd;

/// entente: who did what to whom, when, who said so — from news text.
#[derive(Parser)]
#[command(name = "entente", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the whole pipeline over inputs into the store.
    Run(cmd::run::Args),
    /// Run the bundled example corpus into a SQLite file and print the report.
    Demo(cmd::demo::Args),
    /// Summarise what the store holds.
    Report(cmd::report::Args),
    /// List coded events, with filters.
    Events(cmd::events::Args),
    /// List quotes, with filters (or extract quotes from JSONL with --from-jsonl).
    Quotes(cmd::quotes::Args),
    /// Export the store (JSONL, CSV, GDELT-style TSV, Parquet).
    Export(cmd::export::Args),
    /// Extract clean articles from inputs and write JSONL.
    Extract(cmd::extract::Args),
    /// Tokenize, tag and parse text into CoNLL-U.
    Parse(cmd::parse::Args),
    /// Train the language models from UD treebanks (`train events`: the
    /// event coder's learned decision).
    Train(TrainArgs),
    /// Actor knowledge base: lookup and list.
    Actors(cmd::actors::Args),
    /// Evaluate a stage against gold data.
    Eval(cmd::eval::Args),
    /// Throughput benchmarks.
    Bench(cmd::bench::Args),
    /// Time series of one dyad.
    Dyad(cmd::dyad::Args),
    /// The signed actor network for a time window.
    Network(cmd::network::Args),
    /// Structural balance: unbalanced triads and common enemies.
    Balance(cmd::balance::Args),
    /// Serve the JSON API and the web dashboard.
    Serve(cmd::serve::Args),
}

/// `entente train [OPTIONS]` trains the language models; `entente train
/// events` the event coder's learned decision.
#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
struct TrainArgs {
    #[command(subcommand)]
    what: Option<TrainWhat>,
    #[command(flatten)]
    lm: cmd::train::Args,
}

#[derive(Subcommand)]
enum TrainWhat {
    /// Train the event coder's learned decision on the gold train part.
    Events(cmd::train_events::Args),
}

fn main() -> std::process::ExitCode {
    // Like other Unix tools, end quietly when the reader of our output goes
    // away (`entente events | head`) instead of panicking on a broken pipe.
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE at start-up,
    // before any other thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(a) => cmd::run::run(a),
        Command::Demo(a) => cmd::demo::run(a),
        Command::Report(a) => cmd::report::run(a),
        Command::Events(a) => cmd::events::run(a),
        Command::Quotes(a) => cmd::quotes::run(a),
        Command::Export(a) => cmd::export::run(a),
        Command::Extract(a) => cmd::extract::run(a),
        Command::Parse(a) => cmd::parse::run(a),
        Command::Train(TrainArgs {
            what: Some(TrainWhat::Events(a)),
            ..
        }) => cmd::train_events::run(a),
        Command::Train(a) => cmd::train::run(a.lm),
        Command::Actors(a) => cmd::actors::run(a),
        Command::Eval(a) => cmd::eval::run(a),
        Command::Bench(a) => cmd::bench::run(a),
        Command::Dyad(a) => cmd::dyad::run(a),
        Command::Network(a) => cmd::network::run(a),
        Command::Balance(a) => cmd::balance::run(a),
        Command::Serve(a) => cmd::serve::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("entente: error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
