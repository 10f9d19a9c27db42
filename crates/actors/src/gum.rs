//! Scoring coreference against GUM's gold entity annotation (CoNLL-U MISC
//! `Entity=`): third-person pronouns and definite descriptions that have an
//! earlier mention of the same entity count; a resolution is right when the
//! chosen antecedent's head lies (innermost) in a gold mention of that entity.

use entente_core::conllu;

use crate::coref::{link, Coref};
use crate::norm::fold;
use crate::Actors;

/// Counts for one or more documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct CorefCounts {
    /// Anaphoric third-person pronouns.
    pub pronouns: usize,
    /// Of which resolved to the right entity.
    pub pronouns_correct: usize,
    /// Anaphoric definite descriptions ("the" + noun).
    pub descriptions: usize,
    /// Of which resolved to the right entity.
    pub descriptions_correct: usize,
}

impl CorefCounts {
    /// Adds another document's counts.
    pub fn add(&mut self, o: CorefCounts) {
        self.pronouns += o.pronouns;
        self.pronouns_correct += o.pronouns_correct;
        self.descriptions += o.descriptions;
        self.descriptions_correct += o.descriptions_correct;
    }
    /// Share of pronouns resolved right (0 when none).
    pub fn pronoun_accuracy(&self) -> f64 {
        ratio(self.pronouns_correct, self.pronouns)
    }
    /// Share of descriptions resolved right (0 when none).
    pub fn description_accuracy(&self) -> f64 {
        ratio(self.descriptions_correct, self.descriptions)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// A gold mention: entity id and token range (document-level, inclusive start, exclusive end).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldMention {
    /// GUM entity id.
    pub entity: String,
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
}

/// Reads the `Entity=` annotation of MISC columns into gold mentions.
pub fn gold_mentions(misc: &[String]) -> Vec<GoldMention> {
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut out = Vec::new();
    for (t, m) in misc.iter().enumerate() {
        let Some(v) = m.split('|').find_map(|x| x.strip_prefix("Entity=")) else {
            continue;
        };
        let b = v.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'(' {
                let s = i + 1;
                let mut j = s;
                while j < b.len() && b[j] != b'(' && b[j] != b')' {
                    j += 1;
                }
                let label = &v[s..j];
                let id = label.split('-').next().unwrap_or("").to_string();
                if j < b.len() && b[j] == b')' {
                    out.push(GoldMention {
                        entity: id,
                        start: t,
                        end: t + 1,
                    });
                    j += 1;
                } else {
                    open.push((id, t));
                }
                i = j;
            } else if b[i].is_ascii_alphanumeric() {
                let s = i;
                while i < b.len() && b[i] != b')' && b[i] != b'(' {
                    i += 1;
                }
                let id = &v[s..i];
                if i < b.len() && b[i] == b')' {
                    i += 1;
                }
                if let Some(pos) = open.iter().rposition(|(e, _)| e == id) {
                    let (e, start) = open.remove(pos);
                    out.push(GoldMention {
                        entity: e,
                        start,
                        end: t + 1,
                    });
                }
            } else {
                i += 1;
            }
        }
    }
    out
}

const THIRD_PERSON: &[&str] = &[
    "he",
    "him",
    "his",
    "himself",
    "she",
    "her",
    "hers",
    "herself",
    "it",
    "its",
    "itself",
    "they",
    "them",
    "their",
    "theirs",
    "themselves",
];

/// Scores one GUM document (CoNLL-U text) with the given actor stage, using
/// the gold tokens and their POS/dependency columns.
pub fn score_document(
    actors: &Actors,
    conllu_text: &str,
) -> Result<CorefCounts, conllu::ConlluError> {
    let sents = conllu::parse(conllu_text)?;
    let misc: Vec<String> = sents.iter().flat_map(|s| s.misc.iter().cloned()).collect();
    let doc = conllu::to_doc(&sents, entente_core::Article::default());
    let gold = gold_mentions(&misc);
    let (mentions, infos) = actors.find_mentions(&doc);
    let coref = link(&doc, &mentions, &infos);
    Ok(score(&doc, &gold, &coref))
}

fn innermost(gold: &[GoldMention], t: usize) -> Option<&GoldMention> {
    gold.iter()
        .filter(|g| g.start <= t && t < g.end)
        .min_by_key(|g| g.end - g.start)
}

fn score(doc: &entente_core::Doc, gold: &[GoldMention], coref: &Coref) -> CorefCounts {
    let mut c = CorefCounts::default();
    let has_earlier = |g: &GoldMention| {
        gold.iter()
            .any(|o| o.entity == g.entity && o.end <= g.start)
    };
    let correct = |ante: usize, entity: &str| -> bool {
        let cand = &coref.candidates[ante];
        innermost(gold, cand.head).is_some_and(|g| g.entity == entity)
    };
    for g in gold {
        if !has_earlier(g) {
            continue;
        }
        let first = fold(doc.slice(doc.tokens[g.start].span));
        if g.end == g.start + 1 && THIRD_PERSON.contains(&first.as_str()) {
            c.pronouns += 1;
            if coref
                .links
                .iter()
                .find(|l| l.start == g.start)
                .is_some_and(|l| correct(l.antecedent, &g.entity))
            {
                c.pronouns_correct += 1;
            }
        } else if first == "the"
            && g.end > g.start + 1
            && doc.tokens[g.start + 1..g.end]
                .iter()
                .any(|t| t.upos == "NOUN")
            && !doc.tokens[g.start + 1..g.end]
                .iter()
                .any(|t| t.upos == "PROPN")
        {
            c.descriptions += 1;
            if coref
                .links
                .iter()
                .find(|l| l.start == g.start)
                .is_some_and(|l| correct(l.antecedent, &g.entity))
            {
                c.descriptions_correct += 1;
            }
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_nested_and_single_token_entities() {
        let misc: Vec<String> = [
            "Entity=(1-person-new-x(2-place-new-y)",
            "_",
            "Entity=1)",
            "Entity=(3-time-z)1)",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let g = gold_mentions(&misc);
        assert!(g.contains(&GoldMention {
            entity: "2".into(),
            start: 0,
            end: 1
        }));
        assert!(g.contains(&GoldMention {
            entity: "1".into(),
            start: 0,
            end: 3
        }));
        assert!(g.contains(&GoldMention {
            entity: "3".into(),
            start: 3,
            end: 4
        }));
    }
}
