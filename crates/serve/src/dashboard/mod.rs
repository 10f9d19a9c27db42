//! The API reads behind the dashboard's views: the readable network (top-N
//! actors, sectors folded or split), the time slider over the documents'
//! publication range, the world map's per-country counts, actor search, the
//! "why this relation" explanation and the event table (newest first,
//! filters, downloads).
//!
//! Everything reads the in-memory [`Relations`] snapshot; what is costly to
//! derive is built once per snapshot in [`Views`].

mod events;
mod why;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use axum::extract::{Query, State};
use axum::Json;
use chrono::{Duration, NaiveDate};
use entente_analysis::series::{counts_modality, Bucket};
use entente_analysis::{signed_network, CanonicalEvent, Granularity, Network, NetworkParams};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::api::{bad, node_of, ApiError, ApiResult, Shared, WindowQ};
use crate::relations::HISTORICAL_DAYS;
use crate::Relations;

pub use events::events;
pub use why::why;

/// Views derived from one relations snapshot, each built on first use (the
/// snapshot never changes; a recomputation makes a new one).
#[derive(Debug, Default, Clone)]
pub struct Views {
    by_date: OnceLock<Vec<CanonicalEvent>>,
    split: OnceLock<Vec<CanonicalEvent>>,
    row_of: OnceLock<HashMap<String, usize>>,
    newest: OnceLock<Vec<usize>>,
    actors: OnceLock<[Vec<ActorEntry>; 2]>,
    /// Whether the rows are in the store's order (date, undated first).
    rows_by_date: OnceLock<bool>,
    /// (actor code upper-cased, row) for every row's source and target,
    /// sorted: the rows naming an actor code prefix are one range.
    actor_rows: OnceLock<Vec<(String, usize)>>,
    /// The last window networks computed (most recent first, at most
    /// [`NETWORKS_KEPT`]): a slider move asks `/api/network` and
    /// `/api/balance` for the same window, "why" asks it again.
    networks: NetworkMemo,
    /// Responses computed from this snapshot (see [`crate::cache`]).
    pub(crate) responses: crate::cache::ResponseCache,
}

/// Builds every view now rather than on the first request that needs one
/// (a second or so on a 2,000-document store).
pub fn warm(rel: &Relations) {
    let v = &rel.views;
    v.by_date(rel);
    v.split(rel);
    v.row_of(rel);
    v.newest(rel);
    v.actors(rel);
    v.rows_by_date(rel);
    v.actor_rows(rel);
    entente_actors::places::Gazetteer::embedded();
}

/// Window networks kept per snapshot.
const NETWORKS_KEPT: usize = 16;

/// What a window network depends on: the window's parameters, whether
/// undated events are in, whether sectors are split.
type NetKey = (NetworkParams, bool, bool);

/// The memo of window networks; a copy starts empty (it belongs to one
/// snapshot).
#[derive(Debug, Default)]
struct NetworkMemo(Mutex<Vec<(NetKey, Arc<Network>)>>);

impl Clone for NetworkMemo {
    fn clone(&self) -> Self {
        NetworkMemo::default()
    }
}

/// One actor as search finds it.
#[derive(Debug, Clone)]
struct ActorEntry {
    id: String,
    name: Option<String>,
    events: usize,
}

/// True when the event has no place on the time slider: no date of its
/// own, or only reports in documents without a publication date (whose
/// dates are inferred from the text, and may lie anywhere).
pub(crate) fn undated(rel: &Relations, e: &CanonicalEvent) -> bool {
    e.date.is_none()
        || e.members.iter().all(|m| {
            crate::relations::split_mention_id(m)
                .is_none_or(|(doc, _)| !rel.doc_dates.contains_key(doc))
        })
}

/// Sorts events by date, undated ones (see [`undated`]) last: a window is
/// then a slice found by binary search (see [`window_events`]).
fn sort_by_date(rel: &Relations, events: &mut [CanonicalEvent]) {
    events.sort_by_cached_key(|e| (undated(rel, e), e.date));
}

impl Views {
    /// The canonical events by date, undated ones last: a window is then a
    /// slice found by binary search.
    fn by_date(&self, rel: &Relations) -> &[CanonicalEvent] {
        self.by_date.get_or_init(|| {
            let mut v = rel.events.clone();
            sort_by_date(rel, &mut v);
            v
        })
    }

    /// The same with sectors split: nodes are the full actor codes
    /// (`IRNGOV`, `IRNELI`) instead of the countries they fold into.
    fn split(&self, rel: &Relations) -> &[CanonicalEvent] {
        self.split.get_or_init(|| {
            let mut v: Vec<CanonicalEvent> = rel
                .events
                .iter()
                .map(|e| {
                    let mut e = e.clone();
                    if let Some(c) = &e.source {
                        e.source_node = Some(c.as_str().to_string());
                    }
                    if let Some(c) = &e.target {
                        e.target_node = Some(c.as_str().to_string());
                    }
                    e
                })
                .collect();
            sort_by_date(rel, &mut v);
            v
        })
    }

    /// Row index of each mention id (`doc:idx`).
    fn row_of(&self, rel: &Relations) -> &HashMap<String, usize> {
        self.row_of.get_or_init(|| {
            rel.rows
                .iter()
                .enumerate()
                .map(|(i, r)| (crate::relations::mention_id(&r.doc_id, r.idx), i))
                .collect()
        })
    }

    /// Row indices newest first: by event date, except that historical
    /// references (and undated rows) sort by their document's date, so a
    /// misread "2121" or a quoted "1933" does not head the table.
    fn newest(&self, rel: &Relations) -> &[usize] {
        self.newest.get_or_init(|| {
            let key = |i: usize| -> Option<String> {
                let r = &rel.rows[i];
                let doc = || rel.doc_dates.get(&r.doc_id).map(|d| d.to_string());
                if rel.is_historical(r) {
                    doc()
                } else {
                    r.date.clone().or_else(doc)
                }
            };
            let keys: Vec<Option<String>> = (0..rel.rows.len()).map(key).collect();
            let mut idx: Vec<usize> = (0..rel.rows.len()).collect();
            idx.sort_by(|&a, &b| {
                keys[b].cmp(&keys[a]).then_with(|| {
                    let (x, y) = (&rel.rows[a], &rel.rows[b]);
                    (&y.doc_id, y.idx).cmp(&(&x.doc_id, x.idx))
                })
            });
            idx
        })
    }

    fn rows_by_date(&self, rel: &Relations) -> bool {
        *self
            .rows_by_date
            .get_or_init(|| rel.rows.windows(2).all(|w| w[0].date <= w[1].date))
    }

    /// The range of rows dated `from..=to` (ISO strings compared as the
    /// store does; undated rows are out of any bounded range): a slice of
    /// the date-ordered rows, found by binary search; all rows when they are
    /// not in date order.
    pub(crate) fn date_range(
        &self,
        rel: &Relations,
        from: Option<&str>,
        to: Option<&str>,
    ) -> (usize, usize) {
        let rows = &rel.rows;
        if (from.is_none() && to.is_none()) || !self.rows_by_date(rel) {
            return (0, rows.len());
        }
        // Undated rows (`None`) sort first.
        let lo = match from {
            Some(f) => rows.partition_point(|r| r.date.as_deref().is_none_or(|d| d < f)),
            None => rows.partition_point(|r| r.date.is_none()),
        };
        let hi = match to {
            Some(t) => rows.partition_point(|r| r.date.as_deref().is_none_or(|d| d <= t)),
            None => rows.len(),
        };
        (lo, hi.max(lo))
    }

    fn actor_rows(&self, rel: &Relations) -> &[(String, usize)] {
        self.actor_rows.get_or_init(|| {
            let mut v: Vec<(String, usize)> = rel
                .rows
                .iter()
                .enumerate()
                .flat_map(|(i, r)| {
                    [&r.source, &r.target]
                        .into_iter()
                        .flatten()
                        .map(move |c| (c.to_ascii_uppercase(), i))
                })
                .collect();
            v.sort_unstable();
            v
        })
    }

    /// The rows whose source or target code starts with `prefix`
    /// (ASCII case-insensitive), in row order.
    pub(crate) fn rows_naming(&self, rel: &Relations, prefix: &str) -> Vec<usize> {
        let p = prefix.to_ascii_uppercase();
        let index = self.actor_rows(rel);
        let lo = index.partition_point(|(c, _)| c.as_str() < p.as_str());
        let n = index[lo..].partition_point(|(c, _)| c.starts_with(p.as_str()));
        let mut rows: Vec<usize> = index[lo..lo + n].iter().map(|&(_, i)| i).collect();
        rows.sort_unstable();
        rows.dedup();
        rows
    }

    /// All-time actors (countries, then split), most active first.
    fn actors(&self, rel: &Relations) -> &[Vec<ActorEntry>; 2] {
        self.actors.get_or_init(|| {
            let p = NetworkParams::default();
            let list = |net: Network| {
                let mut v: Vec<ActorEntry> = net
                    .nodes
                    .into_iter()
                    .map(|n| ActorEntry {
                        id: n.id,
                        name: n.name,
                        events: n.events,
                    })
                    .collect();
                v.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.id.cmp(&b.id)));
                v
            };
            [
                list(signed_network(&rel.events, &p)),
                list(signed_network(self.split(rel), &p)),
            ]
        })
    }
}

/// The events of a window (`p.from`..=`p.to`), with the undated ones (see
/// [`undated`]) too when `undated` (the dashboard counts them in its
/// "everything up to the last stop" view). Borrowed from the sorted
/// copy when contiguous, else collected.
pub(crate) fn window_events<'a>(
    rel: &'a Relations,
    p: &NetworkParams,
    with_undated: bool,
    split: bool,
) -> Cow<'a, [CanonicalEvent]> {
    let all = if split {
        rel.views.split(rel)
    } else {
        rel.views.by_date(rel)
    };
    let dated = all.partition_point(|e| !undated(rel, e));
    if p.from.is_none() && p.to.is_none() {
        // Unbounded: everything, undated included (in_window's rule).
        return Cow::Borrowed(all);
    }
    let lo = p
        .from
        .map_or(0, |f| all[..dated].partition_point(|e| e.date < Some(f)));
    let hi = p.to.map_or(dated, |t| {
        all[..dated].partition_point(|e| e.date <= Some(t))
    });
    let hi = hi.max(lo);
    if !with_undated || dated == all.len() {
        Cow::Borrowed(&all[lo..hi])
    } else if hi == dated {
        Cow::Borrowed(&all[lo..])
    } else {
        Cow::Owned(all[lo..hi].iter().chain(&all[dated..]).cloned().collect())
    }
}

/// The signed network of a window (see [`window_events`]), shared with
/// the other requests for the same window while it is among the last
/// [`NETWORKS_KEPT`] asked for.
pub(crate) fn window_network(
    rel: &Relations,
    p: &NetworkParams,
    with_undated: bool,
    split: bool,
) -> Arc<Network> {
    let key: NetKey = (p.clone(), with_undated, split);
    let kept = &rel.views.networks.0;
    if let Ok(mut v) = kept.lock() {
        if let Some(i) = v.iter().position(|(k, _)| *k == key) {
            let hit = v.remove(i);
            let net = hit.1.clone();
            v.insert(0, hit);
            return net;
        }
    }
    let events = window_events(rel, p, with_undated, split);
    let unbounded = NetworkParams {
        from: None,
        to: None,
        ..p.clone()
    };
    let net = Arc::new(signed_network(&events, &unbounded));
    if let Ok(mut v) = kept.lock() {
        if !v.iter().any(|(k, _)| *k == key) {
            v.insert(0, (key, net.clone()));
            v.truncate(NETWORKS_KEPT);
        }
    }
    net
}

/// The documents' publication range (first and last dated document).
pub fn doc_range(rel: &Relations) -> Option<(NaiveDate, NaiveDate)> {
    let min = rel.doc_dates.values().min()?;
    let max = rel.doc_dates.values().max()?;
    Some((*min, *max))
}

/// The slider's granularity for a span: days up to two months, weeks up to
/// a year and a half, months beyond (so the slider has at most ~80 stops
/// below five years).
pub fn auto_granularity(from: NaiveDate, to: NaiveDate) -> Granularity {
    match (to - from).num_days() {
        d if d <= 62 => Granularity::Day,
        d if d <= 548 => Granularity::Week,
        _ => Granularity::Month,
    }
}

#[derive(Deserialize, Default)]
pub(crate) struct TimelineQ {
    by: Option<String>,
    #[serde(default)]
    all: bool,
}

/// `GET /api/timeline`: the time slider's stops. They span the documents'
/// publication range `from`–`to`, every period present (empty ones too, so
/// the slider moves evenly through time), with canonical events and
/// documents per period. Events dated up to [`HISTORICAL_DAYS`] before the
/// first or after the last document still belong to the news of the range
/// (`events_from`–`events_to`; counted in the first and last stop); events
/// dated beyond are historical references, counted as `outside`; events
/// without a date or only in undated documents are counted as `undated`.
pub async fn timeline(State(st): State<Shared>, Query(q): Query<TimelineQ>) -> ApiResult {
    let rel = st.relations();
    let Some((from, to)) = doc_range(&rel) else {
        return Ok(Json(
            json!({ "from": null, "to": null, "by": "month", "items": [], "outside": 0 }),
        ));
    };
    let by = match q.by.as_deref().map(str::trim) {
        None | Some("") | Some("auto") => auto_granularity(from, to),
        Some(b) => b
            .parse()
            .map_err(|e: entente_analysis::AnalysisError| bad(e.to_string()))?,
    };
    let margin = Duration::days(HISTORICAL_DAYS);
    let (events_from, events_to) = (from - margin, to + margin);
    let mut periods: BTreeMap<NaiveDate, (usize, usize)> = BTreeMap::new();
    let mut start = by.start(from);
    while start <= to {
        periods.insert(start, (0, 0));
        start = by.next(start);
    }
    let (mut outside, mut undated_n) = (0, 0);
    // The date-sorted view has the undated events last: no per-event
    // look-up of its documents' dates.
    let all = rel.views.by_date(&rel);
    let dated = all.partition_point(|e| !undated(&rel, e));
    for (i, e) in all.iter().enumerate() {
        if !counts_modality(e, q.all) {
            continue;
        }
        if i >= dated {
            undated_n += 1;
            continue;
        }
        match e.date {
            Some(d) if d >= events_from && d <= events_to => {
                let d = d.clamp(from, to);
                if let Some(p) = periods.get_mut(&by.start(d)) {
                    p.0 += 1;
                }
            }
            Some(_) => outside += 1,
            None => {}
        }
    }
    for d in rel.doc_dates.values() {
        if let Some(p) = periods.get_mut(&by.start(*d)) {
            p.1 += 1;
        }
    }
    let items: Vec<Value> = periods
        .into_iter()
        .map(|(start, (events, documents))| {
            let end = (by.next(start) - Duration::days(1)).min(to);
            let start = start.max(from);
            json!({ "start": start, "end": end, "label": by.label(start),
                    "events": events, "documents": documents })
        })
        .collect();
    Ok(Json(json!({
        "from": from, "to": to, "events_from": events_from, "events_to": events_to,
        "by": by, "items": items, "outside": outside, "undated": undated_n,
        "documents": rel.doc_dates.len(),
    })))
}

/// `GET /api/network` with `top`, `split` or `focus`: the readable network.
/// Keeps the `top` nodes with the most events (and `focus`), and the edges
/// among them; `total_nodes`/`total_edges` tell what was left out.
pub(crate) fn network(rel: &Relations, q: &WindowQ, p: &NetworkParams) -> ApiResult {
    let net = window_network(rel, p, q.undated.unwrap_or(false), q.split);
    let (total_nodes, total_edges) = (net.nodes.len(), net.edges.len());
    let focus = match q.focus.as_deref().map(str::trim).filter(|f| !f.is_empty()) {
        Some(f) if q.split => Some(f.to_ascii_uppercase()),
        Some(f) => Some(node_of(f)?),
        None => None,
    };
    if let Some(top) = q.top {
        let mut ranked: Vec<(usize, &str)> = net
            .nodes
            .iter()
            .map(|n| (n.events, n.id.as_str()))
            .collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        let mut keep: std::collections::HashSet<String> = ranked
            .iter()
            .take(top)
            .map(|(_, id)| id.to_string())
            .collect();
        if let Some(f) = &focus {
            if net.nodes.iter().any(|n| &n.id == f) {
                keep.insert(f.clone());
            }
        }
        // The shared network stays as it is: the kept part is borrowed,
        // only the few kept nodes are copied (their degree changes).
        let edges: Vec<&entente_analysis::network::Edge> = net
            .edges
            .iter()
            .filter(|e| keep.contains(&e.a) && keep.contains(&e.b))
            .collect();
        let mut degree: HashMap<&str, usize> = HashMap::new();
        for e in &edges {
            *degree.entry(e.a.as_str()).or_default() += 1;
            *degree.entry(e.b.as_str()).or_default() += 1;
        }
        let nodes: Vec<entente_analysis::network::Node> = net
            .nodes
            .iter()
            .filter(|n| keep.contains(&n.id))
            .map(|n| entente_analysis::network::Node {
                degree: degree.get(n.id.as_str()).copied().unwrap_or(0),
                ..n.clone()
            })
            .collect();
        return Ok(Json(json!({
            "from": net.from, "to": net.to, "nodes": nodes, "edges": edges,
            "total_nodes": total_nodes, "total_edges": total_edges,
            "split": q.split, "focus": focus,
        })));
    }
    Ok(Json(json!({
        "from": net.from, "to": net.to, "nodes": net.nodes, "edges": net.edges,
        "total_nodes": total_nodes, "total_edges": total_edges,
        "split": q.split, "focus": focus,
    })))
}

/// `GET /api/map`: per country (three-letter node) in the window, its events
/// (as source or target), cooperation, conflict and net cooperation; and
/// the event places the gazetteer has coordinates for, with their events.
pub async fn map(State(st): State<Shared>, Query(q): Query<WindowQ>) -> ApiResult {
    let p = q.params()?;
    let rel = st.relations();
    let mut by: BTreeMap<&str, Bucket> = BTreeMap::new();
    let mut at: HashMap<&str, Bucket> = HashMap::new();
    let events = window_events(&rel, &p, q.undated.unwrap_or(false), false);
    for e in events
        .iter()
        .filter(|e| counts_modality(e, p.include_all_modalities))
    {
        let (s, t) = (e.source_node.as_deref(), e.target_node.as_deref());
        // Each country once per event, also for events within a country.
        let t = t.filter(|t| Some(*t) != s);
        for n in [s, t].into_iter().flatten().filter(|n| n.len() == 3) {
            by.entry(n).or_default().add(e);
        }
        if let Some(place) = e.place.as_deref() {
            at.entry(place).or_default().add(e);
        }
    }
    let countries: Vec<Value> = by
        .into_iter()
        .map(|(code, b)| {
            json!({ "code": code, "events": b.events, "cooperation": b.cooperation(),
                    "conflict": b.conflict(), "net_cooperation": b.net_cooperation() })
        })
        .collect();
    let gazetteer = entente_actors::places::Gazetteer::embedded();
    let mut places: Vec<(usize, Value)> = at
        .into_iter()
        .filter_map(|(name, b)| {
            let g = gazetteer.lookup(name)?;
            let (lat, lon) = (g.lat?, g.lon?);
            Some((
                b.events,
                json!({ "place": name, "name": g.name, "country": g.country,
                        "lat": lat, "lon": lon, "events": b.events,
                        "net_cooperation": b.net_cooperation() }),
            ))
        })
        .collect();
    places.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| a.1["place"].as_str().cmp(&b.1["place"].as_str()))
    });
    let places: Vec<Value> = places.into_iter().map(|(_, v)| v).collect();
    Ok(Json(json!({ "countries": countries, "places": places })))
}

#[derive(Deserialize, Default)]
pub(crate) struct ActorsQ {
    q: Option<String>,
    #[serde(default)]
    split: bool,
    limit: Option<usize>,
}

/// `GET /api/actors?q=`: actors whose code or name contains `q`
/// (case-insensitive), most active first; for the search box.
pub async fn actors(State(st): State<Shared>, Query(q): Query<ActorsQ>) -> ApiResult {
    let rel = st.relations();
    let needle = q.q.as_deref().unwrap_or("").trim().to_lowercase();
    let limit = q.limit.unwrap_or(20).clamp(1, 200);
    let list = &rel.views.actors(&rel)[usize::from(q.split)];
    let items: Vec<Value> = list
        .iter()
        .filter(|a| {
            needle.is_empty()
                || a.id.to_lowercase().contains(&needle)
                || a.name
                    .as_deref()
                    .is_some_and(|n| n.to_lowercase().contains(&needle))
        })
        .take(limit)
        .map(|a| json!({ "id": a.id, "name": a.name, "events": a.events }))
        .collect();
    Ok(Json(json!({ "items": items })))
}

/// Rejects an unparsable date parameter (shared by the handlers here).
fn check_date(s: &Option<String>, what: &str) -> Result<(), ApiError> {
    crate::api::parse_date(s, what).map(|_| ())
}
