//! # entente-serve
//!
//! The JSON HTTP API and the web dashboard (`entente serve`), plus the glue
//! that turns stored event mentions into the analysis crate's records
//! ([`relations`]), which the CLI's relation commands share.
//!
//! Read endpoints are open; endpoints that change the store need the bearer
//! token given at start-up (and are refused when none was given). The
//! dashboard's assets (ours and the vendored cytoscape/uPlot) are embedded in
//! the binary; article text is only ever put into the page as text nodes, and
//! a Content-Security-Policy forbids inline script as a second line of
//! defence.
//!
//! **Architecture invariant:** the only crate that speaks HTTP; reads and
//! writes through `entente-store`, never SQL of its own; analysis lives in
//! `entente-analysis`.

mod api;
mod assets;
pub mod cache;
mod dashboard;
pub mod harden;
mod openapi;
pub mod relations;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, RwLock};

use entente_analysis::DedupParams;
use entente_store::{Store, StoreError};

pub use api::router;
pub use dashboard::Views;
pub use relations::Relations;

/// Errors starting or running the server.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Binding or serving failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// How to run the server.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Store to open (SQLite path or `postgres://` URL).
    pub db: String,
    /// Address to listen on.
    pub addr: SocketAddr,
    /// Bearer token for write endpoints; `None` disables them.
    pub token: Option<String>,
    /// Deduplication tuning.
    pub dedup: DedupParams,
    /// Host names served besides localhost and IP addresses (the `Host`
    /// header of every request is checked against them).
    pub allowed_hosts: Vec<String>,
    /// Size limit of the response cache in bytes (0 turns it off; see
    /// [`cache`]).
    pub cache_bytes: usize,
}

/// Shared server state: a small pool of store connections and the current
/// relations (canonical events), swapped atomically on recomputation.
pub struct AppState {
    db: String,
    pool: Mutex<Vec<Box<dyn Store>>>,
    relations: RwLock<Arc<Relations>>,
    token: Option<String>,
    dedup: DedupParams,
    /// Host names served besides localhost and IP addresses.
    pub(crate) allowed_hosts: Arc<harden::AllowedHosts>,
    /// `/api/report` as JSON and when it was computed: the report
    /// aggregates whole tables, so it is computed at start and then
    /// refreshed in the background once older than [`REPORT_TTL`], not per
    /// request.
    pub(crate) report: Mutex<Option<(std::time::Instant, Arc<String>)>>,
    /// Whether the report is being refreshed (requests keep getting the
    /// previous one meanwhile).
    report_refreshing: std::sync::atomic::AtomicBool,
    /// Size limit of each snapshot's response cache.
    cache_bytes: usize,
}

/// Age at which the cached `/api/report` is refreshed (a concurrent
/// `entente run` shows up within this time plus the time to compute it).
pub const REPORT_TTL: std::time::Duration = std::time::Duration::from_secs(5);

impl AppState {
    /// Opens the store (read-only: a missing database is an error, a
    /// read-only file works), loads and clusters its events.
    pub fn open(db: &str, token: Option<String>, dedup: DedupParams) -> Result<Self, ServeError> {
        let mut store = entente_store::open_read_only(db)?;
        let rel = relations::load(store.as_mut(), &dedup)?;
        dashboard::warm(&rel);
        Ok(AppState {
            db: db.to_string(),
            pool: Mutex::new(vec![store]),
            relations: RwLock::new(Arc::new(rel)),
            token,
            dedup,
            allowed_hosts: Arc::new(harden::AllowedHosts::default()),
            report: Mutex::new(None),
            report_refreshing: std::sync::atomic::AtomicBool::new(false),
            cache_bytes: cache::DEFAULT_BYTES,
        })
    }

    /// The same state with this response cache size limit (0: no cache).
    pub fn with_cache_bytes(mut self, bytes: usize) -> Self {
        self.cache_bytes = bytes;
        self.relations().views.responses.set_limit(bytes);
        self
    }

    /// The same state serving these extra host names.
    pub fn with_allowed_hosts(mut self, hosts: Vec<String>) -> Self {
        self.allowed_hosts = Arc::new(harden::AllowedHosts(hosts));
        self
    }

    /// The cached `/api/report` JSON, if any; when it is older than
    /// [`REPORT_TTL`], a refresh starts in the background (on the blocking
    /// pool of the current runtime) and the cached one is still returned,
    /// so that no request waits for the aggregation.
    pub fn report_cached(self: &Arc<Self>) -> Option<Arc<String>> {
        use std::sync::atomic::Ordering;
        let (at, json) = self.report.lock().ok().and_then(|c| c.clone())?;
        if at.elapsed() >= REPORT_TTL
            && self
                .report_refreshing
                .compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire)
                .is_ok()
        {
            let st = self.clone();
            tokio::task::spawn_blocking(move || {
                let out = st.with_store(|s| s.report(10));
                if let Ok(r) = out {
                    let json =
                        Arc::new(serde_json::to_string(&r).unwrap_or_else(|_| "null".into()));
                    if let Ok(mut c) = st.report.lock() {
                        *c = Some((std::time::Instant::now(), json));
                    }
                }
                st.report_refreshing.store(false, Ordering::Release);
            });
        }
        Some(json)
    }

    /// `/api/report` as JSON: the cached one when fresh (or being
    /// refreshed by another request), else computed now.
    pub fn report_json(&self) -> Result<Arc<String>, StoreError> {
        use std::sync::atomic::Ordering;
        let cached = self.report.lock().ok().and_then(|c| c.clone());
        if let Some((at, json)) = &cached {
            let fresh = at.elapsed() < REPORT_TTL;
            if fresh
                || self
                    .report_refreshing
                    .compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire)
                    .is_err()
            {
                return Ok(json.clone());
            }
        } else {
            self.report_refreshing.store(true, Ordering::Release);
        }
        let out = self.with_store(|s| s.report(10));
        self.report_refreshing.store(false, Ordering::Release);
        let json = Arc::new(serde_json::to_string(&out?).unwrap_or_else(|_| "null".into()));
        if let Ok(mut c) = self.report.lock() {
            *c = Some((std::time::Instant::now(), json.clone()));
        }
        Ok(json)
    }

    /// Runs `f` on a pooled store connection (opening one when all are busy).
    pub fn with_store<T>(
        &self,
        f: impl FnOnce(&mut dyn Store) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let pooled = self.pool.lock().ok().and_then(|mut p| p.pop());
        let mut store = match pooled {
            Some(s) => s,
            None => entente_store::open_read_only(&self.db)?,
        };
        let out = f(store.as_mut());
        if let Ok(mut p) = self.pool.lock() {
            // Keep a bounded number of idle connections.
            if p.len() < 32 {
                p.push(store);
            }
        }
        out
    }

    /// The current relations.
    pub fn relations(&self) -> Arc<Relations> {
        match self.relations.read() {
            Ok(r) => r.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Reloads from the store, reclusters and writes the canonical events
    /// back (on a writable connection of its own: reads are read-only);
    /// returns the new relations.
    pub fn recompute(&self) -> Result<Arc<Relations>, StoreError> {
        let mut s = entente_store::open(&self.db)?;
        let rel = relations::load(s.as_mut(), &self.dedup)?;
        relations::write_canonical(s.as_mut(), &rel)?;
        rel.views.responses.set_limit(self.cache_bytes);
        dashboard::warm(&rel);
        let rel = Arc::new(rel);
        if let Ok(mut c) = self.report.lock() {
            *c = None;
        }
        match self.relations.write() {
            Ok(mut w) => *w = rel.clone(),
            Err(poisoned) => *poisoned.into_inner() = rel.clone(),
        }
        Ok(rel)
    }

    fn token_ok(&self, presented: Option<&str>) -> bool {
        match (&self.token, presented) {
            (Some(t), Some(p)) => constant_time_eq(t.as_bytes(), p.as_bytes()),
            _ => false,
        }
    }
}

/// Compares secrets without an early exit on the first differing byte.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Serves until Ctrl-C.
pub async fn serve(config: ServeConfig) -> Result<(), ServeError> {
    serve_ready(config, |_| {}).await
}

/// Serves until Ctrl-C, calling `ready` with the bound address once the
/// store is loaded and the port is listening (so that an announcement is
/// never printed for a server that is not there). A port already taken is
/// an error naming it.
pub async fn serve_ready(
    config: ServeConfig,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    let db = config.db.clone();
    let token = config.token.clone();
    let dedup = config.dedup;
    let state = tokio::task::spawn_blocking(move || AppState::open(&db, token, dedup))
        .await
        .map_err(|e| std::io::Error::other(e.to_string()))??
        .with_allowed_hosts(config.allowed_hosts.clone())
        .with_cache_bytes(config.cache_bytes);
    // Computed once before the first request.
    let _ = state.report_json();
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| {
            let hint = if e.kind() == std::io::ErrorKind::AddrInUse {
                " (another server is running there? choose another with --addr)"
            } else {
                ""
            };
            std::io::Error::new(
                e.kind(),
                format!("cannot listen on {}: {e}{hint}", config.addr),
            )
        })?;
    ready(listener.local_addr()?);
    axum::serve(harden::TimedListener(listener), router(Arc::new(state)))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}

/// A server running on a background thread (for tests, screenshots and
/// benchmarks); stops when dropped.
pub struct Background {
    /// Where it listens.
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Background {
    /// Opens the store and starts serving on `127.0.0.1` at a free port.
    pub fn start(db: &str, token: Option<String>) -> Result<Background, ServeError> {
        Self::start_with_cache(db, token, cache::DEFAULT_BYTES)
    }

    /// [`Background::start`] with this response cache size limit (0: no
    /// cache).
    pub fn start_with_cache(
        db: &str,
        token: Option<String>,
        cache_bytes: usize,
    ) -> Result<Background, ServeError> {
        let state = Arc::new(
            AppState::open(db, token, DedupParams::default())?.with_cache_bytes(cache_bytes),
        );
        let std_listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        std_listener.set_nonblocking(true)?;
        let addr = std_listener.local_addr()?;
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        let thread = std::thread::spawn(move || {
            rt.block_on(async move {
                let Ok(listener) = tokio::net::TcpListener::from_std(std_listener) else {
                    return;
                };
                let _ = axum::serve(harden::TimedListener(listener), router(state))
                    .with_graceful_shutdown(async {
                        let _ = rx.await;
                    })
                    .await;
            });
        });
        Ok(Background {
            addr,
            stop: Some(tx),
            thread: Some(thread),
        })
    }

    /// The base URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Runs [`serve`] on a new multi-threaded runtime, blocking until Ctrl-C
/// (for callers without their own runtime, like the CLI).
pub fn serve_blocking(config: ServeConfig) -> Result<(), ServeError> {
    serve_blocking_ready(config, |_| {})
}

/// [`serve_ready`] on a new multi-threaded runtime, blocking until Ctrl-C.
pub fn serve_blocking_ready(
    config: ServeConfig,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(serve_ready(config, ready))
}
