//! # entente-events
//!
//! Stage 4a: CAMEO / PLOVER event coding over the dependency parse, with
//! modality, dates, places and provenance. Fills [`entente_core::Doc::events`].
//!
//! The coder reads a PETRARCH-2 verb dictionary (synonym sets, verb blocks,
//! patterns with `[a:b]` codes, transformations), finds dictionary verbs and
//! event nouns in each parsed sentence, matches their patterns against the
//! words of the verb's phrase, takes source and target from the parse
//! (subject, object, obliques, passive agents, conjuncts), and codes one
//! event per actor pair. A governing verb is combined with the verb it
//! governs through PETRARCH's internal coding ontology ("urged X to help" →
//! 023, "ruled out cooperating" → 12x) and gives the event its modality.
//!
//! PETRARCH-2 semantics kept where they matter: a repeated pattern line
//! replaces the earlier one (the dictionary is a trie), bare pattern words
//! match the verb's own phrase and not words inside prepositional phrases,
//! a passive's doer comes from "by/from/in" phrases and its target from
//! "at/against/into" ones, a noun phrase without an actor of its own takes
//! one from its modifiers (reduced relatives included), and the comma and
//! discard rules of the validation configurations apply.
//!
//! Before coding, a few frequent parser errors are repaired (`repair`):
//! two subjects of one verb (coordinated, or one pre-modifying the other),
//! proper nouns compounded across a comma, a verb tagged as a noun's
//! adjective with a subject of its own, an adjective right after a modal
//! ("it would free prisoners"), reduced relatives misparsed as main verbs,
//! asyndetic verb conjuncts that are complement clauses ("A claimed B
//! attacked C"), a subject pronoun parsed as the object of the verb before
//! it, and existential "there were X killed" participles.
//!
//! The actor mentions come from the actors stage (`doc.mentions`); this crate
//! only reads them.
//!
//! **Architecture invariant:** the verb dictionaries ship in the crate; no
//! SQL, no HTTP; the coder only reads tokens and mentions and only appends
//! to `doc.events`.

mod coder;
pub mod dates;
pub mod dict;
pub mod gold;
pub mod judge;
pub mod learn;
mod modality;
pub mod nominal;
mod repair;
pub mod tables;

use entente_core::{
    ActorCode, Annotator, CameoCode, CoreError, Doc, Event, EventDate, Modality, QuadClass, Span,
};

use coder::{Coder, Scratch, Sent};
pub use dict::VerbDict;
pub use nominal::Nominals;
pub use tables::{plover_08, Tables};

/// Errors of the event coder.
#[derive(Debug, thiserror::Error)]
pub enum EventsError {
    /// A dictionary file could not be read.
    #[error("verb dictionary: {0}")]
    Dictionary(String),
}

impl From<EventsError> for CoreError {
    fn from(e: EventsError) -> CoreError {
        CoreError::Stage {
            stage: "events",
            message: e.to_string(),
        }
    }
}

/// The default [`Config::min_confidence`]: favours precision (issue 14).
pub const DEFAULT_MIN_CONFIDENCE: f32 = 0.15;

/// Coder options (PETRARCH's `<Config>` settings that matter here).
#[derive(Debug, Clone)]
pub struct Config {
    /// Only code events with both a source and a target (PETRARCH's
    /// default; the validation records set it). entente's default keeps
    /// one-sided events ("we won't be coordinating with Iran") since the
    /// event model allows a missing actor and relation scores skip them.
    pub require_dyad: bool,
    /// PETRARCH's comma-delimited clause elimination, when set.
    pub comma: Option<CommaRules>,
    /// PETRARCH's negation: a verb negated in place ("did not attack")
    /// codes its negation in the internal ontology ("did not clash" → 050)
    /// or nothing. Off, entente keeps such events with modality `Negated`
    /// ("we won't be coordinating with Iran").
    pub petrarch_negation: bool,
    /// PETRARCH's conventions where entente's codebook differs (set for
    /// the PETRARCH validation suites): the fixed-code speech
    /// transformations ("A said B attacked C" → A→B 112, "A said it
    /// attacked B" → A→B 015) and places in locative phrases taken as
    /// actors ("protest in Beijing" → CHN). Off, the reported event stands
    /// with its own actors and modality `Claimed`, and "in X" is a place.
    pub petrarch: bool,
    /// Keep events with no identified political or social actor on
    /// either side (off: such events are dropped, as the codebook says).
    pub keep_irrelevant: bool,
    /// Events the learned decision (`learn`) scores below this are
    /// dropped; the score is the event's `confidence`. Not applied under
    /// `petrarch` (the dictionary alone decides there).
    pub min_confidence: f32,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            require_dyad: false,
            comma: None,
            petrarch_negation: false,
            petrarch: false,
            keep_irrelevant: false,
            min_confidence: DEFAULT_MIN_CONFIDENCE,
        }
    }
}

/// PETRARCH / TABARI comma rules: comma-delimited clauses whose length in
/// words falls within a range are left out of coding (their actors and
/// verbs are not used). A maximum of 0 turns a rule off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommaRules {
    /// Internal clause (between two commas): `comma_min`, `comma_max`.
    pub min: usize,
    pub max: usize,
    /// Initial clause (sentence start to first comma): `comma_bmin`, `comma_bmax`.
    pub bmin: usize,
    pub bmax: usize,
    /// Terminal clause (last comma to sentence end): `comma_emin`, `comma_emax`.
    pub emin: usize,
    pub emax: usize,
}

impl Default for CommaRules {
    /// PETRARCH's defaults.
    fn default() -> CommaRules {
        CommaRules {
            min: 2,
            max: 8,
            bmin: 0,
            bmax: 0,
            emin: 2,
            emax: 8,
        }
    }
}

impl CommaRules {
    /// Marks the tokens of eliminated clauses in `out` (one flag per token).
    pub fn eliminate(&self, forms: &[&str], out: &mut Vec<bool>) {
        out.clear();
        out.resize(forms.len(), false);
        let commas: Vec<usize> = (0..forms.len()).filter(|&i| forms[i] == ",").collect();
        if commas.is_empty() {
            return;
        }
        let words = |a: usize, b: usize| {
            forms[a..b]
                .iter()
                .filter(|f| f.chars().any(|c| c.is_alphanumeric()))
                .count()
        };
        let mut mark = |a: usize, b: usize, lo: usize, hi: usize| {
            let n = words(a, b);
            if hi > 0 && n >= lo && n <= hi {
                for x in out.iter_mut().take(b).skip(a) {
                    *x = true;
                }
            }
        };
        mark(0, commas[0], self.bmin, self.bmax);
        for w in commas.windows(2) {
            mark(w[0] + 1, w[1], self.min, self.max);
        }
        let last = commas[commas.len() - 1];
        mark(last + 1, forms.len(), self.emin, self.emax);
    }
}

/// An actor found for an event.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorHit {
    /// The actor code (possibly extended with an agent, e.g. `ARNGOV`).
    pub code: String,
    /// Index in `doc.mentions`.
    pub mention: u32,
    pub span: Span,
    /// Token (sentence-relative) the actor was found at.
    pub token: usize,
}

/// An event as coded, before conversion to [`entente_core::Event`]. Codes
/// are kept as written in the dictionary (validation dictionaries use
/// codes outside CAMEO).
#[derive(Debug, Clone, PartialEq)]
pub struct CodedEvent {
    pub sentence: u32,
    pub source: Option<ActorHit>,
    pub target: Option<ActorHit>,
    pub code: String,
    /// Doc token index of the trigger.
    pub trigger: usize,
    pub trigger_span: Span,
    pub modality: Modality,
    pub rule: String,
    pub confidence: f32,
}

/// Sentence and story discard phrases (PETRARCH `discards` files).
#[derive(Debug, Clone, Default)]
pub struct Discards {
    /// (phrase lower case, whole word, story level)
    items: Vec<(String, bool, bool)>,
}

impl Discards {
    /// Reads a PETRARCH discards file.
    pub fn parse(text: &str) -> Discards {
        let mut items = Vec::new();
        for line in text.lines() {
            let l = line.split('#').next().unwrap_or("").trim();
            if l.is_empty() || l.starts_with("<!--") {
                continue;
            }
            let story = l.starts_with('+');
            let l = l.trim_start_matches('+').trim();
            let whole = l.ends_with('_');
            let phrase = l.trim_end_matches('_').replace('_', " ").to_lowercase();
            if !phrase.is_empty() {
                items.push((phrase, whole, story));
            }
        }
        Discards { items }
    }

    /// `Some(true)` when the text drops the whole story, `Some(false)` the
    /// sentence only, `None` when it is kept.
    pub fn check(&self, text: &str) -> Option<bool> {
        let lower = text.to_lowercase();
        let mut hit = None;
        for (p, whole, story) in &self.items {
            let mut from = 0;
            while let Some(i) = lower[from..].find(p.as_str()) {
                let s = from + i;
                let e = s + p.len();
                let left_ok = s == 0 || !lower.as_bytes()[s - 1].is_ascii_alphanumeric();
                // PETRARCH-2 matches phrases against whitespace-separated
                // words: punctuation glued to the last word ("months ago,")
                // is no match; a phrase without `_` may end inside a word
                // (a stem)
                let right_ok = e >= lower.len() || {
                    let c = lower.as_bytes()[e];
                    c.is_ascii_whitespace() || (!*whole && c.is_ascii_alphanumeric())
                };
                if left_ok && right_ok {
                    if *story {
                        return Some(true);
                    }
                    hit = Some(false);
                    break;
                }
                from = s + 1;
            }
        }
        hit
    }
}

/// The event coder.
#[derive(Debug, Clone)]
pub struct EventCoder {
    dict: VerbDict,
    tables: Tables,
    nominals: Nominals,
    discards: Discards,
    config: Config,
    refuse_block: Option<u32>,
    say_blocks: Vec<u32>,
    speech_blocks: Vec<u32>,
    model: learn::Model,
}

const EMBEDDED_VERBS: &str = include_str!("../data/CAMEO.2.0.txt");
const EMBEDDED_EXTENSIONS: &str = include_str!("../data/entente.verbs.txt");
const EMBEDDED_NOMINALS: &str = include_str!("../data/entente.nominal.txt");
const EMBEDDED_MODEL: &str = include_str!("../data/decision.model");

impl EventCoder {
    /// Loads the embedded dictionaries.
    pub fn load() -> Result<EventCoder, CoreError> {
        let mut text = String::with_capacity(EMBEDDED_VERBS.len() + EMBEDDED_EXTENSIONS.len() + 1);
        text.push_str(EMBEDDED_VERBS);
        text.push('\n');
        text.push_str(EMBEDDED_EXTENSIONS);
        let model = learn::Model::parse(EMBEDDED_MODEL).map_err(EventsError::Dictionary)?;
        Ok(EventCoder::from_petrarch_verbs(&text)?.with_model(model))
    }

    /// Uses this learned decision model (see [`learn`]).
    pub fn with_model(mut self, model: learn::Model) -> EventCoder {
        self.model = model;
        self
    }

    /// Turns the learned decision off: the rules alone decide and the
    /// confidences are the rules' (the candidates `entente train events`
    /// learns from).
    pub fn without_model(self) -> EventCoder {
        self.with_model(learn::Model::default())
    }

    /// The coder options.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// A coder over a PETRARCH-2 verb dictionary given as text, with the
    /// embedded code tables and nominal triggers.
    pub fn from_petrarch_verbs(text: &str) -> Result<EventCoder, EventsError> {
        let dict = VerbDict::parse(text)?;
        let refuse_block = dict.block_of_verb("REFUSE");
        let mut say_blocks: Vec<u32> = [
            "SAY", "CLAIM", "TELL", "ANNOUNCE", "STATE", "REPORT", "WANT", "DECLARE",
        ]
        .iter()
        .filter_map(|w| dict.block_of_verb(w))
        .collect();
        say_blocks.extend(dict.transforms.iter().filter_map(|t| t.outer_block));
        say_blocks.sort_unstable();
        say_blocks.dedup();
        let speech_blocks = ["SAY", "CLAIM", "TELL", "ANNOUNCE", "STATE", "REPORT"]
            .iter()
            .filter_map(|w| dict.block_of_verb(w))
            .collect();
        Ok(EventCoder {
            dict,
            tables: Tables::embedded(),
            nominals: Nominals::parse(EMBEDDED_NOMINALS),
            discards: Discards::default(),
            config: Config::default(),
            refuse_block,
            say_blocks,
            speech_blocks,
            model: learn::Model::default(),
        })
    }

    /// Sets the coder options.
    pub fn with_config(mut self, config: Config) -> EventCoder {
        self.config = config;
        self
    }

    /// Uses a discards list (PETRARCH format).
    pub fn with_discards(mut self, discards: Discards) -> EventCoder {
        self.discards = discards;
        self
    }

    /// Turns nominal triggers off (pure PETRARCH-style verb coding).
    pub fn without_nominals(mut self) -> EventCoder {
        self.nominals = Nominals::default();
        self
    }

    /// The code tables.
    pub fn tables(&self) -> &Tables {
        &self.tables
    }

    /// The verb dictionary.
    pub fn dict(&self) -> &VerbDict {
        &self.dict
    }

    /// Whether a word could trigger an event: its lower-cased form or lemma
    /// is a verb (or adjective) of the loaded verb dictionary, or its lemma
    /// (or its form without a plural "s", as the coder tries when there is
    /// no lemma) is a nominal trigger. A cheap pre-check (hash look-ups,
    /// no parse) that follows the loaded dictionaries, so callers can
    /// decide which sentences need a dependency parse: the coder codes
    /// nothing in a sentence where it holds for no word.
    pub fn may_trigger(&self, form_lc: &str, lemma_lc: &str) -> bool {
        let verb = |w: &str| {
            self.dict
                .word(w)
                .is_some_and(|id| self.dict.verbs.contains_key(&id))
        };
        verb(form_lc)
            || (!lemma_lc.is_empty() && verb(lemma_lc))
            || self.nominals.get_str(lemma_lc).is_some()
            || self
                .nominals
                .get_str(form_lc.trim_end_matches('s'))
                .is_some()
    }

    /// How many coded actor mentions a sentence needs before the coder
    /// looks at it (two under `require_dyad`, else one).
    pub fn actors_needed(&self) -> usize {
        if self.config.require_dyad {
            2
        } else {
            1
        }
    }

    /// Codes a parsed, actor-tagged document without changing it.
    pub fn code(&self, doc: &Doc) -> Vec<CodedEvent> {
        let mut out = Vec::new();
        let mut sc = Scratch::default();
        self.code_into(doc, &mut sc, &mut out);
        out
    }

    fn code_into(&self, doc: &Doc, sc: &mut Scratch, out: &mut Vec<CodedEvent>) {
        if doc.sentences.is_empty() {
            return;
        }
        if !self.discards.items.is_empty() && self.discards.check(&doc.text) == Some(true) {
            return;
        }
        // token → coded mention
        let mut mention_of: Vec<Option<u32>> = vec![None; doc.tokens.len()];
        for (mi, m) in doc.mentions.iter().enumerate() {
            let coded = m.code.is_some()
                || m.antecedent
                    .and_then(|a| doc.mentions.get(a as usize))
                    .is_some_and(|a| a.code.is_some());
            if !coded {
                continue;
            }
            let (a, b) = (
                m.token_start as usize,
                (m.token_end as usize).min(doc.tokens.len()),
            );
            for slot in mention_of.iter_mut().take(b).skip(a) {
                if slot.is_none() {
                    *slot = Some(mi as u32);
                }
            }
        }
        let coder = Coder {
            dict: &self.dict,
            tables: &self.tables,
            nominals: &self.nominals,
            cfg: &self.config,
            refuse_block: self.refuse_block,
            say_blocks: self.say_blocks.clone(),
            speech_blocks: self.speech_blocks.clone(),
        };
        for (si, sent) in doc.sentences.iter().enumerate() {
            let Some(tokens) = doc.tokens.get(sent.tokens()) else {
                continue;
            };
            if tokens.is_empty() {
                continue;
            }
            if !self.discards.items.is_empty()
                && self.discards.check(doc.slice(sent.span)).is_some()
            {
                continue;
            }
            // An event needs an actor (two under require_dyad): most
            // sentences can be skipped before any parsing work.
            let need = self.actors_needed();
            let mut distinct = 0;
            let mut last = None;
            for m in mention_of
                .get(sent.tokens())
                .unwrap_or(&[])
                .iter()
                .flatten()
            {
                if last != Some(*m) {
                    distinct += 1;
                    last = Some(*m);
                    if distinct >= need {
                        break;
                    }
                }
            }
            if distinct < need {
                continue;
            }
            match &self.config.comma {
                Some(rules) => {
                    let forms: Vec<&str> = tokens.iter().map(|t| doc.slice(t.span)).collect();
                    rules.eliminate(&forms, &mut sc.masked);
                }
                None => sc.masked.clear(),
            }
            let fixed = repair::repair(doc, tokens);
            let s = Sent {
                doc,
                tokens: fixed.as_deref().unwrap_or(tokens),
                base: sent.token_start as usize,
                index: si as u32,
            };
            sc.build(&self.dict, &s, &mention_of);
            let start = out.len();
            coder.sentence(sc, &s, out);
            judge::judge(&coder, sc, &s, out, start);
        }
        if !self.config.petrarch {
            judge::document_country(doc, out);
        }
        dedup(out);
    }

    /// Converts coded events to document events: PLOVER, Goldstein, quad
    /// class, date and place. Events whose code is not CAMEO are dropped.
    pub fn to_events(&self, doc: &Doc, coded: &[CodedEvent]) -> Vec<Event> {
        let article = doc.date();
        let mut reference: Option<EventDate> = None;
        let mut out = Vec::with_capacity(coded.len());
        for e in coded {
            let Ok(cameo) = e.code.parse::<CameoCode>() else {
                continue;
            };
            let words = clause_words(doc, e);
            let explicit = dates::resolve(&words, article, reference);
            if explicit.is_some() {
                reference = explicit;
            }
            let date = explicit.or(article.map(|a| EventDate {
                date: a.date,
                // An inferred article date stays marked as inferred.
                precision: if a.precision == entente_core::DatePrecision::Inferred {
                    a.precision
                } else {
                    entente_core::DatePrecision::Unknown
                },
            }));
            let plover = self.tables.plover(cameo.as_str());
            let mut plover_type = plover.map(|p| p.event.clone());
            let mut plover_mode = plover.and_then(|p| p.mode.clone());
            // PLOVER types what the text says about the action, not only the
            // action: a promised or offered cooperative action is AGREE, a
            // refused one REJECT, a conflictual action announced, made
            // conditional ("... unless") or envisaged is THREATEN.
            let root = cameo.root();
            let trigger_lemma = doc
                .tokens
                .get(e.trigger)
                .map(|t| t.lemma.as_str())
                .unwrap_or("");
            let promise_verb = matches!(
                trigger_lemma,
                "agree" | "pledge" | "promise" | "vow" | "offer" | "commit"
            );
            let gov = governor(doc, e.trigger);
            let gov_lemma = gov.map(|(l, _)| l.to_ascii_lowercase()).unwrap_or_default();
            let gov_lemma = gov_lemma.as_str();
            // "tried to hack", "an attempt to assassinate": PLOVER codes the
            // attempted action itself, not an intention.
            // A decision is taken: "decided to allow X" codes the allowing.
            let attempt = matches!(gov_lemma, "try" | "attempt" | "seek" | "decide");
            // "prepared to resume shelling": readiness for military action
            // is PLOVER's MOBILIZE.
            let readiness = matches!(gov_lemma, "prepare" | "ready" | "poise" | "gear");
            // "shunned work to protest at X", "met in Hanoi to discuss the
            // dispute", "sent warships to protect tankers": a purpose clause
            // names what the main action does (a protest, a consultation,
            // cooperation, aid); conflictual purposes ("deployed troops to
            // attack") stay intentions.
            let purpose = gov.is_some_and(|(_, rel)| rel == "advcl")
                && ((4..=8).contains(&root) || root == 14)
                && governor_asserted(doc, e.trigger);
            let retype = match e.modality {
                Modality::Intended if attempt => None,
                Modality::Intended | Modality::Expected
                    if readiness && (18..=20).contains(&root) =>
                {
                    Some("MOBILIZE")
                }
                Modality::Intended if purpose => None,
                _ if promise_verb && (3..=8).contains(&root) => Some("AGREE"),
                // "said it would allow the return of inspectors": a stated
                // willingness to cooperate or yield.
                Modality::Hypothetical if (3..=8).contains(&root) => Some("AGREE"),
                Modality::Intended if (4..=8).contains(&root) => Some("AGREE"),
                Modality::Conditional if (3..=7).contains(&root) => Some("AGREE"),
                Modality::Negated | Modality::Denied if (3..=8).contains(&root) => Some("REJECT"),
                Modality::Intended | Modality::Conditional if root >= 14 => Some("THREATEN"),
                Modality::Conditional if root == 8 => Some("THREATEN"),
                Modality::Hypothetical if root >= 15 => Some("THREATEN"),
                _ => None,
            };
            if let Some(t) = retype {
                plover_mode = plover_type.take().map(|t| t.to_lowercase());
                plover_type = Some(t.into());
            }
            out.push(Event {
                sentence: e.sentence,
                source: e.source.as_ref().map(|a| ActorCode::new(a.code.clone())),
                target: e.target.as_ref().map(|a| ActorCode::new(a.code.clone())),
                goldstein: self.tables.goldstein(cameo.as_str()),
                quad_class: QuadClass::of_root(cameo.root()),
                plover_type,
                plover_mode,
                plover_context: plover.and_then(|p| p.context.clone()),
                cameo,
                modality: e.modality,
                date,
                place: place_of(doc, e),
                trigger_span: e.trigger_span,
                source_span: e.source.as_ref().map(|a| a.span),
                target_span: e.target.as_ref().map(|a| a.span),
                source_mention: e.source.as_ref().map(|a| a.mention),
                target_mention: e.target.as_ref().map(|a| a.mention),
                confidence: e.confidence,
                rule: e.rule.clone(),
            });
        }
        if !self.config.petrarch && !self.model.is_empty() {
            let cues = learn::DocCues::of(doc);
            for ev in out.iter_mut() {
                ev.confidence = self.model.score(&learn::features_with(doc, &cues, ev));
            }
            let min = self.config.min_confidence;
            out.retain(|ev| ev.confidence >= min);
        }
        out
    }
}

/// The word that governs a trigger as a clause or complement ("tried" in
/// "tried to hack", "attempt" in "an attempt to assassinate"), with the
/// trigger's relation to it: its lemma and the base relation.
fn governor(doc: &Doc, trigger: usize) -> Option<(&str, &str)> {
    let t = doc.tokens.get(trigger)?;
    let rel = t.deprel.split(':').next().unwrap_or("");
    if !matches!(rel, "xcomp" | "advcl" | "acl" | "ccomp") || t.head == 0 {
        return None;
    }
    let sent = doc
        .sentences
        .iter()
        .find(|s| (s.token_start as usize..s.token_end as usize).contains(&trigger))?;
    let h = doc
        .tokens
        .get(sent.token_start as usize + t.head as usize - 1)?;
    Some((h.lemma.as_str(), rel))
}

/// Whether the word governing a trigger is itself a plain statement of fact:
/// no modal or future auxiliary ("will give ... to finance" is a plan) and
/// not the complement of another verb ("plans to send ... to help").
fn governor_asserted(doc: &Doc, trigger: usize) -> bool {
    let Some(t) = doc.tokens.get(trigger) else {
        return false;
    };
    let Some(sent) = doc
        .sentences
        .iter()
        .find(|s| (s.token_start as usize..s.token_end as usize).contains(&trigger))
    else {
        return false;
    };
    if t.head == 0 {
        return false;
    }
    let start = sent.token_start as usize;
    let h = start + t.head as usize - 1;
    let Some(ht) = doc.tokens.get(h) else {
        return false;
    };
    if matches!(
        ht.deprel.split(':').next(),
        Some("xcomp" | "ccomp" | "advcl" | "acl")
    ) {
        return false;
    }
    let modal = (start..sent.token_end as usize).any(|k| {
        doc.tokens.get(k).is_some_and(|c| {
            c.head != 0
                && start + c.head as usize - 1 == h
                && c.deprel.starts_with("aux")
                && matches!(
                    c.lemma.to_ascii_lowercase().as_str(),
                    "will"
                        | "would"
                        | "shall"
                        | "may"
                        | "might"
                        | "could"
                        | "can"
                        | "should"
                        | "must"
                )
        })
    });
    !modal
}

/// Drops exact repeats (same sentence, actors, code).
fn dedup(out: &mut Vec<CodedEvent>) {
    let same = |a: &CodedEvent, b: &CodedEvent| {
        a.sentence == b.sentence
            && a.code == b.code
            && a.source.as_ref().map(|x| &x.code) == b.source.as_ref().map(|x| &x.code)
            && a.target.as_ref().map(|x| &x.code) == b.target.as_ref().map(|x| &x.code)
    };
    let mut kept = 0;
    for i in 0..out.len() {
        // events come sentence by sentence: look back within the sentence
        let dup = out[..kept]
            .iter()
            .rev()
            .take_while(|k| k.sentence == out[i].sentence)
            .any(|k| same(k, &out[i]));
        if !dup {
            out.swap(kept, i);
            kept += 1;
        }
    }
    out.truncate(kept);
}

/// Sentence-relative subtree of the trigger (and, for a noun, of its verb),
/// as words in text order, stopping at other clauses.
fn clause_words<'d>(doc: &'d Doc, e: &CodedEvent) -> Vec<&'d str> {
    let Some(sent) = doc.sentences.get(e.sentence as usize) else {
        return Vec::new();
    };
    let toks = doc.sentence_tokens(e.sentence as usize);
    let base = sent.token_start as usize;
    let t = e.trigger.saturating_sub(base);
    if t >= toks.len() {
        return Vec::new();
    }
    let mut root = t;
    // climb from a noun or an infinitive to its clause's verb
    for _ in 0..3 {
        let h = toks[root].head as usize;
        let rel = toks[root].deprel.as_str();
        if h == 0
            || h > toks.len()
            || !matches!(
                rel.split(':').next().unwrap_or(rel),
                "obj" | "nsubj" | "xcomp" | "nmod" | "obl" | "compound"
            )
        {
            break;
        }
        root = h - 1;
    }
    let mut keep = vec![false; toks.len()];
    // mark tokens whose path to the root does not cross a clause boundary
    for (i, slot) in keep.iter_mut().enumerate() {
        let mut cur = i;
        let mut ok = false;
        for _ in 0..toks.len() {
            if cur == root {
                ok = true;
                break;
            }
            let rel = toks[cur].deprel.as_str();
            if matches!(
                rel.split(':').next().unwrap_or(rel),
                "ccomp" | "advcl" | "parataxis" | "acl" | "conj"
            ) && cur != t
            {
                break;
            }
            let h = toks[cur].head as usize;
            if h == 0 || h > toks.len() {
                break;
            }
            cur = h - 1;
        }
        *slot = ok;
    }
    toks.iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(tk, _)| doc.slice(tk.span))
        .collect()
}

/// "in Syria", "at Geneva": a proper-noun location in the trigger's clause
/// that is neither the source nor the target.
fn place_of(doc: &Doc, e: &CodedEvent) -> Option<String> {
    let sent = doc.sentences.get(e.sentence as usize)?;
    let toks = doc.sentence_tokens(e.sentence as usize);
    let base = sent.token_start as usize;
    let t = e.trigger.checked_sub(base)?;
    let mut heads = vec![t];
    let h = toks.get(t)?.head as usize;
    if h > 0 && matches!(toks[t].upos.as_str(), "NOUN") {
        heads.push(h - 1);
    }
    let mut scope = heads.clone();
    // one level of nominal dependents too ("airstrikes in Syria at targets")
    for (i, tk) in toks.iter().enumerate() {
        if tk.head > 0
            && heads.contains(&(tk.head as usize - 1))
            && matches!(tk.deprel.as_str(), "obj" | "dobj")
        {
            scope.push(i);
        }
    }
    for (i, tk) in toks.iter().enumerate() {
        if tk.head == 0 || !scope.contains(&(tk.head as usize - 1)) {
            continue;
        }
        if !matches!(tk.deprel.split(':').next().unwrap_or(""), "obl" | "nmod")
            || tk.upos != "PROPN"
        {
            continue;
        }
        let case = toks
            .iter()
            .find(|c| c.head as usize == i + 1 && (c.deprel == "case"))
            .map(|c| doc.slice(c.span).to_ascii_lowercase());
        if !matches!(
            case.as_deref(),
            Some("in" | "at" | "near" | "inside" | "outside")
        ) {
            continue;
        }
        let span = tk.span;
        if e.source.as_ref().is_some_and(|a| a.span.overlaps(span))
            || e.target.as_ref().is_some_and(|a| a.span.overlaps(span))
        {
            continue;
        }
        // the whole name: compound/flat dependents
        let mut s = span;
        for c in toks.iter() {
            if c.head as usize == i + 1
                && matches!(c.deprel.as_str(), "compound" | "flat" | "flat:name")
            {
                s = s.cover(c.span);
            }
        }
        return Some(doc.slice(s).to_string());
    }
    None
}

impl Annotator for EventCoder {
    fn name(&self) -> &'static str {
        "events"
    }
    fn annotate(&self, doc: &mut Doc) -> Result<(), CoreError> {
        let coded = self.code(doc);
        let events = self.to_events(doc, &coded);
        doc.events.extend(events);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comma_rules_drop_short_terminal_and_internal_clauses() {
        let forms: Vec<&str> = "Arnor will restore ties with Gondor , it seems , after crowds burned its embassy , a senior official said on Saturday ."
            .split(' ')
            .collect();
        let mut m = Vec::new();
        CommaRules::default().eliminate(&forms, &mut m);
        let kept: Vec<&str> = forms
            .iter()
            .zip(&m)
            .filter(|(_, x)| !**x)
            .map(|(f, _)| *f)
            .collect();
        // "it seems" and "after crowds burned its embassy" (internal, 2 and
        // 5 words) and the 7-word terminal clause go; the clause before the
        // first comma stays (the initial rule is off by default)
        assert!(kept.starts_with(&["Arnor", "will", "restore"]));
        assert!(!kept.contains(&"official"));
        assert!(!kept.contains(&"seems"));
        // a maximum of 0 turns a rule off
        let off = CommaRules {
            emax: 0,
            max: 0,
            ..CommaRules::default()
        };
        off.eliminate(&forms, &mut m);
        assert!(m.iter().all(|x| !*x));
    }

    #[test]
    fn discards_match_whitespace_delimited_words() {
        let d = Discards::parse("MONTHS AGO\n+TYPHOON\nNATIONS CUP_\n");
        assert_eq!(d.check("arrested 15 months ago, came"), None);
        assert_eq!(d.check("arrested 15 months ago came"), Some(false));
        assert_eq!(d.check("after typhoons hit"), Some(true));
        assert_eq!(d.check("the nations cups"), None);
    }
}
