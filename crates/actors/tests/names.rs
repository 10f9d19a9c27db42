//! Names as people write them: possessors scope institutions, titles before
//! lower-case or all-caps names, spelling variants of full names.

mod common;

use common::annotate;

/// (text of the mention, code) for every mention with a code.
fn coded(text: &str, date: &str) -> Vec<(String, String)> {
    let doc = annotate(text, Some(date));
    doc.mentions
        .iter()
        .map(|m| {
            (
                doc.slice(m.span).to_string(),
                m.code.as_ref().map(|c| c.to_string()).unwrap_or_default(),
            )
        })
        .collect()
}

fn code_of(text: &str, date: &str, mention: &str) -> String {
    let all = coded(text, date);
    all.iter()
        .find(|(t, _)| t.contains(mention))
        .map(|(_, c)| c.clone())
        .unwrap_or_else(|| panic!("no mention {mention:?} in {all:?}"))
}

#[test]
fn possessor_scopes_an_institution() {
    let d = "2021-06-01";
    assert!(code_of("Rwanda's Senate approved the law on Monday.", d, "Senate").starts_with("RWA"));
    assert!(code_of(
        "The Iraqi parliament voted against the deal.",
        d,
        "parliament"
    )
    .starts_with("IRQ"));
    assert!(code_of("Kenya's parliament passed the budget.", d, "parliament").starts_with("KEN"));
    assert!(code_of("The Senate of Nigeria rejected the bill.", d, "Senate").starts_with("NGA"));
}

#[test]
fn titles_before_lower_case_and_all_caps_names() {
    assert_eq!(
        code_of("President obama met the press.", "2014-09-25", "obama"),
        "USAGOV"
    );
    assert_eq!(
        code_of(
            "MS. PSAKI: We have nothing to announce.",
            "2021-06-01",
            "PSAKI"
        ),
        "USAGOV"
    );
    assert_eq!(
        code_of(
            "Sec. Blinken arrived in Kyiv on Tuesday.",
            "2022-06-01",
            "Blinken"
        ),
        "USAGOV"
    );
}

#[test]
fn full_names_misspelt_by_one_letter() {
    let c = code_of(
        "Ayatollah Ali Khamanei warned the United States.",
        "2014-09-25",
        "Khamanei",
    );
    assert_eq!(c, "IRNGOV");
    let c = code_of(
        "Prime Minister Jacinda Arden spoke in Wellington.",
        "2020-01-01",
        "Arden",
    );
    assert_eq!(c, "NZLGOV");
}

#[test]
fn wikidata_office_holders_are_found_in_text() {
    let c = code_of(
        "Ghana's President Nana Akufo-Addo visited Lagos.",
        "2020-01-01",
        "Akufo-Addo",
    );
    assert_eq!(c, "GHAGOV");
    let c = code_of(
        "Gabriel Boric said the reform would pass.",
        "2022-06-01",
        "Boric",
    );
    assert_eq!(c, "CHLGOV");
}

#[test]
fn gazetteer_places_resolve_to_countries() {
    let kb = common::actors().kb();
    let g = entente_actors::places::Gazetteer::embedded();
    assert!(g.len() > 30_000, "{} places", g.len());
    use entente_actors::places::PlacePrecision::*;
    for (name, country, precision) in [
        ("Anbar", "IRQ", Region),
        ("Anbar province", "IRQ", Region),
        ("Latakia", "SYR", City),
        ("Irbil", "IRQ", City),
        ("Erbil", "IRQ", City),
        ("Bandar Abbas", "IRN", City),
        ("Mombasa", "KEN", City),
        ("Cusco", "PER", City),
        ("Syria", "SYR", Country),
        ("Tigray", "ETH", Region),
    ] {
        let p = g
            .resolve(kb, name)
            .unwrap_or_else(|| panic!("{name} not found"));
        assert_eq!(
            (p.country.as_str(), p.precision),
            (country, precision),
            "{name}"
        );
        if precision == City {
            assert!(p.lat.is_some() && p.lon.is_some());
        }
    }
    assert!(g.resolve(kb, "Xqzzyville").is_none());
}

#[test]
fn coverage_counts_people_and_places() {
    let doc = annotate(
        "Rochelle Walensky spoke in Irbil on Monday. Zorbo Quaxley met her in Flimzytown. \
         Walensky then flew to Anbar.",
        Some("2021-06-01"),
    );
    let mut c = entente_actors::coverage::Coverage::default();
    c.add(
        common::actors(),
        entente_actors::places::Gazetteer::embedded(),
        &doc,
    );
    assert_eq!((c.place_resolved, c.place_mentions), (2, 3), "{c:?}");
    assert_eq!((c.person_resolved, c.person_mentions), (2, 3), "{c:?}");
    assert_eq!(
        c.top_unknown("place", 5),
        vec![("Flimzytown".to_string(), 1)]
    );
}

#[test]
fn unknown_people_take_their_role_and_affiliation_from_an_apposition() {
    let d = "2025-03-01";
    let text = "Zorbo Quaxley, an Iranian journalist, said the talks failed. Quaxley left.";
    let doc = annotate(text, Some(d));
    let codes: Vec<_> = doc
        .mentions
        .iter()
        .filter(|m| doc.slice(m.span).contains("Quaxley"))
        .map(|m| m.code.as_ref().map(|c| c.to_string()).unwrap_or_default())
        .collect();
    assert_eq!(codes.len(), 2, "{:?}", doc.mentions);
    assert!(codes.iter().all(|c| c.starts_with("IRN")), "{codes:?}");
    let c = code_of(
        "Marta Vlinsky, a lawmaker from Kenya, rejected the plan.",
        d,
        "Vlinsky",
    );
    assert!(c.starts_with("KEN"), "{c}");
    // A second person after the comma is no apposition.
    let doc = annotate("Marta Vlinsky, Barack Obama and others met.", Some(d));
    let m = doc
        .mentions
        .iter()
        .find(|m| doc.slice(m.span).contains("Vlinsky"))
        .unwrap();
    assert!(
        m.code
            .as_ref()
            .is_none_or(|c| c.as_str().starts_with("---")),
        "{m:?}"
    );
}

#[test]
fn event_places_get_country_coordinates_and_precision() {
    use entente_core::Annotator;
    let g = entente_actors::places::Gazetteer::embedded();
    let p = g.resolve_place("Syria").unwrap();
    assert_eq!(
        (p.country.as_str(), p.precision.as_str()),
        ("SYR", "country")
    );
    let p = g.resolve_place("Anbar").unwrap();
    assert_eq!(
        (p.country.as_str(), p.precision.as_str()),
        ("IRQ", "region")
    );
    // The stage fills one entry per event.
    let mut doc = annotate(
        "Turkey bombed Kurdish militants near Irbil.",
        Some("2015-03-01"),
    );
    doc.events.push(entente_core::Event {
        sentence: 0,
        source: None,
        target: None,
        cameo: "190".parse().unwrap(),
        plover_type: None,
        plover_mode: None,
        plover_context: None,
        goldstein: -10.0,
        quad_class: entente_core::QuadClass::MaterialConflict,
        modality: entente_core::Modality::Asserted,
        date: None,
        place: Some("Irbil".into()),
        trigger_span: doc.tokens[1].span,
        source_span: None,
        target_span: None,
        source_mention: None,
        target_mention: None,
        confidence: 1.0,
        rule: "test".into(),
    });
    entente_actors::places::EventPlaces
        .annotate(&mut doc)
        .unwrap();
    let p = doc.event_places[0].as_ref().unwrap();
    assert_eq!((p.country.as_str(), p.precision.as_str()), ("IRQ", "city"));
    assert!(p.lat.is_some_and(|x| (x - 36.19).abs() < 0.1));
}
