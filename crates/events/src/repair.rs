//! Repairs of typical dependency-parser errors before coding.
//!
//! The coder reads source and target off the parse, so a few frequent
//! attachment errors of a statistical parser cost whole events. Each repair
//! here recognises one error shape that a well-formed parse does not have
//! (two subjects of one verb, a finite verb tagged as an adjective with a
//! subject of its own, an asyndetic verb conjunct without any punctuation)
//! and rewrites it into the structure the sentence's words imply. Sentences
//! without such a shape are not copied.

use entente_core::{Doc, Token};

fn base(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// 0-based head of token `i`, `None` for the root.
fn head(t: &[Token], i: usize) -> Option<usize> {
    let h = t[i].head as usize;
    (h > 0 && h <= t.len()).then(|| h - 1)
}

fn set_head(t: &mut [Token], i: usize, h: Option<usize>, rel: &str) {
    t[i].head = h.map_or(0, |h| h as u32 + 1);
    t[i].deprel = rel.to_string();
}

fn kids(t: &[Token], i: usize) -> impl Iterator<Item = usize> + '_ {
    (0..t.len()).filter(move |&k| head(t, k) == Some(i))
}

/// True when `k` lies in the subtree of `root`.
fn dominated(t: &[Token], root: usize, k: usize) -> bool {
    let mut cur = k;
    for _ in 0..t.len() {
        if cur == root {
            return true;
        }
        match head(t, cur) {
            Some(h) => cur = h,
            None => return false,
        }
    }
    false
}

fn is_comma_or_cc(doc: &Doc, t: &Token) -> bool {
    t.upos == "CCONJ" || matches!(doc.slice(t.span), "," | ";" | "--")
}

fn finite(t: &Token) -> bool {
    t.feats.contains("VerbForm=Fin") || matches!(t.xpos.as_str(), "VBD" | "VBZ" | "VBP")
}

/// Error shapes the repairs below handle, found in one pass.
fn needs_repair(doc: &Doc, t: &[Token]) -> bool {
    let mut subj_heads: Vec<usize> = Vec::new();
    for (i, tk) in t.iter().enumerate() {
        let r = tk.deprel.as_str();
        let Some(h) = head(t, i) else { continue };
        if base(r) == "nsubj" {
            if subj_heads.contains(&h) {
                return true;
            }
            subj_heads.push(h);
        }
        // (only with a subject of its own: "exiled leaders" is no error)
        if r == "amod"
            && tk.upos == "VERB"
            && h > i
            && t[..i]
                .iter()
                .any(|x| x.head as usize == i + 1 && base(&x.deprel) == "nsubj")
        {
            return true;
        }
        if r == "compound"
            && h < i
            && tk.upos == "PROPN"
            && t[h].upos == "PROPN"
            && t[h + 1..i].iter().any(|x| doc.slice(x.span) == ",")
        {
            return true;
        }
        if tk.upos == "VERB" && matches!(tk.xpos.as_str(), "VBD" | "VBN") && t[h].lemma == "be" {
            return true;
        }
        // "it would free prisoners": see modal_adjective
        if r == "amod" && tk.upos == "ADJ" && i > 0 && t[i - 1].xpos == "MD" && h > i {
            return true;
        }
        // "indicated it deplored ...": see pronoun_subject_as_object
        if base(r) == "obj"
            && tk.upos == "PRON"
            && h < i
            && t.get(i + 1)
                .is_some_and(|n| matches!(n.upos.as_str(), "VERB" | "AUX"))
        {
            return true;
        }
        if (r == "conj" || base(r) == "advcl")
            && tk.upos == "VERB"
            && h < i
            && t[h].upos == "VERB"
            && !t[h + 1..i].iter().any(|x| is_comma_or_cc(doc, x))
        {
            return true;
        }
        // "by A, the B and other C": see appositive_list
        if r == "appos" && other_conjunct(t, i) {
            return true;
        }
        // "Iran's president Rouhani and US president Obama": see
        // coordinated_appositive
        if r == "appos" && coordinator_before(doc, t, i) {
            return true;
        }
        if r == "conj" && h < i && t[h].deprel == "appos" && !other_conjunct(t, h) {
            return true;
        }
        // "Netanyahu called on Italy to join": see main_verb_as_participle
        if r == "acl" && h + 1 == i && head(t, h).is_none() {
            return true;
        }
    }
    false
}

/// A repaired copy of the sentence's tokens, or `None` when nothing needed
/// repair.
pub(crate) fn repair(doc: &Doc, toks: &[Token]) -> Option<Vec<Token>> {
    if toks.len() < 3 || !needs_repair(doc, toks) {
        return None;
    }
    let mut t = toks.to_vec();
    let mut changed = false;
    changed |= comma_compounds(doc, &mut t);
    changed |= coordinated_appositive(doc, &mut t);
    changed |= split_subjects(doc, &mut t);
    changed |= verb_as_modifier(&mut t);
    changed |= reduced_relative(doc, &mut t);
    changed |= existential_participle(doc, &mut t);
    changed |= asyndetic_complement(doc, &mut t);
    changed |= pronoun_subject_as_object(&mut t);
    changed |= modal_adjective(&mut t);
    changed |= main_verb_as_participle(doc, &mut t);
    changed |= appositive_list(doc, &mut t);
    changed.then_some(t)
}

/// True when `i` has a coordinating conjunction ("and", "or") of its own
/// before it.
fn coordinator_before(doc: &Doc, t: &[Token], i: usize) -> bool {
    kids(t, i).any(|c| {
        c < i
            && base(&t[c].deprel) == "cc"
            && matches!(
                doc.slice(t[c].span).to_ascii_lowercase().as_str(),
                "and" | "or"
            )
    })
}

/// "Iran's president Hassan Rouhani and US president Barack Obama had a
/// call" parsed with "Barack Obama" as an appositive of "president": an
/// apposition opened by "and" does not rename the noun, it is a second
/// member of a coordination.
fn coordinated_appositive(doc: &Doc, t: &mut [Token]) -> bool {
    let mut changed = false;
    for y in 0..t.len() {
        if t[y].deprel == "appos" && coordinator_before(doc, t, y) {
            let h = head(t, y);
            set_head(t, y, h, "conj");
            changed = true;
        }
    }
    // "Kenya's president Uhuru Kenyatta and Uganda's president ...": the
    // second member hung on the first one's name belongs to the title the
    // name is in apposition to
    for y in 0..t.len() {
        let Some(a) = head(t, y) else { continue };
        // ("A, B and other C" is appositive_list's)
        if t[y].deprel == "conj" && a < y && t[a].deprel == "appos" && !other_conjunct(t, a) {
            let h = head(t, a);
            set_head(t, y, h, "conj");
            changed = true;
        }
    }
    // "... and Uganda's president Yoweri Museveni had": the name right after
    // a title inside the first subject's phrase, taken as a second subject,
    // is that title's name
    for b in 1..t.len() {
        let Some(v) = head(t, b) else { continue };
        if base(&t[b].deprel) != "nsubj" || t[b].upos != "PROPN" || t[b - 1].upos != "NOUN" {
            continue;
        }
        let first = kids(t, v).find(|&a| a < b && base(&t[a].deprel) == "nsubj");
        if let Some(a) = first {
            if a != b - 1 && dominated(t, a, b - 1) {
                set_head(t, b, Some(b - 1), "appos");
                changed = true;
            }
        }
    }
    changed
}

/// True when `i` has a conjunct modified by "other" ("the B and other C").
fn other_conjunct(t: &[Token], i: usize) -> bool {
    kids(t, i).any(|c| {
        base(&t[c].deprel) == "conj" && kids(t, c).any(|m| t[m].lemma.eq_ignore_ascii_case("other"))
    })
}

/// "forced on the state by Saudi Arabia, the United Arab Emirates and other
/// neighbours" parsed with "Emirates" as an appositive of some earlier noun:
/// a phrase continued by "and other ..." lists members, it does not rename
/// anything, so it is a conjunct of the noun phrase right before its comma.
fn appositive_list(doc: &Doc, t: &mut [Token]) -> bool {
    let mut changed = false;
    for y in 0..t.len() {
        if t[y].deprel != "appos" || !other_conjunct(t, y) {
            continue;
        }
        // The comma before y's phrase (the parser may hang it on y).
        let start = (0..y).find(|&k| dominated(t, y, k)).unwrap_or(y);
        let comma = if doc.slice(t[start].span) == "," {
            start
        } else if start > 0 && doc.slice(t[start - 1].span) == "," {
            start - 1
        } else {
            continue;
        };
        if comma == 0 {
            continue;
        }
        // The head of the noun phrase ending before the comma.
        let mut a = comma - 1;
        for _ in 0..t.len() {
            match head(t, a) {
                Some(h) if matches!(base(&t[a].deprel), "flat" | "compound" | "fixed") => a = h,
                _ => break,
            }
        }
        if !matches!(t[a].upos.as_str(), "PROPN" | "NOUN") || dominated(t, y, a) {
            continue;
        }
        set_head(t, y, Some(a), "conj");
        changed = true;
    }
    changed
}

/// "Netanyahu called on Italy and Egypt to join the project." parsed as a
/// noun phrase: the root is the subject noun and the sentence's only verb a
/// participle modifying it ("a man called ..."). A full sentence (final
/// period, no finite verb attached to the root noun but relative clauses)
/// whose root noun is followed at once by a
/// participle with complements of its own is a clause: the participle is the
/// main verb and the noun its subject. (In EWT train and dev the gold shape
/// occurs 3 times, all in verbless review fragments.)
fn main_verb_as_participle(doc: &Doc, t: &mut [Token]) -> bool {
    let Some(r) = (0..t.len()).find(|&i| head(t, i).is_none()) else {
        return false;
    };
    let v = r + 1;
    if v >= t.len()
        || !matches!(t[r].upos.as_str(), "NOUN" | "PROPN")
        || t[v].deprel != "acl"
        || head(t, v) != Some(r)
        || t[v].upos != "VERB"
        || t[v].xpos != "VBN"
        || t.last().map(|x| doc.slice(x.span)) != Some(".")
        || kids(t, r).any(|k| {
            // (a finite clause with a subject of its own, "and that the
            // military helped", is no sign that the noun has a verb)
            finite(&t[k])
                && t[k].deprel != "acl:relcl"
                && !kids(t, k).any(|m| base(&t[m].deprel) == "nsubj")
        })
    {
        return false;
    }
    let has_complement = kids(t, v).any(|k| {
        matches!(
            base(&t[k].deprel),
            "obj" | "obl" | "xcomp" | "ccomp" | "iobj"
        )
    });
    if !has_complement {
        return false;
    }
    // "A report released Tuesday in the capital alleged that ...": a later
    // past-tense verb under the participle, with a complement but no
    // subject and no comma or conjunction before it, is the main verb, and
    // the participle a reduced relative of the noun.
    let later = kids(t, v).find(|&k| {
        k > v
            && t[k].upos == "VERB"
            && matches!(t[k].xpos.as_str(), "VBD" | "VBN")
            && matches!(base(&t[k].deprel), "xcomp" | "conj" | "advcl" | "ccomp")
            && kids(t, k).any(|m| matches!(base(&t[m].deprel), "ccomp" | "obj"))
            && !kids(t, k).any(|m| base(&t[m].deprel) == "nsubj")
            && !t[v + 1..k].iter().any(|x| is_comma_or_cc(doc, x))
    });
    if let Some(v2) = later {
        set_head(t, v2, None, "root");
        t[v2].xpos = "VBD".to_string();
        t[v2].feats = "Mood=Ind|Tense=Past|VerbForm=Fin".to_string();
        for k in v2 + 1..t.len() {
            if head(t, k) == Some(r) || head(t, k) == Some(v) {
                t[k].head = v2 as u32 + 1;
            }
        }
        set_head(t, r, Some(v2), "nsubj");
        return true;
    }
    set_head(t, v, None, "root");
    t[v].xpos = "VBD".to_string();
    t[v].feats = "Mood=Ind|Tense=Past|VerbForm=Fin".to_string();
    // what followed the verb hangs off the clause, not the noun
    for k in v + 1..t.len() {
        if head(t, k) == Some(r) {
            t[k].head = v as u32 + 1;
        }
    }
    set_head(t, r, Some(v), "nsubj");
    true
}

/// "The US, Russia, and Switzerland": a proper noun attached as a compound
/// across a comma is a conjunct, not part of one name.
fn comma_compounds(doc: &Doc, t: &mut [Token]) -> bool {
    let mut changed = false;
    for i in 0..t.len() {
        let Some(h) = head(t, i) else { continue };
        if t[i].deprel == "compound"
            && h < i
            && t[i].upos == "PROPN"
            && t[h].upos == "PROPN"
            && t[h + 1..i].iter().any(|x| doc.slice(x.span) == ",")
        {
            t[i].deprel = "conj".into();
            changed = true;
        }
    }
    changed
}

/// Two subjects of one verb. Separated by a comma or a conjunction they are
/// coordinated ("The lions and the evil awful Gondor welcomed"); adjacent,
/// the first is a pre-modifier of the second ("Dagolath's first Deputy
/// Prime Minister Telemar left").
fn split_subjects(doc: &Doc, t: &mut [Token]) -> bool {
    let mut changed = false;
    for v in 0..t.len() {
        let subs: Vec<usize> = kids(t, v)
            .filter(|&k| base(&t[k].deprel) == "nsubj")
            .collect();
        if subs.len() < 2 {
            continue;
        }
        let first = subs[0];
        let mut prev = first;
        for &cur in &subs[1..] {
            // tokens between the two subjects outside the first's subtree
            let between: Vec<usize> = (prev + 1..cur)
                .filter(|&k| !dominated(t, prev, k) && !dominated(t, cur, k))
                .collect();
            // ", and that the military helped": a subordinator between
            // them opens a clause of its own; the subjects belong to two
            // clauses, not to one coordination.
            if between
                .iter()
                .any(|&k| t[k].upos == "SCONJ" || base(&t[k].deprel) == "mark")
            {
                prev = cur;
                continue;
            }
            let coordinated = between.iter().any(|&k| is_comma_or_cc(doc, &t[k]));
            if coordinated {
                set_head(t, cur, Some(first), "conj");
                for k in between {
                    if head(t, k) == Some(v) {
                        let r = if t[k].upos == "CCONJ" {
                            "cc".to_string()
                        } else if t[k].upos == "PUNCT" {
                            "punct".to_string()
                        } else if t[k].upos == "DET" {
                            "det".to_string()
                        } else {
                            "amod".to_string()
                        };
                        set_head(t, k, Some(cur), &r);
                    }
                }
            } else if between
                .iter()
                .all(|&k| head(t, k) != Some(v) || t[k].upos != "PUNCT")
            {
                let r = if matches!(t[prev].upos.as_str(), "NOUN" | "PROPN") {
                    "compound"
                } else {
                    "amod"
                };
                set_head(t, prev, Some(cur), r);
                for k in between {
                    if head(t, k) == Some(v) {
                        set_head(t, k, Some(cur), "amod");
                    }
                }
                if prev == first {
                    // later conjuncts attach to the head of the merged phrase
                    prev = cur;
                    changed = true;
                    continue;
                }
            }
            changed = true;
            prev = cur;
        }
    }
    changed
}

/// "The US presented evidence against Russia" parsed with "presented" as
/// an adjective of "evidence": a verb with a subject of its own heads the
/// clause, and the noun it modified is its object.
fn verb_as_modifier(t: &mut [Token]) -> bool {
    let mut changed = false;
    for v in 0..t.len() {
        let Some(h) = head(t, v) else { continue };
        if t[v].deprel != "amod" || t[v].upos != "VERB" || h <= v {
            continue;
        }
        if !matches!(t[h].upos.as_str(), "NOUN" | "PROPN") {
            continue;
        }
        if !kids(t, v).any(|k| base(&t[k].deprel) == "nsubj" && k < v) {
            continue;
        }
        let (hh, hrel) = (head(t, h), t[h].deprel.clone());
        set_head(t, v, hh, &hrel);
        set_head(t, h, Some(v), "obj");
        // the clause's punctuation and the noun's clausal dependents now
        // belong to the verb
        for k in 0..t.len() {
            if head(t, k) == Some(h) && (t[k].upos == "PUNCT" && k > h) {
                t[k].head = v as u32 + 1;
            }
        }
        changed = true;
    }
    changed
}

/// "A report released Tuesday in the capital alleged that ...": a past
/// form with a subject and no object, followed without comma or
/// conjunction by a finite verb conjunct that has no subject, is a reduced
/// relative clause of the subject, and the conjunct is the main verb.
fn reduced_relative(doc: &Doc, t: &mut [Token]) -> bool {
    let mut changed = false;
    for v1 in 0..t.len() {
        if t[v1].upos != "VERB" || !matches!(t[v1].xpos.as_str(), "VBD" | "VBN") {
            continue;
        }
        let Some(s) = kids(t, v1).find(|&k| base(&t[k].deprel) == "nsubj" && k < v1) else {
            continue;
        };
        // a reduced relative has no object, complement or auxiliary
        if kids(t, v1).any(|k| {
            matches!(
                base(&t[k].deprel),
                "obj" | "ccomp" | "xcomp" | "aux" | "cop"
            )
        }) {
            continue;
        }
        // the main verb as a conjunct, or as an unmarked adverbial clause
        let Some(v2) = kids(t, v1).find(|&k| {
            t[k].upos == "VERB"
                && k > v1
                && finite(&t[k])
                && (t[k].deprel == "conj"
                    || (base(&t[k].deprel) == "advcl"
                        && !kids(t, k).any(|m| base(&t[m].deprel) == "mark")))
        }) else {
            continue;
        };
        if kids(t, v2).any(|k| {
            matches!(base(&t[k].deprel), "nsubj" | "cc") || (t[k].upos == "PUNCT" && k < v2)
        }) {
            continue;
        }
        if t[v1 + 1..v2].iter().any(|x| is_comma_or_cc(doc, x)) {
            continue;
        }
        let (hh, hrel) = (head(t, v1), t[v1].deprel.clone());
        set_head(t, v2, hh, &hrel);
        let srel = t[s].deprel.clone();
        set_head(t, s, Some(v2), &srel);
        set_head(t, v1, Some(s), "acl");
        for k in v2 + 1..t.len() {
            if head(t, k) == Some(v1) {
                t[k].head = v2 as u32 + 1;
            }
        }
        changed = true;
    }
    changed
}

/// "There were 10 Russian soldiers killed in Ukraine": after existential
/// "there be", a past form with the noun as its subject is a passive
/// participle modifying the noun.
fn existential_participle(doc: &Doc, t: &mut [Token]) -> bool {
    let mut changed = false;
    for v in 0..t.len() {
        if t[v].upos != "VERB" || !matches!(t[v].xpos.as_str(), "VBD" | "VBN") {
            continue;
        }
        let Some(h) = head(t, v) else { continue };
        if t[h].lemma != "be"
            || !kids(t, h).any(|k| doc.slice(t[k].span).eq_ignore_ascii_case("there"))
        {
            continue;
        }
        let Some(n) = kids(t, v).find(|&k| base(&t[k].deprel) == "nsubj" && k < v) else {
            continue;
        };
        if !matches!(t[n].upos.as_str(), "NOUN" | "PROPN") {
            continue;
        }
        set_head(t, n, Some(h), "nsubj");
        set_head(t, v, Some(n), "acl");
        t[v].xpos = "VBN".into();
        changed = true;
    }
    changed
}

/// "Israel claimed Hamas attacked Israeli soldiers" parsed with "attacked"
/// as a conjunct of "claimed": a verb conjunct with a subject of its own,
/// joined without comma or conjunction to a verb that has no object or
/// complement, is that verb's complement clause.
fn asyndetic_complement(doc: &Doc, t: &mut [Token]) -> bool {
    let mut changed = false;
    for v2 in 0..t.len() {
        let Some(v1) = head(t, v2) else { continue };
        if t[v2].deprel != "conj" || t[v2].upos != "VERB" || t[v1].upos != "VERB" || v1 > v2 {
            continue;
        }
        if !kids(t, v2).any(|k| base(&t[k].deprel) == "nsubj" && k < v2) {
            continue;
        }
        if kids(t, v2).any(|k| base(&t[k].deprel) == "cc")
            || t[v1 + 1..v2].iter().any(|x| is_comma_or_cc(doc, x))
        {
            continue;
        }
        if kids(t, v1)
            .any(|k| k != v2 && matches!(base(&t[k].deprel), "obj" | "ccomp" | "xcomp" | "iobj"))
        {
            continue;
        }
        t[v2].deprel = "ccomp".into();
        changed = true;
    }
    changed
}

/// "Ethiopia indicated it deplored Libya" parsed with "it" as the object of
/// "indicated": a personal pronoun object directly followed by the finite
/// verb (or auxiliary) of a subjectless complement clause of the same verb
/// is that clause's subject.
fn pronoun_subject_as_object(t: &mut [Token]) -> bool {
    let mut changed = false;
    for p in 0..t.len().saturating_sub(1) {
        let Some(v1) = head(t, p) else { continue };
        if base(&t[p].deprel) != "obj" || t[p].upos != "PRON" || v1 > p {
            continue;
        }
        // nominative or case-ambiguous personal pronouns only
        if !matches!(
            t[p].lemma.to_ascii_lowercase().as_str(),
            "it" | "he" | "she" | "they" | "we" | "i" | "you"
        ) || matches!(t[p].xpos.as_str(), "PRP$" | "WP")
        {
            continue;
        }
        let form_acc = |f: &str| matches!(f, "him" | "her" | "them" | "us" | "me");
        if form_acc(&t[p].lemma.to_ascii_lowercase()) {
            continue;
        }
        // the clause's verb: the next token, or the verb the auxiliary serves
        let next = p + 1;
        let v2 = if t[next].upos == "AUX" {
            match head(t, next) {
                Some(h) if h > next => h,
                _ => continue,
            }
        } else {
            next
        };
        if t[v2].upos != "VERB"
            || head(t, v2) != Some(v1)
            || !matches!(
                base(&t[v2].deprel),
                "ccomp" | "parataxis" | "conj" | "xcomp"
            )
            || kids(t, v2).any(|k| base(&t[k].deprel) == "nsubj")
        {
            continue;
        }
        set_head(t, p, Some(v2), "nsubj");
        if base(&t[v2].deprel) != "ccomp" {
            t[v2].deprel = "ccomp".into();
        }
        changed = true;
    }
    changed
}

/// "Israel said it would free Palestinian prisoners" tagged with "free" as
/// an adjective of "prisoners": a word right after a modal auxiliary heads a
/// verb phrase, so the adjective is the verb and the noun (which carried the
/// modal and the subject) its object.
fn modal_adjective(t: &mut [Token]) -> bool {
    let mut changed = false;
    for a in 1..t.len() {
        let Some(n) = head(t, a) else { continue };
        if t[a].deprel != "amod" || t[a].upos != "ADJ" || t[a - 1].xpos != "MD" || n <= a {
            continue;
        }
        if !matches!(t[n].upos.as_str(), "NOUN" | "PROPN") || head(t, a - 1) != Some(n) {
            continue;
        }
        let (nh, nrel) = (head(t, n), t[n].deprel.clone());
        set_head(t, a, nh, &nrel);
        t[a].upos = "VERB".into();
        t[a].xpos = "VB".into();
        set_head(t, n, Some(a), "obj");
        // subject, auxiliaries, negation and adverbs before the verb are
        // the verb's
        for k in 0..a {
            if head(t, k) == Some(n) {
                t[k].head = a as u32 + 1;
            }
        }
        for k in n + 1..t.len() {
            if head(t, k) == Some(n) && t[k].upos == "PUNCT" {
                t[k].head = a as u32 + 1;
            }
        }
        changed = true;
    }
    changed
}
