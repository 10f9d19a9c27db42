//! The dashboard's static files, embedded at compile time.

use axum::extract::Path;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// Scripts only from this origin, no inline script, no plugins, no framing:
/// even if some article text slipped into markup it could not run.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

struct Asset {
    path: &'static str,
    mime: &'static str,
    body: &'static [u8],
}

const JS: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";
const JSON: &str = "application/json";
const TEXT: &str = "text/plain; charset=utf-8";

macro_rules! asset {
    ($path:literal, $mime:expr) => {
        Asset {
            path: $path,
            mime: $mime,
            body: include_bytes!(concat!("../assets/", $path)),
        }
    };
}

const ASSETS: &[Asset] = &[
    asset!("app.js", JS),
    asset!("network.js", JS),
    asset!("map.js", JS),
    asset!("why.js", JS),
    asset!("table.js", JS),
    asset!("start.js", JS),
    asset!("app.css", CSS),
    // ISO alpha-3 code of each map shape (scripts/dashboard-country-codes.py).
    asset!("country-codes.json", JSON),
    asset!("vendor/cytoscape.min.js", JS),
    asset!("vendor/uPlot.iife.min.js", JS),
    asset!("vendor/uPlot.min.css", CSS),
    asset!("vendor/d3-array.min.js", JS),
    asset!("vendor/d3-geo.min.js", JS),
    asset!("vendor/topojson-client.min.js", JS),
    asset!("vendor/countries-110m.json", JSON),
    asset!("vendor/LICENSE-cytoscape", TEXT),
    asset!("vendor/LICENSE-uPlot", TEXT),
    asset!("vendor/LICENSE-d3-array", TEXT),
    asset!("vendor/LICENSE-d3-geo", TEXT),
    asset!("vendor/LICENSE-topojson-client", TEXT),
    asset!("vendor/LICENSE-world-atlas", TEXT),
];

fn respond(mime: &'static str, body: &'static [u8]) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(mime)),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(CSP),
            ),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
        ],
        body,
    )
        .into_response()
}

/// `GET /`: the dashboard page.
pub async fn index() -> Response {
    respond(
        "text/html; charset=utf-8",
        include_bytes!("../assets/index.html"),
    )
}

/// `GET /assets/{path}`.
pub async fn asset(Path(path): Path<String>) -> Response {
    match ASSETS.iter().find(|a| a.path == path) {
        Some(a) => respond(a.mime, a.body),
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}
