//! Behaviour of deduplication, dyad series, the signed network and balance
//! on hand-built event mentions.

use chrono::NaiveDate;
use entente_analysis::balance::{balance, balance_over_time, common_enemies, triads};
use entente_analysis::{
    cluster, dyad_series, signed_network, DedupParams, Direction, EdgeSign, EventRecord,
    Granularity, NetworkParams, TriadKind,
};
use entente_core::{ActorCode, CameoCode, Modality};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// One mention; Goldstein and quad class follow the CAMEO root.
#[allow(clippy::too_many_arguments)]
fn rec(
    id: i64,
    doc: &str,
    outlet: &str,
    src: &str,
    tgt: &str,
    cameo: &str,
    date: &str,
    sentence: &str,
) -> EventRecord {
    let cameo: CameoCode = cameo.parse().expect("test code");
    let goldstein = match cameo.root() {
        1 | 2 => 0.0,
        3..=5 => 3.5,
        6..=8 => 6.0,
        9..=13 => -4.0,
        _ => -9.5,
    };
    EventRecord {
        id: format!("{id:03}"),
        doc_id: doc.into(),
        outlet: Some(outlet.into()),
        sentence: id as u32,
        source: Some(ActorCode::new(src)),
        target: Some(ActorCode::new(tgt)),
        source_name: None,
        target_name: None,
        quad_class: cameo.quad_class(),
        cameo,
        plover_type: None,
        goldstein,
        modality: Modality::Asserted,
        date: Some(day(date)),
        place: None,
        trigger: String::new(),
        sentence_text: sentence.into(),
    }
}

#[test]
fn one_event_reported_by_many_outlets_is_one_event() {
    let mut recs = Vec::new();
    for (i, outlet) in ["reuters", "ap", "bbc", "ap"].iter().enumerate() {
        let mut r = rec(
            i as i64 + 1,
            &format!("doc{i}"),
            outlet,
            "USAMIL",
            "IMGMUSISI",
            "195",
            if i < 2 { "2014-09-23" } else { "2014-09-24" },
            "US warplanes launched 14 airstrikes on Islamic State targets in Syria",
        );
        r.trigger = "launched airstrikes".into();
        r.place = Some("Syria".into());
        recs.push(r);
    }
    // A different event: same dyad and root, but weeks later.
    recs.push(rec(
        10,
        "doc9",
        "bbc",
        "USA",
        "IMGMUSISI",
        "190",
        "2014-10-20",
        "US warplanes launched airstrikes on Islamic State targets near Kobani",
    ));
    // Same day, same dyad, but a different kind of event (statement, root 01).
    recs.push(rec(
        11,
        "doc0",
        "reuters",
        "USA",
        "IMGMUSISI",
        "010",
        "2014-09-23",
        "US warplanes launched 14 airstrikes on Islamic State targets in Syria",
    ));
    let events = cluster(&recs, &DedupParams::default());
    assert_eq!(events.len(), 3, "{events:#?}");
    let big = events
        .iter()
        .find(|e| e.members.len() > 1)
        .expect("a merged event");
    assert_eq!(big.members, ["001", "002", "003", "004"]);
    assert_eq!(big.docs, 4);
    assert_eq!(big.sources, 3, "ap twice is one independent source");
    assert_eq!(big.date, Some(day("2014-09-23")));
    assert_eq!(big.date_end, Some(day("2014-09-24")));
    assert_eq!(big.source_node.as_deref(), Some("USA"));
    assert_eq!(big.place.as_deref(), Some("Syria"));
    // Every mention lands in exactly one event.
    let total: usize = events.iter().map(|e| e.members.len()).sum();
    assert_eq!(total, recs.len());
}

#[test]
fn dedup_keeps_apart_different_words_places_and_modalities() {
    let a = rec(
        1,
        "d1",
        "x",
        "IRN",
        "USA",
        "111",
        "2014-09-20",
        "Rouhani described the US-led coalition against ISIS as ridiculous",
    );
    let b = rec(
        2,
        "d2",
        "y",
        "IRNGOV",
        "USA",
        "112",
        "2014-09-21",
        "Tehran accused Washington of violating the nuclear accord sanctions terms",
    );
    let mut c = a.clone();
    c.id = "003".into();
    c.doc_id = "d3".into();
    c.modality = Modality::Hypothetical;
    let mut p1 = a.clone();
    p1.id = "004".into();
    p1.doc_id = "d4".into();
    p1.place = Some("Paris".into());
    let mut p2 = a.clone();
    p2.id = "005".into();
    p2.doc_id = "d5".into();
    p2.place = Some("New York".into());
    let events = cluster(&[a, b, c, p1, p2], &DedupParams::default());
    // a and p1 merge (a has no place), p2 cannot join a cluster holding Paris;
    // b shares too few words; c has another modality.
    assert_eq!(events.len(), 4, "{events:#?}");
    let merged = events
        .iter()
        .find(|e| e.members.len() == 2)
        .expect("merged");
    assert_eq!(merged.members, ["001", "004"]);
}

#[test]
fn a_joint_event_coded_both_ways_is_one_event() {
    let s = "Rouhani and Obama had a historic direct phone call";
    let mut a = rec(1, "d1", "x", "IRNGOV", "USAGOV", "041", "2014-09-20", s);
    let mut b = rec(2, "d1", "x", "USAGOV", "IRNGOV", "041", "2014-09-20", s);
    // The same words in another sentence of the article, one way only.
    let mut c = rec(3, "d1", "x", "USAGOV", "IRNGOV", "041", "2014-09-20", s);
    c.sentence = 9;
    a.sentence = 0;
    b.sentence = 0;
    // A one-way event between them of another kind stays apart.
    let mut d = rec(4, "d1", "x", "IRNGOV", "USAGOV", "111", "2014-09-20", s);
    d.sentence = 0;
    let events = cluster(&[a, b, c, d], &DedupParams::default());
    assert_eq!(events.len(), 3, "{events:#?}");
    assert!(events.iter().any(|e| e.members == ["001", "002"]));
}

#[test]
fn mentions_with_an_unknown_side_only_merge_within_a_sentence() {
    let s = "people contributed to the interpretation of the data";
    let mut a = rec(1, "d1", "x", "USA", "IRN", "070", "2020-01-01", s);
    let mut b = rec(2, "d1", "x", "USA", "IRN", "070", "2020-01-01", s);
    a.target = None;
    b.target = None;
    let events = cluster(&[a.clone(), b.clone()], &DedupParams::default());
    assert_eq!(events.len(), 2, "different sentences, unknown target");
    b.sentence = a.sentence;
    assert_eq!(cluster(&[a, b], &DedupParams::default()).len(), 1);
}

#[test]
fn undated_mentions_only_merge_within_their_article() {
    let mut a = rec(
        1,
        "d1",
        "x",
        "USA",
        "IRN",
        "040",
        "2014-09-20",
        "Obama and Rouhani held a phone call",
    );
    let mut b = a.clone();
    b.id = "002".into();
    b.sentence = 7;
    let mut c = a.clone();
    c.id = "003".into();
    c.doc_id = "d2".into();
    a.date = None;
    b.date = None;
    c.date = None;
    let events = cluster(&[a, b, c], &DedupParams::default());
    assert_eq!(events.len(), 2);
    assert!(events.iter().any(|e| e.members == ["001", "002"]));
}

#[test]
fn dyad_series_by_month_counts_events_not_mentions() {
    let s = "Iran and the United States talked about the nuclear programme";
    let recs = vec![
        rec(1, "d1", "a", "IRN", "USA", "040", "2014-09-02", s),
        rec(2, "d2", "b", "IRN", "USA", "040", "2014-09-02", s), // same event
        rec(
            3,
            "d3",
            "a",
            "USA",
            "IRN",
            "111",
            "2014-09-15",
            "Washington criticised Tehran over missile tests",
        ),
        rec(
            4,
            "d4",
            "a",
            "IRN",
            "USA",
            "190",
            "2014-11-03",
            "Iranian boats fired on a US drone in the Gulf",
        ),
        rec(
            5,
            "d5",
            "a",
            "IRN",
            "GBR",
            "040",
            "2014-10-03",
            "Iran and Britain talked",
        ),
    ];
    let mut hypo = rec(
        6,
        "d6",
        "a",
        "IRN",
        "USA",
        "060",
        "2014-10-10",
        "Iran may cooperate with the US",
    );
    hypo.modality = Modality::Hypothetical;
    let mut all = recs.clone();
    all.push(hypo);
    let events = cluster(&all, &DedupParams::default());

    let und = dyad_series(
        &events,
        "IRN",
        "USA",
        Granularity::Month,
        Direction::Undirected,
        false,
    );
    let labels: Vec<&str> = und.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(
        labels,
        ["2014-09", "2014-10", "2014-11"],
        "gap month is filled"
    );
    assert_eq!(und[0].counts.events, 2);
    assert_eq!(und[0].counts.mentions, 3);
    assert_eq!(und[0].counts.quad, [0, 1, 0, 1, 0]);
    assert_eq!(und[0].net_cooperation, Some(0.0));
    assert_eq!(und[1].counts.events, 0, "hypothetical excluded by default");
    assert_eq!(und[2].net_cooperation, Some(-1.0));
    assert!((und[2].counts.goldstein_sum + 9.5).abs() < 1e-6);

    let dir = dyad_series(
        &events,
        "IRN",
        "USA",
        Granularity::Month,
        Direction::Directed,
        false,
    );
    assert_eq!(dir.iter().map(|p| p.counts.events).sum::<usize>(), 2);

    let with_all = dyad_series(
        &events,
        "IRN",
        "USA",
        Granularity::Month,
        Direction::Undirected,
        true,
    );
    assert_eq!(with_all[1].counts.events, 1);

    let weeks = dyad_series(
        &events,
        "IRN",
        "USA",
        Granularity::Week,
        Direction::Undirected,
        false,
    );
    assert_eq!(weeks[0].label, "2014-W36");
    assert_eq!(weeks[0].start, day("2014-09-01"), "weeks start on Monday");
}

/// The seed article's structure: Iran and the US both fight ISIS, and still
/// quarrel with each other.
fn seed_like() -> Vec<EventRecord> {
    let mut v = vec![
        rec(
            1,
            "seed",
            "memo",
            "IRNGOV",
            "IMGMUSISI",
            "111",
            "2014-09-25",
            "Rouhani has been virulently critical of the militant group",
        ),
        rec(
            2,
            "seed",
            "memo",
            "USAMIL",
            "IMGMUSISI",
            "195",
            "2014-09-23",
            "US launched at least 14 airstrikes in Syria at ISIS targets",
        ),
        rec(
            3,
            "seed",
            "memo",
            "IRNGOV",
            "USA",
            "111",
            "2014-09-18",
            "Rouhani described the US-led coalition against ISIS as ridiculous",
        ),
        rec(
            4,
            "seed",
            "memo",
            "IRNGOV",
            "USA",
            "112",
            "2014-09-24",
            "Rouhani told journalists that the strikes were illegal",
        ),
        rec(
            5,
            "seed",
            "memo",
            "IRNGOV",
            "USA",
            "128",
            "2014-09-25",
            "Khamenei has ruled out cooperating with the US to tackle ISIS",
        ),
        rec(
            6,
            "seed",
            "memo",
            "USAGOV",
            "IRN",
            "031",
            "2014-09-22",
            "the US informed Iran in advance of its intention to strike ISIS in Syria",
        ),
        // Britain talks with Iran: a positive edge that closes no triad.
        rec(
            7,
            "seed",
            "memo",
            "GBRGOV",
            "IRNGOV",
            "040",
            "2014-09-24",
            "Rouhani met British Prime Minister David Cameron",
        ),
    ];
    v[0].source_name = Some("Hassan Rouhani".into());
    v[1].target_name = Some("Islamic State".into());
    v
}

#[test]
fn seed_scenario_reports_the_unbalanced_triad_with_its_events() {
    let events = cluster(&seed_like(), &DedupParams::default());
    assert_eq!(events.len(), 7, "distinct events stay distinct");
    let net = signed_network(&events, &NetworkParams::default());
    let sign = |a, b| net.edge(a, b).map(|e| e.sign);
    assert_eq!(sign("IRN", "IMGMUSISI"), Some(EdgeSign::Negative));
    assert_eq!(sign("USA", "IMGMUSISI"), Some(EdgeSign::Negative));
    assert_eq!(sign("IRN", "USA"), Some(EdgeSign::Negative));
    assert_eq!(sign("GBR", "IRN"), Some(EdgeSign::Positive));
    let irn_usa = net.edge("USA", "IRN").expect("edge");
    assert_eq!(irn_usa.counts.events, 4);
    assert_eq!(
        (irn_usa.a.as_str(), irn_usa.a_to_b, irn_usa.b_to_a),
        ("IRN", 3, 1)
    );
    assert!((irn_usa.weight + 0.5).abs() < 1e-6, "1 coop vs 3 conflict");
    let isis = net
        .nodes
        .iter()
        .find(|n| n.id == "IMGMUSISI")
        .expect("node");
    assert_eq!(isis.name.as_deref(), Some("Islamic State"));

    let report = balance(&net, None);
    assert_eq!(report.triads, 1);
    assert_eq!(report.balanced, 0);
    assert_eq!(report.balance_index, Some(0.0));
    let t = &report.unbalanced[0];
    assert_eq!(t.nodes, ["IMGMUSISI", "IRN", "USA"]);
    assert_eq!(t.kind, TriadKind::NonePositive);
    assert_eq!(t.evidence, 1);
    // The events behind each edge are there to drill down to.
    let ids: Vec<Vec<String>> = t
        .edges
        .iter()
        .map(|e| {
            let mut v = e.event_ids.clone();
            v.sort();
            v
        })
        .collect();
    assert_eq!(
        ids,
        [vec!["001"], vec!["002"], vec!["003", "004", "005", "006"]]
    );

    // Iran shares ISIS as an enemy with the US, and (the US) with ISIS.
    let ce = common_enemies(&net, "IRN", None);
    let pairs: Vec<(&str, &str)> = ce
        .iter()
        .map(|c| (c.other.as_str(), c.enemy.as_str()))
        .collect();
    assert_eq!(pairs.len(), 2, "{pairs:?}");
    assert!(pairs.contains(&("USA", "IMGMUSISI")));
    assert!(pairs.contains(&("IMGMUSISI", "USA")));
    assert!(ce.iter().all(|c| c.between == Some(EdgeSign::Negative)));
    let with_usa = common_enemies(&net, "IRN", Some("USA"));
    assert_eq!(with_usa.len(), 1);
    assert_eq!(with_usa[0].enemy, "IMGMUSISI");
    assert!(common_enemies(&net, "IRN", Some("GBR")).is_empty());
    assert!(balance(&net, Some("GBR")).unbalanced.is_empty());

    let json = serde_json::to_value(&report).expect("serialises");
    assert_eq!(json["unbalanced"][0]["kind"], "---");
}

#[test]
fn balance_classifies_all_four_kinds_and_ranks_by_evidence() {
    // Nodes A..E; build edges with chosen signs and multiplicities.
    let mut recs = Vec::new();
    let mut id = 0;
    let mut edge = |a: &str, b: &str, positive: bool, n: usize| {
        for k in 0..n {
            id += 1;
            recs.push(rec(
                id,
                &format!("d{id}"),
                &format!("o{id}"),
                a,
                b,
                if positive { "057" } else { "173" },
                &format!("2015-0{}-1{}", 1 + k % 9, k % 10),
                &format!("unique sentence number {id} about {a} {b}"),
            ));
        }
    };
    edge("AAA", "BBB", true, 3);
    edge("AAA", "CCC", true, 2);
    edge("BBB", "CCC", true, 2); // ABC +++
    edge("AAA", "DDD", false, 2);
    edge("BBB", "DDD", false, 2); // ABD +-- balanced
    edge("CCC", "DDD", true, 5); // ACD: + + - => ++- ; BCD: + - + => ++-
    edge("DDD", "EEE", false, 1);
    edge("CCC", "EEE", false, 1);
    let events = cluster(&recs, &DedupParams::default());
    assert_eq!(events.len(), recs.len());
    let net = signed_network(&events, &NetworkParams::default());
    let all = triads(&net, None);
    let kinds: Vec<(String, TriadKind)> = all.iter().map(|t| (t.nodes.join(""), t.kind)).collect();
    assert!(kinds.contains(&("AAABBBCCC".into(), TriadKind::AllPositive)));
    assert!(kinds.contains(&("AAABBBDDD".into(), TriadKind::OnePositive)));
    assert!(kinds.contains(&("AAACCCDDD".into(), TriadKind::TwoPositive)));
    assert!(kinds.contains(&("CCCDDDEEE".into(), TriadKind::OnePositive)));
    assert_eq!(all.len(), 5);
    let r = balance(&net, None);
    assert_eq!(r.by_kind["++-"], 2);
    assert_eq!(r.balanced, 3);
    assert_eq!(r.balance_index, Some(0.6));
    // Both ++- triads have evidence 2; ACD has more events in total.
    assert_eq!(r.unbalanced[0].nodes.join(""), "AAACCCDDD");
    assert_eq!(r.unbalanced_total, 2);
    let top1 = entente_analysis::balance::balance_top(&net, None, 1);
    assert_eq!((top1.unbalanced.len(), top1.unbalanced_total), (1, 2));
    assert_eq!(top1.unbalanced[0].nodes, r.unbalanced[0].nodes);
    assert_eq!(top1.balance_index, r.balance_index);
    let only_e = balance(&net, Some("EEE"));
    assert_eq!(only_e.triads, 1);
}

#[test]
fn windows_and_balance_over_time() {
    let mut recs = seed_like();
    // In October, Iran and the US cooperate a lot: the triad becomes +--.
    for i in 0..5 {
        recs.push(rec(
            100 + i,
            &format!("oct{i}"),
            "wire",
            "USA",
            "IRN",
            "061",
            &format!("2014-10-0{}", i + 1),
            [
                "joint naval patrol",
                "shared intelligence report",
                "aid convoy escorted",
                "border crossing reopened",
                "prisoner exchange done",
            ][i as usize],
        ));
    }
    let events = cluster(&recs, &DedupParams::default());
    let sept = signed_network(
        &events,
        &NetworkParams {
            to: Some(day("2014-09-30")),
            ..NetworkParams::default()
        },
    );
    assert_eq!(
        sept.edge("IRN", "USA").map(|e| e.sign),
        Some(EdgeSign::Negative)
    );
    let both = signed_network(&events, &NetworkParams::default());
    assert_eq!(
        both.edge("IRN", "USA").map(|e| e.sign),
        Some(EdgeSign::Positive)
    );
    let per_month = balance_over_time(&events, Granularity::Month, &NetworkParams::default());
    assert_eq!(per_month.len(), 2);
    assert_eq!(per_month[0].balance_index, Some(0.0));
    assert_eq!(per_month[1].triads, 0, "October has no ISIS events");
    let min2 = signed_network(
        &events,
        &NetworkParams {
            min_events: 2,
            ..NetworkParams::default()
        },
    );
    assert!(min2.edge("IRN", "IMGMUSISI").is_none());
}

#[test]
fn granularity_parses_and_rejects() {
    assert_eq!(
        "Month".parse::<Granularity>().ok(),
        Some(Granularity::Month)
    );
    assert!("fortnight".parse::<Granularity>().is_err());
}

#[test]
fn a_tie_between_cooperation_and_conflict_is_a_neutral_edge() {
    let recs = vec![
        rec(
            1,
            "d1",
            "a",
            "AAA",
            "BBB",
            "057",
            "2015-01-01",
            "alpha signs a treaty with beta",
        ),
        rec(
            2,
            "d2",
            "a",
            "AAA",
            "BBB",
            "173",
            "2015-01-02",
            "alpha arrests beta diplomats",
        ),
        rec(
            3,
            "d3",
            "a",
            "AAA",
            "CCC",
            "173",
            "2015-01-02",
            "alpha arrests gamma diplomats",
        ),
        rec(
            4,
            "d4",
            "a",
            "BBB",
            "CCC",
            "173",
            "2015-01-02",
            "beta arrests gamma diplomats",
        ),
    ];
    let net = signed_network(
        &cluster(&recs, &DedupParams::default()),
        &NetworkParams::default(),
    );
    let ab = net.edge("AAA", "BBB").expect("edge");
    assert_eq!((ab.sign, ab.weight), (EdgeSign::Neutral, 0.0));
    assert_eq!(ab.counts.events, 2);
    assert_eq!(
        balance(&net, None).triads,
        0,
        "a neutral edge closes no triad"
    );
}

#[test]
fn reciprocal_codings_of_one_sentence_keep_both_sides() {
    // "A and B held a phone call" coded both ways: one event, A→B, never A→A.
    let text = "Rouhani and Obama had a phone call.";
    let mut a = rec(
        1,
        "d1",
        "memo",
        "IRNGOV",
        "USAGOV",
        "041",
        "2014-09-01",
        text,
    );
    let mut b = rec(
        2,
        "d1",
        "memo",
        "USAGOV",
        "IRNGOV",
        "041",
        "2014-09-01",
        text,
    );
    a.sentence = 0;
    b.sentence = 0;
    let events = cluster(&[a, b], &DedupParams::default());
    assert_eq!(events.len(), 1, "{events:#?}");
    let e = &events[0];
    assert_eq!(e.members.len(), 2);
    assert_ne!(e.source, e.target, "{e:#?}");
    assert_eq!(e.source.as_ref().map(|c| c.as_str()), Some("IRNGOV"));
    assert_eq!(e.target.as_ref().map(|c| c.as_str()), Some("USAGOV"));
}
