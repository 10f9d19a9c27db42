//! Mention matching on short texts: possessives, demonym + agent, titles,
//! spelling variants, case safety, unknown names, surnames, coreference.

mod common;

use common::{annotate, code, mention_at};
use entente_core::MentionKind;

#[test]
fn composes_possessives_titles_and_agents() {
    let doc = annotate(
        "Iran's president Hassan Rouhani met Secretary of State John Kerry. Iranian officials said US soldiers had left. Australian Prime Minister Tony Abbott agreed.",
        Some("2014-09-25"),
    );
    let m = mention_at(&doc, "Iran's president Hassan Rouhani", "Iran");
    assert_eq!(doc.slice(m.span), "Iran's president Hassan Rouhani");
    assert_eq!(code(m), "IRNGOV");
    let m = mention_at(&doc, "Secretary of State John Kerry", "Secretary");
    assert_eq!(doc.slice(m.span), "Secretary of State John Kerry");
    assert_eq!(code(m), "USAGOV");
    let m = mention_at(&doc, "Iranian officials", "Iranian");
    assert_eq!((m.kind, code(m).as_str()), (MentionKind::Demonym, "IRNGOV"));
    let m = mention_at(&doc, "US soldiers", "US");
    assert_eq!(code(m), "USAMIL");
    let m = mention_at(&doc, "Australian Prime Minister Tony Abbott", "Australian");
    assert_eq!(doc.slice(m.span), "Australian Prime Minister Tony Abbott");
    assert_eq!(code(m), "AUSGOV");
}

#[test]
fn spelling_variants_case_and_diacritics() {
    let doc = annotate(
        "Ayatollah Khamanei spoke in Teherán. Let us know, said Irán's envoy.",
        Some("2014-09-25"),
    );
    let m = mention_at(&doc, "Ayatollah Khamanei", "Ayatollah");
    assert_eq!(code(m), "IRNGOV");
    assert_eq!(m.actor.as_deref(), Some("Ali Khamenei"));
    // "us" (pronoun) is not the United States.
    assert!(!doc.mentions.iter().any(|m| doc.slice(m.span) == "us"));
    let m = mention_at(&doc, "Irán's envoy", "Irán");
    assert_eq!(code(m), "IRNGOV");
}

#[test]
fn dates_change_codes_in_text() {
    let doc = annotate("Rouhani criticised the deal.", Some("2023-03-01"));
    let m = mention_at(&doc, "Rouhani criticised", "Rouhani");
    assert_eq!(code(m), "IRNELI");
    assert!(m.rule.contains("former"), "{}", m.rule);
}

#[test]
fn unknown_names_are_kept_and_surnames_follow_full_names() {
    let doc = annotate(
        "Officials in Freedonia said Rufus Qwertyman would visit Iran. Qwertyman said he was hopeful.",
        Some("2020-01-01"),
    );
    let m = mention_at(&doc, "Rufus Qwertyman would", "Rufus");
    assert_eq!(m.kind, MentionKind::Unknown);
    assert_eq!(m.actor.as_deref(), Some("Rufus Qwertyman"));
    let f = mention_at(&doc, "in Freedonia", "Freedonia");
    assert_eq!(f.kind, MentionKind::Unknown);
    let s = mention_at(&doc, "Qwertyman said", "Qwertyman");
    let a = s.antecedent.expect("surname points to the full name") as usize;
    assert_eq!(doc.slice(doc.mentions[a].span), "Rufus Qwertyman");
    assert!(s.rule.contains("surname"));
    let he = mention_at(&doc, "he was hopeful", "he");
    assert_eq!(he.kind, MentionKind::Pronoun);
    assert!(he.antecedent.is_some());
}

#[test]
fn descriptions_find_their_kind() {
    let doc = annotate(
        "Hezbollah fighters crossed into Syria on Monday. The group said the country was unstable.",
        Some("2015-05-01"),
    );
    let g = mention_at(&doc, "The group said", "The group");
    assert_eq!(g.kind, MentionKind::Description);
    assert_eq!(code(g), "LBNREB");
    let c = mention_at(&doc, "the country was", "the country");
    assert_eq!(code(c), "SYR");
}

/// "the west" written lower case (house style at several papers) is the
/// bloc, as "the West" is; "to the west of the city" is a direction.
#[test]
fn lower_case_bloc_names_but_not_directions() {
    let doc = annotate(
        "Iran and the west continue to disagree. Sanctions imposed by the west hurt Russia. Troops advanced to the west of the city.",
        Some("2014-09-25"),
    );
    let names: Vec<(&str, String)> = doc
        .mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Name)
        .map(|m| (doc.slice(m.span), code(m)))
        .collect();
    let wst = names
        .iter()
        .filter(|(t, c)| *t == "the west" && c == "WST")
        .count();
    assert_eq!(wst, 2, "{names:?}");
    let city = doc.text.find("west of the city").expect("text");
    assert!(
        // neither as a name nor as a description linked to the bloc
        !doc.mentions
            .iter()
            .any(|m| m.span.start as usize <= city && city < m.span.end as usize),
        "{:?}",
        doc.mentions
    );
}
