//! `GET /api/why?a=IRN&b=USA[&c=…]`: why two actors stand where they do, in
//! words — their own tie, the enemies and friends they share, the third
//! parties that split them — with evidence sentences for every tie named.

use axum::extract::{Query, State};
use axum::Json;
use entente_analysis::network::{Edge, EdgeSign};
use entente_analysis::Network;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::api::{bad, node_of, ApiResult, Shared, WindowQ};
use crate::Relations;

/// Third parties listed per kind, and evidence rows per tie.
const MAX_PARTIES: usize = 5;
const MAX_EVIDENCE: usize = 3;

#[derive(Deserialize, Default)]
pub(crate) struct WhyQ {
    a: Option<String>,
    b: Option<String>,
    /// A third actor: explain the triad a–b–c.
    c: Option<String>,
    // The window, as in `WindowQ` (not flattened: serde's flatten reads
    // query values as strings only, so booleans would fail).
    from: Option<String>,
    to: Option<String>,
    #[serde(default)]
    all: bool,
    #[serde(default)]
    undated: bool,
}

/// How a third party relates to both.
struct Party<'n> {
    id: &'n str,
    to_a: &'n Edge,
    to_b: &'n Edge,
}

impl Party<'_> {
    fn evidence(&self) -> usize {
        self.to_a.counts.events.min(self.to_b.counts.events)
    }
}

/// Net count: cooperative minus conflictual events.
fn net_count(e: &Edge) -> i64 {
    e.counts.cooperation() as i64 - e.counts.conflict() as i64
}

fn signed_int(n: i64) -> String {
    match n {
        n if n > 0 => format!("+{n}"),
        n if n < 0 => format!("\u{2212}{}", -n),
        _ => "0".into(),
    }
}

fn signed_f(x: f32) -> String {
    if x < 0.0 {
        format!("\u{2212}{:.2}", -x)
    } else if x > 0.0 {
        format!("+{x:.2}")
    } else {
        "0".into()
    }
}

fn sign_word(s: EdgeSign) -> &'static str {
    match s {
        EdgeSign::Positive => "positive",
        EdgeSign::Negative => "negative",
        EdgeSign::Neutral => "neutral",
    }
}

fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// A readable name: the code for countries, the most frequent name for the
/// opaque codes of groups and organisations (`IMGMUSISI` → `ISIS`).
fn label(net: &Network, id: &str) -> String {
    let name = net
        .nodes
        .iter()
        .find(|n| n.id == id)
        .and_then(|n| n.name.clone());
    match name {
        Some(n) if id.len() > 3 && !n.is_empty() => n,
        _ => id.to_string(),
    }
}

fn edge_json(net: &Network, e: &Edge) -> Value {
    json!({ "a": e.a, "b": e.b, "a_name": label(net, &e.a), "b_name": label(net, &e.b),
            "sign": e.sign, "weight": e.weight, "events": e.counts.events,
            "net": net_count(e), "cooperation": e.counts.cooperation(),
            "conflict": e.counts.conflict() })
}

fn party_list(net: &Network, ps: &[Party<'_>]) -> String {
    ps.iter()
        .map(|p| {
            format!(
                "{}: {} and {} net",
                label(net, p.id),
                signed_int(net_count(p.to_a)),
                signed_int(net_count(p.to_b))
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The explanation's sentences.
fn sentences(
    net: &Network,
    a: &str,
    b: &str,
    tie: Option<&Edge>,
    enemies: &[Party<'_>],
    friends: &[Party<'_>],
    splits: &[Party<'_>],
) -> Vec<String> {
    let (la, lb) = (label(net, a), label(net, b));
    let tie_words = |e: &Edge| {
        format!(
            "their own tie is {} ({}, {})",
            sign_word(e.sign),
            signed_f(e.weight),
            plural(e.counts.events, "event")
        )
    };
    let mut out = Vec::new();
    let shared = |kind: &str, ps: &[Party<'_>]| {
        let what = if ps.len() == 1 {
            format!("an {kind}")
        } else {
            format!("{} {kind}s", ps.len())
        };
        let what = what.replace("an friend", "a friend");
        format!("{la} and {lb} share {what} ({})", party_list(net, ps))
    };
    let mut first = None;
    if !enemies.is_empty() {
        first = Some(shared("enemy", enemies));
    } else if !friends.is_empty() {
        first = Some(shared("friend", friends));
    }
    match (first, tie) {
        (Some(s), Some(e)) => {
            // A shared enemy or friend predicts friendship (balance): say
            // "while" when the tie contradicts it.
            let joint = if e.sign == EdgeSign::Negative {
                "while"
            } else {
                "and"
            };
            out.push(format!("{s} {joint} {}.", tie_words(e)));
        }
        (Some(s), None) => out.push(format!(
            "{s}; they have no events with each other in this window."
        )),
        (None, Some(e)) => out.push(format!("{la} and {lb}: {}.", tie_words(e))),
        (None, None) => out.push(format!(
            "{la} and {lb} have no events with each other in this window."
        )),
    }
    if !enemies.is_empty() && !friends.is_empty() {
        out.push(format!("They also share {}.", {
            let s = shared("friend", friends);
            s.split_once(" share ")
                .map(|(_, r)| r.to_string())
                .unwrap_or(s)
        }));
    }
    for p in splits {
        let (f, foe, nf, nfoe) = if p.to_a.sign == EdgeSign::Positive {
            (&la, &lb, net_count(p.to_a), net_count(p.to_b))
        } else {
            (&lb, &la, net_count(p.to_b), net_count(p.to_a))
        };
        out.push(format!(
            "{} is a friend of {f} ({} net) and an enemy of {foe} ({} net).",
            label(net, p.id),
            signed_int(nf),
            signed_int(nfoe)
        ));
    }
    out
}

/// Up to [`MAX_EVIDENCE`] event mentions behind an edge, newest first.
fn evidence(rel: &Relations, e: &Edge) -> Vec<Value> {
    let row_of = rel.views.row_of(rel);
    e.event_ids
        .iter()
        .rev()
        .filter_map(|id| rel.event(id))
        .filter_map(|ev| ev.members.iter().find_map(|m| row_of.get(m)))
        .take(MAX_EVIDENCE)
        .filter_map(|&i| serde_json::from_str(&rel.rows_json[i]).ok())
        .collect()
}

/// `GET /api/why`.
pub async fn why(State(st): State<Shared>, Query(q): Query<WhyQ>) -> ApiResult {
    let (Some(a), Some(b)) = (q.a.as_deref(), q.b.as_deref()) else {
        return Err(bad("give two actors: a and b"));
    };
    let (a, b) = (node_of(a)?, node_of(b)?);
    if a == b {
        return Err(bad("a and b are the same actor"));
    }
    let c =
        q.c.as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(node_of)
            .transpose()?;
    let p = WindowQ {
        from: q.from.clone(),
        to: q.to.clone(),
        all: q.all,
        ..WindowQ::default()
    }
    .params()?;
    let rel = st.relations();
    let net = super::window_network(&rel, &p, q.undated, false);
    let tie = net.edge(&a, &b);
    let mut enemies = Vec::new();
    let mut friends = Vec::new();
    let mut splits = Vec::new();
    for n in &net.nodes {
        let id = n.id.as_str();
        if id == a || id == b || c.as_deref().is_some_and(|c| c != id) {
            continue;
        }
        let (Some(to_a), Some(to_b)) = (net.edge(id, &a), net.edge(id, &b)) else {
            continue;
        };
        let party = Party { id, to_a, to_b };
        match (to_a.sign, to_b.sign) {
            (EdgeSign::Negative, EdgeSign::Negative) => enemies.push(party),
            (EdgeSign::Positive, EdgeSign::Positive) => friends.push(party),
            (EdgeSign::Positive, EdgeSign::Negative) | (EdgeSign::Negative, EdgeSign::Positive) => {
                splits.push(party)
            }
            _ => {}
        }
    }
    for list in [&mut enemies, &mut friends, &mut splits] {
        list.sort_by(|x, y| y.evidence().cmp(&x.evidence()).then_with(|| x.id.cmp(y.id)));
        list.truncate(MAX_PARTIES);
    }
    let text = sentences(&net, &a, &b, tie, &enemies, &friends, &splits);
    // Evidence: the tie itself, then the ties to each named third party.
    let mut groups = Vec::new();
    if let Some(e) = tie {
        groups.push(json!({ "edge": edge_json(&net, e), "rows": evidence(&rel, e) }));
    }
    let party_json = |ps: &[Party<'_>]| -> Vec<Value> {
        ps.iter()
            .map(|p| {
                json!({ "id": p.id, "name": label(&net, p.id),
                        "to_a": edge_json(&net, p.to_a), "to_b": edge_json(&net, p.to_b) })
            })
            .collect()
    };
    for p in enemies
        .iter()
        .chain(&friends)
        .chain(&splits)
        .take(MAX_PARTIES)
    {
        for e in [p.to_a, p.to_b] {
            groups.push(json!({ "edge": edge_json(&net, e), "rows": evidence(&rel, e) }));
        }
    }
    let balance = match (tie, &c) {
        (Some(t), Some(_)) => {
            let third = enemies.iter().chain(&friends).chain(&splits).next();
            third.map(|p| {
                let product = t.sign.as_i8() * p.to_a.sign.as_i8() * p.to_b.sign.as_i8();
                if product > 0 {
                    "balanced"
                } else {
                    "unbalanced"
                }
            })
        }
        _ => None,
    };
    Ok(Json(json!({
        "a": a, "b": b, "c": c,
        "a_name": label(&net, &a), "b_name": label(&net, &b),
        "tie": tie.map(|e| edge_json(&net, e)),
        "common_enemies": party_json(&enemies),
        "common_friends": party_json(&friends),
        "split_by": party_json(&splits),
        "balance": balance,
        "text": text,
        "evidence": groups,
    })))
}
