//! The store → analysis glue: loading, and the in-memory event listing
//! agreeing with the store's own filtered query.

mod common;

use entente_analysis::DedupParams;
use entente_serve::relations;
use entente_store::EventFilter;

#[test]
fn in_memory_listing_matches_the_store() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = common::fixture_db(dir.path());
    let mut store = entente_store::open(&db).expect("store");
    let rel = relations::load(store.as_mut(), &DedupParams::default()).expect("load");
    assert_eq!(rel.records.len(), 6);
    assert_eq!(rel.rows.len(), 6);
    let f = |g: fn(&mut EventFilter)| {
        let mut x = EventFilter::default();
        g(&mut x);
        x
    };
    let filters = [
        EventFilter::default(),
        f(|x| x.actor = Some("IRN".into())),
        f(|x| x.actor = Some("irngov".into())),
        f(|x| x.dyad = Some(("USA".into(), "IRN".into()))),
        f(|x| {
            x.dyad = Some(("USA".into(), "IRN".into()));
            x.directed = true;
        }),
        f(|x| x.code = Some("11".into())),
        f(|x| x.from = Some("2014-09-24".into())),
        f(|x| x.to = Some("2014-09-24".into())),
        f(|x| x.modalities = vec!["asserted".into()]),
        f(|x| x.modalities = vec!["negated".into()]),
        f(|x| {
            x.limit = Some(2);
            x.offset = 3;
        }),
        // Date ranges and actor prefixes together (the in-memory listing
        // narrows both through indexes).
        f(|x| {
            x.from = Some("2014-09-01".into());
            x.to = Some("2014-09-30".into());
            x.actor = Some("usa".into());
        }),
        f(|x| {
            x.dyad = Some(("irn".into(), "usagov".into()));
            x.to = Some("2014-12-31".into());
        }),
        f(|x| x.from = Some("2015".into())),
        f(|x| x.to = Some("2014".into())),
        f(|x| {
            x.actor = Some("I".into());
            x.offset = 1;
            x.limit = Some(3);
        }),
        f(|x| x.actor = Some("ZZZ".into())),
    ];
    for filter in &filters {
        let want = store.events(filter).expect("query");
        let got: Vec<_> = rel.filter_rows(filter).into_iter().cloned().collect();
        assert_eq!(got, want, "{filter:?}");
    }
    // The doc id of the hostile page, to filter on.
    let doc = rel.rows[0].doc_id.clone();
    let by_doc = EventFilter {
        doc_id: Some(doc),
        ..EventFilter::default()
    };
    assert_eq!(
        rel.filter_rows(&by_doc)
            .into_iter()
            .cloned()
            .collect::<Vec<_>>(),
        store.events(&by_doc).expect("query")
    );
}

#[test]
fn outlet_is_the_url_host() {
    assert_eq!(
        relations::url_host("https://www.bbc.co.uk/news/x?y").as_deref(),
        Some("bbc.co.uk")
    );
    assert_eq!(
        relations::url_host("http://user@example.org:8080/").as_deref(),
        Some("example.org")
    );
    assert_eq!(relations::url_host(""), None);
    assert_eq!(relations::split_mention_id("ab:cd:12"), Some(("ab:cd", 12)));
}
