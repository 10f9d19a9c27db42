//! The API reads behind the dashboard, over a store filled through the
//! store's own API: timeline over the documents' range, top-N and split
//! networks, the map's counts, actor search, "why", and the event table's
//! order, filters and downloads.

mod common;

use common::*;
use entente_core::Modality;
use entente_serve::Background;
use serde_json::json;

/// The fixtures plus an article from 2014-10-20 that recalls a 1979 event
/// (a historical reference) and reports a new one.
fn server() -> (tempfile::TempDir, Background) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.sqlite").to_string_lossy().into_owned();
    let mut store = entente_store::open(&path).expect("store");
    let mut recall = doc(
        "Embassy anniversary",
        "https://example.org/anniversary",
        "2014-10-20",
        &[
            "In 1979 Iranian students seized the US embassy in Tehran.",
            "Britain praised Iran for the talks.",
        ],
    );
    event(
        &mut recall,
        0,
        ("Iranian students", "IRNEDU"),
        "seized",
        ("US embassy", "USAGOV"),
        "181",
        -9.0,
        Modality::Asserted,
        "1979-11-04",
    );
    event(
        &mut recall,
        1,
        ("Britain", "GBR"),
        "praised",
        ("Iran", "IRN"),
        "051",
        3.4,
        Modality::Asserted,
        "2014-10-20",
    );
    recall.events[1].place = Some("Baghdad".into());
    store
        .put_docs(&[seed_doc(), hostile_doc(), recall])
        .expect("put");
    let srv = Background::start(&path, None).expect("server");
    (dir, srv)
}

#[test]
fn timeline_spans_the_documents_not_the_historical_dates() {
    let (_d, srv) = server();
    let (st, t) = get_json(&format!("{}/api/timeline", srv.url()));
    assert_eq!(st, 200, "{t}");
    assert_eq!(
        (t["from"].as_str(), t["to"].as_str()),
        (Some("2014-09-26"), Some("2014-10-20"))
    );
    // 25 days: day stops, every day present, the 1979 event outside.
    assert_eq!(t["by"], "day");
    let items = t["items"].as_array().expect("items");
    assert_eq!(items.len(), 25);
    assert_eq!(items[0]["start"], "2014-09-26");
    assert_eq!(items[24]["end"], "2014-10-20");
    // The seed's events of 09-19..25 are news of the range, 1979 is not.
    assert_eq!(
        (t["events_from"].as_str(), t["events_to"].as_str()),
        (Some("2014-06-28"), Some("2015-01-18"))
    );
    assert_eq!(t["outside"], 1, "{t}");
    let events: u64 = items.iter().filter_map(|i| i["events"].as_u64()).sum();
    assert_eq!(events, 7);
    assert_eq!(
        items[0]["events"], 5,
        "the seed's events count in the first stop"
    );
    let docs: u64 = items.iter().filter_map(|i| i["documents"].as_u64()).sum();
    assert_eq!(docs, 3);
    let (_, m) = get_json(&format!("{}/api/timeline?by=month", srv.url()));
    assert_eq!(m["items"].as_array().map(Vec::len), Some(2));
    assert_eq!(m["items"][0]["start"], "2014-09-26");
    let (st, _) = get_json(&format!("{}/api/timeline?by=fortnight", srv.url()));
    assert_eq!(st, 400);
}

#[test]
fn events_newest_first_with_historical_mark_filters_and_downloads() {
    let (_d, srv) = server();
    let (st, v) = get_json(&format!("{}/api/events?order=newest&limit=3", srv.url()));
    assert_eq!(st, 200, "{v}");
    assert_eq!(v["total"], 8);
    let items = v["items"].as_array().expect("items");
    // The newest is the praise of 2014-10-20; the 1979 seizure, from the
    // same article, sorts by its publication and carries the mark.
    assert_eq!(items[0]["date"], "2014-10-20");
    assert_eq!(items[0]["historical"], false);
    assert_eq!(items[1]["date"], "1979-11-04");
    assert_eq!(items[1]["historical"], true);
    assert_eq!(items[1]["doc_date"], "2014-10-20");
    assert_eq!(items[2]["date"], "2014-09-27");

    let url = |q: &str| format!("{}/api/events?order=newest&{q}", srv.url());
    let (_, h) = get_json(&url("historical=false&actor=IRN"));
    assert_eq!(h["total"], 6, "{h}");
    let (_, c) = get_json(&url("code=11"));
    assert_eq!(c["total"], 2, "two 111 criticisms: {c}");
    let (_, conf) = get_json(&url("min_confidence=0.95"));
    assert_eq!(conf["total"], 0);
    let (_, p) = get_json(&url("limit=2&offset=6"));
    assert_eq!(p["items"].as_array().map(Vec::len), Some(2));
    assert_eq!(p["total"], 8);

    let (st, csv) = http("GET", &url("format=csv&actor=IRN"), &[], None);
    assert_eq!(st, 200);
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("id,canonical_id,date,doc_date,historical,source,target,cameo"));
    // A header, then every IRN row (a download ignores the page size).
    assert_eq!(lines.len(), 1 + 7, "{csv}");
    assert!(
        lines[1].contains(",2014-10-20,2014-10-20,false,GBR,IRN,051,"),
        "{csv}"
    );
    let (st, jsonl) = http("GET", &url("format=jsonl&source=IRN&target=USA"), &[], None);
    assert_eq!(st, 200);
    let rows: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    assert_eq!(rows.len(), 4, "{jsonl}");
    assert!(rows.iter().all(|r| r["trigger_span"].is_array()));
    let (st, _) = http("GET", &url("format=xml"), &[], None);
    assert_eq!(st, 400);
}

#[test]
fn csv_download_defuses_formulas_in_article_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("f.sqlite").to_string_lossy().into_owned();
    let mut store = entente_store::open(&path).expect("store");
    let mut d = doc(
        "formula",
        "https://example.org/f",
        "2014-09-26",
        &["=HYPERLINK(\"x\") Iran condemned the US."],
    );
    event(
        &mut d,
        0,
        ("Iran", "IRN"),
        "condemned",
        ("US", "USA"),
        "122",
        -2.0,
        Modality::Asserted,
        "2014-09-26",
    );
    store.put_docs(&[d]).expect("put");
    let srv = Background::start(&path, None).expect("server");
    let (_, csv) = http(
        "GET",
        &format!("{}/api/events?format=csv", srv.url()),
        &[],
        None,
    );
    assert!(
        csv.contains(",\"'=HYPERLINK(\"\"x\"\") Iran condemned the US.\"\r\n"),
        "{csv}"
    );
}

#[test]
fn network_top_n_split_and_focus() {
    let (_d, srv) = server();
    let (_, all) = get_json(&format!("{}/api/network", srv.url()));
    assert_eq!(all["nodes"].as_array().map(Vec::len), Some(4));
    let (_, top) = get_json(&format!("{}/api/network?top=2", srv.url()));
    let ids: Vec<&str> = top["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter_map(|n| n["id"].as_str())
        .collect();
    // IRN and USA have the most events.
    assert_eq!(ids, ["IRN", "USA"]);
    assert_eq!(top["total_nodes"], 4);
    assert_eq!(top["edges"].as_array().map(Vec::len), Some(1));
    let (_, f) = get_json(&format!("{}/api/network?top=2&focus=gbrgov", srv.url()));
    assert_eq!(f["nodes"].as_array().map(Vec::len), Some(3));
    let (_, split) = get_json(&format!("{}/api/network?top=40&split=true", srv.url()));
    let ids: Vec<&str> = split["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter_map(|n| n["id"].as_str())
        .collect();
    assert!(
        ids.contains(&"IRNGOV") && ids.contains(&"IRNELI"),
        "{ids:?}"
    );
    let (_, search) = get_json(&format!("{}/api/actors?q=isis", srv.url()));
    assert_eq!(search["items"][0]["id"], "IMGMUSISI");
    let (_, dy) = get_json(&format!("{}/api/dyads?actor=GBR", srv.url()));
    assert_eq!(dy["items"].as_array().map(Vec::len), Some(1), "{dy}");
}

#[test]
fn map_counts_each_country_once_per_event() {
    let (_d, srv) = server();
    let (st, m) = get_json(&format!(
        "{}/api/map?from=2014-09-01&to=2014-09-30",
        srv.url()
    ));
    assert_eq!(st, 200);
    let by: std::collections::HashMap<&str, &serde_json::Value> = m["countries"]
        .as_array()
        .expect("countries")
        .iter()
        .filter_map(|c| Some((c["code"].as_str()?, c)))
        .collect();
    // ISIS is no country; IRN has 5 September events (4 seed, 1 hostile).
    assert!(!by.contains_key("IMGMUSISI"));
    assert_eq!(by["IRN"]["events"], 5, "{m}");
    assert_eq!(by["GBR"]["events"], 1);
    assert_eq!(by["USA"]["conflict"], 4);
    assert_eq!(m["places"], json!([]));
    // October: the praise, placed in Baghdad, which the gazetteer locates.
    let (_, m) = get_json(&format!(
        "{}/api/map?from=2014-10-01&to=2014-10-31",
        srv.url()
    ));
    let place = &m["places"][0];
    assert_eq!(
        (place["place"].as_str(), place["country"].as_str()),
        (Some("Baghdad"), Some("IRQ")),
        "{m}"
    );
    let (lat, lon) = (
        place["lat"].as_f64().unwrap_or(0.0),
        place["lon"].as_f64().unwrap_or(0.0),
    );
    assert!(
        (33.0..34.0).contains(&lat) && (44.0..45.0).contains(&lon),
        "{place}"
    );
    assert_eq!(place["events"], 1);
}

#[test]
fn why_states_the_shared_enemy_with_evidence() {
    let (_d, srv) = server();
    let (st, w) = get_json(&format!(
        "{}/api/why?a=IRN&b=USA&from=2014-09-01&to=2014-09-30",
        srv.url()
    ));
    assert_eq!(st, 200, "{w}");
    let text = w["text"][0].as_str().unwrap_or("");
    assert_eq!(
        text,
        "IRN and USA share an enemy (ISIS: \u{2212}1 and \u{2212}1 net) while their own tie is negative (\u{2212}1.00, 3 events).",
    );
    assert_eq!(w["common_enemies"][0]["id"], "IMGMUSISI");
    // Evidence: the tie, then both ties to ISIS, each with its sentences.
    let ev = w["evidence"].as_array().expect("evidence");
    assert_eq!(ev.len(), 3);
    assert_eq!(ev[0]["rows"].as_array().map(Vec::len), Some(3));
    assert!(ev[1]["rows"][0]["text"]
        .as_str()
        .is_some_and(|t| t.contains("ISIS")));
    let (_, t) = get_json(&format!("{}/api/why?a=IRN&b=USA&c=ISIS", srv.url()));
    assert_eq!(t["balance"], json!(null), "ISIS is no actor code: {t}");
    let (st, _) = get_json(&format!("{}/api/why?a=IRN&b=IRNGOV", srv.url()));
    assert_eq!(st, 400);
    let (_, t) = get_json(&format!(
        "{}/api/why?a=IRN&b=USA&c=IMGMUSISI&to=2014-09-30",
        srv.url()
    ));
    assert_eq!(t["balance"], "unbalanced");
}

#[test]
fn undated_events_count_only_when_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("u.sqlite").to_string_lossy().into_owned();
    let mut store = entente_store::open(&path).expect("store");
    let mut undated = doc(
        "no date",
        "https://example.org/undated",
        "",
        &["Russia attacked Ukraine.", "Turkey criticised Syria."],
    );
    event(
        &mut undated,
        0,
        ("Russia", "RUS"),
        "attacked",
        ("Ukraine", "UKR"),
        "190",
        -10.0,
        Modality::Asserted,
        "",
    );
    // Dated from the text, in a document without a publication date: not
    // placed on the slider either.
    event(
        &mut undated,
        1,
        ("Turkey", "TUR"),
        "criticised",
        ("Syria", "SYR"),
        "111",
        -2.0,
        Modality::Asserted,
        "2014-09-20",
    );
    store.put_docs(&[seed_doc(), undated]).expect("put");
    let srv = Background::start(&path, None).expect("server");
    let nodes = |q: &str| {
        let (st, v) = get_json(&format!("{}/api/network?top=40&{q}", srv.url()));
        assert_eq!(st, 200, "{v}");
        v["nodes"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|n| n["id"].as_str().map(String::from))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let window = "from=2014-06-01&to=2014-12-31";
    assert!(!nodes(window).contains(&"RUS".to_string()));
    assert!(!nodes(window).contains(&"TUR".to_string()));
    let with = nodes(&format!("{window}&undated=true"));
    assert!(with.contains(&"RUS".to_string()) && with.contains(&"TUR".to_string()));
    assert!(
        nodes("").contains(&"RUS".to_string()),
        "unbounded counts everything"
    );
    let (_, t) = get_json(&format!("{}/api/timeline", srv.url()));
    assert_eq!(t["undated"], 2, "{t}");
    assert_eq!(t["outside"], 0, "{t}");
    let (_, m) = get_json(&format!("{}/api/map?{window}&undated=true", srv.url()));
    assert!(m["countries"]
        .as_array()
        .is_some_and(|c| c.iter().any(|c| c["code"] == "UKR")));
}

/// The response cache answers exactly what the handlers compute: the same
/// status and bytes as a server without cache, on the first request
/// and on repeated ones (also with the parameters reordered or
/// percent-encoded differently); errors are not cached.
#[test]
fn cached_responses_equal_computed_ones() {
    let (dir, cached) = server();
    let path = dir.path().join("s.sqlite").to_string_lossy().into_owned();
    let fresh = Background::start_with_cache(&path, None, 0).expect("server");
    let paths = [
        "/api/network?top=2&undated=false",
        "/api/network?from=2014-01-01&to=2014-12-31&top=40&split=true&undated=true",
        "/api/map?from=2014-01-01&to=2014-12-31&undated=false",
        "/api/why?a=IRN&b=USA",
        "/api/balance?undated=false",
        "/api/timeline",
        "/api/timeline?by=day",
        "/api/dyads?actor=GBR",
        "/api/dyads/IRN/USA?by=month",
        "/api/actors?q=ir",
        "/api/events?order=newest&limit=2",
        "/api/events?order=newest&format=csv",
    ];
    let get = |srv: &Background, p: &str| http("GET", &format!("{}{p}", srv.url()), &[], None);
    for p in paths {
        let want = get(&fresh, p);
        assert_eq!(want.0, 200, "{p}: {}", want.1);
        assert_eq!(get(&cached, p), want, "{p}, first request");
        assert_eq!(get(&cached, p), want, "{p}, from the cache");
        if let Some((path, q)) = p.split_once('?') {
            let mut parts: Vec<&str> = q.split('&').collect();
            parts.reverse();
            let reordered = format!("{path}?{}", parts.join("&")).replace('-', "%2D");
            assert_eq!(get(&cached, &reordered), want, "{reordered}");
        }
    }
    for bad in ["/api/network?from=2014-13-01", "/api/timeline?by=year"] {
        let first = get(&cached, bad);
        assert_eq!(first.0, 400, "{bad}");
        assert_eq!(get(&cached, bad), first, "{bad}");
    }
}
