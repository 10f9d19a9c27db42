//! Speaker resolution: from the phrase as written to an actor, through the
//! actors stage's mentions and coreference when present, else through the
//! stage's own salience rules (last person-like subject for "he"/"she",
//! the earlier full form of a surname, the earlier speaker for "the official").

use std::collections::HashMap;

use entente_core::{ActorCode, ActorRef, Doc, MentionKind, Span};

use crate::extract::Layout;
use crate::lexicon;
use crate::text::Tok;

/// A capitalised run that may name a person.
#[derive(Debug, Clone)]
struct Run {
    s: usize,
    e: usize,
    person: bool,
}

/// Document-level resolution state.
pub struct Resolver<'a> {
    doc: &'a Doc,
    l: &'a Layout<'a>,
    /// Lower-cased surname → full name, from the first multi-word person run.
    full: HashMap<String, String>,
    /// Per sentence: the person it is about (its subject), when one is seen.
    subj: Vec<Option<String>>,
    runs_by_sent: Vec<Vec<Run>>,
    /// Earlier speakers (token position, phrase lower-cased, resolved actor).
    speakers: Vec<(usize, String, ActorRef, bool)>,
    /// The code of the first coded mention ending in each last word
    /// (lower-cased, with its byte length), for [`Self::code_for_name`].
    surname_codes: HashMap<(String, usize), ActorCode>,
    /// The longest mention span, when the mentions are sorted by start
    /// (they are, after the actors stage): [`Self::via_mentions`] then
    /// searches near the phrase instead of over every mention.
    sorted_mentions: Option<u32>,
}

/// How many earlier speakers a pronoun or description looks back over: far
/// more than an article has, and what keeps a text of thousands of
/// attributions linear.
const SPEAKER_LOOKBACK: usize = 500;

fn lower_key(w: &str) -> (String, usize) {
    (w.chars().flat_map(char::to_lowercase).collect(), w.len())
}

fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("’s")
        .or_else(|| w.strip_suffix("'s"))
        .unwrap_or(w)
}

impl<'a> Resolver<'a> {
    /// Reads name runs and sentence subjects for the whole document.
    pub fn new(doc: &'a Doc, l: &'a Layout<'a>) -> Resolver<'a> {
        let toks = &l.toks;
        let mut runs_by_sent: Vec<Vec<Run>> = Vec::with_capacity(l.sents.len());
        let mut full: HashMap<String, String> = HashMap::new();
        let mut given_names: HashMap<String, String> = HashMap::new();
        for &(lo, hi) in &l.sents {
            let mut runs = Vec::new();
            let mut i = lo;
            while i < hi {
                if !(toks[i].cap && toks[i].is_word()) || l.inq[i] != 0 {
                    i += 1;
                    continue;
                }
                let s = i;
                let mut e = i + 1;
                while e < hi && l.inq[e] == 0 {
                    let t = &toks[e];
                    let name_word = t.cap && t.is_word();
                    let particle = matches!(
                        t.lower,
                        "al" | "bin"
                            | "de"
                            | "van"
                            | "von"
                            | "da"
                            | "del"
                            | "la"
                            | "le"
                            | "el"
                            | "dela"
                            | "du"
                            | "der"
                            | "den"
                            | "ter"
                            | "ibn"
                            | "abu"
                            | "bint"
                            | "y"
                    ) && toks.get(e + 1).is_some_and(|n| n.cap);
                    // "John F. Kennedy", "Mr. Smith".
                    let initial_dot = t.is(".")
                        && toks[e - 1].e == t.s
                        && toks[e - 1].e - toks[e - 1].s <= 2
                        && toks.get(e + 1).is_some_and(|n| n.cap);
                    // In title-case headlines a name ends before a
                    // capitalised gerund or preposition ("President Biden
                    // Commemorating …", "Biden Before Marine One").
                    let headline_break = name_word
                        && (lexicon::capital_function_word(t.lower)
                            || (t.lower.len() >= 9 && t.lower.ends_with("ing")));
                    if !(name_word || particle || initial_dot) || headline_break {
                        break;
                    }
                    e += 1;
                    // A possessive ends the run ("Iran’s president").
                    if toks[e - 1].lower.ends_with("’s") || toks[e - 1].lower.ends_with("'s") {
                        break;
                    }
                }
                let mut rs = s;
                while rs < e
                    && (lexicon::capital_function_word(toks[rs].lower)
                        || toks[rs].is(".")
                        || (toks[rs].lower.len() >= 9 && toks[rs].lower.ends_with("ing")))
                {
                    rs += 1;
                }
                if rs < e {
                    runs.push(Run {
                        s: rs,
                        e,
                        person: false,
                    });
                }
                i = e;
            }
            runs_by_sent.push(runs);
        }
        // Person-like runs and their full forms. A run's person part is its
        // tail after organisation, country and title words ("United Nations
        // Nikki Haley" → "Nikki Haley", "Vice President Kamala Harris").
        for runs in runs_by_sent.iter_mut() {
            for r in runs.iter_mut() {
                let mut ts = r.e;
                while ts > r.s {
                    let w = strip_possessive(toks[ts - 1].lower);
                    let blocked = toks[ts - 1].is_word()
                        && (lexicon::org_word(w)
                            || lexicon::title_word(w)
                            || lexicon::country(w).is_some());
                    if blocked {
                        break;
                    }
                    ts -= 1;
                }
                // Titled: a person title right before the name, inside the
                // run or just before it ("president Erdoğan").
                let titled = ts > 0
                    && toks[ts - 1].is_word()
                    && lexicon::person_title(strip_possessive(toks[ts - 1].lower));
                // Back over "." of initials inside the tail is fine; a tail
                // must hold a word.
                let words: Vec<&Tok> = toks[ts..r.e].iter().filter(|t| t.is_word()).collect();
                if words.is_empty() {
                    continue;
                }
                let possessive = words
                    .last()
                    .is_some_and(|t| t.lower.ends_with("’s") || t.lower.ends_with("'s"));
                let acronym = words.len() == 1 && {
                    let t = words[0];
                    doc.text[t.s..t.e]
                        .chars()
                        .all(|c| c.is_uppercase() || c == '.' || c.is_ascii_digit())
                };
                // An acronym inside makes it an organisation ("Past EVD").
                let has_acronym = words.iter().any(|t| {
                    t.e - t.s >= 2
                        && doc.text[t.s..t.e]
                            .chars()
                            .all(|c| c.is_uppercase() || c == '.')
                });
                if acronym || (has_acronym && !titled) {
                    continue;
                }
                if words.len() >= 2 || titled {
                    r.s = ts;
                    r.person = true;
                    if words.len() >= 2 && !possessive {
                        let name = doc.text[toks[ts].s..toks[r.e - 1].e].to_string();
                        let sur = lexicon::fold(words[words.len() - 1].lower);
                        // The given name too ("Princess Ubolratana"), when
                        // no surname already uses it.
                        let given = lexicon::fold(words[0].lower);
                        given_names.entry(given).or_insert_with(|| name.clone());
                        full.entry(sur).or_insert(name);
                    }
                }
            }
        }
        for (k, v) in given_names {
            full.entry(k).or_insert(v);
        }
        for runs in runs_by_sent.iter_mut() {
            for r in runs.iter_mut() {
                if !r.person && r.e == r.s + 1 {
                    let w = strip_possessive(toks[r.s].lower);
                    if full.contains_key(&lexicon::fold(w)) && !lexicon::capital_function_word(w) {
                        r.person = true;
                    }
                }
            }
        }
        let mut me = Resolver {
            doc,
            l,
            full,
            subj: vec![None; l.sents.len()],
            runs_by_sent,
            speakers: Vec::new(),
            surname_codes: HashMap::new(),
            sorted_mentions: None,
        };
        for m in &doc.mentions {
            let Some(code) = &m.code else { continue };
            let t = doc.slice(m.span);
            if let Some(last) = t.split_whitespace().next_back() {
                me.surname_codes
                    .entry(lower_key(strip_possessive(last)))
                    .or_insert_with(|| code.clone());
            }
        }
        let ms = &doc.mentions;
        if ms.windows(2).all(|w| w[0].span.start <= w[1].span.start)
            && ms.iter().all(|m| m.span.end >= m.span.start)
        {
            me.sorted_mentions = Some(
                ms.iter()
                    .map(|m| m.span.end - m.span.start)
                    .max()
                    .unwrap_or(0),
            );
        }
        // Sentence subjects, pronouns chained to earlier subjects.
        for si in 0..l.sents.len() {
            let (lo, hi) = l.sents[si];
            let first_pron =
                (lo..hi).find(|&i| l.inq[i] == 0 && matches!(toks[i].lower, "he" | "she"));
            let first_run = me.runs_by_sent[si]
                .iter()
                .find(|r| r.person && !me.governed(r.s))
                .map(|r| r.s);
            let s = match (first_pron, first_run) {
                (Some(p), Some(r)) if p < r => me.earlier_subject(si),
                (Some(_), None) => me.earlier_subject(si),
                (_, Some(r)) => {
                    let run = me.runs_by_sent[si].iter().find(|x| x.s == r).cloned();
                    run.map(|x| me.run_name(x.s, x.e))
                }
                (None, None) => None,
            };
            me.subj[si] = s;
        }
        me
    }

    /// Whether the run starting at `s` is the object of a preposition
    /// ("speaking to Martin Smith"), hence a poor antecedent for "he".
    fn governed(&self, s: usize) -> bool {
        let toks = &self.l.toks;
        let mut i = s;
        while i > 0 && lexicon::title_word(toks[i - 1].lower) && !toks[i - 1].cap {
            i -= 1;
        }
        if i >= 2 && toks[i - 1].is("to") && toks[i - 2].is("according") {
            return false;
        }
        i > 0
            && matches!(
                toks[i - 1].lower,
                "to" | "with"
                    | "by"
                    | "from"
                    | "for"
                    | "of"
                    | "about"
                    | "at"
                    | "against"
                    | "on"
                    | "than"
                    | "like"
            )
    }

    fn earlier_subject(&self, si: usize) -> Option<String> {
        (si.saturating_sub(6)..si)
            .rev()
            .find_map(|k| self.subj[k].clone())
    }

    /// The display name of a run: titles dropped, surname expanded.
    fn run_name(&self, s: usize, e: usize) -> String {
        let toks = &self.l.toks;
        let (_, ns) = strip_titles(toks, s, e);
        let ns = if ns >= e { s } else { ns };
        let text = &self.doc.text[toks[ns].s..toks[e - 1].e];
        let text = strip_possessive(text);
        if e - ns == 1 {
            if let Some(f) = self
                .full
                .get(&lexicon::fold(strip_possessive(toks[ns].lower)))
            {
                return f.clone();
            }
        }
        text.to_string()
    }

    /// Resolves a speaker phrase (token range) to an actor. Returns the
    /// actor, the mention index used, and whether the source is anonymous
    /// (directly or through the phrase it refers back to).
    pub fn resolve(&mut self, sp: (usize, usize)) -> (Option<ActorRef>, Option<u32>, bool) {
        let toks = &self.l.toks;
        let (s, e) = sp;
        let span = Span::new(toks[s].s, toks[e - 1].e);
        let phrase_lower = toks[s..e]
            .iter()
            .map(|t| t.lower)
            .collect::<Vec<_>>()
            .join(" ");
        let head = toks[s..e]
            .iter()
            .rev()
            .find(|t| t.is_word())
            .map(|t| t.lower.to_string())
            .unwrap_or_default();
        let si = self.l.sent_of[s] as usize;
        let pronoun = e - s == 1 && lexicon::pronoun(&head);
        let anon_phrase = is_anonymous_phrase(toks, s, e);

        // The actors stage's mentions (following coreference) give codes;
        // names come first from the stage's own rules, measured more
        // accurate for speakers on the dev set, and from the mentions only
        // when those rules find nothing.
        let (from_mentions, mention) = self.via_mentions(span);
        let mut actor: Option<ActorRef> = None;
        let mut anonymous = anon_phrase;

        {
            if pronoun {
                actor = match head.as_str() {
                    "he" | "she" | "him" | "her" => self.pronoun_person(s, si).map(|n| ActorRef {
                        code: self.code_for_name(&n),
                        name: n,
                    }),
                    "i" | "we" => self.transcript_label(s),
                    "they" => self
                        .speakers
                        .iter()
                        .rev()
                        .take(SPEAKER_LOOKBACK)
                        .find(|x| x.0 < s && x.1.ends_with('s'))
                        .map(|x| x.2.clone()),
                    _ => None,
                };
                if let Some(a) = &actor {
                    anonymous = self
                        .speakers
                        .iter()
                        .rev()
                        .take(SPEAKER_LOOKBACK)
                        .find(|x| x.2.name == a.name)
                        .is_some_and(|x| x.3);
                }
            } else if let Some(r) = self.person_run_in(si, s, e) {
                let n = self.run_name(r.0, r.1);
                actor = Some(ActorRef {
                    code: self.code_for_name(&n),
                    name: n,
                });
            } else {
                // A description: "the official" refers back to an earlier
                // speaker with the same head noun.
                let definite = toks[s].is("the") || toks[s].is("this");
                if definite && e - s <= 3 {
                    if let Some(x) = self.speakers.iter().rev().take(SPEAKER_LOOKBACK).find(|x| {
                        x.0 < s
                            && x.1 != phrase_lower
                            && x.1.split(' ').next_back() == Some(head.as_str())
                    }) {
                        actor = Some(x.2.clone());
                        anonymous = x.3;
                    } else if let Some(n) = self.titled_person(s, &head) {
                        actor = Some(ActorRef {
                            code: self.code_for_name(&n),
                            name: n,
                        });
                    } else if let Some(a) = self.earlier_description(s, &head) {
                        anonymous = anonymous || is_anonymous_text(&a.name);
                        actor = Some(a);
                    }
                }
                if actor.is_none() {
                    let name =
                        description_name(&self.doc.text[span.start as usize..span.end as usize]);
                    let code = description_code(&name.to_lowercase(), anon_phrase);
                    if !name.is_empty() {
                        actor = Some(ActorRef { name, code });
                    }
                }
            }
        }
        match (&mut actor, from_mentions) {
            (Some(a), Some(m)) if a.code.is_none() && !pronoun => a.code = m.code,
            (None, Some(m)) => actor = Some(m),
            _ => {}
        }
        if let Some(a) = &actor {
            self.speakers.push((s, phrase_lower, a.clone(), anonymous));
            // A named speaker is what the sentence is about.
            if (!anonymous && !pronoun && self.person_run_in(si, s, e).is_some())
                || (pronoun && matches!(head.as_str(), "he" | "she" | "him" | "her"))
            {
                self.subj[si] = Some(a.name.clone());
            }
        }
        (actor, mention, anonymous)
    }

    fn via_mentions(&self, span: Span) -> (Option<ActorRef>, Option<u32>) {
        let ms = &self.doc.mentions;
        let mut best: Option<usize> = None;
        if let Some(longest) = self.sorted_mentions {
            // Sorted by start: the last overlapping mention before the
            // phrase's end is the one the scan below would keep; none
            // starting `longest` bytes before the phrase can reach it.
            let mut k = ms.partition_point(|m| m.span.start < span.end);
            while k > 0 {
                k -= 1;
                let m = &ms[k];
                if m.span.start.saturating_add(longest) <= span.start {
                    break;
                }
                if m.span.overlaps(span) {
                    best = Some(k);
                    break;
                }
            }
        } else {
            for (i, m) in ms.iter().enumerate() {
                if m.span.overlaps(span) {
                    // Prefer the last (head-most) mention inside the phrase.
                    if best.is_none_or(|b| ms[b].span.start <= m.span.start) {
                        best = Some(i);
                    }
                }
            }
        }
        let Some(mut i) = best else {
            return (None, None);
        };
        let first = i as u32;
        for _ in 0..32 {
            let m = &ms[i];
            let resolved = m.actor.is_some() || m.code.is_some();
            if resolved && !matches!(m.kind, MentionKind::Pronoun) {
                let name = m
                    .actor
                    .clone()
                    .unwrap_or_else(|| self.doc.slice(m.span).to_string());
                return (
                    Some(ActorRef {
                        name,
                        code: m.code.clone(),
                    }),
                    Some(first),
                );
            }
            match m.antecedent {
                Some(a) if (a as usize) < ms.len() && a as usize != i => i = a as usize,
                _ => break,
            }
        }
        (None, Some(first))
    }

    /// A code for a name from the actors stage's mentions elsewhere in the
    /// document (same surname), when it resolved one.
    pub(crate) fn code_for_name(&self, name: &str) -> Option<ActorCode> {
        // The first coded mention whose last word is the surname (case
        // aside), from a map built once: a scan per name made texts with
        // many attributions quadratic.
        let sur = name.split_whitespace().next_back()?;
        self.surname_codes.get(&lower_key(sur)).cloned()
    }

    fn person_run_in(&self, si: usize, s: usize, e: usize) -> Option<(usize, usize)> {
        let toks = &self.l.toks;
        let inside: Vec<&Run> = self.runs_by_sent[si]
            .iter()
            .filter(|r| r.s >= s && r.e <= e && r.person)
            .collect();
        // An appositive name after the last comma ("the director, Mariela Belski").
        let last_comma = (s..e).rev().find(|&i| toks[i].is(","));
        let appositive = last_comma.and_then(|c| inside.iter().find(|r| r.s > c));
        // Else the first name that is not a modifier ("Hong Kong director …",
        // "Mendez's wife …").
        let head = inside.iter().find(|r| {
            let poss = toks[r.e - 1].lower.ends_with("’s") || toks[r.e - 1].lower.ends_with("'s");
            // A name followed by a lower-case word inside the phrase
            // modifies it ("Houthi military spokesperson …").
            let modifier = toks.get(r.e).is_some_and(|n| {
                n.is_word() && !n.cap && !matches!(n.lower, "of" | "and" | "who") && r.e < e
            });
            !poss && !modifier
        });
        let not_poss = |r: &&&Run| {
            !(toks[r.e - 1].lower.ends_with("’s") || toks[r.e - 1].lower.ends_with("'s"))
        };
        // "Erdogan's office", "Judge Miller's statement": the possessor
        // speaks through the thing possessed.
        let possessor = inside.iter().find(|r| {
            !not_poss(r)
                && toks.get(r.e).is_some_and(|n| {
                    matches!(
                        n.lower,
                        "statement"
                            | "office"
                            | "tweet"
                            | "message"
                            | "letter"
                            | "remarks"
                            | "comments"
                            | "decree"
                            | "account"
                            | "post"
                            | "spokesman"
                            | "spokeswoman"
                            | "spokesperson"
                            | "lawyer"
                            | "lawyers"
                            | "attorney"
                            | "campaign"
                            | "website"
                            | "speech"
                    )
                })
        });
        appositive
            .or(head)
            .or(inside.last().filter(not_poss))
            .or(possessor)
            .map(|r| (r.s, r.e))
            .or_else(|| {
                // A single capitalised word that is not an organisation or
                // country still names its speaker ("Smith said").
                let toks = &self.l.toks;
                let caps: Vec<usize> = (s..e)
                    .filter(|&i| toks[i].cap && toks[i].is_word())
                    .collect();
                let all_caps_name = !caps.is_empty()
                    && caps.len() == (s..e).filter(|&i| toks[i].is_word()).count()
                    && caps.iter().all(|&i| {
                        let w = strip_possessive(toks[i].lower);
                        !lexicon::org_word(w)
                            && lexicon::country(w).is_none()
                            && !lexicon::capital_function_word(w)
                    })
                    && lexicon::country(
                        &toks[s..e]
                            .iter()
                            .map(|t| t.lower)
                            .collect::<Vec<_>>()
                            .join(" "),
                    )
                    .is_none();
                let acronym = caps.len() == 1 && {
                    let t = &toks[caps[0]];
                    self.doc.text[t.s..t.e]
                        .chars()
                        .all(|c| c.is_uppercase() || c == '.')
                };
                (all_caps_name && !acronym).then_some((s, e))
            })
    }

    /// "the president", "the commissioner": the nearest person introduced
    /// with that title ("Commissioner Albert Muchanga", "Italian minister
    /// Stefano Patuanelli"), looking back first, then ahead.
    fn titled_person(&self, at: usize, head: &str) -> Option<String> {
        if !lexicon::title_word(head)
            || matches!(
                head,
                "the" | "of" | "state" | "house" | "white" | "national" | "security" | "press"
            )
        {
            return None;
        }
        let toks = &self.l.toks;
        let find = |i: usize| -> Option<String> {
            if toks[i].lower != head || self.l.inq[i] != 0 {
                return None;
            }
            let si = self.l.sent_of[i] as usize;
            let r = self.runs_by_sent[si]
                .iter()
                .find(|r| r.person && r.e > i && r.s <= i + 6)?;
            // Only titles and names between the title and the name.
            if (i + 1..r.s)
                .any(|k| !(toks[k].cap || lexicon::title_word(toks[k].lower) || toks[k].is(",")))
            {
                return None;
            }
            Some(self.run_name(r.s, r.e))
        };
        let lo = at.saturating_sub(1500);
        (lo..at)
            .rev()
            .find_map(find)
            .or_else(|| (at + 1..toks.len().min(at + 1500)).find_map(find))
    }

    /// "he"/"she": a person named earlier in the sentence, else the subject
    /// of the nearest earlier sentence that has one.
    fn pronoun_person(&self, at: usize, si: usize) -> Option<String> {
        if let Some(r) = self.runs_by_sent[si]
            .iter()
            .find(|r| r.person && r.e <= at && !self.governed(r.s))
        {
            return Some(self.run_name(r.s, r.e));
        }
        let (lo, _) = self.l.sents[si];
        let earlier_pron =
            (lo..at).any(|i| self.l.inq[i] == 0 && matches!(self.l.toks[i].lower, "he" | "she"));
        if earlier_pron {
            if let Some(s) = &self.subj[si] {
                return Some(s.clone());
            }
        }
        self.earlier_subject(si)
    }

    /// "I"/"we" in a transcript paragraph labelled `NAME:`.
    fn transcript_label(&self, at: usize) -> Option<ActorRef> {
        let l = self.l;
        let pi = l.para_of_sent[l.sent_of[at] as usize] as usize;
        for p in (pi.saturating_sub(20)..=pi).rev() {
            let (lo, hi) = l.paras[p];
            let colon = (lo..hi.min(lo + 6)).find(|&i| l.toks[i].is(":"))?;
            let label = &self.doc.text[l.toks[lo].s..l.toks[colon].s];
            if colon > lo
                && label.chars().any(|c| c.is_alphabetic())
                && !label.chars().any(|c| c.is_lowercase())
            {
                let name = label.trim().trim_start_matches("THE ").to_string();
                return (name != "Q").then_some(ActorRef { name, code: None });
            }
        }
        None
    }

    /// "the official": an earlier indefinite phrase with the same head
    /// ("a US State Department official"), even when not itself a speaker.
    fn earlier_description(&self, at: usize, head: &str) -> Option<ActorRef> {
        let toks = &self.l.toks;
        let lo = at.saturating_sub(400);
        for i in (lo..at).rev() {
            if toks[i].lower != head || self.l.inq[i] != 0 {
                continue;
            }
            let mut s = i;
            while s > 0
                && i - s < 6
                && toks[s - 1].is_word()
                && !lexicon::np_stop(toks[s - 1].lower)
            {
                s -= 1;
                if matches!(toks[s].lower, "a" | "an") {
                    break;
                }
            }
            if matches!(toks[s].lower, "a" | "an") && s < i {
                let name = description_name(&self.doc.text[toks[s].s..toks[i].e]);
                let code = description_code(&name.to_lowercase(), true);
                return Some(ActorRef { name, code });
            }
        }
        None
    }
}

/// Strips leading titles and lower-case words ("Secretary of State John
/// Kerry" → "John Kerry"). Returns whether a title was seen and where the
/// name starts.
fn strip_titles(toks: &[Tok], s: usize, e: usize) -> (bool, usize) {
    let mut i = s;
    let mut titled = false;
    while i + 1 < e {
        let l = toks[i].lower;
        if lexicon::title_word(l)
            || !toks[i].cap
            || toks[i].is(".")
            || l.ends_with("’s")
            || l.ends_with("'s")
            || lexicon::country(l).is_some()
        {
            if lexicon::title_word(l) {
                titled = true;
            }
            i += 1;
        } else {
            break;
        }
    }
    (titled, i)
}

/// Whether a speaker phrase names nobody: "an anonymous senior Iranian
/// official", "sources familiar with the talks", "some reports".
fn is_anonymous_phrase(toks: &[Tok], s: usize, e: usize) -> bool {
    let mut words: Vec<&Tok> = toks[s..e].iter().filter(|t| t.is_word()).collect();
    // The head comes before "familiar with …", "close to …", "who …".
    if let Some(cut) = words.iter().position(|t| {
        matches!(
            t.lower,
            "familiar" | "close" | "briefed" | "knowledgeable" | "who" | "with"
        )
    }) {
        if cut > 0 {
            words.truncate(cut);
        }
    }
    if words
        .iter()
        .any(|t| matches!(t.lower, "anonymous" | "unnamed" | "unidentified"))
    {
        return true;
    }
    let Some(head) = words.last() else {
        return false;
    };
    if !lexicon::anonymous_head(head.lower) {
        return false;
    }
    // A person's name in the phrase makes it on the record.
    !words.windows(2).any(|w| {
        w[0].cap
            && w[1].cap
            && !lexicon::capital_function_word(w[0].lower)
            && !lexicon::title_word(w[0].lower)
            && lexicon::country(w[0].lower).is_none()
            && !lexicon::org_word(w[1].lower)
    })
}

fn is_anonymous_text(s: &str) -> bool {
    let l = s.to_lowercase();
    l.split_whitespace()
        .next_back()
        .is_some_and(lexicon::anonymous_head)
}

/// A description as an actor name: leading article dropped.
fn description_name(s: &str) -> String {
    let t = s.trim();
    for a in ["The ", "the ", "A ", "a ", "An ", "an "] {
        if let Some(r) = t.strip_prefix(a) {
            return r.to_string();
        }
    }
    t.to_string()
}

/// A code for a description from its country word and role ("a US State
/// Department official" → USAGOV; "Iran" → IRN).
fn description_code(lower: &str, official: bool) -> Option<ActorCode> {
    if let Some((c, _)) = lexicon::country(lower.trim()) {
        return Some(ActorCode::new(c));
    }
    let mut country = None;
    for w in lower.split(|c: char| c.is_whitespace() || c == '-') {
        if let Some((c, _)) = lexicon::country(w.trim_end_matches("’s").trim_end_matches("'s")) {
            country = Some(c);
            break;
        }
    }
    let country = country.or_else(|| {
        ["white house", "state department", "pentagon"]
            .iter()
            .any(|k| lower.contains(k))
            .then_some("USA")
    })?;
    let gov = official
        || [
            "government",
            "ministry",
            "minister",
            "department",
            "official",
            "spokes",
            "president",
            "white house",
            "kremlin",
            "administration",
        ]
        .iter()
        .any(|k| lower.contains(k));
    let mil = [
        "military",
        "army",
        "pentagon",
        "defense department",
        "forces",
    ]
    .iter()
    .any(|k| lower.contains(k));
    let role = if mil {
        "MIL"
    } else if gov {
        "GOV"
    } else {
        ""
    };
    Some(ActorCode::new(format!("{country}{role}")))
}

/// What can be inferred from an anonymous source's description.
pub fn infer_anonymous(desc: &str) -> Option<String> {
    let lower = desc.to_lowercase();
    let mut parts = Vec::new();
    for w in lower.split(|c: char| c.is_whitespace() || c == '-') {
        if let Some((_, name)) = lexicon::country(w.trim_end_matches("’s").trim_end_matches("'s"))
        {
            parts.push(format!("country={name}"));
            break;
        }
    }
    if let Some((_, inst)) = lexicon::INSTITUTIONS
        .iter()
        .find(|(k, _)| lower.contains(k))
    {
        parts.push(format!("institution={inst}"));
    }
    if let Some(r) = lexicon::RANKS
        .iter()
        .find(|r| lower.split_whitespace().any(|w| w == **r))
    {
        parts.push(format!("rank={r}"));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}
