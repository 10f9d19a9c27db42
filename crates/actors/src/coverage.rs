//! How much of a text the knowledge base resolves: person-name mentions
//! with an actor code, place names with a country, organisation names with
//! a code, and the most frequent names left unresolved.
//!
//! - A *person-name mention* is a name (known or not) that looks like a
//!   person: a knowledge-base person, a title before a name, two capitalised
//!   words, a known first name. It counts as resolved when its code has a
//!   country (`---GOV`, "officials" of no stated country, does not).
//! - A *place name* is a capitalised name after a preposition of place
//!   ("in", "at", "near", "outside", "from", …) that is not a person or an
//!   organisation; resolved when the knowledge base or the gazetteer gives a
//!   country.
//! - An *organisation name* is a knowledge-base organisation, institution,
//!   IGO, armed group or medium (resolved), or an unknown name that is
//!   neither person nor place (unresolved).

use std::collections::HashMap;

use entente_core::{Doc, MentionKind};
use serde::Serialize;

use crate::kb::ActorKind;
use crate::norm::{case_of, fold, Case};
use crate::places::Gazetteer;
use crate::Actors;

/// Prepositions after which a capitalised name is a place.
const PLACE_PREPS: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "around",
    "across",
    "throughout",
    "from",
    "to",
    "into",
];

/// Counts over documents.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Coverage {
    /// Documents read.
    pub documents: usize,
    /// Person-name mentions / with a country-level code.
    pub person_mentions: usize,
    pub person_resolved: usize,
    /// Of those, coded by a role the text gives and the article's country
    /// (no country stated for the person).
    pub person_by_article_country: usize,
    /// Place names / with a country.
    pub place_mentions: usize,
    pub place_resolved: usize,
    /// Organisation names / with a code.
    pub organisation_mentions: usize,
    pub organisation_resolved: usize,
    /// Unresolved names by kind ("person", "place", "organisation") → text → count.
    #[serde(skip)]
    pub unknown: HashMap<&'static str, HashMap<String, usize>>,
    /// When set, every unresolved name is also kept with its sentence
    /// (`entente actors coverage --list`), to see them by class.
    #[serde(skip)]
    pub keep_contexts: bool,
    /// Unresolved names in context: (kind, name, sentence text).
    #[serde(skip)]
    pub contexts: Vec<(&'static str, String, String)>,
}

fn coded(code: Option<&entente_core::ActorCode>) -> bool {
    code.is_some_and(|c| !c.as_str().starts_with("---"))
}

impl Coverage {
    /// Adds one annotated-for-tokens document (tokens, sentences, tags).
    pub fn add(&mut self, actors: &Actors, gazetteer: &Gazetteer, doc: &Doc) {
        self.documents += 1;
        let (mentions, infos) = actors.find_mentions(doc);
        let mut covered: Vec<Option<usize>> = vec![None; doc.tokens.len()];
        for (i, m) in mentions.iter().enumerate() {
            for t in m.token_start as usize..(m.token_end as usize).min(covered.len()) {
                covered[t] = Some(i);
            }
        }
        let words: Vec<&str> = doc.tokens.iter().map(|t| doc.slice(t.span)).collect();
        let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
        let mut place_mention = vec![false; mentions.len()];
        // Places: capitalised runs after a preposition of place.
        for sent in &doc.sentences {
            let r = sent.tokens();
            let (s0, s1) = (r.start, r.end.min(words.len()));
            let mut t = s0;
            while t + 1 < s1 {
                if !PLACE_PREPS.contains(&folded[t].as_str()) {
                    t += 1;
                    continue;
                }
                let start = t + 1;
                let mut e = start;
                while e < s1 && matches!(case_of(words[e]), Case::Title | Case::Upper) {
                    e += 1;
                }
                if e == start {
                    t += 1;
                    continue;
                }
                // A name the knowledge base knows as a person, an
                // organisation or a bloc is no place ("a letter from Obama",
                // "told VOA", "to NATO").
                let known = (start..e).filter_map(|x| covered[x]).find(|&i| {
                    infos[i].person
                        || infos[i]
                            .actor_kind
                            .is_some_and(|k| !matches!(k, ActorKind::Country))
                });
                let text = doc.slice(doc.tokens[start].span.cover(doc.tokens[e - 1].span));
                // The gazetteer decides first: the imported dictionaries list
                // some cities and regions as people ("Irbil").
                let place = gazetteer.resolve(actors.kb(), text);
                if known.is_some() && place.is_none() {
                    t = e;
                    continue;
                }
                // Months, days and other common capitalised words.
                if e - start == 1 && crate::matcher::is_common_word(&folded[start]) {
                    t = e;
                    continue;
                }
                for i in (start..e).filter_map(|x| covered[x]) {
                    place_mention[i] = true;
                }
                self.place_mentions += 1;
                if place.is_some() {
                    self.place_resolved += 1;
                } else {
                    self.note("place", text);
                    self.keep(doc, sent, "place", text);
                }
                t = e;
            }
        }
        for (i, (m, info)) in mentions.iter().zip(&infos).enumerate() {
            if place_mention[i] || !matches!(m.kind, MentionKind::Name | MentionKind::Unknown) {
                continue;
            }
            let text = doc.slice(m.span);
            if info.person {
                self.person_mentions += 1;
                if coded(m.code.as_ref()) {
                    self.person_resolved += 1;
                    if m.rule
                        .rsplit("; ")
                        .next()
                        .is_some_and(|last| last.contains("the article's country"))
                    {
                        self.person_by_article_country += 1;
                    }
                    if self.keep_contexts
                        && (m.kind == MentionKind::Unknown
                            || m.rule.contains("role and affiliation")
                            || m.rule.contains("same person as"))
                    {
                        if let Some(sent) = doc.sentences.get(m.sentence as usize) {
                            let code = m.code.as_ref().map_or("", |c| c.as_str());
                            self.keep(doc, sent, "person resolved", &format!("{text}\t{code}"));
                        }
                    }
                } else {
                    self.note("person", text);
                    if let Some(sent) = doc.sentences.get(m.sentence as usize) {
                        self.keep(doc, sent, "person", text);
                    }
                }
            } else if m.kind == MentionKind::Unknown {
                // An unknown name in the gazetteer is a place named outside
                // a locative phrase: not an organisation.
                if gazetteer.resolve(actors.kb(), text).is_some() {
                    continue;
                }
                self.organisation_mentions += 1;
                self.note("organisation", text);
                if let Some(sent) = doc.sentences.get(m.sentence as usize) {
                    self.keep(doc, sent, "organisation", text);
                }
            } else if info.actor_kind.is_some_and(|k| {
                matches!(
                    k,
                    ActorKind::Organization
                        | ActorKind::Institution
                        | ActorKind::Igo
                        | ActorKind::ArmedGroup
                        | ActorKind::Media
                )
            }) {
                self.organisation_mentions += 1;
                self.organisation_resolved += 1;
            }
        }
    }

    fn keep(&mut self, doc: &Doc, sent: &entente_core::Sentence, kind: &'static str, text: &str) {
        if self.keep_contexts {
            let s = doc
                .slice(sent.span)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            self.contexts.push((kind, text.to_string(), s));
        }
    }

    fn note(&mut self, kind: &'static str, text: &str) {
        *self
            .unknown
            .entry(kind)
            .or_default()
            .entry(text.to_string())
            .or_default() += 1;
    }

    /// Share of `n` in `d` (0 when `d` is 0).
    pub fn share(n: usize, d: usize) -> f64 {
        if d == 0 {
            0.0
        } else {
            n as f64 / d as f64
        }
    }

    /// The `top` most frequent unresolved names of a kind.
    pub fn top_unknown(&self, kind: &str, top: usize) -> Vec<(String, usize)> {
        let mut v: Vec<(String, usize)> = self
            .unknown
            .get(kind)
            .map(|m| m.iter().map(|(k, &n)| (k.clone(), n)).collect())
            .unwrap_or_default();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v.truncate(top);
        v
    }
}
