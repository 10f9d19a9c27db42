//! `entente serve`: the JSON API and the web dashboard; `--screenshot` saves
//! a picture of the dashboard (headless Debian chromium) and exits.

use std::net::SocketAddr;
use std::process::{Command, ExitCode};
use std::time::Duration;

use anyhow::Context;
use entente_analysis::DedupParams;
use entente_serve::{Background, ServeConfig};

use super::common::DbArgs;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub db: DbArgs,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Bearer token for write endpoints (without one they are refused).
    #[arg(long, env = "ENTENTE_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// A host name the server may be addressed by (its `Host` header),
    /// besides localhost and IP addresses; repeatable. Other names are
    /// refused, so that a web page elsewhere cannot read this server through
    /// DNS rebinding.
    #[arg(long = "allow-host", value_name = "NAME")]
    pub allow_hosts: Vec<String>,
    /// Size limit of the response cache in MB (responses computed from the
    /// loaded events, by normalised query; 0 turns it off).
    #[arg(long, value_name = "MB", default_value_t = 64)]
    pub cache_mb: usize,
    /// Save a PNG of the dashboard to this file and exit (needs chromium).
    #[arg(long, value_name = "PNG")]
    pub screenshot: Option<String>,
    /// Browser for --screenshot.
    #[arg(long, default_value = "/usr/bin/chromium")]
    pub chromium: String,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(png) = &args.screenshot {
        return screenshot(&args, png);
    }
    let db = args.db.db.clone();
    // Announced once the store is loaded and the port is bound.
    entente_serve::serve_blocking_ready(
        ServeConfig {
            db: args.db.db.clone(),
            addr: args.addr,
            token: args.token.clone(),
            dedup: DedupParams::default(),
            allowed_hosts: args.allow_hosts.clone(),
            cache_bytes: args.cache_mb.saturating_mul(1 << 20),
        },
        |addr| {
            eprintln!(
                "entente: serving {db} on http://{addr} (API description at /api/openapi.json)"
            )
        },
    )
    .with_context(|| format!("cannot serve {}", args.db.db))?;
    Ok(ExitCode::SUCCESS)
}

fn screenshot(args: &Args, png: &str) -> anyhow::Result<ExitCode> {
    let srv = Background::start(&args.db.db, None)?;
    let out = std::path::absolute(png)?;
    // --virtual-time-budget lets the page's fetches and drawing finish
    // before the picture is taken.
    let status = Command::new(&args.chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--window-size=1400,2200",
            "--virtual-time-budget=15000",
        ])
        .arg(format!("--screenshot={}", out.display()))
        .arg(format!("{}/", srv.url()))
        .status()
        .with_context(|| format!("cannot run {}", args.chromium))?;
    drop(srv);
    std::thread::sleep(Duration::from_millis(50));
    anyhow::ensure!(
        status.success() && out.exists(),
        "chromium failed ({status})"
    );
    eprintln!("entente: dashboard screenshot saved to {}", out.display());
    Ok(ExitCode::SUCCESS)
}
