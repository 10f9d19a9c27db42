//! Unknown people take the role and affiliation the article gives them
//! (appositions, relative clauses, "of"/"from" affiliations, words before
//! the name), and every mention of the same person follows. Sentences
//! written for these tests.

mod common;

use common::annotate;

/// Code of the first mention whose text contains `mention` (`-` if none).
fn code_of(doc: &entente_core::Doc, mention: &str) -> String {
    doc.mentions
        .iter()
        .find(|m| doc.slice(m.span).contains(mention))
        .map(|m| m.code.as_ref().map_or("-".to_string(), |c| c.to_string()))
        .unwrap_or_else(|| panic!("no mention {mention:?}"))
}

/// Codes of every mention whose text is exactly `mention`.
fn codes_of(doc: &entente_core::Doc, mention: &str) -> Vec<String> {
    doc.mentions
        .iter()
        .filter(|m| doc.slice(m.span) == mention)
        .map(|m| m.code.as_ref().map_or("-".to_string(), |c| c.to_string()))
        .collect()
}

const D: &str = "2025-03-01";

#[test]
fn apposition_gives_country_and_sector_and_the_surname_follows() {
    let doc = annotate(
        "\"The vote was unfair,\" said Dariusz Wolnicki, a Polish opposition lawmaker. \
         Wolnicki told reporters he would appeal.",
        Some(D),
    );
    let c = code_of(&doc, "Dariusz Wolnicki");
    assert!(c.starts_with("POL") && c.contains("LEG"), "{c}");
    assert_eq!(codes_of(&doc, "Wolnicki"), vec![c]);
}

#[test]
fn based_compound_and_relative_clause() {
    let doc = annotate(
        "The plan failed, said Oren Talmiel, vice chairman of the Germany-based Center for Arid Studies. \
         Mirela Sandoval, who heads Peru's water ministry, disagreed.",
        Some(D),
    );
    assert_eq!(code_of(&doc, "Oren Talmiel"), "DEU");
    assert!(code_of(&doc, "Mirela Sandoval").starts_with("PER"));
}

#[test]
fn affiliation_after_of_with_its_own_apposition() {
    let doc = annotate(
        "\"This will not last,\" said Halil Korkmazer of the Bosphorus Policy Forum, a think tank in Ankara.",
        Some(D),
    );
    assert!(code_of(&doc, "Halil Korkmazer").starts_with("TUR"));
}

#[test]
fn words_before_the_name() {
    let doc = annotate(
        "Kenyan presidential adviser Wambui Odhiambo met Nigerian counterpart Chidi Okafor on Monday. \
         Jakarta-based activist Rina Hartono joined them.",
        Some(D),
    );
    assert_eq!(code_of(&doc, "Wambui Odhiambo"), "KENGOV");
    assert!(code_of(&doc, "Chidi Okafor").starts_with("NGA"));
    assert_eq!(code_of(&doc, "Rina Hartono"), "IDNOPP");
    let doc = annotate(
        "United Nations-appointed special rapporteur Tomas Lindqvist was barred from the country.",
        Some(D),
    );
    assert!(code_of(&doc, "Tomas Lindqvist").starts_with("IGOUNO"));
}

#[test]
fn a_surname_before_the_full_name_is_the_same_person() {
    let doc = annotate(
        "Mbeki, a 70-year-old Zambian national, was arrested in March. \
         Lawyers for Tendai Mbeki said they would appeal.",
        Some(D),
    );
    let lone = codes_of(&doc, "Mbeki");
    assert!(lone.iter().all(|c| c.starts_with("ZMB")), "{lone:?}");
    assert!(code_of(&doc, "Tendai Mbeki").starts_with("ZMB"));
}

#[test]
fn the_subject_of_a_role_is_no_affiliation() {
    // "envoy for North Korea" works on North Korea, not for it.
    let doc = annotate(
        "Arlen Whitcombe, the special envoy for North Korea at the State Department, resigned.",
        Some(D),
    );
    let c = code_of(&doc, "Arlen Whitcombe");
    assert!(!c.starts_with("PRK"), "{c}");
    // ", according to …" is no apposition.
    let doc = annotate(
        "Officials spoke with Israeli counterpart Yoav Peretzky, according to the White House.",
        Some(D),
    );
    assert!(code_of(&doc, "Yoav Peretzky").starts_with("ISR"));
}

#[test]
fn a_role_without_a_country_takes_the_articles_country_but_the_text_wins() {
    let doc = annotate(
        "Nigeria's army said it had retaken the town. Nigerian troops entered Maiduguri. \
         Security analyst Abdul Garba welcomed the move. Garba said more was needed.",
        Some(D),
    );
    assert_eq!(code_of(&doc, "Abdul Garba"), "NGAEDU");
    assert_eq!(codes_of(&doc, "Garba"), vec!["NGAEDU"]);
    // The article is about Nigeria, but the text says where she is from.
    let doc = annotate(
        "Nigeria's army said it had retaken the town. Nigerian troops entered Maiduguri. \
         Security analyst Amara Osei welcomed the move. Osei, a researcher from Ghana, said more was needed.",
        Some(D),
    );
    assert!(code_of(&doc, "Amara Osei").starts_with("GHA"));
}

#[test]
fn a_known_surname_after_another_first_name_is_another_person() {
    let doc = annotate(
        "Hamas spokesman Hazem Qassem said the group would respond. Qassem added that talks would go on.",
        Some(D),
    );
    let full = code_of(&doc, "Hazem Qassem");
    assert!(full.starts_with("PSE"), "{full}");
    assert!(
        codes_of(&doc, "Qassem")
            .iter()
            .all(|c| c.starts_with("PSE")),
        "{:?}",
        codes_of(&doc, "Qassem")
    );
}

#[test]
fn headlines_storms_and_bodies_are_no_people() {
    let doc = annotate(
        "Minister Signs Controversial Measure Extending Mandate\n\nCyclone Idris moved south. \
         He spoke at the Larkin Peace Foundation. Later Lorna Castel spoke.",
        Some(D),
    );
    let (mentions, infos) = common::actors().find_mentions(&doc);
    let people: Vec<&str> = mentions
        .iter()
        .zip(&infos)
        .filter(|(_, i)| i.person)
        .map(|(m, _)| doc.slice(m.span))
        .collect();
    assert_eq!(people, vec!["Lorna Castel"]);
}
