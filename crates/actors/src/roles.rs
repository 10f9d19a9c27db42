//! Role and affiliation of people the knowledge base does not know, from
//! what the article says about them:
//!
//! - an apposition or relative clause after the name ("Jian Badrakhan, vice
//!   chairman of the Germany-based Kurdish Center", "Chalida Tajaroensuk,
//!   who heads Thailand's People's Empowerment Foundation");
//! - an affiliation after "of"/"from"/"at" ("Huseyin Bagci of the Foreign
//!   Policy Institute, a think tank in Ankara");
//! - the words before the name ("Turkish presidential adviser Mesut Casin",
//!   "Cameroon Livestock Ministry official Denise Abanda", "Guterres'
//!   spokesman, Stephane Dujarric", "Jakarta-based activist Ryan Febrianto").
//!
//! The country comes from an actor mention with a country in that stretch
//! (a country, demonym, capital, organisation or possessor) or from a place
//! the gazetteer knows (after "in"/"from"/…, before "'s", or "X-based"); the
//! sector from the role word (minister → GOV, professor → EDU, lawyer → JUD,
//! …). The code found for any mention of a person is then given to every
//! mention of the same person in the article: the full name repeated and the
//! surname alone, before or after ("Lai, a 77-year-old British national" …
//! "Jimmy Lai").

use std::collections::HashMap;

use entente_core::{ActorCode, Doc, Mention, MentionKind};

use crate::kb::{ActorKind, AliasKind, KnowledgeBase};
use crate::matcher::MentionInfo;
use crate::norm::{case_of, Case};
use crate::places::Gazetteer;

/// Role words of named people the agent dictionaries lack or code for
/// groups, with the sector they give (CAMEO agent codes).
const ROLE_WORDS: &[(&str, &str)] = &[
    ("minister", "GOV"),
    ("secretary", "GOV"),
    ("official", "GOV"),
    ("spokesman", "GOV"),
    ("spokeswoman", "GOV"),
    ("spokesperson", "GOV"),
    ("adviser", "GOV"),
    ("advisor", "GOV"),
    ("ambassador", "GOV"),
    ("envoy", "GOV"),
    ("rapporteur", "GOV"),
    ("diplomat", "GOV"),
    ("governor", "GOV"),
    ("mayor", "GOV"),
    ("president", "GOV"),
    ("presidential", "GOV"),
    ("premier", "GOV"),
    ("ministry", "GOV"),
    ("undersecretary", "GOV"),
    ("cabinet", "GOV"),
    ("commissioner", "GOV"),
    ("lawmaker", "LEG"),
    ("legislator", "LEG"),
    ("senator", "LEG"),
    ("congressman", "LEG"),
    ("congresswoman", "LEG"),
    ("parliamentarian", "LEG"),
    ("mp", "LEG"),
    ("general", "MIL"),
    ("commander", "MIL"),
    ("colonel", "MIL"),
    ("admiral", "MIL"),
    ("military", "MIL"),
    ("army", "MIL"),
    ("judge", "JUD"),
    ("justice", "JUD"),
    ("prosecutor", "JUD"),
    ("lawyer", "JUD"),
    ("attorney", "JUD"),
    ("professor", "EDU"),
    ("lecturer", "EDU"),
    ("scholar", "EDU"),
    ("researcher", "EDU"),
    ("fellow", "EDU"),
    ("analyst", "EDU"),
    ("expert", "EDU"),
    ("historian", "EDU"),
    ("economist", "EDU"),
    ("academic", "EDU"),
    ("student", "EDU"),
    ("teacher", "EDU"),
    ("university", "EDU"),
    ("journalist", "MED"),
    ("reporter", "MED"),
    ("correspondent", "MED"),
    ("editor", "MED"),
    ("publisher", "MED"),
    ("columnist", "MED"),
    ("host", "MED"),
    ("anchor", "MED"),
    ("blogger", "MED"),
    ("newspaper", "MED"),
    ("businessman", "BUS"),
    ("businesswoman", "BUS"),
    ("executive", "BUS"),
    ("ceo", "BUS"),
    ("consultant", "BUS"),
    ("entrepreneur", "BUS"),
    ("banker", "BUS"),
    ("investor", "BUS"),
    ("owner", "BUS"),
    ("company", "BUS"),
    ("activist", "OPP"),
    ("dissident", "OPP"),
    ("protester", "OPP"),
    ("opposition", "OPP"),
    ("doctor", "HLH"),
    ("physician", "HLH"),
    ("nurse", "HLH"),
    ("cleric", "REL"),
    ("imam", "REL"),
    ("priest", "REL"),
    ("bishop", "REL"),
    ("pastor", "REL"),
    ("rabbi", "REL"),
    ("militant", "REB"),
    ("rebel", "REB"),
    ("insurgent", "REB"),
    ("gang", "CRM"),
    ("refugee", "REF"),
    ("migrant", "REF"),
    ("resident", "CVL"),
    ("villager", "CVL"),
    ("farmer", "CVL"),
    ("passenger", "CVL"),
    ("mother", "CVL"),
    ("father", "CVL"),
    ("worker", "CVL"),
];

/// Role words that give no sector but show that the words before a name
/// describe the person ("Israeli counterpart X", "Kurdish Center vice
/// chairman X").
const ROLE_ONLY: &[&str] = &[
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "head",
    "leader",
    "chief",
    "founder",
    "co-founder",
    "member",
    "counterpart",
    "coordinator",
    "representative",
    "manager",
    "officer",
    "deputy",
    "national",
    "citizen",
    "veteran",
    "politician",
    "figure",
    "defector",
    "spokesperson",
    "staffer",
    "aide",
];

/// Prepositions before a country that is the role's subject, not the
/// person's affiliation ("special envoy for North Korea").
fn portfolio_prep(f: &str) -> bool {
    matches!(
        f,
        "for" | "on" | "against" | "toward" | "towards" | "over" | "about" | "to"
    )
}

/// A role word, with or without a sector.
fn is_role(f: &str) -> bool {
    role_sector(f).is_some()
        || ROLE_ONLY.contains(&f)
        || f.strip_suffix('s').is_some_and(|g| ROLE_ONLY.contains(&g))
}

/// Words after a name's comma that open a relative clause giving a role
/// ("X, who heads the Y ministry"): the clause is read like an apposition.
const RELATIVE_ROLE_VERBS: &[&str] = &[
    "heads",
    "headed",
    "leads",
    "led",
    "runs",
    "ran",
    "directs",
    "directed",
    "chairs",
    "chaired",
    "represents",
    "represented",
    "is",
    "was",
    "works",
    "worked",
    "serves",
    "served",
];

/// Words that end an apposition or affiliation.
fn stops_apposition(f: &str) -> bool {
    matches!(
        f,
        "," | "."
            | ";"
            | ":"
            | ")"
            | "("
            | "said"
            | "says"
            | "told"
            | "added"
            | "noted"
            | "who"
            | "which"
            | "—"
            | "–"
            | "\""
            | "“"
            | "”"
    )
}

/// Prepositions after which a capitalised run is read as a place.
fn place_prep(f: &str) -> bool {
    matches!(
        f,
        "in" | "from" | "near" | "outside" | "at" | "of" | "based"
    )
}

/// Suffixes that make a place or body an affiliation ("Germany-based",
/// "United Nations-appointed", "Iran-backed", "Kenyan-born").
const AFFILIATION_SUFFIXES: &[&str] = &["based", "appointed", "backed", "born", "funded", "led"];

/// The stem of "X-based" and the like (the last word of "New York-based").
fn based_stem(w: &str) -> Option<&str> {
    let (stem, suffix) = w.rsplit_once(['-', '–'])?;
    (AFFILIATION_SUFFIXES.contains(&suffix) && !stem.is_empty()).then_some(stem)
}

fn is_based(w: &str) -> bool {
    based_stem(w).is_some()
}

/// Sector of a role word (singular or plural).
fn role_sector(f: &str) -> Option<&'static str> {
    let look = |w: &str| ROLE_WORDS.iter().find(|(r, _)| *r == w).map(|(_, s)| *s);
    look(f).or_else(|| f.strip_suffix('s').and_then(look))
}

/// A code with a known country (not `---GOV`).
pub(crate) fn has_country(c: Option<&ActorCode>) -> bool {
    c.is_some_and(|c| !c.as_str().starts_with("---"))
}

/// What a stretch of text says about a person.
#[derive(Debug, Default)]
struct Evidence {
    /// Affiliation: a country root (`TUR`) or an organisation's code.
    country: Option<ActorCode>,
    /// Sector of the role word (`GOV`, `EDU`, …).
    sector: Option<&'static str>,
    /// What the country came from, for the rule.
    from: String,
    /// A role word was seen (with or without a sector).
    role: bool,
    /// The affiliation is a possessive right before the name ("Uganda's
    /// Bobi Wine").
    adjacent_possessive: bool,
}

impl Evidence {
    fn code(&self) -> Option<ActorCode> {
        let c = self.country.as_ref()?;
        Some(match self.sector {
            Some(s) if c.as_str().len() == 3 => ActorCode::new(format!("{c}{s}")),
            _ => c.clone(),
        })
    }
}

/// Read-only view of a document's words and mentions.
struct View<'a> {
    kb: &'a KnowledgeBase,
    doc: &'a Doc,
    words: Vec<&'a str>,
    folded: &'a [String],
    /// Token → index of the mention covering it.
    covering: Vec<Option<usize>>,
    gazetteer: &'static Gazetteer,
}

impl View<'_> {
    fn upos(&self, t: usize) -> &str {
        self.doc.tokens[t].upos.as_str()
    }

    /// Affiliation given by mention `j`: a country's root, or an
    /// organisation's own code.
    fn mention_affiliation(
        &self,
        mentions: &[Mention],
        infos: &[MentionInfo],
        j: usize,
    ) -> Option<ActorCode> {
        let c = mentions[j].code.as_ref().filter(|c| has_country(Some(c)))?;
        match infos[j].actor_kind {
            // "a Polish opposition lawmaker" (POLOPPLEG): the phrase's
            // code when it carries agents, else the country.
            Some(ActorKind::Country) if !infos[j].agents.is_empty() => Some(c.clone()),
            Some(ActorKind::Country) | None => Some(ActorCode::new(c.root())),
            Some(ActorKind::Person) => Some(ActorCode::new(c.root())),
            Some(_) => Some(c.clone()),
        }
    }

    /// A country's demonym or name at token `t` that no mention covers
    /// ("Turkish presidential adviser", "a British national"): its code.
    fn demonym_at(&self, t: usize) -> Option<(String, String)> {
        let w = std::slice::from_ref(&self.folded[t]);
        for &al in self.kb.aliases_for(w) {
            let al = &self.kb.aliases[al as usize];
            if !matches!(al.kind, AliasKind::Demonym | AliasKind::Name)
                || !al.case_ok(&[self.words[t]])
            {
                continue;
            }
            let a = &self.kb.actors[al.actor as usize];
            if a.kind != ActorKind::Country {
                continue;
            }
            if let Some(c) = a.codes.iter().find(|c| c.from.is_none()) {
                return Some((c.code.root().to_string(), self.words[t].to_string()));
            }
        }
        None
    }

    /// "United Nations-appointed", "Germany-based": the stem with up to two
    /// capitalised words before it, longest first, as a known actor with a
    /// country or organisation code, else a place.
    fn based_affiliation(&self, t: usize, stem: &str) -> Option<(String, String)> {
        for k in (0..=2usize.min(t)).rev() {
            if (t - k..t).any(|x| case_of(self.words[x]) == Case::Lower) {
                continue;
            }
            let mut ws: Vec<String> = self.folded[t - k..t].to_vec();
            ws.extend(crate::norm::phrase_words(stem));
            for &al in self.kb.aliases_for(&ws) {
                let al = &self.kb.aliases[al as usize];
                let a = &self.kb.actors[al.actor as usize];
                let Some(c) = a.codes.iter().find(|c| c.from.is_none()) else {
                    continue;
                };
                if a.kind == ActorKind::Person || !has_country(Some(&c.code)) {
                    continue;
                }
                let code = if a.kind == ActorKind::Country {
                    c.code.root().to_string()
                } else {
                    c.code.to_string()
                };
                return Some((code, a.name.clone()));
            }
            let text = ws.join(" ");
            if let Some(p) = self.gazetteer.resolve_place(&text) {
                return Some((p.country, text));
            }
        }
        None
    }

    /// A place at tokens `a..b` (uncovered capitalised words, or one
    /// "X-based" word) the gazetteer knows: its country.
    fn place_at(&self, a: usize, b: usize) -> Option<(String, String)> {
        if b == a + 1 {
            if let Some(stem) = based_stem(self.words[a]) {
                return self.based_affiliation(a, stem);
            }
        }
        let text = self
            .doc
            .slice(self.doc.tokens[a].span.cover(self.doc.tokens[b - 1].span));
        let p = self.gazetteer.resolve_place(text)?;
        Some((p.country, text.to_string()))
    }

    /// Evidence in tokens `a..b` (an apposition or affiliation after the
    /// name): the first affiliation and the first role word.
    fn scan(&self, mentions: &[Mention], infos: &[MentionInfo], a: usize, b: usize) -> Evidence {
        let mut ev = Evidence::default();
        let mut t = a;
        while t < b {
            let f = self.folded[t].as_str();
            if f == "and"
                && self
                    .words
                    .get(t + 1)
                    .is_some_and(|w| case_of(w) != Case::Lower)
            {
                break;
            }
            if ev.sector.is_none() && case_of(self.words[t]) == Case::Lower {
                ev.sector = role_sector(f);
            }
            ev.role |= is_role(f);
            let portfolio = t > a && portfolio_prep(&self.folded[t - 1]);
            if portfolio {
                if let Some(j) = self.covering[t] {
                    t = (mentions[j].token_end as usize).max(t + 1);
                } else {
                    t += 1;
                }
                continue;
            }
            if let Some(j) = self.covering[t] {
                if infos[j].person && infos[j].agents.is_empty() && !infos[j].plural {
                    // Another person: what follows is about them.
                    break;
                }
                if ev.country.is_none() {
                    if let Some(c) = self.mention_affiliation(mentions, infos, j) {
                        ev.from = self.doc.slice(mentions[j].span).to_string();
                        ev.country = Some(c);
                    }
                }
                if ev.sector.is_none() {
                    if let Some(c) = &mentions[j].code {
                        if c.as_str().starts_with("---") && c.as_str().len() >= 6 {
                            ev.sector = ROLE_WORDS
                                .iter()
                                .map(|(_, s)| *s)
                                .find(|s| *s == &c.as_str()[3..6]);
                        }
                    }
                }
                t = (mentions[j].token_end as usize).max(t + 1);
                continue;
            }
            if ev.country.is_none() && matches!(case_of(self.words[t]), Case::Title | Case::Upper) {
                let mut e = t + 1;
                while e < b
                    && self.covering[e].is_none()
                    && matches!(case_of(self.words[e]), Case::Title | Case::Upper)
                {
                    e += 1;
                }
                let single = if is_based(self.words[t]) {
                    self.place_at(t, t + 1)
                } else {
                    self.demonym_at(t)
                };
                if let Some((c, text)) = single {
                    ev.country = Some(ActorCode::new(c));
                    ev.from = text;
                    t += 1;
                    continue;
                }
                let after_prep = t > 0 && place_prep(&self.folded[t - 1]);
                let possessive =
                    matches!(self.folded.get(e).map(String::as_str), Some("'s" | "’s"));
                if after_prep || possessive {
                    if let Some((c, text)) = self.place_at(t, e) {
                        ev.country = Some(ActorCode::new(c));
                        ev.from = text;
                    }
                }
                t = e;
                continue;
            }
            t += 1;
        }
        ev
    }

    /// Evidence in the words right before a name ("Turkish presidential
    /// adviser", "WindEurope's public affairs chief", "Guterres'
    /// spokesman,"): the nearest affiliation and role word.
    fn before(&self, mentions: &[Mention], infos: &[MentionInfo], s0: usize, i: usize) -> Evidence {
        let mut ev = Evidence::default();
        let start = mentions[i].token_start as usize;
        let mut t = start;
        let mut n = 0;
        // "Guterres' spokesman, Stephane Dujarric": a comma right before the
        // name after a role word.
        if t > s0 + 1 && self.folded[t - 1] == "," && role_sector(&self.folded[t - 2]).is_some() {
            t -= 1;
        }
        while t > s0 && n < 8 {
            t -= 1;
            n += 1;
            let f = self.folded[t].as_str();
            let w = self.words[t];
            if let Some(j) = self.covering[t] {
                let m = &mentions[j];
                let poss = matches!(
                    self.folded.get(m.token_end as usize).map(String::as_str),
                    Some("'s" | "’s" | "'" | "’")
                );
                if infos[j].person && infos[j].agents.is_empty() && !poss {
                    break;
                }
                if ev.country.is_none() {
                    if let Some(c) = self.mention_affiliation(mentions, infos, j) {
                        ev.from = self.doc.slice(m.span).to_string();
                        ev.country = Some(c);
                        ev.adjacent_possessive = poss && m.token_end as usize + 2 == start;
                    }
                }
                if ev.sector.is_none() {
                    if let Some(c) = &m.code {
                        if c.as_str().starts_with("---") && c.as_str().len() >= 6 {
                            ev.sector = ROLE_WORDS
                                .iter()
                                .map(|(_, s)| *s)
                                .find(|s| *s == &c.as_str()[3..6]);
                        }
                    }
                }
                t = (m.token_start as usize).max(s0);
                if t == s0 {
                    break;
                }
                continue;
            }
            if is_based(w) {
                // "United Nations-appointed", "Jakarta-based": taggers call
                // these anything; the words before belong to the stem.
                if ev.country.is_none() {
                    if let Some((c, text)) = self.place_at(t, t + 1) {
                        ev.country = Some(ActorCode::new(c));
                        ev.from = text;
                    }
                }
                break;
            }
            let up = self.upos(t);
            let lower = case_of(w) == Case::Lower;
            if lower && ev.sector.is_none() {
                ev.sector = role_sector(f);
            }
            ev.role |= is_role(f);
            let word_ok = match up {
                "" => true,
                "ADJ" | "NOUN" | "PROPN" | "NUM" => true,
                "PART" => matches!(f, "'s" | "’s" | "'" | "’"),
                "PUNCT" => matches!(f, "'" | "’"),
                "CCONJ" => f == "and" && t > s0 && case_of(self.words[t - 1]) == Case::Lower,
                _ => false,
            };
            if !word_ok || matches!(f, "the" | "a" | "an") {
                break;
            }
            if ev.country.is_none() && !lower {
                if let Some((c, text)) = self.demonym_at(t) {
                    ev.country = Some(ActorCode::new(c));
                    ev.from = text;
                    continue;
                }
                let possessive = matches!(
                    self.folded.get(t + 1).map(String::as_str),
                    Some("'s" | "’s")
                );
                if possessive {
                    if let Some((c, text)) = self.place_at(t, t + 1) {
                        ev.country = Some(ActorCode::new(c));
                        ev.from = text;
                    }
                }
            }
        }
        ev
    }

    /// End of the apposition or affiliation starting at `a` (exclusive),
    /// at most `max` tokens.
    fn clause_end(&self, a: usize, s1: usize, max: usize) -> usize {
        let mut e = a;
        while e < s1 && e < a + max && !stops_apposition(&self.folded[e]) {
            e += 1;
        }
        e
    }

    /// Evidence after mention `i`: ", ROLE …", ", who heads …", "of ORG
    /// (, a … in PLACE)", "from PLACE".
    fn after(&self, mentions: &[Mention], infos: &[MentionInfo], s1: usize, i: usize) -> Evidence {
        let end = mentions[i].token_end as usize;
        let Some(next) = self.folded.get(end).map(String::as_str) else {
            return Evidence::default();
        };
        let (a, b) = match next {
            "," => {
                let mut a = end + 1;
                if self.folded.get(a).map(String::as_str) == Some("who")
                    && self
                        .folded
                        .get(a + 1)
                        .is_some_and(|v| RELATIVE_ROLE_VERBS.contains(&v.as_str()))
                {
                    a += 2;
                } else if !matches!(
                    self.doc.tokens.get(a).map(|t| t.upos.as_str()),
                    Some("" | "DET" | "ADJ" | "NOUN" | "PROPN" | "NUM")
                ) {
                    // ", according to …", ", rejected …": no apposition.
                    return Evidence::default();
                }
                (a, self.clause_end(a, s1, 16))
            }
            "of" | "from" | "at" => {
                let a = end + 1;
                let mut b = self.clause_end(a, s1, 12);
                // "of the Foreign Policy Institute, a think tank in Ankara".
                if self.folded.get(b).map(String::as_str) == Some(",")
                    && matches!(
                        self.folded.get(b + 1).map(String::as_str),
                        Some("a" | "an" | "the")
                    )
                {
                    b = self.clause_end(b + 1, s1, 12);
                }
                (a, b)
            }
            _ => return Evidence::default(),
        };
        if a >= b {
            return Evidence::default();
        }
        self.scan(mentions, infos, a, b)
    }
}

/// Gives unknown people the role and affiliation the article states (see
/// the module doc). `mentions` are in text order.
pub(crate) fn affiliations(
    kb: &KnowledgeBase,
    doc: &Doc,
    folded: &[String],
    mentions: &mut [Mention],
    infos: &[MentionInfo],
) {
    if !mentions
        .iter()
        .zip(infos)
        .any(|(m, inf)| inf.person && !has_country(m.code.as_ref()))
    {
        return;
    }
    let mut parent = same_person_groups(mentions, infos);
    let n = mentions.len();
    // A lone word grouped with a person's full name is that person.
    let mut group_person = vec![false; n];
    for (i, info) in infos.iter().enumerate() {
        if info.person {
            let r = find(&mut parent, i);
            group_person[r] = true;
        }
    }
    let is_person: Vec<bool> = (0..n)
        .map(|i| infos[i].person || group_person[find(&mut parent, i)])
        .collect();
    let mut covering = vec![None; doc.tokens.len()];
    for (j, m) in mentions.iter().enumerate() {
        for t in m.token_start as usize..(m.token_end as usize).min(covering.len()) {
            covering[t] = Some(j);
        }
    }
    let view = View {
        kb,
        doc,
        words: doc.tokens.iter().map(|t| doc.slice(t.span)).collect(),
        folded,
        covering,
        gazetteer: Gazetteer::embedded(),
    };
    let main = entente_core::main_country(mentions);
    let mut found: Vec<Option<(ActorCode, String)>> = vec![None; mentions.len()];
    // Found from the text itself (not the article's country).
    let mut strong = vec![false; mentions.len()];
    for i in 0..mentions.len() {
        let m = &mentions[i];
        if !is_person[i] || has_country(m.code.as_ref()) {
            continue;
        }
        let Some(sent) = doc.sentences.get(m.sentence as usize) else {
            continue;
        };
        let r = sent.tokens();
        let (s0, s1) = (r.start, r.end.min(folded.len()));
        let title_sector = m
            .code
            .as_ref()
            .filter(|c| c.as_str().starts_with("---") && c.as_str().len() >= 6)
            .map(|c| c.as_str()[3..].to_string());
        let post = view.after(mentions, infos, s1, i);
        let mut pre = view.before(mentions, infos, s0, i);
        // Words before a name describe the person only with a role word
        // ("Israeli counterpart X", not "Indian reluctance X") or a
        // possessive right before it ("Uganda's Bobi Wine").
        if !(pre.role || pre.adjacent_possessive || title_sector.is_some()) {
            pre.country = None;
        }
        let role = pre.role || post.role || title_sector.is_some();
        strong[i] = post.country.is_some() || pre.country.is_some();
        let (country, from) = match (&post.country, &pre.country, &main) {
            (Some(c), _, _) => (c.clone(), post.from.clone()),
            (None, Some(c), _) => (c.clone(), pre.from.clone()),
            // A role and no country ("Security analyst Kabiru Adamu"): the
            // country the article is about, as for agents (codebook §2).
            (None, None, Some(c)) if role => (
                ActorCode::new(c.as_str()),
                format!("a role; the article's country {c}"),
            ),
            _ => continue,
        };
        let sector = post.sector.or(title_sector.as_deref().and_then(|t| {
            ROLE_WORDS
                .iter()
                .map(|(_, s)| *s)
                .find(|s| t.starts_with(s))
        }));
        let ev = Evidence {
            country: Some(country),
            sector: sector.or(pre.sector),
            from,
            ..Evidence::default()
        };
        let Some(code) = ev.code() else { continue };
        found[i] = Some((code, ev.from));
    }
    for (i, f) in found.iter().enumerate() {
        if let Some((code, from)) = f {
            let m = &mut mentions[i];
            m.rule = format!(
                "{}; role and affiliation in the text ({from:?}): {code}",
                m.rule
            );
            m.code = Some(code.clone());
        }
    }
    propagate(mentions, &mut parent, &strong);
}

/// Union-find root.
fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Groups the mentions of one unknown person (the full name again, the
/// surname alone, before or after the full name): a union-find parent array.
fn same_person_groups(mentions: &[Mention], infos: &[MentionInfo]) -> Vec<usize> {
    let n = mentions.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let name = |m: &Mention| m.actor.as_deref().map(crate::norm::fold);
    // Full names (two words or more) of unknown people, by folded name and
    // by folded last word.
    let mut by_full: HashMap<String, usize> = HashMap::new();
    let mut by_last: HashMap<String, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let m = &mentions[i];
        if !infos[i].person || m.kind != MentionKind::Unknown {
            continue;
        }
        let Some(full) = name(m) else { continue };
        if let Some(&k) = by_full.get(&full) {
            let (a, b) = (find(&mut parent, i), find(&mut parent, k));
            parent[a] = b;
        } else {
            by_full.insert(full.clone(), i);
        }
        if let Some(last) = full.rsplit(' ').next().filter(|_| full.contains(' ')) {
            by_last.entry(last.to_string()).or_default().push(i);
        }
    }
    for i in 0..n {
        let m = &mentions[i];
        if let Some(a) = m.antecedent.map(|a| a as usize).filter(|&a| a < n) {
            if m.rule.starts_with("surname after") && mentions[a].kind == MentionKind::Unknown {
                let (x, y) = (find(&mut parent, i), find(&mut parent, a));
                parent[x] = y;
                continue;
            }
        }
        // A lone surname before the full name ("Lai, a … national" …
        // "Jimmy Lai"): the one person of that surname.
        if m.kind == MentionKind::Unknown && m.token_end == m.token_start + 1 {
            if let Some(f) = name(m) {
                if let Some(v) = by_last.get(&f) {
                    let mut roots: Vec<usize> = v.iter().map(|&k| find(&mut parent, k)).collect();
                    roots.sort_unstable();
                    roots.dedup();
                    if roots.len() == 1 {
                        let x = find(&mut parent, i);
                        parent[x] = roots[0];
                    }
                }
            }
        }
    }
    parent
}

/// Every mention of a group takes the code found for any of them: the
/// first in text order the text itself gave, else the first at all.
fn propagate(mentions: &mut [Mention], parent: &mut [usize], strong: &[bool]) {
    let n = mentions.len();
    let mut code_of: HashMap<usize, (ActorCode, usize, bool)> = HashMap::new();
    for i in 0..n {
        let Some(code) = mentions[i].code.clone().filter(|c| has_country(Some(c))) else {
            continue;
        };
        // Known or already coded before this stage: as good as the text.
        let firm = strong[i] || !mentions[i].rule.contains("the article's country");
        let r = find(parent, i);
        match code_of.get(&r) {
            Some((_, _, true)) => {}
            Some((_, _, false)) if !firm => {}
            _ => {
                code_of.insert(r, (code, i, firm));
            }
        }
    }
    for (i, m) in mentions.iter_mut().enumerate() {
        let own = m.rule.contains("role and affiliation in the text");
        if has_country(m.code.as_ref()) && !own {
            continue;
        }
        let r = find(parent, i);
        if let Some((code, k, firm)) = code_of.get(&r) {
            if *k != i {
                m.code = Some(code.clone());
                let weak = if *firm {
                    ""
                } else {
                    " (the article's country)"
                };
                m.rule
                    .push_str(&format!("; same person as mention #{k}{weak}"));
            }
        }
    }
}
