//! The coder proper: finds dictionary verbs (and event nouns) in a
//! dependency-parsed sentence, matches their patterns, finds source and
//! target actors through the parse, and codes the events.

use entente_core::{Doc, Modality, Span, Token};

use crate::dict::{CodePair, Elem, VerbDict, VerbEntry, WordId};
use crate::nominal::Nominals;
use crate::tables::Tables;
use crate::{modality, ActorHit, CodedEvent, Config};

/// Per-token view of a sentence used by the matcher.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Tok {
    pub form: Option<WordId>,
    pub lemma: Option<WordId>,
    /// 0-based head within the sentence, `usize::MAX` for the root.
    pub head: usize,
    /// Coded actor mention covering the token (index into `doc.mentions`).
    pub mention: Option<u32>,
}

/// Reusable per-sentence buffers (no allocation per token in steady state).
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    pub toks: Vec<Tok>,
    pub child_start: Vec<usize>,
    pub children: Vec<usize>,
    pub buf: String,
    post: Vec<usize>,
    pre: Vec<usize>,
    stack: Vec<usize>,
    /// `stamp[word] == gen` when the word occurs in the current sentence.
    stamp: Vec<u32>,
    gen: u32,
    fill: Vec<usize>,
    /// Per token: inside a case-marked dependent of the current verb.
    pub in_pp: Vec<bool>,
    /// Per token: in a clause left out by the comma rules (empty: none).
    pub masked: Vec<bool>,
    /// Nouns the current verb's matched pattern consumed.
    pub pattern_nouns: Vec<usize>,
}

pub(crate) struct Sent<'a> {
    pub doc: &'a Doc,
    pub tokens: &'a [Token],
    /// Doc index of the first token.
    pub base: usize,
    pub index: u32,
}

impl Sent<'_> {
    #[inline]
    pub fn rel(&self, i: usize) -> &str {
        &self.tokens[i].deprel
    }
    #[inline]
    pub fn upos(&self, i: usize) -> &str {
        &self.tokens[i].upos
    }
    #[inline]
    pub fn lemma_lc(&self, i: usize) -> &str {
        &self.tokens[i].lemma
    }
    #[inline]
    pub fn form(&self, i: usize) -> &str {
        self.doc.slice(self.tokens[i].span)
    }
    /// The base relation (`nsubj` for `nsubj:pass`).
    #[inline]
    pub fn base_rel(&self, i: usize) -> &str {
        let r = self.rel(i);
        r.split(':').next().unwrap_or(r)
    }
}

impl Scratch {
    /// True when every needed word occurs in the sentence.
    #[inline]
    fn has_all(&self, need: &[Vec<WordId>]) -> bool {
        need.iter().all(|alts| {
            alts.iter()
                .any(|&id| self.stamp.get(id as usize) == Some(&self.gen))
        })
    }

    #[inline]
    pub fn kids(&self, i: usize) -> &[usize] {
        &self.children[self.child_start[i]..self.child_start[i + 1]]
    }

    pub fn build(&mut self, dict: &VerbDict, s: &Sent, mention_of: &[Option<u32>]) {
        let n = s.tokens.len();
        self.toks.clear();
        for (k, t) in s.tokens.iter().enumerate() {
            let form = s.doc.slice(t.span);
            self.buf.clear();
            self.buf
                .extend(form.chars().map(|c| c.to_ascii_lowercase()));
            let form_id = dict.word(&self.buf);
            let lemma_id = if t.lemma.is_empty() || t.lemma == "_" {
                None
            } else if t.lemma.bytes().any(|b| b.is_ascii_uppercase()) {
                self.buf.clear();
                self.buf
                    .extend(t.lemma.chars().map(|c| c.to_ascii_lowercase()));
                dict.word(&self.buf)
            } else {
                dict.word(&t.lemma)
            };
            let head = if t.head == 0 || t.head as usize > n {
                usize::MAX
            } else {
                t.head as usize - 1
            };
            self.toks.push(Tok {
                form: form_id,
                lemma: lemma_id,
                head,
                mention: if self.masked.get(k).copied().unwrap_or(false) {
                    None
                } else {
                    mention_of.get(s.base + k).copied().flatten()
                },
            });
        }
        // Which dictionary words occur (for the pattern pre-filter).
        if self.stamp.len() < dict.vocab_len() {
            self.stamp.resize(dict.vocab_len(), 0);
        }
        self.gen = self.gen.wrapping_add(1);
        if self.gen == 0 {
            self.stamp.iter_mut().for_each(|x| *x = 0);
            self.gen = 1;
        }
        for t in &self.toks {
            for id in [t.form, t.lemma].into_iter().flatten() {
                if let Some(x) = self.stamp.get_mut(id as usize) {
                    *x = self.gen;
                }
            }
        }
        // CSR children lists.
        self.child_start.clear();
        self.child_start.resize(n + 2, 0);
        for t in &self.toks {
            if t.head < n {
                self.child_start[t.head + 1] += 1;
            }
        }
        for i in 0..n {
            self.child_start[i + 1] += self.child_start[i];
        }
        self.child_start[n + 1] = self.child_start[n];
        self.children.clear();
        self.children.resize(self.child_start[n], 0);
        let mut fill = std::mem::take(&mut self.fill);
        fill.clear();
        fill.extend_from_slice(&self.child_start[..n]);
        for (i, t) in self.toks.iter().enumerate() {
            if t.head < n {
                self.children[fill[t.head]] = i;
                fill[t.head] += 1;
            }
        }
        self.fill = fill;
    }
}

/// Relations whose subtrees belong to another clause (not matched as part of
/// the verb's own phrase).
fn is_clausal(rel: &str) -> bool {
    matches!(
        rel.split(':').next().unwrap_or(rel),
        "ccomp" | "advcl" | "parataxis" | "csubj" | "punct" | "discourse" | "vocative" | "dep"
    ) || rel == "acl:relcl"
}

/// A finite verb form (tensed), by features or Penn tag.
fn finite(t: &Token) -> bool {
    t.feats.contains("VerbForm=Fin") || matches!(t.xpos.as_str(), "VBD" | "VBZ" | "VBP")
}

fn is_subj(rel: &str) -> bool {
    rel.starts_with("nsubj") || rel.starts_with("csubj")
}

/// Quad class of a code string (0 when not CAMEO).
fn quad(code: &str) -> u8 {
    match code.get(..2).and_then(|r| r.parse::<u8>().ok()) {
        Some(r @ 1..=20) => entente_core::QuadClass::of_root(r).as_u8() + 1,
        _ => 0,
    }
}

/// The coder state shared by all sentences.
pub(crate) struct Coder<'a> {
    pub dict: &'a VerbDict,
    pub tables: &'a Tables,
    pub nominals: &'a Nominals,
    pub cfg: &'a Config,
    pub refuse_block: Option<u32>,
    pub say_blocks: Vec<u32>,
    /// Blocks of the verbs of speech proper (not "want").
    pub speech_blocks: Vec<u32>,
}

/// Which dictionary line coded a verb (formatted only when an event results).
#[derive(Debug, Clone, Copy)]
enum RuleRef<'d> {
    /// Block, pattern index.
    Pattern(u32, usize),
    /// Block, verb as written.
    Entry(u32, &'d str),
}

impl RuleRef<'_> {
    fn text(&self, dict: &VerbDict) -> String {
        match *self {
            RuleRef::Pattern(b, p) => {
                let b = &dict.blocks[b as usize];
                format!("{}: {}", b.name, b.patterns[p].text)
            }
            RuleRef::Entry(b, v) => format!("{}: {}", dict.blocks[b as usize].name, v),
        }
    }
}

/// One verb found in the sentence, with its coding before combination.
#[derive(Debug, Clone)]
struct VerbHit<'d> {
    tok: usize,
    block: u32,
    code: &'d CodePair,
    rule: RuleRef<'d>,
    /// Pattern matched (not the default code).
    by_pattern: bool,
    src_tok: Option<usize>,
    tgt_tok: Option<usize>,
    /// The noun a pattern consumed (so nominal triggers do not double-code it).
    consumed: Vec<usize>,
}

#[derive(Debug, Clone, Copy, Default)]
struct Bind {
    src: Option<usize>,
    tgt: Option<usize>,
    score: u32,
    /// Matching inside a prepositional or multi-word element.
    nested: bool,
}

impl<'a> Coder<'a> {
    fn entry_for<'d>(&'d self, sc: &Scratch, s: &Sent, i: usize) -> Vec<&'d VerbEntry> {
        let t = sc.toks[i];
        let mut best: Vec<&VerbEntry> = Vec::new();
        let mut best_score = 0u32;
        for id in [t.form, t.lemma].into_iter().flatten() {
            let Some(list) = self.dict.verbs.get(&id) else {
                continue;
            };
            for e in list {
                let mut ok = true;
                // particles after the verb: a child or one of the next 3 tokens
                for (k, &p) in e.after.iter().enumerate() {
                    let found = sc.kids(i).iter().any(|&c| {
                        (sc.toks[c].form == Some(p) || sc.toks[c].lemma == Some(p))
                            && (s.rel(c) == "compound:prt"
                                || s.upos(c) == "ADP"
                                || s.upos(c) == "ADV"
                                || s.upos(c) == "PART")
                    }) || (1..=3).any(|d| {
                        sc.toks
                            .get(i + k + d)
                            .is_some_and(|x| x.form == Some(p) || x.lemma == Some(p))
                    });
                    if !found {
                        ok = false;
                        break;
                    }
                }
                for (k, &p) in e.before.iter().rev().enumerate() {
                    let j = i.checked_sub(k + 1);
                    if !j.is_some_and(|j| sc.toks[j].form == Some(p) || sc.toks[j].lemma == Some(p))
                    {
                        ok = false;
                        break;
                    }
                }
                if !ok {
                    continue;
                }
                let score = (e.after.len() + e.before.len()) as u32 + 1;
                if score > best_score {
                    best.clear();
                    best_score = score;
                }
                if score == best_score && !best.iter().any(|b| b.block == e.block) {
                    best.push(e);
                }
            }
            if !best.is_empty() {
                break;
            }
        }
        best
    }

    /// Collects the tokens of `i`'s subtree, excluding clausal dependents and
    /// subtrees in `skip`, into `out` (text order).
    #[allow(clippy::too_many_arguments)]
    fn phrase(
        &self,
        sc: &Scratch,
        s: &Sent,
        root: usize,
        out: &mut Vec<usize>,
        stack: &mut Vec<usize>,
        skip_subj: bool,
        ccomp: bool,
    ) {
        out.clear();
        stack.clear();
        stack.push(root);
        while let Some(x) = stack.pop() {
            out.push(x);
            for &c in sc.kids(x) {
                let r = s.rel(c);
                if x == root
                    && ((is_clausal(r) && !(ccomp && r == "ccomp") && !self.inf_clause(sc, s, c))
                        || (skip_subj && is_subj(r)))
                {
                    continue;
                }
                if x == root && r == "conj" && matches!(s.upos(c), "VERB" | "AUX") {
                    continue;
                }
                if x == root && r == "cc" {
                    continue;
                }
                if x == root && !ccomp && skip_subj && r == "xcomp" {
                    continue;
                }
                stack.push(c);
            }
        }
        out.sort_unstable();
    }

    /// Word match at token `t`.
    #[inline]
    fn word_at(&self, sc: &Scratch, ids: &[WordId], t: usize) -> bool {
        let tk = sc.toks[t];
        ids.iter()
            .any(|&id| tk.form == Some(id) || tk.lemma == Some(id))
    }

    /// Matches one element starting exactly at `seq[pos]`; returns the next
    /// position after it.
    fn elem_at(
        &self,
        sc: &Scratch,
        s: &Sent,
        e: &Elem,
        seq: &[usize],
        pos: usize,
        b: &mut Bind,
    ) -> Option<usize> {
        let t = *seq.get(pos)?;
        match e {
            // PETRARCH matches a bare pattern word against the verb's own
            // phrase: a content word inside a prepositional phrase ("made
            // his remarks at the start of a trip") needs a `(PREP ...)`
            Elem::Word(ids) => (self.word_at(sc, ids, t)
                && (b.nested || !sc.in_pp.get(t).copied().unwrap_or(false)))
            .then_some(pos + 1),
            Elem::Syn(k) => {
                if let Some(Some(first)) = self.dict.syn_first.get(*k as usize) {
                    let tk = sc.toks[t];
                    let hit =
                        |id: Option<WordId>| id.is_some_and(|x| first.binary_search(&x).is_ok());
                    if !hit(tk.form) && !hit(tk.lemma) {
                        return None;
                    }
                }
                for m in self.dict.synsets.get(*k as usize)? {
                    let mut b2 = *b;
                    if let Some(p) = self.elem_at(sc, s, m, seq, pos, &mut b2) {
                        *b = b2;
                        return Some(p);
                    }
                }
                None
            }
            Elem::Phrase(parts) => {
                let mut p = pos;
                let outer = b.nested;
                for (k, part) in parts.iter().enumerate() {
                    if k == 1 {
                        b.nested = true;
                    }
                    if k > 0 {
                        // modifiers may sit between the words of a phrase
                        while let Some(&x) = seq.get(p) {
                            // modifiers and coordinated words ("death and
                            // injury toll") may sit between a phrase's words
                            if (matches!(s.upos(x), "ADJ" | "ADV" | "DET" | "NUM")
                                || matches!(s.rel(x), "cc" | "conj"))
                                && self.elem_at(sc, s, part, seq, p, &mut b.clone()).is_none()
                            {
                                p += 1;
                            } else {
                                break;
                            }
                        }
                    }
                    p = self.elem_at(sc, s, part, seq, p, b)?;
                }
                b.nested = outer;
                Some(p)
            }
            Elem::Prep(parts) => {
                let (first, rest) = parts.split_first()?;
                // a bare "(TO)" is a prepositional phrase: the infinitive
                // marker ("efforts to improve") does not fill it, while
                // "(TO QUESTION)" names the infinitive on purpose
                if rest.is_empty() && s.upos(t) == "PART" {
                    return None;
                }
                let outer = b.nested;
                b.nested = true;
                let p = self.elem_at(sc, s, first, seq, pos, b);
                let Some(p) = p else {
                    b.nested = outer;
                    return None;
                };
                // the phrase ends at the next preposition or punctuation
                let end = (p..seq.len())
                    .find(|&k| {
                        matches!(s.upos(seq[k]), "ADP" | "SCONJ")
                            || matches!(s.form(seq[k]), "," | ";" | ":" | "." | "(" | ")")
                    })
                    .unwrap_or(seq.len());
                let end_next = self.seq_from(sc, s, rest, &seq[..end], p, b);
                b.nested = outer;
                end_next
            }
            Elem::Source => {
                let m = sc.toks[t].mention?;
                let _ = m;
                b.src = Some(t);
                Some(self.skip_mention(sc, seq, pos))
            }
            Elem::Target => {
                sc.toks[t].mention?;
                b.tgt = Some(t);
                Some(self.skip_mention(sc, seq, pos))
            }
            Elem::Skip => Some(pos + 1),
        }
    }

    fn skip_mention(&self, sc: &Scratch, seq: &[usize], pos: usize) -> usize {
        let m = sc.toks[seq[pos]].mention;
        let mut p = pos + 1;
        while p < seq.len() && m.is_some() && sc.toks[seq[p]].mention == m {
            p += 1;
        }
        p
    }

    /// Matches `elems` in order with gaps allowed, from `pos`.
    fn seq_from(
        &self,
        sc: &Scratch,
        s: &Sent,
        elems: &[Elem],
        seq: &[usize],
        pos: usize,
        b: &mut Bind,
    ) -> Option<usize> {
        let Some((first, rest)) = elems.split_first() else {
            return Some(pos);
        };
        for p in pos..seq.len() {
            let mut b2 = *b;
            if let Some(next) = self.elem_at(sc, s, first, seq, p, &mut b2) {
                if let Some(end) = self.seq_from(sc, s, rest, seq, next, &mut b2) {
                    *b = b2;
                    return Some(end);
                }
            }
        }
        None
    }

    /// Subject of verb `v`: its own, or inherited through xcomp/conj.
    pub(crate) fn subject(&self, sc: &Scratch, s: &Sent, v: usize) -> Option<usize> {
        let mut cur = v;
        for _ in 0..6 {
            if let Some(&c) = sc.kids(cur).iter().find(|&&c| is_subj(s.rel(c))) {
                // relative pronoun subject: the noun the clause modifies
                if s.rel(cur) == "acl:relcl" && s.upos(c) == "PRON" && sc.toks[c].mention.is_none()
                {
                    return (sc.toks[cur].head < sc.toks.len()).then_some(sc.toks[cur].head);
                }
                return Some(c);
            }
            let r = s.base_rel(cur);
            let h = sc.toks[cur].head;
            if h >= sc.toks.len() {
                return None;
            }
            match r {
                // a finite verb is no controlled complement, whatever the
                // parser says ("China remained mum and X said ...")
                "xcomp" if finite(&s.tokens[cur]) => return None,
                // "informed Iran of its intention to strike": the one who
                // informs is the one who intends
                "xcomp" if crate::coder::informing_verb(s.lemma_lc(h)) => cur = h,
                "xcomp" => {
                    // object control: "urged Bree to help", "wants Putin to attack"
                    if let Some(&o) = sc
                        .kids(h)
                        .iter()
                        .find(|&&c| matches!(s.base_rel(c), "obj" | "dobj" | "iobj"))
                    {
                        if matches!(s.upos(o), "PROPN" | "NOUN" | "PRON") && o < cur {
                            return Some(o);
                        }
                    }
                    cur = h
                }
                "conj" => cur = h,
                // "X struck Y, reassuring Z": a participle adjunct with no
                // subject or subordinator of its own shares its head's
                // (PETRARCH codes such adjuncts without a source)
                "advcl"
                    if !self.cfg.petrarch
                        && s.tokens[cur].xpos == "VBG"
                        && !sc.kids(cur).iter().any(|&c| s.base_rel(c) == "mark") =>
                {
                    cur = h
                }
                "acl" if s.rel(cur) == "acl" => return Some(h),
                "advcl"
                    if sc
                        .kids(cur)
                        .iter()
                        .any(|&c| s.rel(c) == "mark" && s.lemma_lc(c) == "to") =>
                {
                    // an object-control infinitive the parser attached as a
                    // purpose clause ("urged Bree on Monday to help")
                    let appeal = self
                        .verb_root(sc, h)
                        .is_some_and(|r| matches!(r, 2 | 10 | 13));
                    if appeal {
                        if let Some(&o) = sc
                            .kids(h)
                            .iter()
                            .find(|&&c| matches!(s.base_rel(c), "obj" | "iobj"))
                        {
                            if matches!(s.upos(o), "PROPN" | "NOUN" | "PRON") && o < cur {
                                return Some(o);
                            }
                        }
                    }
                    cur = h
                }
                _ => return None,
            }
        }
        None
    }

    /// CAMEO root of the default code of the dictionary verb at `v`.
    fn verb_root(&self, sc: &Scratch, v: usize) -> Option<u8> {
        let t = sc.toks.get(v)?;
        for id in [t.form, t.lemma].into_iter().flatten() {
            if let Some(e) = self.dict.verbs.get(&id).and_then(|l| l.first()) {
                let code = e
                    .code
                    .as_ref()
                    .unwrap_or(&self.dict.blocks[e.block as usize].code);
                return code.fwd.as_deref()?.get(..2)?.parse().ok();
            }
        }
        None
    }

    fn is_passive(&self, sc: &Scratch, s: &Sent, v: usize) -> bool {
        // a past participle modifying a noun: "soldiers killed in Ukraine"
        // (a participle with a direct object is active: "warplanes bombed
        // Kurdish rebels" misparsed as a modifier)
        if s.rel(v) == "acl"
            && (s.tokens[v].xpos == "VBN" || s.tokens[v].feats.contains("Tense=Past|VerbForm=Part"))
            // ...unless it has a direct object: "Turkish warplanes bombed
            // rebel bases" mis-parsed as a participle is active
            && !sc.kids(v).iter().any(|&c| matches!(s.base_rel(c), "obj" | "dobj"))
        {
            return true;
        }
        // "a leader is dead, killed in a raid by X": a bare participle
        // joined to a predicate that is no verb shares its subject as
        // the one acted on (the dead is the target, not the attacker)
        let participle =
            s.tokens[v].xpos == "VBN" || s.tokens[v].feats.contains("Tense=Past|VerbForm=Part");
        if participle
            && s.base_rel(v) == "conj"
            && sc.toks[v].head < sc.toks.len()
            && !matches!(s.upos(sc.toks[v].head), "VERB")
            && !sc.kids(v).iter().any(|&c| {
                is_subj(s.rel(c))
                    || s.rel(c).starts_with("aux")
                    || matches!(s.base_rel(c), "obj" | "dobj")
            })
        {
            return true;
        }
        sc.kids(v).iter().any(|&c| {
            s.rel(c).ends_with(":pass") || s.rel(c) == "nsubjpass" || s.rel(c) == "auxpass"
        })
    }

    /// True when `t` sits in an "on/over/about …" phrase below verb `v`.
    fn in_topic_phrase(&self, sc: &Scratch, s: &Sent, t: usize, v: usize) -> bool {
        let mut x = t;
        for _ in 0..6 {
            if x == v {
                return false;
            }
            if matches!(
                self.case_of(sc, s, x),
                Some("on" | "over" | "about" | "regarding" | "concerning")
            ) {
                return true;
            }
            let h = s.tokens[x].head as usize;
            if h == 0 || h > s.tokens.len() {
                return false;
            }
            x = h - 1;
        }
        false
    }

    /// "reaffirmed the United States' support for Ukraine", "the U.S.
    /// commitment to Jordan", "the support of the United States for
    /// Brazil": an event noun the pattern names, with an actor as its
    /// possessor, modifier or "of" phrase (whose support) and another in a
    /// "for/to/with/on/against" phrase (support for whom). The phrase holds
    /// the target (its actors are put in `out`, and `true` returned); the
    /// possessor is the doer's side.
    fn recipient_of_event_noun(
        &self,
        sc: &Scratch,
        s: &Sent,
        n: usize,
        out: &mut Vec<ActorHit>,
    ) -> bool {
        out.clear();
        if n >= sc.toks.len() || !sc.pattern_nouns.contains(&n) {
            return false;
        }
        // (a "subject" of a noun is a mis-attached possessor: "the United
        // States’ firm support")
        let owner = sc.kids(n).iter().any(|&k| {
            (matches!(s.rel(k), "nmod:poss" | "compound" | "amod")
                || (s.base_rel(k) == "nsubj" && s.upos(n) == "NOUN")
                || (s.base_rel(k) == "nmod" && self.case_of(sc, s, k) == Some("of")))
                && sc.toks[k].mention.is_some()
                && !matches!(s.upos(k), "PRON" | "DET")
        });
        if !owner {
            return false;
        }
        for &k in sc.kids(n) {
            if matches!(s.base_rel(k), "nmod" | "obl")
                && matches!(
                    self.case_of(sc, s, k),
                    Some("for" | "to" | "with" | "on" | "against" | "toward" | "towards" | "into")
                )
            {
                self.actors(sc, s, k, out);
                if !out.is_empty() {
                    return true;
                }
            }
        }
        false
    }

    /// The preposition (case marker) of a nominal dependent, lower case.
    pub(crate) fn case_of<'s>(&self, sc: &Scratch, s: &'s Sent, n: usize) -> Option<&'s str> {
        sc.kids(n)
            .iter()
            .find(|&&c| s.rel(c) == "case" || (s.upos(c) == "ADP" && c < n))
            .map(|&c| s.lemma_lc(c))
    }

    /// Candidate target nodes in preference order.
    fn target_nodes(&self, sc: &Scratch, s: &Sent, v: usize, passive: bool, out: &mut Vec<usize>) {
        out.clear();
        let rank_of = |c: usize| -> Option<u8> {
            let r = s.rel(c);
            let br = s.base_rel(c);
            Some(match br {
                "obj" | "dobj" => 0,
                "iobj" => 1,
                "obl" | "nmod"
                    if !r.ends_with("tmod") && !r.ends_with("npmod") && r != "obl:agent" =>
                {
                    match self.case_of(sc, s, c) {
                        Some("by") if passive => return None,
                        Some(
                            "with" | "against" | "to" | "on" | "toward" | "towards" | "into" | "at"
                            | "over" | "upon" | "for" | "from" | "between" | "about" | "of",
                        ) => 2,
                        // "attend talks in Paris": the venue, not a party
                        _ if self.venue_modifier(sc, s, v, c) => return None,
                        Some("in" | "during" | "within" | "near" | "inside") => 4,
                        Some(_) => 3,
                        None => 3,
                    }
                }
                "xcomp" if matches!(s.upos(c), "NOUN" | "PROPN") => 3,
                _ => return None,
            })
        };
        out.extend(sc.kids(v).iter().copied().filter(|&c| rank_of(c).is_some()));
        // stable: text order within a rank
        out.sort_by_key(|&c| rank_of(c).unwrap_or(9));
    }

    fn agent_node(&self, sc: &Scratch, s: &Sent, v: usize) -> Option<usize> {
        let by = |c: usize| {
            s.rel(c) == "obl:agent"
                || s.rel(c) == "nmod:agent"
                || (matches!(s.base_rel(c), "obl" | "nmod") && self.case_of(sc, s, c) == Some("by"))
        };
        sc.kids(v).iter().copied().find(|&c| by(c)).or_else(|| {
            // "killed in a joint raid by A and B", "in an airstrike by X":
            // the doer of the event noun the passive happened in
            sc.kids(v)
                .iter()
                .copied()
                .filter(|&c| s.base_rel(c) == "obl" && self.case_of(sc, s, c) == Some("in"))
                .find_map(|c| sc.kids(c).iter().copied().find(|&k| by(k)))
        })
    }

    /// Actors of the noun phrase headed by `n` (several for compounds).
    pub(crate) fn actors(&self, sc: &Scratch, s: &Sent, n: usize, out: &mut Vec<ActorHit>) {
        out.clear();
        self.actor_walk(sc, s, n, out, 0);
        // conjuncts: "Arnor, Osgiliath and Gondor"
        self.conj_walk(sc, s, n, out, 0);
        self.distribute_agent(sc, s, out);
        out.sort_by_key(|a| a.token);
        out.dedup_by_key(|a| a.mention);
    }

    /// "US and British activists": the agent of the last conjunct applies
    /// to the bare countries coordinated before it (USAOPP, GBROPP).
    fn distribute_agent(&self, sc: &Scratch, s: &Sent, out: &mut Vec<ActorHit>) {
        let bare = |c: &str| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase());
        for i in 0..out.len() {
            let code = &out[i].code;
            if code.len() <= 3 || code.starts_with("---") || !bare(&code[..3]) {
                continue;
            }
            let agent = code[3..].to_string();
            // sentence-local token indices
            let local = |t: u32| (t as usize).checked_sub(s.base);
            let Some(mut start) = local(s.doc.mentions[out[i].mention as usize].token_start) else {
                continue;
            };
            // bounded: a coordination of a few countries
            for _ in 0..6 {
                let Some(cc) = start.checked_sub(1) else {
                    break;
                };
                if cc == 0 || cc >= sc.toks.len() || !matches!(s.form(cc), "and" | "," | "or") {
                    break;
                }
                let Some(pm) = sc.toks[cc - 1].mention else {
                    break;
                };
                // adjacent in the text is not enough: the earlier country
                // must be part of this phrase, not the end of a
                // prepositional phrase before it ("after the summit in
                // Madrid, Merkel said": Madrid lends nothing to Merkel)
                if !self.same_phrase(sc, s, cc - 1, out[i].token) {
                    break;
                }
                let prev = &s.doc.mentions[pm as usize];
                let h = self.hit(s, pm, cc - 1);
                if local(prev.token_end) != Some(cc) || !bare(&h.code) {
                    break;
                }
                let code = format!("{}{agent}", h.code);
                match out.iter_mut().find(|a| a.mention == pm) {
                    Some(a) => a.code = code,
                    None => out.push(ActorHit { code, ..h }),
                }
                match local(prev.token_start) {
                    Some(t) => start = t,
                    None => break,
                }
            }
        }
    }

    /// Whether token `p` belongs to the noun phrase headed at `n`: walking
    /// up from `p` reaches `n` (or `n` reaches `p`) without entering a
    /// prepositional phrase or a clause on the way.
    fn same_phrase(&self, sc: &Scratch, s: &Sent, p: usize, n: usize) -> bool {
        let up = |from: usize, to: usize| {
            let mut x = from;
            for _ in 0..5 {
                if x == to {
                    return true;
                }
                if x >= sc.toks.len()
                    || sc
                        .kids(x)
                        .iter()
                        .any(|&c| s.rel(c) == "case" && s.form(c) != "'s")
                    || is_clausal(s.rel(x))
                {
                    return false;
                }
                x = sc.toks[x].head;
            }
            false
        };
        let lca_sibling = p < sc.toks.len()
            && n < sc.toks.len()
            && sc.toks[p].head == sc.toks[n].head
            && matches!(s.base_rel(p), "conj" | "compound" | "amod")
            && !sc.kids(p).iter().any(|&c| s.rel(c) == "case");
        up(p, n) || up(n, p) || lca_sibling
    }

    fn conj_walk(&self, sc: &Scratch, s: &Sent, n: usize, out: &mut Vec<ActorHit>, depth: u32) {
        self.conj_walk_at(sc, s, n, out, depth, 0);
    }

    /// Walks the conjunct chain below `n` (no allocation).
    fn conj_walk_at(
        &self,
        sc: &Scratch,
        s: &Sent,
        n: usize,
        out: &mut Vec<ActorHit>,
        depth: u32,
        walk_depth: u32,
    ) {
        if depth > 20 {
            return;
        }
        for &c in sc.kids(n) {
            if s.rel(c) == "conj" {
                self.actor_walk(sc, s, c, out, walk_depth);
                self.conj_walk_at(sc, s, c, out, depth + 1, walk_depth);
            }
        }
    }

    /// An infinitival purpose clause ("vowed to wage war"), part of the
    /// verb phrase as in a constituency parse.
    fn inf_clause(&self, sc: &Scratch, s: &Sent, c: usize) -> bool {
        s.base_rel(c) == "advcl"
            && sc
                .kids(c)
                .iter()
                .any(|&k| s.rel(k) == "mark" && s.lemma_lc(k) == "to")
    }

    /// "western powers against ISIS", "the coalition against ISIS": an
    /// "against" modifier of a non-event noun names an opponent, not the
    /// noun's actor ("an offensive against X" does name the target).
    fn opposed_modifier(&self, sc: &Scratch, s: &Sent, n: usize, c: usize) -> bool {
        if !matches!(s.base_rel(c), "nmod" | "obl") || self.case_of(sc, s, c) != Some("against") {
            return false;
        }
        let l = s.lemma_lc(n);
        // a noun the verb's matched pattern names is part of the event
        // ("presented evidence against Russia": `- * EVIDENCE [1124]`)
        let event_noun = sc.pattern_nouns.contains(&n)
            || self.nominals.get_str(l).is_some()
            || matches!(
                l,
                "fight"
                    | "war"
                    | "campaign"
                    | "struggle"
                    | "action"
                    | "operation"
                    | "measure"
                    | "resolution"
                    | "case"
                    | "charge"
                    | "suit"
                    | "allegation"
                    | "violence"
                    | "crackdown"
                    | "strike"
                    | "raid"
                    | "coup"
                    | "plot"
                    | "aggression"
            );
        !event_noun
    }

    /// A meeting noun ("talks", "summit"): an event noun coded as
    /// consultation (04x), which happens somewhere rather than to someone.
    fn meeting_noun(&self, lemma: &str) -> bool {
        self.nominals.get_str(lemma).is_some_and(|ns| {
            ns.iter()
                .any(|n| n.code.fwd.as_deref().is_some_and(|c| c.starts_with("04")))
        })
    }

    /// "talks in Paris": a locative modifier of a meeting noun is where the
    /// event happens (its place), not a party to it.
    fn venue_modifier(&self, sc: &Scratch, s: &Sent, n: usize, c: usize) -> bool {
        let meeting = if s.upos(n) == "NOUN" {
            self.meeting_noun(s.lemma_lc(n))
        } else {
            // "attend talks in Paris": the verb's object is the meeting
            sc.kids(n).iter().any(|&o| {
                matches!(s.base_rel(o), "obj" | "dobj") && self.meeting_noun(s.lemma_lc(o))
            })
        };
        meeting
            && matches!(s.base_rel(c), "nmod" | "obl")
            && matches!(
                self.case_of(sc, s, c),
                Some("in" | "inside" | "within" | "near")
            )
    }

    /// "talks about the war in Libya", "a report concerning Iran": what a
    /// thing is about is its topic, not a party to the event.
    fn topic_modifier(&self, sc: &Scratch, s: &Sent, c: usize) -> bool {
        matches!(s.base_rel(c), "nmod" | "obl")
            && matches!(
                self.case_of(sc, s, c),
                Some("about" | "regarding" | "concerning")
            )
    }

    /// "the hotel in Tokyo", "a bomb near Kabul": a place in a locative
    /// modifier of a thing is where it is; it does not make the thing an
    /// actor (people and bodies are actors of their own: "officials in
    /// Tokyo" is resolved through the agent mention).
    fn place_modifier(&self, sc: &Scratch, s: &Sent, n: usize, c: usize) -> bool {
        !self.cfg.petrarch
            && s.upos(n) == "NOUN"
            && sc.toks[n].mention.is_none()
            && matches!(s.base_rel(c), "nmod" | "obl")
            && matches!(
                self.case_of(sc, s, c),
                Some("in" | "inside" | "within" | "near" | "across" | "throughout")
            )
    }

    /// Adds the actors of the conjuncts of `n` ("Mordor, Rohan, Arnor and Bree").
    fn conjuncts(&self, sc: &Scratch, s: &Sent, n: usize, out: &mut Vec<ActorHit>) {
        self.conj_walk_at(sc, s, n, out, 0, 1);
    }

    /// First actors found breadth-first in the subtree of `v`, skipping the
    /// subject and the nodes in `skip`.
    fn deep_target(
        &self,
        sc: &Scratch,
        s: &Sent,
        v: usize,
        skip: &[usize],
        out: &mut Vec<ActorHit>,
    ) {
        // breadth first with a fixed ring (the search is bounded anyway)
        let mut ring = [0usize; 64];
        let (mut head, mut tail) = (0usize, 0usize);
        for c in sc.kids(v).iter().copied().filter(|&c| {
            !is_subj(s.rel(c))
                && !skip.contains(&c)
                && !self.venue_modifier(sc, s, v, c)
                && (self.inf_clause(sc, s, c)
                    || !matches!(
                        s.base_rel(c),
                        "parataxis" | "punct" | "advcl" | "conj" | "discourse"
                    ))
        }) {
            if tail < ring.len() {
                ring[tail] = c;
                tail += 1;
            }
        }
        while head < tail {
            let x = ring[head];
            head += 1;
            if let Some(m) = sc.toks[x].mention {
                let agent_only = s.doc.mentions[m as usize]
                    .code
                    .as_ref()
                    .is_some_and(|c| c.as_str().starts_with("---"));
                if !agent_only {
                    self.actors(sc, s, x, out);
                    if !out.is_empty() {
                        return;
                    }
                }
            }
            for &c in sc.kids(x) {
                let poss_pron = s.rel(c) == "nmod:poss" && matches!(s.upos(c), "PRON" | "DET");
                if !matches!(s.base_rel(c), "parataxis" | "punct" | "acl" | "advcl")
                    && !poss_pron
                    && !self.opposed_modifier(sc, s, x, c)
                    && !self.venue_modifier(sc, s, x, c)
                    && !self.topic_modifier(sc, s, c)
                    && tail < ring.len()
                {
                    ring[tail] = c;
                    tail += 1;
                }
            }
        }
    }

    fn actor_walk(&self, sc: &Scratch, s: &Sent, n: usize, out: &mut Vec<ActorHit>, depth: u32) {
        if let Some(m) = sc.toks[n].mention {
            // an agent-only mention ("the ambassadors") takes its country
            // from an "of" dependent ("of Arnor, Osgiliath and Gondor")
            let agent_only = s.doc.mentions[m as usize]
                .code
                .as_ref()
                .is_some_and(|c| c.as_str().starts_with("---"));
            // an agent word used as an adjective ("his first official
            // visit") names no one
            if agent_only && depth > 0 && s.upos(n) == "ADJ" && s.base_rel(n) == "amod" {
                return;
            }
            if agent_only && depth <= 1 {
                let mut inner = Vec::new();
                for &c in sc.kids(n) {
                    if matches!(s.base_rel(c), "nmod" | "obl") && sc.toks[c].mention != Some(m) {
                        let mut tmp = Vec::new();
                        self.actors(sc, s, c, &mut tmp);
                        inner.extend(tmp);
                    }
                }
                if !inner.is_empty() {
                    let agent = s.doc.mentions[m as usize]
                        .code
                        .as_ref()
                        .map(|c| c.as_str()[3..].to_string())
                        .unwrap_or_default();
                    for mut a in inner {
                        if !a.code.ends_with(&agent) {
                            // agents in text order: "exiled leaders (OPP) of
                            // Egypt's Muslim (MUS) Brotherhood" is EGYOPPMUS
                            let bare = a.code.len() >= 3
                                && a.code.is_char_boundary(3)
                                && !a.code.starts_with("---");
                            if bare && a.code.len() > 3 && n < a.token {
                                a.code.insert_str(3, &agent);
                            } else {
                                a.code.push_str(&agent);
                            }
                        }
                        a.token = n;
                        out.push(a);
                    }
                    return;
                }
            }
            let mut best = self.hit(s, m, n);
            for &c in sc.kids(n) {
                if s.rel(c) == "compound" {
                    if let Some(cm) = sc.toks[c].mention {
                        if cm != m {
                            let h = self.hit(s, cm, c);
                            if h.code.len() > best.code.len()
                                && h.code.get(..3) == best.code.get(..3)
                            {
                                best = h;
                            }
                        }
                    }
                }
            }
            out.push(best);
            return;
        }
        if depth >= 3 {
            return;
        }
        // breadth first over modifiers, skipping clauses and conjuncts
        for &c in sc.kids(n) {
            let r = s.rel(c);
            // a possessive pronoun ("its embassy") names an owner, not a party
            let poss_pron = r == "nmod:poss" && matches!(s.upos(c), "PRON" | "DET");
            if poss_pron
                || is_clausal(r)
                || r == "conj"
                || r == "cc"
                || r.starts_with("acl")
                // an apposition names the same actor, but only a head
                // without an actor of its own ("Old foe Gondor") needs it
                || (r == "appos" && depth > 0)
                || self.opposed_modifier(sc, s, n, c)
                || self.venue_modifier(sc, s, n, c)
                || self.topic_modifier(sc, s, c)
                || self.place_modifier(sc, s, n, c)
            {
                continue;
            }
            if sc.toks[c].mention.is_some() {
                self.actor_walk(sc, s, c, out, depth + 1);
                self.conjuncts(sc, s, c, out);
                return;
            }
        }
        for &c in sc.kids(n) {
            let r = s.rel(c);
            let poss_pron = r == "nmod:poss" && matches!(s.upos(c), "PRON" | "DET");
            if poss_pron
                || is_clausal(r)
                || r == "conj"
                || r == "cc"
                || r == "acl:relcl"
                || (r == "appos" && depth > 0)
                || self.opposed_modifier(sc, s, n, c)
                || self.venue_modifier(sc, s, n, c)
                || self.topic_modifier(sc, s, c)
                || self.place_modifier(sc, s, n, c)
            {
                continue;
            }
            let before = out.len();
            self.actor_walk(sc, s, c, out, depth + 1);
            if out.len() > before {
                self.conjuncts(sc, s, c, out);
                return;
            }
        }
    }

    pub(crate) fn hit(&self, s: &Sent, m: u32, tok: usize) -> ActorHit {
        let mut mi = m;
        // follow coreference to a coded antecedent
        for _ in 0..8 {
            let me = &s.doc.mentions[mi as usize];
            if me.code.is_some() {
                break;
            }
            match me.antecedent {
                Some(a) if (a as usize) < s.doc.mentions.len() => mi = a,
                _ => break,
            }
        }
        let me = &s.doc.mentions[m as usize];
        let code = s.doc.mentions[mi as usize]
            .code
            .as_ref()
            .map(|c| c.as_str().to_string())
            .unwrap_or_default();
        ActorHit {
            code,
            mention: m,
            span: me.span,
            token: tok,
        }
    }

    /// Codes one sentence, appending to `out`.
    pub fn sentence(&self, sc: &mut Scratch, s: &Sent, out: &mut Vec<CodedEvent>) {
        let n = sc.toks.len();
        let mut hits: Vec<VerbHit> = Vec::new();
        let mut post = std::mem::take(&mut sc.post);
        let mut pre = std::mem::take(&mut sc.pre);
        let mut stack = std::mem::take(&mut sc.stack);
        for v in 0..n {
            if !matches!(s.upos(v), "VERB" | "AUX" | "NOUN" | "ADJ")
                || sc.masked.get(v).copied().unwrap_or(false)
            {
                continue;
            }
            // Nouns are handled as nominal triggers below. Adjectives are
            // coded like verbs when the dictionary lists them: participles
            // tagged ADJ, predicates such as "has been critical of X".
            if s.upos(v) == "NOUN" {
                continue;
            }
            let entries = self.entry_for(sc, s, v);
            let Some(&entry) = entries.first() else {
                continue;
            };
            if s.upos(v) == "AUX"
                && entry.block != u32::MAX
                && !sc
                    .kids(v)
                    .iter()
                    .any(|&c| matches!(s.base_rel(c), "obj" | "nsubj"))
            {
                continue;
            }
            let block = &self.dict.blocks[entry.block as usize];
            // phrase tokens after and before the verb
            let ccomp = !self.say_blocks.contains(&entry.block);
            self.phrase(sc, s, v, &mut post, &mut stack, true, ccomp);
            post.retain(|&t| t > v);
            pre.clear();
            if let Some(subj) = self.subject(sc, s, v) {
                let mut tmp = Vec::new();
                self.phrase(sc, s, subj, &mut tmp, &mut stack, false, false);
                pre.extend(tmp);
            }
            pre.sort_unstable();
            pre.dedup();
            // which phrase tokens sit inside a prepositional phrase of the
            // verb: computed on the first word-only pattern that needs it
            let mut pp_ready = false;
            let mut best: Option<(u32, usize, Bind)> = None;
            for (bi, p_block) in entries
                .iter()
                .map(|e| (e.block, &self.dict.blocks[e.block as usize]))
            {
                for (pi, p) in p_block.patterns.iter().enumerate() {
                    if let Some((_, _, b)) = &best {
                        if p.weight < b.score {
                            continue;
                        }
                    }
                    if !sc.has_all(&p.need) {
                        continue;
                    }
                    if p.words_only && !pp_ready {
                        pp_ready = true;
                        sc.in_pp.clear();
                        sc.in_pp.resize(n, false);
                        for &t in post.iter() {
                            // function words ("FROM +") match wherever they are
                            if !matches!(s.upos(t), "NOUN" | "PROPN" | "ADJ" | "VERB" | "NUM") {
                                continue;
                            }
                            let mut cur = t;
                            for _ in 0..n {
                                if cur == v || cur >= n {
                                    break;
                                }
                                if sc.kids(cur).iter().any(|&c| s.rel(c) == "case") {
                                    sc.in_pp[t] = true;
                                    break;
                                }
                                cur = sc.toks[cur].head;
                            }
                        }
                    }
                    // the prepositional-phrase restriction of bare words
                    // applies to patterns of words only: with an actor slot
                    // the slot anchors the match ("+ * MONEY $")
                    let mut b = Bind {
                        nested: !p.words_only,
                        ..Bind::default()
                    };
                    if self.seq_from(sc, s, &p.post, &post, 0, &mut b).is_none() {
                        continue;
                    }
                    if self.seq_from(sc, s, &p.pre, &pre, 0, &mut b).is_none() {
                        continue;
                    }
                    b.score = p.weight;
                    if best.as_ref().is_none_or(|(_, _, bb)| b.score > bb.score) {
                        best = Some((bi, pi, b));
                    }
                }
            }
            let hit = match best {
                Some((bi, pi, b)) => {
                    let pblock = &self.dict.blocks[bi as usize];
                    let p = &pblock.patterns[pi];
                    let consumed = post
                        .iter()
                        .copied()
                        .filter(|&t| matches!(s.upos(t), "NOUN"))
                        .take(2)
                        .collect();
                    VerbHit {
                        tok: v,
                        block: bi,
                        code: &p.code,
                        rule: RuleRef::Pattern(bi, pi),
                        by_pattern: true,
                        src_tok: b.src,
                        tgt_tok: b.tgt,
                        consumed,
                    }
                }
                None => VerbHit {
                    tok: v,
                    block: entry.block,
                    code: entry.code.as_ref().unwrap_or(&block.code),
                    rule: RuleRef::Entry(entry.block, entry.text.as_str()),
                    by_pattern: false,
                    src_tok: None,
                    tgt_tok: None,
                    consumed: Vec::new(),
                },
            };
            hits.push(hit);
        }
        sc.post = post;
        sc.pre = pre;
        sc.stack = stack;

        // Verb + governed verb: "urged X to help" → 023, "ruled out cooperating" → 12x.
        let mut suppressed = vec![false; hits.len()];
        #[allow(clippy::type_complexity)]
        let mut overrides: Vec<Option<(String, (RuleRef, RuleRef), usize)>> =
            vec![None; hits.len()];
        for (hi, h) in hits.iter().enumerate() {
            if h.by_pattern && !h.code.is_null() {
                // a pattern that used the governed verb's words codes the pair
                for (hj, h2) in hits.iter().enumerate() {
                    if hj != hi
                        && sc.toks[h2.tok].head == h.tok
                        && s.base_rel(h2.tok) == "xcomp"
                        && h.rule
                            .text(self.dict)
                            .to_ascii_lowercase()
                            .contains(s.lemma_lc(h2.tok))
                    {
                        suppressed[hj] = true;
                    }
                }
                continue;
            }
            let Some(hj) = hits.iter().position(|h2| {
                sc.toks[h2.tok].head == h.tok
                    && (s.base_rel(h2.tok) == "xcomp"
                        || (s.base_rel(h2.tok) == "ccomp" && Some(h.block) == self.refuse_block)
                        // "ruled out cooperating with X" parsed as an
                        // adverbial gerund: still what is refused
                        || (s.base_rel(h2.tok) == "advcl"
                            && Some(h.block) == self.refuse_block
                            && s.tokens[h2.tok].xpos == "VBG"
                            && !sc.kids(h2.tok).iter().any(|&k| s.base_rel(k) == "mark")))
            }) else {
                continue;
            };
            let inner = &hits[hj];
            let Some(inner_code) = inner.code.fwd.clone() else {
                continue;
            };
            if Some(h.block) == self.refuse_block {
                let code = self
                    .tables
                    .refuse(&inner_code)
                    .unwrap_or_else(|| "120".into());
                overrides[hj] = Some((code, (h.rule, inner.rule), h.tok));
                suppressed[hi] = true;
            } else if self.say_blocks.contains(&h.block) {
                // reported speech and wants: handled by the transformations
            } else if let Some(outer_code) = h.code.fwd.clone() {
                if let Some(c) = self.tables.combine(&outer_code, &inner_code) {
                    overrides[hj] = Some((c, (h.rule, inner.rule), h.tok));
                    suppressed[hi] = true;
                } else if matches!(outer_code.get(..2), Some("02" | "10" | "13")) {
                    // an appeal, demand or threat keeps its own code:
                    // "threatened to impose restrictions" is a threat
                    overrides[hj] = Some((outer_code, (h.rule, inner.rule), h.tok));
                    suppressed[hi] = true;
                } else {
                    // the governed verb says what happens; the governing
                    // verb gives its modality
                    suppressed[hi] = true;
                }
            }
        }

        let mut srcs = Vec::new();
        let mut tgts = Vec::new();
        let mut nodes = Vec::new();
        let mut consumed_nouns: Vec<usize> = Vec::new();
        let sent_start = out.len();
        // per hit: (range of events in `out`, first source)
        let mut spans: Vec<Option<(usize, usize, Option<ActorHit>)>> = vec![None; hits.len()];
        for (hi, h) in hits.iter().enumerate() {
            if suppressed[hi] {
                continue;
            }
            let (code, rules, trig) = match &overrides[hi] {
                Some((c, r, outer)) => (
                    std::borrow::Cow::Owned(CodePair {
                        fwd: Some(c.clone()),
                        rev: None,
                    }),
                    (r.0, Some(r.1)),
                    *outer,
                ),
                None => (std::borrow::Cow::Borrowed(h.code), (h.rule, None), h.tok),
            };
            if code.is_null() {
                continue;
            }
            consumed_nouns.extend(h.consumed.iter().copied());
            sc.pattern_nouns.clear();
            if let (true, RuleRef::Pattern(b, p)) = (h.by_pattern, h.rule) {
                // the nouns the pattern spells out ("EVIDENCE"), not every
                // noun of the phrase
                let words = &self.dict.blocks[b as usize].patterns[p].words;
                for &t in &h.consumed {
                    let tk = sc.toks[t];
                    if [tk.form, tk.lemma]
                        .into_iter()
                        .flatten()
                        .any(|id| words.contains(&id))
                    {
                        sc.pattern_nouns.push(t);
                    }
                }
            }
            let v = h.tok;
            let passive = self.is_passive(sc, s, v);
            // source
            srcs.clear();
            tgts.clear();
            if let Some(t) = h.src_tok {
                // the slot's actor, composed like any noun phrase's
                self.actors(sc, s, t, &mut srcs);
                if srcs.is_empty() {
                    srcs.push(self.hit(s, sc.toks[t].mention.unwrap_or(0), t));
                }
            } else {
                let node = if passive {
                    self.agent_node(sc, s, v)
                } else {
                    self.subject(sc, s, trig)
                };
                if let Some(node) = node {
                    self.actors(sc, s, node, &mut srcs);
                    if srcs.is_empty() && s.upos(node) == "PRON" {
                        self.pronoun_antecedent(sc, s, node, &mut srcs);
                    }
                    if srcs.is_empty() {
                        // PETRARCH's source is the first actor of the
                        // subject (or passive agent) phrase, modifiers
                        // included ("a report released in the Rwandan
                        // capital alleged ...", "by a missile fired by
                        // rebels")
                        if let Some(m) = self.first_mention(sc, s, node) {
                            self.actors(sc, s, m, &mut srcs);
                        }
                    }
                }
            }
            if passive && srcs.is_empty() && h.src_tok.is_none() {
                // agentless passive: an oblique may name the doer ("fired
                // at it from the Gaza Strip": the origin, not the aim)
                self.target_nodes(sc, s, v, true, &mut nodes);
                nodes.retain(|&c| {
                    !matches!(
                        self.case_of(sc, s, c),
                        Some("at" | "against" | "on" | "upon" | "toward" | "towards" | "into")
                    )
                });
                nodes.sort_by_key(|&c| self.case_of(sc, s, c) != Some("from"));
                for &c in nodes.iter() {
                    // only an actor the phrase itself names: "excluded from
                    // talks about the war in Libya" has no doer, and the
                    // topic of the talks is none
                    if sc.toks[c].mention.is_none() && !self.cfg.petrarch {
                        continue;
                    }
                    self.actors(sc, s, c, &mut srcs);
                    if !srcs.is_empty() {
                        break;
                    }
                }
            }
            if let Some(t) = h.tgt_tok {
                self.actors(sc, s, t, &mut tgts);
                if tgts.is_empty() {
                    tgts.push(self.hit(s, sc.toks[t].mention.unwrap_or(0), t));
                }
            } else {
                if passive {
                    if let Some(subj) = self.subject(sc, s, v) {
                        self.actors(sc, s, subj, &mut tgts);
                    }
                }
                if tgts.is_empty() {
                    // the governing verb's object for "urged Bree to help"
                    let mut cands = Vec::new();
                    if trig != v {
                        self.target_nodes(sc, s, trig, false, &mut nodes);
                        cands.extend(nodes.iter().copied());
                    }
                    self.target_nodes(sc, s, v, passive, &mut nodes);
                    cands.extend(nodes.iter().copied());
                    for c in cands {
                        if !self.recipient_of_event_noun(sc, s, c, &mut tgts) {
                            self.actors(sc, s, c, &mut tgts);
                        }
                        tgts.retain(|t| !srcs.iter().any(|x| x.mention == t.mention));
                        if !tgts.is_empty() {
                            break;
                        }
                    }
                    if tgts.is_empty() {
                        // "A said B ...", "A demanded that B ...": the
                        // complement clause's subject
                        if let Some(&cc) = sc.kids(v).iter().find(|&&c| s.base_rel(c) == "ccomp") {
                            if let Some(subj) =
                                sc.kids(cc).iter().copied().find(|&c| is_subj(s.rel(c)))
                            {
                                self.actors(sc, s, subj, &mut tgts);
                                tgts.retain(|t| !srcs.iter().any(|x| x.mention == t.mention));
                            }
                        }
                    }
                    if tgts.is_empty() && !self.say_blocks.contains(&h.block) {
                        let skip: Vec<usize> = srcs.iter().map(|a| a.token).collect();
                        self.deep_target(sc, s, v, &skip, &mut tgts);
                        tgts.retain(|t| !srcs.iter().any(|x| x.mention == t.mention));
                    }
                }
            }
            // an actor is not its own target (a passive verb's subject
            // phrase can reach back to the agent through a modifier)
            if h.tgt_tok.is_none() {
                tgts.retain(|t| !srcs.iter().any(|x| x.mention == t.mention));
            }
            // "A and B disagree on C", "A and B met over C": with a compound
            // subject a symmetric predicate relates the conjuncts to each
            // other; its topic phrase says what about, not with whom
            if h.tgt_tok.is_none()
                && srcs.len() >= 2
                && !passive
                && SYMMETRIC.contains(&s.lemma_lc(v))
            {
                tgts.retain(|t| !self.in_topic_phrase(sc, s, t.token, v));
            }
            if srcs.is_empty() && tgts.is_empty() {
                continue;
            }
            let mut rule = rules.0.text(self.dict);
            if let Some(r2) = rules.1 {
                rule.push_str(" + ");
                rule.push_str(&r2.text(self.dict));
            }
            let mut md = modality::of_verb(self, sc, s, trig.min(v), v, trig);
            let mut code = code;
            if informing_verb(s.lemma_lc(v))
                && !self.cfg.petrarch
                && code.fwd.as_deref().is_some_and(|c| c.starts_with("01"))
            {
                code = std::borrow::Cow::Owned(CodePair {
                    fwd: Some("040".into()),
                    rev: None,
                });
                rule.push_str(" | informing: consult");
            }
            if md == Modality::Negated && self.negated_here(sc, s, v) {
                // PETRARCH's negation: "did not clash" (110) is 050
                if let Some(c) = code.fwd.as_deref().and_then(|c| self.tables.negate(c)) {
                    code = std::borrow::Cow::Owned(CodePair {
                        fwd: Some(c),
                        rev: None,
                    });
                    rule.push_str(" | negated");
                    md = Modality::Asserted;
                } else if self.cfg.petrarch_negation {
                    // PETRARCH codes nothing for a negated verb whose code
                    // has no negation in the ontology ("did not attack")
                    continue;
                }
            }
            let ev_start = out.len();
            self.emit(s, sc, &code, &rule, v, md, &srcs, &tgts, !passive, out);
            spans[hi] = Some((ev_start, out.len(), srcs.first().cloned()));
        }
        self.transform(sc, s, &hits, &spans, out, sent_start);

        sc.pattern_nouns.clear();
        // Nominal triggers: "US airstrikes on ISIS", "talks between A and B".
        for t in 0..n {
            if s.upos(t) != "NOUN" || consumed_nouns.contains(&t) {
                continue;
            }
            // "blamed Israel for the bombing": the act a party is accused
            // of is the content of the accusation (coded 11x), not an event
            // the sentence asserts
            let h = sc.toks[t].head;
            if h < n
                && matches!(s.base_rel(t), "obl" | "nmod")
                && matches!(self.case_of(sc, s, t), Some("for" | "over" | "of"))
                && hits.iter().any(|x| {
                    x.tok == h && x.code.fwd.as_deref().is_some_and(|c| c.starts_with("11"))
                })
            {
                continue;
            }
            let lemma = s.lemma_lc(t);
            let Some(list) = self.nominals.get_str(lemma).or_else(|| {
                if !lemma.is_empty() && lemma != "_" {
                    return None;
                }
                let f = s.form(t).to_ascii_lowercase();
                self.nominals.get_str(f.trim_end_matches('s'))
            }) else {
                continue;
            };
            let Some(nom) = list.iter().find(|nm| {
                nm.before.iter().rev().enumerate().all(|(k, w)| {
                    t.checked_sub(k + 1).is_some_and(|j| {
                        s.lemma_lc(j).eq_ignore_ascii_case(w) || s.form(j).eq_ignore_ascii_case(w)
                    })
                })
            }) else {
                continue;
            };
            srcs.clear();
            tgts.clear();
            let mut between = false;
            // source: modifiers of the noun, else the light verb's subject
            for &c in sc.kids(t) {
                let r = s.rel(c);
                if matches!(r, "compound" | "amod" | "nmod:poss") && sc.toks[c].mention.is_some() {
                    let mut tmp = Vec::new();
                    self.actors(sc, s, c, &mut tmp);
                    srcs.extend(tmp);
                }
            }
            for &c in sc.kids(t) {
                if !matches!(s.base_rel(c), "nmod" | "obl") {
                    continue;
                }
                match self.case_of(sc, s, c) {
                    Some("between" | "among") => {
                        let mut tmp = Vec::new();
                        self.actors(sc, s, c, &mut tmp);
                        if srcs.is_empty() {
                            srcs.extend(tmp);
                            between = true;
                        } else {
                            tgts.extend(tmp);
                        }
                    }
                    Some("by") if srcs.is_empty() => self.actors(sc, s, c, &mut srcs),
                    Some("of") if srcs.is_empty() && nom.of_is_source => {
                        self.actors(sc, s, c, &mut srcs)
                    }
                    Some(
                        "on" | "against" | "with" | "to" | "at" | "toward" | "towards" | "of"
                        | "over",
                    ) if tgts.is_empty() => self.actors(sc, s, c, &mut tgts),
                    _ => {}
                }
            }
            let h = sc.toks[t].head;
            // "held talks", "returned to Geneva for talks": the verb's subject
            let light = (matches!(s.base_rel(t), "obj" | "dobj" | "nsubj")
                || (matches!(s.base_rel(t), "obl" | "nmod")
                    && matches!(self.case_of(sc, s, t), Some("for" | "in" | "into"))))
                && !(h < n && countering_verb(s.lemma_lc(h)));
            if srcs.is_empty() && h < n && light {
                if let Some(subj) = self.subject(sc, s, h) {
                    if subj != t {
                        self.actors(sc, s, subj, &mut srcs);
                    }
                }
                if tgts.is_empty() {
                    self.target_nodes(sc, s, h, false, &mut nodes);
                    for &c in nodes.iter().filter(|&&c| c != t) {
                        self.actors(sc, s, c, &mut tgts);
                        if !tgts.is_empty() {
                            break;
                        }
                    }
                }
            }
            if between && tgts.is_empty() && srcs.len() >= 2 {
                // reciprocal: emit() pairs compound sources
            }
            let trig_head = if h < n { h } else { t };
            let md = modality::of_verb(self, sc, s, t, trig_head, trig_head);
            let rule = format!("nominal: {}", nom.text);
            self.emit(s, sc, &nom.code, &rule, t, md, &srcs, &tgts, true, out);
        }
        if self.cfg.require_dyad {
            let mut k = sent_start;
            while k < out.len() {
                if out[k].source.is_none() || out[k].target.is_none() {
                    out.remove(k);
                } else {
                    k += 1;
                }
            }
        }
    }

    /// The first (text order) token with a country-coded mention in the
    /// phrase headed by `n`, reduced relatives included, other clauses not.
    fn first_mention(&self, sc: &Scratch, s: &Sent, n: usize) -> Option<usize> {
        let mut best: Option<usize> = None;
        let mut stack = vec![(n, 0u32)];
        while let Some((x, d)) = stack.pop() {
            if let Some(m) = sc.toks[x].mention {
                let agent_only = s.doc.mentions[m as usize]
                    .code
                    .as_ref()
                    .is_some_and(|c| c.as_str().starts_with("---"));
                if !agent_only && best.is_none_or(|b| x < b) {
                    best = Some(x);
                }
            }
            if d >= 4 {
                continue;
            }
            for &c in sc.kids(x) {
                let r = s.rel(c);
                if (is_clausal(r) && r != "acl")
                    || r == "appos"
                    || (r == "nmod:poss" && matches!(s.upos(c), "PRON" | "DET"))
                {
                    continue;
                }
                stack.push((c, d + 1));
            }
        }
        best
    }

    /// "Obama said he would ...": an unresolved subject pronoun of a
    /// reported clause takes the reporting verb's subject (a syntactic
    /// fallback for when coreference left the pronoun without a mention).
    fn pronoun_antecedent(&self, sc: &Scratch, s: &Sent, pron: usize, out: &mut Vec<ActorHit>) {
        if !matches!(
            s.form(pron).to_ascii_lowercase().as_str(),
            "he" | "she" | "it" | "they" | "we"
        ) {
            return;
        }
        let mut cur = sc.toks[pron].head;
        for _ in 0..4 {
            if cur >= sc.toks.len() {
                return;
            }
            let h = sc.toks[cur].head;
            if h >= sc.toks.len() || !matches!(s.base_rel(cur), "ccomp" | "xcomp" | "conj") {
                return;
            }
            if let Some(&subj) = sc.kids(h).iter().find(|&&c| is_subj(s.rel(c))) {
                self.actors(sc, s, subj, out);
                return;
            }
            cur = h;
        }
    }

    /// The verb has a future auxiliary ("will", "would", "shall").
    fn future_aux(&self, sc: &Scratch, s: &Sent, v: usize) -> bool {
        v < sc.toks.len()
            && sc.kids(v).iter().any(|&c| {
                s.base_rel(c) == "aux" && matches!(s.lemma_lc(c), "will" | "would" | "shall")
            })
    }

    /// The verb itself carries a negation ("did not", "won't", "never").
    fn negated_here(&self, sc: &Scratch, s: &Sent, v: usize) -> bool {
        sc.kids(v).iter().any(|&c| {
            matches!(s.rel(c), "advmod" | "neg")
                && matches!(
                    s.form(c).to_ascii_lowercase().as_str(),
                    "not" | "n't" | "never"
                )
        })
    }

    /// True when `inner` sits in a clause governed by `outer` (ccomp/xcomp,
    /// possibly through conjuncts).
    fn governs(&self, sc: &Scratch, s: &Sent, outer: usize, inner: usize) -> bool {
        let mut cur = inner;
        for _ in 0..8 {
            let h = sc.toks[cur].head;
            if h >= sc.toks.len() {
                return false;
            }
            if h == outer {
                return matches!(s.base_rel(cur), "ccomp" | "xcomp" | "csubj" | "parataxis");
            }
            if !matches!(
                s.base_rel(cur),
                "conj" | "ccomp" | "xcomp" | "aux" | "advcl"
            ) {
                return false;
            }
            cur = h;
        }
        false
    }

    /// PETRARCH transformations over reported speech: "A says B attacked C"
    /// → A accuses B (112), "A wants B to attack" → 021, and so on. A
    /// speech verb whose clause holds an event codes nothing by itself.
    fn transform(
        &self,
        sc: &Scratch,
        s: &Sent,
        hits: &[VerbHit],
        spans: &[Option<(usize, usize, Option<ActorHit>)>],
        out: &mut Vec<CodedEvent>,
        sent_start: usize,
    ) {
        // Indexed from `sent_start`: `out` holds the whole document's
        // events, and a flag (and a pass) per earlier event and sentence
        // made long documents quadratic.
        let mut remove = vec![false; out.len().saturating_sub(sent_start)];
        let mut added: Vec<CodedEvent> = Vec::new();
        for (hi, h) in hits.iter().enumerate() {
            let Some((o_start, o_end, a)) = &spans[hi] else {
                continue;
            };
            let is_say = self.say_blocks.contains(&h.block);
            let has_rule = self
                .dict
                .transforms
                .iter()
                .any(|t| t.outer_block == Some(h.block));
            if !is_say && !has_rule {
                continue;
            }
            if is_say {
                // "A said B must / should X": a demand (CAMEO 10)
                let obliged = sc.kids(h.tok).iter().any(|&c| {
                    s.base_rel(c) == "ccomp"
                        && sc.kids(c).iter().any(|&k| {
                            s.rel(k).starts_with("aux")
                                && matches!(s.lemma_lc(k), "must" | "should" | "ought")
                        })
                });
                if obliged {
                    let (a, b) = (*o_start, *o_end);
                    for (k, e) in out.iter_mut().enumerate().skip(sent_start) {
                        if (a..b).contains(&k) {
                            if e.code.starts_with("01") {
                                e.code = "100".into();
                                e.rule.push_str(" | obligation: demand");
                            }
                        } else if self.governs(sc, s, h.tok, e.trigger - s.base) {
                            // the demanded action has not happened
                            e.modality = Modality::Hypothetical;
                        }
                    }
                    continue;
                }
            }
            if is_say && matches!(s.base_rel(h.tok), "parataxis" | "advcl" | "conj") {
                // "..., an official said": the attribution, not an event,
                // when the sentence reports one
                // (events of its own complement clause are reported by it:
                // "... came as Israel announced it would free ...")
                let other = (sent_start..out.len()).any(|k| {
                    (k < *o_start || k >= *o_end)
                        && out[k].source.is_some()
                        && out[k].target.is_some()
                        && !self.governs(sc, s, h.tok, out[k].trigger - s.base)
                });
                if other {
                    for r in remove
                        .iter_mut()
                        .take(o_end.saturating_sub(sent_start))
                        .skip(o_start.saturating_sub(sent_start))
                    {
                        *r = true;
                    }
                    continue;
                }
            }
            // inner events in the governed clause
            let inner: Vec<usize> = (sent_start..out.len())
                .filter(|&k| k < *o_start || k >= *o_end)
                .filter(|&k| self.governs(sc, s, h.tok, out[k].trigger - s.base))
                .collect();
            if inner.is_empty() {
                continue;
            }
            let a_code = a.as_ref().map(|x| x.code.as_str());
            let informing = informing_verb(s.lemma_lc(h.tok));
            let speech = self.speech_blocks.contains(&h.block);
            let mut fired = false;
            for &k in &inner {
                let e = &out[k];
                for t in self
                    .dict
                    .transforms
                    .iter()
                    .filter(|t| t.outer_block == Some(h.block))
                {
                    let var_ok = |var: char, actor: Option<&ActorHit>| match var {
                        'a' => actor.map(|x| x.code.as_str()) == a_code && a_code.is_some(),
                        // no subject of its own: absent, or the outer subject by control
                        '_' => {
                            actor.is_none()
                                || (actor.map(|x| x.code.as_str()) == a_code && a_code.is_some())
                        }
                        '.' => true,
                        _ => actor.is_some() && actor.map(|x| x.code.as_str()) != a_code,
                    };
                    if !var_ok(t.inner_src, e.source.as_ref())
                        || !var_ok(t.inner_tgt, e.target.as_ref())
                    {
                        continue;
                    }
                    // "..., residents said": a sayer that is no actor cannot
                    // become the accuser; the reported event stands.
                    // A news agency that reports an attack does not accuse
                    // anyone ("..., APS news agency said").
                    let reporter =
                        a_code.is_none_or(|c| c.get(3..).is_some_and(|r| r.contains("MED")));
                    if reporter && (t.res_src == 'a' || t.res_tgt == 'a') {
                        continue;
                    }
                    // The codebook's speech rule: "X said Y attacked Z" is
                    // the reported attack, not an accusation by X, and "X
                    // said it arrested Y" is X's arrest, not a claim of
                    // responsibility. PETRARCH's fixed-code transformations
                    // (112, 015) apply only under its conventions; "X
                    // informed Y of its plan to ..." is never one.
                    if t.res_code.is_some() && (informing || (speech && !self.cfg.petrarch)) {
                        continue;
                    }
                    if let Some(b) = t.inner_block {
                        let want = self.dict.blocks[b as usize]
                            .code
                            .fwd
                            .as_deref()
                            .unwrap_or("");
                        if quad(want) != quad(&e.code) || quad(want) == 0 {
                            continue;
                        }
                        // "A says B will attack" is no accusation
                        if self.speech_blocks.contains(&h.block)
                            && !matches!(e.modality, Modality::Asserted | Modality::Claimed)
                        {
                            continue;
                        }
                    }
                    let pick = |var: char| -> Option<ActorHit> {
                        if var == 'a' {
                            return a.clone();
                        }
                        if var == t.inner_src {
                            return e.source.clone();
                        }
                        if var == t.inner_tgt {
                            return e.target.clone();
                        }
                        None
                    };
                    let code = match &t.res_code {
                        Some(c) => c.clone(),
                        // "Israel announced it would free prisoners": a
                        // reported future action of the speaker is an
                        // expressed intent (CAMEO 03x)
                        None if self.speech_blocks.contains(&h.block)
                            && t.inner_src == 'a'
                            && self.future_aux(sc, s, e.trigger - s.base) =>
                        {
                            self.tables
                                .combine("030", &e.code)
                                .unwrap_or_else(|| e.code.clone())
                        }
                        None => e.code.clone(),
                    };
                    let modality =
                        if speech && !self.cfg.petrarch && e.modality == Modality::Asserted {
                            Modality::Claimed
                        } else {
                            e.modality
                        };
                    added.push(CodedEvent {
                        source: pick(t.res_src),
                        target: pick(t.res_tgt),
                        modality,
                        code,
                        rule: format!("{} | {}", e.rule, t.text),
                        ..e.clone()
                    });
                    remove[k - sent_start] = true;
                    fired = true;
                    break;
                }
            }
            let dyadic = inner
                .iter()
                .any(|&k| out[k].source.is_some() && out[k].target.is_some());
            // the speech verb itself codes nothing when its clause has
            // events, unless it is a demand, appeal or threat of its own
            // ("demanded that Turkey withdraw": DEMAND shares a block with
            // WANT, a say verb)
            let own_demand = (*o_start..*o_end).all(|k| {
                out.get(k)
                    .is_some_and(|e| matches!(e.code.get(..2), Some("02" | "10" | "13")))
            }) && o_start < o_end;
            if !fired && speech && !informing && !self.cfg.petrarch {
                // what someone says happened, the writer does not assert
                for &k in &inner {
                    if out[k].modality == Modality::Asserted {
                        out[k].modality = Modality::Claimed;
                    }
                }
            }
            // informing someone is a consultation of its own
            if !informing && (fired || (dyadic && !own_demand)) {
                for r in remove
                    .iter_mut()
                    .take(o_end.saturating_sub(sent_start))
                    .skip(o_start.saturating_sub(sent_start))
                {
                    *r = true;
                }
            }
        }
        if remove.contains(&true) {
            let mut tail = out.split_off(sent_start.min(out.len()));
            let mut k = 0;
            tail.retain(|_| {
                let keep = !remove.get(k).copied().unwrap_or(false);
                k += 1;
                keep
            });
            out.append(&mut tail);
        }
        out.extend(added);
    }

    #[allow(clippy::too_many_arguments)]
    fn emit(
        &self,
        s: &Sent,
        sc: &Scratch,
        code: &CodePair,
        rule: &str,
        trig: usize,
        md: Modality,
        srcs: &[ActorHit],
        tgts: &[ActorHit],
        reciprocal: bool,
        out: &mut Vec<CodedEvent>,
    ) {
        let trigger_span: Span = s.tokens[trig].span;
        let mut push = |src: Option<&ActorHit>, tgt: Option<&ActorHit>, c: &str| {
            if src.is_none() && tgt.is_none() {
                return;
            }
            let mut tgt = tgt;
            if let (Some(a), Some(b)) = (src, tgt) {
                if a.code == b.code {
                    // one actor on both sides: the same mention is no event;
                    // two mentions coded alike ("the Kenyan president
                    // telephoned the Ugandan leader" with the leader
                    // mis-resolved) keep the event and its doer, and drop
                    // the target that cannot be told apart
                    if a.mention == b.mention || self.cfg.require_dyad {
                        return;
                    }
                    tgt = None;
                }
            }
            out.push(CodedEvent {
                sentence: s.index,
                source: src.cloned(),
                target: tgt.cloned(),
                code: c.to_string(),
                trigger: s.base + trig,
                trigger_span,
                modality: md,
                rule: rule.to_string(),
                confidence: if src.is_some() && tgt.is_some() {
                    0.8
                } else {
                    0.5
                },
            });
        };
        if tgts.is_empty() && srcs.len() >= 2 {
            if !reciprocal {
                return;
            }
            // compound subject with no object: reciprocal for a symmetric
            // predicate ("A and B met", "talks between A and B"); otherwise
            // each member acts on its own ("We, the governments of A, B and
            // C, recognise the threat" is no threat among A, B and C)
            let lemma = s.lemma_lc(trig);
            // ("postponed their meeting", "renewed ties": the noun decides)
            // ("seeking to deepen a partnership": the object of the verb it
            // governs)
            let is_obj = |k: usize| matches!(s.base_rel(k), "obj" | "dobj");
            let governed = sc
                .kids(trig)
                .iter()
                .filter(|&&k| s.base_rel(k) == "xcomp")
                .flat_map(|&k| sc.kids(k).iter());
            let symmetric = SYMMETRIC.contains(&lemma)
                || SYMMETRIC_NOUNS.contains(&lemma)
                || sc
                    .kids(trig)
                    .iter()
                    .chain(governed)
                    .filter(|&&k| is_obj(k))
                    .chain(&sc.pattern_nouns)
                    .any(|&k| SYMMETRIC_NOUNS.contains(&s.lemma_lc(k)))
                // ("talks between A and B resumed": the subject noun decides)
                || self
                    .subject(sc, s, trig)
                    .is_some_and(|n| SYMMETRIC_NOUNS.contains(&s.lemma_lc(n)));
            if !symmetric {
                if let Some(c) = &code.fwd {
                    for a in srcs {
                        push(Some(a), None, c);
                    }
                }
                return;
            }
            for a in srcs {
                for b in srcs {
                    if a.mention != b.mention {
                        if let Some(c) = &code.fwd {
                            push(Some(a), Some(b), c);
                        }
                    }
                }
            }
            return;
        }
        if srcs.is_empty() && tgts.is_empty() {
            return;
        }
        let ns = srcs.len().max(1);
        let nt = tgts.len().max(1);
        for i in 0..ns {
            for j in 0..nt {
                let (a, b) = (srcs.get(i), tgts.get(j));
                if let Some(c) = &code.fwd {
                    push(a, b, c);
                }
                if let Some(c) = &code.rev {
                    push(b, a, c);
                }
            }
        }
    }
}

/// Predicates that relate the members of a compound subject to each other
/// ("Iran and the West disagree").
const SYMMETRIC: &[&str] = &[
    "meet",
    "talk",
    "negotiate",
    "agree",
    "disagree",
    "differ",
    "clash",
    "fight",
    "quarrel",
    "argue",
    "cooperate",
    "collaborate",
    "reconcile",
    "spar",
    "feud",
    "confer",
    "consult",
];

/// Nouns naming an event between the members of a compound actor ("talks
/// between A and B", "A and B held a meeting").
const SYMMETRIC_NOUNS: &[&str] = &[
    "talk",
    "talks",
    "meeting",
    "negotiation",
    "negotiations",
    "agreement",
    "deal",
    "accord",
    "treaty",
    "pact",
    "summit",
    "call",
    "conversation",
    "dialogue",
    "discussion",
    "consultation",
    "clash",
    "fighting",
    "war",
    "cooperation",
    "partnership",
    "alliance",
    "relations",
    "relation",
    "ties",
    "tie",
    "exchange",
    "truce",
    "ceasefire",
    "rivalry",
    "dispute",
    "conflict",
    "contact",
    "contacts",
    "rapprochement",
];

/// Verbs of informing someone ("X informed Y of its plan"): a consultation
/// of the one informed (CAMEO 04x), not a statement about a third party.
pub(crate) fn informing_verb(lemma: &str) -> bool {
    matches!(
        lemma,
        "inform" | "notify" | "brief" | "apprise" | "update" | "advise" | "reassure" | "assure"
    )
}

/// Verbs whose subject does not perform the event named by their object:
/// "Serbia rejected an ultimatum", "Japan halted aid", "X condemned the
/// airstrikes" (the nominal trigger then needs an actor of its own).
fn countering_verb(lemma: &str) -> bool {
    matches!(
        lemma,
        "reject"
            | "refuse"
            | "deny"
            | "dismiss"
            | "oppose"
            | "condemn"
            | "denounce"
            | "criticize"
            | "criticise"
            | "protest"
            | "end"
            | "halt"
            | "stop"
            | "suspend"
            | "lift"
            | "cancel"
            | "abandon"
            | "break"
            | "violate"
            | "breach"
            | "postpone"
            | "delay"
            | "resist"
            | "repel"
            | "fear"
            | "avoid"
            | "prevent"
            | "avert"
            | "survive"
            | "escape"
            | "block"
            | "veto"
            | "ignore"
            | "defy"
            | "boycott"
            | "demand"
            | "urge"
            | "ask"
            | "request"
            | "welcome"
            | "praise"
            | "investigate"
            | "probe"
            | "blame"
            | "deplore"
            | "regret"
            | "suffer"
            | "face"
            | "report"
    )
}
