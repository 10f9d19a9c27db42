//! `entente balance`: structural balance of the signed network — unbalanced
//! triads ranked by evidence (with the events and sentences behind each
//! edge), common enemies, and the balance index per period.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::process::ExitCode;

use entente_analysis::balance::{balance_over_time, balance_top, common_enemies};
use entente_analysis::{signed_network, DedupParams, EventRecord, Granularity};
use serde_json::json;

use super::common::DbArgs;
use super::dyad::node;
use super::network::WindowArgs;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub window: WindowArgs,
    /// Only triads with this actor; also list the enemies it shares.
    #[arg(long)]
    pub actor: Option<String>,
    /// With --actor: only common enemies shared with this actor.
    #[arg(long)]
    pub other: Option<String>,
    /// Also give the balance index per period (day, week or month).
    #[arg(long)]
    pub by: Option<String>,
    /// Unbalanced triads to show (0 = all).
    #[arg(long, default_value_t = 20)]
    pub top: usize,
    /// Print JSON (with every event behind every edge) instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let p = args.window.params()?;
    let actor = args.actor.as_deref().map(node).transpose()?;
    let other = args.other.as_deref().map(node).transpose()?;
    let by: Option<Granularity> = args.by.as_deref().map(str::parse).transpose()?;
    let mut store = args.db.open_read_only()?;
    let rel = entente_serve::relations::load(store.as_mut(), &DedupParams::default())?;
    let net = signed_network(&rel.events, &p);
    let top = if args.top == 0 { usize::MAX } else { args.top };
    let report = balance_top(&net, actor.as_deref(), top);
    let enemies = actor
        .as_deref()
        .map(|a| common_enemies(&net, a, other.as_deref()))
        .unwrap_or_default();
    let series = by.map(|g| balance_over_time(&rel.events, g, &p));
    let records: HashMap<&str, &EventRecord> =
        rel.records.iter().map(|r| (r.id.as_str(), r)).collect();

    // The events behind the reported triads, with their reports' sentences.
    let ids: BTreeSet<&str> = report
        .unbalanced
        .iter()
        .flat_map(|t| t.edges.iter())
        .flat_map(|e| e.event_ids.iter().map(String::as_str))
        .collect();
    let events: BTreeMap<&str, serde_json::Value> = ids
        .iter()
        .filter_map(|id| rel.event(id).map(|e| (*id, e)))
        .map(|(id, e)| {
            let mentions: Vec<_> = e
                .members
                .iter()
                .filter_map(|m| records.get(m.as_str()))
                .map(|r| {
                    json!({ "id": r.id, "doc_id": r.doc_id, "sentence": r.sentence,
                                 "text": r.sentence_text, "trigger": r.trigger })
                })
                .collect();
            (
                id,
                json!({ "date": e.date, "source": e.source, "target": e.target,
                        "cameo": e.cameo, "quad_class": e.quad_class, "goldstein": e.goldstein,
                        "modality": e.modality, "sources": e.sources, "mentions": mentions }),
            )
        })
        .collect();

    if args.json {
        let v = json!({ "balance": report, "common_enemies": enemies,
                        "events": events, "series": series });
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{} nodes, {} edges; {} closed triads, {} balanced, {} unbalanced (index {}); by kind {}",
        net.nodes.len(),
        net.edges.len(),
        report.triads,
        report.balanced,
        report.unbalanced_total,
        report
            .balance_index
            .map_or("-".into(), |b| format!("{b:.2}")),
        report
            .by_kind
            .iter()
            .map(|(k, v)| format!("{k}:{v}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    for (i, t) in report.unbalanced.iter().enumerate() {
        println!(
            "\n{}. {} ({}, evidence {})",
            i + 1,
            t.nodes.join(" – "),
            t.kind.symbol(),
            t.evidence
        );
        for e in &t.edges {
            println!(
                "   {} {} {}: {} events, net cooperation {:.2}",
                e.a,
                e.sign.symbol(),
                e.b,
                e.counts.events,
                e.weight
            );
            for id in e.event_ids.iter().take(3) {
                if let Some(ev) = rel.event(id) {
                    let text = ev
                        .members
                        .first()
                        .and_then(|m| records.get(m.as_str()))
                        .map(|r| r.sentence_text.replace('\n', " "))
                        .unwrap_or_default();
                    let text: String = text.chars().take(110).collect();
                    println!(
                        "      {} {} {} [{}] \"{}\"",
                        ev.date
                            .map(|d| d.to_string())
                            .unwrap_or_else(|| "????-??-??".into()),
                        ev.source.as_ref().map_or("?", |c| c.as_str()),
                        ev.target.as_ref().map_or("?", |c| c.as_str()),
                        ev.cameo,
                        text
                    );
                }
            }
        }
    }
    if !enemies.is_empty() {
        println!("\ncommon enemies:");
        for c in &enemies {
            println!(
                "   {} and {} both oppose {} (evidence {}); between them: {}",
                c.actor,
                c.other,
                c.enemy,
                c.evidence,
                c.between.map_or("no edge", |s| match s {
                    entente_analysis::EdgeSign::Positive => "friendly",
                    entente_analysis::EdgeSign::Negative => "hostile",
                    entente_analysis::EdgeSign::Neutral => "neutral",
                })
            );
        }
    }
    if let Some(series) = series {
        println!("\nbalance index by period:");
        for r in series {
            println!(
                "   {} … {}: {} triads, index {}",
                r.from.map(|d| d.to_string()).unwrap_or_default(),
                r.to.map(|d| d.to_string()).unwrap_or_default(),
                r.triads,
                r.balance_index.map_or("-".into(), |b| format!("{b:.2}"))
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
