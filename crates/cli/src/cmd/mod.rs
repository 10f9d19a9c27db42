//! One module per subcommand. Each exposes `Args` (clap) and
//! `run(Args) -> anyhow::Result<ExitCode>`.

pub mod actors;
pub mod balance;
pub mod bench;
pub mod common;
pub mod demo;
pub mod dyad;
pub mod eval;
pub mod eval_coref;
pub mod eval_events;
pub mod eval_extract;
pub mod eval_gold;
pub mod eval_parse;
pub mod eval_quotes;
pub mod events;
pub mod export;
pub mod extract;
pub mod network;
pub mod parse;
pub mod quotes;
pub mod quotes_jsonl;
pub mod report;
pub mod run;
pub mod serve;
pub mod train;
pub mod train_events;
