//! Reader for PETRARCH-2 verb dictionaries (`CAMEO.2.0.txt` format).
//!
//! Words are interned as lower-case ids so that matching a sentence never
//! allocates: the coder looks up each token's form and lemma once and then
//! compares integers.

use std::collections::HashMap;

use crate::EventsError;

/// FNV-1a: the word table is hit twice per token, and SipHash's DoS
/// resistance buys nothing for a fixed dictionary.
#[derive(Default, Clone, Copy)]
pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvBuild = std::hash::BuildHasherDefault<Fnv>;

/// Interned word id.
pub type WordId = u32;

/// A pair of codes from `[a:b]`: `a` for source→target, `b` for the reverse.
/// `None` on both sides is `[---]` (the verb codes nothing by itself).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CodePair {
    /// Source → target code.
    pub fwd: Option<String>,
    /// Target → source code.
    pub rev: Option<String>,
}

impl CodePair {
    /// True when the pair codes nothing.
    pub fn is_null(&self) -> bool {
        self.fwd.is_none() && self.rev.is_none()
    }

    /// Parses `[a:b]`, `[a]`, `[:b]`, `[---]`.
    pub fn parse(s: &str) -> CodePair {
        let s = s
            .trim()
            .trim_start_matches('[')
            .trim_end_matches(']')
            .trim();
        let one = |x: &str| {
            let x = x.trim();
            if x.is_empty() || x.starts_with("--") {
                None
            } else {
                Some(x.to_string())
            }
        };
        match s.split_once(':') {
            Some((a, b)) => CodePair {
                fwd: one(a),
                rev: one(b),
            },
            None => CodePair {
                fwd: one(s),
                rev: None,
            },
        }
    }
}

/// Parses a bracketed code pair.
pub fn parse_code(s: &str) -> CodePair {
    CodePair::parse(s)
}

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq)]
pub enum Elem {
    /// A word, with its generated plural forms.
    Word(Vec<WordId>),
    /// A multi-word noun phrase `{A B C}`: consecutive words (modifiers may
    /// intervene).
    Phrase(Vec<Elem>),
    /// A synonym set `&NAME`.
    Syn(u32),
    /// A prepositional phrase `(PREP ...)`: the preposition then its objects.
    Prep(Vec<Elem>),
    /// `$`: the source actor sits here.
    Source,
    /// `+`: the target actor sits here.
    Target,
    /// `^`: skip one noun phrase (an actor that is neither source nor target).
    Skip,
}

impl Elem {
    /// How much a match of this element counts when choosing between patterns.
    pub fn weight(&self) -> u32 {
        match self {
            Elem::Word(_) | Elem::Syn(_) => 2,
            Elem::Phrase(v) | Elem::Prep(v) => v.iter().map(Elem::weight).sum::<u32>() + 1,
            Elem::Source | Elem::Target | Elem::Skip => 1,
        }
    }
}

/// A verb pattern: elements before and after the verb, and its code.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    pub pre: Vec<Elem>,
    pub post: Vec<Elem>,
    pub code: CodePair,
    /// The pattern line as written (provenance).
    pub text: String,
    pub weight: u32,
    /// Words the pattern cannot match without (alternatives per word): a
    /// cheap filter before matching.
    pub need: Vec<Vec<WordId>>,
    /// Only words, synsets and multi-word phrases: no actor slot, skip or
    /// prepositional phrase.
    pub words_only: bool,
    /// The words the pattern spells out (not through synsets).
    pub words: Vec<WordId>,
}

fn spelled(elems: &[Elem], out: &mut Vec<WordId>) {
    for e in elems {
        match e {
            Elem::Word(ids) => out.extend_from_slice(ids),
            Elem::Phrase(v) | Elem::Prep(v) => spelled(v, out),
            _ => {}
        }
    }
}

fn words_only(elems: &[Elem]) -> bool {
    elems.iter().all(|e| match e {
        Elem::Word(_) | Elem::Syn(_) => true,
        Elem::Phrase(v) => words_only(v),
        _ => false,
    })
}

fn needed(elems: &[Elem], syn_first: &[Option<Vec<WordId>>], out: &mut Vec<Vec<WordId>>) {
    for e in elems {
        match e {
            Elem::Word(ids) => out.push(ids.clone()),
            Elem::Phrase(v) | Elem::Prep(v) => needed(v, syn_first, out),
            Elem::Syn(k) => {
                if let Some(Some(f)) = syn_first.get(*k as usize) {
                    out.push(f.clone());
                }
            }
            _ => {}
        }
    }
}

/// Words an element can start with (`None`: any token).
fn first_words(e: &Elem, synsets: &[Vec<Elem>], depth: u32) -> Option<Vec<WordId>> {
    if depth > 8 {
        return None;
    }
    match e {
        Elem::Word(ids) => Some(ids.clone()),
        Elem::Phrase(v) | Elem::Prep(v) => {
            v.first().and_then(|f| first_words(f, synsets, depth + 1))
        }
        Elem::Syn(k) => {
            let mut out = Vec::new();
            for m in synsets.get(*k as usize)? {
                out.extend(first_words(m, synsets, depth + 1)?);
            }
            out.sort_unstable();
            out.dedup();
            Some(out)
        }
        _ => None,
    }
}

/// A verb block `--- NAME [code] ---` with its patterns.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub name: String,
    pub code: CodePair,
    pub patterns: Vec<Pattern>,
}

/// A verb (or multi-word verb) belonging to a block.
#[derive(Debug, Clone, PartialEq)]
pub struct VerbEntry {
    pub block: u32,
    /// The verb's own code when it differs from the block's.
    pub code: Option<CodePair>,
    /// Words that must precede the verb (`WIRE_+TAP`).
    pub before: Vec<WordId>,
    /// Particles that must follow it (`+CORDON_OFF`).
    pub after: Vec<WordId>,
    /// Upper-case spelling as in the file (provenance).
    pub text: String,
}

/// A transformation `~ a (b c VERB) OUTER = x y CODE`.
#[derive(Debug, Clone, PartialEq)]
pub struct Transform {
    /// Outer source variable.
    pub outer_src: char,
    /// Inner source and target variables (`.` unspecified, `_` absent).
    pub inner_src: char,
    pub inner_tgt: char,
    /// Inner verb block (`None` = `Q`, any verb).
    pub inner_block: Option<u32>,
    pub outer_block: Option<u32>,
    pub res_src: char,
    pub res_tgt: char,
    /// Result code; `None` = keep the inner code (`Q`).
    pub res_code: Option<String>,
    pub text: String,
}

/// A parsed verb dictionary.
#[derive(Debug, Clone, Default)]
pub struct VerbDict {
    words: HashMap<String, WordId, FnvBuild>,
    pub synsets: Vec<Vec<Elem>>,
    synset_names: HashMap<String, u32>,
    pub blocks: Vec<Block>,
    /// Verb form id → entries.
    pub verbs: HashMap<WordId, Vec<VerbEntry>, FnvBuild>,
    pub transforms: Vec<Transform>,
    /// Sorted words each synset's members can start with (`None`: any).
    pub syn_first: Vec<Option<Vec<WordId>>>,
}

/// Deepest `{...}`/`(...)` nesting read in a pattern.
const MAX_GROUP_DEPTH: usize = 16;

fn strip_comment(line: &str) -> &str {
    let line = match line.find('#') {
        Some(i) => &line[..i],
        None => line,
    };
    line.trim()
}

/// Regular plural forms of a noun (upper case in, upper case out).
fn plurals(w: &str) -> Vec<String> {
    let mut out = Vec::with_capacity(2);
    if w.ends_with('Y') && !w.ends_with("AY") && !w.ends_with("EY") && !w.ends_with("OY") {
        out.push(format!("{}IES", &w[..w.len() - 1]));
    } else if w.ends_with("SS")
        || w.ends_with("SH")
        || w.ends_with("CH")
        || w.ends_with('X')
        || w.ends_with('S')
    {
        out.push(format!("{w}ES"));
    } else {
        out.push(format!("{w}S"));
    }
    out
}

/// Regular verb forms: 3sg, past, gerund.
fn verb_forms(w: &str) -> Vec<String> {
    let mut out = Vec::with_capacity(4);
    let b = w.as_bytes();
    let last = b.last().copied().unwrap_or(b'A');
    let vowel = |c: u8| matches!(c, b'A' | b'E' | b'I' | b'O' | b'U');
    if last == b'Y' && b.len() > 1 && !vowel(b[b.len() - 2]) {
        let stem = &w[..w.len() - 1];
        out.push(format!("{stem}IES"));
        out.push(format!("{stem}IED"));
        out.push(format!("{w}ING"));
    } else if last == b'E' {
        out.push(format!("{w}S"));
        out.push(format!("{w}D"));
        out.push(format!("{}ING", &w[..w.len() - 1]));
    } else {
        if w.ends_with("SS") || w.ends_with("SH") || w.ends_with("CH") || last == b'X' {
            out.push(format!("{w}ES"));
        } else {
            out.push(format!("{w}S"));
        }
        out.push(format!("{w}ED"));
        out.push(format!("{w}ING"));
        // Doubled final consonant (stop → stopped) for short CVC words.
        if b.len() >= 3
            && !vowel(last)
            && !matches!(last, b'W' | b'X' | b'Y')
            && vowel(b[b.len() - 2])
            && !vowel(b[b.len() - 3])
        {
            out.push(format!("{w}{}ED", last as char));
            out.push(format!("{w}{}ING", last as char));
        }
    }
    out
}

impl VerbDict {
    /// The id of a lower-case word, if the dictionary mentions it.
    #[inline]
    pub fn word(&self, lower: &str) -> Option<WordId> {
        self.words.get(lower).copied()
    }

    /// Number of interned words (ids are `0..vocab_len()`).
    pub fn vocab_len(&self) -> usize {
        self.words.len()
    }

    fn intern(&mut self, upper: &str) -> WordId {
        let lower = upper.to_lowercase();
        let n = self.words.len() as WordId;
        *self.words.entry(lower).or_insert(n)
    }

    /// The id of a block by name.
    pub fn block_by_name(&self, name: &str) -> Option<u32> {
        self.blocks
            .iter()
            .position(|b| b.name == name)
            .map(|i| i as u32)
    }

    /// The block of the first entry for a verb word (upper case).
    pub fn block_of_verb(&self, upper: &str) -> Option<u32> {
        let id = self.word(&upper.to_lowercase())?;
        self.verbs.get(&id)?.first().map(|e| e.block)
    }

    /// Word alternatives: the word plus its regular plural unless it ends in `_`.
    fn word_elem(&mut self, w: &str) -> Elem {
        let no_plural = w.ends_with('_');
        let w = w.trim_end_matches('_');
        let mut ids = vec![self.intern(w)];
        if !no_plural && w.chars().all(|c| c.is_ascii_alphabetic()) {
            for p in plurals(w) {
                ids.push(self.intern(&p));
            }
        }
        Elem::Word(ids)
    }

    /// Parses one element token (already split), e.g. `&SYN`, `$`, `WORD`, `A_B`.
    fn atom(&mut self, tok: &str) -> Option<Elem> {
        match tok {
            "$" => Some(Elem::Source),
            "+" => Some(Elem::Target),
            "^" => Some(Elem::Skip),
            "*" | "%" | "" => None,
            t if t.starts_with('&') => {
                let name = t.trim_end_matches('_');
                let idx = self.synset_id(name);
                Some(Elem::Syn(idx))
            }
            t if t.contains('_') && t.trim_matches('_').contains('_') => {
                let parts: Vec<&str> = t.split('_').filter(|p| !p.is_empty()).collect();
                let n = parts.len();
                let elems = parts
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        if i + 1 == n && !t.ends_with('_') {
                            self.word_elem(p)
                        } else {
                            let s = format!("{p}_");
                            self.word_elem(&s)
                        }
                    })
                    .collect();
                Some(Elem::Phrase(elems))
            }
            t => Some(self.word_elem(t)),
        }
    }

    fn synset_id(&mut self, name: &str) -> u32 {
        let key = name.trim_end_matches('_').to_string();
        if let Some(&i) = self.synset_names.get(&key) {
            return i;
        }
        let i = self.synsets.len() as u32;
        self.synsets.push(Vec::new());
        self.synset_names.insert(key, i);
        i
    }

    /// Parses a sequence of pattern tokens with `{...}` and `(...)` groups.
    fn elems(&mut self, s: &str) -> Vec<Elem> {
        self.elems_at(s, 0)
    }

    /// [`Self::elems`] inside `depth` groups. Groups nested deeper than
    /// [`MAX_GROUP_DEPTH`] are dropped: real patterns nest two or three
    /// levels, and an unbounded depth overflowed the stack (found by the
    /// `petrarch` fuzz target).
    fn elems_at(&mut self, s: &str, depth: usize) -> Vec<Elem> {
        let mut out = Vec::new();
        let mut chars = s.char_indices().peekable();
        let bytes = s;
        while let Some(&(i, c)) = chars.peek() {
            if c.is_whitespace() {
                chars.next();
                continue;
            }
            if c == '{' || c == '(' {
                let close = if c == '{' { '}' } else { ')' };
                let end = bytes[i + 1..]
                    .find(close)
                    .map(|k| i + 1 + k)
                    .unwrap_or(bytes.len());
                let inner = &bytes[i + 1..end];
                let sub = if depth < MAX_GROUP_DEPTH {
                    self.elems_at(inner, depth + 1)
                } else {
                    Vec::new()
                };
                if !sub.is_empty() {
                    out.push(if c == '{' {
                        Elem::Phrase(sub)
                    } else {
                        Elem::Prep(sub)
                    });
                }
                while let Some(&(j, _)) = chars.peek() {
                    if j > end {
                        break;
                    }
                    chars.next();
                }
                continue;
            }
            let end = bytes[i..]
                .find(|ch: char| ch.is_whitespace() || ch == '{' || ch == '(')
                .map(|k| i + k)
                .unwrap_or(bytes.len());
            let tok = &bytes[i..end];
            if let Some(e) = self.atom(tok) {
                out.push(e);
            }
            while let Some(&(j, _)) = chars.peek() {
                if j >= end {
                    break;
                }
                chars.next();
            }
        }
        out
    }

    /// Reads a PETRARCH-2 verb dictionary.
    pub fn parse(text: &str) -> Result<VerbDict, EventsError> {
        let mut d = VerbDict::default();
        let mut cur_syn: Option<u32> = None;
        let mut cur_block: Option<u32> = None;
        let mut pending_transforms: Vec<&str> = Vec::new();
        let mut in_xml_comment = false;
        for raw in text.lines() {
            let raw = raw.trim_end_matches('\r');
            let t = raw.trim();
            if in_xml_comment {
                if t.contains("-->") {
                    in_xml_comment = false;
                }
                continue;
            }
            if t.starts_with("<!--") {
                if !t.contains("-->") {
                    in_xml_comment = true;
                }
                continue;
            }
            if t.starts_with('~') {
                pending_transforms.push(t);
                continue;
            }
            let line = strip_comment(t);
            if line.is_empty() {
                continue;
            }
            if line.starts_with("---") && line.ends_with("---") && line.len() > 6 {
                let inner = line.trim_matches('-').trim();
                let (name, code) = match inner.find('[') {
                    Some(i) => (inner[..i].trim(), CodePair::parse(&inner[i..])),
                    None => (inner, CodePair::default()),
                };
                // a repeated header adds to the existing block (extensions)
                let idx = match d.blocks.iter().position(|b| b.name == name) {
                    Some(i) => i as u32,
                    None => {
                        d.blocks.push(Block {
                            name: name.to_string(),
                            code,
                            patterns: Vec::new(),
                        });
                        (d.blocks.len() - 1) as u32
                    }
                };
                cur_block = Some(idx);
                cur_syn = None;
                continue;
            }
            if let Some(name) = line.strip_prefix('&') {
                let _ = name;
                let idx = d.synset_id(line.split_whitespace().next().unwrap_or(line));
                cur_syn = Some(idx);
                cur_block = None;
                continue;
            }
            if let Some(syn) = cur_syn {
                if let Some(member) = line.strip_prefix('+') {
                    let member = member.trim();
                    let elems = d.elems(member);
                    let e = if elems.len() == 1 {
                        elems.into_iter().next()
                    } else if elems.is_empty() {
                        None
                    } else {
                        Some(Elem::Phrase(elems))
                    };
                    if let Some(e) = e {
                        d.synsets[syn as usize].push(e);
                    }
                }
                continue;
            }
            let Some(block) = cur_block else { continue };
            if line.starts_with('-') || line.starts_with('*') {
                let body = line.trim_start_matches('-').trim();
                let (body, code) = match body.rfind('[') {
                    Some(i) => (body[..i].trim(), Some(CodePair::parse(&body[i..]))),
                    None => (body, None),
                };
                let Some(code) = code else { continue };
                let (pre, post) = match body.find('*') {
                    Some(i) => (&body[..i], &body[i + 1..]),
                    None => ("", body),
                };
                let pre = d.elems(pre);
                let post = d.elems(post);
                let weight = pre.iter().chain(post.iter()).map(Elem::weight).sum();
                let need = Vec::new();
                let text = t.split('#').next().unwrap_or(t).trim().to_string();
                let pats = &mut d.blocks[block as usize].patterns;
                // PETRARCH-2 stores a block's patterns in a trie keyed by
                // their words, so a repeated pattern replaces the earlier
                // one: the last code listed wins.
                if let Some(p) = pats.iter_mut().find(|p| p.pre == pre && p.post == post) {
                    p.code = code;
                    p.text = text;
                    continue;
                }
                let words_only = words_only(&pre) && words_only(&post);
                let mut words = Vec::new();
                spelled(&pre, &mut words);
                spelled(&post, &mut words);
                pats.push(Pattern {
                    words_only,
                    words,
                    pre,
                    post,
                    code,
                    text,
                    weight,
                    need,
                });
                continue;
            }
            // A verb line: `WORD {IRREG} [code]` or `+MULTI_WORD {...} [code]`.
            d.read_verb_line(line, block);
        }
        for t in pending_transforms {
            if let Some(tr) = d.read_transform(t) {
                d.transforms.push(tr);
            }
        }
        // Pre-filters: first words of synsets, words each pattern needs.
        d.syn_first = (0..d.synsets.len())
            .map(|k| first_words(&Elem::Syn(k as u32), &d.synsets, 0))
            .collect();
        for b in &mut d.blocks {
            for p in &mut b.patterns {
                let mut need = Vec::new();
                needed(&p.pre, &d.syn_first, &mut need);
                needed(&p.post, &d.syn_first, &mut need);
                p.need = need;
            }
        }
        if d.blocks.is_empty() {
            return Err(EventsError::Dictionary(
                "no verb blocks (`--- NAME [code] ---`) found".into(),
            ));
        }
        Ok(d)
    }

    fn read_verb_line(&mut self, line: &str, block: u32) {
        let (line, code) = match line.rfind('[') {
            Some(i) if line[i..].contains(']') => {
                (line[..i].trim(), Some(CodePair::parse(&line[i..])))
            }
            _ => (line, None),
        };
        let (main, irregular) = match line.find('{') {
            Some(i) => {
                let end = line.find('}').unwrap_or(line.len());
                (line[..i].trim(), line.get(i + 1..end).unwrap_or(""))
            }
            None => (line.trim(), ""),
        };
        let main = main.split_whitespace().next().unwrap_or("");
        if main.is_empty() {
            return;
        }
        let parse_multi = |w: &str| -> (Vec<String>, String, Vec<String>) {
            let parts: Vec<&str> = w.split('_').filter(|p| !p.is_empty()).collect();
            let vi = parts.iter().position(|p| p.starts_with('+')).unwrap_or(0);
            let before = parts[..vi].iter().map(|s| s.to_string()).collect();
            let verb = parts
                .get(vi)
                .map(|s| s.trim_start_matches('+').to_string())
                .unwrap_or_default();
            let after = parts
                .get(vi + 1..)
                .unwrap_or(&[])
                .iter()
                .map(|s| s.to_string())
                .collect();
            (before, verb, after)
        };
        let (before, verb, after) = parse_multi(main);
        if verb.is_empty() {
            return;
        }
        let before_ids: Vec<WordId> = before.iter().map(|w| self.intern(w)).collect();
        let after_ids: Vec<WordId> = after.iter().map(|w| self.intern(w)).collect();
        let mut forms = vec![verb.clone()];
        forms.extend(verb_forms(&verb));
        for f in irregular.split_whitespace() {
            let (_, v, _) = parse_multi(f);
            if !v.is_empty() {
                forms.push(v);
            }
        }
        let entry = VerbEntry {
            block,
            code,
            before: before_ids,
            after: after_ids,
            text: main.to_string(),
        };
        forms.sort();
        forms.dedup();
        for f in forms {
            let id = self.intern(&f);
            let list = self.verbs.entry(id).or_default();
            if !list.iter().any(|e| e == &entry) {
                list.push(entry.clone());
            }
        }
    }

    /// `~ a (a b ATTACK) SAY = a b 015`
    fn read_transform(&mut self, line: &str) -> Option<Transform> {
        let body = strip_comment(line.trim_start_matches('~'));
        let (lhs, rhs) = body.split_once('=')?;
        let open = lhs.find('(')?;
        // The `)` after the `(` (found by the `petrarch` fuzz target: one
        // before it sliced backwards).
        let close = open + lhs[open..].find(')')?;
        let outer_src = lhs[..open].trim().chars().next()?;
        let inner: Vec<&str> = lhs[open + 1..close].split_whitespace().collect();
        let outer_verb = lhs[close + 1..].trim();
        if inner.len() < 3 {
            return None;
        }
        let res: Vec<&str> = rhs.split_whitespace().collect();
        if res.len() < 3 {
            return None;
        }
        let ch = |s: &str| s.chars().next().unwrap_or('.');
        let inner_block = if inner[2] == "Q" {
            None
        } else {
            Some(self.block_of_verb(inner[2])?)
        };
        Some(Transform {
            outer_src,
            inner_src: ch(inner[0]),
            inner_tgt: ch(inner[1]),
            inner_block,
            outer_block: self.block_of_verb(outer_verb),
            res_src: ch(res[0]),
            res_tgt: ch(res[1]),
            res_code: if res[2] == "Q" {
                None
            } else {
                Some(res[2].to_string())
            },
            text: line.trim().to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "&CURRENCY\n+MONEY\n+DOLLAR\n\n--- ABANDON [1121] ---\nABANDON\n- * {DIPLOMATIC TIES} [080]\n- * EFFORT [080] # x\n--- ARRIVE [042:043] ---\nARRIVE\n+CORDON_OFF {+CORDONED_OFF} [144]\n- * &CURRENCY (TO +) [071]\n~ a (a b ARRIVE) ABANDON = a b 015\n";

    #[test]
    fn reads_blocks_patterns_and_codes() {
        let d = VerbDict::parse(SAMPLE).unwrap();
        assert_eq!(d.blocks.len(), 2);
        assert_eq!(d.blocks[0].code.fwd.as_deref(), Some("1121"));
        assert_eq!(d.blocks[1].code.rev.as_deref(), Some("043"));
        assert_eq!(d.blocks[0].patterns.len(), 2);
        let abandoned = d.word("abandoned").unwrap();
        assert_eq!(d.verbs[&abandoned][0].block, 0);
        let cordoned = d.word("cordoned").unwrap();
        let e = &d.verbs[&cordoned][0];
        assert_eq!(e.after, vec![d.word("off").unwrap()]);
        assert_eq!(e.code.as_ref().unwrap().fwd.as_deref(), Some("144"));
        // plural generated for synset members
        assert!(d.word("dollars").is_some());
        assert_eq!(d.transforms.len(), 1);
        assert_eq!(d.transforms[0].res_code.as_deref(), Some("015"));
    }

    #[test]
    fn deeply_nested_groups_do_not_overflow() {
        let deep = format!(
            "--- TALK [040] ---\nTALK\n- * {} + [040]\n",
            "(".repeat(200_000)
        );
        let d = VerbDict::parse(&deep).unwrap();
        assert_eq!(d.blocks.len(), 1);
    }

    #[test]
    fn transform_with_a_stray_close_paren() {
        let d = VerbDict::parse(&SAMPLE.replace("~ a (a b", "~ a )x (a b")).unwrap();
        assert_eq!(d.transforms.len(), 1);
        let d = VerbDict::parse("--- A [040] ---\nA\n~ a ) (a b A = a b 015\n~ ) = (\n").unwrap();
        assert_eq!(d.transforms.len(), 0);
    }

    #[test]
    fn repeated_pattern_keeps_the_last_code() {
        let d = VerbDict::parse(
            "--- GRANT [070] ---\nGRANT\n- * SUPPORT [051]\n- * SUPPORT [060]\n- * AID [070]\n",
        )
        .unwrap();
        let pats = &d.blocks[0].patterns;
        assert_eq!(pats.len(), 2);
        assert_eq!(pats[0].code.fwd.as_deref(), Some("060"));
        assert!(pats[0].words_only);
    }

    #[test]
    fn reads_shipped_dictionary() {
        let d = VerbDict::parse(include_str!("../data/CAMEO.2.0.txt")).unwrap();
        assert!(d.blocks.len() > 300, "{}", d.blocks.len());
        let n: usize = d.blocks.iter().map(|b| b.patterns.len()).sum();
        assert!(n > 4000, "{n}");
        assert!(d.transforms.len() >= 6);
        assert!(d.word("met").is_some());
    }
}
