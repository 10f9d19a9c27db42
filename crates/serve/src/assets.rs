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

const ASSETS: &[Asset] = &[
    Asset {
        path: "app.js",
        mime: "text/javascript; charset=utf-8",
        body: include_bytes!("../assets/app.js"),
    },
    Asset {
        path: "app.css",
        mime: "text/css; charset=utf-8",
        body: include_bytes!("../assets/app.css"),
    },
    Asset {
        path: "vendor/cytoscape.min.js",
        mime: "text/javascript; charset=utf-8",
        body: include_bytes!("../assets/vendor/cytoscape.min.js"),
    },
    Asset {
        path: "vendor/uPlot.iife.min.js",
        mime: "text/javascript; charset=utf-8",
        body: include_bytes!("../assets/vendor/uPlot.iife.min.js"),
    },
    Asset {
        path: "vendor/uPlot.min.css",
        mime: "text/css; charset=utf-8",
        body: include_bytes!("../assets/vendor/uPlot.min.css"),
    },
    Asset {
        path: "vendor/LICENSE-cytoscape",
        mime: "text/plain; charset=utf-8",
        body: include_bytes!("../assets/vendor/LICENSE-cytoscape"),
    },
    Asset {
        path: "vendor/LICENSE-uPlot",
        mime: "text/plain; charset=utf-8",
        body: include_bytes!("../assets/vendor/LICENSE-uPlot"),
    },
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
