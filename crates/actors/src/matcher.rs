//! Mention matching over tokens: longest dictionary match, then composition
//! of names, demonyms, possessives and agent words into one mention
//! ("Iran's president Hassan Rouhani", "Iranian officials"), surnames after
//! full names, spelling variants, and unknown named entities.

use std::collections::HashMap;

use chrono::NaiveDate;
use entente_core::{ActorCode, Doc, Mention, MentionKind, Span};

use crate::kb::{ActorKind, AliasKind, Gender, KnowledgeBase};
use crate::norm::{case_of, edit_distance, fold, Case};

/// Extra facts about a mention that coreference needs but
/// [`entente_core::Mention`] does not carry.
#[derive(Debug, Clone, Default)]
pub struct MentionInfo {
    /// Knowledge-base actor index, when resolved to an entry.
    pub actor: Option<u32>,
    /// Kind of the actor (for "the country", "the group", "he").
    pub actor_kind: Option<ActorKind>,
    /// Agent suffixes the mention carries (`GOV`, `MIL`), e.g. for "the official".
    pub agents: Vec<String>,
    /// Plural ("Iranian officials", "the rebels").
    pub plural: bool,
    /// Gender when known.
    pub gender: Option<Gender>,
    /// Looks like a person (KB person, title + name, two capitalised words).
    pub person: bool,
}

#[derive(Debug, Clone)]
enum AtomKind {
    Name { alias: u32 },
    Agent { agent: u32 },
    Possessive,
}

#[derive(Debug, Clone)]
struct Atom {
    start: usize,
    end: usize,
    kind: AtomKind,
}

/// Words that start sentences or headlines in capitals but are not names.
const COMMON_CAPS: &[&str] = &[
    "pm",
    "am",
    "edt",
    "est",
    "pdt",
    "pst",
    "cdt",
    "gmt",
    "utc",
    "et",
    "yeah",
    "vice",
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "our",
    "my",
    "your",
    "but",
    "and",
    "or",
    "so",
    "yet",
    "if",
    "when",
    "while",
    "after",
    "before",
    "since",
    "as",
    "at",
    "in",
    "on",
    "of",
    "for",
    "to",
    "from",
    "with",
    "by",
    "about",
    "despite",
    "although",
    "though",
    "because",
    "according",
    "last",
    "next",
    "earlier",
    "later",
    "one",
    "two",
    "three",
    "some",
    "many",
    "most",
    "all",
    "no",
    "not",
    "there",
    "here",
    "what",
    "who",
    "why",
    "how",
    "where",
    "which",
    "indeed",
    "however",
    "meanwhile",
    "also",
    "still",
    "speaking",
    "asked",
    "said",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "today",
    "yesterday",
    "tomorrow",
    "show",
    "comments",
    "read",
    "more",
    "photo",
    "image",
    "video",
    "update",
    "updated",
    "breaking",
    "news",
    "advertisement",
    "yes",
    "well",
    "now",
    "then",
    "thank",
    "thanks",
    "please",
    "do",
    "does",
    "did",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "can",
    "could",
    "will",
    "would",
    "should",
    "let",
    "let's",
    "let’s",
    "oh",
    "ok",
    "okay",
    "q",
    "a.",
    "im",
    "i'm",
    "even",
    "just",
    "only",
    "every",
    "each",
    "any",
    "other",
    "another",
    "such",
    "both",
    "either",
    "neither",
    "like",
    "over",
    "under",
    "into",
    "during",
    "through",
    "without",
    "within",
    "again",
    "first",
    "second",
    "third",
    "new",
    "old",
    "we're",
    "they're",
    "it's",
    "that's",
    "there's",
];

/// Prepositions after which a capital is a place, not its government.
const LOCATIVE: &[&str] = &[
    "in", "at", "near", "outside", "inside", "around", "across", "from", "via", "into",
];

/// Words that may follow an agent word without making it a modifier.
fn is_function_word(f: &str) -> bool {
    matches!(
        f,
        "and"
            | "or"
            | "but"
            | "who"
            | "which"
            | "that"
            | "have"
            | "has"
            | "had"
            | "are"
            | "were"
            | "was"
            | "is"
            | "will"
            | "would"
            | "said"
            | "say"
            | "says"
            | "told"
            | "in"
            | "on"
            | "at"
            | "of"
            | "for"
            | "to"
            | "from"
            | "with"
            | "by"
            | "as"
            | "also"
            | "not"
            | "could"
            | "can"
            | "may"
            | "might"
            | "should"
            | "must"
            | "did"
            | "do"
            | "does"
            | "being"
            | "been"
            | "be"
            | "they"
            | "it"
            | "he"
            | "she"
            | "we"
            | "then"
            | "there"
            | "here"
            | "after"
            | "before"
            | "when"
            | "while"
            | "during"
            | "against"
            | "into"
            | "over"
            | "under"
            | "about"
            | "than"
            | "because"
            | "if"
            | "since"
            | "until"
            | "whose"
    )
}

/// Connectors allowed inside an unknown multi-word name ("Bank of England",
/// "Abu Bakr al Baghdadi").
const NAME_CONNECTORS: &[&str] = &[
    "of", "al", "bin", "ibn", "de", "del", "da", "van", "von", "la", "le", "el", "abu", "for",
    "and",
];

/// First words of names that are storms, operations or places, never people
/// ("Cyclone Jude", "Mount Kenya").
const NON_PERSON_FIRST: &[&str] = &[
    "cyclone",
    "cyclones",
    "hurricane",
    "typhoon",
    "storm",
    "tropical",
    "operation",
    "mount",
    "lake",
    "fort",
    "port",
    "cape",
];

/// Last words of names that are places, bodies or things, never people.
const NON_PERSON_HEADS: &[&str] = &[
    "forest",
    "hotel",
    "mission",
    "studies",
    "shoal",
    "reef",
    "mount",
    "eve",
    "accords",
    "accord",
    "archipelago",
    "alliance",
    "consulting",
    "command",
    "park",
    "facility",
    "appeals",
    "affairs",
    "partners",
    "daily",
    "market",
    "mall",
    "canal",
    "plaza",
    "tower",
    "temple",
    "mosque",
    "cathedral",
    "program",
    "programme",
    "initiative",
    "project",
    "prize",
    "award",
    "security",
    "policy",
    "power",
    "change",
    "rights",
    "peace",
    "corps",
    "bot",
    "oracle",
    "futures",
    "island",
    "islands",
    "bay",
    "sea",
    "ocean",
    "river",
    "lake",
    "mountain",
    "mountains",
    "valley",
    "desert",
    "strait",
    "gulf",
    "coast",
    "peninsula",
    "province",
    "region",
    "state",
    "city",
    "county",
    "district",
    "airport",
    "port",
    "station",
    "street",
    "square",
    "avenue",
    "road",
    "bridge",
    "dam",
    "express",
    "airlines",
    "airways",
    "service",
    "services",
    "index",
    "institute",
    "institution",
    "university",
    "college",
    "school",
    "academy",
    "center",
    "centre",
    "council",
    "committee",
    "commission",
    "agency",
    "ministry",
    "department",
    "office",
    "bureau",
    "court",
    "party",
    "front",
    "movement",
    "army",
    "forces",
    "brigade",
    "group",
    "company",
    "corporation",
    "bank",
    "fund",
    "foundation",
    "association",
    "union",
    "league",
    "network",
    "news",
    "times",
    "post",
    "journal",
    "tv",
    "radio",
    "hospital",
    "prison",
    "camp",
    "base",
    "palace",
    "house",
    "hall",
    "stadium",
    "festival",
    "summit",
    "conference",
    "forum",
    "war",
    "act",
    "law",
    "treaty",
    "accord",
    "agreement",
    "plan",
    "project",
    "program",
    "programme",
    "initiative",
    "cyclone",
    "hurricane",
    "storm",
    "typhoon",
    "day",
    "week",
    "cup",
    "games",
    "prize",
    "award",
    "watch",
    "international",
    "project",
    "crow",
    "online",
    "media",
];

/// Folded first names that mark a person (small list, for "he"/"she").
const MALE_FIRST: &[&str] = &[
    "john",
    "james",
    "robert",
    "michael",
    "william",
    "david",
    "richard",
    "joseph",
    "thomas",
    "charles",
    "george",
    "donald",
    "barack",
    "joe",
    "bill",
    "mike",
    "hassan",
    "ali",
    "mohammad",
    "mohammed",
    "muhammad",
    "ahmed",
    "ahmad",
    "vladimir",
    "xi",
    "recep",
    "benjamin",
    "bashar",
    "abdel",
    "emmanuel",
    "boris",
    "tony",
    "gordon",
    "francois",
    "jacques",
    "nicolas",
    "ban",
    "antonio",
    "kofi",
    "ban",
    "peter",
    "paul",
    "mark",
    "steven",
    "stephen",
    "andrew",
    "kevin",
    "brian",
    "jim",
    "tom",
    "chris",
    "christopher",
    "daniel",
    "matthew",
    "anthony",
    "scott",
    "jeff",
    "jeffrey",
    "ryan",
    "jacob",
    "gary",
    "eric",
    "jonathan",
    "justin",
    "frank",
    "raymond",
    "patrick",
    "jack",
    "dennis",
    "jerry",
    "alexander",
    "sergei",
    "sergey",
    "javad",
    "narendra",
    "shinzo",
    "rishi",
    "keir",
    "olaf",
    "friedrich",
    "jair",
    "luiz",
    "mahmoud",
    "salman",
    "mohammed",
    "abdullah",
    "hamad",
    "tamim",
    "khalifa",
    "king",
    "prince",
    "mr",
    "sir",
    "lord",
    "pope",
    "father",
    "brother",
    "son",
    "man",
    "boy",
    "husband",
    "nephew",
    "uncle",
];
const FEMALE_FIRST: &[&str] = &[
    "mary",
    "patricia",
    "jennifer",
    "linda",
    "elizabeth",
    "barbara",
    "susan",
    "jessica",
    "sarah",
    "karen",
    "nancy",
    "lisa",
    "margaret",
    "betty",
    "sandra",
    "ashley",
    "dorothy",
    "kimberly",
    "emily",
    "donna",
    "michelle",
    "carol",
    "amanda",
    "melissa",
    "deborah",
    "stephanie",
    "rebecca",
    "laura",
    "sharon",
    "cynthia",
    "kathleen",
    "amy",
    "angela",
    "anna",
    "hillary",
    "angela",
    "theresa",
    "theresa",
    "kamala",
    "condoleezza",
    "federica",
    "ursula",
    "liz",
    "jacinda",
    "julia",
    "marine",
    "giorgia",
    "dilma",
    "cristina",
    "samantha",
    "nikki",
    "madeleine",
    "queen",
    "princess",
    "mrs",
    "ms",
    "lady",
    "mother",
    "sister",
    "daughter",
    "woman",
    "girl",
    "wife",
    "niece",
    "aunt",
    "kate",
    "jane",
    "helen",
    "catherine",
    "victoria",
    "christine",
    "annalena",
    "kaja",
    "nicola",
    "golda",
    "indira",
    "benazir",
    "aung",
    "ellen",
];

/// Gender suggested by a folded first name or title, if any.
pub(crate) fn first_name_gender(first: &str) -> Option<Gender> {
    if MALE_FIRST.contains(&first) {
        Some(Gender::Male)
    } else if FEMALE_FIRST.contains(&first) {
        Some(Gender::Female)
    } else {
        None
    }
}

/// Folded words for which the first matching name is too risky without
/// capitals even in a capitalised dictionary entry.
pub(crate) fn is_common_word(f: &str) -> bool {
    COMMON_CAPS.contains(&f)
}

pub(crate) struct Matcher<'a> {
    kb: &'a KnowledgeBase,
    date: Option<NaiveDate>,
    /// Folded surnames by (first char, length) for spelling variants.
    fuzzy_index: &'a HashMap<(char, usize), Vec<String>>,
}

impl<'a> Matcher<'a> {
    pub(crate) fn new(
        kb: &'a KnowledgeBase,
        fuzzy_index: &'a HashMap<(char, usize), Vec<String>>,
        date: Option<NaiveDate>,
    ) -> Matcher<'a> {
        Matcher {
            kb,
            date,
            fuzzy_index,
        }
    }

    /// Longest name or agent match starting at token `i` (within `end`).
    fn atom_at(&self, words: &[&str], folded: &[String], i: usize, end: usize) -> Option<Atom> {
        let mut best: Option<Atom> = None;
        // Names.
        let mut node = 0u32;
        let mut j = i;
        // After a title ("President obama", "MS. PSAKI") a person's name
        // counts whatever its case.
        let after_title = i > 0 && crate::fuzzy::is_title(&folded[i - 1]);
        while j < end {
            let Some(n) = self.kb.names.step(node, &folded[j]) else {
                break;
            };
            node = n;
            j += 1;
            let vals = self.kb.names.values(node);
            if let Some(&alias) = vals.iter().find(|&&a| {
                let al = &self.kb.aliases[a as usize];
                al.case_ok(&words[i..j])
                    || (after_title
                        && al.kind == AliasKind::Name
                        && self.kb.actors[al.actor as usize].kind == ActorKind::Person)
            }) {
                // A single capitalised common word at a sentence start is not a name.
                if j - i == 1 && is_common_word(&folded[i]) {
                    continue;
                }
                // A lower-case name followed by "of" is a direction or a
                // part ("to the west of the city"), not the actor.
                if words[i..j]
                    .iter()
                    .all(|w| !w.chars().any(char::is_uppercase))
                    && folded.get(j).is_some_and(|w| w == "of")
                {
                    continue;
                }
                best = Some(Atom {
                    start: i,
                    end: j,
                    kind: AtomKind::Name { alias },
                });
            }
        }
        // Agents (case-insensitive).
        let mut node = 0u32;
        let mut j = i;
        while j < end {
            let Some(n) = self.kb.agent_trie.step(node, &folded[j]) else {
                break;
            };
            node = n;
            j += 1;
            if let Some(&agent) = self.kb.agent_trie.values(node).first() {
                if best.as_ref().is_none_or(|b| j > b.end) {
                    best = Some(Atom {
                        start: i,
                        end: j,
                        kind: AtomKind::Agent { agent },
                    });
                }
            }
        }
        if best.is_none() && (folded[i] == "'s" || folded[i] == "'") {
            best = Some(Atom {
                start: i,
                end: i + 1,
                kind: AtomKind::Possessive,
            });
        }
        best
    }

    /// Finds the mentions of one document (names, demonyms, agents, surnames,
    /// spelling variants, unknown names). Pronouns and descriptions are left
    /// to coreference.
    pub(crate) fn find(&self, doc: &Doc) -> (Vec<Mention>, Vec<MentionInfo>) {
        let words: Vec<&str> = doc.tokens.iter().map(|t| doc.slice(t.span)).collect();
        let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
        let mut mentions = Vec::new();
        let mut infos: Vec<MentionInfo> = Vec::new();
        // Surname (folded) → mention index, registered after full names.
        let mut surnames: HashMap<String, usize> = HashMap::new();
        for (si, sent) in doc.sentences.iter().enumerate() {
            let range = sent.tokens();
            let (s0, s1) = (range.start, range.end.min(words.len()));
            let mut atoms: Vec<Atom> = Vec::new();
            let mut i = s0;
            while i < s1 {
                match self.atom_at(&words, &folded, i, s1) {
                    Some(a) => {
                        i = a.end;
                        atoms.push(a);
                    }
                    None => i += 1,
                }
            }
            let mut covered = vec![false; s1 - s0];
            // Compose adjacent atoms into chunks.
            let mut k = 0;
            while k < atoms.len() {
                let mut e = k + 1;
                while e < atoms.len() && atoms[e].start == atoms[e - 1].end {
                    e += 1;
                }
                // Trailing possessives do not belong to the chunk.
                let mut chunk = &atoms[k..e];
                while chunk
                    .last()
                    .is_some_and(|a| matches!(a.kind, AtomKind::Possessive))
                {
                    chunk = &chunk[..chunk.len() - 1];
                }
                // A chunk may hold several separate names ("Iran Iraq war" is rare;
                // "Syria ISIS" never): split it where a name follows a name with
                // no agent or possessive between, unless the second is a person.
                for part in split_chunk(self.kb, chunk) {
                    if let Some((m, info)) = self.compose(doc, si, part, &words, &folded, s1) {
                        // An earlier person of this surname who is not
                        // this known one ("Hazem Qassem" … "Qassem said").
                        let other_earlier = info.person
                            && m.token_end == m.token_start + 1
                            && surnames
                                .get(&folded[m.token_start as usize])
                                .is_some_and(|&h| infos[h].actor != info.actor);
                        if other_earlier
                            || self.other_first_name(doc, &words, &folded, &covered, s0, &m, &info)
                        {
                            // "Hazem Qassem" is not Naim Qassem: left to the
                            // unknown-name pass as one name.
                            continue;
                        }
                        for t in m.token_start as usize..m.token_end as usize {
                            if let Some(c) = covered.get_mut(t - s0) {
                                *c = true;
                            }
                        }
                        if info.person {
                            let first = m.token_start as usize;
                            let last = m.token_end as usize - 1;
                            if last > first || info.actor.is_some() {
                                surnames.insert(folded[last].clone(), mentions.len());
                            }
                        }
                        mentions.push(m);
                        infos.push(info);
                    } else if let (Some(a), Some(b)) = (part.first(), part.last()) {
                        // Known words that are no actor here ("American
                        // history"): not unknown names either.
                        for t in a.start..b.end {
                            if let Some(c) = covered.get_mut(t - s0) {
                                *c = true;
                            }
                        }
                    }
                }
                k = e;
            }
            // Surnames after full names, spelling variants, unknown names.
            let mut headline: Option<bool> = None;
            let mut t = s0;
            while t < s1 {
                if covered[t - s0] || !is_capitalised(words[t]) {
                    t += 1;
                    continue;
                }
                let sentence_start = t == s0 || is_opening_punct(words[t - 1]);
                let upos = doc.tokens[t].upos.as_str();
                if let Some(&ante) = surnames.get(&folded[t]) {
                    let m = &mentions[ante];
                    let code = m.code.clone();
                    let info: MentionInfo = MentionInfo {
                        agents: Vec::new(),
                        plural: false,
                        ..infos[ante].clone()
                    };
                    let actor = m.actor.clone();
                    mentions.push(Mention {
                        sentence: si as u32,
                        span: doc.tokens[t].span,
                        token_start: t as u32,
                        token_end: t as u32 + 1,
                        kind: MentionKind::Name,
                        code,
                        actor,
                        antecedent: Some(ante as u32),
                        rule: format!("surname after full name (#{ante})"),
                    });
                    infos.push(info);
                    covered[t - s0] = true;
                    t += 1;
                    continue;
                }
                if let Some((actor, variant)) = self.fuzzy(&folded[t], words[t]) {
                    let r = self.kb.resolve(actor, AliasKind::Name, self.date);
                    let a = &self.kb.actors[actor as usize];
                    let idx = mentions.len();
                    surnames.insert(folded[t].clone(), idx);
                    mentions.push(Mention {
                        sentence: si as u32,
                        span: doc.tokens[t].span,
                        token_start: t as u32,
                        token_end: t as u32 + 1,
                        kind: MentionKind::Name,
                        code: r.code,
                        actor: Some(a.name.clone()),
                        antecedent: None,
                        rule: format!("spelling variant of {variant:?}: {}", r.why),
                    });
                    infos.push(MentionInfo {
                        actor: Some(actor),
                        actor_kind: Some(a.kind),
                        person: a.kind == ActorKind::Person,
                        gender: a.gender,
                        ..MentionInfo::default()
                    });
                    covered[t - s0] = true;
                    t += 1;
                    continue;
                }
                // "Kenya-U.S.", "US-Iran", "China-India": a compound of
                // known names is a mention of each.
                if let Some(parts) = self.compound(doc, t, words[t]) {
                    for (span, actor, _kind, code, why) in parts {
                        let a = &self.kb.actors[actor as usize];
                        mentions.push(Mention {
                            sentence: si as u32,
                            span,
                            token_start: t as u32,
                            token_end: t as u32 + 1,
                            kind: MentionKind::Name,
                            code,
                            actor: Some(a.name.clone()),
                            antecedent: None,
                            rule: format!("{why}; part of the compound {:?}", words[t]),
                        });
                        infos.push(MentionInfo {
                            actor: Some(actor),
                            actor_kind: Some(a.kind),
                            ..MentionInfo::default()
                        });
                    }
                    covered[t - s0] = true;
                    t += 1;
                    continue;
                }
                // Unknown named entity: a run of capitalised words.
                let prev = if t > s0 { words[t - 1] } else { "" };
                let next = words.get(t + 1).copied().unwrap_or("");
                // Speaker labels ("Q:", "WN:") and stage directions ("(Laughter.)").
                let label = (folded[t].chars().count() <= 2 && next == ":")
                    || (matches!(prev, "(" | "[") && t + 1 < s1 && matches!(next, ")" | "]" | "."));
                let proper =
                    !is_common_word(&folded[t]) && !label && (upos.is_empty() || upos == "PROPN");
                if !proper {
                    t += 1;
                    continue;
                }
                let mut e = t + 1;
                while e < s1 && !covered[e - s0] {
                    let w = words[e];
                    let up = doc.tokens[e].upos.as_str();
                    let cap_ok = is_capitalised(w)
                        && !is_common_word(&folded[e])
                        && (up.is_empty() || up == "PROPN");
                    let conn = NAME_CONNECTORS.contains(&folded[e].as_str())
                        && e + 1 < s1
                        && !covered[e + 1 - s0]
                        && is_capitalised(words[e + 1]);
                    if cap_ok || conn {
                        e += 1;
                    } else {
                        break;
                    }
                }
                let span = doc.tokens[t].span.cover(doc.tokens[e - 1].span);
                let text = doc.slice(span).to_string();
                let n = e - t;
                // "Ali Khamanei": a run that is a spelling variant of a
                // known full name, or ends in one of a curated surname, is
                // that person.
                if n > 1 {
                    let full = self.kb.name_variant(&folded[t..e]).map(|(al, _)| {
                        let al = &self.kb.aliases[al as usize];
                        (al.actor, al.text.as_str())
                    });
                    let variant = full.or_else(|| self.fuzzy(&folded[e - 1], words[e - 1]));
                    if let Some((actor, variant)) = variant {
                        let r = self.kb.resolve(actor, AliasKind::Name, self.date);
                        let a = &self.kb.actors[actor as usize];
                        surnames.insert(folded[e - 1].clone(), mentions.len());
                        mentions.push(Mention {
                            sentence: si as u32,
                            span,
                            token_start: t as u32,
                            token_end: e as u32,
                            kind: MentionKind::Name,
                            code: r.code,
                            actor: Some(a.name.clone()),
                            antecedent: None,
                            rule: format!("spelling variant of {variant:?}: {}", r.why),
                        });
                        infos.push(MentionInfo {
                            actor: Some(actor),
                            actor_kind: Some(a.kind),
                            person: true,
                            gender: a.gender,
                            ..MentionInfo::default()
                        });
                        for c in &mut covered[t - s0..e - s0] {
                            *c = true;
                        }
                        t = e;
                        continue;
                    }
                }
                // A lone capitalised word opening a sentence is usually an
                // ordinary word ("Officials said"); without a tagger, skip it.
                if n == 1 && sentence_start && upos.is_empty() {
                    t += 1;
                    continue;
                }
                // "Iranian-western": a hyphenated word ending in lower case is
                // an adjective, not a name.
                if n == 1
                    && words[t]
                        .rsplit('-')
                        .next()
                        .is_some_and(|p| case_of(p) == Case::Lower)
                {
                    t += 1;
                    continue;
                }
                let first = folded[t].as_str();
                let gender = if MALE_FIRST.contains(&first) {
                    Some(Gender::Male)
                } else if FEMALE_FIRST.contains(&first) {
                    Some(Gender::Female)
                } else {
                    None
                };
                // "Chagos Islands", "Jaffar Express", "Cato Institute": a
                // last word naming a kind of place or body is no person.
                // A run cut short before a body's head word that another
                // match took ("Sasakawa Peace" + "Foundation") is no
                // person either.
                let next_head = e < s1
                    && is_capitalised(words[e])
                    && NON_PERSON_HEADS.contains(&folded[e].as_str());
                let thing = NON_PERSON_HEADS.contains(&folded[e - 1].as_str())
                    || NON_PERSON_FIRST.contains(&folded[t].as_str())
                    || next_head;
                // In a headline ("Farmajo Signs Controversial Measure")
                // every word is capitalised: two of them are a person only
                // with a known first name.
                let headline = *headline.get_or_insert_with(|| headline_sentence(&words[s0..s1]));
                let person = !thing
                    && (gender.is_some()
                        || (n == 2
                            && !headline
                            && (t..e).all(|x| case_of(words[x]) == Case::Title)));
                // An unknown relative ("his son, Shkelzen Berisha") does not
                // take the surname over from a known person.
                let known_holder = surnames
                    .get(&folded[e - 1])
                    .is_some_and(|&h| has_country(mentions[h].code.as_ref()));
                if person && !known_holder {
                    surnames.insert(folded[e - 1].clone(), mentions.len());
                }
                mentions.push(Mention {
                    sentence: si as u32,
                    span,
                    token_start: t as u32,
                    token_end: e as u32,
                    kind: MentionKind::Unknown,
                    code: None,
                    actor: Some(text),
                    antecedent: None,
                    rule: "unknown named entity".to_string(),
                });
                infos.push(MentionInfo {
                    person,
                    gender,
                    ..MentionInfo::default()
                });
                for c in &mut covered[t - s0..e - s0] {
                    *c = true;
                }
                t = e;
            }
        }
        merge_titles(doc, &mut mentions, &mut infos);
        self.scope_by_of(&folded, &mut mentions, &infos);
        // Keep text order.
        let mut order: Vec<usize> = (0..mentions.len()).collect();
        order.sort_by_key(|&i| (mentions[i].span.start, mentions[i].span.end));
        let mut remap = vec![0u32; mentions.len()];
        for (new, &old) in order.iter().enumerate() {
            remap[old] = new as u32;
        }
        let mut out_m = Vec::with_capacity(mentions.len());
        let mut out_i = Vec::with_capacity(mentions.len());
        for &old in &order {
            let mut m = mentions[old].clone();
            m.antecedent = m.antecedent.map(|a| remap[a as usize]);
            out_m.push(m);
            out_i.push(infos[old].clone());
        }
        crate::roles::affiliations(self.kb, doc, &folded, &mut out_m, &out_i);
        (out_m, out_i)
    }

    /// The known names a hyphenated token joins ("Kenya-U.S.", "US-Iran"):
    /// each part's span, actor, alias kind, code and reason; `None` unless
    /// there are two or more parts and every one is a known non-person name.
    #[allow(clippy::type_complexity)]
    fn compound(
        &self,
        doc: &Doc,
        t: usize,
        word: &str,
    ) -> Option<Vec<(Span, u32, AliasKind, Option<ActorCode>, String)>> {
        if !word.contains(['-', '–']) || !is_capitalised(word) {
            return None;
        }
        let base = doc.tokens[t].span.start;
        let mut out = Vec::new();
        let mut start = 0usize;
        let ends = word
            .char_indices()
            .filter(|&(_, c)| c == '-' || c == '–')
            .chain(std::iter::once((word.len(), '-')));
        for (i, c) in ends {
            let part = &word[start..i];
            let part_start = start;
            start = i + c.len_utf8();
            let ws = crate::norm::phrase_words(part);
            if ws.is_empty() {
                return None;
            }
            let al = self.kb.aliases_for(&ws).iter().copied().find(|&al| {
                let al = &self.kb.aliases[al as usize];
                al.case_ok(&[part]) && self.kb.actors[al.actor as usize].kind != ActorKind::Person
            })?;
            let al = &self.kb.aliases[al as usize];
            let r = self.kb.resolve(al.actor, al.kind, self.date);
            let span = Span {
                start: base + part_start as u32,
                end: base + i as u32,
            };
            out.push((span, al.actor, al.kind, r.code, r.why));
        }
        (out.len() >= 2).then_some(out)
    }

    /// A known person matched by the surname alone right after a capitalised
    /// proper name that is not part of the person's name ("Hamas spokesman
    /// Hazem Qassem" is not Naim Qassem): another person.
    #[allow(clippy::too_many_arguments)]
    fn other_first_name(
        &self,
        doc: &Doc,
        words: &[&str],
        folded: &[String],
        covered: &[bool],
        s0: usize,
        m: &Mention,
        info: &MentionInfo,
    ) -> bool {
        let (Some(actor), true) = (info.actor, info.person) else {
            return false;
        };
        let t = m.token_start as usize;
        if m.token_end as usize != t + 1 || t <= s0 || covered[t - 1 - s0] {
            return false;
        }
        let p = t - 1;
        let up = doc.tokens[p].upos.as_str();
        if case_of(words[p]) != Case::Title
            || is_common_word(&folded[p])
            || !(up.is_empty() || up == "PROPN")
            || ((p == s0 || is_opening_punct(words[p - 1])) && up != "PROPN")
        {
            return false;
        }
        let name = fold(&self.kb.actors[actor as usize].name);
        !name.split(' ').any(|w| w == folded[p])
    }

    /// "The Senate of Nigeria": a state body followed by "of" and a country
    /// belongs to that country.
    fn scope_by_of(&self, folded: &[String], mentions: &mut [Mention], infos: &[MentionInfo]) {
        let by_start: HashMap<u32, usize> = mentions
            .iter()
            .enumerate()
            .map(|(i, m)| (m.token_start, i))
            .collect();
        for i in 0..mentions.len() {
            let m = &mentions[i];
            let (Some(kind), Some(code)) = (infos[i].actor_kind, m.code.as_ref()) else {
                continue;
            };
            if folded.get(m.token_end as usize).map(String::as_str) != Some("of") {
                continue;
            }
            let Some(&n) = by_start.get(&(m.token_end + 1)) else {
                continue;
            };
            if infos[n].actor_kind != Some(ActorKind::Country) {
                continue;
            }
            let Some(root) = mentions[n].code.as_ref().map(|c| c.root().to_string()) else {
                continue;
            };
            if let Some(scoped) = rescope(kind, code, &root) {
                let m = &mut mentions[i];
                m.rule.push_str(&format!("; \"of\" {root}: {scoped}"));
                m.code = Some(scoped);
            }
        }
    }

    /// A spelling variant of a curated person's surname ("Khamanei").
    fn fuzzy(&self, folded: &str, word: &str) -> Option<(u32, &'a str)> {
        let n = folded.chars().count();
        if n < 7 || case_of(word) != Case::Title {
            return None;
        }
        let first = folded.chars().next()?;
        let mut found: Option<(u32, &str)> = None;
        for len in n - 1..=n + 1 {
            for cand in self
                .fuzzy_index
                .get(&(first, len))
                .map_or(&[][..], |v| v.as_slice())
            {
                let cand = cand.as_str();
                if cand == folded {
                    continue;
                }
                if edit_distance(cand, folded, 1).is_some() {
                    let ids = self.kb.surnames.get(cand)?;
                    if ids.len() != 1 || found.is_some_and(|f| f.0 != ids[0]) {
                        return None;
                    }
                    found = Some((ids[0], cand));
                }
            }
        }
        found
    }

    /// Turns a chunk of adjacent atoms into one mention.
    fn compose(
        &self,
        doc: &Doc,
        si: usize,
        chunk: &[Atom],
        words: &[&str],
        folded: &[String],
        s1: usize,
    ) -> Option<(Mention, MentionInfo)> {
        let first = chunk.first()?;
        let last = chunk.last()?;
        // The head part follows the last possessive.
        let poss = chunk
            .iter()
            .rposition(|a| matches!(a.kind, AtomKind::Possessive));
        let (owner, head) = match poss {
            Some(p) => (&chunk[..p], &chunk[p + 1..]),
            None => (&chunk[..0], chunk),
        };
        let kb = self.kb;
        let mut rules: Vec<String> = Vec::new();
        let mut info = MentionInfo::default();
        let head_person = head.iter().rev().find_map(|a| match a.kind {
            AtomKind::Name { alias } => {
                let al = &kb.aliases[alias as usize];
                (kb.actors[al.actor as usize].kind == ActorKind::Person).then_some(alias)
            }
            _ => None,
        });
        let head_name = head.iter().rev().find_map(|a| match a.kind {
            AtomKind::Name { alias } => Some(alias),
            _ => None,
        });
        let agents: Vec<u32> = head
            .iter()
            .filter_map(|a| match a.kind {
                AtomKind::Agent { agent } => Some(agent),
                _ => None,
            })
            .collect();
        let owner_name = owner.iter().rev().find_map(|a| match a.kind {
            AtomKind::Name { alias } => Some(alias),
            _ => None,
        });
        let mut kind = MentionKind::Name;
        let mut actor_name: Option<String> = None;
        let mut code: Option<ActorCode>;
        let last_is_agent = matches!(last.kind, AtomKind::Agent { .. });
        if let Some(alias) = head_person {
            // A person named in the chunk decides the code: titles and
            // countries before the name are part of the same mention.
            let al = &kb.aliases[alias as usize];
            let r = kb.resolve(al.actor, al.kind, self.date);
            let a = &kb.actors[al.actor as usize];
            code = r.code.clone();
            actor_name = Some(a.name.clone());
            info.actor = Some(al.actor);
            info.actor_kind = Some(a.kind);
            info.person = true;
            info.gender = a.gender;
            rules.push(r.why);
            if chunk.len() > 1 {
                rules.push("titles/country before the name folded into one mention".into());
            }
            if last_is_agent {
                // "Obama's administration" is handled by the possessive; a
                // trailing agent after a name ("Assad forces") keeps the root.
                if let Some(c) = &code {
                    code = Some(append_agents(kb, c.root(), &agents));
                    info.person = false;
                    info.plural = true;
                }
            }
        } else if let Some(alias) = head_name.filter(|_| !last_is_agent || head.len() == 1) {
            let al = &kb.aliases[alias as usize];
            let r = kb.resolve(al.actor, al.kind, self.date);
            let a = &kb.actors[al.actor as usize];
            code = r.code.clone();
            info.actor = Some(al.actor);
            info.actor_kind = Some(a.kind);
            actor_name = Some(a.name.clone());
            rules.push(r.why);
            // Agent words before the name ("Bree Prime Minister Romendacil",
            // "MSF Arnor") qualify it, as in PETRARCH: BRE + GOV, NGO + ARN.
            let name_at = head
                .iter()
                .rposition(|a| matches!(a.kind, AtomKind::Name { alias: x } if x == alias));
            let agent_before = name_at.is_some_and(|n| {
                head[..n]
                    .iter()
                    .any(|a| matches!(a.kind, AtomKind::Agent { .. }))
            });
            // "Rwanda's Senate", "the Kenyan Senate": a possessor or a
            // country before a state body scopes it to that country, not the
            // one the bare name defaults to.
            let scope = owner_name
                .into_iter()
                .chain(head.iter().filter_map(|x| match x.kind {
                    AtomKind::Name { alias: y } if y != alias => Some(y),
                    _ => None,
                }))
                .find_map(|y| {
                    let ya = &kb.aliases[y as usize];
                    (kb.actors[ya.actor as usize].kind == ActorKind::Country)
                        .then(|| kb.resolve(ya.actor, ya.kind, self.date).code)
                        .flatten()
                });
            if let (Some(sc), Some(c)) = (&scope, &code) {
                if let Some(scoped) = rescope(a.kind, c, sc.root()) {
                    rules.push(format!("scoped by {}: {scoped}", sc.root()));
                    code = Some(scoped);
                }
            }
            if agent_before && al.kind != AliasKind::Demonym {
                if let Some(c) = &code {
                    code = Some(append_agents(kb, c.as_str(), &agents));
                    rules.push("agent before the name".into());
                }
            }
            let prev = first
                .start
                .checked_sub(1)
                .map_or("", |p| folded[p].as_str());
            if al.kind == AliasKind::Metonym && LOCATIVE.contains(&prev) {
                // "talks in Paris": the place, not the government.
                code = code.map(|c| ActorCode::new(c.root()));
                rules.push(format!("after {prev:?}: a place, coded as the country"));
            }
            if al.kind == AliasKind::Demonym {
                kind = MentionKind::Demonym;
                let w = folded[last.end - 1].as_str();
                info.plural = w.ends_with('s');
                // An adjective before an ordinary noun ("Syrian civil war") is
                // not an actor mention.
                let next = words.get(last.end).copied().unwrap_or("");
                let next_upos = doc.tokens.get(last.end).map_or("", |t| t.upos.as_str());
                let adjective_use = last.end < s1
                    && (matches!(next_upos, "NOUN" | "PROPN" | "ADJ")
                        || (next_upos.is_empty()
                            && case_of(next) == Case::Lower
                            && next.chars().all(char::is_alphabetic)));
                if adjective_use && !info.plural {
                    return None;
                }
            }
        } else {
            // Agents with a possessor or a country/demonym before them.
            let base = owner_name.or(head_name);
            match base {
                Some(alias) => {
                    let al = &kb.aliases[alias as usize];
                    let r = kb.resolve(al.actor, al.kind, self.date);
                    let a = &kb.actors[al.actor as usize];
                    // "Assad's forces": the possessor's country, not his office.
                    let root = r.code.as_ref().map(|c| {
                        if a.kind == ActorKind::Person && !agents.is_empty() {
                            c.root().to_string()
                        } else {
                            c.as_str().to_string()
                        }
                    });
                    code = root.map(|c| append_agents(kb, &c, &agents));
                    actor_name = Some(a.name.clone());
                    info.actor = Some(al.actor);
                    info.actor_kind = Some(a.kind);
                    info.person = a.kind == ActorKind::Person && agents.is_empty();
                    rules.push(r.why);
                    if al.kind == AliasKind::Demonym {
                        kind = MentionKind::Demonym;
                        rules.push("demonym + agent".into());
                    }
                }
                None => {
                    if agents.is_empty() {
                        return None;
                    }
                    // "military action", "intelligence sharing": an agent word
                    // before an ordinary noun is a modifier, not an actor.
                    let next = words.get(last.end).copied().unwrap_or("");
                    let next_upos = doc.tokens.get(last.end).map_or("", |t| t.upos.as_str());
                    let lw = folded[last.end - 1].as_str();
                    let plural_word = lw.ends_with('s') && !lw.ends_with("ss");
                    // (A title before a name, "Ayatollah Khamanei", is kept.)
                    let modifier = last.end < s1
                        && !plural_word
                        && (next_upos == "NOUN"
                            || (next_upos.is_empty()
                                && case_of(next) == Case::Lower
                                && next.chars().all(char::is_alphabetic)
                                && !is_function_word(&folded[last.end])));
                    if modifier {
                        return None;
                    }
                    // An agent word on its own ("journalists", "the official"):
                    // country unknown.
                    kind = MentionKind::Description;
                    code = Some(append_agents(kb, "---", &agents));
                    rules.push("agent without a named actor".into());
                }
            }
            if let Some(&g) = agents.last() {
                let ag = &kb.agents[g as usize];
                rules.push(format!(
                    "agent {:?} [{}{}] ({})",
                    ag.phrase.to_lowercase(),
                    if ag.prefix { "" } else { "~" },
                    ag.code,
                    ag.source
                ));
                let w = folded[last.end - 1].as_str();
                info.plural = w.ends_with('s') && !w.ends_with("ss");
            }
        }
        for &g in &agents {
            let c = &kb.agents[g as usize].code;
            if !info.agents.contains(c) {
                info.agents.push(c.clone());
            }
        }
        let span = doc.tokens[first.start]
            .span
            .cover(doc.tokens[last.end - 1].span);
        let rule = rules.join("; ");
        Some((
            Mention {
                sentence: si as u32,
                span,
                token_start: first.start as u32,
                token_end: last.end as u32,
                kind,
                code,
                actor: actor_name,
                antecedent: None,
                rule,
            },
            info,
        ))
    }
}

/// Folds a title chunk ("Iranian Supreme Leader Ayatollah", "Prime Minister")
/// into the person name right after it ("Ali Khamanei", "Tony Abbott"): one
/// mention, coded by the person when known, else by the title.
fn merge_titles(doc: &Doc, mentions: &mut Vec<Mention>, infos: &mut Vec<MentionInfo>) {
    let mut by_start: HashMap<u32, usize> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        by_start.insert(m.token_start, i);
    }
    let mut removed = vec![false; mentions.len()];
    let mut redirect: HashMap<u32, u32> = HashMap::new();
    for a in 0..mentions.len() {
        if removed[a] || infos[a].agents.is_empty() || infos[a].person {
            continue;
        }
        let Some(&b) = by_start.get(&mentions[a].token_end) else {
            continue;
        };
        if b == a || removed[b] || !infos[b].person || mentions[b].sentence != mentions[a].sentence
        {
            continue;
        }
        let title = mentions[a].clone();
        let person = mentions[b].clone();
        let known = person.kind != MentionKind::Unknown;
        let merged = Mention {
            span: title.span.cover(person.span),
            token_start: title.token_start,
            token_end: person.token_end,
            code: if known {
                person.code.clone()
            } else {
                title.code.clone()
            },
            actor: person.actor.clone(),
            kind: person.kind,
            rule: if known {
                format!(
                    "{}; title {:?} folded in",
                    person.rule,
                    doc.slice(title.span)
                )
            } else {
                format!(
                    "unknown name after title {:?}: {}",
                    doc.slice(title.span),
                    title.rule
                )
            },
            ..person
        };
        let mut info = infos[b].clone();
        if !known {
            info.actor_kind = Some(ActorKind::Person);
        }
        info.agents = infos[a].agents.clone();
        mentions[a] = merged;
        infos[a] = info;
        removed[b] = true;
        redirect.insert(b as u32, a as u32);
    }
    if redirect.is_empty() {
        return;
    }
    let mut new_index = vec![0u32; mentions.len()];
    let mut n = 0u32;
    for (i, r) in removed.iter().enumerate() {
        new_index[i] = n;
        if !r {
            n += 1;
        }
    }
    let old_m = std::mem::take(mentions);
    let old_i = std::mem::take(infos);
    for (i, (mut m, info)) in old_m.into_iter().zip(old_i).enumerate() {
        if removed[i] {
            continue;
        }
        m.antecedent = m.antecedent.map(|x| {
            let x = redirect.get(&x).copied().unwrap_or(x);
            new_index[x as usize]
        });
        mentions.push(m);
        infos.push(info);
    }
}

/// A code with a known country (not `---GOV`).
fn has_country(c: Option<&ActorCode>) -> bool {
    c.is_some_and(|c| !c.as_str().starts_with("---"))
}

/// Splits a run of adjacent atoms where one name directly follows another
/// non-person name with nothing joining them, or where an agent is followed
/// by a non-person name ("official Reuters").
fn split_chunk<'c>(kb: &KnowledgeBase, chunk: &'c [Atom]) -> Vec<&'c [Atom]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..chunk.len() {
        let prev = &chunk[i - 1];
        let cur = &chunk[i];
        let cur_person = match cur.kind {
            AtomKind::Name { alias } => {
                kb.actors[kb.aliases[alias as usize].actor as usize].kind == ActorKind::Person
            }
            _ => false,
        };
        let cur_org = match cur.kind {
            AtomKind::Name { alias } => {
                let a = &kb.aliases[alias as usize];
                let k = kb.actors[a.actor as usize].kind;
                a.kind == AliasKind::Name && matches!(k, ActorKind::Institution)
            }
            _ => false,
        };
        let split = match (&prev.kind, &cur.kind) {
            (AtomKind::Name { alias }, AtomKind::Name { .. }) => {
                let a = &kb.aliases[*alias as usize];
                // "US State Department", "Iranian Supreme Leader Khamenei" stay whole.
                !(cur_person || cur_org || a.kind == AliasKind::Demonym)
            }
            _ => false,
        };
        if split {
            out.push(&chunk[start..i]);
            start = i;
        }
    }
    out.push(&chunk[start..]);
    out
}

/// A state body's code moved to another country (`USAGOVLEG` in `RWA` →
/// `RWAGOVLEG`); `None` when the actor is no state body or already there.
pub(crate) fn rescope(kind: ActorKind, code: &ActorCode, root: &str) -> Option<ActorCode> {
    if !matches!(
        kind,
        ActorKind::Institution | ActorKind::Other | ActorKind::Organization
    ) {
        return None;
    }
    let c = code.as_str();
    let own = code.root();
    let rest = c.get(own.len()..)?;
    if own == root || own.len() != 3 || rest.is_empty() || root.len() != 3 {
        return None;
    }
    // Only sector codes (GOV, LEG, MIL, JUD, …), not an organisation's own code.
    let sector = &rest[..3.min(rest.len())];
    if !matches!(
        sector,
        "GOV" | "LEG" | "MIL" | "JUD" | "SPY" | "COP" | "OPP" | "PTY" | "ELI"
    ) {
        return None;
    }
    Some(ActorCode::new(format!("{root}{rest}")))
}

/// Appends agent code parts to `base` (`IRN` + `GOV` → `IRNGOV`), skipping
/// parts it already has; `[XXX~]` agents go in front.
fn append_agents(kb: &KnowledgeBase, base: &str, agents: &[u32]) -> ActorCode {
    let mut code = base.to_string();
    for &g in agents {
        let ag = &kb.agents[g as usize];
        if ag.prefix {
            if !code.starts_with(&ag.code) {
                code = format!("{}{code}", ag.code);
            }
        } else if !ActorCode::new(code.clone()).parts()[1..].contains(&ag.code.as_str())
            && !code.ends_with(&ag.code)
        {
            code.push_str(&ag.code);
        }
    }
    ActorCode::new(code)
}

/// A headline: at least four words, nearly all of them capitalised.
fn headline_sentence(words: &[&str]) -> bool {
    let alpha: Vec<&&str> = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    let caps = alpha.iter().filter(|w| is_capitalised(w)).count();
    alpha.len() >= 4 && caps * 5 >= alpha.len() * 4
}

fn is_capitalised(w: &str) -> bool {
    matches!(case_of(w), Case::Title | Case::Upper)
}

fn is_opening_punct(w: &str) -> bool {
    matches!(
        w,
        "\"" | "“" | "‘" | "'" | "(" | "[" | ":" | "—" | "–" | "-" | "…"
    )
}

/// Span of tokens `a..b`.
#[allow(dead_code)]
pub(crate) fn token_span(doc: &Doc, a: usize, b: usize) -> Span {
    doc.tokens[a].span.cover(doc.tokens[b - 1].span)
}
