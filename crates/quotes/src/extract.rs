//! Finding quotations and reported speech with their attribution (speaker
//! phrase, cue, outlet, hedge). Resolution of the speaker to an actor is in
//! [`crate::resolve`].

use entente_core::QuoteType;

use crate::lexicon::{self, Cue};
use crate::text::{self, Kind, Pair, Tok};

/// Longest sentence, in tokens, that attribution looks at as one: longer
/// runs are cut (real news sentences stay far below it).
const MAX_SENTENCE_TOKENS: usize = 250;

/// The whole document as the stage sees it: tokens, paragraphs, sentences
/// and quote pairs, all as indices into `toks`.
pub struct Layout<'a> {
    pub toks: Vec<Tok<'a>>,
    /// Token ranges of paragraphs.
    pub paras: Vec<(usize, usize)>,
    /// Byte end of each paragraph (for run-on quotes).
    pub para_end: Vec<usize>,
    /// Token ranges of sentences (never crossing a paragraph).
    pub sents: Vec<(usize, usize)>,
    pub sent_of: Vec<u32>,
    pub para_of_sent: Vec<u32>,
    /// Quote pairs with absolute token indices (`close` may equal the
    /// paragraph's end index for a run-on quote).
    pub pairs: Vec<Pair>,
    /// For each token, 1 + index of the pair whose marks enclose it (marks
    /// included), or 0.
    pub inq: Vec<u32>,
    /// Paragraphs where quote marks could not all be paired.
    pub unbalanced: Vec<usize>,
    /// Part-of-speech classes from the tagger, per token, when the document
    /// was tagged ([`Layout::add_tags`]); `Tag::Unknown` otherwise.
    pub tags: Vec<Tag>,
}

/// The few tag classes the rules ask about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Unknown,
    /// Common noun (NN, NNS).
    Noun,
    /// Finite verb or modal (VBD, VBZ, VBP, MD).
    Finite,
    Other,
}

impl<'a> Layout<'a> {
    /// Tokenizes and segments `text`, pairing quote marks per paragraph.
    pub fn new(text: &'a str, lower_text: &'a str) -> Layout<'a> {
        let mut toks = Vec::with_capacity(text.len() / 5);
        let mut paras = Vec::new();
        let mut para_end = Vec::new();
        // Paragraphs: separated by lines that are blank.
        let bytes = text.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'\n' {
                // Blank line ahead?
                let mut j = i + 1;
                while j < bytes.len()
                    && (bytes[j] == b' ' || bytes[j] == b'\t' || bytes[j] == b'\r')
                {
                    j += 1;
                }
                if j < bytes.len() && bytes[j] == b'\n' {
                    let lo = toks.len();
                    text::tokenize(text, lower_text, start, i, &mut toks);
                    if toks.len() > lo {
                        paras.push((lo, toks.len()));
                        para_end.push(i);
                    }
                    while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                        j += 1;
                    }
                    start = j;
                    i = j;
                    continue;
                }
            }
            i += 1;
        }
        let lo = toks.len();
        text::tokenize(text, lower_text, start, text.len(), &mut toks);
        if toks.len() > lo {
            paras.push((lo, toks.len()));
            para_end.push(text.len());
        }

        let mut pairs = Vec::new();
        let mut unbalanced = Vec::new();
        let mut sents = Vec::new();
        let mut para_of_sent = Vec::new();
        for (pi, &(lo, hi)) in paras.iter().enumerate() {
            let next_opens = paras
                .get(pi + 1)
                .is_some_and(|&(nlo, _)| matches!(toks[nlo].kind, Kind::Open | Kind::Straight));
            let (ps, stray) = text::pair_marks(&toks[lo..hi], next_opens);
            if stray > 0 {
                unbalanced.push(pi);
            }
            for p in ps {
                pairs.push(Pair {
                    open: p.open + lo,
                    close: p.close + lo,
                    runs_on: p.runs_on,
                });
            }
            for (a, b) in text::sentences(text, &toks[lo..hi]) {
                // Budget: a "sentence" longer than any real one (a list, a
                // table, hostile input) is cut into pieces, so the
                // per-sentence scans of attribution stay linear overall.
                let mut a = a;
                while b - a > MAX_SENTENCE_TOKENS {
                    sents.push((a + lo, a + lo + MAX_SENTENCE_TOKENS));
                    para_of_sent.push(pi as u32);
                    a += MAX_SENTENCE_TOKENS;
                }
                sents.push((a + lo, b + lo));
                para_of_sent.push(pi as u32);
            }
        }
        let mut sent_of = vec![0u32; toks.len()];
        for (si, &(a, b)) in sents.iter().enumerate() {
            for s in &mut sent_of[a..b] {
                *s = si as u32;
            }
        }
        let mut inq = vec![0u32; toks.len()];
        for (k, p) in pairs.iter().enumerate() {
            let hi = (p.close + 1).min(toks.len());
            for q in &mut inq[p.open..hi] {
                *q = k as u32 + 1;
            }
        }
        Layout {
            toks,
            paras,
            para_end,
            sents,
            sent_of,
            para_of_sent,
            pairs,
            inq,
            unbalanced,
            tags: Vec::new(),
        }
    }

    /// Takes the tagger's classes from the document's tokens (in text order),
    /// matched by start byte (tokens the two tokenizers split differently
    /// stay `Unknown`).
    pub fn add_tags(&mut self, tokens: &[entente_core::Token]) {
        let mut tags = vec![Tag::Unknown; self.toks.len()];
        let mut i = 0;
        for t in tokens {
            let start = t.span.start as usize;
            while i < self.toks.len() && self.toks[i].s < start {
                i += 1;
            }
            if i < self.toks.len() && self.toks[i].s == start && !t.xpos.is_empty() {
                tags[i] = match t.xpos.as_str() {
                    "NN" | "NNS" => Tag::Noun,
                    "VBD" | "VBZ" | "VBP" | "MD" => Tag::Finite,
                    _ => Tag::Other,
                };
            }
        }
        self.tags = tags;
    }

    /// The tag class of token `i`.
    pub fn tag(&self, i: usize) -> Tag {
        self.tags.get(i).copied().unwrap_or(Tag::Unknown)
    }

    fn para_of_tok(&self, i: usize) -> usize {
        self.para_of_sent
            .get(self.sent_of.get(i).copied().unwrap_or(0) as usize)
            .copied()
            .unwrap_or(0) as usize
    }

    fn is_term(&self, i: usize) -> bool {
        let t = &self.toks[i];
        t.kind == Kind::Punct && matches!(t.lower, "." | "?" | "!" | ";")
    }

    fn cue_at(&self, i: usize) -> Option<Cue> {
        let t = self.toks.get(i)?;
        if !t.is_word() || self.inq[i] != 0 {
            return None;
        }
        // After a determiner or preposition a form that can be a noun is one
        // ("some reports", "the call", "in remarks"); past tenses and
        // participles stay verbs ("Fox News said", "by noting").
        let verb_form = t.lower.ends_with("ed")
            || t.lower.ends_with("ing")
            || matches!(t.lower, "said" | "told" | "wrote" | "spoke");
        if !verb_form
            && i > 0
            && matches!(
                self.toks[i - 1].lower,
                "some"
                    | "the"
                    | "a"
                    | "an"
                    | "these"
                    | "those"
                    | "media"
                    | "news"
                    | "his"
                    | "her"
                    | "their"
                    | "its"
                    | "our"
                    | "my"
                    | "your"
                    | "no"
                    | "many"
                    | "several"
                    | "unconfirmed"
                    | "recent"
                    | "earlier"
                    | "other"
                    | "phone"
                    | "this"
                    | "that"
                    | "in"
                    | "on"
                    | "with"
                    | "of"
                    | "for"
                    | "by"
                    | "from"
                    | "at"
                    | "about"
                    | "after"
                    | "amid"
                    | "despite"
                    | "whose"
                    | "own"
            )
        {
            return None;
        }
        // "the estimated cost", "an alleged plot": an adjective.
        if i > 0 && matches!(self.toks[i - 1].lower, "the" | "a" | "an") {
            return None;
        }
        // A form the tagger reads as a noun is a cue only as the head of a
        // nominal attribution ("Putin's claim that …", "member states"
        // is none).
        if self.tag(i) == Tag::Noun
            && !matches!(t.lower, "said" | "told")
            && !self.toks.get(i + 1).is_some_and(|n| n.is("that"))
        {
            return None;
        }
        // A capitalised form inside a sentence is a name ("United States").
        if t.cap && i > 0 {
            let p = &self.toks[i - 1];
            let starts = self.sents[self.sent_of[i] as usize].0 == i
                || p.is_mark()
                || matches!(p.lower, ":" | "—" | "–" | "-" | "(");
            if !starts {
                return None;
            }
        }
        // A passive participle ("has been reported", "were told to") has
        // no speaker of its own.
        // An adverb may stand between ("is widely believed").
        let before = if i > 1 && self.toks[i - 1].lower.ends_with("ly") {
            i - 2
        } else {
            i.saturating_sub(1)
        };
        if i > 0
            && (t.lower.ends_with("ed") || matches!(t.lower, "told" | "said" | "thought"))
            && matches!(
                self.toks[before].lower,
                "been" | "being" | "be" | "were" | "was" | "is" | "are"
            )
        {
            return None;
        }
        // "think tank": a noun compound, no cue.
        if t.lower == "think"
            && self
                .toks
                .get(i + 1)
                .is_some_and(|n| n.lower.starts_with("tank"))
        {
            return None;
        }
        // Passive ("as reported by", "was told by"): the agent is elsewhere.
        if self.toks.get(i + 1).is_some_and(|n| n.is("by")) {
            return None;
        }
        lexicon::cue(t.lower)
    }

    /// The speaker phrase read backwards from the cue at `v`, not before `lo`.
    pub fn back_np(&self, v: usize, lo: usize) -> Option<(usize, usize)> {
        let toks = &self.toks;
        let mut j = v;
        while j > lo && lexicon::aux_or_adverb(toks[j - 1].lower) {
            j -= 1;
        }
        // "was expected to say", "is set to announce".
        if j > lo && toks[j - 1].is("to") {
            let mut k = j - 1;
            while k > lo
                && (lexicon::aux_or_adverb(toks[k - 1].lower)
                    || matches!(
                        toks[k - 1].lower,
                        "expected"
                            | "likely"
                            | "going"
                            | "due"
                            | "set"
                            | "able"
                            | "wanted"
                            | "wants"
                            | "planned"
                            | "plans"
                            | "tried"
                            | "refused"
                            | "declined"
                            | "went"
                            | "on"
                            | "poised"
                            | "scheduled"
                            | "unlikely"
                            | "eager"
                            | "keen"
                    ))
            {
                k -= 1;
            }
            if k < j - 1 {
                j = k;
            }
        }
        // "X, who …, said" is rare; "X who said" is common: skip the "who".
        if j > lo && toks[j - 1].is("who") {
            j -= 1;
        }
        // Something between commas before the cue: an appositive name
        // ("The prime minister, Boris Johnson, said") or a parenthetical
        // ("X, in a statement, said").
        let mut appositive: Option<(usize, usize)> = None;
        if j > lo && toks[j - 1].is(",") {
            let mut k = j - 1;
            let mut n = 0;
            while k > lo && !toks[k - 1].is(",") && !toks[k - 1].is(")") && n < 16 {
                if toks[k - 1].is_mark() {
                    return None;
                }
                k -= 1;
                n += 1;
            }
            let seg = (k, j - 1);
            let words: Vec<&Tok> = toks[seg.0..seg.1].iter().filter(|t| t.is_word()).collect();
            let name = !words.is_empty()
                && words.len() <= 5
                && words.iter().all(|t| t.cap)
                && !lexicon::capital_function_word(words[0].lower);
            if name {
                appositive = Some(seg);
            }
            if k > lo && toks[k - 1].is(",") && n > 0 {
                j = k - 1;
            } else if name {
                return Some(seg);
            } else {
                return None;
            }
        }
        let end = j;
        let mut s = end;
        while s > lo {
            let t = &toks[s - 1];
            match t.kind {
                Kind::Word => {
                    if lexicon::np_stop(t.lower) {
                        // "and" joins two names ("Smith and Jones said");
                        // "to" belongs to "Ambassador to the United Nations".
                        let joins = t.is("and")
                            && s >= 2
                            && s - 1 > lo
                            && toks[s - 2].cap
                            && toks.get(s).is_some_and(|n| {
                                n.cap || lexicon::title_word(n.lower) || n.is("contributor")
                            });
                        let title_to = (t.is("to") || t.is("for"))
                            && s >= 2
                            && s - 1 > lo
                            && matches!(
                                toks[s - 2].lower,
                                "ambassador"
                                    | "contributor"
                                    | "adviser"
                                    | "advisor"
                                    | "envoy"
                                    | "spokesperson"
                                    | "spokesman"
                                    | "spokeswoman"
                                    | "assistant"
                                    | "counsel"
                                    | "secretary"
                                    | "minister"
                                    | "commissioner"
                                    | "representative"
                                    | "delegate"
                            );
                        // "sources familiar with the talks", "people close to
                        // the president", "officials briefed on the plan".
                        let source_pp = s >= 2
                            && s - 1 > lo
                            && matches!(
                                (toks[s - 2].lower, t.lower),
                                ("familiar", "with")
                                    | ("close", "to")
                                    | ("briefed", "on")
                                    | ("knowledgeable", "about")
                            );
                        if !joins && !title_to && !source_pp {
                            break;
                        }
                    }
                    if !t.cap && self.cue_at(s - 1).is_some() {
                        break;
                    }
                    if lexicon::pronoun(t.lower) && s < end {
                        break;
                    }
                }
                Kind::Punct => {
                    // "Mike Ryan of the World Health Organization (WHO) said".
                    if t.is(")") {
                        if let Some(o) = (lo..s - 1).rev().take(12).find(|&k| toks[k].is("(")) {
                            if o > lo {
                                s = o;
                                continue;
                            }
                        }
                        break;
                    }
                    let abbrev_dot = t.is(".") && s >= 2 && toks[s - 2].e == t.s;
                    if !(abbrev_dot || t.is("-") || t.is("&")) {
                        break;
                    }
                    if abbrev_dot && s == end {
                        break;
                    }
                }
                _ => break,
            }
            s -= 1;
            if lexicon::pronoun(toks[s].lower) && s + 1 == end {
                break;
            }
            if end - s > 16 {
                return None;
            }
        }
        // "X speaking to Y said": Y is the outlet, X the speaker.
        if s >= lo + 2
            && s < end
            && matches!(toks[s - 1].lower, "to" | "with")
            && matches!(toks[s - 2].lower, "speaking" | "talking")
        {
            return self.back_np(s - 2, lo);
        }
        // Drop leading conjunctions, time words and "Last week".
        while s < end {
            let l = toks[s].lower;
            if lexicon::np_lead_drop(l) {
                s += 1;
            } else if (l == "last" || l == "next" || l == "this")
                && s + 1 < end
                && matches!(
                    toks[s + 1].lower,
                    "week"
                        | "month"
                        | "year"
                        | "night"
                        | "weekend"
                        | "monday"
                        | "tuesday"
                        | "wednesday"
                        | "thursday"
                        | "friday"
                        | "saturday"
                        | "sunday"
                        | "morning"
                        | "evening"
                )
            {
                s += 2;
            } else {
                break;
            }
        }
        if s >= end {
            return appositive;
        }
        // A speaker must contain a word that can head a noun phrase.
        if !toks[s..end].iter().any(|t| t.is_word()) {
            return appositive;
        }
        match appositive {
            // The description and the name together, as written.
            Some((_, ae)) if toks[end].is(",") => Some((s, ae)),
            _ => Some((s, end)),
        }
    }

    /// The speaker of the cue at `v`: its own subject, or for a participial
    /// cue after a comma the subject of the sentence.
    pub fn speaker_for_cue(&self, v: usize, lo: usize) -> Option<(usize, usize)> {
        let participle_after_comma =
            self.toks[v].lower.ends_with("ing") && v > 0 && self.toks[v - 1].is(",");
        if participle_after_comma {
            self.shared_subject(v, lo).or_else(|| self.back_np(v, lo))
        } else {
            self.back_np(v, lo).or_else(|| self.shared_subject(v, lo))
        }
    }

    /// The speaker of a cue whose own subject is not next to it: a
    /// coordinated ("X called it … and said …") or participial ("X did Y,
    /// saying …") cue takes the subject of its sentence.
    fn shared_subject(&self, v: usize, _lo: usize) -> Option<(usize, usize)> {
        let slo = self.sents[self.sent_of[v] as usize].0;
        // A semicolon starts a new clause ("…, said X; he described …").
        let lo = (slo..v)
            .rev()
            .find(|&k| self.toks[k].is(";") && self.inq[k] == 0)
            .map_or(slo, |k| k + 1);
        let prev = v.checked_sub(1).map(|p| self.toks[p].lower);
        let participle = self.toks[v].lower.ends_with("ing");
        let coordinated = matches!(prev, Some("and") | Some("but"));
        if !(participle || coordinated) {
            return None;
        }
        if coordinated {
            // "he described … and urged …": the earlier cue's subject.
            if let Some(prev_cue) = (lo..v.saturating_sub(1))
                .rev()
                .find(|&k| self.cue_at(k).is_some())
            {
                if let Some(sp) = self.back_np(prev_cue, lo) {
                    return Some(sp);
                }
            }
        }
        self.subject_np(lo, v)
    }

    /// The speaker phrase read forwards from `from` (after an inverted cue).
    pub fn fwd_np(&self, from: usize, hi: usize) -> Option<(usize, usize)> {
        let toks = &self.toks;
        let mut e = from;
        while e < hi {
            let t = &toks[e];
            match t.kind {
                Kind::Word => {
                    // A capitalised word is a name, even "Said".
                    if lexicon::np_forward_stop(t.lower) && e > from && !t.cap {
                        break;
                    }
                    if lexicon::np_forward_stop(t.lower) && !t.cap {
                        break;
                    }
                }
                Kind::Punct => {
                    let abbrev_dot = t.is(".")
                        && e > from
                        && toks[e - 1].e == t.s
                        && {
                            let w = &toks[e - 1];
                            w.cap && w.e - w.s <= 4
                        }
                        && toks.get(e + 1).is_some_and(|n| n.cap && n.is_word());
                    if !(abbrev_dot || t.is("-") || t.is("&")) {
                        break;
                    }
                }
                _ => break,
            }
            e += 1;
            if e - from > 12 {
                break;
            }
        }
        if e == from {
            return None;
        }
        Some((from, e))
    }

    /// End of the clause after `i`: a terminator outside quotes, an opening
    /// mark, or the paragraph's end.
    fn clause_end(&self, i: usize) -> usize {
        let pe = self.paras[self.para_of_tok(i.min(self.toks.len() - 1))].1;
        let mut j = i;
        while j < pe {
            let t = &self.toks[j];
            if matches!(t.kind, Kind::Open) || (t.kind == Kind::Straight && self.inq[j] != 0) {
                break;
            }
            if (self.is_term(j) && !self.abbrev_dot(j)) || t.is(":") {
                break;
            }
            j += 1;
        }
        j
    }

    /// A period that closes an abbreviation or an initial ("Michael S. Regan").
    fn abbrev_dot(&self, j: usize) -> bool {
        let t = &self.toks[j];
        if !t.is(".") || j == 0 {
            return false;
        }
        let w = &self.toks[j - 1];
        w.e == t.s
            && w.is_word()
            && ((w.cap && w.e - w.s == 1)
                || matches!(
                    w.lower,
                    "mr" | "mrs"
                        | "ms"
                        | "dr"
                        | "st"
                        | "gen"
                        | "sen"
                        | "rep"
                        | "gov"
                        | "lt"
                        | "col"
                        | "prof"
                        | "jr"
                        | "u.s"
                        | "u.n"
                        | "u.k"
                ))
    }

    /// The subject of the sentence (or clause) starting at `lo`: an
    /// introductory phrase up to a comma is skipped, then capitalised words,
    /// determiners and titles are taken up to the first other word. Used when
    /// the speaker is the subject of a verb that is not a cue ("Trump
    /// criticised …: “…”") or of a coordinated or participial cue ("X called
    /// it … and said …", "X did Y, saying …").
    pub fn subject_np(&self, lo: usize, hi: usize) -> Option<(usize, usize)> {
        let toks = &self.toks;
        let mut s = lo;
        if s < hi
            && (lexicon::capital_function_word(toks[s].lower)
                && !matches!(
                    toks[s].lower,
                    "the" | "a" | "an" | "he" | "she" | "they" | "we" | "i" | "it"
                ))
        {
            // "In a statement, …", "On Friday in Istanbul, …".
            if let Some(c) = (s..hi.min(s + 14)).find(|&k| toks[k].is(",")) {
                s = c + 1;
            }
        }
        // "Specifically, …", "Additionally, …".
        if s + 1 < hi && toks[s + 1].is(",") && toks[s].is_word() {
            s += 2;
        }
        while s < hi && lexicon::np_lead_drop(toks[s].lower) {
            s += 1;
        }
        let mut e = s;
        let mut lower_nouns = 0;
        let mut seen_cap = false;
        while e < hi {
            let t = &toks[e];
            let after_det = e > s
                && !seen_cap
                && matches!(toks[s].lower, "the" | "a" | "an" | "another" | "one")
                && lower_nouns < 3;
            if t.cap && e > s {
                seen_cap = true;
            }
            let verbish = t.lower.ends_with("ed")
                || t.lower.ends_with("ing")
                || matches!(
                    t.lower,
                    "said"
                        | "says"
                        | "told"
                        | "read"
                        | "reads"
                        | "wrote"
                        | "made"
                        | "gave"
                        | "found"
                        | "took"
                        | "sent"
                        | "held"
                        | "met"
                        | "led"
                        | "won"
                        | "lost"
                        | "left"
                        | "put"
                        | "set"
                        | "spoke"
                        | "became"
                        | "began"
                        | "brought"
                        | "came"
                        | "did"
                        | "got"
                        | "heard"
                        | "kept"
                        | "knew"
                        | "let"
                        | "paid"
                        | "ran"
                        | "saw"
                        | "stood"
                        | "thought"
                        | "went"
                        | "rules"
                        | "says,"
                        | "is"
                        | "was"
                        | "has"
                        | "had"
                        | "have"
                        | "are"
                        | "were"
                        | "will"
                        | "would"
                        | "also"
                        | "then"
                        | "later"
                        | "who"
                        | "which"
                        | "that"
                        | "in"
                        | "on"
                        | "at"
                        | "to"
                        | "by"
                        | "with"
                        | "from"
                );
            if t.is_word() && !t.cap && after_det && !verbish && !lexicon::title_word(t.lower) {
                lower_nouns += 1;
                e += 1;
                continue;
            }
            let ok = match t.kind {
                Kind::Word => {
                    t.cap
                        // "then-Secretary", "ex-President".
                        || t.lower.rsplit('-').next().is_some_and(|last| {
                            last.len() < t.lower.len() && lexicon::person_title(last)
                        })
                        || matches!(
                            t.lower,
                            "the" | "a" | "an" | "of" | "for" | "and" | "de" | "al" | "bin"
                        )
                        || lexicon::title_word(t.lower)
                        || (e == s && lexicon::pronoun(t.lower))
                }
                Kind::Punct => t.is("-") || t.is("&") || self.abbrev_dot(e),
                _ => false,
            };
            if !ok {
                break;
            }
            if e > s
                && lexicon::pronoun(toks[e - 1].lower)
                && toks[e - 1].e - toks[e - 1].s <= 4
                && !t.cap
            {
                break;
            }
            e += 1;
            if e - s > 14 {
                return None;
            }
        }
        // Trailing function words belong to what follows.
        while e > s && matches!(toks[e - 1].lower, "the" | "a" | "an" | "of" | "for" | "and") {
            e -= 1;
        }
        // "The mayor of London, Sadiq Khan, thanked …": keep the appositive.
        if e > s && e < hi && toks[e].is(",") {
            if let Some(c2) = (e + 1..hi.min(e + 7)).find(|&k| toks[k].is(",")) {
                let seg = &toks[e + 1..c2];
                if !seg.is_empty() && seg.iter().all(|t| t.cap && t.is_word() || t.is(".")) {
                    e = c2;
                }
            }
        }
        let next_ok = toks
            .get(e)
            .is_some_and(|n| n.is_word() && !n.cap || n.is(","));
        (e > s
            && next_ok
            && toks[s..e]
                .iter()
                .any(|t| t.cap || lexicon::pronoun(t.lower)))
        .then_some((s, e))
    }
}

/// An attribution found around a quotation or in a reporting clause.
#[derive(Debug, Clone, Default)]
pub struct Attr {
    /// Token range of the speaker phrase.
    pub speaker: Option<(usize, usize)>,
    /// Token index of the cue (first word of "according to").
    pub cue: Option<usize>,
    /// Last token index the attribution covers.
    pub end: usize,
}

/// A found quote before speaker resolution.
#[derive(Debug, Clone)]
pub struct Found {
    pub kind: QuoteType,
    /// Byte spans of the content.
    pub spans: Vec<(usize, usize)>,
    /// First token of the content.
    pub first: usize,
    /// Last token the quote (with its attribution) covers.
    pub last: usize,
    pub attr: Attr,
    /// The speaker was inherited from a neighbouring quote.
    pub inherited: Option<usize>,
    pub pair: Option<usize>,
}

fn cue_lemma(l: &Layout, i: usize) -> Option<&'static str> {
    lexicon::cue(l.toks[i].lower).map(|c| c.lemma)
}

impl Layout<'_> {
    /// Attribution right after a closing mark: `”, he said.` / `” said X`.
    fn post_attr(&self, p: &Pair) -> Option<Attr> {
        if p.runs_on {
            return None;
        }
        let pe = self.paras[self.para_of_tok(p.close)].1;
        let mut w0 = p.close + 1;
        while w0 < pe && matches!(self.toks[w0].lower, "," | "—" | "–" | "-") {
            w0 += 1;
        }
        if w0 >= pe {
            return None;
        }
        // “… .” Next sentence: a capitalised word after a full stop inside
        // the marks starts a new sentence, not an attribution.
        let ends_stop = (p.close.saturating_sub(3)..p.close).any(|k| self.toks[k].is("."))
            && p.close > 0
            && matches!(self.toks[p.close - 1].lower, "." | "]" | ")");
        if ends_stop && self.toks[w0].cap {
            return None;
        }
        let wend = self.clause_end(w0);
        if self.toks[w0].is("according") && w0 + 1 < wend && self.toks[w0 + 1].is("to") {
            let sp = self.fwd_np(w0 + 2, wend)?;
            return Some(Attr {
                speaker: Some(sp),
                cue: Some(w0),
                end: wend,
            });
        }
        for v in w0..wend.min(w0 + 12) {
            if self.cue_at(v).is_none() {
                continue;
            }
            if self.toks[v].cap && v > w0 {
                continue;
            }
            if v == w0 {
                let sp = self.fwd_np(v + 1, wend)?;
                return Some(Attr {
                    speaker: Some(sp),
                    cue: Some(v),
                    end: wend,
                });
            }
            let (s, e) = self.back_np(v, w0)?;
            if self.toks[w0..s]
                .iter()
                .any(|t| !lexicon::np_lead_drop(t.lower))
            {
                return None;
            }
            return Some(Attr {
                speaker: Some((s, e)),
                cue: Some(v),
                end: wend,
            });
        }
        None
    }

    /// Attribution before an opening mark: `X said: “` / `said X, “`.
    /// Returns the attribution and whether it is a separated introduction
    /// (colon or comma right before the mark, i.e. a direct quote).
    fn pre_attr(&self, k: usize) -> Option<(Attr, bool, bool)> {
        let p = &self.pairs[k];
        let si = self.sent_of[p.open] as usize;
        let mut lo = self.sents[si].0;
        if k > 0 {
            let q = &self.pairs[k - 1];
            if q.close < p.open && q.close + 1 > lo {
                lo = q.close + 1;
            }
        }
        let mut hi = p.open;
        let mut separated = false;
        while hi > lo && matches!(self.toks[hi - 1].lower, "," | ":" | "—" | "–") {
            separated = true;
            hi -= 1;
        }
        if hi <= lo {
            return None;
        }
        let that = self.toks[hi - 1].is("that");
        if self.toks[lo].is("according") && lo + 1 < hi && self.toks[lo + 1].is("to") {
            let sp = self.fwd_np(lo + 2, hi)?;
            return Some((
                Attr {
                    speaker: Some(sp),
                    cue: Some(lo),
                    end: hi,
                },
                separated,
                false,
            ));
        }
        for v in (lo..hi).rev() {
            if self.cue_at(v).is_none() || (self.toks[v].cap && v > lo) {
                continue;
            }
            let gap = hi - v - 1;
            if gap > 20 {
                return None;
            }
            let back = self.speaker_for_cue(v, lo);
            let speaker = match back {
                Some(sp) => Some(sp),
                None if gap > 0 && !that && gap <= 6 => self.fwd_np(v + 1, hi),
                None => None,
            };
            if speaker.is_none() {
                break;
            }
            return Some((
                Attr {
                    speaker,
                    cue: Some(v),
                    end: p.open,
                },
                separated,
                that,
            ));
        }
        // No cue, but the quotation is introduced by a colon or comma after
        // a clause: its subject speaks ("Trump criticised X: “…”").
        let long = p.close.min(self.toks.len()).saturating_sub(p.open) > 4;
        if hi > lo && long && matches!(self.toks[hi - 1].lower, "read" | "reads" | "reading") {
            separated = true;
        }
        if separated {
            let lo = self.sents[si].0;
            if let Some(sp) = self.subject_np(lo, hi) {
                if sp.1 < hi {
                    return Some((
                        Attr {
                            speaker: Some(sp),
                            cue: None,
                            end: p.open,
                        },
                        true,
                        false,
                    ));
                }
            }
        }
        None
    }

    /// Any cue in the sentence of token `at`, outside quotes, nearest before
    /// it (else after), with its speaker: for quoted fragments.
    fn sentence_attr(&self, at: usize) -> Option<Attr> {
        let (lo, hi) = self.sents[self.sent_of[at] as usize];
        let mut best: Option<usize> = None;
        for v in lo..hi {
            if self.cue_at(v).is_some() && !(self.toks[v].cap && v > lo) {
                if v < at || best.is_none() {
                    best = Some(v);
                }
                if v > at {
                    break;
                }
            }
        }
        let mut v = best?;
        // A sentence-initial participle ("Calling it …, X told Reuters …")
        // shares the subject of the main clause's cue.
        if v == lo && self.toks[v].lower.ends_with("ing") {
            if let Some(main) =
                (v + 1..hi).find(|&k| self.cue_at(k).is_some() && self.back_np(k, lo).is_some())
            {
                v = main;
            }
        }
        let sp = self
            .speaker_for_cue(v, lo)
            .or_else(|| self.fwd_np(v + 1, self.clause_end(v + 1)))?;
        Some(Attr {
            speaker: Some(sp),
            cue: Some(v),
            end: v,
        })
    }

    fn content_span(&self, text: &str, p: &Pair) -> Option<(usize, usize)> {
        let s = self.toks[p.open].e;
        let e = if p.close < self.toks.len() && !p.runs_on {
            self.toks[p.close].s
        } else {
            let pi = self.para_of_tok(p.open);
            self.para_end[pi]
        };
        let seg = text.get(s..e)?;
        let lead = seg.len() - seg.trim_start().len();
        let trail = seg.len() - seg.trim_end().len();
        if s + lead >= e - trail {
            return None;
        }
        Some((s + lead, e - trail))
    }
}

/// Finds every quotation and reported statement in the layout.
pub fn find(text: &str, l: &Layout) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    // Cue tokens already given to a quotation, per token (constant-time test).
    let mut used_cues: Vec<bool> = vec![false; l.toks.len()];
    // 1. Quotation marks.
    for (k, p) in l.pairs.iter().enumerate() {
        let Some(span) = l.content_span(text, p) else {
            continue;
        };
        let first = p.open + 1;
        let end_tok = p.close.min(l.toks.len());
        let inner = &l.toks[first.min(end_tok)..end_tok];
        let words = inner.iter().filter(|t| t.is_word()).count();
        if words == 0 {
            continue;
        }
        let first_word = inner.iter().find(|t| t.is_word());
        // Title case throughout ("Learning Together", "Reproductive Health
        // Care Reform Bill 2019") is a name, not speech.
        let name_like = words <= 8
            && inner.iter().filter(|t| t.is_word()).all(|t| {
                t.cap
                    || t.lower.starts_with(|c: char| c.is_ascii_digit())
                    || matches!(t.lower, "of" | "the" | "and" | "for" | "in" | "on" | "vs")
            });
        let before = (p.open > 0).then(|| l.toks[p.open - 1].lower);
        let naming = matches!(
            before,
            Some(
                "called"
                    | "named"
                    | "dubbed"
                    | "nicknamed"
                    | "titled"
                    | "entitled"
                    | "word"
                    | "term"
                    | "phrase"
                    | "so-called"
                    | "known"
                    | "as"
                    | "designation"
                    | "slogan"
                    | "banner"
                    | "sign"
                    | "case"
            )
        );
        let upper = first_word.is_some_and(|t| t.cap)
            || inner
                .first()
                .is_some_and(|t| t.lower == "…" || t.lower == ".");
        let ends_sentence = inner
            .last()
            .is_some_and(|t| matches!(t.lower, "." | "?" | "!" | "," | "…"));
        let mut post = l.post_attr(p);
        let trailing_according = post
            .as_ref()
            .and_then(|a| a.cue)
            .is_some_and(|c| l.toks[c].is("according"));
        let pre = if post.is_none() || trailing_according {
            l.pre_attr(k).filter(|x| x.0.cue.is_some())
        } else {
            None
        };
        if pre.is_some() {
            post = None;
        }
        let pre = if pre.is_none() && post.is_none() {
            l.pre_attr(k)
        } else {
            pre
        };
        let (kind, attr) = match (post, pre) {
            (Some(a), _) => {
                let kind = if !upper && !ends_sentence && words < 4 {
                    QuoteType::Mixed
                } else {
                    QuoteType::Direct
                };
                (kind, Some(a))
            }
            (None, Some((a, separated, that))) => {
                let kind = if (separated || upper) && !that && (upper || words >= 4) {
                    QuoteType::Direct
                } else {
                    QuoteType::Mixed
                };
                (kind, Some(a))
            }
            (None, None) => {
                // Right after an attributed quotation ("“…,” she said.
                // “Never.”"): a continuation, whatever its length.
                let follows = out.last().is_some_and(|f: &Found| {
                    f.kind == QuoteType::Direct
                        && f.attr.speaker.is_some()
                        && l.para_of_tok(f.first) == l.para_of_tok(p.open)
                        && f.last <= p.open
                        && l.toks[f.last..p.open].iter().all(|t| t.kind == Kind::Punct)
                });
                if follows && upper {
                    out.push(Found {
                        kind: QuoteType::Direct,
                        spans: vec![span],
                        first,
                        last: end_tok,
                        attr: Attr::default(),
                        inherited: None,
                        pair: Some(k),
                    });
                    continue;
                }
                if name_like || naming {
                    continue;
                }
                let standalone = upper && words >= 4;
                let slo = l.sents[l.sent_of[p.open] as usize].0;
                let opens_sentence = slo == p.open;
                let subject = if opens_sentence || (words < 3 && !ends_sentence) {
                    None
                } else {
                    l.subject_np(slo, p.open).filter(|sp| sp.1 < p.open)
                };
                if standalone && (opens_sentence || ends_sentence) && subject.is_none() {
                    (QuoteType::Direct, None)
                } else if let Some(a) = l.sentence_attr(p.open).filter(|a| {
                    words >= 2
                        || a.cue.is_some_and(|c| {
                            c < p.open
                                && p.open - c <= 8
                                && !l.toks[c..p.open].iter().any(|t| t.is(","))
                        })
                }) {
                    (QuoteType::Mixed, Some(a))
                } else if let Some(sp) = subject {
                    let a = Attr {
                        speaker: Some(sp),
                        cue: None,
                        end: p.open,
                    };
                    let kind = if standalone && words >= 6 {
                        QuoteType::Direct
                    } else {
                        QuoteType::Mixed
                    };
                    (kind, Some(a))
                } else if standalone && words >= 6 {
                    (QuoteType::Direct, None)
                } else {
                    continue; // scare quotes, titles, terms
                }
            }
        };
        if let Some(c) = attr.as_ref().and_then(|a| a.cue) {
            if let Some(u) = used_cues.get_mut(c) {
                *u = true;
            }
        }
        let last = attr.as_ref().map_or(end_tok, |a| a.end.max(end_tok));
        out.push(Found {
            kind,
            spans: vec![span],
            first,
            last,
            attr: attr.unwrap_or_default(),
            inherited: None,
            pair: Some(k),
        });
    }
    merge_quotes(l, &mut out);

    // 2. Reported speech.
    let mut reported = Vec::new();
    for (si, &(lo, hi)) in l.sents.iter().enumerate() {
        // Clauses joined by a semicolon report separately.
        let mut clo = lo;
        for k in lo..=hi {
            if k == hi || (l.toks[k].is(";") && l.inq[k] == 0) {
                if k > clo {
                    reported_in_sentence(text, l, si, clo, k, &used_cues, &mut out, &mut reported);
                }
                clo = k + 1;
            }
        }
    }
    out.extend(reported);
    // 3. Constructions without an active cue verb ("it is believed that",
    // "in X's view", "as X noted"), where nothing else attributed the
    // sentence.
    let mut covered = vec![false; l.toks.len()];
    for f in &out {
        for &(s, e) in &f.spans {
            let a = l.toks.partition_point(|t| t.e <= s);
            let b = l.toks.partition_point(|t| t.s < e);
            for c in &mut covered[a..b.max(a)] {
                *c = true;
            }
        }
    }
    for &(lo, hi) in &l.sents {
        if covered[lo..hi].iter().any(|&c| c) {
            continue;
        }
        if let Some(f) = crate::reported::in_sentence(l, lo, hi) {
            out.push(f);
        }
    }
    out.sort_by_key(|f| f.spans.first().map_or(0, |s| s.0));
    out
}

/// Joins interrupted quotations and gives unattributed ones the speaker of
/// the quotation before them (same paragraph, or a run-on paragraph).
fn merge_quotes(l: &Layout, out: &mut Vec<Found>) {
    // One pass that compacts into `kept` (removing from the middle of `out`
    // made many short quotations quadratic).
    let mut kept: Vec<Found> = Vec::with_capacity(out.len());
    for cur in out.drain(..) {
        let Some(prev) = kept.last_mut() else {
            kept.push(cur);
            continue;
        };
        let same_para = l.para_of_tok(prev.first) == l.para_of_tok(cur.first);
        let same_cue = cur.attr.cue.is_some() && cur.attr.cue == prev.attr.cue;
        let prev_pair = prev.pair.map(|k| l.pairs[k]);
        let cur_pair = cur.pair.map(|k| l.pairs[k]);
        let adjacent = match (prev_pair, cur_pair) {
            (Some(a), Some(b)) => {
                // Only punctuation or the previous quote's attribution between.
                let gap_start = if prev.last > a.close {
                    prev.last
                } else {
                    a.close + 1
                };
                b.open <= gap_start + 1
                    || l.toks[gap_start.min(b.open)..b.open]
                        .iter()
                        .all(|t| t.kind == Kind::Punct)
            }
            _ => false,
        };
        let runs_on = prev_pair.is_some_and(|a| a.runs_on)
            && l.para_of_tok(cur.first) == l.para_of_tok(prev.first) + 1
            && cur_pair.is_some_and(|b| l.paras[l.para_of_tok(b.open)].0 == b.open);
        let mergeable = prev.kind == QuoteType::Direct && cur.kind == QuoteType::Direct;
        let same_sentence = l.sent_of[prev.first] == l.sent_of[cur.first];
        if (same_cue && (mergeable || same_sentence || prev.kind == QuoteType::Direct))
            || (mergeable && cur.attr.speaker.is_none() && ((same_para && adjacent) || runs_on))
        {
            prev.spans.extend(cur.spans);
            prev.last = prev.last.max(cur.last);
            if prev.attr.speaker.is_none() {
                prev.attr = cur.attr;
            }
            if let Some(k) = cur.pair {
                prev.pair = Some(k);
            }
            continue;
        }
        let mut cur = cur;
        if cur.attr.speaker.is_none() && cur.kind == QuoteType::Direct {
            let prev_para = l.para_of_tok(prev.first);
            let cur_para = l.para_of_tok(cur.first);
            let opens_para = cur_pair.is_some_and(|b| l.paras[cur_para].0 == b.open);
            if (prev.attr.speaker.is_some() || prev.inherited.is_some())
                && (prev_para == cur_para || (prev_para + 1 == cur_para && opens_para))
            {
                let prev_index = kept.len() - 1;
                cur.inherited = Some(kept[prev_index].inherited.unwrap_or(prev_index));
            }
        }
        kept.push(cur);
    }
    *out = kept;
    // Unattributed quotation after a paragraph ending in a colon.
    for f in out.iter_mut() {
        if f.attr.speaker.is_some() || f.inherited.is_some() {
            continue;
        }
        let Some(k) = f.pair else { continue };
        let p = l.pairs[k];
        let pi = l.para_of_tok(p.open);
        if pi == 0 || l.paras[pi].0 != p.open {
            continue;
        }
        let (plo, phi) = l.paras[pi - 1];
        if phi > plo && l.toks[phi - 1].is(":") {
            let (slo, _) = l.sents[l.sent_of[phi - 1] as usize];
            for v in (slo..phi).rev() {
                if l.cue_at(v).is_some() {
                    if let Some(sp) = l.back_np(v, slo) {
                        f.attr = Attr {
                            speaker: Some(sp),
                            cue: Some(v),
                            end: phi,
                        };
                    }
                    break;
                }
            }
        }
    }
}

fn clause_start(t: &Tok) -> bool {
    matches!(
        t.lower,
        "he" | "she"
            | "they"
            | "it"
            | "we"
            | "i"
            | "there"
            | "the"
            | "a"
            | "an"
            | "this"
            | "these"
            | "those"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "no"
            | "all"
            | "some"
            | "many"
            | "most"
            | "any"
            | "both"
    ) || (t.cap && t.is_word() && !lexicon::capital_function_word(t.lower))
        || t.lower.starts_with(|c: char| c.is_ascii_digit())
}

#[allow(clippy::too_many_arguments)]
fn reported_in_sentence(
    _text: &str,
    l: &Layout,
    _si: usize,
    lo: usize,
    hi: usize,
    used: &[bool],
    quotes: &mut [Found],
    out: &mut Vec<Found>,
) {
    let toks = &l.toks;
    // Content ends before the terminator.
    let mut end = hi;
    while end > lo && (toks[end - 1].kind != Kind::Word || l.is_term(end - 1)) {
        if toks[end - 1].is_word() {
            break;
        }
        end -= 1;
    }
    // "According to X, …" / "…, according to X." / "…, X said Sunday."
    let mut resume = lo;
    if let Some(f) = according_or_trailing(l, lo, end, used) {
        // A trailing "…, X told Y, adding that …" leaves the rest to scan.
        let trailing_cue = f.attr.cue.filter(|&c| !toks[c].is("according"));
        let inner: Vec<usize> = (f.first..f.last)
            .filter(|&i| l.inq[i] != 0)
            .map(|i| l.inq[i] as usize - 1)
            .collect();
        if inner.is_empty() {
            out.push(f);
        } else {
            for q in quotes.iter_mut() {
                if q.pair.is_some_and(|k| inner.contains(&k)) && q.attr.speaker.is_none() {
                    q.attr = f.attr.clone();
                    q.inherited = None;
                    q.kind = QuoteType::Mixed;
                }
            }
        }
        match trailing_cue {
            Some(c) => resume = c + 1,
            None => return,
        }
    }
    let mut v = resume;
    while v < end {
        let Some(cue) = l.cue_at(v) else {
            v += 1;
            continue;
        };
        if used.get(v).copied().unwrap_or(false) || !cue.reports || (toks[v].cap && v > lo) {
            v += 1;
            continue;
        }
        // Where the reported clause starts.
        let mut c0 = None;
        let mut k = v + 1;
        let limit = (v + 10).min(end);
        while k < limit {
            let t = &toks[k];
            if t.is("that") {
                c0 = Some(k + 1);
                break;
            }
            if t.is_mark() || l.is_term(k) || t.is(":") {
                break;
            }
            // Another cue verb first ("said he agreed but denied that …"):
            // the "that" is that cue's.
            if k > v + 1
                && matches!(toks[k - 1].lower, "but" | "and")
                && l.cue_at(k).is_some_and(|c| c.reports)
                && !t.cap
            {
                break;
            }
            if t.is(",") && !(k + 1 < end && toks[k + 1].is("however")) {
                break;
            }
            k += 1;
        }
        // Weak cues that still take a clause ("reported the plane was
        // recovered", "indicated 68 people were missing") do so only when a
        // clause plainly follows (checked below).
        let clause_weak = lexicon::clause_weak_cue(cue.lemma);
        let weak = lexicon::weak_cue(cue.lemma) && !clause_weak;
        if c0.is_none() && !weak && v + 1 < end {
            let mut k = v + 1;
            if cue.lemma == "tell" {
                // told reporters / told the BBC: skip the addressee.
                let mut n = 0;
                while k < end && n < 4 && !clause_start_after_outlet(&toks[k], n) {
                    k += 1;
                    n += 1;
                }
            } else if matches!(
                toks[k].lower,
                "on" | "last" | "yesterday" | "today" | "earlier" | "this" | "late"
            ) {
                let mut n = 0;
                while k < end
                    && n < 3
                    && !matches!(
                        toks[k].lower,
                        "he" | "she" | "it" | "they" | "the" | "there" | "we"
                    )
                {
                    k += 1;
                    n += 1;
                }
                if k < end && toks[k].is(",") {
                    k += 1;
                }
            }
            // Announcements and reports take a bare clause only when it
            // plainly starts with a subject ("announced he would …").
            let subject_start = toks.get(k).is_some_and(|t| {
                matches!(t.lower, "he" | "she" | "it" | "they" | "there" | "we")
                    || (t.cap
                        && t.is_word()
                        && !lexicon::capital_function_word(t.lower)
                        && !t.lower.ends_with("'s")
                        && !t.lower.ends_with("’s"))
            });
            let bare_ok = matches!(
                cue.lemma,
                "say"
                    | "tell"
                    | "claim"
                    | "insist"
                    | "argue"
                    | "warn"
                    | "write"
                    | "predict"
                    | "estimate"
                    | "admit"
                    | "acknowledge"
                    | "allege"
                    | "assert"
                    | "contend"
                    | "concede"
                    | "reply"
                    | "explain"
                    | "deny"
                    | "believe"
                    | "think"
                    | "fear"
                    | "hope"
                    | "feel"
                    | "suspect"
                    | "doubt"
                    | "tweet"
                    | "speculate"
            ) || ((clause_weak
                || matches!(
                    cue.lemma,
                    "announce" | "reveal" | "confirm" | "state" | "note" | "caution"
                ))
                && (subject_start
                    || finite_clause_ahead(toks, k, end)
                    || tagged_clause_ahead(l, k, end)));
            // A determiner or a bare noun starts a clause only when a finite
            // verb follows ("said the use of X costs …" is rare; "claiming a
            // right to …" is an object).
            let starts = k < end
                && if matches!(
                    toks[k].lower,
                    "the"
                        | "a"
                        | "an"
                        | "this"
                        | "these"
                        | "those"
                        | "his"
                        | "her"
                        | "its"
                        | "their"
                        | "our"
                        | "no"
                        | "all"
                        | "some"
                        | "many"
                        | "most"
                        | "any"
                        | "both"
                ) {
                    finite_ahead(toks, k, end, 9) || tagged_clause_ahead(l, k, end)
                } else if toks[k].is_word() && !toks[k].cap && !clause_start(&toks[k]) {
                    !lexicon::np_stop(toks[k].lower)
                        && (finite_ahead(toks, k, end, 5) || tagged_clause_ahead(l, k, end))
                } else {
                    clause_start(&toks[k])
                };
            if bare_ok && starts {
                c0 = Some(k);
            }
        }
        let Some(c0) = c0 else {
            v += 1;
            continue;
        };
        let Some(sp) = l.speaker_for_cue(v, lo) else {
            v += 1;
            continue;
        };
        if sp.1 - sp.0 == 1
            && matches!(
                toks[sp.0].lower,
                "it" | "there" | "this" | "that" | "which" | "who" | "you"
            )
        {
            v += 1;
            continue;
        }
        // "said he agreed but denied that …": the clause ends before a
        // coordinated cue, which is scanned next with the same subject.
        let coord = (c0 + 2..end).find(|&j| {
            matches!(toks[j].lower, "but" | "and")
                && l.inq[j] == 0
                && (j + 1..(j + 3).min(end)).any(|m| {
                    l.cue_at(m).is_some_and(|c| c.reports)
                        && (m == j + 1 || lexicon::aux_or_adverb(toks[j + 1].lower))
                })
        });
        let mut cend = match coord {
            Some(j) if j > c0 && toks[j - 1].is(",") => j - 1,
            Some(j) => j,
            None => end,
        };
        // A nominal attribution ("Putin's claim that NATO provoked the war
        // was rejected …") ends where the sentence's own verb comes: the
        // second finite verb right after a noun phrase.
        if l.tag(v) == Tag::Noun {
            if let Some(f) = (c0..cend).find(|&i| l.tag(i) == Tag::Finite) {
                if let Some(g) = (f + 2..cend).find(|&i| {
                    l.tag(i) == Tag::Finite
                        && toks[i - 1].is_word()
                        && l.tag(i - 1) != Tag::Finite
                        && !matches!(
                            toks[i - 1].lower,
                            "and"
                                | "or"
                                | "but"
                                | "that"
                                | "which"
                                | "who"
                                | "it"
                                | "he"
                                | "she"
                                | "they"
                                | "we"
                                | "i"
                                | "not"
                                | "also"
                        )
                }) {
                    cend = g;
                }
            }
        }
        let words = toks[c0..cend].iter().filter(|t| t.is_word()).count();
        if words < 3 {
            v += 1;
            continue;
        }
        let attr = Attr {
            speaker: Some(sp),
            cue: Some(v),
            end,
        };
        // A quotation inside the clause makes it a mixed quote.
        let inner: Vec<usize> = (c0..end)
            .filter(|&i| l.inq[i] != 0)
            .map(|i| l.inq[i] as usize - 1)
            .collect();
        if !inner.is_empty() {
            for f in quotes.iter_mut() {
                if f.pair.is_some_and(|k| inner.contains(&k)) && f.attr.speaker.is_none() {
                    f.attr = attr.clone();
                    f.inherited = None;
                    f.kind = QuoteType::Mixed;
                }
            }
            v = end;
            continue;
        }
        out.push(Found {
            kind: QuoteType::Indirect,
            spans: vec![(toks[c0].s, toks[cend - 1].e)],
            first: c0,
            last: cend,
            attr,
            inherited: None,
            pair: None,
        });
        v = if cend < end { cend + 1 } else { end };
    }
    let _ = cue_lemma;
}

/// Reported speech attributed with "according to X" at either end of the
/// sentence, or by a trailing "…, X said (on Sunday)." clause.
fn according_or_trailing(l: &Layout, lo: usize, end: usize, used: &[bool]) -> Option<Found> {
    let toks = &l.toks;
    let mut s = lo;
    while s < end && lexicon::np_lead_drop(toks[s].lower) {
        s += 1;
    }
    let found = |attr: Attr, c0: usize, c1: usize| -> Option<Found> {
        let c1 = {
            let mut e = c1;
            while e > c0 && !toks[e - 1].is_word() && !toks[e - 1].is_mark() {
                e -= 1;
            }
            e
        };
        if toks[c0..c1].iter().filter(|t| t.is_word()).count() < 3 {
            return None;
        }
        Some(Found {
            kind: QuoteType::Indirect,
            spans: vec![(toks[c0].s, toks[c1 - 1].e)],
            first: c0,
            last: c1,
            attr,
            inherited: None,
            pair: None,
        })
    };
    // "According to X, …": unless the rest has its own reporting cue
    // ("According to reports, officials said …"), which then wins.
    if s + 2 < end && toks[s].is("according") && toks[s + 1].is("to") && l.inq[s] == 0 {
        let mut c = (s + 2..end.min(s + 24)).find(|&k| toks[k].is(","))?;
        // "According to the El Paso mayor, Dee Margo, …".
        if let Some(c2) = (c + 1..end.min(c + 6)).find(|&k| toks[k].is(",")) {
            if toks[c + 1..c2].iter().all(|t| t.cap && t.is_word()) {
                c = c2;
            }
        }
        let own_cue = (c + 1..end).any(|v| {
            l.cue_at(v).is_some_and(|cu| cu.reports)
                && !(toks[v].cap)
                // "an estimated two million": an adjective, no cue.
                && !matches!(toks[v - 1].lower, "an" | "a" | "the")
                && l.back_np(v, c + 1).is_some()
        });
        if own_cue {
            return None;
        }
        let sp = (s + 2, c);
        return found(
            Attr {
                speaker: Some(sp),
                cue: Some(s),
                end,
            },
            c + 1,
            end,
        );
    }
    // "…, according to X."
    if let Some(a) = (lo + 3..end.saturating_sub(2)).find(|&k| {
        toks[k].is("according")
            && toks[k + 1].is("to")
            && l.inq[k] == 0
            && !matches!(toks[k + 2].lower, "which" | "whom" | "whose")
            // Without a comma only at the sentence end ("… yesterday
            // according to state media.").
            && (toks[k - 1].is(",")
                || (k + 8 >= end
                    && toks[k + 2..end].iter().all(|t| t.is_word() || t.is("'s") || t.is("’s"))))
    }) {
        // The source runs to the sentence end, or to a comma before an
        // appositive or relative clause ("…, according to police, who said …").
        let stop = (a + 2..end).find(|&k| toks[k].is(",")).unwrap_or(end);
        let after_ok = stop == end
            || toks
                .get(stop + 1)
                .is_some_and(|t| matches!(t.lower, "who" | "the" | "a" | "an" | "which"));
        // The source is a noun phrase: no verb of its own, except a noun
        // form of a cue after a determiner ("the reports") or a participle
        // after a noun ("a report released Tuesday").
        let np_like = stop - (a + 2) <= 10
            && toks[a + 2..stop].iter().enumerate().all(|(n, t)| {
                // A participle after a noun ("a report released Tuesday")
                // is fine; a reporting verb of its own is not.
                let participle = t.lower.ends_with("ed")
                    && n >= 2
                    && toks[a + 2 + n - 1].is_word()
                    && !lexicon::pronoun(toks[a + 2 + n - 1].lower);
                !(t.is_word() && !t.cap && t.lower.ends_with("ed")) || participle
            })
            && !toks[a + 2..stop].iter().any(|t| {
                matches!(
                    t.lower,
                    "he" | "she"
                        | "they"
                        | "we"
                        | "i"
                        | "what"
                        | "how"
                        | "said"
                        | "says"
                        | "told"
                        | "tells"
                        | "added"
                        | "adds"
                )
            });
        let sp = (a + 2, stop);
        // "On Sunday, according to police, a man was shot …": the clause
        // goes on after the source; the content is both parts.
        if np_like
            && stop < end
            && toks[a - 1].is(",")
            && toks
                .get(stop + 1)
                .is_some_and(|t| !matches!(t.lower, "who" | "which" | "whose" | "whom"))
            && toks[stop + 1..end].iter().filter(|t| t.is_word()).count() >= 3
        {
            let mut spans = Vec::new();
            if toks[s..a - 1].iter().any(|t| t.is_word()) {
                spans.push((toks[s].s, toks[a - 2].e));
            }
            let mut e = end;
            while e > stop + 1 && !toks[e - 1].is_word() && !toks[e - 1].is_mark() {
                e -= 1;
            }
            spans.push((toks[stop + 1].s, toks[e - 1].e));
            return Some(Found {
                kind: QuoteType::Indirect,
                spans,
                first: s,
                last: e,
                attr: Attr {
                    speaker: Some(sp),
                    cue: Some(a),
                    end,
                },
                inherited: None,
                pair: None,
            });
        }
        if after_ok && np_like {
            // Content ends before the comma, or right before "according".
            let c1 = if toks[a - 1].is(",") { a - 1 } else { a };
            return found(
                Attr {
                    speaker: Some(sp),
                    cue: Some(a),
                    end,
                },
                s,
                c1,
            );
        }
    }
    // "…, X said Sunday." / "…, said X." / "…, officials told state media,
    // adding …": the attribution clause runs to the next comma or dash.
    let inner_cue = |c: usize| {
        (lo..c).any(|k| {
            l.cue_at(k).is_some_and(|cu| cu.reports) && !toks[k].cap && l.back_np(k, lo).is_some()
        })
    };
    let timeish = |t: &Tok| {
        matches!(
            t.lower,
            "on" | "in"
                | "late"
                | "last"
                | "early"
                | "this"
                | "today"
                | "yesterday"
                | "tonight"
                | "week"
                | "morning"
                | "afternoon"
                | "evening"
                | "night"
                | "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
                | "a"
                | "statement"
        )
    };
    let commas: Vec<usize> = (lo + 3..end)
        .rev()
        .filter(|&k| toks[k].is(",") && l.inq[k] == 0)
        .take(3)
        .collect();
    for c in commas {
        if l.inq[c - 1] != 0 {
            continue;
        }
        // The attribution clause: up to the next comma or dash.
        let cend = (c + 1..end)
            .find(|&k| toks[k].is(",") || matches!(toks[k].lower, "—" | "–"))
            .unwrap_or(end);
        if cend - c > 12 {
            continue;
        }
        let Some(v) = (c + 1..cend).find(|&k| l.cue_at(k).is_some()) else {
            continue;
        };
        if used.get(v).copied().unwrap_or(false)
            || !l.cue_at(v).is_some_and(|cu| cu.reports)
            || inner_cue(c)
        {
            continue;
        }
        let tell = l.cue_at(v).is_some_and(|cu| cu.lemma == "tell");
        let rest_ok = |from: usize| {
            toks[from..cend].iter().all(timeish)
                || (tell && toks[from..cend].iter().all(|t| t.is_word()))
        };
        let sp = if v == c + 1 {
            let Some(sp) = l.fwd_np(v + 1, cend) else {
                continue;
            };
            let first = &toks[sp.0];
            if !(first.cap || matches!(first.lower, "the" | "a" | "an" | "one" | "another"))
                || !toks[sp.1..cend].iter().all(timeish)
            {
                continue;
            }
            sp
        } else {
            match l.back_np(v, c + 1) {
                Some(sp) if sp.0 == c + 1 && rest_ok(v + 1) => sp,
                _ => continue,
            }
        };
        // "The way forward, he argues, is …": the sentence goes on after a
        // parenthetical attribution; the content is both parts.
        if cend < end
            && toks[cend].is(",")
            && l.cue_at(cend + 1).is_none()
            && toks[cend + 1..end].iter().filter(|t| t.is_word()).count() >= 2
            && l.inq[cend + 1] == 0
        {
            let mut e = end;
            while e > cend + 1 && !toks[e - 1].is_word() && !toks[e - 1].is_mark() {
                e -= 1;
            }
            return Some(Found {
                kind: QuoteType::Indirect,
                spans: vec![
                    (toks[s].s, toks[c - 1].e),
                    (toks[cend + 1].s, toks[e - 1].e),
                ],
                first: s,
                last: e,
                attr: Attr {
                    speaker: Some(sp),
                    cue: Some(v),
                    end,
                },
                inherited: None,
                pair: None,
            });
        }
        return found(
            Attr {
                speaker: Some(sp),
                cue: Some(v),
                end: cend,
            },
            s,
            c,
        );
    }
    None
}

/// A finite verb (auxiliary or past tense) within `window` tokens after `k`,
/// before any comma or quote mark.
fn finite_ahead(toks: &[Tok], k: usize, end: usize, window: usize) -> bool {
    toks[k + 1..end.min(k + window)]
        .iter()
        .take_while(|t| !t.is(",") && !t.is_mark())
        .any(|t| {
            (t.is_word() && !t.cap && t.lower.ends_with("ed") && t.lower.len() > 3)
                || matches!(
                    t.lower,
                    "was"
                        | "were"
                        | "is"
                        | "are"
                        | "had"
                        | "has"
                        | "have"
                        | "would"
                        | "will"
                        | "could"
                        | "can"
                        | "may"
                        | "might"
                        | "should"
                        | "must"
                        | "did"
                        | "does"
                        | "do"
                )
        })
}

/// A noun phrase followed closely by a finite verb: "reported the cockpit
/// voice recorder was recovered" (a clause), unlike "announced the measure
/// at the briefing" (an object).
fn finite_clause_ahead(toks: &[Tok], k: usize, end: usize) -> bool {
    if !toks.get(k).is_some_and(|t| {
        matches!(
            t.lower,
            "the" | "a" | "an" | "this" | "its" | "his" | "her" | "their"
        )
    }) {
        return false;
    }
    toks[k + 1..end.min(k + 9)]
        .iter()
        // A relative clause's verb is not the clause's ("reported the deaths
        // of soldiers who were …").
        .take_while(|t| {
            !t.is(",") && !t.is_mark() && !matches!(t.lower, "who" | "which" | "that" | "whose")
        })
        .any(|t| {
            matches!(
                t.lower,
                "was"
                    | "were"
                    | "is"
                    | "are"
                    | "had"
                    | "has"
                    | "have"
                    | "would"
                    | "will"
                    | "could"
                    | "can"
                    | "may"
                    | "might"
                    | "should"
                    | "must"
            )
        })
}

/// From the tagger: a short noun phrase from `k` followed by a finite verb
/// ("stated the aircraft overran …", "said questions remain …",
/// "indicated 68 people were missing"), before any comma, quote mark or
/// relative pronoun. False on untagged text.
fn tagged_clause_ahead(l: &Layout, k: usize, end: usize) -> bool {
    let toks = &l.toks;
    if k >= end || l.tag(k) == Tag::Finite || l.tag(k) == Tag::Unknown {
        return false;
    }
    (k + 1..end.min(k + 8))
        .take_while(|&i| {
            let t = &toks[i];
            !t.is(",")
                && !t.is_mark()
                && !matches!(t.lower, "who" | "which" | "that" | "whose" | "to")
        })
        .any(|i| l.tag(i) == Tag::Finite)
}

fn clause_start_after_outlet(t: &Tok, n: usize) -> bool {
    n > 0
        && matches!(
            t.lower,
            "he" | "she" | "they" | "it" | "we" | "i" | "there" | "his" | "her" | "its" | "their"
        )
}
