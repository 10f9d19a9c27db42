//! `entente dyad A B`: the time series of one dyad, counting canonical
//! (deduplicated) events.

use std::process::ExitCode;

use anyhow::Context;
use entente_analysis::{dyad_series, node_key, DedupParams, Direction, Granularity};
use entente_core::ActorCode;

use super::common::{print_table, DbArgs};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub db: DbArgs,
    /// First actor (CAMEO code: IRN, IRNGOV, IMGMUSISI; states collapse to
    /// their country).
    pub a: String,
    /// Second actor.
    pub b: String,
    /// Period: day, week or month.
    #[arg(long, default_value = "month")]
    pub by: String,
    /// Only events from A to B (default: both directions).
    #[arg(long)]
    pub directed: bool,
    /// Count intended, expected, claimed, negated … events too (default:
    /// asserted only).
    #[arg(long)]
    pub all_modalities: bool,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// The network node of an actor code given on the command line.
pub fn node(code: &str) -> anyhow::Result<String> {
    node_key(&ActorCode::new(code.trim()))
        .with_context(|| format!("{code:?} is not an actor code (e.g. IRN, USAGOV, IMGMUSISI)"))
}

fn num(x: Option<f32>) -> String {
    x.map_or_else(|| "-".to_string(), |v| format!("{v:.2}"))
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let by: Granularity = args.by.parse()?;
    let (a, b) = (node(&args.a)?, node(&args.b)?);
    let dir = if args.directed {
        Direction::Directed
    } else {
        Direction::Undirected
    };
    let mut store = args.db.open_read_only()?;
    let rel = entente_serve::relations::load(store.as_mut(), &DedupParams::default())?;
    let series = dyad_series(&rel.events, &a, &b, by, dir, args.all_modalities);
    // Undated events cannot be placed in a period: say how many there are.
    let undated = rel
        .events
        .iter()
        .filter(|e| {
            e.date.is_none()
                && entente_analysis::series::counts_modality(e, args.all_modalities)
                && entente_analysis::series::in_dyad(e, &a, &b, dir)
        })
        .count();
    if args.json {
        let v = serde_json::json!({ "a": a, "b": b, "by": by, "direction": dir,
            "all_modalities": args.all_modalities, "undated_events": undated, "series": series });
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(ExitCode::SUCCESS);
    }
    let undated_note = if undated > 0 {
        format!(
            " ({undated} undated events left out: give articles a date, e.g. `entente run --date`)"
        )
    } else {
        String::new()
    };
    if series.is_empty() {
        println!(
            "no dated {}events between {a} and {b}{undated_note}",
            if args.all_modalities { "" } else { "asserted " }
        );
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<Vec<String>> = series
        .iter()
        .map(|p| {
            let q = p.counts.quad;
            vec![
                p.label.clone(),
                p.counts.events.to_string(),
                p.counts.mentions.to_string(),
                q[0].to_string(),
                q[1].to_string(),
                q[2].to_string(),
                q[3].to_string(),
                q[4].to_string(),
                format!("{:.1}", p.counts.goldstein_sum),
                num(p.goldstein_mean),
                num(p.net_cooperation),
            ]
        })
        .collect();
    println!(
        "{a} {} {b} by {}, {} events",
        if args.directed { "→" } else { "–" },
        args.by,
        if args.all_modalities {
            "all"
        } else {
            "asserted"
        }
    );
    print_table(
        &[
            "period",
            "events",
            "mentions",
            "neutral",
            "verb.coop",
            "mat.coop",
            "verb.confl",
            "mat.confl",
            "goldstein",
            "mean",
            "net.coop",
        ],
        &rows,
        20,
    );
    Ok(ExitCode::SUCCESS)
}
