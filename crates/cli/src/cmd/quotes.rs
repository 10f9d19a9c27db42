use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Read `{"id","text"}` lines and write `{"id","quotes":[…]}` lines instead of querying the store.
    #[arg(long)]
    from_jsonl: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(p) = &args.from_jsonl {
        return super::quotes_jsonl::run(p);
    }
    anyhow::bail!("`entente quotes` over the store is not implemented yet")
}
