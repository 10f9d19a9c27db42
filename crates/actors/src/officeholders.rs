//! The Wikidata office-holders (`data/officeholders.tsv`, built by
//! `scripts/gen_officeholders.py`): people with their spells in office,
//! each spell coded by its position (country + sector), each person with
//! their Wikidata id. Merged into the curated people of the same name and
//! country, which win where the two disagree; the disagreements are kept
//! for `entente actors disagreements`.

use chrono::NaiveDate;
use entente_core::ActorCode;
use serde::Serialize;

use crate::kb::{code_at, Actor, ActorKind, AliasKind, CaseStyle, DatedCode, KnowledgeBase};
use crate::norm::phrase_words;
use crate::ActorsError;

/// Where a curated person and their Wikidata spells in office disagree on a
/// date (the curated code is the one used).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Disagreement {
    /// The person's display name.
    pub name: String,
    /// Wikidata id.
    pub wikidata: String,
    /// The curated entry (`people.jsonl:12`).
    pub curated_source: String,
    /// A day both sources speak of.
    pub date: NaiveDate,
    /// What the curated entry says on that day (code and why).
    pub curated: String,
    /// What Wikidata says: the position, its code and its range.
    pub wikidata_says: String,
}

/// Parses one ISO date field (empty → `None`).
fn date_field(file: &str, line: usize, s: &str) -> Result<Option<NaiveDate>, ActorsError> {
    if s.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(Some)
        .map_err(|e| ActorsError::parse(file, line, format!("date {s:?}: {e}")))
}

/// Loads the office-holder table into `kb` (after the curated files).
pub(crate) fn load(kb: &mut KnowledgeBase, file: &str, text: &str) -> Result<(), ActorsError> {
    let mut positions: Vec<(String, String)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let ln = i + 1;
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f[0] == "P" {
            let [_, idx, code, title] = f[..] else {
                return Err(ActorsError::parse(file, ln, "position line needs 4 fields"));
            };
            if idx.parse::<usize>().ok() != Some(positions.len()) {
                return Err(ActorsError::parse(file, ln, "positions out of order"));
            }
            positions.push((code.to_string(), title.to_string()));
            continue;
        }
        let [qid, name, root, spells] = f[..] else {
            return Err(ActorsError::parse(file, ln, "person line needs 4 fields"));
        };
        let mut codes = Vec::new();
        for sp in spells.split(';').filter(|s| !s.is_empty()) {
            let mut parts = sp.splitn(3, ':');
            let (Some(p), Some(from), Some(to)) = (parts.next(), parts.next(), parts.next()) else {
                return Err(ActorsError::parse(file, ln, format!("spell {sp:?}")));
            };
            let (code, title) = p
                .parse::<usize>()
                .ok()
                .and_then(|p| positions.get(p))
                .ok_or_else(|| ActorsError::parse(file, ln, format!("unknown position {p}")))?;
            codes.push(DatedCode {
                code: ActorCode::new(code.as_str()),
                from: date_field(file, ln, from)?,
                to: date_field(file, ln, to)?,
                role: Some(format!(
                    "{title}, {} (Wikidata)",
                    &code[..3.min(code.len())]
                )),
            });
        }
        let words = phrase_words(name);
        // The curated person of the same name and country, if any.
        let curated = kb.aliases_for(&words).iter().find_map(|&al| {
            let id = kb.aliases[al as usize].actor;
            let a = &kb.actors[id as usize];
            (a.kind == ActorKind::Person
                && a.country.as_deref() == Some(root)
                && !a.source.starts_with(file))
            .then_some(id)
        });
        match curated {
            Some(id) => merge_into(kb, id, qid, name, codes),
            None => {
                if words.len() < 2 {
                    // A single-word name ("Suharto") is too easily an
                    // ordinary word; such people are reached by lookup of
                    // a curated entry only.
                    continue;
                }
                let gender = words
                    .first()
                    .and_then(|w| crate::matcher::first_name_gender(w));
                let id = kb.add_actor(Actor {
                    name: name.to_string(),
                    kind: ActorKind::Person,
                    country: Some(root.to_string()),
                    codes,
                    gender,
                    source: format!("{file}:{ln}"),
                    wikidata: Some(qid.to_string()),
                });
                kb.add_alias_full(id, name, AliasKind::Name, CaseStyle::AsWritten, false);
            }
        }
    }
    Ok(())
}

/// Folds Wikidata spells into a curated person: spells that overlap no
/// curated role fill gaps; overlapping spells whose code differs are
/// recorded as disagreements (the curated code stays).
fn merge_into(kb: &mut KnowledgeBase, id: u32, qid: &str, name: &str, spells: Vec<DatedCode>) {
    let mut add = Vec::new();
    let mut disagreements = Vec::new();
    {
        let a = &kb.actors[id as usize];
        for sp in spells {
            let overlap = a.codes.iter().filter(|c| !c.is_undated()).find_map(|c| {
                let lo = match (c.from, sp.from) {
                    (Some(x), Some(y)) => Some(x.max(y)),
                    (x, y) => x.or(y),
                };
                let hi = match (c.to, sp.to) {
                    (Some(x), Some(y)) => Some(x.min(y)),
                    (x, y) => x.or(y),
                };
                match (lo, hi) {
                    // A shared first/last day is a hand-over, not an overlap.
                    (Some(l), Some(h)) if l < h => Some(l + (h - l) / 2),
                    (Some(_), Some(_)) => None,
                    (Some(l), None) => Some(l),
                    (None, Some(h)) => Some(h),
                    _ => None,
                }
            });
            match overlap {
                None => add.push(sp),
                Some(day) => {
                    let (code, why) = code_at(a, Some(day));
                    // Same country and same first sector ("GBRGOV" and
                    // "GBRGOVBUS") is agreement at a different depth.
                    let primary = |c: &str| c.chars().take(6).collect::<String>();
                    if code.as_ref().map(|c| primary(c.as_str())) != Some(primary(sp.code.as_str()))
                    {
                        disagreements.push(crate::officeholders::Disagreement {
                            name: name.to_string(),
                            wikidata: qid.to_string(),
                            curated_source: a.source.clone(),
                            date: day,
                            curated: format!(
                                "{}: {why}",
                                code.map_or("-".to_string(), |c| c.to_string())
                            ),
                            wikidata_says: format!(
                                "{} ({}) {}",
                                sp.role.as_deref().unwrap_or(""),
                                sp.code,
                                sp.range_text()
                            ),
                        });
                    }
                }
            }
        }
    }
    let a = &mut kb.actors[id as usize];
    if a.wikidata.is_none() {
        a.wikidata = Some(qid.to_string());
    }
    a.codes.extend(add);
    kb.disagreements.extend(disagreements);
}

impl KnowledgeBase {
    /// Where curated people and their Wikidata spells in office disagree
    /// (the curated code is used).
    pub fn disagreements(&self) -> &[Disagreement] {
        &self.disagreements
    }
}
