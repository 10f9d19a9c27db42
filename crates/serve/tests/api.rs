//! The JSON API over a store filled through the store's own API.

mod common;

use common::*;
use entente_serve::Background;

fn server() -> (tempfile::TempDir, Background) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = fixture_db(dir.path());
    let srv = Background::start(&db, Some("s3cret".into())).expect("server");
    (dir, srv)
}

#[test]
fn balance_reports_the_seed_triad_with_its_events() {
    let (_d, srv) = server();
    let (st, v) = get_json(&format!("{}/api/balance", srv.url()));
    assert_eq!(st, 200, "{v}");
    let un = &v["balance"]["unbalanced"];
    assert_eq!(un.as_array().map(Vec::len), Some(1), "{v}");
    assert_eq!(
        un[0]["nodes"],
        serde_json::json!(["IMGMUSISI", "IRN", "USA"])
    );
    assert_eq!(un[0]["kind"], "---");
    // IRN–USA: the coalition criticism, the refusal and the hostile page's condemnation.
    let irn_usa = &un[0]["edges"][2];
    assert_eq!(
        (irn_usa["a"].as_str(), irn_usa["b"].as_str()),
        (Some("IRN"), Some("USA"))
    );
    assert_eq!(irn_usa["counts"]["events"], 3);
    let ids = irn_usa["event_ids"].as_array().expect("ids");
    // Each id resolves to its canonical event and mentions with provenance.
    let (st, ev) = get_json(&format!(
        "{}/api/canonical-events/{}",
        srv.url(),
        ids[0].as_str().unwrap_or("")
    ));
    assert_eq!(st, 200);
    assert!(ev["mentions"][0]["trigger_span"].is_array(), "{ev}");

    let (_, ce) = get_json(&format!("{}/api/balance?actor=IRNGOV&other=USA", srv.url()));
    assert_eq!(ce["common_enemies"][0]["enemy"], "IMGMUSISI");
    assert_eq!(ce["common_enemies"][0]["between"], "negative");
}

#[test]
fn events_paging_filters_and_provenance() {
    let (_d, srv) = server();
    let (st, all) = get_json(&format!("{}/api/events?limit=100", srv.url()));
    assert_eq!(st, 200);
    assert_eq!(all["items"].as_array().map(Vec::len), Some(6));
    let (_, p1) = get_json(&format!("{}/api/events?limit=4", srv.url()));
    let (_, p2) = get_json(&format!("{}/api/events?limit=4&offset=4", srv.url()));
    assert_eq!(p1["items"].as_array().map(Vec::len), Some(4));
    assert_eq!(p2["items"].as_array().map(Vec::len), Some(2));
    assert_ne!(p1["items"][0]["id"], p2["items"][0]["id"]);
    let (_, usa) = get_json(&format!(
        "{}/api/events?source=USA&target=IMG&directed=true",
        srv.url()
    ));
    let items = usa["items"].as_array().expect("items");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["cameo"], "195");
    assert!(items[0]["canonical_id"].is_string());
    let (st, bad) = get_json(&format!("{}/api/events?from=yesterday", srv.url()));
    assert_eq!(st, 400);
    assert!(bad["error"].as_str().unwrap_or("").contains("YYYY-MM-DD"));
}

#[test]
fn documents_quotes_dyads_network_and_openapi() {
    let (_d, srv) = server();
    let (_, docs) = get_json(&format!("{}/api/documents", srv.url()));
    let id = docs["items"][0]["id"].as_str().expect("id").to_string();
    let (st, doc) = get_json(&format!("{}/api/documents/{id}", srv.url()));
    assert_eq!(st, 200);
    assert!(doc["document"]["text"].is_string() && doc["sentences"].is_array());
    let (st, _) = get_json(&format!("{}/api/documents/nope", srv.url()));
    assert_eq!(st, 404);

    let (_, q) = get_json(&format!("{}/api/quotes?actor=USA", srv.url()));
    assert_eq!(q["items"][0]["speaker_name"], "John Kerry");

    let (_, d) = get_json(&format!("{}/api/dyads/IRN/USA?by=month", srv.url()));
    assert_eq!(d["series"][0]["label"], "2014-09");
    assert_eq!(d["series"][0]["quad"][3], 3);
    let (st, _) = get_json(&format!("{}/api/dyads/IRN/USA?by=year", srv.url()));
    assert_eq!(st, 400);

    let (_, n) = get_json(&format!("{}/api/network?to=2014-09-20", srv.url()));
    assert_eq!(
        n["edges"].as_array().map(Vec::len),
        Some(1),
        "only the 19 Sept event: {n}"
    );

    let (st, spec) = get_json(&format!("{}/api/openapi.json", srv.url()));
    assert_eq!(st, 200);
    for p in [
        "/api/events",
        "/api/network",
        "/api/balance",
        "/api/dyads/{a}/{b}",
        "/api/quotes",
        "/api/documents/{id}",
        "/api/dedup",
    ] {
        assert!(spec["paths"][p].is_object(), "{p} missing from OpenAPI");
    }
}

#[test]
fn writes_need_the_token() {
    let (_d, srv) = server();
    let url = format!("{}/api/dedup", srv.url());
    assert_eq!(http("POST", &url, &[], None).0, 401);
    assert_eq!(
        http("POST", &url, &[("Authorization", "Bearer wrong")], None).0,
        401
    );
    let (st, body) = http("POST", &url, &[("Authorization", "Bearer s3cret")], None);
    assert_eq!(st, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(v["mentions"], 6);
    // The canonical events are now in the store: the report counts them.
    let (_, rep) = get_json(&format!("{}/api/report", srv.url()));
    assert_eq!(rep["events"], v["events"]);
    // Reads stay open, and the dashboard is served with a strict CSP.
    let (st, html) = http("GET", &format!("{}/", srv.url()), &[], None);
    assert_eq!(st, 200);
    assert!(html.contains("/assets/app.js"));
}
