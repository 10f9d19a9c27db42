//! The dashboard in a real headless browser (Debian's chromium driven through
//! chromedriver's WebDriver API): the graph has the expected nodes, the seed's
//! unbalanced triad is listed, clicking an event highlights its sentence and
//! actor spans, and a hostile article cannot run script.
//!
//! Needs `chromium` and `chromium-driver` (`.ci/run` installs them and sets
//! `ENTENTE_REQUIRE_BROWSER=1`, which turns a missing browser into a failure;
//! elsewhere the test says it skipped).

mod common;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use serde_json::{json, Value};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// Flags chromium needs on this kind of machine (root, no GPU, no network).
pub const CHROME_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1400,1100",
];

/// Kills the chromedriver we started (by its handle) when the test ends.
struct Driver {
    child: Child,
    url: String,
    session: Option<String>,
}

impl Drop for Driver {
    fn drop(&mut self) {
        if let Some(s) = self.session.take() {
            let _ = http("DELETE", &format!("{}/session/{s}", self.url), &[], None);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Driver {
    fn start() -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let url = format!("http://127.0.0.1:{port}");
        let mut d = Driver {
            child,
            url,
            session: None,
        };
        let t0 = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                t0.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": CHROMIUM, "args": CHROME_FLAGS}
        }}});
        let v = d.call("POST", "/session", Some(caps));
        d.session = Some(
            v["sessionId"]
                .as_str()
                .unwrap_or_else(|| panic!("no session: {v}"))
                .to_string(),
        );
        d
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let body = body.map(|b| b.to_string());
        let (st, text) = http(method, &format!("{}{path}", self.url), &[], body.as_deref());
        let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        assert!(st < 300, "WebDriver {method} {path}: {st} {text}");
        v["value"].clone()
    }

    fn s(&self, path: &str) -> String {
        format!("/session/{}{path}", self.session.as_deref().unwrap_or(""))
    }

    fn go(&self, url: &str) {
        self.call("POST", &self.s("/url"), Some(json!({ "url": url })));
    }

    fn js(&self, script: &str) -> Value {
        self.call(
            "POST",
            &self.s("/execute/sync"),
            Some(json!({ "script": script, "args": [] })),
        )
    }

    fn wait_js(&self, script: &str, what: &str) -> Value {
        let t0 = Instant::now();
        loop {
            let v = self.js(script);
            if !v.is_null() && v != json!(false) {
                return v;
            }
            assert!(
                t0.elapsed() < Duration::from_secs(30),
                "timed out waiting for {what}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn click(&self, css: &str) {
        let v = self.call(
            "POST",
            &self.s("/element"),
            Some(json!({ "using": "css selector", "value": css })),
        );
        let id = v
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no element {css}"))
            .to_string();
        self.call(
            "POST",
            &self.s(&format!("/element/{id}/click")),
            Some(json!({})),
        );
    }
}

fn browser_available() -> bool {
    let ok = std::path::Path::new(CHROMEDRIVER).exists() && std::path::Path::new(CHROMIUM).exists();
    if !ok {
        assert!(
            std::env::var_os("ENTENTE_REQUIRE_BROWSER").is_none(),
            "ENTENTE_REQUIRE_BROWSER is set but chromium/chromium-driver are not installed"
        );
        eprintln!("skipped: install chromium and chromium-driver to run the browser test");
    }
    ok
}

#[test]
fn dashboard_graph_triads_click_highlight_and_hostile_page() {
    if !browser_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let db = fixture_db(dir.path());
    let srv = entente_serve::Background::start(&db, None).expect("server");
    let d = Driver::start();
    d.go(&format!("{}/", srv.url()));
    let ready = d.wait_js("return document.body.dataset.ready || null", "dashboard");
    assert_eq!(
        ready,
        "true",
        "dashboard failed: {}",
        d.js("return document.getElementById('status').textContent")
    );

    // The graph holds exactly the actors of the fixture events.
    let nodes = d.js("return window.entente.cy.nodes().map(n => n.id()).sort()");
    assert_eq!(nodes, json!(["GBR", "IMGMUSISI", "IRN", "USA"]));
    let neg = d.js("return window.entente.cy.edges('[sign = \"negative\"]').length");
    assert_eq!(neg, 3);
    // The seed's unbalanced triad is listed with its three edges.
    let triad = d.js("const li = document.querySelector('#triads li[data-nodes=\"IMGMUSISI IRN USA\"]'); return li ? li.querySelectorAll('.edge').length : 0");
    assert_eq!(triad, 3);

    // Clicking an event opens its article with its sentence highlighted.
    let want = d.js("return document.querySelector('#events tbody tr td.sentence').title");
    d.click("#events tbody tr");
    let got = d.wait_js("const s = document.querySelector('#article-text .hl-sentence'); return s ? s.parentNode.textContent.length && [...document.querySelectorAll('#article-text .hl-sentence')].map(x => x.textContent).join('') : null", "highlight");
    assert_eq!(got, want, "the highlighted text is the event's sentence");
    let spans = d.js("return [document.querySelectorAll('#article-text .hl-source').length, document.querySelectorAll('#article-text .hl-target').length, document.querySelector('#events tbody tr.selected') !== null]");
    assert_eq!(
        spans[0].as_u64().map(|n| n > 0),
        Some(true),
        "source span highlighted"
    );
    assert_eq!(
        spans[1].as_u64().map(|n| n > 0),
        Some(true),
        "target span highlighted"
    );
    assert_eq!(spans[2], true);

    // The hostile article: shown as text, nothing runs, no elements injected.
    d.js("window.__pwned = undefined; return null");
    let row = d.js("const r = [...document.querySelectorAll('#events tbody tr')].find(r => r.querySelector('td.sentence').title.includes('<b>bold</b>')); if (r) r.setAttribute('id', 'hostile-row'); return !!r");
    assert_eq!(row, true, "hostile event listed");
    d.click("#hostile-row");
    d.wait_js("return document.getElementById('article-text').textContent.includes('said the US') || null", "hostile article");
    let check = d.js("const t = document.getElementById('article-text'); return { pwned: window.__pwned === undefined ? null : window.__pwned, injected: t.querySelectorAll('script, img, b').length + document.querySelectorAll('body img').length, text: t.textContent, title: document.getElementById('article-title').textContent }");
    assert_eq!(check["pwned"], Value::Null, "script ran: {check}");
    assert_eq!(check["injected"], 0, "markup became elements: {check}");
    assert!(
        check["text"].as_str().unwrap_or("").contains(HOSTILE),
        "{check}"
    );
    assert_eq!(check["title"], "<img src=x onerror=\"window.__pwned = 3\">");
}
