//! The HTTP routes: JSON API under `/api`, the dashboard at `/`.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::NaiveDate;
use entente_analysis::balance::{balance_over_time, balance_top, common_enemies};
use entente_analysis::network::in_window;
use entente_analysis::series::{counts_modality, Bucket};
use entente_analysis::{
    dyad_series, node_key, signed_network, CanonicalEvent, Direction, Granularity, NetworkParams,
};
use entente_core::ActorCode;
use entente_store::{EventFilter, QuoteFilter, StoreError};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::relations::split_mention_id;
use crate::{assets, dashboard, openapi, AppState};

pub(crate) type Shared = Arc<AppState>;

/// An API error: a status and a message, sent as `{"error": "..."}`.
pub struct ApiError(pub(crate) StatusCode, pub(crate) String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, Json(json!({ "error": self.1 }))).into_response()
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
    }
}

pub(crate) fn bad(msg: impl Into<String>) -> ApiError {
    ApiError(StatusCode::BAD_REQUEST, msg.into())
}

pub(crate) type ApiResult = Result<Json<Value>, ApiError>;

/// Runs blocking store work off the async threads.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
}

/// The router: API, OpenAPI description and dashboard.
pub fn router(state: Shared) -> Router {
    Router::new()
        .route("/", get(assets::index))
        .route("/assets/{*path}", get(assets::asset))
        .route("/api/health", get(health))
        .route("/api/openapi.json", get(openapi_json))
        .route("/api/report", get(report))
        .route("/api/documents", get(documents))
        .route("/api/documents/{id}", get(document))
        .route("/api/events", get(dashboard::events))
        .route("/api/canonical-events", get(canonical_events))
        .route("/api/canonical-events/{id}", get(canonical_event))
        .route("/api/quotes", get(quotes))
        .route("/api/dyads", get(dyads))
        .route("/api/dyads/{a}/{b}", get(dyad))
        .route("/api/network", get(network))
        .route("/api/periods", get(periods))
        .route("/api/balance", get(balance_view))
        .route("/api/balance/series", get(balance_series))
        .route("/api/timeline", get(dashboard::timeline))
        .route("/api/map", get(dashboard::map))
        .route("/api/why", get(dashboard::why))
        .route("/api/actors", get(dashboard::actors))
        .route("/api/dedup", post(dedup))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::cache::layer,
        ))
        .layer(axum::middleware::from_fn(crate::harden::json_errors))
        .layer(axum::middleware::from_fn_with_state(
            state.allowed_hosts.clone(),
            crate::harden::check_host,
        ))
        .with_state(state)
}

async fn health() -> Json<Value> {
    Json(json!({ "status": "ok", "version": entente_core::VERSION }))
}

async fn openapi_json() -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        openapi::SPEC,
    )
        .into_response()
}

pub(crate) const MAX_LIMIT: usize = 1000;

pub(crate) fn limit_of(l: Option<usize>) -> usize {
    l.unwrap_or(50).clamp(1, MAX_LIMIT)
}

fn paged(items: Value, limit: usize, offset: usize, total: Option<usize>) -> Value {
    json!({ "limit": limit, "offset": offset, "total": total, "items": items })
}

pub(crate) fn parse_date(s: &Option<String>, what: &str) -> Result<Option<NaiveDate>, ApiError> {
    match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| bad(format!("{what}: expected YYYY-MM-DD, got {d:?}"))),
    }
}

/// Node key of an actor code given by a user (`irngov` → `IRN`).
pub(crate) fn node_of(code: &str) -> Result<String, ApiError> {
    node_key(&ActorCode::new(code.trim())).ok_or_else(|| bad(format!("unknown actor {code:?}")))
}

/// The store report, cached (see [`AppState::report_json`]): it
/// aggregates whole tables, which at 2,000 documents took seconds under
/// concurrent load when computed per request.
async fn report(State(st): State<Shared>) -> Result<Response, ApiError> {
    let json = match st.report_cached() {
        Some(json) => json,
        None => blocking(move || Ok(st.report_json()?)).await?,
    };
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        json.as_str().to_owned(),
    )
        .into_response())
}

#[derive(Deserialize)]
struct PageQ {
    limit: Option<usize>,
    #[serde(default)]
    offset: usize,
}

async fn documents(State(st): State<Shared>, Query(q): Query<PageQ>) -> ApiResult {
    let limit = limit_of(q.limit);
    let docs = blocking(move || Ok(st.with_store(|s| s.documents(limit, q.offset))?)).await?;
    // The list omits the full text; fetch one document for it.
    let items: Vec<Value> = docs
        .iter()
        .map(|d| {
            json!({ "id": d.id, "title": d.title, "url": d.url, "date": d.date,
                    "source": d.source, "chars": d.text.len() })
        })
        .collect();
    Ok(Json(paged(Value::Array(items), limit, q.offset, None)))
}

async fn document(State(st): State<Shared>, Path(id): Path<String>) -> ApiResult {
    let rel = st.relations();
    let id2 = id.clone();
    let (doc, mentions, events, quotes) = blocking(move || {
        Ok(st.with_store(|s| {
            let Some(doc) = s.document(&id2)? else {
                return Ok(None);
            };
            let mentions = s.mentions(&id2)?;
            let events = s.events(&EventFilter {
                doc_id: Some(id2.clone()),
                ..EventFilter::default()
            })?;
            let quotes = s.quotes(&QuoteFilter {
                doc_id: Some(id2.clone()),
                ..QuoteFilter::default()
            })?;
            Ok(Some((doc, mentions, events, quotes)))
        })?)
    })
    .await?
    .ok_or_else(|| ApiError(StatusCode::NOT_FOUND, format!("no document {id:?}")))?;
    let events: Vec<Value> = events.iter().map(|e| event_json(e, &rel)).collect();
    Ok(Json(json!({
        "document": doc.0,
        "sentences": doc.1,
        "mentions": mentions,
        "events": events,
        "quotes": quotes,
    })))
}

fn event_json(e: &entente_store::EventRow, rel: &crate::Relations) -> Value {
    rel.row_value(e)
}

#[derive(Deserialize, Default)]
struct CanonQ {
    actor: Option<String>,
    source: Option<String>,
    target: Option<String>,
    #[serde(default)]
    directed: bool,
    from: Option<String>,
    to: Option<String>,
    /// Include non-asserted events.
    #[serde(default)]
    all: bool,
    limit: Option<usize>,
    #[serde(default)]
    offset: usize,
}

fn canon_matches(
    e: &CanonicalEvent,
    actor: &Option<String>,
    dyad: &Option<(String, String)>,
    directed: bool,
) -> bool {
    let (s, t) = (e.source_node.as_deref(), e.target_node.as_deref());
    if let Some(a) = actor {
        if s != Some(a.as_str()) && t != Some(a.as_str()) {
            return false;
        }
    }
    if let Some((a, b)) = dyad {
        let dir = if directed {
            Direction::Directed
        } else {
            Direction::Undirected
        };
        return entente_analysis::series::in_dyad(e, a, b, dir);
    }
    true
}

async fn canonical_events(State(st): State<Shared>, Query(q): Query<CanonQ>) -> ApiResult {
    let (from, to) = (parse_date(&q.from, "from")?, parse_date(&q.to, "to")?);
    let actor = q.actor.as_deref().map(node_of).transpose()?;
    let dyad = match (&q.source, &q.target) {
        (Some(a), Some(b)) => Some((node_of(a)?, node_of(b)?)),
        (None, None) => None,
        _ => return Err(bad("give both source and target, or use actor")),
    };
    let limit = limit_of(q.limit);
    let rel = st.relations();
    let mut total = 0;
    let mut items = Vec::new();
    for e in rel.events.iter().filter(|e| {
        counts_modality(e, q.all)
            && in_window(e, from, to)
            && canon_matches(e, &actor, &dyad, q.directed)
    }) {
        if total >= q.offset && items.len() < limit {
            items.push(serde_json::to_value(e).unwrap_or(Value::Null));
        }
        total += 1;
    }
    Ok(Json(paged(
        Value::Array(items),
        limit,
        q.offset,
        Some(total),
    )))
}

async fn canonical_event(State(st): State<Shared>, Path(id): Path<String>) -> ApiResult {
    let rel = st.relations();
    let ev = rel
        .event(&id)
        .cloned()
        .ok_or_else(|| ApiError(StatusCode::NOT_FOUND, format!("no event {id:?}")))?;
    let members = ev.members.clone();
    let rel2 = rel.clone();
    let rows = blocking(move || {
        Ok(st.with_store(|s| {
            let mut out = Vec::new();
            for m in members.iter().take(200) {
                let Some((doc, idx)) = split_mention_id(m) else {
                    continue;
                };
                let rows = s.events(&EventFilter {
                    doc_id: Some(doc.to_string()),
                    ..EventFilter::default()
                })?;
                out.extend(rows.into_iter().filter(|r| r.idx == idx));
            }
            Ok(out)
        })?)
    })
    .await?;
    let mentions: Vec<Value> = rows.iter().map(|e| event_json(e, &rel2)).collect();
    Ok(Json(json!({ "event": ev, "mentions": mentions })))
}

#[derive(Deserialize, Default)]
struct QuotesQ {
    actor: Option<String>,
    doc_id: Option<String>,
    anonymous: Option<bool>,
    from: Option<String>,
    to: Option<String>,
    limit: Option<usize>,
    #[serde(default)]
    offset: usize,
}

async fn quotes(State(st): State<Shared>, Query(q): Query<QuotesQ>) -> ApiResult {
    parse_date(&q.from, "from")?;
    parse_date(&q.to, "to")?;
    let limit = limit_of(q.limit);
    let f = QuoteFilter {
        actor: q.actor.map(|a| a.to_ascii_uppercase()),
        doc_id: q.doc_id,
        anonymous: q.anonymous,
        from: q.from,
        to: q.to,
        limit: Some(limit),
        offset: q.offset,
    };
    let rows = blocking(move || Ok(st.with_store(|s| s.quotes(&f))?)).await?;
    Ok(Json(paged(
        serde_json::to_value(rows).unwrap_or(Value::Null),
        limit,
        q.offset,
        None,
    )))
}

#[derive(Deserialize, Default)]
pub(crate) struct WindowQ {
    pub(crate) from: Option<String>,
    pub(crate) to: Option<String>,
    #[serde(default)]
    pub(crate) all: bool,
    pub(crate) min_events: Option<usize>,
    pub(crate) actor: Option<String>,
    pub(crate) other: Option<String>,
    pub(crate) by: Option<String>,
    #[serde(default)]
    pub(crate) directed: bool,
    pub(crate) limit: Option<usize>,
    /// Network: keep only the `top` most active nodes (plus `focus`).
    pub(crate) top: Option<usize>,
    /// Network: split countries into their sectors (full actor codes).
    #[serde(default)]
    pub(crate) split: bool,
    /// Network: a node always kept, whatever `top` says.
    pub(crate) focus: Option<String>,
    /// Given (the dashboard always gives it): the window keeps events
    /// without a slider date (undated, or only in undated documents) apart
    /// and counts them only when `true`. Absent: the analysis crate's rule.
    pub(crate) undated: Option<bool>,
}

impl WindowQ {
    pub(crate) fn params(&self) -> Result<NetworkParams, ApiError> {
        Ok(NetworkParams {
            from: parse_date(&self.from, "from")?,
            to: parse_date(&self.to, "to")?,
            include_all_modalities: self.all,
            min_events: self.min_events.unwrap_or(1),
        })
    }
    pub(crate) fn by(&self) -> Result<Granularity, ApiError> {
        self.by
            .as_deref()
            .unwrap_or("month")
            .parse()
            .map_err(|e: entente_analysis::AnalysisError| bad(e.to_string()))
    }
}

/// The busiest undirected dyads (node level) in the window.
async fn dyads(State(st): State<Shared>, Query(q): Query<WindowQ>) -> ApiResult {
    let p = q.params()?;
    let actor = q.actor.as_deref().map(node_of).transpose()?;
    let rel = st.relations();
    let mut counts: BTreeMap<(String, String), Bucket> = BTreeMap::new();
    for e in rel
        .events
        .iter()
        .filter(|e| counts_modality(e, p.include_all_modalities) && in_window(e, p.from, p.to))
    {
        let (Some(s), Some(t)) = (&e.source_node, &e.target_node) else {
            continue;
        };
        if s == t || actor.as_ref().is_some_and(|a| a != s && a != t) {
            continue;
        }
        let k = if s < t {
            (s.clone(), t.clone())
        } else {
            (t.clone(), s.clone())
        };
        counts.entry(k).or_default().add(e);
    }
    let mut v: Vec<_> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.events.cmp(&a.1.events).then(a.0.cmp(&b.0)));
    let items: Vec<Value> = v
        .into_iter()
        .take(limit_of(q.limit))
        .map(|((a, b), c)| {
            json!({ "a": a, "b": b, "net_cooperation": c.net_cooperation(),
                    "goldstein_mean": c.goldstein_mean(), "counts": c })
        })
        .collect();
    Ok(Json(json!({ "items": items })))
}

async fn dyad(
    State(st): State<Shared>,
    Path((a, b)): Path<(String, String)>,
    Query(q): Query<WindowQ>,
) -> ApiResult {
    let by = q.by()?;
    let (a, b) = (node_of(&a)?, node_of(&b)?);
    let dir = if q.directed {
        Direction::Directed
    } else {
        Direction::Undirected
    };
    let rel = st.relations();
    let series = dyad_series(&rel.events, &a, &b, by, dir, q.all);
    Ok(Json(
        json!({ "a": a, "b": b, "by": by, "direction": dir, "all_modalities": q.all, "series": series }),
    ))
}

async fn network(State(st): State<Shared>, Query(q): Query<WindowQ>) -> ApiResult {
    let p = q.params()?;
    let rel = st.relations();
    if q.top.is_none() && !q.split && q.focus.is_none() && q.undated.is_none() {
        return Ok(Json(
            serde_json::to_value(signed_network(&rel.events, &p)).unwrap_or(Value::Null),
        ));
    }
    dashboard::network(&rel, &q, &p)
}

/// Periods that have events, for the dashboard's time slider.
async fn periods(State(st): State<Shared>, Query(q): Query<WindowQ>) -> ApiResult {
    let by = q.by()?;
    let rel = st.relations();
    let mut counts: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for e in rel.events.iter().filter(|e| counts_modality(e, q.all)) {
        if let Some(d) = e.date {
            *counts.entry(by.start(d)).or_default() += 1;
        }
    }
    let items: Vec<Value> = counts
        .into_iter()
        .map(|(start, n)| {
            let end = by.next(start) - chrono::Duration::days(1);
            json!({ "start": start, "end": end, "label": by.label(start), "events": n })
        })
        .collect();
    Ok(Json(json!({ "by": by, "items": items })))
}

async fn balance_view(State(st): State<Shared>, Query(q): Query<WindowQ>) -> ApiResult {
    let p = q.params()?;
    let actor = q.actor.as_deref().map(node_of).transpose()?;
    let other = q.other.as_deref().map(node_of).transpose()?;
    let rel = st.relations();
    // The dashboard asks with `undated`: its windows keep events of undated
    // documents apart (see dashboard::undated).
    let net = if let Some(u) = q.undated {
        dashboard::window_network(&rel, &p, u, false)
    } else {
        Arc::new(signed_network(&rel.events, &p))
    };
    let report = balance_top(&net, actor.as_deref(), limit_of(q.limit));
    let enemies = actor
        .as_deref()
        .map(|a| common_enemies(&net, a, other.as_deref()))
        .unwrap_or_default();
    Ok(Json(
        json!({ "balance": report, "common_enemies": enemies }),
    ))
}

async fn balance_series(State(st): State<Shared>, Query(q): Query<WindowQ>) -> ApiResult {
    let p = q.params()?;
    let by = q.by()?;
    let rel = st.relations();
    let series: Vec<Value> = balance_over_time(&rel.events, by, &p)
        .into_iter()
        .map(|r| {
            json!({ "from": r.from, "to": r.to, "triads": r.triads, "balanced": r.balanced,
                    "unbalanced": r.unbalanced_total,
                    "balance_index": r.balance_index, "weighted_balance_index": r.weighted_balance_index,
                    "by_kind": r.by_kind })
        })
        .collect();
    Ok(Json(json!({ "by": by, "series": series })))
}

/// Re-runs deduplication over the store and writes the canonical events.
/// Needs `Authorization: Bearer <token>`.
async fn dedup(State(st): State<Shared>, headers: HeaderMap) -> ApiResult {
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if !st.token_ok(presented) {
        return Err(ApiError(
            StatusCode::UNAUTHORIZED,
            "this endpoint needs `Authorization: Bearer <token>` (start the server with --token)"
                .into(),
        ));
    }
    let rel = blocking(move || Ok(st.recompute()?)).await?;
    Ok(Json(json!({
        "mentions": rel.records.len(),
        "events": rel.events.len(),
        "skipped": rel.skipped,
    })))
}
