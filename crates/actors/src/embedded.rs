//! entente's own knowledge base: JSON-lines files in `data/` (one actor per
//! line), embedded in the binary, plus the Phoenix dictionaries as a
//! lower-priority fallback.

use chrono::NaiveDate;
use entente_core::ActorCode;
use serde::Deserialize;

use crate::kb::{Actor, ActorKind, AliasKind, DatedCode, Gender, KnowledgeBase};
use crate::ActorsError;

/// The curated files, highest priority first.
const CURATED: &[(&str, &str)] = &[
    ("people.jsonl", include_str!("../data/people.jsonl")),
    (
        "institutions.jsonl",
        include_str!("../data/institutions.jsonl"),
    ),
    (
        "organizations.jsonl",
        include_str!("../data/organizations.jsonl"),
    ),
    ("blocs.jsonl", include_str!("../data/blocs.jsonl")),
    ("countries.jsonl", include_str!("../data/countries.jsonl")),
];

const AGENTS: &str = include_str!("../data/agents.txt");

/// Wikidata office-holders, compact build (`scripts/gen_officeholders.py`).
const OFFICEHOLDERS: &str = include_str!("../data/officeholders.tsv");

const PHOENIX_ACTORS: &[(&str, &str)] = &[
    (
        "Phoenix.International.actors.txt",
        include_str!("../data/phoenix/Phoenix.International.actors.txt"),
    ),
    (
        "Phoenix.MilNonState.actors.txt",
        include_str!("../data/phoenix/Phoenix.MilNonState.actors.txt"),
    ),
    (
        "Phoenix.Countries.actors.txt",
        include_str!("../data/phoenix/Phoenix.Countries.actors.txt"),
    ),
];
const PHOENIX_AGENTS: &str = include_str!("../data/phoenix/Phoenix.agents.txt");
const PHOENIX_DISCARDS: &str = include_str!("../data/phoenix/Phoenix.discards.txt");

/// One line of a curated file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    name: String,
    kind: ActorKind,
    /// Undated code.
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
    /// Places standing for the government ("Tehran", "the Kremlin").
    #[serde(default)]
    metonyms: Vec<String>,
    #[serde(default)]
    roles: Vec<Role>,
    #[serde(default)]
    gender: Option<Gender>,
    /// Wikidata item (`Q28591`).
    #[serde(default)]
    wikidata: Option<String>,
    /// Free-text note (sources, caveats); not used by the code.
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Role {
    code: String,
    #[serde(default)]
    from: Option<NaiveDate>,
    #[serde(default)]
    to: Option<NaiveDate>,
    #[serde(default)]
    role: Option<String>,
}

/// Loads curated JSON-lines text into `kb`.
pub(crate) fn load_jsonl(
    kb: &mut KnowledgeBase,
    file: &str,
    text: &str,
) -> Result<(), ActorsError> {
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') || t.starts_with("//") {
            continue;
        }
        let e: Entry = serde_json::from_str(t)
            .map_err(|err| ActorsError::parse(file, i + 1, err.to_string()))?;
        let mut codes = Vec::new();
        if let Some(c) = &e.code {
            codes.push(DatedCode {
                code: ActorCode::new(c.as_str()),
                from: None,
                to: None,
                role: None,
            });
        }
        for r in &e.roles {
            if let (Some(f), Some(t)) = (r.from, r.to) {
                if f > t {
                    return Err(ActorsError::parse(
                        file,
                        i + 1,
                        format!("role {} ends before it starts", r.code),
                    ));
                }
            }
            codes.push(DatedCode {
                code: ActorCode::new(r.code.as_str()),
                from: r.from,
                to: r.to,
                role: r.role.clone(),
            });
        }
        let country = e
            .country
            .clone()
            .or_else(|| codes.first().map(|c| c.code.root().to_string()));
        let id = kb.add_actor(Actor {
            name: e.name.clone(),
            kind: e.kind,
            country,
            codes,
            gender: e.gender,
            source: format!("{file}:{}", i + 1),
            wikidata: e.wikidata.clone(),
        });
        kb.add_alias(id, &e.name, AliasKind::Name);
        for a in &e.aliases {
            kb.add_alias(id, a, AliasKind::Name);
        }
        for a in &e.demonyms {
            kb.add_alias(id, a, AliasKind::Demonym);
        }
        for a in &e.metonyms {
            kb.add_alias(id, a, AliasKind::Metonym);
        }
    }
    Ok(())
}

impl KnowledgeBase {
    /// entente's own knowledge base, embedded in the binary: the curated
    /// files of `data/` first, then the Wikidata office-holders (merged into
    /// curated people of the same name and country, which win), then the Phoenix dictionaries (MIT) for
    /// names the curated files lack.
    pub fn embedded() -> Result<KnowledgeBase, ActorsError> {
        let mut kb = KnowledgeBase::new();
        for (name, text) in CURATED {
            load_jsonl(&mut kb, name, text)?;
        }
        crate::officeholders::load(&mut kb, "officeholders.tsv", OFFICEHOLDERS)?;
        let own_agents = KnowledgeBase::from_petrarch_named(&[], &[("agents.txt", AGENTS)])?;
        kb.merge(own_agents);
        let mut phoenix = KnowledgeBase::from_petrarch_named(
            PHOENIX_ACTORS,
            &[("Phoenix.agents.txt", PHOENIX_AGENTS)],
        )?;
        phoenix.load_petrarch_discards(PHOENIX_DISCARDS);
        kb.merge(phoenix);
        Ok(kb)
    }

    /// Loads a curated JSON-lines file (entente's own format, one actor per
    /// line) into this knowledge base; later entries lose to earlier ones.
    pub fn load_jsonl(&mut self, name: &str, text: &str) -> Result<(), ActorsError> {
        load_jsonl(self, name, text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curated_line_parses_and_rejects_bad_ranges() {
        let mut kb = KnowledgeBase::new();
        let ok = r#"{"name":"Jane Roe","kind":"person","country":"FRA","gender":"f","roles":[{"code":"FRAGOV","from":"2010-01-01","to":"2012-01-01"}]}"#;
        load_jsonl(&mut kb, "t", ok).unwrap();
        assert_eq!(kb.actors()[0].kind, ActorKind::Person);
        let bad = r#"{"name":"X","kind":"person","roles":[{"code":"FRAGOV","from":"2012-01-01","to":"2010-01-01"}]}"#;
        assert!(load_jsonl(&mut kb, "t", bad).is_err());
        assert!(load_jsonl(&mut kb, "t", "{not json").is_err());
    }
}
