//! `entente eval <stage>`: scores a stage against gold data. Each stage's
//! evaluation lives in its own module (`eval_<stage>.rs`).

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand)]
enum What {
    /// Article extraction against truth.jsonl.
    Extract(super::eval_extract::Args),
    /// Tagger/parser against a CoNLL-U file.
    Parse(super::eval_parse::Args),
    /// Coreference against GUM documents.
    Coref(super::eval_coref::Args),
    /// Event coding against validation records.
    Events(super::eval_events::Args),
    /// Quote extraction against gold JSONL.
    Quotes(super::eval_quotes::Args),
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.what {
        What::Extract(a) => super::eval_extract::run(a),
        What::Parse(a) => super::eval_parse::run(a),
        What::Coref(a) => super::eval_coref::run(a),
        What::Events(a) => super::eval_events::run(a),
        What::Quotes(a) => super::eval_quotes::run(a),
    }
}
