//! `entente quotes`: quotes from the store, filtered; or, with
//! `--from-jsonl`, quote extraction over `{"id","text"}` lines.

use std::path::PathBuf;
use std::process::ExitCode;

use entente_store::QuoteFilter;

use super::common::{print_table, DbArgs, Format};

#[derive(clap::Args)]
pub struct Args {
    /// Read `{"id","text"}` lines and write `{"id","quotes":[…]}` lines instead of querying the store.
    #[arg(long)]
    pub from_jsonl: Option<PathBuf>,
    #[command(flatten)]
    pub db: DbArgs,
    /// Only quotes whose speaker resolves to this actor (code prefix).
    #[arg(long)]
    pub actor: Option<String>,
    /// Only anonymous (or, with =false, named) sources.
    #[arg(long)]
    pub anonymous: Option<bool>,
    /// Only this document.
    #[arg(long)]
    pub doc: Option<String>,
    /// First day of publication (YYYY-MM-DD), inclusive.
    #[arg(long)]
    pub from: Option<String>,
    /// Last day of publication (YYYY-MM-DD), inclusive.
    #[arg(long)]
    pub to: Option<String>,
    #[arg(long)]
    pub limit: Option<usize>,
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(p) = &args.from_jsonl {
        return super::quotes_jsonl::run(p);
    }
    let mut store = args.db.open_read_only()?;
    let rows = store.quotes(&QuoteFilter {
        actor: args.actor.clone(),
        doc_id: args.doc.clone(),
        anonymous: args.anonymous,
        from: args.from.clone(),
        to: args.to.clone(),
        limit: args.limit,
        offset: args.offset,
    })?;
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    match args.format {
        Format::Jsonl => {
            for r in &rows {
                println!("{}", serde_json::to_string(r)?);
            }
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(std::io::stdout());
            w.write_record([
                "doc_id",
                "sentence",
                "type",
                "speaker",
                "speaker_name",
                "speaker_code",
                "cue",
                "anonymous",
                "outlet",
                "hedge",
                "quote",
            ])?;
            for r in &rows {
                w.write_record([
                    r.doc_id.clone(),
                    r.sentence.to_string(),
                    r.kind.clone(),
                    o(&r.speaker),
                    o(&r.speaker_name),
                    o(&r.speaker_code),
                    o(&r.cue),
                    r.anonymous.to_string(),
                    o(&r.outlet),
                    o(&r.hedge),
                    r.quote.clone(),
                ])?;
            }
            w.flush()?;
        }
        Format::Table => {
            let table: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.speaker_name
                            .clone()
                            .or(r.speaker.clone())
                            .unwrap_or_else(|| "-".into()),
                        o(&r.speaker_code),
                        r.kind.clone(),
                        if r.anonymous { "yes".into() } else { "".into() },
                        o(&r.outlet),
                        r.quote.clone(),
                    ]
                })
                .collect();
            print_table(
                &["speaker", "code", "type", "anon", "outlet", "quote"],
                &table,
                60,
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
