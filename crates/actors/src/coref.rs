//! Within-article coreference: third-person pronouns and definite
//! descriptions ("the country", "the group", "the regime", "the official",
//! "the two countries") resolved to earlier mentions by salience (recency,
//! subjecthood, repetition) under agreement constraints (person, number,
//! gender, kind). Every resolution records its antecedent and rule.
//!
//! Works on tokens alone; when the tagger/parser has filled `upos`/`deprel`,
//! ordinary noun phrases become candidates too and subjects are known.

use entente_core::{ActorCode, Doc, Mention, MentionKind, Span};

use crate::kb::{ActorKind, Gender};
use crate::norm::fold;
use crate::MentionInfo;

/// A possible antecedent.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Token range.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Head token.
    pub head: usize,
    /// Sentence index.
    pub sentence: usize,
    /// Index into the mention list, when an actor mention.
    pub mention: Option<usize>,
    /// `Some(true)` person, `Some(false)` not, `None` unknown.
    pub person: Option<bool>,
    /// Plural, when known.
    pub plural: Option<bool>,
    /// Gender, when known.
    pub gender: Option<Gender>,
    /// Actor kind, when known.
    pub kind: Option<ActorKind>,
    /// Grammatical subject (or first in its sentence without a parser).
    pub subject: bool,
    /// Folded head word.
    pub head_word: String,
    /// Entity (cluster) id.
    pub entity: usize,
    /// A pronoun (after resolution).
    pub pronoun: bool,
    /// A place named after a preposition ("in Paris"), not an actor.
    pub place: bool,
    /// A named mention (name, demonym, unknown name), not a bare agent word.
    pub named: bool,
    /// Dependency relation of the head (empty without a parser).
    pub deprel: String,
    /// Pronoun class when the candidate is a pronoun.
    pronoun_class: Option<PronounClass>,
    /// A clause (its verb stands for the event or proposition), an
    /// antecedent only for "it" ("they said the talks failed; it ...").
    pub clausal: bool,
    /// Country or root code of an actor mention (`IRN` for Rouhani).
    pub root: Option<String>,
}

impl Candidate {
    /// Whether this candidate is a possessive pronoun ("his" in "his
    /// brother" is no co-argument of the verb).
    fn pronoun_possessive(&self, doc: &Doc) -> bool {
        self.pronoun && doc.tokens[self.head].deprel.contains("poss")
    }
}

/// One resolution: the anaphor's tokens, the chosen candidate, the rule.
#[derive(Debug, Clone)]
pub struct Link {
    /// Token range of the anaphor.
    pub start: usize,
    /// One past its last token.
    pub end: usize,
    /// Pronoun or description.
    pub kind: MentionKind,
    /// Index into [`Coref::candidates`].
    pub antecedent: usize,
    /// Second antecedent for "the two countries".
    pub second: Option<usize>,
    /// Why.
    pub rule: String,
    /// Code transform: append this part to the antecedent's root ("GOV" for
    /// "the regime"), when the description names a role.
    pub role: Option<&'static str>,
}

/// Candidates and links of one document.
#[derive(Debug, Clone, Default)]
pub struct Coref {
    /// Possible antecedents (mentions, noun phrases, resolved anaphors).
    pub candidates: Vec<Candidate>,
    /// Resolutions.
    pub links: Vec<Link>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PronounClass {
    Male,
    Female,
    It,
    They,
}

fn pronoun_class(f: &str) -> Option<(PronounClass, bool)> {
    // (class, possessive)
    Some(match f {
        "he" | "him" | "himself" => (PronounClass::Male, false),
        "his" => (PronounClass::Male, true),
        "she" | "herself" => (PronounClass::Female, false),
        "her" | "hers" => (PronounClass::Female, true),
        "it" | "itself" => (PronounClass::It, false),
        "its" => (PronounClass::It, true),
        "they" | "them" | "themselves" => (PronounClass::They, false),
        "their" | "theirs" => (PronounClass::They, true),
        _ => return None,
    })
}

/// What a description's head word asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DescType {
    Country,
    Group,
    Government,
    Official,
    Military,
    Media,
    Bloc,
}

fn desc_type(head: &str) -> Option<DescType> {
    Some(match head {
        "country" | "nation" | "kingdom" | "republic" | "countries" | "nations" => {
            DescType::Country
        }
        "group" | "organisation" | "organization" | "movement" | "militia" | "militants"
        | "jihadists" | "insurgents" | "rebels" | "faction" | "outfit" | "network" => {
            DescType::Group
        }
        "regime" | "government" | "administration" | "authorities" | "leadership" => {
            DescType::Government
        }
        "official" | "spokesman" | "spokeswoman" | "spokesperson" | "minister" | "president"
        | "leader" | "diplomat" | "envoy" | "ambassador" | "premier" | "chancellor" | "king"
        | "secretary" | "ayatollah" => DescType::Official,
        "army" | "military" | "troops" | "forces" => DescType::Military,
        "agency" | "newspaper" | "broadcaster" | "channel" | "network's" => DescType::Media,
        "alliance" | "bloc" | "coalition" | "union" => DescType::Bloc,
        _ => return None,
    })
}

fn is_subject(deprel: &str) -> bool {
    deprel.starts_with("nsubj") || deprel.starts_with("csubj")
}

/// Words that end a noun phrase run when there is no parser.
fn is_noun_like(upos: &str) -> bool {
    matches!(upos, "NOUN" | "PROPN")
}

const TIME_NOUNS: &[&str] = &[
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "time",
    "times",
    "hour",
    "hours",
    "minute",
    "minutes",
    "today",
    "yesterday",
    "tomorrow",
    "morning",
    "evening",
    "night",
    "decade",
    "decades",
    "century",
    "moment",
    "period",
    "season",
    "weekend",
];

const PERSON_NOUNS: &[&str] = &[
    "man",
    "men",
    "woman",
    "women",
    "person",
    "people",
    "boy",
    "girl",
    "child",
    "children",
    "president",
    "minister",
    "official",
    "officials",
    "leader",
    "leaders",
    "spokesman",
    "spokeswoman",
    "king",
    "queen",
    "prince",
    "princess",
    "mother",
    "father",
    "wife",
    "husband",
    "son",
    "daughter",
    "brother",
    "sister",
    "friend",
    "author",
    "writer",
    "artist",
    "player",
    "teacher",
    "student",
    "students",
    "doctor",
    "scientist",
    "researcher",
    "researchers",
    "professor",
    "director",
    "actor",
    "actress",
    "singer",
    "soldier",
    "soldiers",
    "police",
    "officer",
    "officers",
    "journalist",
    "journalists",
    "reporter",
    "victim",
    "victims",
    "resident",
    "residents",
    "member",
    "members",
    "team",
    "family",
    "mayor",
    "governor",
    "senator",
    "candidate",
    "chef",
    "owner",
    "founder",
    "ceo",
    "manager",
    "coach",
    "fans",
    "composer",
    "poet",
    "painter",
    "engineer",
    "lawyer",
    "judge",
    "priest",
    "pope",
    "emperor",
    "guy",
    "kid",
    "kids",
    "baby",
    "parents",
    "mom",
    "dad",
    "guide",
    "host",
    "interviewer",
];

fn male_female(f: &str) -> Option<Gender> {
    match f {
        "man" | "men" | "boy" | "king" | "prince" | "father" | "husband" | "son" | "brother"
        | "actor" | "emperor" | "dad" | "mr" | "sir" | "lord" | "spokesman" | "pope" => {
            Some(Gender::Male)
        }
        "woman" | "women" | "girl" | "queen" | "princess" | "mother" | "wife" | "daughter"
        | "sister" | "actress" | "mom" | "mrs" | "ms" | "lady" | "spokeswoman" => {
            Some(Gender::Female)
        }
        _ => None,
    }
}

/// Builds candidates from the actor mentions and (with a tagger) ordinary
/// noun phrases.
fn candidates(
    doc: &Doc,
    mentions: &[Mention],
    infos: &[MentionInfo],
    folded: &[String],
) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let mut covered = vec![false; doc.tokens.len()];
    let sent_of = sentence_index(doc);
    for (i, (m, info)) in mentions.iter().zip(infos).enumerate() {
        let (a, b) = (m.token_start as usize, m.token_end as usize);
        if b > doc.tokens.len() || a >= b {
            continue;
        }
        for c in &mut covered[a..b] {
            *c = true;
        }
        let head = head_of(doc, a, b);
        let deprel = doc.tokens[head].deprel.as_str();
        let person = if info.person {
            Some(true)
        } else if info.actor_kind.is_some_and(|k| k != ActorKind::Person) && info.agents.is_empty()
        {
            Some(false)
        } else if m.kind == MentionKind::Unknown {
            name_person(&folded[a..b])
        } else if !info.agents.is_empty() {
            Some(!info.plural)
        } else {
            Some(false)
        };
        let head_word = folded[b - 1].clone();
        out.push(Candidate {
            start: a,
            end: b,
            head,
            sentence: m.sentence as usize,
            mention: Some(i),
            person,
            // The parser's number on the head wins over the matcher's guess
            // ("people" as a civilians agent is still plural).
            plural: Some(info.plural || doc.tokens[head].feats.contains("Number=Plur")),
            gender: info.gender,
            kind: info.actor_kind,
            subject: is_subject(deprel),
            head_word,
            entity: out.len(),
            pronoun: false,
            place: m.rule.contains("a place, coded as the country"),
            named: matches!(
                m.kind,
                MentionKind::Name | MentionKind::Demonym | MentionKind::Unknown
            ),
            deprel: deprel.to_string(),
            pronoun_class: None,
            clausal: false,
            root: m.code.as_ref().map(|c| c.root().to_string()),
        });
    }
    // Noun phrases from the tagger.
    let has_pos = doc.tokens.iter().any(|t| !t.upos.is_empty());
    if has_pos {
        for (t, tok) in doc.tokens.iter().enumerate() {
            if covered[t] || !is_noun_like(&tok.upos) {
                continue;
            }
            if matches!(
                tok.deprel.as_str(),
                "compound"
                    | "flat"
                    | "fixed"
                    | "flat:name"
                    | "obl:tmod"
                    | "nmod:tmod"
                    | "obl:npmod"
                    | "nmod:npmod"
            ) || TIME_NOUNS.contains(&folded[t].as_str())
            {
                continue;
            }
            let (a, b) = np_extent(doc, t, &sent_of);
            let f = folded[t].as_str();
            let plural = tok.feats.contains("Number=Plur")
                || tok.xpos.ends_with('S') && tok.xpos.starts_with("NN");
            let propn = tok.upos == "PROPN";
            let first = folded[a.min(t)].as_str();
            let gender = male_female(f).or_else(|| {
                if propn {
                    crate::matcher::first_name_gender(first)
                } else {
                    None
                }
            });
            let person = if is_person_noun(f) || gender.is_some() {
                Some(true)
            } else if propn {
                name_person(&folded[a..b])
            } else {
                Some(false)
            };
            out.push(Candidate {
                start: a,
                end: b,
                head: t,
                sentence: sent_of[t],
                mention: None,
                person,
                plural: Some(plural),
                gender,
                kind: None,
                subject: is_subject(&tok.deprel),
                head_word: if tok.lemma.is_empty() {
                    f.to_string()
                } else {
                    fold(&tok.lemma)
                },
                entity: out.len(),
                pronoun: false,
                place: false,
                named: propn,
                deprel: tok.deprel.clone(),
                pronoun_class: None,
                clausal: false,
                root: None,
            });
        }
        // Indefinite and quantifier pronouns and bare numbers heading a
        // noun phrase ("someone ... they", "so many ... they", "200 more").
        for (t, tok) in doc.tokens.iter().enumerate() {
            let f = folded[t].as_str();
            let indefinite_person = matches!(
                f,
                "someone" | "somebody" | "anyone" | "anybody" | "everyone" | "everybody" | "nobody"
            );
            // "this seems trivial, but it ...", "if something exists, it ...".
            let thing = match f {
                // Demonstratives only, not the relative "that".
                "this" | "that" => tok.feats.contains("PronType=Dem"),
                "something" | "anything" | "everything" | "nothing" => true,
                _ => false,
            };
            let group = matches!(
                f,
                "many" | "some" | "others" | "those" | "these" | "all" | "both" | "most" | "few"
            ) || tok.upos == "NUM";
            if covered[t]
                || !(indefinite_person || group || thing)
                || !matches!(
                    tok.deprel.split(':').next().unwrap_or(""),
                    "nsubj" | "obj" | "iobj" | "obl" | "nmod"
                )
                || (tok.upos != "PRON" && tok.upos != "NUM" && tok.upos != "ADJ")
            {
                continue;
            }
            let (a, b) = np_extent(doc, t, &sent_of);
            out.push(Candidate {
                start: a,
                end: b,
                head: t,
                sentence: sent_of[t],
                mention: None,
                person: if indefinite_person {
                    Some(true)
                } else if thing {
                    Some(false)
                } else {
                    None
                },
                // "someone ... they": singular they, so number stays open.
                plural: if indefinite_person {
                    None
                } else {
                    Some(!thing)
                },
                gender: None,
                kind: None,
                subject: is_subject(&tok.deprel),
                head_word: f.to_string(),
                entity: out.len(),
                pronoun: false,
                place: false,
                named: false,
                deprel: tok.deprel.clone(),
                pronoun_class: None,
                clausal: false,
                root: None,
            });
        }
        // Clauses: their verbs stand for events and propositions.
        for (t, tok) in doc.tokens.iter().enumerate() {
            if tok.upos != "VERB"
                || !matches!(
                    tok.deprel.split(':').next().unwrap_or(""),
                    "root" | "ccomp" | "advcl" | "csubj" | "xcomp" | "parataxis"
                )
            {
                continue;
            }
            out.push(Candidate {
                start: t,
                end: t + 1,
                head: t,
                sentence: sent_of[t],
                mention: None,
                person: Some(false),
                plural: Some(false),
                gender: None,
                kind: None,
                subject: false,
                head_word: String::new(),
                entity: out.len(),
                pronoun: false,
                place: false,
                named: false,
                deprel: tok.deprel.clone(),
                pronoun_class: None,
                clausal: true,
                root: None,
            });
        }
    } else {
        // Without a parser, the first candidate of a sentence stands in for its subject.
        let mut seen = std::collections::HashSet::new();
        for c in &mut out {
            if seen.insert(c.sentence) {
                c.subject = true;
            }
        }
    }
    out.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    for (i, c) in out.iter_mut().enumerate() {
        c.entity = i;
    }
    out
}

/// The sentence holding token `t`, by binary search (sentences are in
/// token order): asked per candidate and pronoun, a scan over the
/// sentences made long documents quadratic.
fn sentence_of(doc: &Doc, t: usize) -> Option<&entente_core::Sentence> {
    let i = doc
        .sentences
        .partition_point(|s| (s.token_end as usize) <= t);
    doc.sentences.get(i).filter(|s| s.tokens().contains(&t))
}

fn sentence_index(doc: &Doc) -> Vec<usize> {
    let mut v = vec![0usize; doc.tokens.len()];
    for (si, s) in doc.sentences.iter().enumerate() {
        for t in s.tokens() {
            if let Some(x) = v.get_mut(t) {
                *x = si;
            }
        }
    }
    v
}

/// The syntactic head of tokens `a..b` (the one whose head lies outside),
/// or the last token without a parser.
fn head_of(doc: &Doc, a: usize, b: usize) -> usize {
    let sent_start = sentence_of(doc, a).map_or(0, |s| s.token_start as usize);
    for t in a..b {
        let h = doc.tokens[t].head as usize;
        if h == 0 && !doc.tokens[t].deprel.is_empty() {
            return t;
        }
        if h > 0 {
            let abs = sent_start + h - 1;
            if !(a..b).contains(&abs) && !doc.tokens[t].deprel.is_empty() {
                return t;
            }
        }
    }
    b - 1
}

/// Extent of the noun phrase headed by `t`: its determiners, modifiers and
/// compounds to the left, flat/compound parts to the right.
fn np_extent(doc: &Doc, t: usize, sent_of: &[usize]) -> (usize, usize) {
    let si = sent_of[t];
    let Some(s) = doc.sentences.get(si) else {
        return (t, t + 1);
    };
    let base = s.token_start as usize;
    let mut a = t;
    let mut b = t + 1;
    for u in s.tokens() {
        let tok = &doc.tokens[u];
        if tok.head as usize == t - base + 1
            && matches!(
                tok.deprel.as_str(),
                "det"
                    | "amod"
                    | "compound"
                    | "flat"
                    | "nummod"
                    | "nmod:poss"
                    | "det:poss"
                    | "flat:name"
            )
        {
            a = a.min(u);
            b = b.max(u + 1);
        }
    }
    (a, b)
}

/// Words that cannot sit between "the" and a description's head.
const STOP: &[&str] = &[
    "of", "in", "on", "at", "for", "to", "from", "with", "by", "against", "the", "a", "an", "and",
    "or", "either", "that", "which", "who", "is", "was", "are", "were", "has", "have", "had",
];

/// Is "it" at `t` pleonastic ("it is unlikely that", "it seems")?
fn pleonastic(folded: &[String], t: usize, end: usize) -> bool {
    let next = |k: usize| {
        folded
            .get(t + k)
            .filter(|_| t + k < end)
            .map(String::as_str)
            .unwrap_or("")
    };
    let be = matches!(
        next(1),
        "is" | "was"
            | "'s"
            | "seems"
            | "seemed"
            | "appears"
            | "appeared"
            | "would"
            | "will"
            | "has"
            | "had"
            | "may"
            | "might"
            | "could"
    );
    if !be {
        return false;
    }
    (2..11).any(|k| {
        matches!(
            next(k),
            "that"
                | "to"
                | "whether"
                | "if"
                | "clear"
                | "likely"
                | "unlikely"
                | "possible"
                | "impossible"
                | "important"
                | "necessary"
                | "true"
        )
    })
}

/// Resolves pronouns and definite descriptions; returns candidates and links.
pub fn link(doc: &Doc, mentions: &[Mention], infos: &[MentionInfo]) -> Coref {
    link_with(doc, mentions, infos, None)
}

/// [`link`], optionally training the pronoun ranker.
pub fn link_with(
    doc: &Doc,
    mentions: &[Mention],
    infos: &[MentionInfo],
    mut trainer: Option<&mut Trainer<'_>>,
) -> Coref {
    let words: Vec<&str> = doc.tokens.iter().map(|t| doc.slice(t.span)).collect();
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    // Candidates not yet reached stay in `pending` and join `cands` as the
    // scan passes them (a little ahead, for descriptions that look at the
    // next words): new pronoun and description candidates are then
    // inserted near the end of `cands` instead of before every later
    // mention of the document (quadratic memory moves in long texts). The
    // final order is the same.
    let mut pending = candidates(doc, mentions, infos, &folded)
        .into_iter()
        .peekable();
    let mut cands: Vec<Candidate> = Vec::new();
    let mut links = Vec::new();
    let sent_of = sentence_index(doc);
    let has_pos = doc.tokens.iter().any(|t| !t.upos.is_empty());
    let parity = quote_parities(doc);
    // Anaphors in text order: pronouns, and "the X" descriptions.
    let mut t = 0;
    while t < doc.tokens.len() {
        while let Some(c) = pending.next_if(|c| c.start <= t + LOOKAHEAD) {
            cands.push(c);
        }
        let f = folded[t].as_str();
        let si = sent_of[t];
        let send = doc
            .sentences
            .get(si)
            .map_or(doc.tokens.len(), |s| s.token_end as usize);
        if let Some((class, possessive)) = pronoun_class(f) {
            // Candidates are sorted by start: only the nearest ones that
            // start at or before `t` can contain it (budgeted, so a text of
            // thousands of pronouns in one sentence stays linear).
            let upto = cands.partition_point(|c| c.start <= t);
            let inside_mention = cands[upto.saturating_sub(SCAN_BUDGET)..upto]
                .iter()
                .any(|c| c.mention.is_some() && t < c.end && !(c.start == t && c.end == t + 1));
            // With a parser, UD marks expletive "it" as `expl`; the word
            // heuristic misfires on ordinary "it will ... to" clauses.
            let expletive = class == PronounClass::It
                && !possessive
                && if has_pos {
                    doc.tokens[t].deprel.starts_with("expl")
                } else {
                    pleonastic(&folded, t, send)
                };
            if !inside_mention && !expletive {
                let found = best_for_pronoun(
                    doc,
                    &cands,
                    t,
                    si,
                    class,
                    possessive,
                    has_pos,
                    &parity,
                    &mut trainer,
                );
                let (gender, mut plural, mut person) = match class {
                    PronounClass::Male => (Some(Gender::Male), Some(false), Some(true)),
                    PronounClass::Female => (Some(Gender::Female), Some(false), Some(true)),
                    PronounClass::It => (None, Some(false), Some(false)),
                    PronounClass::They => (None, Some(true), None),
                };
                let mut entity = usize::MAX - t;
                let mut kind = None;
                let mut head_word = f.to_string();
                let pron_root = found.as_ref().and_then(|(b, _)| cands[*b].root.clone());
                if let Some((best, rule)) = found {
                    entity = cands[best].entity;
                    kind = cands[best].kind;
                    head_word = cands[best].head_word.clone();
                    if class == PronounClass::They {
                        plural = cands[best].plural;
                        person = cands[best].person;
                    }
                    links.push(Link {
                        start: t,
                        end: t + 1,
                        kind: MentionKind::Pronoun,
                        antecedent: best,
                        second: None,
                        rule,
                        role: None,
                    });
                }
                let c = Candidate {
                    start: t,
                    end: t + 1,
                    head: t,
                    sentence: si,
                    mention: None,
                    person,
                    plural,
                    gender,
                    kind,
                    subject: is_subject(&doc.tokens[t].deprel)
                        || (!has_pos && matches!(f, "he" | "she" | "it" | "they")),
                    head_word,
                    entity,
                    pronoun: true,
                    place: false,
                    named: false,
                    deprel: doc.tokens[t].deprel.clone(),
                    pronoun_class: Some(class),
                    clausal: false,
                    root: pron_root,
                };
                insert_candidate(&mut cands, c);
            }
            t += 1;
            continue;
        }
        if f == "the" || f == "this" || f == "these" || f == "both" {
            if let Some(l) = description_at(doc, &folded, &cands, t, send, si, has_pos) {
                t = l.end;
                let entity = cands[l.antecedent].entity;
                let mut c = cands[l.antecedent].clone();
                c.start = l.start;
                c.end = l.end;
                c.head = l.end - 1;
                c.sentence = si;
                c.mention = None;
                c.entity = entity;
                c.subject = is_subject(&doc.tokens[l.end - 1].deprel);
                c.head_word = folded[l.end - 1].clone();
                c.plural = Some(l.second.is_some() || c.head_word.ends_with('s'));
                c.named = false;
                links.push(l);
                insert_candidate(&mut cands, c);
                continue;
            }
        }
        t += 1;
    }
    cands.extend(pending);
    Coref {
        candidates: cands,
        links,
    }
}

/// How many of the nearest candidates a pronoun looks at (containing
/// mentions, entities in the window, compatible antecedents): far more than
/// a window of news sentences holds, and what keeps one huge "sentence" of
/// pronouns linear.
const SCAN_BUDGET: usize = 64;

/// How far ahead of the scan position candidates must already be in
/// place: a description's head lies at most 3 words on, and a name right
/// after it one more.
const LOOKAHEAD: usize = 8;

/// How many candidates a description looks back over (its window is 12
/// sentences; a long run without sentence breaks is cut here).
const DESCRIPTION_BUDGET: usize = 512;

/// How many earlier candidates count towards an entity's gender and
/// mention count (the count feature saturates at 6).
const ENTITY_SCAN_BUDGET: usize = 2_000;

fn insert_candidate(cands: &mut Vec<Candidate>, c: Candidate) {
    let pos = cands.partition_point(|x| {
        (x.start, std::cmp::Reverse(x.end)) <= (c.start, std::cmp::Reverse(c.end))
    });
    cands.insert(pos, c);
}

/// Number of pronoun-ranking features.
pub const N_BASE: usize = 34;

/// Weight vector length: the base features shared, then one copy for each
/// pronoun class (he/she, it, they), so classes can weigh cues differently.
pub const N_FEATURES: usize = 4 * N_BASE;

/// Names of the features, in order (for the weights file).
pub const FEATURE_NAMES: [&str; N_BASE] = [
    "dist0",
    "dist1",
    "dist2",
    "dist3plus",
    "subject",
    "obj",
    "obl",
    "nmod",
    "other_rel",
    "same_class_pronoun",
    "pronoun",
    "person",
    "person_unknown",
    "plural_match",
    "salience",
    "same_clause",
    "possessive_same_sentence_subject",
    "actor_mention",
    "named",
    "parallel_subject",
    "recency_rank",
    "definite",
    "gender_known_match",
    "reflexive_clause_subject",
    "it_unknown_person",
    "they_person",
    "np_length",
    "first_in_sentence",
    "possessive_same_sentence",
    "token_distance",
    "depth",
    "main_clause",
    "in_quote_mismatch",
    "clausal",
];

/// Ranking weights: learned ones (`data/coref-weights.txt`) when the tokens
/// are parsed, hand-set ones (`data/coref-weights-tokens-only.txt`) when not,
/// since the learned weights lean on syntax.
fn learned_weights(parsed: bool) -> &'static [f32; N_FEATURES] {
    static PARSED: std::sync::OnceLock<[f32; N_FEATURES]> = std::sync::OnceLock::new();
    static TOKENS: std::sync::OnceLock<[f32; N_FEATURES]> = std::sync::OnceLock::new();
    if parsed {
        PARSED.get_or_init(|| parse_weights(include_str!("../data/coref-weights.txt")))
    } else {
        TOKENS.get_or_init(|| parse_weights(include_str!("../data/coref-weights-tokens-only.txt")))
    }
}

fn parse_weights(text: &str) -> [f32; N_FEATURES] {
    let mut w = [0f32; N_FEATURES];
    for line in text.lines() {
        let mut it = line.split_whitespace();
        let (Some(name), Some(v)) = (it.next(), it.next()) else {
            continue;
        };
        let (block, base) = match name.split_once(':') {
            Some(("personal", b)) => (1, b),
            Some(("it", b)) => (2, b),
            Some(("they", b)) => (3, b),
            _ => (0, name),
        };
        if let (Some(i), Ok(v)) = (FEATURE_NAMES.iter().position(|n| *n == base), v.parse()) {
            w[block * N_BASE + i] = v;
        }
    }
    w
}

/// Training hook: an oracle saying whether a candidate is right for the
/// pronoun at a token, and the weights being learned.
pub struct Trainer<'a> {
    /// `oracle(candidate_head, pronoun_token)`.
    pub oracle: &'a dyn Fn(usize, usize) -> bool,
    /// Current weights (updated by the perceptron rule).
    pub weights: [f32; N_FEATURES],
    /// Running sum for averaging.
    pub sum: [f32; N_FEATURES],
    /// Number of updates steps seen.
    pub steps: f32,
    /// Pronouns with a reachable right answer / ranked right.
    pub seen: usize,
    /// Ranked right.
    pub right: usize,
}

#[allow(clippy::too_many_arguments)]
fn best_for_pronoun(
    doc: &Doc,
    cands: &[Candidate],
    t: usize,
    si: usize,
    class: PronounClass,
    possessive: bool,
    has_pos: bool,
    parity: &[bool],
    trainer: &mut Option<&mut Trainer<'_>>,
) -> Option<(usize, String)> {
    let window = match class {
        PronounClass::Male | PronounClass::Female => 6,
        _ => 4,
    };
    // Gender an entity has shown through earlier pronouns ("he" → male) and
    // how often it was mentioned, for the entities within the window only:
    // a per-pronoun map over every earlier mention made long documents
    // quadratic in hashing.
    // Candidates are sorted by start, so everything that ends before `t`
    // lies before `upto`; the scans go back from there under explicit
    // budgets (linear time on pathological texts: one sentence with
    // thousands of pronouns).
    let upto = cands.partition_point(|c| c.start < t);
    let mut ents: Vec<usize> = cands[..upto]
        .iter()
        .rev()
        .take_while(|c| c.sentence + window >= si)
        .take(SCAN_BUDGET)
        .filter(|c| c.end <= t)
        .map(|c| c.entity)
        .collect();
    ents.sort_unstable();
    ents.dedup();
    let mut ent_gender: Vec<Option<Gender>> = vec![None; ents.len()];
    let mut ent_count: Vec<usize> = vec![0; ents.len()];
    // In text order, so the latest gender wins.
    let from = upto.saturating_sub(ENTITY_SCAN_BUDGET);
    for c in cands[from..upto].iter().filter(|c| c.end <= t) {
        if let Ok(k) = ents.binary_search(&c.entity) {
            if c.gender.is_some() {
                ent_gender[k] = c.gender;
            }
            ent_count[k] += 1;
        }
    }
    let entity_gender = |e: usize| ents.binary_search(&e).ok().and_then(|k| ent_gender[k]);
    let entity_count = |e: usize| ents.binary_search(&e).map_or(0, |k| ent_count[k]);
    let pron_rel = doc.tokens[t].deprel.as_str();
    let pw = fold(doc.slice(doc.tokens[t].span));
    let reflexive = pw.ends_with("self") || pw.ends_with("selves");
    // Syntax (when parsed): the pronoun's ancestors up to its clause, and
    // its governor when it is a core argument.
    let sent_base = doc.sentences.get(si).map_or(0, |s| s.token_start as usize);
    let parent = |x: usize| -> Option<usize> {
        let h = doc.tokens[x].head as usize;
        (h > 0 && sent_base + h - 1 < doc.tokens.len()).then(|| sent_base + h - 1)
    };
    let pron_core = matches!(
        pron_rel.split(':').next().unwrap_or(""),
        "nsubj" | "obj" | "iobj" | "obl"
    );
    let pron_gov = if has_pos { parent(t) } else { None };
    // Nominal ancestors of the pronoun ("the backs of their robots": "backs"):
    // an NP cannot corefer with a pronoun inside it (i-within-i).
    let mut nominal_ancestors: Vec<usize> = Vec::new();
    if has_pos {
        let mut x = t;
        for _ in 0..8 {
            let rel = doc.tokens[x].deprel.split(':').next().unwrap_or("");
            if !matches!(rel, "nmod" | "det" | "compound" | "amod" | "appos" | "conj") {
                break;
            }
            let Some(p) = parent(x) else { break };
            if !matches!(doc.tokens[p].upos.as_str(), "NOUN" | "PROPN" | "PRON") {
                break;
            }
            nominal_ancestors.push(p);
            x = p;
        }
    }
    // Compatible candidates, nearest first.
    let mut compatible: Vec<usize> = Vec::new();
    for (i, c) in cands[..upto].iter().enumerate().rev().take(4 * SCAN_BUDGET) {
        // Sorted by position: every earlier candidate is out of the window too.
        if c.sentence + window < si || compatible.len() >= SCAN_BUDGET {
            break;
        }
        if c.end > t || c.place {
            continue;
        }
        if c.sentence == si && nominal_ancestors.contains(&c.head) {
            continue;
        }
        if c.clausal && (class != PronounClass::It || possessive) {
            continue;
        }
        // A clause cannot be the antecedent of a pronoun inside it.
        if c.clausal && c.sentence == si && {
            let mut x = t;
            let mut inside = false;
            for _ in 0..30 {
                match parent(x) {
                    Some(p) if p == c.head => {
                        inside = true;
                        break;
                    }
                    Some(p) => x = p,
                    None => break,
                }
            }
            inside
        } {
            continue;
        }
        // Binding: a plain pronoun is not a co-argument of its antecedent
        // ("Obama praised him" cannot be Obama).
        if !reflexive
            && pron_core
            && c.sentence == si
            && pron_gov.is_some()
            && !c.pronoun_possessive(doc)
            && matches!(
                c.deprel.split(':').next().unwrap_or(""),
                "nsubj" | "obj" | "iobj"
            )
            && doc.tokens[c.head].head == doc.tokens[t].head
        {
            continue;
        }
        let cg = c.gender.or_else(|| entity_gender(c.entity));
        let ok = match class {
            PronounClass::Male | PronounClass::Female => {
                let g = if class == PronounClass::Male {
                    Gender::Male
                } else {
                    Gender::Female
                };
                c.person != Some(false) && c.plural != Some(true) && cg.is_none_or(|x| x == g)
            }
            PronounClass::It => c.person != Some(true) && c.plural != Some(true),
            PronounClass::They => {
                c.plural == Some(true)
                    || (c.plural.is_none() && c.person == Some(true) && c.mention.is_none())
                    || COLLECTIVE_NOUNS.contains(&c.head_word.as_str())
                    || (c.person != Some(true)
                        && matches!(
                            c.kind,
                            Some(
                                ActorKind::Organization
                                    | ActorKind::ArmedGroup
                                    | ActorKind::Igo
                                    | ActorKind::Bloc
                                    | ActorKind::Media
                                    | ActorKind::Institution
                            )
                        ))
            }
        };
        if ok {
            compatible.push(i);
        }
    }
    if compatible.is_empty() {
        return None;
    }
    // Candidates are kept sorted by position, so the first of a sentence is
    // the one whose predecessor lies in another sentence.
    let first_in_sentence = |i: usize| i == 0 || cands[i - 1].sentence != cands[i].sentence;
    let feats: Vec<[f32; N_FEATURES]> = compatible
        .iter()
        .enumerate()
        .map(|(rank, &i)| {
            let c = &cands[i];
            let mut f = [0f32; N_FEATURES];
            let block = match class {
                PronounClass::Male | PronounClass::Female => 1,
                PronounClass::It => 2,
                PronounClass::They => 3,
            };
            let dist = si - c.sentence;
            f[dist.min(3)] = 1.0;
            let rel = c.deprel.split(':').next().unwrap_or("");
            if c.subject {
                f[4] = 1.0;
            } else {
                match rel {
                    "obj" | "iobj" => f[5] = 1.0,
                    "obl" => f[6] = 1.0,
                    "nmod" => f[7] = 1.0,
                    _ => f[8] = 1.0,
                }
            }
            f[9] = f32::from(u8::from(c.pronoun_class == Some(class)));
            f[10] = f32::from(u8::from(c.pronoun));
            let personal = matches!(class, PronounClass::Male | PronounClass::Female);
            f[11] = f32::from(u8::from(personal && c.person == Some(true)));
            f[12] = f32::from(u8::from(personal && c.person.is_none()));
            let want_plural = class == PronounClass::They;
            f[13] = f32::from(u8::from(want_plural && c.plural == Some(true)));
            f[14] = (entity_count(c.entity).min(6) as f32) / 6.0;
            let same_clause =
                has_pos && dist == 0 && clause_root(doc, c.head) == clause_root(doc, t);
            f[15] = f32::from(u8::from(same_clause));
            f[16] = f32::from(u8::from(possessive && dist == 0 && c.subject));
            f[17] = f32::from(u8::from(c.mention.is_some()));
            f[18] = f32::from(u8::from(c.named));
            f[19] = f32::from(u8::from(c.subject && is_subject(pron_rel)));
            f[20] = 1.0 / (1.0 + rank as f32);
            let first_word = fold(doc.slice(doc.tokens[c.start].span));
            f[21] = f32::from(u8::from(first_word == "the"));
            let cg = c.gender.or_else(|| entity_gender(c.entity));
            f[22] = f32::from(u8::from(cg.is_some()));
            f[23] = f32::from(u8::from(reflexive && same_clause && c.subject));
            f[24] = f32::from(u8::from(class == PronounClass::It && c.person.is_none()));
            f[25] = f32::from(u8::from(
                class == PronounClass::They && c.person == Some(true),
            ));
            f[26] = ((c.end - c.start).min(6) as f32) / 6.0;
            f[27] = f32::from(u8::from(first_in_sentence(i)));
            f[28] = f32::from(u8::from(possessive && dist == 0));
            f[29] = if dist == 0 {
                ((t - c.end).min(30) as f32) / 30.0
            } else {
                0.0
            };
            f[30] = (depth(doc, c.head).min(6) as f32) / 6.0;
            f[31] = f32::from(u8::from(has_pos && clause_root_is_root(doc, c.head)));
            f[32] = f32::from(u8::from(parity[c.start] != parity[t]));
            f[33] = f32::from(u8::from(c.clausal));
            for k in 0..N_BASE {
                f[block * N_BASE + k] = f[k];
            }
            f
        })
        .collect();
    let dot = |w: &[f32; N_FEATURES], f: &[f32; N_FEATURES]| -> f32 {
        w.iter().zip(f).map(|(a, b)| a * b).sum()
    };
    let w: [f32; N_FEATURES] = match trainer {
        Some(tr) => tr.weights,
        None => *learned_weights(has_pos),
    };
    let mut best = 0usize;
    for k in 1..feats.len() {
        if dot(&w, &feats[k]) > dot(&w, &feats[best]) {
            best = k;
        }
    }
    let mut chosen = best;
    if let Some(tr) = trainer.as_deref_mut() {
        let right: Vec<usize> = (0..feats.len())
            .filter(|&k| (tr.oracle)(cands[compatible[k]].head, t))
            .collect();
        if let Some(&gold_best) = right
            .iter()
            .max_by(|&&a, &&b| dot(&w, &feats[a]).total_cmp(&dot(&w, &feats[b])))
        {
            tr.seen += 1;
            if right.contains(&best) {
                tr.right += 1;
            } else {
                for (k, w) in tr.weights.iter_mut().enumerate() {
                    *w += feats[gold_best][k] - feats[best][k];
                }
            }
            // Teacher forcing: continue from the right answer.
            chosen = gold_best;
        }
        tr.steps += 1.0;
        for (s, w) in tr.sum.iter_mut().zip(tr.weights) {
            *s += w;
        }
    }
    let i = compatible[chosen];
    let c = &cands[i];
    let rule = format!(
        "pronoun: agreement ({}), learned salience ranking ({} candidates){}{} → tokens {}..{}",
        match class {
            PronounClass::Male => "male person",
            PronounClass::Female => "female person",
            PronounClass::It => "non-person singular",
            PronounClass::They => "plural or collective",
        },
        compatible.len(),
        if c.subject { ", subject" } else { "" },
        if c.sentence == si {
            ", same sentence"
        } else {
            ""
        },
        c.start,
        c.end
    );
    Some((i, rule))
}

/// A definite description starting at `t` ("the country", "the militant
/// group", "the two countries") resolved to an earlier candidate.
fn description_at(
    doc: &Doc,
    folded: &[String],
    cands: &[Candidate],
    t: usize,
    send: usize,
    si: usize,
    has_pos: bool,
) -> Option<Link> {
    // Find the head: up to 3 modifiers then a noun.
    let mut head = None;
    let mut two = false;
    for k in t + 1..(t + 5).min(send) {
        let f = folded[k].as_str();
        if matches!(f, "two" | "both") {
            two = true;
            continue;
        }
        let up = doc.tokens[k].upos.as_str();
        if has_pos {
            if up == "NOUN" {
                // The head is the last noun of the run.
                let next_noun =
                    doc.tokens.get(k + 1).is_some_and(|n| n.upos == "NOUN") && k + 1 < send;
                if !next_noun {
                    head = Some(k);
                    break;
                }
            } else if !matches!(up, "ADJ" | "NUM" | "ADV") {
                break;
            }
        } else if desc_type(f).is_some() {
            let next_desc = k + 1 < send && desc_type(&folded[k + 1]).is_some();
            if !next_desc {
                head = Some(k);
                break;
            }
        } else if !f.chars().all(|c| c.is_lowercase() || c == '-')
            || STOP.contains(&f)
            || k >= t + 3
        {
            break;
        }
    }
    let h = head?;
    // A name follows ("the militant group ISIS"): an apposition, not an anaphor.
    let after = cands.partition_point(|c| c.start <= h);
    if cands[after..]
        .iter()
        .take_while(|c| c.start == h + 1)
        .any(|c| c.mention.is_some())
    {
        return None;
    }
    // Already part of a named mention ("the Islamic State group").
    if cands[..after]
        .iter()
        .rev()
        .take(SCAN_BUDGET)
        .any(|c| c.named && h < c.end)
    {
        return None;
    }
    let hw = folded[h].as_str();
    let lemma = if doc.tokens[h].lemma.is_empty() {
        hw.to_string()
    } else {
        fold(&doc.tokens[h].lemma)
    };
    let dtype = desc_type(hw);
    // "the west of the city": a compass direction followed by "of" names a
    // place, not the bloc
    if folded.get(h + 1).is_some_and(|w| w == "of")
        && matches!(hw, "west" | "east" | "north" | "south")
    {
        return None;
    }
    let plural_head = hw.ends_with('s') && !hw.ends_with("ss");
    let two = two || (dtype == Some(DescType::Country) && plural_head);
    let window = 12;
    // 1. The same head word earlier ("the official" after "a US official").
    let mut pick: Option<(usize, &'static str)> = None;
    for (i, c) in cands.iter().enumerate().rev().take(DESCRIPTION_BUDGET) {
        // Sorted by position: every earlier candidate is out of the window too.
        if c.sentence + window < si {
            break;
        }
        if c.end > t || c.place || c.clausal {
            continue;
        }
        let weak = c.mention.is_some() && !c.named;
        // "every country" is no antecedent for "the country".
        let quantified = c.mention.is_none()
            && matches!(
                fold(doc.slice(doc.tokens[c.start].span)).as_str(),
                "every"
                    | "each"
                    | "any"
                    | "no"
                    | "some"
                    | "another"
                    | "all"
                    | "many"
                    | "few"
                    | "most"
                    | "several"
            );
        if quantified || (!plural_head && c.plural == Some(true)) {
            continue;
        }
        if (c.head_word == lemma || c.head_word == hw) && !c.pronoun && !two && !weak {
            pick = Some((i, "same head word"));
            break;
        }
    }
    // 2. The kind the head word asks for.
    let mut second = None;
    if pick.is_none() {
        let dtype = dtype?;
        let fits = |c: &Candidate| -> bool {
            match dtype {
                // "the heads of the two countries" after "Rouhani met
                // Cameron": people stand for their countries too.
                DescType::Country if two => {
                    c.mention.is_some()
                        && matches!(c.kind, Some(ActorKind::Country | ActorKind::Person))
                        && c.root.as_ref().is_some_and(|r| {
                            r.len() == 3
                                && r.chars().all(|x| x.is_ascii_uppercase())
                                && r != "IGO"
                                && r != "IMG"
                        })
                }
                DescType::Country => c.kind == Some(ActorKind::Country) && c.person != Some(true),
                DescType::Group => matches!(
                    c.kind,
                    Some(ActorKind::ArmedGroup | ActorKind::Organization)
                ),
                DescType::Government => {
                    c.mention.is_some()
                        && (c.kind == Some(ActorKind::Person)
                            || c.kind == Some(ActorKind::Institution))
                        && c.person != Some(false)
                        || c.kind == Some(ActorKind::Institution)
                }
                DescType::Official => c.person == Some(true) && c.plural != Some(true),
                DescType::Military => c.kind == Some(ActorKind::Country),
                DescType::Media => c.kind == Some(ActorKind::Media),
                DescType::Bloc => matches!(c.kind, Some(ActorKind::Bloc | ActorKind::Igo)),
            }
        };
        let mut found: Vec<usize> = Vec::new();
        for (i, c) in cands.iter().enumerate().rev().take(DESCRIPTION_BUDGET) {
            // Sorted by position: every earlier candidate is out of the window too.
            if c.sentence + window < si {
                break;
            }
            if c.end > t || c.place || c.clausal || !fits(c) {
                continue;
            }
            if found.iter().any(|&j| {
                cands[j].entity == c.entity
                    || cands[j].head_word == c.head_word
                    || (two && cands[j].root.is_some() && cands[j].root == c.root)
            }) {
                continue;
            }
            found.push(i);
            if !two || found.len() == 2 {
                break;
            }
        }
        let first = *found.first()?;
        if two {
            second = found.get(1).copied();
        }
        pick = Some((first, "kind named by the head word"));
    }
    let (i, how) = pick?;
    let role = match dtype {
        Some(DescType::Government) => Some("GOV"),
        Some(DescType::Military) => Some("MIL"),
        _ => None,
    };
    let end = h + 1;
    let c = &cands[i];
    let mut rule = format!(
        "description {:?}: {how} → tokens {}..{}",
        folded[t..end].join(" "),
        c.start,
        c.end
    );
    if let Some(j) = second {
        rule.push_str(&format!(" and {}..{}", cands[j].start, cands[j].end));
    }
    Some(Link {
        start: t,
        end,
        kind: MentionKind::Description,
        antecedent: i,
        second,
        rule,
        role,
    })
}

/// Adds pronoun and description mentions resolved to earlier actor
/// mentions (a resolution to a non-actor noun phrase adds nothing), and
/// replaces bare agent mentions that a description resolved.
pub fn resolve(
    doc: &Doc,
    mut mentions: Vec<Mention>,
    mut infos: Vec<MentionInfo>,
) -> (Vec<Mention>, Vec<MentionInfo>) {
    let coref = link(doc, &mentions, &infos);
    // Entity → first actor mention index (through chains).
    let mut entity_mention: std::collections::HashMap<usize, usize> =
        std::collections::HashMap::new();
    for c in &coref.candidates {
        if let Some(m) = c.mention {
            entity_mention.entry(c.entity).or_insert(m);
        }
    }
    // Per entity, its actor mentions as (start, end, mention) in candidate
    // (start) order: one lookup per link instead of a scan over every
    // candidate, which made documents with many pronouns quadratic.
    let mut entity_mentions: std::collections::HashMap<usize, Vec<(usize, usize, usize)>> =
        std::collections::HashMap::new();
    for c in &coref.candidates {
        if let Some(m) = c.mention {
            entity_mentions
                .entry(c.entity)
                .or_default()
                .push((c.start, c.end, m));
        }
    }
    let mut added: Vec<(Mention, MentionInfo)> = Vec::new();
    let mut drop = vec![false; mentions.len()];
    let sent_of = sentence_index(doc);
    // Bare agent mentions by first token, to find those a link covers
    // without a scan over every mention per link.
    let mut bare: Vec<(usize, usize, usize)> = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.kind == MentionKind::Description && m.antecedent.is_none())
        .map(|(k, m)| (m.token_start as usize, m.token_end as usize, k))
        .collect();
    bare.sort_unstable();
    for l in &coref.links {
        let c = &coref.candidates[l.antecedent];
        // The nearest actor mention of that entity before the anaphor (the
        // last in candidate order that ends before it; anything ending
        // before it starts before it).
        let ante = entity_mentions
            .get(&c.entity)
            .and_then(|v| {
                let upto = v.partition_point(|x| x.0 < l.start);
                v[..upto].iter().rev().find(|x| x.1 <= l.start).map(|x| x.2)
            })
            .or_else(|| {
                entity_mention
                    .get(&c.entity)
                    .copied()
                    .filter(|&m| (mentions[m].token_end as usize) <= l.start)
            });
        let Some(ante) = ante else { continue };
        let am = &mentions[ante];
        let mut code = am.code.clone();
        if let (Some(role), Some(cd)) = (l.role, &code) {
            if !cd.as_str().ends_with(role) {
                code = Some(ActorCode::new(format!("{}{role}", cd.root())));
            }
        }
        let mut rule = l.rule.clone();
        if let Some(j) = l.second {
            let other = coref.candidates[j]
                .mention
                .map(|m| mentions[m].code.clone());
            rule.push_str(&format!(
                "; two antecedents ({} and {}), code left empty",
                am.code.as_ref().map_or("-", |c| c.as_str()),
                other.flatten().as_ref().map_or("-", |c| c.as_str())
            ));
            code = None;
        }
        // A bare agent mention over the same tokens ("the official") is replaced.
        let from = bare.partition_point(|b| b.0 < l.start);
        for &(_, end, k) in bare[from..].iter().take_while(|b| b.0 <= l.end) {
            if end <= l.end {
                drop[k] = true;
            }
        }
        let span = Span::new(
            doc.tokens[l.start].span.start as usize,
            doc.tokens[l.end - 1].span.end as usize,
        );
        added.push((
            Mention {
                sentence: sent_of.get(l.start).copied().unwrap_or(0) as u32,
                span,
                token_start: l.start as u32,
                token_end: l.end as u32,
                kind: l.kind,
                code,
                actor: am.actor.clone(),
                antecedent: Some(ante as u32),
                rule,
            },
            MentionInfo {
                agents: Vec::new(),
                ..infos[ante].clone()
            },
        ));
    }
    // Merge, keep text order, remap antecedents.
    let n_old = mentions.len();
    let mut all: Vec<(Mention, MentionInfo, Option<usize>)> = Vec::new();
    for (k, (m, i)) in mentions.drain(..).zip(infos.drain(..)).enumerate() {
        if !drop[k] {
            all.push((m, i, Some(k)));
        }
    }
    for (m, i) in added {
        all.push((m, i, None));
    }
    all.sort_by_key(|(m, _, _)| (m.span.start, m.span.end));
    let mut remap = vec![None; n_old];
    for (new, (_, _, old)) in all.iter().enumerate() {
        if let Some(o) = old {
            remap[*o] = Some(new as u32);
        }
    }
    let mut out_m = Vec::with_capacity(all.len());
    let mut out_i = Vec::with_capacity(all.len());
    for (mut m, i, _) in all {
        m.antecedent = m
            .antecedent
            .and_then(|a| remap.get(a as usize).copied().flatten());
        out_m.push(m);
        out_i.push(i);
    }
    (out_m, out_i)
}

/// An upper bound, per sentence of `doc`, of the actor mentions this
/// stage can end up with there, from the matcher's `mentions` alone (before
/// any parse): the mentions themselves, plus every third-person pronoun and
/// every "the/this/these/both" description whose head could be resolved to
/// a mention (a head word of [`desc_type`], or a word or lemma of a
/// mention's tokens, or a form whose lemma is one of those: the only heads
/// the description rules accept). Callers use it to skip work on
/// sentences that cannot hold enough actors; it errs on the high side.
pub fn possible_mentions(doc: &Doc, mentions: &[Mention]) -> Vec<usize> {
    let n = doc.tokens.len();
    let folded: Vec<String> = doc.tokens.iter().map(|t| fold(doc.slice(t.span))).collect();
    let lemma = |t: usize| fold(&doc.tokens[t].lemma);
    let mut in_mention = vec![false; n];
    let mut heads: std::collections::HashSet<String> = std::collections::HashSet::new();
    for m in mentions {
        for t in (m.token_start as usize)..(m.token_end as usize).min(n) {
            in_mention[t] = true;
            heads.insert(folded[t].clone());
            heads.insert(lemma(t));
        }
    }
    // Forms whose lemma is a mention word ("officials" after "official").
    for t in 0..n {
        if !in_mention[t] && heads.contains(&lemma(t)) {
            heads.insert(folded[t].clone());
        }
    }
    let head_ok = |t: usize| {
        let f = folded[t].as_str();
        desc_type(f).is_some() || heads.contains(f) || heads.contains(&lemma(t))
    };
    let mut out = vec![0usize; doc.sentences.len()];
    for m in mentions {
        if let Some(c) = out.get_mut(m.sentence as usize) {
            *c += 1;
        }
    }
    for (si, s) in doc.sentences.iter().enumerate() {
        let r = s.tokens();
        let end = r.end.min(n);
        let anaphors = (r.start.min(end)..end)
            .filter(|&t| {
                let f = folded[t].as_str();
                pronoun_class(f).is_some()
                    || (matches!(f, "the" | "this" | "these" | "both")
                        && (t + 1..(t + 5).min(end)).any(head_ok))
            })
            .count();
        out[si] += anaphors;
    }
    out
}

/// Singular nouns for groups that English refers back to with "they"
/// ("the team ... they").
const COLLECTIVE_NOUNS: &[&str] = &[
    "team",
    "family",
    "police",
    "band",
    "club",
    "crew",
    "staff",
    "company",
    "government",
    "committee",
    "group",
    "party",
    "public",
    "audience",
    "couple",
    "board",
    "army",
    "military",
    "council",
];

/// More person nouns (roles, groups of people).
const MORE_PERSON_NOUNS: &[&str] = &[
    "secretary",
    "general",
    "chairman",
    "chairwoman",
    "chair",
    "ambassador",
    "chief",
    "head",
    "commander",
    "expert",
    "experts",
    "analyst",
    "analysts",
    "worker",
    "workers",
    "farmer",
    "farmers",
    "citizen",
    "citizens",
    "voter",
    "voters",
    "user",
    "users",
    "fan",
    "patient",
    "patients",
    "parent",
    "spokesperson",
    "deputy",
    "executive",
    "employee",
    "employees",
    "astronaut",
    "astronauts",
    "pilot",
    "activist",
    "activists",
    "protester",
    "protesters",
    "militant",
    "militants",
    "rebel",
    "rebels",
    "suspect",
    "suspects",
    "witness",
    "witnesses",
    "survivor",
    "survivors",
    "refugee",
    "refugees",
    "migrant",
    "migrants",
    "immigrant",
    "immigrants",
    "prisoner",
    "prisoners",
    "critic",
    "critics",
    "supporter",
    "supporters",
    "opponent",
    "opponents",
    "winner",
    "champion",
    "athlete",
    "athletes",
    "runner",
    "fighter",
    "fighters",
    "troops",
    "diplomat",
    "diplomats",
    "lawmaker",
    "lawmakers",
    "politician",
    "politicians",
    "inventor",
    "designer",
    "photographer",
    "editor",
    "blogger",
    "magician",
    "biologist",
    "biologists",
    "psychologist",
    "musician",
    "poet",
    "novelist",
    "historian",
    "economist",
    "physician",
    "nurse",
    "nurses",
    "teenager",
    "teenagers",
    "adult",
    "adults",
    "individual",
    "individuals",
    "someone",
    "somebody",
    "anyone",
    "everyone",
    "nobody",
];

fn is_person_noun(f: &str) -> bool {
    PERSON_NOUNS.contains(&f) || MORE_PERSON_NOUNS.contains(&f)
}

/// Last words that make a capitalised name an organisation or place.
const NON_PERSON_HEADS: &[&str] = &[
    "university",
    "college",
    "school",
    "institute",
    "museum",
    "association",
    "party",
    "council",
    "ministry",
    "agency",
    "company",
    "inc",
    "corp",
    "corporation",
    "ltd",
    "bank",
    "airport",
    "hospital",
    "center",
    "centre",
    "organization",
    "organisation",
    "union",
    "committee",
    "court",
    "church",
    "department",
    "office",
    "foundation",
    "street",
    "river",
    "city",
    "county",
    "state",
    "states",
    "island",
    "islands",
    "republic",
    "kingdom",
    "league",
    "club",
    "team",
    "news",
    "times",
    "post",
    "journal",
    "service",
    "services",
    "group",
    "festival",
    "park",
    "hall",
    "house",
    "station",
    "gallery",
    "library",
    "project",
    "program",
    "programme",
    "world",
    "cup",
    "games",
    "olympics",
    "award",
    "awards",
    "prize",
    "act",
    "bill",
    "treaty",
    "war",
    "day",
    "square",
    "bridge",
    "tower",
    "road",
    "avenue",
    "lake",
    "mountain",
    "mountains",
    "sea",
    "ocean",
    "valley",
    "province",
    "region",
    "district",
    "network",
    "channel",
    "force",
    "army",
    "navy",
    "police",
    "system",
    "standards",
    "explorer",
    "shuttle",
    "cyclone",
    "storm",
    "hurricane",
    "theatre",
    "theater",
    "stadium",
    "market",
    "exchange",
    "fund",
    "commission",
    "assembly",
    "parliament",
    "congress",
    "senate",
    "government",
    "administration",
    "coast",
];

const TITLE_WORDS: &[&str] = &[
    "minister",
    "president",
    "secretary",
    "general",
    "director",
    "chairman",
    "ambassador",
    "senator",
    "governor",
    "mayor",
    "prime",
    "king",
    "queen",
    "dr",
    "prof",
    "professor",
    "judge",
    "captain",
    "colonel",
    "sheikh",
    "ayatollah",
    "mr",
    "mrs",
    "ms",
    "sir",
    "lord",
    "lady",
    "prince",
    "princess",
    "pope",
    "cardinal",
    "bishop",
    "rev",
    "reverend",
    "sen",
    "rep",
    "gov",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "chancellor",
    "premier",
    "commissioner",
    "spokesman",
    "spokeswoman",
    "coach",
    "chief",
    "officer",
    "detective",
    "inspector",
    "agent",
    "saint",
    "st",
];

/// Whether a capitalised name (folded words) looks like a person: `Some(false)`
/// for organisation/place heads ("University"), `Some(true)` with a title or a
/// known first name, `None` when unsure.
pub fn name_person(words: &[String]) -> Option<bool> {
    let last = words.last()?.as_str();
    if NON_PERSON_HEADS.contains(&last) {
        return Some(false);
    }
    if words.iter().any(|w| TITLE_WORDS.contains(&w.as_str())) {
        return Some(true);
    }
    if words
        .first()
        .is_some_and(|f| crate::matcher::first_name_gender(f).is_some())
    {
        return Some(true);
    }
    None
}

/// The root of the clause that governs token `t` (its nearest clausal
/// ancestor, the token itself excluded); `usize::MAX` without a parse.
fn clause_root(doc: &Doc, t: usize) -> usize {
    let Some(s) = sentence_of(doc, t) else {
        return usize::MAX;
    };
    let base = s.token_start as usize;
    let mut x = t;
    for _ in 0..30 {
        let h = doc.tokens[x].head as usize;
        if h == 0 {
            return x;
        }
        x = base + h - 1;
        if x >= doc.tokens.len() {
            return usize::MAX;
        }
        let tok = &doc.tokens[x];
        let rel = tok.deprel.split(':').next().unwrap_or("");
        if matches!(
            rel,
            "root" | "ccomp" | "xcomp" | "advcl" | "acl" | "parataxis" | "csubj"
        ) || (rel == "conj" && matches!(tok.upos.as_str(), "VERB" | "AUX"))
        {
            return x;
        }
    }
    x
}

/// Number of ancestors of `t` up to its sentence root.
fn depth(doc: &Doc, t: usize) -> usize {
    let Some(s) = sentence_of(doc, t) else {
        return 0;
    };
    let base = s.token_start as usize;
    let mut x = t;
    for d in 0..30 {
        let h = doc.tokens[x].head as usize;
        if h == 0 {
            return d;
        }
        x = base + h - 1;
        if x >= doc.tokens.len() {
            return d;
        }
    }
    30
}

/// Whether the clause governing `t` is the sentence's main clause.
fn clause_root_is_root(doc: &Doc, t: usize) -> bool {
    let r = clause_root(doc, t);
    r != usize::MAX && doc.tokens.get(r).is_some_and(|x| x.head == 0)
}

/// Whether token `t` is inside a quotation (odd number of quote marks in
/// its paragraph before it).
/// For every token, whether it stands inside double quote marks (odd number
/// of marks before it within its paragraph), in one forward pass: asked per
/// candidate and pronoun, a backward scan made texts with many quote marks
/// cubic. Same result as the scan it replaces: the walk back counted the
/// last token before a paragraph break too.
fn quote_parities(doc: &Doc) -> Vec<bool> {
    let n = doc.tokens.len();
    let mut out = Vec::with_capacity(n);
    let mut inside = false;
    for k in 0..n {
        out.push(inside);
        let w = doc.slice(doc.tokens[k].span);
        let mark = matches!(w, "\"" | "“" | "”" | "``" | "''");
        // Paragraph break: quotes do not run across it.
        let gap = doc.tokens.get(k + 1).and_then(|nt| {
            doc.text
                .get(doc.tokens[k].span.end as usize..nt.span.start as usize)
        });
        if gap.is_some_and(|g| g.contains("\n\n")) {
            inside = mark;
        } else if mark {
            inside = !inside;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use entente_core::conllu;

    fn parsed(text: &str) -> Doc {
        let sents = conllu::parse(text).expect("valid CoNLL-U");
        conllu::to_doc(&sents, entente_core::Article::default())
    }

    fn antecedent_word(doc: &Doc, c: &Coref, pron: usize) -> Option<String> {
        c.links
            .iter()
            .find(|l| l.start == pron)
            .map(|l| fold(doc.slice(doc.tokens[c.candidates[l.antecedent].head].span)))
    }

    #[test]
    fn plain_pronoun_is_not_bound_by_its_co_argument() {
        // "The king met the farmer. The farmer praised him." — "him" cannot
        // be the farmer (co-argument), so it is the king.
        let doc = parsed(
            "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n\
             2\tking\tking\tNOUN\tNN\tNumber=Sing\t3\tnsubj\t_\t_\n\
             3\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n\
             4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_\n\
             5\tfarmer\tfarmer\tNOUN\tNN\tNumber=Sing\t3\tobj\t_\t_\n\
             6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n\
             1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n\
             2\tfarmer\tfarmer\tNOUN\tNN\tNumber=Sing\t3\tnsubj\t_\t_\n\
             3\tpraised\tpraise\tVERB\tVBD\t_\t0\troot\t_\t_\n\
             4\thim\the\tPRON\tPRP\tCase=Acc\t3\tobj\t_\t_\n\
             5\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n",
        );
        let c = link(&doc, &[], &[]);
        assert_eq!(antecedent_word(&doc, &c, 9).as_deref(), Some("king"));
    }

    #[test]
    fn parser_expletive_it_is_left_alone_but_ordinary_it_resolves() {
        // "The plan failed. It is clear that it was too costly."
        let doc = parsed(
            "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n\
             2\tplan\tplan\tNOUN\tNN\tNumber=Sing\t3\tnsubj\t_\t_\n\
             3\tfailed\tfail\tVERB\tVBD\t_\t0\troot\t_\t_\n\
             4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n\
             1\tIt\tit\tPRON\tPRP\t_\t3\texpl\t_\t_\n\
             2\tis\tbe\tAUX\tVBZ\t_\t3\tcop\t_\t_\n\
             3\tclear\tclear\tADJ\tJJ\t_\t0\troot\t_\t_\n\
             4\tthat\tthat\tSCONJ\tIN\t_\t8\tmark\t_\t_\n\
             5\tit\tit\tPRON\tPRP\t_\t8\tnsubj\t_\t_\n\
             6\twas\tbe\tAUX\tVBD\t_\t8\tcop\t_\t_\n\
             7\ttoo\ttoo\tADV\tRB\t_\t8\tadvmod\t_\t_\n\
             8\tcostly\tcostly\tADJ\tJJ\t_\t3\tccomp\t_\t_\n\
             9\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n",
        );
        let c = link(&doc, &[], &[]);
        assert!(c.links.iter().all(|l| l.start != 4), "expletive linked");
        assert_eq!(antecedent_word(&doc, &c, 8).as_deref(), Some("plan"));
    }
}
