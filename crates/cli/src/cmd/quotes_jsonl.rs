//! `entente quotes --from-jsonl FILE`: quote extraction over `{"id","text"}` lines.

use std::path::Path;
use std::process::ExitCode;

pub fn run(_path: &Path) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`entente quotes --from-jsonl` is not implemented yet")
}
