//! A bounded cache of the API's responses that are computed from the
//! in-memory relations snapshot alone (network, balance, map, why, dyads,
//! timeline, actor search, the event table): the dashboard asks the same
//! windows again and again (every slider stop, every click back), and each
//! costs tens of milliseconds to derive at 10^5 events.
//!
//! Each snapshot has its own cache (in its [`Views`](crate::Views)), so a
//! recomputation (`/api/dedup`) starts from an empty one: a cached response
//! is always exactly what the handler would compute now. Reads that go to
//! the store (documents, quotes, a canonical event's mentions, the report)
//! are never cached here, since the store may change under a running
//! server. Keys are the path and the decoded query parameters sorted by
//! name (a stable sort, so repeated names keep their order): requests that
//! differ only in parameter order or percent-encoding share an entry.
//! Entries are evicted least recently used first once the bodies exceed
//! the size limit.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use crate::api::Shared;

/// Default size limit of one snapshot's cached bodies.
pub const DEFAULT_BYTES: usize = 64 << 20;

/// Paths whose responses depend only on the relations snapshot and the
/// query (`/api/dyads/{a}/{b}` too, by prefix).
const CACHEABLE: &[&str] = &[
    "/api/network",
    "/api/balance",
    "/api/balance/series",
    "/api/map",
    "/api/why",
    "/api/dyads",
    "/api/timeline",
    "/api/periods",
    "/api/actors",
    "/api/events",
    "/api/canonical-events",
];

fn cacheable(path: &str) -> bool {
    CACHEABLE.contains(&path) || path.starts_with("/api/dyads/")
}

/// The cache key of a request: path, then each decoded `name=value` pair
/// length-prefixed (so that no value can forge a separator), by name.
pub fn key(path: &str, query: Option<&str>) -> String {
    let mut pairs: Vec<(String, String)> = query
        .map(|q| {
            form_urlencoded::parse(q.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect()
        })
        .unwrap_or_default();
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    let mut k = String::with_capacity(path.len() + query.map_or(0, str::len) + 16);
    k.push_str(path);
    for (n, v) in &pairs {
        k.push_str(&format!("|{}:{n}{}:{v}", n.len(), v.len()));
    }
    k
}

struct Entry {
    headers: HeaderMap,
    body: Bytes,
    used: u64,
}

#[derive(Default)]
struct Inner {
    map: HashMap<String, Entry>,
    bytes: usize,
    tick: u64,
}

/// Responses by key, bounded in total size (bodies and keys).
pub struct ResponseCache {
    limit: AtomicUsize,
    inner: Mutex<Inner>,
}

impl Default for ResponseCache {
    fn default() -> Self {
        ResponseCache::new(DEFAULT_BYTES)
    }
}

/// A copy is a new, empty cache with the same limit (a cache belongs to
/// one snapshot).
impl Clone for ResponseCache {
    fn clone(&self) -> Self {
        ResponseCache::new(self.limit())
    }
}

impl std::fmt::Debug for ResponseCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (n, bytes) = self.usage();
        write!(
            f,
            "ResponseCache({n} entries, {bytes} of {} bytes)",
            self.limit()
        )
    }
}

impl ResponseCache {
    /// An empty cache holding at most `limit` bytes (0: caches nothing).
    pub fn new(limit: usize) -> Self {
        ResponseCache {
            limit: AtomicUsize::new(limit),
            inner: Mutex::new(Inner::default()),
        }
    }

    /// The size limit in bytes.
    pub fn limit(&self) -> usize {
        self.limit.load(Ordering::Relaxed)
    }

    /// Sets the size limit (evicting down to it).
    pub fn set_limit(&self, limit: usize) {
        self.limit.store(limit, Ordering::Relaxed);
        if let Ok(mut g) = self.inner.lock() {
            evict(&mut g, limit);
        }
    }

    /// Entries and bytes held.
    pub fn usage(&self) -> (usize, usize) {
        self.inner
            .lock()
            .map(|g| (g.map.len(), g.bytes))
            .unwrap_or_default()
    }

    fn get(&self, key: &str) -> Option<(HeaderMap, Bytes)> {
        let mut g = self.inner.lock().ok()?;
        g.tick += 1;
        let tick = g.tick;
        let e = g.map.get_mut(key)?;
        e.used = tick;
        Some((e.headers.clone(), e.body.clone()))
    }

    fn put(&self, key: String, headers: HeaderMap, body: Bytes) {
        let limit = self.limit();
        let size = key.len() + body.len();
        // One response may take at most an eighth of the cache (a large
        // download would otherwise flush everything else).
        if size > limit / 8 {
            return;
        }
        let Ok(mut g) = self.inner.lock() else {
            return;
        };
        g.tick += 1;
        let used = g.tick;
        let added = body.len();
        match g.map.insert(
            key,
            Entry {
                headers,
                body,
                used,
            },
        ) {
            Some(old) => g.bytes = g.bytes - old.body.len() + added,
            None => g.bytes += size,
        }
        if g.bytes > limit {
            // Down to three quarters, so that eviction is not paid on every
            // insertion once full.
            evict(&mut g, limit / 4 * 3);
        }
    }
}

/// Drops least recently used entries until at most `to` bytes are held.
fn evict(g: &mut Inner, to: usize) {
    if g.bytes <= to {
        return;
    }
    let mut by_age: Vec<(u64, String)> = g.map.iter().map(|(k, e)| (e.used, k.clone())).collect();
    by_age.sort_unstable();
    for (_, k) in by_age {
        if g.bytes <= to {
            break;
        }
        if let Some(e) = g.map.remove(&k) {
            g.bytes -= k.len() + e.body.len();
        }
    }
}

/// Middleware: answers cacheable GETs from the current snapshot's cache,
/// and stores successful answers there.
///
/// The handler reads the snapshot again itself; when `/api/dedup` swaps it
/// in between, a response of the newer snapshot lands in the older one's
/// cache, which no request looks into any more (a request already holding
/// the old snapshot then gets the newer answer, never an older one).
pub async fn layer(State(st): State<Shared>, req: Request, next: Next) -> Response {
    if req.method() != Method::GET || !cacheable(req.uri().path()) {
        return next.run(req).await;
    }
    let rel: Arc<crate::Relations> = st.relations();
    let cache = &rel.views.responses;
    if cache.limit() == 0 {
        return next.run(req).await;
    }
    let key = key(req.uri().path(), req.uri().query());
    if let Some((headers, body)) = cache.get(&key) {
        let mut res = Response::new(Body::from(body));
        *res.headers_mut() = headers;
        return res;
    }
    let res = next.run(req).await;
    if res.status() != StatusCode::OK {
        return res;
    }
    let (parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return Response::from_parts(parts, Body::empty());
    };
    cache.put(key, parts.headers.clone(), bytes.clone());
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_parameter_order_and_encoding_only() {
        assert_eq!(
            key("/api/map", Some("from=2021-01-01&to=2021-02-01")),
            key("/api/map", Some("to=2021-02-01&from=2021%2D01%2D01"))
        );
        assert_ne!(
            key("/api/map", Some("from=2021-01-01")),
            key("/api/map", Some("from=2021-01-02"))
        );
        assert_ne!(
            key("/api/map", Some("by=")),
            key("/api/map", None),
            "an empty value is not an absent one"
        );
        assert_ne!(
            key("/api/why", Some("a=x%7C1:b&b=c")),
            key("/api/why", Some("a=x&b=1:b|1:bc")),
            "values cannot forge separators"
        );
        assert_ne!(key("/api/map", None), key("/api/network", None));
    }

    #[test]
    fn bounded_and_least_recently_used_first() {
        let c = ResponseCache::new(8000);
        let body = |n: usize| Bytes::from(vec![b'x'; n]);
        c.put("a".into(), HeaderMap::new(), body(900));
        c.put("b".into(), HeaderMap::new(), body(900));
        assert!(c.get("a").is_some());
        for i in 0..10 {
            c.put(format!("k{i}"), HeaderMap::new(), body(900));
        }
        let (_, bytes) = c.usage();
        assert!(bytes <= 8000, "{bytes}");
        assert!(c.get("b").is_none(), "least recently used went first");
        assert!(c.get("k9").is_some(), "the newest stays");
        // Too large for the cache: not kept.
        c.put("big".into(), HeaderMap::new(), body(1500));
        assert!(c.get("big").is_none());
        let off = ResponseCache::new(0);
        off.put("a".into(), HeaderMap::new(), body(1));
        assert_eq!(off.usage().0, 0);
    }
}
