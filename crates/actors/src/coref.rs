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
            None
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
            plural: Some(info.plural),
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
                "compound" | "flat" | "fixed" | "flat:name"
            ) {
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
            let person = if PERSON_NOUNS.contains(&f) || gender.is_some() {
                Some(true)
            } else if propn {
                None
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
    let sent_start = doc
        .sentences
        .iter()
        .find(|s| s.tokens().contains(&a))
        .map_or(0, |s| s.token_start as usize);
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
    let words: Vec<&str> = doc.tokens.iter().map(|t| doc.slice(t.span)).collect();
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let mut cands = candidates(doc, mentions, infos, &folded);
    let mut links = Vec::new();
    let sent_of = sentence_index(doc);
    let has_pos = doc.tokens.iter().any(|t| !t.upos.is_empty());
    // Anaphors in text order: pronouns, and "the X" descriptions.
    let mut t = 0;
    while t < doc.tokens.len() {
        let f = folded[t].as_str();
        let si = sent_of[t];
        let send = doc
            .sentences
            .get(si)
            .map_or(doc.tokens.len(), |s| s.token_end as usize);
        if let Some((class, possessive)) = pronoun_class(f) {
            let inside_mention = cands.iter().any(|c| {
                c.mention.is_some()
                    && c.start <= t
                    && t < c.end
                    && !(c.start == t && c.end == t + 1)
            });
            if !inside_mention
                && !(class == PronounClass::It && !possessive && pleonastic(&folded, t, send))
            {
                if let Some((best, rule)) =
                    best_for_pronoun(doc, &cands, t, si, class, possessive, has_pos)
                {
                    let entity = cands[best].entity;
                    links.push(Link {
                        start: t,
                        end: t + 1,
                        kind: MentionKind::Pronoun,
                        antecedent: best,
                        second: None,
                        rule,
                        role: None,
                    });
                    let (gender, plural, person) = match class {
                        PronounClass::Male => (Some(Gender::Male), Some(false), Some(true)),
                        PronounClass::Female => (Some(Gender::Female), Some(false), Some(true)),
                        PronounClass::It => (None, Some(false), Some(false)),
                        PronounClass::They => (None, cands[best].plural, cands[best].person),
                    };
                    let c = Candidate {
                        start: t,
                        end: t + 1,
                        head: t,
                        sentence: si,
                        mention: None,
                        person,
                        plural,
                        gender: gender.or(cands[best].gender),
                        kind: cands[best].kind,
                        subject: is_subject(&doc.tokens[t].deprel)
                            || (!has_pos && matches!(f, "he" | "she" | "it" | "they")),
                        head_word: cands[best].head_word.clone(),
                        entity,
                        pronoun: true,
                        place: false,
                        named: false,
                    };
                    insert_candidate(&mut cands, c);
                }
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
                c.named = false;
                links.push(l);
                insert_candidate(&mut cands, c);
                continue;
            }
        }
        t += 1;
    }
    Coref {
        candidates: cands,
        links,
    }
}

fn insert_candidate(cands: &mut Vec<Candidate>, c: Candidate) {
    let pos = cands.partition_point(|x| {
        (x.start, std::cmp::Reverse(x.end)) <= (c.start, std::cmp::Reverse(c.end))
    });
    cands.insert(pos, c);
}

/// Count of candidates per entity before position `t` (salience).
fn salience(cands: &[Candidate], entity: usize, t: usize) -> i32 {
    cands
        .iter()
        .filter(|c| c.entity == entity && c.end <= t)
        .count()
        .min(5) as i32
}

fn best_for_pronoun(
    doc: &Doc,
    cands: &[Candidate],
    t: usize,
    si: usize,
    class: PronounClass,
    possessive: bool,
    has_pos: bool,
) -> Option<(usize, String)> {
    let window = match class {
        PronounClass::Male | PronounClass::Female => 4,
        _ => 3,
    };
    let mut best: Option<(i32, usize)> = None;
    let pron_head = doc.tokens[t].head;
    let pron_rel = doc.tokens[t].deprel.as_str();
    for (i, c) in cands.iter().enumerate() {
        if c.end > t || c.sentence + window < si || c.place {
            continue;
        }
        // Agreement.
        let ok = match class {
            PronounClass::Male | PronounClass::Female => {
                let g = if class == PronounClass::Male {
                    Gender::Male
                } else {
                    Gender::Female
                };
                c.person != Some(false) && c.plural != Some(true) && c.gender.is_none_or(|x| x == g)
            }
            PronounClass::It => c.person != Some(true) && c.plural != Some(true),
            PronounClass::They => {
                c.plural == Some(true)
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
        if !ok {
            continue;
        }
        // Binding: a non-possessive object pronoun is not its own clause's subject.
        if has_pos
            && c.sentence == si
            && !possessive
            && c.subject
            && matches!(pron_rel, "obj" | "iobj")
        {
            let sent_start = doc.sentences[si].token_start as usize;
            let c_head = doc.tokens[c.head].head;
            if c_head == pron_head && pron_head as usize + sent_start > 0 {
                continue;
            }
        }
        let dist = (si - c.sentence) as i32;
        let mut score = 100 - 30 * dist;
        if c.subject {
            score += 35;
        }
        if possessive && c.sentence == si {
            score += if c.subject { 20 } else { 40 };
        }
        if c.pronoun
            && c.gender.is_some()
            && matches!(class, PronounClass::Male | PronounClass::Female)
        {
            score += 15;
        }
        if c.person == Some(true) && matches!(class, PronounClass::Male | PronounClass::Female) {
            score += 25;
        }
        if c.plural == Some(true) && class == PronounClass::They {
            score += 15;
        }
        if c.mention.is_some() {
            score += 5;
        }
        score += 8 * salience(cands, c.entity, t);
        // Recency within the window breaks ties (later is better).
        score = score * 1000 + (c.start as i32 % 1000);
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, i));
        }
    }
    let (_, i) = best?;
    let c = &cands[i];
    let rule = format!(
        "pronoun: agreement ({}) + salience{}{} → tokens {}..{}",
        match class {
            PronounClass::Male => "male person",
            PronounClass::Female => "female person",
            PronounClass::It => "non-person singular",
            PronounClass::They => "plural or collective",
        },
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
    if cands
        .iter()
        .any(|c| c.start == h + 1 && c.mention.is_some())
    {
        return None;
    }
    // Already part of a named mention ("the Islamic State group").
    if cands.iter().any(|c| c.named && c.start <= h && h < c.end) {
        return None;
    }
    let hw = folded[h].as_str();
    let lemma = if doc.tokens[h].lemma.is_empty() {
        hw.to_string()
    } else {
        fold(&doc.tokens[h].lemma)
    };
    let dtype = desc_type(hw);
    let plural_head = hw.ends_with('s') && !hw.ends_with("ss");
    let two = two || (dtype == Some(DescType::Country) && plural_head);
    let window = 12;
    // 1. The same head word earlier ("the official" after "a US official").
    let mut pick: Option<(usize, &'static str)> = None;
    for (i, c) in cands.iter().enumerate().rev() {
        if c.end > t || c.sentence + window < si || c.place {
            continue;
        }
        let weak = c.mention.is_some() && !c.named;
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
        for (i, c) in cands.iter().enumerate().rev() {
            if c.end > t || c.sentence + window < si || c.place || !fits(c) {
                continue;
            }
            if found
                .iter()
                .any(|&j| cands[j].entity == c.entity || cands[j].head_word == c.head_word)
            {
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
    let mut added: Vec<(Mention, MentionInfo)> = Vec::new();
    let mut drop = vec![false; mentions.len()];
    for l in &coref.links {
        let c = &coref.candidates[l.antecedent];
        // The nearest actor mention of that entity before the anaphor.
        let ante = coref
            .candidates
            .iter()
            .filter(|x| x.entity == c.entity && x.end <= l.start && x.mention.is_some())
            .filter_map(|x| x.mention)
            .next_back()
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
        for (k, m) in mentions.iter().enumerate() {
            if m.kind == MentionKind::Description
                && m.antecedent.is_none()
                && (m.token_start as usize) >= l.start
                && (m.token_end as usize) <= l.end
            {
                drop[k] = true;
            }
        }
        let span = Span::new(
            doc.tokens[l.start].span.start as usize,
            doc.tokens[l.end - 1].span.end as usize,
        );
        added.push((
            Mention {
                sentence: sentence_index(doc)[l.start] as u32,
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
