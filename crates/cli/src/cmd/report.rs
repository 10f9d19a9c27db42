//! `entente report`: what the store holds.

use std::process::ExitCode;

use super::common::{print_table, DbArgs};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub db: DbArgs,
    /// One JSON object instead of text.
    #[arg(long)]
    pub json: bool,
    /// How many entries in each top list.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut store = args.db.open_read_only()?;
    print(store.as_mut(), &args.db.db, args.top, args.json)?;
    Ok(ExitCode::SUCCESS)
}

/// Prints the report (shared with `entente demo`).
pub fn print(
    store: &mut dyn entente_store::Store,
    db: &str,
    top: usize,
    json: bool,
) -> anyhow::Result<()> {
    let r = store.report(top)?;
    if json {
        println!("{}", serde_json::to_string(&r)?);
        return Ok(());
    }
    println!("entente report — {db}\n");
    print_table(
        &[
            "documents",
            "sentences",
            "mentions",
            "events",
            "event mentions",
            "quotes",
            "warnings",
            "dates inferred",
        ],
        &[vec![
            r.documents.to_string(),
            r.sentences.to_string(),
            r.mentions.to_string(),
            r.events.to_string(),
            r.event_mentions.to_string(),
            r.quotes.to_string(),
            r.warnings.to_string(),
            r.dated_inferred.to_string(),
        ]],
        20,
    );
    let section = |title: &str, headers: &[&str], rows: Vec<Vec<String>>| {
        println!("\n{title}");
        if rows.is_empty() {
            println!("  (none)");
        } else {
            print_table(headers, &rows, 60);
        }
    };
    section(
        "Events by dyad, both actors identified (event mentions)",
        &["source", "target", "count"],
        r.top_dyads
            .iter()
            .map(|(a, b, n)| vec![a.clone(), b.clone(), n.to_string()])
            .collect(),
    );
    section(
        "Events by CAMEO root",
        &["root", "count"],
        r.top_roots
            .iter()
            .map(|(a, n)| vec![a.clone(), n.to_string()])
            .collect(),
    );
    section(
        "Most quoted speakers",
        &["speaker", "quotes"],
        r.top_speakers
            .iter()
            .map(|(a, n)| vec![a.clone(), n.to_string()])
            .collect(),
    );
    section(
        "Most frequent unknown actors (grow the knowledge base with these)",
        &["text", "mentions"],
        r.top_unknown_actors
            .iter()
            .map(|(a, n)| vec![a.clone(), n.to_string()])
            .collect(),
    );
    section(
        "Warnings",
        &["source", "message"],
        r.recent_warnings
            .iter()
            .map(|(a, b)| vec![a.clone(), b.clone()])
            .collect(),
    );
    Ok(())
}
