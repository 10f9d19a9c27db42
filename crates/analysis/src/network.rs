//! The signed actor network for a time window.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::series::{counts_modality, Bucket};
use crate::CanonicalEvent;

/// Which canonical events make the network.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NetworkParams {
    /// First day included (inclusive); `None` for no lower bound.
    pub from: Option<NaiveDate>,
    /// Last day included (inclusive); `None` for no upper bound.
    pub to: Option<NaiveDate>,
    /// Count non-asserted events too (intended, expected, claimed, …).
    pub include_all_modalities: bool,
    /// Least number of events for an edge to be kept.
    pub min_events: usize,
}

/// The sign of a relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeSign {
    /// More cooperation than conflict.
    Positive,
    /// More conflict than cooperation.
    Negative,
    /// Only neutral events, or as much cooperation as conflict.
    Neutral,
}

impl EdgeSign {
    /// +1, −1 or 0.
    pub fn as_i8(self) -> i8 {
        match self {
            EdgeSign::Positive => 1,
            EdgeSign::Negative => -1,
            EdgeSign::Neutral => 0,
        }
    }
    /// `+`, `-` or `0`.
    pub fn symbol(self) -> char {
        match self {
            EdgeSign::Positive => '+',
            EdgeSign::Negative => '-',
            EdgeSign::Neutral => '0',
        }
    }
}

/// An actor in the network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// Node key (`IRN`, `IMGMUSISI`).
    pub id: String,
    /// Most frequent display name seen for this node's actors.
    pub name: Option<String>,
    /// Canonical events the node takes part in.
    pub events: usize,
    /// Number of edges.
    pub degree: usize,
}

/// An undirected signed edge between two nodes (`a < b`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    /// The smaller node key.
    pub a: String,
    /// The larger node key.
    pub b: String,
    /// Sign from the net-cooperation index.
    pub sign: EdgeSign,
    /// The net-cooperation index, −1..=1 (0 for neutral edges).
    pub weight: f32,
    /// Counts over both directions.
    pub counts: Bucket,
    /// Events with source `a` and target `b`.
    pub a_to_b: usize,
    /// Events with source `b` and target `a`.
    pub b_to_a: usize,
    /// The canonical events behind the edge, by date.
    pub event_ids: Vec<String>,
}

/// A signed network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Network {
    /// The window it covers.
    pub from: Option<NaiveDate>,
    /// The window it covers.
    pub to: Option<NaiveDate>,
    /// Nodes, by id.
    pub nodes: Vec<Node>,
    /// Edges, by `(a, b)`.
    pub edges: Vec<Edge>,
}

impl Network {
    /// The edge between two nodes, either order.
    pub fn edge(&self, x: &str, y: &str) -> Option<&Edge> {
        let (a, b) = if x <= y { (x, y) } else { (y, x) };
        self.edges
            .binary_search_by(|e| (e.a.as_str(), e.b.as_str()).cmp(&(a, b)))
            .ok()
            .map(|i| &self.edges[i])
    }
}

fn sign_of(c: &Bucket) -> (EdgeSign, f32) {
    match c.net_cooperation() {
        Some(w) if w > 0.0 => (EdgeSign::Positive, w),
        Some(w) if w < 0.0 => (EdgeSign::Negative, w),
        // As much cooperation as conflict, or only neutral events: no
        // sign (such edges close no triad).
        _ => (EdgeSign::Neutral, 0.0),
    }
}

/// True when the event's date lies in `[from, to]` (undated events only
/// count when the window is unbounded).
pub fn in_window(e: &CanonicalEvent, from: Option<NaiveDate>, to: Option<NaiveDate>) -> bool {
    match e.date {
        Some(d) => from.is_none_or(|f| d >= f) && to.is_none_or(|t| d <= t),
        None => from.is_none() && to.is_none(),
    }
}

/// Builds the signed network from canonical events: one edge per unordered
/// pair of distinct nodes, signed by the net-cooperation index of the events
/// between them (neutral when it is zero or undefined).
pub fn signed_network(events: &[CanonicalEvent], p: &NetworkParams) -> Network {
    // Keys borrow from the events (owned strings are made once per edge and
    // node at the end, not per event: a window holds up to 10^5 events).
    struct Acc<'e> {
        counts: Bucket,
        a_to_b: usize,
        b_to_a: usize,
        event_ids: Vec<&'e str>,
    }
    let mut edges: BTreeMap<(&str, &str), Acc<'_>> = BTreeMap::new();
    let mut names: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
    for e in events {
        if !counts_modality(e, p.include_all_modalities) || !in_window(e, p.from, p.to) {
            continue;
        }
        let (Some(s), Some(t)) = (e.source_node.as_ref(), e.target_node.as_ref()) else {
            continue;
        };
        if s == t {
            continue;
        }
        for (node, name, code) in [
            (s, &e.source_name, &e.source),
            (t, &e.target_name, &e.target),
        ] {
            if let Some(n) = name {
                // A name given to the bare node code ("Iran" for IRN) beats
                // names of its members ("Hassan Rouhani" for IRNGOV).
                let w = if code.as_ref().is_some_and(|c| c.as_str() == node) {
                    1000
                } else {
                    1
                };
                *names
                    .entry(node.as_str())
                    .or_default()
                    .entry(n.as_str())
                    .or_default() += w;
            }
        }
        let (a, b) = if s < t { (s, t) } else { (t, s) };
        let edge = edges
            .entry((a.as_str(), b.as_str()))
            .or_insert_with(|| Acc {
                counts: Bucket::default(),
                a_to_b: 0,
                b_to_a: 0,
                event_ids: Vec::new(),
            });
        edge.counts.add(e);
        if s == a {
            edge.a_to_b += 1;
        } else {
            edge.b_to_a += 1;
        }
        edge.event_ids.push(&e.id);
    }
    let mut nodes: BTreeMap<&str, Node> = BTreeMap::new();
    let mut kept = Vec::new();
    for ((a, b), acc) in edges {
        if acc.counts.events < p.min_events.max(1) {
            continue;
        }
        let (sign, weight) = sign_of(&acc.counts);
        for id in [a, b] {
            let n = nodes.entry(id).or_insert_with(|| Node {
                id: id.to_string(),
                name: None,
                events: 0,
                degree: 0,
            });
            n.events += acc.counts.events;
            n.degree += 1;
        }
        kept.push(Edge {
            a: a.to_string(),
            b: b.to_string(),
            sign,
            weight,
            counts: acc.counts,
            a_to_b: acc.a_to_b,
            b_to_a: acc.b_to_a,
            event_ids: acc.event_ids.into_iter().map(str::to_string).collect(),
        });
    }
    for (id, n) in nodes.iter_mut() {
        n.name = names.get(id).and_then(|m| {
            m.iter()
                .max_by(|x, y| x.1.cmp(y.1).then(y.0.cmp(x.0)))
                .map(|(k, _)| k.to_string())
        });
    }
    Network {
        from: p.from,
        to: p.to,
        nodes: nodes.into_values().collect(),
        edges: kept,
    }
}
