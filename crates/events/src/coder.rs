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
            self.buf.extend(form.chars().map(|c| c.to_ascii_lowercase()));
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
                mention: mention_of.get(s.base + k).copied().flatten(),
            });
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
        let mut fill: Vec<usize> = self.child_start[..n].to_vec();
        for (i, t) in self.toks.iter().enumerate() {
            if t.head < n {
                self.children[fill[t.head]] = i;
                fill[t.head] += 1;
            }
        }
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

fn is_subj(rel: &str) -> bool {
    rel.starts_with("nsubj") || rel.starts_with("csubj")
}

/// The coder state shared by all sentences.
pub(crate) struct Coder<'a> {
    pub dict: &'a VerbDict,
    pub tables: &'a Tables,
    pub nominals: &'a Nominals,
    pub cfg: &'a Config,
    pub refuse_block: Option<u32>,
    pub say_blocks: Vec<u32>,
}

/// One verb found in the sentence, with its coding before combination.
#[derive(Debug, Clone)]
struct VerbHit {
    tok: usize,
    block: u32,
    code: CodePair,
    rule: String,
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
}

impl<'a> Coder<'a> {
    fn entry_for<'d>(
        &'d self,
        sc: &Scratch,
        s: &Sent,
        i: usize,
    ) -> Option<(&'d VerbEntry, u32)> {
        let t = sc.toks[i];
        let mut best: Option<(&VerbEntry, u32)> = None;
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
                            && (s.rel(c) == "compound:prt" || s.upos(c) == "ADP" || s.upos(c) == "ADV" || s.upos(c) == "PART")
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
                    if !j.is_some_and(|j| sc.toks[j].form == Some(p) || sc.toks[j].lemma == Some(p)) {
                        ok = false;
                        break;
                    }
                }
                if !ok {
                    continue;
                }
                let score = (e.after.len() + e.before.len()) as u32 + 1;
                if best.is_none_or(|(_, b)| score > b) {
                    best = Some((e, score));
                }
            }
            if best.is_some() {
                break;
            }
        }
        best
    }

    /// Collects the tokens of `i`'s subtree, excluding clausal dependents and
    /// subtrees in `skip`, into `out` (text order).
    fn phrase(&self, sc: &Scratch, s: &Sent, root: usize, out: &mut Vec<usize>, stack: &mut Vec<usize>, skip_subj: bool) {
        out.clear();
        stack.clear();
        stack.push(root);
        while let Some(x) = stack.pop() {
            out.push(x);
            for &c in sc.kids(x) {
                let r = s.rel(c);
                if x == root && (is_clausal(r) || (skip_subj && is_subj(r))) {
                    continue;
                }
                if x == root && r == "conj" && matches!(s.upos(c), "VERB" | "AUX") {
                    continue;
                }
                if x == root && r == "cc" {
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
    fn elem_at(&self, sc: &Scratch, s: &Sent, e: &Elem, seq: &[usize], pos: usize, b: &mut Bind) -> Option<usize> {
        let t = *seq.get(pos)?;
        match e {
            Elem::Word(ids) => self.word_at(sc, ids, t).then_some(pos + 1),
            Elem::Syn(k) => {
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
                for (k, part) in parts.iter().enumerate() {
                    if k > 0 {
                        // modifiers may sit between the words of a phrase
                        while let Some(&x) = seq.get(p) {
                            if matches!(s.upos(x), "ADJ" | "ADV" | "DET" | "NUM") && self.elem_at(sc, s, part, seq, p, &mut b.clone()).is_none() {
                                p += 1;
                            } else {
                                break;
                            }
                        }
                    }
                    p = self.elem_at(sc, s, part, seq, p, b)?;
                }
                Some(p)
            }
            Elem::Prep(parts) => {
                let (first, rest) = parts.split_first()?;
                let p = self.elem_at(sc, s, first, seq, pos, b)?;
                self.seq_from(sc, s, rest, seq, p, b)
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
    fn seq_from(&self, sc: &Scratch, s: &Sent, elems: &[Elem], seq: &[usize], pos: usize, b: &mut Bind) -> Option<usize> {
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
                if s.rel(cur) == "acl:relcl" && s.upos(c) == "PRON" && sc.toks[c].mention.is_none() {
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
                "xcomp" | "conj" => cur = h,
                "acl" if s.rel(cur) == "acl" => return Some(h),
                "advcl" if sc.kids(cur).iter().any(|&c| s.rel(c) == "mark" && s.lemma_lc(c) == "to") => cur = h,
                _ => return None,
            }
        }
        None
    }

    fn is_passive(&self, sc: &Scratch, s: &Sent, v: usize) -> bool {
        sc.kids(v)
            .iter()
            .any(|&c| s.rel(c).ends_with(":pass") || s.rel(c) == "nsubjpass" || s.rel(c) == "auxpass")
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
        let mut ranked: Vec<(u8, usize)> = Vec::new();
        for &c in sc.kids(v) {
            let r = s.rel(c);
            let br = s.base_rel(c);
            let rank = match br {
                "obj" | "dobj" => 0,
                "iobj" => 1,
                "obl" | "nmod" if !r.ends_with("tmod") && !r.ends_with("npmod") && r != "obl:agent" => {
                    match self.case_of(sc, s, c) {
                        Some("by") if passive => continue,
                        Some("with" | "against" | "to" | "on" | "toward" | "towards" | "into" | "at" | "over" | "upon" | "for" | "from" | "between" | "about" | "of") => 2,
                        Some("in" | "during" | "within" | "near" | "inside") => 4,
                        Some(_) => 3,
                        None => 3,
                    }
                }
                "xcomp" if matches!(s.upos(c), "NOUN" | "PROPN") => 3,
                _ => continue,
            };
            ranked.push((rank, c));
        }
        ranked.sort();
        out.extend(ranked.into_iter().map(|(_, c)| c));
    }

    fn agent_node(&self, sc: &Scratch, s: &Sent, v: usize) -> Option<usize> {
        sc.kids(v).iter().copied().find(|&c| {
            s.rel(c) == "obl:agent"
                || s.rel(c) == "nmod:agent"
                || (matches!(s.base_rel(c), "obl" | "nmod") && self.case_of(sc, s, c) == Some("by"))
        })
    }

    /// Actors of the noun phrase headed by `n` (several for compounds).
    pub(crate) fn actors(&self, sc: &Scratch, s: &Sent, n: usize, out: &mut Vec<ActorHit>) {
        out.clear();
        self.actor_walk(sc, s, n, out, 0);
        // conjuncts: "Arnor, Osgiliath and Gondor"
        let mut i = 0;
        let mut conj_stack: Vec<usize> = sc.kids(n).iter().copied().filter(|&c| s.rel(c) == "conj").collect();
        while let Some(c) = conj_stack.pop() {
            let before = out.len();
            self.actor_walk(sc, s, c, out, 0);
            let _ = before;
            conj_stack.extend(sc.kids(c).iter().copied().filter(|&k| s.rel(k) == "conj"));
            i += 1;
            if i > 20 {
                break;
            }
        }
        out.sort_by_key(|a| a.token);
        out.dedup_by_key(|a| a.mention);
    }

    fn actor_walk(&self, sc: &Scratch, s: &Sent, n: usize, out: &mut Vec<ActorHit>, depth: u32) {
        if let Some(m) = sc.toks[n].mention {
            // an agent-only mention ("the ambassadors") takes its country
            // from an "of" dependent ("of Arnor, Osgiliath and Gondor")
            let agent_only = s.doc.mentions[m as usize]
                .code
                .as_ref()
                .is_some_and(|c| c.as_str().starts_with("---"));
            if agent_only && depth == 0 {
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
                            a.code.push_str(&agent);
                        }
                        a.token = n;
                        out.push(a);
                    }
                    return;
                }
            }
            out.push(self.hit(s, m, n));
            return;
        }
        if depth >= 3 {
            return;
        }
        // breadth first over modifiers, skipping clauses and conjuncts
        for &c in sc.kids(n) {
            let r = s.rel(c);
            if is_clausal(r) || r == "conj" || r == "cc" || r.starts_with("acl") || r == "appos" {
                continue;
            }
            if let Some(m) = sc.toks[c].mention {
                out.push(self.hit(s, m, c));
                return;
            }
        }
        for &c in sc.kids(n) {
            let r = s.rel(c);
            if is_clausal(r) || r == "conj" || r == "cc" || r.starts_with("acl") || r == "appos" {
                continue;
            }
            let before = out.len();
            self.actor_walk(sc, s, c, out, depth + 1);
            if out.len() > before {
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
            if !matches!(s.upos(v), "VERB" | "AUX" | "NOUN" | "ADJ") {
                continue;
            }
            if matches!(s.upos(v), "NOUN" | "ADJ") && !(s.upos(v) == "ADJ" && s.base_rel(v) == "root") {
                // nouns are handled as nominal triggers below
                if s.upos(v) == "NOUN" {
                    continue;
                }
            }
            let Some((entry, _)) = self.entry_for(sc, s, v) else {
                continue;
            };
            if s.upos(v) == "AUX" && entry.block != u32::MAX && !sc.kids(v).iter().any(|&c| matches!(s.base_rel(c), "obj" | "nsubj")) {
                continue;
            }
            let block = &self.dict.blocks[entry.block as usize];
            // phrase tokens after and before the verb
            self.phrase(sc, s, v, &mut post, &mut stack, true);
            post.retain(|&t| t > v);
            pre.clear();
            if let Some(subj) = self.subject(sc, s, v) {
                let mut tmp = Vec::new();
                self.phrase(sc, s, subj, &mut tmp, &mut stack, false);
                pre.extend(tmp);
            }
            for &c in sc.kids(v) {
                if c < v && !is_subj(s.rel(c)) {
                    pre.push(c);
                }
            }
            pre.sort_unstable();
            pre.dedup();
            let mut best: Option<(usize, Bind)> = None;
            for (pi, p) in block.patterns.iter().enumerate() {
                if let Some((_, b)) = &best {
                    if p.weight < b.score {
                        continue;
                    }
                }
                let mut b = Bind::default();
                if self.seq_from(sc, s, &p.post, &post, 0, &mut b).is_none() {
                    continue;
                }
                if self.seq_from(sc, s, &p.pre, &pre, 0, &mut b).is_none() {
                    continue;
                }
                b.score = p.weight;
                if best.as_ref().is_none_or(|(_, bb)| b.score > bb.score) {
                    best = Some((pi, b));
                }
            }
            let hit = match best {
                Some((pi, b)) => {
                    let p = &block.patterns[pi];
                    let consumed = post
                        .iter()
                        .copied()
                        .filter(|&t| matches!(s.upos(t), "NOUN"))
                        .take(2)
                        .collect();
                    VerbHit {
                        tok: v,
                        block: entry.block,
                        code: p.code.clone(),
                        rule: format!("{}: {}", block.name, p.text),
                        by_pattern: true,
                        src_tok: b.src,
                        tgt_tok: b.tgt,
                        consumed,
                    }
                }
                None => VerbHit {
                    tok: v,
                    block: entry.block,
                    code: entry.code.clone().unwrap_or_else(|| block.code.clone()),
                    rule: format!("{}: {}", block.name, entry.text),
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
        let mut overrides: Vec<Option<(String, String, usize)>> = vec![None; hits.len()];
        for (hi, h) in hits.iter().enumerate() {
            if h.by_pattern && !h.code.is_null() {
                // a pattern that used the governed verb's words codes the pair
                for (hj, h2) in hits.iter().enumerate() {
                    if hj != hi && sc.toks[h2.tok].head == h.tok && s.base_rel(h2.tok) == "xcomp" && h.rule.contains(&*s.lemma_lc(h2.tok).to_ascii_uppercase()) {
                        suppressed[hj] = true;
                    }
                }
                continue;
            }
            let Some(hj) = hits.iter().position(|h2| {
                sc.toks[h2.tok].head == h.tok
                    && (s.base_rel(h2.tok) == "xcomp"
                        || (s.base_rel(h2.tok) == "ccomp" && Some(h.block) == self.refuse_block))
            }) else {
                continue;
            };
            let inner = &hits[hj];
            let Some(inner_code) = inner.code.fwd.clone() else {
                continue;
            };
            if Some(h.block) == self.refuse_block {
                let code = self.tables.refuse(&inner_code).unwrap_or_else(|| "120".into());
                overrides[hj] = Some((code, format!("{} + {}", h.rule, inner.rule), h.tok));
                suppressed[hi] = true;
            } else if let Some(outer_code) = h.code.fwd.clone() {
                if let Some(c) = self.tables.combine(&outer_code, &inner_code) {
                    overrides[hj] = Some((c, format!("{} + {}", h.rule, inner.rule), h.tok));
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
        for (hi, h) in hits.iter().enumerate() {
            if suppressed[hi] {
                continue;
            }
            let (code, rule, trig) = match &overrides[hi] {
                Some((c, r, outer)) => (
                    CodePair {
                        fwd: Some(c.clone()),
                        rev: None,
                    },
                    r.clone(),
                    *outer,
                ),
                None => (h.code.clone(), h.rule.clone(), h.tok),
            };
            if code.is_null() {
                continue;
            }
            consumed_nouns.extend(h.consumed.iter().copied());
            let v = h.tok;
            let passive = self.is_passive(sc, s, v);
            // source
            srcs.clear();
            tgts.clear();
            if let Some(t) = h.src_tok {
                srcs.push(self.hit(s, sc.toks[t].mention.unwrap_or(0), t));
            } else {
                let node = if passive { self.agent_node(sc, s, v) } else { self.subject(sc, s, v) };
                if let Some(node) = node {
                    self.actors(sc, s, node, &mut srcs);
                }
            }
            if let Some(t) = h.tgt_tok {
                tgts.push(self.hit(s, sc.toks[t].mention.unwrap_or(0), t));
            } else {
                if passive {
                    if let Some(subj) = self.subject(sc, s, v) {
                        self.actors(sc, s, subj, &mut tgts);
                    }
                }
                if tgts.is_empty() {
                    // the governing verb's object for "urged Bree to help"
                    let mut cands = Vec::new();
                    self.target_nodes(sc, s, v, passive, &mut nodes);
                    cands.extend(nodes.iter().copied());
                    if trig != v {
                        self.target_nodes(sc, s, trig, false, &mut nodes);
                        cands.extend(nodes.iter().copied());
                    }
                    for c in cands {
                        self.actors(sc, s, c, &mut tgts);
                        tgts.retain(|t| !srcs.iter().any(|x| x.mention == t.mention));
                        if !tgts.is_empty() {
                            break;
                        }
                    }
                }
            }
            let md = modality::of_verb(self, sc, s, trig.min(v).max(0), v, trig);
            self.emit(s, sc, &code, &rule, v, md, &srcs, &tgts, out);
        }

        // Nominal triggers: "US airstrikes on ISIS", "talks between A and B".
        for t in 0..n {
            if s.upos(t) != "NOUN" || consumed_nouns.contains(&t) {
                continue;
            }
            let lemma = s.lemma_lc(t);
            let Some(list) = self.nominals.get_str(lemma).or_else(|| {
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
                    Some("of") if srcs.is_empty() && nom.of_is_source => self.actors(sc, s, c, &mut srcs),
                    Some("on" | "against" | "with" | "to" | "at" | "toward" | "towards" | "of" | "over") if tgts.is_empty() => {
                        self.actors(sc, s, c, &mut tgts)
                    }
                    _ => {}
                }
            }
            let h = sc.toks[t].head;
            if srcs.is_empty() && h < n && matches!(s.base_rel(t), "obj" | "dobj" | "nsubj") {
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
            self.emit(s, sc, &nom.code, &rule, t, md, &srcs, &tgts, out);
        }
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
        out: &mut Vec<CodedEvent>,
    ) {
        let _ = sc;
        let trigger_span: Span = s.tokens[trig].span;
        let mut push = |src: Option<&ActorHit>, tgt: Option<&ActorHit>, c: &str| {
            if self.cfg.require_dyad && (src.is_none() || tgt.is_none()) {
                return;
            }
            if src.is_none() && tgt.is_none() {
                return;
            }
            if let (Some(a), Some(b)) = (src, tgt) {
                if a.code == b.code {
                    return;
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
                confidence: if src.is_some() && tgt.is_some() { 0.8 } else { 0.5 },
            });
        };
        if tgts.is_empty() && srcs.len() >= 2 {
            // compound subject with no object: reciprocal ("A and B met")
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
        let none: [Option<&ActorHit>; 1] = [None];
        let src_iter: Vec<Option<&ActorHit>> = if srcs.is_empty() { none.to_vec() } else { srcs.iter().map(Some).collect() };
        let tgt_iter: Vec<Option<&ActorHit>> = if tgts.is_empty() { none.to_vec() } else { tgts.iter().map(Some).collect() };
        for a in &src_iter {
            for b in &tgt_iter {
                if let Some(c) = &code.fwd {
                    push(*a, *b, c);
                }
                if let Some(c) = &code.rev {
                    push(*b, *a, c);
                }
            }
        }
    }
}
