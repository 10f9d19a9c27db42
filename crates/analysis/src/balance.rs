//! Structural balance: triads of the signed network, unbalanced triads ranked
//! by evidence, common enemies and a balance index per window.
//!
//! Strict (Heider) balance: a closed triad is balanced when the product of its
//! three edge signs is positive (`+++`, `+--`), unbalanced otherwise (`++-`,
//! `---`). Neutral edges do not close triads.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::network::{signed_network, Edge, EdgeSign, Network, NetworkParams};
use crate::series::Granularity;
use crate::CanonicalEvent;

/// The four kinds of closed signed triad.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TriadKind {
    /// All friends: balanced.
    #[serde(rename = "+++")]
    AllPositive,
    /// Two friends with a common enemy: balanced.
    #[serde(rename = "+--")]
    OnePositive,
    /// A friend of a friend is an enemy: unbalanced.
    #[serde(rename = "++-")]
    TwoPositive,
    /// Three mutual enemies: unbalanced (the enemy of my enemy is my enemy).
    #[serde(rename = "---")]
    NonePositive,
}

impl TriadKind {
    /// True for `+++` and `+--`.
    pub fn balanced(self) -> bool {
        matches!(self, TriadKind::AllPositive | TriadKind::OnePositive)
    }
    /// `+++`, `+--`, `++-` or `---`.
    pub fn symbol(self) -> &'static str {
        match self {
            TriadKind::AllPositive => "+++",
            TriadKind::OnePositive => "+--",
            TriadKind::TwoPositive => "++-",
            TriadKind::NonePositive => "---",
        }
    }
    fn of(positives: usize) -> TriadKind {
        match positives {
            3 => TriadKind::AllPositive,
            2 => TriadKind::TwoPositive,
            1 => TriadKind::OnePositive,
            _ => TriadKind::NonePositive,
        }
    }
}

/// A closed triad with the edges (and so the events) behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Triad {
    /// The three node keys, sorted.
    pub nodes: [String; 3],
    /// Its sign pattern.
    pub kind: TriadKind,
    /// Whether it is balanced.
    pub balanced: bool,
    /// Evidence: the smallest event count of its three edges (a triad is only
    /// as solid as its weakest edge).
    pub evidence: usize,
    /// The edges `nodes[0]–nodes[1]`, `nodes[0]–nodes[2]`, `nodes[1]–nodes[2]`.
    pub edges: [Edge; 3],
}

/// Two actors that share an enemy, and how they stand with each other.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommonEnemy {
    /// The asked-about actor.
    pub actor: String,
    /// The other actor with the same enemy.
    pub other: String,
    /// The shared enemy.
    pub enemy: String,
    /// Sign of `actor`–`other`, when they have an edge at all.
    pub between: Option<EdgeSign>,
    /// Smallest event count of the two enemy edges.
    pub evidence: usize,
}

/// Structural balance of one network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BalanceReport {
    /// Window start.
    pub from: Option<NaiveDate>,
    /// Window end.
    pub to: Option<NaiveDate>,
    /// Closed triads considered.
    pub triads: usize,
    /// Of which balanced.
    pub balanced: usize,
    /// Count per kind (`+++`, `+--`, `++-`, `---`).
    pub by_kind: BTreeMap<String, usize>,
    /// Balanced share of closed triads; `None` without triads.
    pub balance_index: Option<f32>,
    /// Balanced share weighted by each triad's evidence.
    pub weighted_balance_index: Option<f32>,
    /// How many closed triads are unbalanced.
    pub unbalanced_total: usize,
    /// Unbalanced triads, most evidence first (possibly only the top ones).
    pub unbalanced: Vec<Triad>,
}

/// A triad before its edges are copied out.
struct RawTriad<'a> {
    nodes: [&'a str; 3],
    kind: TriadKind,
    evidence: usize,
    total: usize,
    edges: [&'a Edge; 3],
}

impl RawTriad<'_> {
    fn materialize(&self) -> Triad {
        Triad {
            nodes: self.nodes.map(str::to_string),
            kind: self.kind,
            balanced: self.kind.balanced(),
            evidence: self.evidence,
            edges: self.edges.map(Edge::clone),
        }
    }
}

fn raw_triads<'a>(net: &'a Network, actor: Option<&str>) -> Vec<RawTriad<'a>> {
    let mut adj: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for e in &net.edges {
        if e.sign == EdgeSign::Neutral {
            continue;
        }
        adj.entry(&e.a).or_default().insert(&e.b);
        adj.entry(&e.b).or_default().insert(&e.a);
    }
    let after = |x: &'a str| (std::ops::Bound::Excluded(x), std::ops::Bound::Unbounded);
    let mut out = Vec::new();
    // Each triad x < y < z is found once, from its smallest node.
    for (&x, nx) in &adj {
        for &y in nx.range::<&str, _>(after(x)) {
            let Some(ny) = adj.get(y) else { continue };
            for &z in ny.range::<&str, _>(after(y)) {
                if !nx.contains(z) || actor.is_some_and(|a| a != x && a != y && a != z) {
                    continue;
                }
                let (Some(xy), Some(xz), Some(yz)) =
                    (net.edge(x, y), net.edge(x, z), net.edge(y, z))
                else {
                    continue;
                };
                let edges = [xy, xz, yz];
                let positives = edges
                    .iter()
                    .filter(|e| e.sign == EdgeSign::Positive)
                    .count();
                out.push(RawTriad {
                    nodes: [x, y, z],
                    kind: TriadKind::of(positives),
                    evidence: edges.iter().map(|e| e.counts.events).min().unwrap_or(0),
                    total: edges.iter().map(|e| e.counts.events).sum(),
                    edges,
                });
            }
        }
    }
    out
}

/// Every closed triad of non-neutral edges (only those containing `actor`
/// when given), in node order.
pub fn triads(net: &Network, actor: Option<&str>) -> Vec<Triad> {
    raw_triads(net, actor)
        .iter()
        .map(RawTriad::materialize)
        .collect()
}

/// Classifies every closed triad and ranks all unbalanced ones by evidence.
pub fn balance(net: &Network, actor: Option<&str>) -> BalanceReport {
    balance_top(net, actor, usize::MAX)
}

/// Like [`balance`], keeping only the `top` best-evidenced unbalanced
/// triads (the census and indices still cover every triad). Large networks
/// have millions of triads; copying each one's edges would dominate.
pub fn balance_top(net: &Network, actor: Option<&str>, top: usize) -> BalanceReport {
    let all = raw_triads(net, actor);
    let mut by_kind: BTreeMap<String, usize> = [
        TriadKind::AllPositive,
        TriadKind::OnePositive,
        TriadKind::TwoPositive,
        TriadKind::NonePositive,
    ]
    .iter()
    .map(|k| (k.symbol().to_string(), 0))
    .collect();
    let (mut bal, mut w_bal, mut w_all) = (0usize, 0usize, 0usize);
    let mut unbalanced: Vec<&RawTriad> = Vec::new();
    for t in &all {
        *by_kind.entry(t.kind.symbol().to_string()).or_default() += 1;
        w_all += t.evidence;
        if t.kind.balanced() {
            bal += 1;
            w_bal += t.evidence;
        } else {
            unbalanced.push(t);
        }
    }
    unbalanced.sort_by(|p, q| {
        q.evidence
            .cmp(&p.evidence)
            .then_with(|| q.total.cmp(&p.total))
            .then_with(|| p.nodes.cmp(&q.nodes))
    });
    BalanceReport {
        from: net.from,
        to: net.to,
        triads: all.len(),
        balanced: bal,
        by_kind,
        balance_index: (!all.is_empty()).then(|| bal as f32 / all.len() as f32),
        weighted_balance_index: (w_all > 0).then(|| w_bal as f32 / w_all as f32),
        unbalanced_total: unbalanced.len(),
        unbalanced: unbalanced
            .iter()
            .take(top)
            .map(|t| t.materialize())
            .collect(),
    }
}

/// Actors that share an enemy with `actor` (only `other` when given): for
/// every node `enemy` with negative edges to both, one entry, most evidence
/// first. `between` tells whether the two are themselves friends or enemies —
/// the "common enemy, still disagree" pattern is `between: Negative`.
pub fn common_enemies(net: &Network, actor: &str, other: Option<&str>) -> Vec<CommonEnemy> {
    let neighbours = |x: &str| -> Vec<(&str, &Edge)> {
        net.edges
            .iter()
            .filter(|e| e.sign == EdgeSign::Negative && (e.a == x || e.b == x))
            .map(|e| (if e.a == x { e.b.as_str() } else { e.a.as_str() }, e))
            .collect()
    };
    let enemies = neighbours(actor);
    let mut out = Vec::new();
    for (enemy, e1) in &enemies {
        for (o, e2) in neighbours(enemy) {
            if o == actor || other.is_some_and(|w| w != o) {
                continue;
            }
            out.push(CommonEnemy {
                actor: actor.to_string(),
                other: o.to_string(),
                enemy: enemy.to_string(),
                between: net.edge(actor, o).map(|e| e.sign),
                evidence: e1.counts.events.min(e2.counts.events),
            });
        }
    }
    out.sort_by(|p, q| {
        q.evidence
            .cmp(&p.evidence)
            .then_with(|| (&p.other, &p.enemy).cmp(&(&q.other, &q.enemy)))
    });
    out
}

/// Balance of the network in each period (`by`) over the dated events: one
/// report per non-empty period, in time order (census and indices only; the
/// unbalanced triads are counted, not listed). `base` supplies the modality
/// and edge thresholds; its window bounds the periods.
pub fn balance_over_time(
    events: &[CanonicalEvent],
    by: Granularity,
    base: &NetworkParams,
) -> Vec<BalanceReport> {
    let periods: BTreeSet<NaiveDate> = events
        .iter()
        .filter(|e| crate::network::in_window(e, base.from, base.to))
        .filter_map(|e| e.date.map(|d| by.start(d)))
        .collect();
    periods
        .into_iter()
        .map(|start| {
            let p = NetworkParams {
                from: Some(start),
                to: Some(by.next(start) - chrono::Duration::days(1)),
                ..base.clone()
            };
            balance_top(&signed_network(events, &p), None, 0)
        })
        .collect()
}
