//! A bounded load test of the dashboard's API reads: `CONNS` keep-alive
//! connections replay the requests a dashboard session makes (start-up,
//! slider moves, top-N, search, node and edge clicks, "why", table pages and
//! filters) for `SECONDS`, then print per-endpoint latency percentiles and
//! exit non-zero when any p99 exceeds `MAX_P99_MS`.
//!
//! `cargo run --release -p entente-serve --example load -- URL [SECONDS] [CONNS] [MAX_P99_MS]`
//! (defaults 10 s, 4 connections, 50 ms); `scripts/bench-dashboard.sh`
//! drives it against a 2,000-document store.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
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

    /// GETs `path`; returns the status and the body length.
    fn get(&mut self, path: &str) -> std::io::Result<(u16, usize)> {
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
        let mut total = 0;
        if let Some(n) = len {
            let mut buf = vec![0u8; n];
            self.reader.read_exact(&mut buf)?;
            total = n;
        } else if chunked {
            loop {
                line.clear();
                self.reader.read_line(&mut line)?;
                let n = usize::from_str_radix(line.trim(), 16).unwrap_or(0);
                let mut buf = vec![0u8; n + 2];
                self.reader.read_exact(&mut buf)?;
                total += n;
                if n == 0 {
                    break;
                }
            }
        }
        Ok((status, total))
    }
}

/// One GET on its own connection, parsed as JSON (at start-up only).
fn get_json(url: &str) -> serde_json::Value {
    let mut s = match TcpStream::connect(conn_host(url)) {
        Ok(s) => s,
        Err(_) => return serde_json::Value::Null,
    };
    let (host, p) = split_url(url);
    let _ = write!(
        s,
        "GET {p} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    );
    let mut raw = String::new();
    let _ = s.read_to_string(&mut raw);
    let body = raw.split_once("\r\n\r\n").map(|x| x.1).unwrap_or("");
    serde_json::from_str(body).unwrap_or(serde_json::Value::Null)
}

fn split_url(url: &str) -> (&str, &str) {
    let rest = url.strip_prefix("http://").unwrap_or(url);
    match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    }
}

fn conn_host(url: &str) -> &str {
    split_url(url).0
}

/// The requests of a dashboard session, from what the store holds.
fn session_paths(base: &str) -> Vec<String> {
    let t = get_json(&format!("{base}/api/timeline"));
    let net = get_json(&format!("{base}/api/network?top=40"));
    let (ef, et) = (
        t["events_from"].as_str().unwrap_or("").to_string(),
        t["events_to"].as_str().unwrap_or("").to_string(),
    );
    let stops: Vec<(String, String)> = t["items"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|i| {
                    (
                        i["start"].as_str().unwrap_or("").to_string(),
                        i["end"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let nodes: Vec<String> = net["nodes"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|n| n["id"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    let edges: Vec<(String, String)> = net["edges"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|e| Some((e["a"].as_str()?.to_string(), e["b"].as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default();
    let mut p = vec![
        "/api/report".to_string(),
        "/api/quotes?limit=30".into(),
        "/api/timeline?by=auto".into(),
        "/api/timeline?by=day".into(),
        format!("/api/network?from={ef}&to={et}&top=40"),
        format!("/api/network?from={ef}&to={et}&top=150&split=true"),
        format!("/api/balance?from={ef}&to={et}"),
        format!("/api/map?from={ef}&to={et}"),
        "/api/events?order=newest&limit=25".into(),
        "/api/events?order=newest&limit=25&offset=500".into(),
        "/api/events?order=newest&limit=25&code=19".into(),
        "/api/events?order=newest&limit=25&plover=CONSULT&min_confidence=0.5".into(),
        "/api/events?order=newest&limit=25&modality=asserted&from=2021-01-01&to=2021-12-31".into(),
        "/api/actors?q=ir&limit=12".into(),
    ];
    // Slider moves: a few stops, cumulative and single-period windows.
    for (s, e) in stops.iter().step_by((stops.len() / 6).max(1)) {
        p.push(format!("/api/network?from={ef}&to={e}&top=40"));
        p.push(format!("/api/map?from={s}&to={e}"));
        p.push(format!("/api/balance?from={s}&to={e}"));
    }
    for n in nodes.iter().take(8) {
        p.push(format!("/api/dyads?from={ef}&to={et}&actor={n}&limit=30"));
        p.push(format!("/api/events?order=newest&limit=25&actor={n}"));
        p.push(format!("/api/network?from={ef}&to={et}&top=40&focus={n}"));
    }
    for (a, b) in edges.iter().take(8) {
        p.push(format!("/api/dyads/{a}/{b}?by=month"));
        p.push(format!("/api/why?a={a}&b={b}&from={ef}&to={et}"));
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
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(base) = args.first().map(|u| u.trim_end_matches('/').to_string()) else {
        eprintln!("usage: load URL [SECONDS] [CONNS] [MAX_P99_MS]");
        std::process::exit(2);
    };
    let secs: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(10);
    let conns: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(4);
    let max_p99: f64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(50.0);
    let host = conn_host(&base).to_string();
    if let Err(e) = Conn::open(&host) {
        eprintln!("cannot connect to {base}: {e}");
        std::process::exit(2);
    }
    let paths = session_paths(&base);
    eprintln!(
        "{} distinct requests, {conns} connections, {secs} s",
        paths.len()
    );
    let deadline = Instant::now() + Duration::from_secs(secs);
    let handles: Vec<_> = (0..conns)
        .map(|k| {
            let (host, paths) = (host.clone(), paths.clone());
            std::thread::spawn(move || {
                let mut out: Vec<(String, f64, u16)> = Vec::new();
                let Ok(mut c) = Conn::open(&host) else {
                    return out;
                };
                let mut i = k * 7;
                while Instant::now() < deadline {
                    let path = &paths[i % paths.len()];
                    i += 1;
                    let t0 = Instant::now();
                    match c.get(path) {
                        Ok((st, _)) => {
                            out.push((endpoint(path), t0.elapsed().as_secs_f64() * 1e3, st))
                        }
                        Err(_) => match Conn::open(&host) {
                            Ok(n) => c = n,
                            Err(_) => break,
                        },
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
        for (ep, ms, st) in h.join().unwrap_or_default() {
            if st >= 400 {
                errors += 1;
            }
            all.push(ms);
            by.entry(ep).or_default().push(ms);
        }
    }
    println!(
        "{:<28} {:>7} {:>8} {:>8} {:>8}",
        "endpoint", "n", "p50 ms", "p99 ms", "max ms"
    );
    let mut worst: f64 = 0.0;
    for (ep, v) in by.iter_mut() {
        v.sort_by(|a, b| a.total_cmp(b));
        let p99 = pct(v, 0.99);
        worst = worst.max(p99);
        println!(
            "{ep:<28} {:>7} {:>8.2} {:>8.2} {:>8.2}",
            v.len(),
            pct(v, 0.5),
            p99,
            v.last().copied().unwrap_or(0.0)
        );
    }
    all.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{:<28} {:>7} {:>8.2} {:>8.2} {:>8.2}   ({:.0} req/s, {errors} errors)",
        "all",
        all.len(),
        pct(&all, 0.5),
        pct(&all, 0.99),
        all.last().copied().unwrap_or(0.0),
        all.len() as f64 / secs as f64
    );
    if worst > max_p99 || errors > 0 {
        println!("FAIL: worst endpoint p99 {worst:.2} ms (limit {max_p99} ms), {errors} errors");
        std::process::exit(1);
    }
    println!("ok: every endpoint p99 <= {max_p99} ms");
}
