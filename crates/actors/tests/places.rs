//! Place phrases: kind words, directions and possessors around a place
//! name, compounds of two actors, and what the coverage counts as a place
//! name. Sentences written for these tests.

mod common;

use common::{actors, annotate};
use entente_actors::coverage::Coverage;
use entente_actors::places::{Gazetteer, PlacePrecision};

fn country(name: &str) -> Option<(String, PlacePrecision)> {
    let g = Gazetteer::embedded();
    g.resolve(actors().kb(), name)
        .map(|p| (p.country, p.precision))
}

#[test]
fn kind_words_directions_and_possessors() {
    assert_eq!(country("Lamu County").map(|c| c.0), Some("KEN".into()));
    assert_eq!(country("Guantanamo Bay").map(|c| c.0), Some("CUB".into()));
    assert_eq!(country("northern Syria").map(|c| c.0), Some("SYR".into()));
    assert_eq!(country("southern Lebanon").map(|c| c.0), Some("LBN".into()));
    // "Kenya's capital": the possessor scopes the place to its country.
    assert_eq!(
        country("Kenya's capital"),
        Some(("KEN".into(), PlacePrecision::Country))
    );
    // A place after the possessor in the same country is that place.
    assert_eq!(
        country("Pakistan's Balochistan province"),
        Some(("PAK".into(), PlacePrecision::Region))
    );
    assert_eq!(country("Mordor's capital"), None);
    // Event places go through the same rules.
    let g = Gazetteer::embedded();
    assert_eq!(
        g.resolve_place("eastern Ukraine").map(|p| p.country),
        Some("UKR".into())
    );
    assert_eq!(
        g.resolve_place("Lamu County").map(|p| p.country),
        Some("KEN".into())
    );
}

#[test]
fn a_compound_of_two_names_is_both_actors() {
    let doc = annotate(
        "Militants attacked a joint Kenya-U.S. military base. US-Iran talks resumed; \
         the China–India border stayed quiet. A Coca-Cola truck passed.",
        Some("2025-03-01"),
    );
    let coded: Vec<(&str, String)> = doc
        .mentions
        .iter()
        .map(|m| {
            (
                doc.slice(m.span),
                m.code.as_ref().map_or(String::new(), |c| c.to_string()),
            )
        })
        .collect();
    for (name, code) in [
        ("Kenya", "KEN"),
        ("U.S.", "USA"),
        ("US", "USA"),
        ("Iran", "IRN"),
        ("China", "CHN"),
        ("India", "IND"),
    ] {
        assert!(
            coded.iter().any(|(t, c)| *t == name && c == code),
            "{name} {code} not in {coded:?}"
        );
    }
    assert!(
        !coded.iter().any(|(t, _)| *t == "Coca" || *t == "Cola"),
        "{coded:?}"
    );
}

/// Coverage of one text: (place names, resolved, unresolved names).
fn places(text: &str) -> (usize, usize, Vec<String>) {
    let doc = annotate(text, Some("2025-03-01"));
    let mut cov = Coverage {
        keep_contexts: true,
        ..Coverage::default()
    };
    cov.add(actors(), Gazetteer::embedded(), &doc);
    let unresolved = cov
        .contexts
        .iter()
        .filter(|c| c.0 == "place")
        .map(|c| c.1.clone())
        .collect();
    (cov.place_mentions, cov.place_resolved, unresolved)
}

#[test]
fn what_coverage_counts_as_a_place_name() {
    // A day after the place ends the name; a possessor of a place noun and
    // a place after a possessor are places.
    let (n, ok, _) = places(
        "Ministers met in Paris Tuesday. Troops moved into Kenya's capital. \
         Fighting went on in Pakistan's Balochistan province.",
    );
    assert_eq!((n, ok), (3, 3));
    // Possessors of other things, modifiers, bodies and headline verbs are
    // no place names.
    let (n, _, names) = places(
        "He spoke about progress in Zamora's case. She called for a surge in European defense. \
         He teaches at Wexford University. Leaders Agree to Expand Trade Ties Quickly",
    );
    assert_eq!(n, 0, "{names:?}");
    // An unknown place is counted and listed.
    let (n, ok, names) = places("Refugees returned to Qorfadheer last week.");
    assert_eq!((n, ok), (1, 0));
    assert_eq!(names, vec!["Qorfadheer"]);
}
