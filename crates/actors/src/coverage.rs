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

/// Whether a capitalised run after a preposition of place is a place name.
enum Phrase {
    Place,
    Not,
}

/// Nouns a possessor's place scopes ("in Kenya's capital", "Somalia's
/// border"): the run is a place. Any other noun ("to VOA's email", "in
/// Zamora's case") makes the run a possessor, not the place.
const PLACE_NOUNS: &[&str] = &[
    "capital",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "border",
    "borders",
    "coast",
    "coastline",
    "province",
    "provinces",
    "region",
    "regions",
    "city",
    "cities",
    "town",
    "towns",
    "village",
    "villages",
    "district",
    "districts",
    "territory",
    "territories",
    "island",
    "islands",
    "outskirts",
    "interior",
    "side",
    "soil",
    "waters",
    "airspace",
    "shores",
    "countryside",
    "heartland",
    "frontier",
    "state",
    "states",
    "camp",
    "camps",
    "county",
    "counties",
    "area",
    "areas",
    "part",
    "parts",
    "center",
    "centre",
    "port",
    "ports",
    "mainland",
    "highlands",
    "desert",
    "streets",
    "station",
    "airport",
    "prison",
    "prisons",
    "railway",
    "neighborhood",
    "neighbourhood",
    "compound",
    "base",
    "western",
    "eastern",
    "northern",
    "southern",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "central",
    "coastal",
    "restive",
    "capital's",
];

/// Words of time that may follow a place ("in China last month", "Sibi hours
/// after"): the place stays one.
const TIME_WORDS: &[&str] = &[
    "hours",
    "days",
    "weeks",
    "months",
    "years",
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "last",
    "next",
    "this",
    "earlier",
    "later",
    "time",
    "times",
    "ago",
];

/// Last words of names of bodies and buildings: organisations, not places.
const BODY_HEADS: &[&str] = &[
    "university",
    "institute",
    "college",
    "school",
    "academy",
    "hospital",
    "foundation",
    "council",
    "center",
    "centre",
    "ministry",
    "agency",
    "association",
    "society",
    "company",
    "corporation",
    "group",
    "party",
    "committee",
    "commission",
    "bank",
    "fund",
    "house",
    "office",
    "department",
    "court",
    "studies",
    "program",
    "programme",
    "initiative",
    "project",
    "network",
    "alliance",
    "coalition",
    "service",
    "forum",
    "union",
    "league",
];

fn is_day_or_month(f: &str) -> bool {
    matches!(
        f,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

/// Decides whether the run `start..e` after a preposition is a place name:
/// not when it is a possessor of something else ("in Zamora's case"), a
/// modifier of a common noun ("in European defense", "to Brussels-based
/// trade association"), the name of a body ("at Leiden University"), or
/// starts with a verb (headline "to Visit India").
fn place_phrase(
    doc: &Doc,
    words: &[&str],
    folded: &[String],
    start: usize,
    e: usize,
    s1: usize,
    is_place: &dyn Fn(usize, usize) -> bool,
) -> Phrase {
    let up = doc.tokens[start].upos.as_str();
    let the = folded[start] == "the" && e - start > 1;
    if !the
        && matches!(
            up,
            "VERB" | "AUX" | "ADV" | "ADP" | "SCONJ" | "PRON" | "DET" | "CCONJ"
        )
    {
        return Phrase::Not;
    }
    if BODY_HEADS.contains(&folded[e - 1].as_str()) {
        return Phrase::Not;
    }
    let last = words[e - 1];
    if last
        .rsplit_once(['-', '–'])
        .is_some_and(|(a, b)| !a.is_empty() && case_of(b) == Case::Lower && b.len() > 2)
    {
        // "Taliban-controlled", "Brussels-based": an adjective.
        return Phrase::Not;
    }
    let next = folded.get(e).map(String::as_str).filter(|_| e < s1);
    let place_noun_at = |x: usize| {
        folded
            .get(x)
            .is_some_and(|w| x < s1 && PLACE_NOUNS.contains(&w.as_str()))
    };
    match next {
        Some("'s" | "’s" | "'" | "’") => {
            // "in Kenya's capital", "Pakistan's Balochistan province",
            // "Kabul's western …": a place; "in Zamora's case": not.
            let a = e + 1;
            let mut b = a;
            while b < s1 && matches!(case_of(words[b]), Case::Title | Case::Upper) {
                b += 1;
            }
            if place_noun_at(a) || (b > a && is_place(a, b)) {
                Phrase::Place
            } else {
                Phrase::Not
            }
        }
        Some(n)
            if case_of(words[e]) == Case::Lower
                && matches!(doc.tokens[e].upos.as_str(), "NOUN" | "ADJ")
                && !PLACE_NOUNS.contains(&n)
                && !TIME_WORDS.contains(&n)
                && !place_noun_at(e + 1) =>
        {
            // "in European defense", "to U.S. markets": a modifier.
            Phrase::Not
        }
        _ => Phrase::Place,
    }
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
                // "in Paris Tuesday", "in Khartoum Thursday": a day or
                // month ends the name.
                if let Some(x) = (start + 1..e).find(|&x| is_day_or_month(&folded[x])) {
                    e = x;
                }
                let is_place = |a: usize, b: usize| {
                    let text = doc.slice(doc.tokens[a].span.cover(doc.tokens[b - 1].span));
                    gazetteer.resolve(actors.kb(), text).is_some()
                };
                let phrase = place_phrase(doc, &words, &folded, start, e, s1, &is_place);
                // "in The Hague": the article is no part of the name.
                let start = if folded[start] == "the" && e - start > 1 {
                    start + 1
                } else {
                    start
                };
                match phrase {
                    Phrase::Place => {}
                    Phrase::Not => {
                        let text = doc.slice(doc.tokens[start].span.cover(doc.tokens[e - 1].span));
                        self.keep(doc, sent, "not a place", text);
                        t = e;
                        continue;
                    }
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
                let mut text = doc.slice(doc.tokens[start].span.cover(doc.tokens[e - 1].span));
                // The gazetteer decides first: the imported dictionaries list
                // some cities and regions as people ("Irbil").
                let mut place = gazetteer.resolve(actors.kb(), text);
                // A headline or a run into the next words ("in Sudan
                // Dismantles Foundations", "to Japan Despite"): the longest
                // start of the run that is a place.
                if place.is_none() && e - start > 1 {
                    for x in (start + 1..e).rev() {
                        let sub = doc.slice(doc.tokens[start].span.cover(doc.tokens[x - 1].span));
                        if let Some(p) = gazetteer.resolve(actors.kb(), sub) {
                            place = Some(p);
                            text = sub;
                            e = x;
                            break;
                        }
                    }
                }
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
