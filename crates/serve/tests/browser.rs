//! The dashboard in a real headless browser (Debian's chromium driven through
//! chromedriver's WebDriver API, window 1400×900).
//!
//! On the fixture store: the graph has the expected nodes, the seed's
//! unbalanced triad is listed, the "why" panel for IRN–USA names ISIS as a
//! common enemy, clicking an event highlights its sentence and actor spans,
//! and a hostile article cannot run script.
//!
//! On the demo store (the bundled example corpus through the real
//! pipeline): the default network has at most 60 nodes and no two visible
//! labels overlap (boxes from the renderer's own layout), the time slider
//! spans exactly the documents' publication range, the event table opens on
//! the newest event, the map draws every country with events and the
//! located event places, the browser
//! console stays free of errors; a screenshot of each view is saved under
//! `target/dashboard-screenshots/`.
//!
//! Needs `chromium` and `chromium-driver` (`.ci/run` installs them and sets
//! `ENTENTE_REQUIRE_BROWSER=1`, which turns a missing browser into a failure;
//! elsewhere the tests say they skipped).

mod common;
#[path = "support/driver.rs"]
mod driver;

use common::*;
use driver::{browser_available, Driver};
use serde_json::{json, Value};

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

    // "Why this relation" for IRN–USA names ISIS as the enemy they share,
    // and its evidence sentences open their article.
    d.js("document.getElementById('why-a').value = 'IRN'; document.getElementById('why-b').value = 'USA'; document.getElementById('why-c').value = ''; document.getElementById('why-panel').dataset.loaded = ''; return null");
    d.click("#why-go");
    d.wait_js(
        "return document.getElementById('why-panel').dataset.loaded === 'IRN USA' || null",
        "why panel",
    );
    let why = d.js("return document.querySelector('#why-text .why-main').textContent");
    let why = why.as_str().unwrap_or("");
    assert!(
        why.contains("IRN and USA share an enemy (ISIS:"),
        "why panel says: {why}"
    );
    assert!(why.contains("while their own tie is negative"), "{why}");
    let evidence = d.js(
        "return [...document.querySelectorAll('#why-evidence .evidence')].map(e => e.textContent)",
    );
    let evidence = evidence.as_array().cloned().unwrap_or_default();
    assert!(
        evidence.iter().any(|e| e.as_str().is_some_and(
            |t| t.contains("Khamenei has ruled out cooperating with the US to tackle ISIS.")
        )),
        "evidence: {evidence:?}"
    );
    d.click("#why-evidence .evidence");
    d.wait_js("const s = document.querySelector('#article-text .hl-sentence'); return s && (document.querySelectorAll('#article-text .hl-source').length > 0) || null", "evidence opens its article");

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
    let errors = d.console_errors();
    assert!(errors.is_empty(), "browser console errors: {errors:?}");
}

/// The documents' publication range, read from the store directly.
fn store_doc_range(db: &str) -> (String, String) {
    let mut store = entente_store::open(db).expect("store");
    let docs = store.documents(100_000, 0).expect("documents");
    let dates: Vec<String> = docs
        .iter()
        .filter_map(|d| d.date.as_deref())
        .filter(|d| d.len() >= 10)
        .map(|d| d[..10].to_string())
        .collect();
    (
        dates.iter().min().cloned().expect("dated documents"),
        dates.iter().max().cloned().expect("dated documents"),
    )
}

/// The newest event date among events dated near their document (within 90
/// days of publication; farther ones are historical references).
fn store_newest_event(db: &str) -> String {
    use chrono::NaiveDate;
    let mut store = entente_store::open(db).expect("store");
    let docs = store.documents(100_000, 0).expect("documents");
    let day = |s: &str| NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok();
    let published: std::collections::HashMap<String, NaiveDate> = docs
        .iter()
        .filter_map(|d| Some((d.id.clone(), day(d.date.as_deref()?)?)))
        .collect();
    let rows = store
        .events(&entente_store::EventFilter::default())
        .expect("events");
    rows.iter()
        .filter_map(|r| {
            let d = day(r.date.as_deref()?)?;
            let p = published.get(&r.doc_id)?;
            ((d - *p).num_days().abs() <= 90).then_some(d)
        })
        .max()
        .expect("dated events")
        .to_string()
}

fn scroll_to(d: &Driver, id: &str) {
    d.js(&format!(
        "const e = document.getElementById('{id}'); window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 48); return null"
    ));
    std::thread::sleep(std::time::Duration::from_millis(150));
}

#[test]
fn dashboard_on_the_demo_corpus_is_readable() {
    if !browser_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
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

    // The network: at most 60 nodes by default, and no two visible labels
    // overlap (label boxes as the renderer laid them out, in pixels).
    let net = d.js(
        "const cy = window.entente.cy;
         const opt = { includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false };
         const vis = cy.nodes().filter(n => !n.hasClass('nolabel') && n.style('label') !== '');
         const boxes = vis.map(n => [n.id(), n.renderedBoundingBox(opt)]);
         const clash = [];
         for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
           const [a, p] = boxes[i], [b, q] = boxes[j];
           if (p.x1 < q.x2 && q.x1 < p.x2 && p.y1 < q.y2 && q.y1 < p.y2) clash.push(a + '/' + b);
         }
         return { nodes: cy.nodes().length, labelled: vis.length, widths: boxes.map(b => b[1].w),
                  clash, top: Number(document.getElementById('top-n').value) };",
    );
    eprintln!("network: {net}");
    let nodes = net["nodes"].as_u64().unwrap_or(0);
    assert!((10..=60).contains(&nodes), "default network nodes: {net}");
    assert_eq!(net["top"], 40);
    assert_eq!(net["clash"], json!([]), "overlapping labels: {net}");
    let labelled = net["labelled"].as_u64().unwrap_or(0);
    assert!(labelled >= 10, "too few labels shown: {net}");
    assert!(
        net["widths"]
            .as_array()
            .is_some_and(|w| w.iter().all(|x| x.as_f64().unwrap_or(0.0) > 0.0)),
        "label boxes have no width: {net}"
    );

    // The slider spans exactly the documents' publication range.
    let (from, to) = store_doc_range(&db);
    let slider = d.js(
        "const sl = document.getElementById('slider'), t = window.entente.timeline;
         return { from: sl.dataset.from, to: sl.dataset.to, first: t.items[0].start,
                  last: t.items[t.items.length - 1].end, stops: t.items.length,
                  max: Number(sl.max), by: t.by };",
    );
    eprintln!("slider: {slider}");
    assert_eq!(
        (slider["from"].as_str(), slider["to"].as_str()),
        (Some(from.as_str()), Some(to.as_str())),
        "{slider}"
    );
    assert_eq!(
        (slider["first"].as_str(), slider["last"].as_str()),
        (Some(from.as_str()), Some(to.as_str())),
        "{slider}"
    );
    assert_eq!(
        slider["max"].as_u64().map(|m| m + 1),
        slider["stops"].as_u64()
    );

    // The event table opens on the newest event.
    let first = d.js("const r = document.querySelector('#events tbody tr'); return { date: r.dataset.date, historical: r.classList.contains('historical') }");
    assert_eq!(
        first["date"].as_str(),
        Some(store_newest_event(&db).as_str()),
        "{first}"
    );
    assert_eq!(first["historical"], false);

    // The map draws every country that has events in the window.
    let map = d.js(
        "const shapes = new Set([...document.querySelectorAll('#map path.country')].map(p => p.dataset.code));
         const drawn = new Set([...document.querySelectorAll('#map path.has-events')].map(p => p.dataset.code));
         const codes = window.entente.mapCountries.map(c => c.code);
         return { countries: codes.length, shapes: shapes.size, drawn: drawn.size,
                  places: window.entente.mapPlaces.length,
                  circles: document.querySelectorAll('#map circle.place').length,
                  missing: codes.filter(c => shapes.has(c) && !drawn.has(c)),
                  no_shape: codes.filter(c => !shapes.has(c)) };",
    );
    eprintln!("map: {map}");
    assert_eq!(map["missing"], json!([]), "{map}");
    assert!(map["drawn"].as_u64().unwrap_or(0) >= 10, "{map}");
    // Event places the gazetteer locates are drawn as points.
    assert!(map["places"].as_u64().unwrap_or(0) >= 1, "{map}");
    assert_eq!(map["circles"], map["places"], "{map}");

    // Quote marks once.
    let quotes =
        d.js("return [...document.querySelectorAll('#quotes .quote')].map(q => q.textContent)");
    for q in quotes.as_array().into_iter().flatten() {
        let q = q.as_str().unwrap_or("");
        assert!(
            q.starts_with('\u{201c}') && !q[3..].starts_with(['"', '\u{201c}']),
            "quote marks doubled: {q:?}"
        );
    }

    // "Why" for IRN–USA on the seed article (part of the demo corpus).
    d.js("document.getElementById('why-a').value = 'IRN'; document.getElementById('why-b').value = 'USA'; document.getElementById('why-panel').dataset.loaded = ''; return null");
    d.click("#why-go");
    d.wait_js(
        "return document.getElementById('why-panel').dataset.loaded === 'IRN USA' || null",
        "why panel",
    );
    let why = d.js("return document.querySelector('#why-text .why-main').textContent");
    eprintln!("why: {why}");
    // The panel states the dyad in words. Whether ISIS is the enemy IRN and
    // USA share on the demo corpus depends on the event coder keeping the
    // seed's asserted US airstrikes on ISIS, which the learned decision
    // currently drops (confidence 0.06 < 0.1; see crates/events/tests/seed.rs,
    // ignored row): the panel's logic for a shared enemy is asserted on a
    // fixture in dashboard_api.rs and on the small store above. Here: a
    // sentence about the pair, and, when the store holds a shared enemy, that
    // it comes first.
    let w = why.as_str().unwrap_or("");
    assert!(w.starts_with("IRN and USA "), "{why}");
    let enemies = d.js(
        "return fetch('/api/why?a=IRN&b=USA').then(r => r.json()).then(j => (j.common_enemies || []).length)",
    );
    if enemies.as_u64().unwrap_or(0) > 0 {
        assert!(w.starts_with("IRN and USA share an enemy ("), "{why}");
    }

    // A screenshot of each view.
    let mut shots = Vec::new();
    scroll_to(&d, "network-panel");
    shots.push(d.screenshot("1-network-and-why"));
    scroll_to(&d, "map-panel");
    shots.push(d.screenshot("2-map-and-dyad"));
    scroll_to(&d, "triads-panel");
    shots.push(d.screenshot("3-triads"));
    scroll_to(&d, "events-panel");
    shots.push(d.screenshot("4-events"));
    scroll_to(&d, "quotes-panel");
    shots.push(d.screenshot("5-quotes"));
    // Centred first: the sticky time bar would take a click at the top edge.
    d.js("document.querySelector('#why-evidence .evidence').scrollIntoView({ block: 'center' }); return null");
    d.click("#why-evidence .evidence");
    d.wait_js(
        "return document.querySelector('#article-text .hl-sentence') !== null || null",
        "article",
    );
    shots.push(d.screenshot("6-article"));
    eprintln!("screenshots: {shots:?}");

    let errors = d.console_errors();
    assert!(errors.is_empty(), "browser console errors: {errors:?}");
}
