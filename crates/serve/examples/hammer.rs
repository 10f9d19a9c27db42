//! A bounded load test of one endpoint: `CONNS` keep-alive connections GET
//! `PATH` for `SECONDS`, then it prints requests per second and latency
//! percentiles, and exits non-zero when p99 exceeds `MAX_P99_MS` or the
//! rate is below `MIN_RPS`, or any request fails.
//!
//! `cargo run --release -p entente-serve --example hammer -- URL PATH [SECONDS] [CONNS] [MAX_P99_MS] [MIN_RPS]`
//! (defaults 10 s, 32 connections, 50 ms, 500/s); `scripts/bench-report.sh`
//! drives it against `/api/report` on a 2,000-document store.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// GETs `path` on a keep-alive connection; returns the status.
fn get(r: &mut BufReader<TcpStream>, host: &str, path: &str) -> std::io::Result<u16> {
    let req = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n");
    r.get_mut().write_all(req.as_bytes())?;
    let mut line = String::new();
    r.read_line(&mut line)?;
    let status = line
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
    let mut len = 0usize;
    loop {
        line.clear();
        r.read_line(&mut line)?;
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                len = v.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0u8; len];
    r.read_exact(&mut body)?;
    Ok(status)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(base), Some(path)) = (args.first(), args.get(1)) else {
        eprintln!("usage: hammer URL PATH [SECONDS] [CONNS] [MAX_P99_MS] [MIN_RPS]");
        std::process::exit(2);
    };
    let host = base
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let secs: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(10);
    let conns: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(32);
    let max_p99: f64 = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(50.0);
    let min_rps: f64 = args.get(5).and_then(|s| s.parse().ok()).unwrap_or(500.0);
    let started = Instant::now();
    let deadline = started + Duration::from_secs(secs);
    let handles: Vec<_> = (0..conns)
        .map(|_| {
            let (host, path) = (host.clone(), path.clone());
            std::thread::spawn(move || {
                let mut lat = Vec::new();
                let mut errors = 0usize;
                let open = || -> std::io::Result<BufReader<TcpStream>> {
                    let s = TcpStream::connect(&host)?;
                    s.set_nodelay(true)?;
                    s.set_read_timeout(Some(Duration::from_secs(30)))?;
                    Ok(BufReader::new(s))
                };
                let Ok(mut c) = open() else {
                    return (lat, 1);
                };
                while Instant::now() < deadline {
                    let t0 = Instant::now();
                    match get(&mut c, &host, &path) {
                        Ok(200) => lat.push(t0.elapsed().as_secs_f64() * 1e3),
                        Ok(_) => errors += 1,
                        Err(_) => {
                            errors += 1;
                            match open() {
                                Ok(n) => c = n,
                                Err(_) => break,
                            }
                        }
                    }
                }
                (lat, errors)
            })
        })
        .collect();
    let mut all = Vec::new();
    let mut errors = 0;
    for h in handles {
        let (l, e) = h.join().unwrap_or_default();
        all.extend(l);
        errors += e;
    }
    let wall = started.elapsed().as_secs_f64();
    all.sort_by(f64::total_cmp);
    let pct = |q: f64| {
        all.get(((all.len().max(1) - 1) as f64 * q).round() as usize)
            .copied()
            .unwrap_or(f64::NAN)
    };
    let rps = all.len() as f64 / wall;
    println!(
        "{path}: {} requests in {wall:.1} s over {conns} connections = {rps:.0}/s; p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms; {errors} errors",
        all.len(),
        pct(0.5),
        pct(0.99),
        pct(1.0)
    );
    if errors > 0 || pct(0.99) > max_p99 || rps < min_rps {
        eprintln!("hammer: FAILED (bars: p99 <= {max_p99} ms, >= {min_rps}/s, no errors)");
        std::process::exit(1);
    }
}
