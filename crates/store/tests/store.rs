//! The store test-suite. Every check is a function over `&mut dyn Store`, run
//! against a real SQLite file (and a real PostgreSQL server when
//! `ENTENTE_TEST_POSTGRES` holds a connection URL).

use entente_core::*;
use entente_store::{CanonicalEvent, EventFilter, QuoteFilter, Store};

fn fixture(n: usize) -> Doc {
    let body = format!(
        "Iran condemned the US strikes on day {n}. \"They are illegal,\" said Rouhani.\n\nThe talks went on."
    );
    let mut doc = Doc::new(Article {
        source: format!("fixture-{n}.txt"),
        url: Some(format!("https://example.org/{n}")),
        title: Some(format!("Iran and the US, part {n}")),
        date: Some("2014-09-25".into()),
        section: Some("World".into()),
        canonical_url: Some(format!("https://example.org/world/{n}")),
        body,
        ..Article::default()
    });
    // Two sentences of the body, one of the title.
    let t = doc.text.clone();
    let title_end = t.find("\n\n").unwrap();
    let s1_start = doc.body_start as usize;
    let s1_end = t.find(" \"They").unwrap();
    let s2_end = t.find("Rouhani.").unwrap() + "Rouhani.".len();
    let s3_start = t.find("The talks").unwrap();
    for (a, b) in [
        (0, title_end),
        (s1_start, s1_end),
        (s1_end + 1, s2_end),
        (s3_start, t.len()),
    ] {
        doc.sentences.push(Sentence {
            span: Span::new(a, b),
            token_start: 0,
            token_end: 0,
        });
    }
    let iran = t[s1_start..].find("Iran").unwrap() + s1_start;
    let us = t[s1_start..].find("US").unwrap() + s1_start;
    doc.mentions.push(Mention {
        sentence: 1,
        span: Span::new(iran, iran + 4),
        token_start: 0,
        token_end: 1,
        kind: MentionKind::Name,
        code: Some(ActorCode::new("IRNGOV")),
        actor: Some("Iran".into()),
        antecedent: None,
        rule: "kb:IRN".into(),
    });
    doc.mentions.push(Mention {
        sentence: 1,
        span: Span::new(us, us + 2),
        token_start: 2,
        token_end: 3,
        kind: MentionKind::Name,
        code: Some(ActorCode::new("USA")),
        actor: Some("United States".into()),
        antecedent: None,
        rule: "kb:USA".into(),
    });
    let trig = t.find("condemned").unwrap();
    doc.events.push(Event {
        sentence: 1,
        source: Some(ActorCode::new("IRNGOV")),
        target: Some(ActorCode::new("USA")),
        cameo: "122".parse().unwrap(),
        plover_type: Some("DISAPPROVE".into()),
        plover_mode: None,
        plover_context: None,
        goldstein: -2.0,
        quad_class: QuadClass::VerbalConflict,
        modality: Modality::Asserted,
        date: EventDate::parse_iso("2014-09-25"),
        place: None,
        trigger_span: Span::new(trig, trig + 9),
        source_span: Some(Span::new(iran, iran + 4)),
        target_span: Some(Span::new(us, us + 2)),
        source_mention: Some(0),
        target_mention: Some(1),
        confidence: 0.9,
        rule: "test".into(),
    });
    if n == 2 {
        // Events with an unidentified side: stored, but no dyad of the report.
        let mut unknown_country = doc.events[0].clone();
        unknown_country.source = Some(ActorCode::new("---GOV"));
        unknown_country.source_mention = None;
        let mut one_sided = doc.events[0].clone();
        one_sided.target = None;
        one_sided.target_mention = None;
        one_sided.target_span = None;
        doc.events.push(unknown_country);
        doc.events.push(one_sided);
    }
    let q = t.find("They are").unwrap();
    doc.quotes.push(Quote {
        sentence: 2,
        quote: "They are illegal,".into(),
        quote_spans: vec![Span::new(q, q + 17)],
        kind: QuoteType::Direct,
        speaker: Some("Rouhani".into()),
        speaker_span: None,
        speaker_actor: Some(ActorRef {
            name: "Hassan Rouhani".into(),
            code: Some(ActorCode::new("IRNGOV")),
        }),
        speaker_mention: None,
        cue: Some("say".into()),
        cue_span: None,
        cue_class: Some("say".into()),
        anonymous: false,
        anonymous_inferred: None,
        outlet: None,
        hedge: None,
        events: Vec::new(),
    });
    doc
}

fn suite(store: &mut dyn Store) {
    let docs: Vec<Doc> = (0..3).map(fixture).collect();
    assert_eq!(store.put_docs(&docs).unwrap(), 3);
    // Idempotent: the same documents again add nothing.
    assert_eq!(store.put_docs(&docs).unwrap(), 0);
    let known = store
        .known_ids(&[docs[0].id.clone(), DocId("nope".into())])
        .unwrap();
    assert_eq!(known, vec![docs[0].id.clone()]);

    store.put_warning("bad.jsonl:3", "malformed JSON").unwrap();
    store.put_warning("bad.jsonl:3", "malformed JSON").unwrap();

    let r = store.report(5).unwrap();
    assert_eq!(
        (
            r.documents,
            r.sentences,
            r.mentions,
            r.event_mentions,
            r.quotes,
            r.warnings
        ),
        (3, 12, 6, 5, 3, 1)
    );
    assert_eq!(
        r.top_dyads,
        vec![("IRNGOV".to_string(), "USA".to_string(), 3)]
    );
    assert_eq!(r.top_speakers[0], ("Hassan Rouhani".to_string(), 3));

    // Filters: dyad in either direction, actor prefix, code prefix, dates.
    let f = |dyad: Option<(&str, &str)>, directed: bool| EventFilter {
        dyad: dyad.map(|(a, b)| (a.to_string(), b.to_string())),
        directed,
        ..EventFilter::default()
    };
    assert_eq!(
        store.events(&f(Some(("USA", "IRN")), false)).unwrap().len(),
        3
    );
    assert_eq!(
        store.events(&f(Some(("USA", "IRN")), true)).unwrap().len(),
        0
    );
    let ev = store
        .events(&EventFilter {
            actor: Some("IRN".into()),
            code: Some("12".into()),
            ..Default::default()
        })
        .unwrap();
    // Three IRNGOV→USA events and the one-sided IRNGOV event of fixture 2.
    assert_eq!(ev.len(), 4);
    let e = &ev[0];
    // Provenance: the sentence text and the trigger span point at the words.
    let (doc, sents) = store.document(&e.doc_id).unwrap().unwrap();
    assert_eq!(
        &doc.text[e.trigger_span[0] as usize..e.trigger_span[1] as usize],
        "condemned"
    );
    assert_eq!(sents[e.sentence as usize].text, e.text);
    assert!(e.text.starts_with("Iran condemned"));
    assert!(doc.source.starts_with("fixture-"), "{}", doc.source);
    assert_eq!(doc.section.as_deref(), Some("World"));
    assert!(doc
        .canonical_url
        .as_deref()
        .is_some_and(|u| u.starts_with("https://example.org/world/")));
    // Sources are a set: recording one twice keeps one row; another is added.
    let d0 = docs[0].id.clone();
    store
        .put_sources(&[
            (d0.clone(), "fixture-0.txt".into()),
            (d0.clone(), "a-copy.jsonl:7".into()),
        ])
        .unwrap();
    assert_eq!(
        store.document(d0.as_str()).unwrap().unwrap().0.source,
        "a-copy.jsonl:7"
    );
    assert_eq!(e.entente_version, VERSION);
    let none = store
        .events(&EventFilter {
            from: Some("2015-01-01".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(none.is_empty());
    let paged = store
        .events(&EventFilter {
            limit: Some(2),
            offset: 4,
            ..Default::default()
        })
        .unwrap();
    // Five event mentions: the third page holds one.
    assert_eq!(paged.len(), 1);

    let quotes = store
        .quotes(&QuoteFilter {
            actor: Some("IRN".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(quotes.len(), 3);
    assert_eq!(quotes[0].kind, "direct");
    assert_eq!(quotes[0].quote, "They are illegal,");
    assert_eq!(store.mentions(&docs[1].id.0).unwrap().len(), 2);
    assert_eq!(store.documents(10, 0).unwrap().len(), 3);
    assert!(store.document("missing").unwrap().is_none());

    // Canonical events: one cluster holding all three mentions.
    let ce = CanonicalEvent {
        id: "ev1".into(),
        source: Some("IRNGOV".into()),
        target: Some("USA".into()),
        cameo: "122".into(),
        plover_type: None,
        goldstein: -2.0,
        quad_class: 3,
        modality: "asserted".into(),
        date: Some("2014-09-25".into()),
        place: None,
        mentions: 3,
        documents: 3,
        sources: 1,
    };
    let members: Vec<(String, u32, String)> = docs
        .iter()
        .map(|d| (d.id.0.clone(), 0, "ev1".to_string()))
        .collect();
    store
        .replace_canonical_events(std::slice::from_ref(&ce), &members)
        .unwrap();
    store
        .replace_canonical_events(std::slice::from_ref(&ce), &members)
        .unwrap();
    assert_eq!(store.report(5).unwrap().events, 1);
    assert_eq!(
        store.canonical_events(&EventFilter::default()).unwrap(),
        vec![ce]
    );
    // The three clustered mentions point at their canonical event; the two
    // extra events of fixture 2 belong to no cluster.
    let ev = store.events(&EventFilter::default()).unwrap();
    assert_eq!(
        ev.iter()
            .filter(|e| e.event_id.as_deref() == Some("ev1"))
            .count(),
        3
    );
    assert!(ev
        .iter()
        .all(|e| e.event_id.is_none() || e.event_id.as_deref() == Some("ev1")));
}

#[test]
fn sqlite_suite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut store = entente_store::open(path.to_str().unwrap()).unwrap();
    suite(store.as_mut());
    // Reopening runs no migration twice and keeps the data.
    drop(store);
    let mut store = entente_store::open(path.to_str().unwrap()).unwrap();
    assert_eq!(store.report(1).unwrap().documents, 3);
}

#[test]
fn sqlite_unwritable_path_is_an_error() {
    let err = entente_store::open("/nonexistent-dir/x/y.db")
        .err()
        .expect("must fail");
    assert!(err.to_string().contains("/nonexistent-dir/x/y.db"), "{err}");
}

/// A fresh, empty PostgreSQL database on the test server, or `None` when no
/// server is configured (then the test is skipped, unless
/// `ENTENTE_REQUIRE_POSTGRES` is set, as in CI).
pub fn fresh_pg_database(tag: &str) -> Option<String> {
    let Ok(url) = std::env::var("ENTENTE_TEST_POSTGRES") else {
        assert!(
            std::env::var_os("ENTENTE_REQUIRE_POSTGRES").is_none(),
            "ENTENTE_REQUIRE_POSTGRES is set but ENTENTE_TEST_POSTGRES is not"
        );
        eprintln!("skipping PostgreSQL test: ENTENTE_TEST_POSTGRES is not set");
        return None;
    };
    let name = format!("entente_{tag}_{}", std::process::id());
    let mut admin =
        postgres::Client::connect(&url, postgres::NoTls).expect("connect to test server");
    admin
        .batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
        .unwrap();
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap();
    let base = url
        .rsplit_once('/')
        .map(|(b, _)| b.to_string())
        .unwrap_or(url);
    Some(format!("{base}/{name}"))
}

#[test]
fn postgres_suite() {
    let Some(url) = fresh_pg_database("suite") else {
        return;
    };
    let mut store = entente_store::open(&url).unwrap();
    suite(store.as_mut());
    drop(store);
    let mut store = entente_store::open(&url).unwrap();
    assert_eq!(store.report(1).unwrap().documents, 3);
}

fn claims(store: &mut dyn Store) {
    let ids: Vec<DocId> = (0..4).map(|i| DocId(format!("d{i}"))).collect();
    assert_eq!(store.claim(&ids, "w1", 1000, 60).unwrap().len(), 4);
    // Live claims are not handed to another worker…
    assert!(store.claim(&ids, "w2", 1030, 60).unwrap().is_empty());
    // …until they time out (a crashed worker's).
    assert_eq!(store.claim(&ids[..2], "w2", 1100, 60).unwrap().len(), 2);
    // Storing a document releases its claim.
    let doc = fixture(9);
    assert_eq!(
        store
            .claim(std::slice::from_ref(&doc.id), "w3", 1100, 60)
            .unwrap()
            .len(),
        1
    );
    store.put_docs(std::slice::from_ref(&doc)).unwrap();
    assert_eq!(
        store
            .claim(std::slice::from_ref(&doc.id), "w4", 1101, 60)
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn sqlite_claims() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = entente_store::open(dir.path().join("c.db").to_str().unwrap()).unwrap();
    claims(store.as_mut());
}

#[test]
fn postgres_claims() {
    let Some(url) = fresh_pg_database("claims") else {
        return;
    };
    let mut store = entente_store::open(&url).unwrap();
    claims(store.as_mut());
}

#[test]
fn sqlite_concurrent_first_opens_migrate_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("race.db").to_string_lossy().into_owned();
    let handles: Vec<_> = (0..6)
        .map(|_| {
            let p = path.clone();
            std::thread::spawn(move || {
                entente_store::open(&p)
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap().unwrap();
    }
    assert_eq!(
        entente_store::open(&path)
            .unwrap()
            .report(1)
            .unwrap()
            .documents,
        0
    );
}
