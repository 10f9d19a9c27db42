//! The dated actor knowledge base: actors, their names, their codes over
//! time, the agent (role/sector) words, and the discard phrases.

use std::collections::HashMap;

use chrono::NaiveDate;
use entente_core::ActorCode;
use serde::{Deserialize, Serialize};

use crate::norm::{case_of, fold, phrase_words, Case};

/// What sort of actor an entry is; drives coreference ("the country", "the
/// group", "he").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// A state or territory.
    Country,
    /// A region or bloc ("the west", the EU, the GCC).
    Bloc,
    /// An intergovernmental organisation.
    Igo,
    /// A non-state armed group.
    ArmedGroup,
    /// A news outlet or agency.
    Media,
    /// A state body named on its own ("the White House", "the Pentagon").
    Institution,
    /// Any other organisation (NGOs, companies, parties).
    Organization,
    /// A person.
    Person,
    /// Unspecified (imported dictionaries that do not say).
    Other,
}

impl ActorKind {
    /// Stable lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Country => "country",
            ActorKind::Bloc => "bloc",
            ActorKind::Igo => "igo",
            ActorKind::ArmedGroup => "armed_group",
            ActorKind::Media => "media",
            ActorKind::Institution => "institution",
            ActorKind::Organization => "organization",
            ActorKind::Person => "person",
            ActorKind::Other => "other",
        }
    }
}

/// Grammatical gender of a person, for pronoun agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Gender {
    /// "he".
    #[serde(rename = "m")]
    Male,
    /// "she".
    #[serde(rename = "f")]
    Female,
}

/// A code valid over an (inclusive) date range; open ends are `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatedCode {
    /// The CAMEO actor code.
    pub code: ActorCode,
    /// First day (inclusive), if limited.
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// Last day (inclusive), if limited.
    #[serde(default)]
    pub to: Option<NaiveDate>,
    /// The office or role ("President of Iran").
    #[serde(default)]
    pub role: Option<String>,
}

impl DatedCode {
    pub(crate) fn is_undated(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }
    pub(crate) fn contains(&self, d: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= d) && self.to.is_none_or(|t| d <= t)
    }
    /// Length of the range in days (open ranges count as very long, so a
    /// closed range inside them wins).
    fn width(&self) -> i64 {
        match (self.from, self.to) {
            (Some(f), Some(t)) => (t - f).num_days(),
            (None, None) => i64::MAX,
            _ => i64::MAX / 2,
        }
    }
    pub(crate) fn range_text(&self) -> String {
        let f = self.from.map_or("…".to_string(), |d| d.to_string());
        let t = self.to.map_or("…".to_string(), |d| d.to_string());
        format!("{f}..{t}")
    }
}

/// One actor: a name, a kind, codes over time, and where the entry comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// Display name ("Hassan Rouhani", "Iran").
    pub name: String,
    /// What sort of actor.
    pub kind: ActorKind,
    /// Country or root code for people and institutions (`IRN`).
    pub country: Option<String>,
    /// Codes, dated or not, in source order.
    pub codes: Vec<DatedCode>,
    /// For people, when known.
    pub gender: Option<Gender>,
    /// Where the entry comes from (`people.jsonl:12`, `Phoenix.Countries.actors.txt:22109`).
    pub source: String,
    /// Wikidata item of the person or body (`Q28591`), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
}

/// How a name refers to its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AliasKind {
    /// A name ("Iran", "Islamic State").
    Name,
    /// An adjective or demonym ("Iranian", "Iranians").
    Demonym,
    /// A place standing for the government ("Tehran", "the Kremlin"): the
    /// code gets `GOV` appended.
    Metonym,
}

/// Capitalisation a word of a name needs in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordCase {
    Any,
    /// Contains an upper-case letter ("Iran", "al-Qaeda").
    Cap,
    /// All upper case ("US", "UN").
    Upper,
}

#[derive(Debug, Clone)]
pub(crate) struct Alias {
    pub actor: u32,
    pub kind: AliasKind,
    pub case: Vec<WordCase>,
    /// The phrase as written in the source.
    pub text: String,
}

impl Alias {
    pub(crate) fn case_ok(&self, words: &[&str]) -> bool {
        self.case.len() == words.len()
            && self.case.iter().zip(words).all(|(c, w)| match c {
                WordCase::Any => true,
                WordCase::Cap => w.chars().any(char::is_uppercase),
                WordCase::Upper => case_of(w) == Case::Upper,
            })
    }
}

/// An agent word: a role or sector that modifies an actor code
/// ("officials" `[~GOV]`, "soldiers" `[~MIL]`, "NGO" `[NGO~]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agent {
    /// The phrase as written.
    pub phrase: String,
    /// The code part(s) it adds (`GOV`, `GOVMED`).
    pub code: String,
    /// True for `[XXX~]`: the code goes before the actor's.
    pub prefix: bool,
    /// Where the entry comes from.
    pub source: String,
}

/// A discard phrase: a sentence (or, for `story`, the whole article) that
/// contains it is not coded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Discard {
    /// Folded words of the phrase.
    pub words: Vec<String>,
    /// `+PHRASE`: drop the whole story.
    pub story: bool,
    /// Trailing `_`: whole-word match; otherwise the last word is a stem.
    pub whole_word: bool,
}

/// FxHash (rustc's hasher): fast for short keys; the tables below hold
/// dictionary words, not attacker-chosen input.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.write_u64(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.write_u64(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` with [`FxHasher`].
pub(crate) type FxMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

/// A trie over folded words: words are interned, edges are one table keyed
/// by (node, word), so a node costs no allocation of its own.
#[derive(Debug, Clone, Default)]
pub(crate) struct Trie {
    words: FxMap<Box<str>, u32>,
    edges: FxMap<u64, u32>,
    /// Values per node (node 0 is the root).
    values: Vec<Vec<u32>>,
}

impl Trie {
    fn new() -> Trie {
        Trie {
            words: FxMap::default(),
            edges: FxMap::default(),
            values: vec![Vec::new()],
        }
    }
    fn edge(node: u32, word: u32) -> u64 {
        (u64::from(node) << 32) | u64::from(word)
    }
    fn insert(&mut self, words: &[String], value: u32) {
        let mut n = 0u32;
        for w in words {
            let wid = match self.words.get(w.as_str()) {
                Some(&id) => id,
                None => {
                    let id = self.words.len() as u32;
                    self.words.insert(w.as_str().into(), id);
                    id
                }
            };
            n = match self.edges.get(&Trie::edge(n, wid)) {
                Some(&c) => c,
                None => {
                    let c = self.values.len() as u32;
                    self.values.push(Vec::new());
                    self.edges.insert(Trie::edge(n, wid), c);
                    c
                }
            };
        }
        let vals = &mut self.values[n as usize];
        if !vals.contains(&value) {
            vals.push(value);
        }
    }
    /// The child of `node` for `word`.
    pub(crate) fn step(&self, node: u32, word: &str) -> Option<u32> {
        let &wid = self.words.get(word)?;
        self.edges.get(&Trie::edge(node, wid)).copied()
    }
    /// Values stored at `node`.
    pub(crate) fn values(&self, node: u32) -> &[u32] {
        self.values.get(node as usize).map_or(&[], |v| v.as_slice())
    }
    fn get(&self, words: &[String]) -> &[u32] {
        let mut n = 0u32;
        for w in words {
            match self.step(n, w) {
                Some(c) => n = c,
                None => return &[],
            }
        }
        self.values(n)
    }
}

/// The result of a look-up: which actor, which code on that date, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution<'a> {
    /// The actor.
    pub actor: &'a Actor,
    /// Index of the actor in the knowledge base.
    pub actor_index: u32,
    /// How the name refers to it.
    pub alias_kind: AliasKind,
    /// The code for the date, if any.
    pub code: Option<ActorCode>,
    /// Human-readable explanation.
    pub why: String,
}

/// The knowledge base: actors, names, agents and discards.
#[derive(Debug, Clone)]
pub struct KnowledgeBase {
    pub(crate) actors: Vec<Actor>,
    pub(crate) aliases: Vec<Alias>,
    pub(crate) names: Trie,
    pub(crate) agents: Vec<Agent>,
    pub(crate) agent_trie: Trie,
    pub(crate) discards: Vec<Discard>,
    /// Folded single-word surnames of people → actor ids, for fuzzy matching.
    pub(crate) surnames: HashMap<String, Vec<u32>>,
    /// Problems met while importing (skipped lines), for the user to fix.
    pub(crate) warnings: Vec<String>,
    /// Multi-word person names with one word masked → (alias, masked word),
    /// for bounded edit-distance matching of long names.
    pub(crate) masked_names: FxMap<u64, Vec<u32>>,
    /// Where the curated files and the Wikidata office-holders disagree.
    pub(crate) disagreements: Vec<crate::officeholders::Disagreement>,
}

impl Default for KnowledgeBase {
    fn default() -> Self {
        KnowledgeBase::new()
    }
}

/// How strictly an imported phrase is matched for case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CaseStyle {
    /// Written in natural case: follow it (lower-case words match any case).
    AsWritten,
    /// Written in upper case (PETRARCH): the last word must be capitalised,
    /// a single short word must be all capitals.
    Dictionary,
}

fn case_rule(phrase: &str, style: CaseStyle) -> Vec<WordCase> {
    let words: Vec<&str> = phrase
        .split(['_', ' '])
        .filter(|w| !fold(w).is_empty())
        .collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let possessive = fold(w).ends_with("'s") && fold(w).len() > 2;
        let rule = match style {
            CaseStyle::AsWritten => match case_of(w) {
                Case::Lower | Case::Other => WordCase::Any,
                Case::Title => WordCase::Cap,
                Case::Upper => {
                    if w.chars().filter(|c| c.is_alphabetic()).count() <= 4 {
                        WordCase::Upper
                    } else {
                        WordCase::Cap
                    }
                }
            },
            CaseStyle::Dictionary => {
                let letters = w.chars().filter(|c| c.is_alphabetic()).count();
                if words.len() == 1 && letters <= 3 {
                    WordCase::Upper
                } else if i + 1 == words.len() && letters > 0 {
                    WordCase::Cap
                } else {
                    WordCase::Any
                }
            }
        };
        out.push(rule);
        if possessive {
            out.push(WordCase::Any);
        }
    }
    out
}

impl KnowledgeBase {
    /// An empty knowledge base.
    pub fn new() -> KnowledgeBase {
        KnowledgeBase {
            actors: Vec::new(),
            aliases: Vec::new(),
            names: Trie::new(),
            agents: Vec::new(),
            agent_trie: Trie::new(),
            discards: Vec::new(),
            surnames: HashMap::new(),
            warnings: Vec::new(),
            masked_names: FxMap::default(),
            disagreements: Vec::new(),
        }
    }

    /// All actors.
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// All agent phrases.
    pub fn agents(&self) -> &[Agent] {
        &self.agents
    }

    /// Problems met while importing dictionaries (lines skipped).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// All discard phrases.
    pub fn discards(&self) -> &[Discard] {
        &self.discards
    }

    /// Adds an actor; returns its index.
    pub fn add_actor(&mut self, actor: Actor) -> u32 {
        self.actors.push(actor);
        (self.actors.len() - 1) as u32
    }

    /// Adds a name for actor `actor`. Names added earlier win over later
    /// ones for the same words (so curated entries go first).
    pub fn add_alias(&mut self, actor: u32, phrase: &str, kind: AliasKind) {
        self.add_alias_styled(actor, phrase, kind, CaseStyle::AsWritten);
    }

    pub(crate) fn add_alias_styled(
        &mut self,
        actor: u32,
        phrase: &str,
        kind: AliasKind,
        style: CaseStyle,
    ) {
        self.add_alias_full(actor, phrase, kind, style, true);
    }

    /// Adds a name; `surname` says whether its last word joins the index of
    /// single-word spelling variants (curated people only: with tens of
    /// thousands of office-holders, a lone word would too often be one
    /// letter away from somebody).
    pub(crate) fn add_alias_full(
        &mut self,
        actor: u32,
        phrase: &str,
        kind: AliasKind,
        style: CaseStyle,
        surname: bool,
    ) {
        let words = phrase_words(phrase);
        if words.is_empty() {
            return;
        }
        let case = case_rule(phrase, style);
        if case.len() != words.len() {
            return;
        }
        let id = self.aliases.len() as u32;
        // Skip exact duplicates (same actor, same words, same case rule). A
        // spelling that differs only in case stays: "the west" written
        // lower case must also match where "the West" needs a capital.
        if self.names.get(&words).iter().any(|&a| {
            let al = &self.aliases[a as usize];
            al.actor == actor && al.case == case
        }) {
            return;
        }
        self.aliases.push(Alias {
            actor,
            kind,
            case,
            text: phrase.replace('_', " ").trim().to_string(),
        });
        self.names.insert(&words, id);
        let person_name = style == CaseStyle::AsWritten
            && self.actors[actor as usize].kind == ActorKind::Person
            && kind == AliasKind::Name;
        if person_name {
            crate::fuzzy::index_name(&mut self.masked_names, &words, id);
        }
        if person_name && surname {
            if let Some(last) = words.last().filter(|w| w.chars().count() >= 5) {
                let ids = self.surnames.entry(last.clone()).or_default();
                if !ids.contains(&actor) {
                    ids.push(actor);
                }
            }
        }
    }

    /// Adds an agent phrase (already expanded, no substitution sets).
    pub fn add_agent(&mut self, agent: Agent) {
        let words = phrase_words(&agent.phrase);
        if words.is_empty() {
            return;
        }
        let id = self.agents.len() as u32;
        self.agents.push(agent);
        self.agent_trie.insert(&words, id);
    }

    /// Adds a discard phrase.
    pub fn add_discard(&mut self, discard: Discard) {
        self.discards.push(discard);
    }

    /// Merges `other` into this knowledge base; entries of `self` keep
    /// priority for names both define.
    pub fn merge(&mut self, other: KnowledgeBase) {
        // Entries of `other` that are the same actor as one of ours (a person
        // with the same name and country, a country with the same code) are
        // folded into ours: their names are added, their codes dropped, so a
        // stale imported date range cannot override a curated one.
        let mut country_by_code: HashMap<String, u32> = HashMap::new();
        for (i, a) in self.actors.iter().enumerate() {
            if a.kind == ActorKind::Country {
                if let Some(c) = a.codes.iter().find(|c| c.is_undated()) {
                    country_by_code.entry(c.code.0.clone()).or_insert(i as u32);
                }
            }
        }
        let mut primary: Vec<Option<Vec<String>>> = vec![None; other.actors.len()];
        for al in &other.aliases {
            let slot = &mut primary[al.actor as usize];
            if slot.is_none() {
                *slot = Some(phrase_words(&al.text));
            }
        }
        let mut map: Vec<u32> = Vec::with_capacity(other.actors.len());
        let mut new_actors = Vec::new();
        for (i, a) in other.actors.into_iter().enumerate() {
            let same = match a.kind {
                ActorKind::Person => primary[i].as_ref().and_then(|w| {
                    self.names.get(w).iter().find_map(|&al| {
                        let mine = &self.actors[self.aliases[al as usize].actor as usize];
                        (mine.kind == ActorKind::Person && mine.country == a.country)
                            .then_some(self.aliases[al as usize].actor)
                    })
                }),
                ActorKind::Country | ActorKind::Other => match a.codes.as_slice() {
                    [c] if c.is_undated() && c.code.0.len() == 3 => {
                        country_by_code.get(&c.code.0).copied()
                    }
                    _ => None,
                },
                _ => None,
            };
            match same {
                Some(id) => {
                    // An office-holder from Wikidata lacks spells that ended
                    // before 2000: keep the imported ones from before its
                    // first spell.
                    let mine = &mut self.actors[id as usize];
                    if mine.source.starts_with("officeholders") {
                        let first = mine.codes.iter().filter_map(|c| c.from).min();
                        if let Some(first) = first {
                            mine.codes.extend(
                                a.codes
                                    .into_iter()
                                    .filter(|c| c.to.is_some_and(|t| t < first)),
                            );
                        }
                    }
                    map.push(id)
                }
                None => {
                    map.push((self.actors.len() + new_actors.len()) as u32);
                    new_actors.push(a);
                }
            }
        }
        self.actors.extend(new_actors);
        for alias in other.aliases {
            let words = phrase_words(&alias.text);
            let actor = map[alias.actor as usize];
            if self
                .names
                .get(&words)
                .iter()
                .any(|&a| self.aliases[a as usize].actor == actor)
            {
                continue;
            }
            let id = self.aliases.len() as u32;
            self.aliases.push(Alias { actor, ..alias });
            self.names.insert(&words, id);
        }
        for agent in other.agents {
            self.add_agent(agent);
        }
        self.discards.extend(other.discards);
        self.warnings.extend(other.warnings);
    }

    /// Alias ids stored for exactly these folded words.
    pub(crate) fn aliases_for(&self, words: &[String]) -> &[u32] {
        self.names.get(words)
    }

    /// Looks a name up (case-insensitively) and resolves its code on `date`
    /// (or, without a date, its undated or most recent code), with a
    /// human-readable explanation.
    ///
    /// ```
    /// let kb = entente_actors::KnowledgeBase::embedded().unwrap();
    /// let d = chrono::NaiveDate::from_ymd_opt(2014, 9, 25);
    /// let r = kb.lookup("Hassan Rouhani", d).unwrap();
    /// assert_eq!(r.code.unwrap().as_str(), "IRNGOV");
    /// assert!(r.why.contains("2013-08-03"));
    /// ```
    pub fn lookup(&self, name: &str, date: Option<NaiveDate>) -> Option<Resolution<'_>> {
        let words = phrase_words(name);
        let ids = self.aliases_for(&words);
        let Some(&first) = ids.first() else {
            return self.lookup_variant(&words, date);
        };
        let alias = &self.aliases[first as usize];
        let mut r = self.resolve(alias.actor, alias.kind, date);
        if ids.len() > 1 {
            let others: Vec<String> = ids[1..]
                .iter()
                .take(3)
                .map(|&a| {
                    let act = &self.actors[self.aliases[a as usize].actor as usize];
                    format!("{} ({})", act.name, act.source)
                })
                .collect();
            r.why.push_str(&format!(
                "; {} other entr{} share this name, first wins: {}",
                ids.len() - 1,
                if ids.len() == 2 { "y" } else { "ies" },
                others.join(", ")
            ));
        }
        Some(r)
    }

    /// The code of actor `actor` on `date`, with the reason.
    pub fn resolve(&self, actor: u32, kind: AliasKind, date: Option<NaiveDate>) -> Resolution<'_> {
        let a = &self.actors[actor as usize];
        let (mut code, mut why) = code_at(a, date);
        if kind == AliasKind::Metonym {
            if let Some(c) = &code {
                if !c.as_str().ends_with("GOV") {
                    code = Some(ActorCode::new(format!("{}GOV", c.root())));
                    why.push_str("; capital/seat used for the government: GOV");
                }
            }
        }
        Resolution {
            actor: a,
            actor_index: actor,
            alias_kind: kind,
            code,
            why: format!("{} [{}, {}]: {why}", a.name, a.kind.as_str(), a.source),
        }
    }

    /// The first discard phrase found in `sentence` (case-insensitive), if
    /// any; `story` on the result says whether the whole article is dropped.
    pub fn discard_match(&self, sentence: &str) -> Option<&Discard> {
        let words: Vec<String> = sentence
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
            .filter(|w| !w.is_empty())
            .map(fold)
            .collect();
        self.discards.iter().find(|d| {
            let n = d.words.len();
            n > 0
                && n <= words.len()
                && (0..=words.len() - n).any(|i| {
                    d.words.iter().enumerate().all(|(k, dw)| {
                        let w = &words[i + k];
                        if k + 1 == n && !d.whole_word {
                            w.starts_with(dw.as_str())
                        } else {
                            w == dw
                        }
                    })
                })
        })
    }
}

/// The code of an actor on a date and why.
pub(crate) fn code_at(a: &Actor, date: Option<NaiveDate>) -> (Option<ActorCode>, String) {
    let undated = a.codes.iter().find(|c| c.is_undated());
    let root = a
        .country
        .clone()
        .or_else(|| a.codes.first().map(|c| c.code.root().to_string()));
    let describe = |c: &DatedCode| match &c.role {
        Some(r) => format!("{r} ({}) {}", c.code, c.range_text()),
        None => format!("{} {}", c.code, c.range_text()),
    };
    let Some(d) = date else {
        if let Some(c) = undated {
            return (Some(c.code.clone()), format!("undated code {}", c.code));
        }
        // No date: the most recent dated code.
        return match a.codes.iter().max_by_key(|c| c.from) {
            Some(c) => (
                Some(c.code.clone()),
                format!("no date given: most recent role {}", describe(c)),
            ),
            None => (None, "no code in the knowledge base".to_string()),
        };
    };
    // Dated codes covering the date win over an undated default whatever
    // their order in the source; among them the narrowest range wins.
    if let Some(c) = a
        .codes
        .iter()
        .filter(|c| !c.is_undated() && c.contains(d))
        .min_by_key(|c| c.width())
    {
        return (
            Some(c.code.clone()),
            format!("{} contains {d}", describe(c)),
        );
    }
    if let Some(c) = undated {
        let why = if a.codes.iter().all(|c| c.is_undated()) {
            format!("code {} (not date-dependent)", c.code)
        } else {
            format!("no dated code covers {d}; undated code {}", c.code)
        };
        return (Some(c.code.clone()), why);
    }
    if a.kind != ActorKind::Person {
        // Organisations and states: the nearest dated code (PETRARCH would
        // leave them uncoded, which loses more than it protects).
        let nearest = a.codes.iter().min_by_key(|c| {
            let f = c.from.map_or(0, |f| (f - d).num_days().abs());
            let t = c.to.map_or(0, |t| (d - t).num_days().abs());
            f.max(t)
        });
        if let Some(c) = nearest {
            return (
                Some(c.code.clone()),
                format!("no code covers {d}; nearest dated code {}", describe(c)),
            );
        }
    }
    let Some(root) = root else {
        return (None, "no code in the knowledge base".to_string());
    };
    let code = ActorCode::new(format!("{root}ELI"));
    let ended = a
        .codes
        .iter()
        .filter(|c| c.to.is_some_and(|t| t < d))
        .max_by_key(|c| c.to);
    if let Some(c) = ended {
        return (
            Some(code),
            format!(
                "former official: last role {} ended before {d}; coded as national elite",
                describe(c)
            ),
        );
    }
    let next = a
        .codes
        .iter()
        .filter(|c| c.from.is_some_and(|f| f > d))
        .min_by_key(|c| c.from);
    match next {
        Some(c) => (
            Some(code),
            format!(
                "not yet in office on {d} (next role {}); coded as national elite",
                describe(c)
            ),
        ),
        None => (Some(code), format!("no role covers {d}; national elite")),
    }
}
