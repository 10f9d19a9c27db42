//! The seed page (2014-09-25): every mention of the actors the issue lists
//! resolves to the right code, pronouns and descriptions included.

mod common;

use common::{annotate, code, mention_at, shared};
use entente_core::MentionKind;

fn seed_doc() -> Option<entente_core::Doc> {
    let path = shared()?.join("seed/iran-west-common-enemy.txt");
    let text = std::fs::read_to_string(path).ok()?;
    Some(annotate(&text, Some("2014-09-25")))
}

#[test]
fn every_listed_name_resolves_to_its_code() {
    let Some(doc) = seed_doc() else {
        eprintln!("shared/seed not found: skipped");
        return;
    };
    // Surface text → code, for every mention with exactly that text, and how
    // many times it must occur at least.
    let expected: &[(&str, &str, usize)] = &[
        ("Iran", "IRN", 14),
        ("Tehran", "IRNGOV", 2),
        ("Iran’s president Hassan Rouhani", "IRNGOV", 1),
        ("Rouhani", "IRNGOV", 6),
        ("Iranian Supreme Leader Ayatollah Ali Khamanei", "IRNGOV", 1),
        ("Iranian officials", "IRNGOV", 1),
        ("Iranian official", "IRNGOV", 1),
        ("Iranians", "IRN", 1),
        ("the Iranian government", "IRNGOV", 0),
        ("US president Barack Obama", "USAGOV", 1),
        ("US", "USA", 4),
        ("America", "USA", 1),
        ("Americans", "USA", 1),
        ("Secretary of State John Kerry", "USAGOV", 1),
        ("The White House", "USAGOV", 1),
        ("US State Department official", "USAGOV", 1),
        ("Britain", "GBR", 2),
        ("British Prime Minister David Cameron", "GBRGOV", 1),
        ("Cameron", "GBRGOV", 2),
        ("ISIS", "IMGMUSISI", 8),
        ("Islamic State", "IMGMUSISI", 1),
        ("Syria", "SYR", 4),
        ("president Bashar al-Assad", "SYRGOV", 1),
        ("Assad", "SYRGOV", 2),
        ("Assad’s forces", "SYRMIL", 1),
        ("UN Security Council", "IGOUNO", 1),
        ("the UN", "IGOUNO", 2),
        ("Reuters", "MED", 1),
        ("NBC News", "USAMED", 1),
    ];
    for &(surface, want, at_least) in expected {
        let found: Vec<_> = doc
            .mentions
            .iter()
            .filter(|m| doc.slice(m.span) == surface)
            .collect();
        assert!(
            found.len() >= at_least,
            "{surface:?}: {} mentions, expected at least {at_least}",
            found.len()
        );
        for m in found {
            assert_eq!(code(m), want, "{surface:?} ({})", m.rule);
        }
    }
    // Every token "Iran" / "Rouhani" / "ISIS" in the text is inside some mention.
    for word in [
        "Iran", "Rouhani", "ISIS", "Tehran", "Assad", "Cameron", "Syria",
    ] {
        let mut from = 0;
        while let Some(i) = doc.text[from..].find(word) {
            let at = (from + i) as u32;
            let next = doc.text[from + i + word.len()..].chars().next();
            if next.is_some_and(char::is_alphanumeric) {
                from += i + word.len();
                continue;
            }
            assert!(
                doc.mentions
                    .iter()
                    .any(|m| m.span.start <= at && at < m.span.end),
                "{word:?} at {at} not covered by a mention"
            );
            from += i + word.len();
        }
    }
}

#[test]
fn pronouns_and_descriptions_resolve() {
    let Some(doc) = seed_doc() else {
        eprintln!("shared/seed not found: skipped");
        return;
    };
    let cases: &[(&str, &str, &str, MentionKind)] = &[
        // (context, word, code, kind)
        ("as he presided over", "he", "USAGOV", MentionKind::Pronoun),
        (
            "Speaking to NBC News, he criticised",
            "he",
            "IRNGOV",
            MentionKind::Pronoun,
        ),
        ("he said. “Are they", "he", "IRNGOV", MentionKind::Pronoun),
        (
            "He said that it was different",
            "He",
            "IRNGOV",
            MentionKind::Pronoun,
        ),
        (
            "Are they afraid of their soldiers",
            "they",
            "USA",
            MentionKind::Pronoun,
        ),
        (
            "Are they afraid of their soldiers",
            "their",
            "USA",
            MentionKind::Pronoun,
        ),
        ("Iran drop its support", "its", "IRN", MentionKind::Pronoun),
        (
            "the country has also been excluded",
            "the country",
            "IRN",
            MentionKind::Description,
        ),
        (
            "against the group. This follows",
            "the group",
            "IMGMUSISI",
            MentionKind::Description,
        ),
        (
            "critical of the militant group",
            "the militant group",
            "IMGMUSISI",
            MentionKind::Description,
        ),
        (
            "tackling the military group",
            "the military group",
            "IMGMUSISI",
            MentionKind::Description,
        ),
        (
            "support for the regime",
            "the regime",
            "SYRGOV",
            MentionKind::Description,
        ),
        (
            "said the official",
            "the official",
            "USAGOV",
            MentionKind::Description,
        ),
    ];
    for &(context, word, want, kind) in cases {
        let m = mention_at(&doc, context, word);
        assert_eq!(m.kind, kind, "{word:?} in {context:?}");
        assert_eq!(code(m), want, "{word:?} in {context:?}: {}", m.rule);
        let a = m.antecedent.expect("resolution records its antecedent") as usize;
        assert!(a < doc.mentions.len());
        assert!(
            doc.mentions[a].span.end <= m.span.start,
            "antecedent comes first"
        );
        assert!(!m.rule.is_empty());
    }
    // "the two countries" (Iran and Britain) points to one of them and leaves
    // the code empty rather than picking one.
    let m = mention_at(&doc, "heads of the two countries", "the two countries");
    assert_eq!(m.code, None);
    assert!(m.rule.contains("two antecedents"), "{}", m.rule);
    assert!(
        m.rule.contains("GBR") && m.rule.contains("IRN"),
        "{}",
        m.rule
    );
}
