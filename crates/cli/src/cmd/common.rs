//! Options and helpers shared by several subcommands.

use std::path::PathBuf;

use anyhow::Context;

/// Where the store is.
#[derive(clap::Args, Clone, Debug)]
pub struct DbArgs {
    /// SQLite file, or a postgres:// URL.
    #[arg(long, env = "ENTENTE_DB", default_value = "entente.db")]
    pub db: String,
}

impl DbArgs {
    /// Opens the store, naming it in the error.
    pub fn open(&self) -> anyhow::Result<Box<dyn entente_store::Store>> {
        entente_store::open(&self.db).with_context(|| format!("cannot open store {}", self.db))
    }

    /// Opens an existing store for reading only (never creates one).
    pub fn open_read_only(&self) -> anyhow::Result<Box<dyn entente_store::Store>> {
        entente_store::open_read_only(&self.db)
            .with_context(|| format!("cannot open store {}", self.db))
    }
}

/// Output formats of listing commands.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Table,
    Jsonl,
    Csv,
}

/// The repository's `examples/` folder: next to the working directory when
/// run from a checkout, else where the source tree was built.
pub fn examples_dir() -> PathBuf {
    let here = PathBuf::from("examples");
    if here.is_dir() {
        return here;
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// Prints rows as an aligned table (columns cut at `max` chars).
pub fn print_table(headers: &[&str], rows: &[Vec<String>], max: usize) {
    let cut = |s: &str| -> String {
        let s = s.replace(['\n', '\t'], " ");
        if s.chars().count() > max {
            let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
            t.push('…');
            t
        } else {
            s
        }
    };
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| cut(c)).collect())
        .collect();
    let mut w: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            if i < w.len() {
                w[i] = w[i].max(c.chars().count());
            }
        }
    }
    let line = |cells: Vec<String>| {
        let parts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{:<width$}", c, width = w[i]))
            .collect();
        println!("{}", parts.join("  ").trim_end());
    };
    line(headers.iter().map(|s| s.to_string()).collect());
    line(w.iter().map(|n| "-".repeat(*n)).collect());
    for r in rows {
        line(r);
    }
}
