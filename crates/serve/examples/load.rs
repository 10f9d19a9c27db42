//! A bounded load test of the API reads: `CONNS` keep-alive connections
//! send GETs for `SECONDS`, then it prints, per endpoint and overall, the
//! request count, rate and latency percentiles, and exits non-zero when any
//! endpoint's p99 exceeds `--max-p99`, the overall rate is under
//! `--min-rps`, or a request fails.
//!
//! What is requested: the given `--path`s in turn (e.g. `--path /api/report`
//! alone), or by default the requests of a dashboard session derived from
//! what the store holds (start-up, slider moves, top-N, search, node and
//! edge clicks, "why", table pages and filters).
//!
//! ```text
//! cargo run --release -p entente-serve --example load -- URL \
//!     [--seconds 10] [--conns 4] [--max-p99 50] [--min-rps 0] [--path P]...
//! ```
//! `scripts/bench-dashboard.sh` builds a 2,000-document store, starts
//! `entente serve` and drives this against it.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::exit;
use std::time::{Duration, Instant};

/// One keep-alive HTTP/1.1 connection.
struct Conn {
    host: String,
    reader: BufReader<TcpStream>,
}

impl Conn {
    fn open(host: &str) -> std::io::Result<Conn> {
        let s = TcpStream::connect(host)?;
        s.set_nodelay(true)?;
        s.set_read_timeout(Some(Duration::from_secs(30)))?;
        Ok(Conn {
            host: host.to_string(),
            reader: BufReader::new(s),
        })
    }

    /// GETs `path`; returns the status and the body.
    fn get(&mut self, path: &str) -> std::io::Result<(u16, Vec<u8>)> {
        let req = format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nAccept: application/json\r\n\r\n",
            self.host
        );
        self.reader.get_mut().write_all(req.as_bytes())?;
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
        let (mut len, mut chunked) = (None, false);
        loop {
            line.clear();
            self.reader.read_line(&mut line)?;
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    len = v.trim().parse::<usize>().ok();
                } else if k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked") {
                    chunked = true;
                }
            }
        }
        let mut body = Vec::new();
        if let Some(n) = len {
            body.resize(n, 0);
            self.reader.read_exact(&mut body)?;
        } else if chunked {
            loop {
                line.clear();
                self.reader.read_line(&mut line)?;
                let n = usize::from_str_radix(line.trim(), 16)
                    .map_err(|_| std::io::Error::other(format!("bad chunk size {line:?}")))?;
                let start = body.len();
                body.resize(start + n + 2, 0);
                self.reader.read_exact(&mut body[start..])?;
                body.truncate(start + n);
                if n == 0 {
                    break;
                }
            }
        }
        Ok((status, body))
    }
}

/// The `host:port` of `http://host:port[/…]`.
fn host_of(url: &str) -> &str {
    let rest = url.strip_prefix("http://").unwrap_or(url);
    rest.split('/').next().unwrap_or(rest)
}

/// One GET parsed as JSON (to derive the session; `Null` on failure).
fn get_json(host: &str, path: &str) -> serde_json::Value {
    Conn::open(host)
        .and_then(|mut c| c.get(path))
        .ok()
        .filter(|(st, _)| *st == 200)
        .and_then(|(_, b)| serde_json::from_slice(&b).ok())
        .unwrap_or(serde_json::Value::Null)
}

fn strings(v: &serde_json::Value, f: impl Fn(&serde_json::Value) -> Option<String>) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().filter_map(f).collect())
        .unwrap_or_default()
}

/// The requests of a dashboard session (what the dashboard's scripts ask
/// for), from what the store holds.
fn session_paths(host: &str) -> Vec<String> {
    let t = get_json(host, "/api/timeline");
    let net = get_json(host, "/api/network?top=40&undated=false");
    let s = |v: &serde_json::Value| v.as_str().map(String::from);
    let (ef, et) = (
        s(&t["events_from"]).unwrap_or_default(),
        s(&t["events_to"]).unwrap_or_default(),
    );
    let starts = strings(&t["items"], |i| s(&i["start"]));
    let ends = strings(&t["items"], |i| s(&i["end"]));
    let nodes = strings(&net["nodes"], |n| s(&n["id"]));
    let edges: Vec<(String, String)> = net["edges"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|e| Some((s(&e["a"])?, s(&e["b"])?)))
                .collect()
        })
        .unwrap_or_default();
    let w = format!("from={ef}&to={et}&undated=false");
    let mut p = vec![
        "/api/report".to_string(),
        "/api/quotes?limit=30".into(),
        "/api/timeline?by=auto".into(),
        "/api/timeline?by=day".into(),
        format!("/api/network?{w}&top=40"),
        format!("/api/network?{w}&top=150&split=true"),
        format!("/api/balance?{w}"),
        format!("/api/map?{w}"),
        "/api/events?order=newest&limit=25".into(),
        "/api/events?order=newest&limit=25&offset=500".into(),
        "/api/events?order=newest&limit=25&code=19".into(),
        "/api/events?order=newest&limit=25&plover=CONSULT&min_confidence=0.5".into(),
        "/api/events?order=newest&limit=25&modality=asserted&from=2021-01-01&to=2021-12-31".into(),
        "/api/actors?q=ir&limit=12".into(),
    ];
    // Slider moves: a few stops, cumulative and single-period windows.
    let step = (starts.len() / 6).max(1);
    for (s, e) in starts.iter().zip(&ends).step_by(step) {
        p.push(format!(
            "/api/network?from={ef}&to={e}&undated=false&top=40"
        ));
        p.push(format!("/api/map?from={s}&to={e}&undated=false"));
        p.push(format!("/api/balance?from={s}&to={e}&undated=false"));
    }
    for n in nodes.iter().take(8) {
        p.push(format!("/api/dyads?{w}&actor={n}&limit=30"));
        p.push(format!("/api/events?order=newest&limit=25&actor={n}"));
        p.push(format!("/api/network?{w}&top=40&focus={n}"));
    }
    for (a, b) in edges.iter().take(8) {
        p.push(format!("/api/dyads/{a}/{b}?by=month"));
        p.push(format!("/api/why?a={a}&b={b}&{w}"));
        p.push(format!(
            "/api/events?order=newest&limit=25&source={a}&target={b}"
        ));
    }
    p
}

/// Endpoint name for the report: the path without its query.
fn endpoint(path: &str) -> String {
    let p = path.split('?').next().unwrap_or(path);
    if p.starts_with("/api/dyads/") {
        "/api/dyads/{a}/{b}".into()
    } else {
        p.to_string()
    }
}

fn pct(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

struct Opts {
    base: String,
    secs: u64,
    conns: usize,
    max_p99: f64,
    min_rps: f64,
    paths: Vec<String>,
}

fn usage() -> ! {
    eprintln!(
        "usage: load URL [--seconds S (10)] [--conns C (4)] [--max-p99 MS (50)] [--min-rps R (0)] [--path P]..."
    );
    exit(2)
}

fn opts() -> Opts {
    let mut args = std::env::args().skip(1);
    let Some(base) = args.next().filter(|a| !a.starts_with('-')) else {
        usage()
    };
    let mut o = Opts {
        base: base.trim_end_matches('/').to_string(),
        secs: 10,
        conns: 4,
        max_p99: 50.0,
        min_rps: 0.0,
        paths: Vec::new(),
    };
    while let Some(flag) = args.next() {
        let Some(v) = args.next() else { usage() };
        let num = |v: &str| -> f64 {
            v.parse().unwrap_or_else(|_| {
                eprintln!("load: {flag}: expected a number, got {v:?}");
                exit(2)
            })
        };
        match flag.as_str() {
            "--seconds" => o.secs = num(&v).max(1.0) as u64,
            "--conns" => o.conns = num(&v).max(1.0) as usize,
            "--max-p99" => o.max_p99 = num(&v),
            "--min-rps" => o.min_rps = num(&v),
            "--path" if v.starts_with('/') => o.paths.push(v),
            _ => usage(),
        }
    }
    o
}

fn main() {
    let o = opts();
    let host = host_of(&o.base).to_string();
    if let Err(e) = Conn::open(&host) {
        eprintln!("load: cannot connect to {}: {e}", o.base);
        exit(2);
    }
    let paths = if o.paths.is_empty() {
        session_paths(&host)
    } else {
        o.paths.clone()
    };
    eprintln!(
        "load: {} distinct requests, {} connections, {} s",
        paths.len(),
        o.conns,
        o.secs
    );
    let started = Instant::now();
    let deadline = started + Duration::from_secs(o.secs);
    let handles: Vec<_> = (0..o.conns)
        .map(|k| {
            let (host, paths) = (host.clone(), paths.clone());
            std::thread::spawn(move || {
                // (endpoint, ms, ok)
                let mut out: Vec<(String, f64, bool)> = Vec::new();
                let Ok(mut c) = Conn::open(&host) else {
                    return out;
                };
                // Connections start at different places in the session.
                let mut i = k * 7;
                while Instant::now() < deadline {
                    let path = &paths[i % paths.len()];
                    i += 1;
                    let t0 = Instant::now();
                    let res = c.get(path);
                    let ms = t0.elapsed().as_secs_f64() * 1e3;
                    match res {
                        Ok((st, _)) => out.push((endpoint(path), ms, st == 200)),
                        Err(_) => {
                            out.push((endpoint(path), ms, false));
                            match Conn::open(&host) {
                                Ok(n) => c = n,
                                Err(_) => break,
                            }
                        }
                    }
                }
                out
            })
        })
        .collect();
    let mut by: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut all = Vec::new();
    let mut errors = 0;
    for h in handles {
        for (ep, ms, ok) in h.join().unwrap_or_default() {
            if !ok {
                errors += 1;
                continue;
            }
            all.push(ms);
            by.entry(ep).or_default().push(ms);
        }
    }
    let wall = started.elapsed().as_secs_f64();
    println!(
        "{:<22} {:>7} {:>8} {:>8} {:>8} {:>8}",
        "endpoint", "n", "req/s", "p50 ms", "p99 ms", "max ms"
    );
    let row = |name: &str, v: &[f64]| {
        println!(
            "{name:<22} {:>7} {:>8.0} {:>8.2} {:>8.2} {:>8.2}",
            v.len(),
            v.len() as f64 / wall,
            pct(v, 0.5),
            pct(v, 0.99),
            v.last().copied().unwrap_or(f64::NAN)
        )
    };
    let mut worst: f64 = 0.0;
    for (ep, v) in by.iter_mut() {
        v.sort_by(f64::total_cmp);
        worst = worst.max(pct(v, 0.99));
        row(ep, v);
    }
    all.sort_by(f64::total_cmp);
    row("all", &all);
    let rps = all.len() as f64 / wall;
    println!(
        "{} requests in {wall:.1} s over {} connections = {rps:.0}/s, {errors} errors",
        all.len(),
        o.conns
    );
    if worst > o.max_p99 || rps < o.min_rps || errors > 0 || all.is_empty() {
        println!(
            "FAIL: worst endpoint p99 {worst:.2} ms (bar {} ms), {rps:.0}/s (bar {}/s), {errors} errors",
            o.max_p99, o.min_rps
        );
        exit(1);
    }
    println!(
        "ok: every endpoint p99 <= {} ms, >= {}/s, no errors",
        o.max_p99, o.min_rps
    );
}
