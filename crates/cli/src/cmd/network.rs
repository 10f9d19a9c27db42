//! `entente network`: the signed actor network for a time window, as a
//! table, JSON or GraphML (for Gephi, Cytoscape desktop, networkx).

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;
use entente_analysis::{signed_network, DedupParams, Network, NetworkParams};

use super::common::{print_table, DbArgs};

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum NetFormat {
    Table,
    Json,
    Graphml,
}

/// Window and thresholds shared by `network` and `balance`.
#[derive(clap::Args, Clone, Debug)]
pub struct WindowArgs {
    /// First day (YYYY-MM-DD), inclusive.
    #[arg(long)]
    pub from: Option<String>,
    /// Last day (YYYY-MM-DD), inclusive.
    #[arg(long)]
    pub to: Option<String>,
    /// Count intended, expected, claimed, negated … events too (default:
    /// asserted only).
    #[arg(long)]
    pub all_modalities: bool,
    /// Least number of events for an edge.
    #[arg(long, default_value_t = 1)]
    pub min_events: usize,
}

fn date(s: &Option<String>, what: &str) -> anyhow::Result<Option<NaiveDate>> {
    s.as_deref()
        .map(|d| {
            NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
                .with_context(|| format!("--{what}: expected YYYY-MM-DD, got {d:?}"))
        })
        .transpose()
}

impl WindowArgs {
    /// The analysis parameters.
    pub fn params(&self) -> anyhow::Result<NetworkParams> {
        Ok(NetworkParams {
            from: date(&self.from, "from")?,
            to: date(&self.to, "to")?,
            include_all_modalities: self.all_modalities,
            min_events: self.min_events,
        })
    }
}

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(flatten)]
    pub window: WindowArgs,
    #[arg(long, value_enum, default_value_t = NetFormat::Table)]
    pub format: NetFormat,
}

fn xml(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            // XML 1.0 forbids most control characters.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => o.push(c),
        }
    }
    o
}

/// GraphML with node and edge attributes (sign as +1/−1/0, weight = net
/// cooperation, evidence counts, event ids).
pub fn graphml(net: &Network) -> String {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="name" for="node" attr.name="name" attr.type="string"/>
  <key id="nevents" for="node" attr.name="events" attr.type="int"/>
  <key id="sign" for="edge" attr.name="sign" attr.type="int"/>
  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>
  <key id="events" for="edge" attr.name="events" attr.type="int"/>
  <key id="mentions" for="edge" attr.name="mentions" attr.type="int"/>
  <key id="cooperation" for="edge" attr.name="cooperation" attr.type="int"/>
  <key id="conflict" for="edge" attr.name="conflict" attr.type="int"/>
  <key id="goldstein" for="edge" attr.name="goldstein_sum" attr.type="double"/>
  <key id="event_ids" for="edge" attr.name="event_ids" attr.type="string"/>
  <graph id="entente" edgedefault="undirected">
"#,
    );
    for n in &net.nodes {
        let _ = writeln!(
            s,
            "    <node id=\"{}\"><data key=\"name\">{}</data><data key=\"nevents\">{}</data></node>",
            xml(&n.id),
            xml(n.name.as_deref().unwrap_or(&n.id)),
            n.events
        );
    }
    for e in &net.edges {
        let _ = writeln!(
            s,
            "    <edge source=\"{}\" target=\"{}\"><data key=\"sign\">{}</data><data key=\"weight\">{}</data><data key=\"events\">{}</data><data key=\"mentions\">{}</data><data key=\"cooperation\">{}</data><data key=\"conflict\">{}</data><data key=\"goldstein\">{}</data><data key=\"event_ids\">{}</data></edge>",
            xml(&e.a),
            xml(&e.b),
            e.sign.as_i8(),
            e.weight,
            e.counts.events,
            e.counts.mentions,
            e.counts.cooperation(),
            e.counts.conflict(),
            e.counts.goldstein_sum,
            xml(&e.event_ids.join(" "))
        );
    }
    s.push_str("  </graph>\n</graphml>\n");
    s
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let p = args.window.params()?;
    let mut store = args.db.open_read_only()?;
    let rel = entente_serve::relations::load(store.as_mut(), &DedupParams::default())?;
    let net = signed_network(&rel.events, &p);
    match args.format {
        NetFormat::Json => println!("{}", serde_json::to_string_pretty(&net)?),
        NetFormat::Graphml => print!("{}", graphml(&net)),
        NetFormat::Table => {
            let rows: Vec<Vec<String>> = net
                .edges
                .iter()
                .map(|e| {
                    vec![
                        e.a.clone(),
                        e.sign.symbol().to_string(),
                        e.b.clone(),
                        format!("{:.2}", e.weight),
                        e.counts.events.to_string(),
                        e.counts.mentions.to_string(),
                        e.counts.cooperation().to_string(),
                        e.counts.conflict().to_string(),
                        format!("{}/{}", e.a_to_b, e.b_to_a),
                    ]
                })
                .collect();
            println!("{} nodes, {} edges", net.nodes.len(), net.edges.len());
            print_table(
                &[
                    "a",
                    "sign",
                    "b",
                    "net.coop",
                    "events",
                    "mentions",
                    "coop",
                    "confl",
                    "a→b/b→a",
                ],
                &rows,
                24,
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
