//! # entente-quotes
//!
//! Stage 4b: direct, mixed and reported speech with speakers, cues, outlets,
//! hedges and anonymous sources. Fills [`entente_core::Doc::quotes`], and adds
//! an [`entente_core::Event`] where a reported statement is itself an
//! accusation ("Rouhani told journalists that the strikes were illegal" →
//! Iran accuses the US, CAMEO 112).
//!
//! How it works, per document:
//! 1. [`extract::Layout`] tokenizes the text itself (quote marks and
//!    apostrophes kept as they are), splits paragraphs and sentences and
//!    pairs quote marks **per paragraph**: an unbalanced mark costs at most
//!    its paragraph (a warning is left on the document), never the document.
//!    A paragraph whose quotation is left open and whose successor opens with
//!    a mark is a multi-paragraph quotation, as in print convention.
//! 2. [`extract::find`] attributes each quotation from the words next to its
//!    marks (`”, he said.` / `X said: “`), falls back to the sentence's cue
//!    for quoted fragments (mixed quotes), joins quotations interrupted by
//!    their attribution, hands unattributed ones the previous speaker, and
//!    finds reported speech (`X told Y that …`, `X said on Monday it …`).
//! 3. In transcripts ([`transcript`]), each paragraph of a labelled turn
//!    ("MS. PSAKI:", "THE PRESIDENT:") is a direct quote of the labelled
//!    person (named as the text names them), and "I"/"we"/"let me" speakers
//!    inside a turn are that person; reporters' questions ("Q") give none.
//! 4. [`resolve::Resolver`] resolves speakers: through the actors stage's
//!    mentions and coreference when present, else with its own salience rules.
//!
//! **Architecture invariant:** no SQL, no HTTP; works per paragraph so one
//! unbalanced quote mark never loses a whole document.

use entente_core::{Annotator, CameoCode, CoreError, Doc, Event, Modality, Quote, QuoteType, Span};

mod extract;
mod lexicon;
mod reported;
mod resolve;
mod text;
mod transcript;

use extract::{Found, Layout};
use text::Kind;

/// The quote and attribution stage.
#[derive(Debug, Default)]
pub struct Quotes {}

/// Whether a lower-cased word form is a speech cue of the quote extractor
/// ("said", "told", "stating"). A cheap pre-check over the extractor's own
/// cue list, for callers deciding which sentences need a full analysis.
pub fn speech_cue(form_lc: &str) -> bool {
    lexicon::cue(form_lc).is_some()
}

/// Whether `c` is a quotation mark the extractor pairs as a quote
/// (double marks, and the opening single mark; the closing single mark is
/// left out because it is also the apostrophe).
pub fn quote_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '‘')
}

impl Quotes {
    /// Builds the stage (all word lists are compiled in).
    pub fn load() -> Result<Quotes, CoreError> {
        Ok(Quotes {})
    }

    /// Extracts quotes from `doc` without touching it.
    pub fn extract(&self, doc: &Doc) -> (Vec<Quote>, Vec<Event>, Vec<String>) {
        // One ASCII lower-cased copy: same byte offsets, no per-token copies.
        let lower = doc.text.to_ascii_lowercase();
        let mut l = Layout::new(&doc.text, &lower);
        l.add_tags(&doc.tokens);
        let mut warnings = Vec::new();
        for &pi in &l.unbalanced {
            let (lo, _) = l.paras[pi];
            warnings.push(format!(
                "unbalanced quote marks in the paragraph at byte {}; its unpaired marks were ignored",
                l.toks[lo].s
            ));
        }
        let found = extract::find(&doc.text, &l);
        let mut res = resolve::Resolver::new(doc, &l);
        let mut quotes: Vec<Quote> = Vec::with_capacity(found.len());
        // Earlier quotes give their speakers to the inherited ones.
        for f in &found {
            let mut q = build(doc, &l, &mut res, f, &quotes);
            first_person_as_written(&doc.text, &mut q);
            quotes.push(q);
        }
        let turns = transcript::turns(&doc.text, &l);
        if !turns.is_empty() {
            apply_turns(doc, &l, &mut res, &turns, &mut quotes);
        }
        // Events the statements make, linked to their attributions: the
        // quotes stage's own (accusations in reported content) and those the
        // events stage coded on a cue or inside a content span.
        let mut events = Vec::new();
        let mut by_start: Vec<(u32, u32)> = doc
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| (e.trigger_span.start, i as u32))
            .collect();
        by_start.sort_unstable();
        for q in quotes.iter_mut() {
            link_events(&doc.events, &by_start, q);
            if let Some(e) = quote_event(doc, &l, q) {
                q.events.push((doc.events.len() + events.len()) as u32);
                events.push(e);
            }
        }
        (quotes, events, warnings)
    }
}

impl Annotator for Quotes {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn annotate(&self, doc: &mut Doc) -> Result<(), CoreError> {
        let (quotes, events, warnings) = self.extract(doc);
        for w in warnings {
            doc.warn("quotes", w);
        }
        doc.quotes.extend(quotes);
        doc.events.extend(events);
        Ok(())
    }
}

fn build(doc: &Doc, l: &Layout, res: &mut resolve::Resolver, f: &Found, done: &[Quote]) -> Quote {
    let text = &doc.text;
    let spans: Vec<Span> = f.spans.iter().map(|&(s, e)| Span::new(s, e)).collect();
    let quote = spans
        .iter()
        .map(|s| s.slice(text))
        .collect::<Vec<_>>()
        .join(" ");
    let sentence = sentence_index(doc, l, spans.first().map_or(0, |s| s.start as usize));
    let mut q = Quote {
        sentence,
        quote,
        quote_spans: spans,
        kind: f.kind,
        speaker: None,
        speaker_span: None,
        speaker_actor: None,
        speaker_mention: None,
        cue: None,
        cue_span: None,
        cue_class: None,
        anonymous: false,
        anonymous_inferred: None,
        outlet: None,
        hedge: None,
        events: Vec::new(),
    };
    if let Some(c) = f.attr.cue {
        let t = &l.toks[c];
        if t.is("according") {
            q.cue = Some("according to".into());
            q.cue_class = Some("say".into());
            q.cue_span = Some(Span::new(t.s, l.toks.get(c + 1).map_or(t.e, |n| n.e)));
        } else if matches!(t.lower, "view" | "opinion" | "judgment" | "estimation") {
            // "in X's view": a belief of X.
            q.cue = Some(format!("in the {} of", t.lower));
            q.cue_class = Some("belief".into());
            q.cue_span = Some(Span::new(t.s, t.e));
        } else if matches!(
            t.lower,
            "reportedly" | "allegedly" | "purportedly" | "reputedly"
        ) {
            // A source-less hedged report: the adverb is the cue.
            q.cue = Some(t.lower.to_string());
            q.cue_class = Some(
                if t.lower == "reportedly" {
                    "report"
                } else {
                    "claim"
                }
                .into(),
            );
            q.cue_span = Some(Span::new(t.s, t.e));
        } else if let Some(cue) = lexicon::cue(t.lower) {
            q.cue = Some(cue.lemma.into());
            q.cue_class = Some(cue.class.into());
            q.cue_span = Some(Span::new(t.s, t.e));
        }
    }
    if let Some((s, e)) = f.attr.speaker {
        let mut end = l.toks[e - 1].e;
        // A possessor ("Hale's view") speaks as "Hale".
        for suffix in ["'s", "’s"] {
            if text[l.toks[s].s..end].ends_with(suffix) && end - suffix.len() > l.toks[s].s {
                end -= suffix.len();
            }
        }
        let span = Span::new(l.toks[s].s, end);
        q.speaker = Some(span.slice(text).to_string());
        q.speaker_span = Some(span);
        let (actor, mention, anon) = res.resolve((s, e));
        q.speaker_actor = actor;
        q.speaker_mention = mention;
        q.anonymous = anon;
    } else if let Some(i) = f.inherited {
        if let Some(prev) = done.get(i) {
            q.speaker = prev.speaker.clone();
            q.speaker_span = prev.speaker_span;
            q.speaker_actor = prev.speaker_actor.clone();
            q.speaker_mention = prev.speaker_mention;
            q.anonymous = prev.anonymous;
            q.cue = prev.cue.clone();
            q.cue_class = prev.cue_class.clone();
            q.outlet = prev.outlet.clone();
        }
    }
    if q.anonymous {
        let desc = q
            .speaker_actor
            .as_ref()
            .map(|a| a.name.clone())
            .or_else(|| q.speaker.clone())
            .unwrap_or_default();
        q.anonymous_inferred = resolve::infer_anonymous(&desc);
    }
    if f.attr.cue.is_some() {
        if let Some(o) = outlet(doc, l, f) {
            q.outlet = Some(o);
        }
        q.hedge = hedge(doc, l, f);
    }
    // A source-less passive ("it is widely believed that …"): no speaker,
    // the construction itself is the hedge.
    if let (None, None, Some(c)) = (f.attr.speaker, f.inherited, f.attr.cue) {
        let lo = (c.saturating_sub(5)..c).find(|&i| l.toks[i].is("it"));
        // "X is (widely) said to …": the verb group is the hedge;
        // "reportedly": the adverb.
        let be = (c.saturating_sub(3)..c).find(|&i| {
            matches!(
                l.toks[i].lower,
                "is" | "are" | "was" | "were" | "been" | "being" | "be"
            )
        });
        let from = match (lo, be) {
            (Some(lo), _) => Some(lo),
            (None, Some(b)) if l.toks.get(c + 1).is_some_and(|t| t.is("to")) => Some(b),
            (None, _) if q.cue.as_deref().is_some_and(|w| w.ends_with("ly")) => Some(c),
            _ => None,
        };
        if let Some(lo) = from {
            q.hedge = Some(doc.text[l.toks[lo].s..l.toks[c].e].to_string());
            q.anonymous = true;
            q.anonymous_inferred = Some("no source given".into());
        }
    }
    q
}

/// First-person speaker phrases as the extractor reads them ("I'll",
/// "let me", "we've"): whether the phrase is first person, as the pronoun
/// "i" or "we".
fn first_person(phrase: &str) -> Option<&'static str> {
    let p = phrase.trim().to_lowercase().replace('’', "'");
    if p == "let's" || p == "lets" {
        return Some("we");
    }
    let p = p.strip_prefix("let ").unwrap_or(&p);
    match p.split('\'').next().unwrap_or("") {
        "i" | "me" | "myself" => Some("i"),
        "we" | "us" | "ourselves" => Some("we"),
        _ => None,
    }
}

/// Rewrites a first-person speaker that is no noun phrase ("I'll", "let
/// me", "let's") to the pronoun inside it, with the pronoun's own span.
fn first_person_as_written(text: &str, q: &mut Quote) {
    let (Some(sp), Some(span)) = (q.speaker.as_deref(), q.speaker_span) else {
        return;
    };
    if first_person(sp).is_none() {
        return;
    }
    let slice = span.slice(text);
    // Byte ranges of the words of the phrase, split at spaces and apostrophes.
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in slice.char_indices() {
        let sep = c.is_whitespace() || c == '\'' || c == '’';
        match (sep, start) {
            (true, Some(s0)) => {
                words.push((s0, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s0) = start {
        words.push((s0, slice.len()));
    }
    let pick = words.iter().enumerate().find_map(|(k, &(a, b))| {
        let w = slice[a..b].to_lowercase();
        let pron = matches!(
            w.as_str(),
            "i" | "me" | "we" | "us" | "myself" | "ourselves"
        );
        // "let's": the "s" after "let" is "us".
        let lets =
            w == "s" && k > 0 && slice[words[k - 1].0..words[k - 1].1].eq_ignore_ascii_case("let");
        (pron || lets).then_some((a, b, lets))
    });
    let Some((a, b, lets)) = pick else { return };
    if a == 0 && b == slice.len() {
        return; // already a bare pronoun
    }
    let pron = if lets {
        "us".to_string()
    } else {
        slice[a..b].to_string()
    };
    // An actor named after the phrase itself ("I'm") is the pronoun too.
    let written = sp.to_string();
    if let Some(actor) = q.speaker_actor.as_mut().filter(|x| x.name == written) {
        actor.name = pron.clone();
    }
    q.speaker = Some(pron);
    q.speaker_span = Some(Span::new(span.start as usize + a, span.start as usize + b));
}

/// Transcript turns: each paragraph of a named speaker's turn is a direct
/// quote of that speaker, and first-person speakers of quotes found inside
/// it are that speaker. Inside a reporter's question ("Q") they are an
/// unnamed reporter. Questions themselves are not attributions of
/// statements and give no quote.
fn apply_turns(
    doc: &Doc,
    l: &Layout,
    res: &mut resolve::Resolver,
    turns: &[transcript::TurnPara],
    quotes: &mut Vec<Quote>,
) {
    let para_start: Vec<usize> = l.paras.iter().map(|&(lo, _)| l.toks[lo].s).collect();
    let para_of = |byte: usize| para_start.partition_point(|&s| s <= byte).saturating_sub(1);
    let mut by_para: Vec<Option<usize>> = vec![None; l.paras.len()];
    for (k, t) in turns.iter().enumerate() {
        by_para[t.para] = Some(k);
    }
    // One quote per paragraph of a named turn.
    let mut names: Vec<(String, Option<String>)> = Vec::new();
    let mut turn_quotes: Vec<Option<Quote>> = Vec::with_capacity(turns.len());
    for t in turns {
        let transcript::Holder::Named(s, e) = t.holder else {
            turn_quotes.push(None);
            continue;
        };
        let (lo, hi) = l.paras[t.para];
        let first = (lo..hi).find(|&i| l.toks[i].s >= t.span.0).unwrap_or(lo);
        let f = Found {
            kind: QuoteType::Direct,
            spans: vec![t.span],
            first,
            last: hi,
            attr: extract::Attr {
                speaker: Some((s, e)),
                cue: None,
                end: e,
            },
            inherited: None,
            pair: None,
        };
        let mut q = build(doc, l, res, &f, &[]);
        q.cue_class = Some("speech".into());
        // The label's person as the document names them, unless the
        // resolver already found a name with that surname.
        let label = q.speaker.clone().unwrap_or_default();
        let person = match names.iter().find(|(k, _)| *k == label) {
            Some((_, p)) => p.clone(),
            None => {
                let p = transcript::label_person(&doc.text, &label);
                names.push((label.clone(), p.clone()));
                p
            }
        };
        if let Some(p) = person {
            let surname = p.rsplit(' ').next().unwrap_or(&p).to_lowercase();
            // (A name as the text writes it, not the label in capitals; a
            // given name found with the surname wins.)
            let keep = !p.contains(' ')
                && q.speaker_actor.as_ref().is_some_and(|a| {
                    a.name.to_lowercase().ends_with(&surname)
                        && a.name.split(' ').count() == 2
                        && a.name.chars().any(char::is_lowercase)
                });
            if !keep {
                q.speaker_actor = Some(entente_core::ActorRef {
                    name: p,
                    code: None,
                });
                q.speaker_mention = None;
            }
        }
        turn_quotes.push(Some(q));
    }
    let mut orgs: Vec<(entente_core::ActorCode, Option<entente_core::ActorRef>)> = Vec::new();
    for q in quotes.iter_mut() {
        let (Some(sp), Some(sspan)) = (q.speaker.as_deref(), q.speaker_span) else {
            continue;
        };
        let at = q.quote_spans.first().map_or(0, |s| s.start as usize);
        let Some(k) = by_para[para_of(at)] else {
            continue;
        };
        // A speaker phrase reaching into the label ("Q Jake") is the label.
        let in_label = para_of(sspan.start as usize) == turns[k].para
            && (sspan.start as usize) < turns[k].span.0;
        if first_person(sp).is_none() && !in_label {
            continue;
        }
        let we = first_person(sp) == Some("we");
        match (&turns[k].holder, &turn_quotes[k]) {
            (transcript::Holder::Named(..), Some(tq)) => {
                q.speaker = tq.speaker.clone();
                q.speaker_span = tq.speaker_span;
                q.speaker_actor = tq.speaker_actor.clone();
                // "We" inside a turn is the speaker's organisation when the
                // knowledge base codes the speaker and the document names a
                // body with that code ("THE PRESIDENT: We said …" → White
                // House); else the speaker.
                if we {
                    let code = tq
                        .speaker_actor
                        .as_ref()
                        .and_then(|a| a.code.clone().or_else(|| res.code_for_name(&a.name)));
                    if let Some(c) = code {
                        // Once per code: a scan per quote would make long
                        // transcripts quadratic.
                        let org = match orgs.iter().find(|(k, _)| *k == c) {
                            Some((_, o)) => o.clone(),
                            None => {
                                let o = organisation(doc, &c);
                                orgs.push((c, o.clone()));
                                o
                            }
                        };
                        if let Some(org) = org {
                            q.speaker_actor = Some(org);
                        }
                    }
                }
                q.speaker_mention = tq.speaker_mention;
                q.anonymous = tq.anonymous;
                q.anonymous_inferred = tq.anonymous_inferred.clone();
            }
            (transcript::Holder::Question, _) => {
                q.speaker = None;
                q.speaker_span = None;
                q.speaker_actor = None;
                q.speaker_mention = None;
                q.anonymous = true;
                q.anonymous_inferred = Some("reporter (question in a transcript)".into());
            }
            _ => {}
        }
    }
    quotes.extend(turn_quotes.into_iter().flatten());
    quotes.sort_by_key(|q| q.quote_spans.first().map_or(0, |s| s.start));
}

/// Head words of bodies (not people) among the knowledge base's names.
const BODY_HEADS: &[&str] = &[
    "house",
    "department",
    "ministry",
    "government",
    "office",
    "council",
    "agency",
    "administration",
    "pentagon",
    "kremlin",
    "army",
    "forces",
    "commission",
    "party",
    "committee",
    "senate",
    "congress",
    "parliament",
    "cabinet",
    "service",
    "bureau",
];

/// The body the document names with `code` (a sector code such as USAGOV):
/// the knowledge-base name of a mention of a state body or organisation with
/// that code, the most frequent one.
fn organisation(doc: &Doc, code: &entente_core::ActorCode) -> Option<entente_core::ActorRef> {
    if code.as_str().len() < 6 {
        return None; // a country, not a body in it
    }
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for m in &doc.mentions {
        let (Some(c), Some(name)) = (&m.code, m.actor.as_deref()) else {
            continue;
        };
        if c != code || m.kind != entente_core::MentionKind::Name {
            continue;
        }
        let head = name.rsplit(' ').next().unwrap_or(name).to_lowercase();
        if !BODY_HEADS.contains(&head.as_str()) {
            continue;
        }
        match counts.iter_mut().find(|(n, _)| *n == name) {
            Some(x) => x.1 += 1,
            None => counts.push((name, 1)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(_, n)| n)
        .map(|(name, _)| entente_core::ActorRef {
            name: name.to_string(),
            code: Some(code.clone()),
        })
}

fn sentence_index(doc: &Doc, l: &Layout, byte: usize) -> u32 {
    if doc.sentences.is_empty() {
        let i = l.toks.partition_point(|t| t.e <= byte);
        return l.sent_of.get(i).copied().unwrap_or(0);
    }
    let i = doc
        .sentences
        .partition_point(|s| (s.span.end as usize) <= byte);
    i.min(doc.sentences.len() - 1) as u32
}

/// The addressee or outlet: "told Reuters", "Speaking to NBC News", "in an
/// interview with …", in the attribution's sentence or at the head of the
/// sentence before it in the same paragraph.
fn outlet(doc: &Doc, l: &Layout, f: &Found) -> Option<String> {
    let cue = f.attr.cue?;
    let si = l.sent_of[cue] as usize;
    let mut ranges = vec![l.sents[si]];
    if si > 0 && l.para_of_sent[si - 1] == l.para_of_sent[si] {
        let (plo, phi) = l.sents[si - 1];
        // Only a participial or prepositional opener of the previous sentence.
        if l.toks[plo].cap {
            ranges.push((plo, (plo + 8).min(phi)));
        }
    }
    for (ri, &(lo, hi)) in ranges.iter().enumerate() {
        let mut i = lo;
        while i < hi {
            if l.inq[i] != 0 {
                i += 1;
                continue;
            }
            for lead in lexicon::OUTLET_LEADS {
                let n = lead.len();
                if i + n > hi || !(0..n).all(|k| l.toks[i + k].is(lead[k])) {
                    continue;
                }
                if ri == 1 && i != lo {
                    continue;
                }
                // "told" only as this quote's own cue.
                if n == 1 && i != cue {
                    continue;
                }
                let (s, e) = outlet_np(l, i + n, hi);
                if e > s {
                    return Some(doc.text[l.toks[s].s..l.toks[e - 1].e].to_string());
                }
            }
            i += 1;
        }
    }
    None
}

/// The outlet's noun phrase from `s`: a capitalised name (with "of" and a
/// trailing media word: "Martin Smith of PBS", "Time magazine"), or a short
/// common noun phrase ("reporters", "the press", "local media").
fn outlet_np(l: &Layout, s: usize, hi: usize) -> (usize, usize) {
    let toks = &l.toks;
    let mut s = s;
    if s < hi && toks[s].is("the") && toks.get(s + 1).is_some_and(|t| t.cap) {
        s += 1;
    }
    let mut e = s;
    if s < hi && toks[s].cap && toks[s].is_word() {
        while e < hi && e - s < 8 {
            let t = &toks[e];
            let media = matches!(
                t.lower,
                "magazine" | "newspaper" | "television" | "radio" | "channel" | "tv" | "daily"
            );
            let of_name = t.is("of") && toks.get(e + 1).is_some_and(|n| n.cap);
            if (t.is_word() && t.cap) || (media && e > s) || of_name {
                e += 1;
            } else {
                break;
            }
        }
    } else {
        let mut n = 0;
        while e < hi && n < 3 {
            let t = &toks[e];
            let stop = !t.is_word()
                || t.cap
                || lexicon::pronoun(t.lower)
                || lexicon::np_stop(t.lower)
                || matches!(
                    t.lower,
                    "via"
                        | "today"
                        | "yesterday"
                        | "last"
                        | "this"
                        | "earlier"
                        | "later"
                        | "after"
                        | "before"
                        | "during"
                        | "at"
                        | "about"
                        | "on"
                )
                || (e > s && matches!(t.lower, "the" | "a" | "an"));
            if stop {
                break;
            }
            e += 1;
            n += 1;
        }
    }
    (s, e)
}

/// Hedging of the attribution: an adverb on the cue ("partially
/// confirmed") or a hedge phrase in the sentence ("some reports suggest").
fn hedge(doc: &Doc, l: &Layout, f: &Found) -> Option<String> {
    let cue = f.attr.cue?;
    if cue > 0 && lexicon::hedge_adverb(l.toks[cue - 1].lower) {
        return Some(doc.text[l.toks[cue - 1].s..l.toks[cue].e].to_string());
    }
    if lexicon::hedge_adverb(l.toks.get(cue + 1).map_or("", |t| t.lower)) {
        return Some(doc.text[l.toks[cue].s..l.toks[cue + 1].e].to_string());
    }
    let (lo, hi) = l.sents[l.sent_of[cue] as usize];
    let s = l.toks[lo].s;
    let e = l.toks[hi - 1].e;
    let sentence = &doc.text[s..e];
    let lower = sentence.to_lowercase();
    for h in lexicon::HEDGE_PHRASES {
        if let Some(p) = lower.find(h) {
            // Only outside the quoted words.
            let abs = s + p;
            let i = l.toks.partition_point(|t| t.e <= abs);
            if l.inq.get(i).copied().unwrap_or(0) != 0 {
                continue;
            }
            if lower.len() == sentence.len() {
                return Some(sentence[p..p + h.len()].to_string());
            }
            return Some((*h).to_string());
        }
    }
    None
}

/// Words that make a reported statement an accusation (CAMEO 112).
const ACCUSE: &[&str] = &[
    "illegal",
    "unlawful",
    "illegitimate",
    "violation",
    "violated",
    "violates",
    "violating",
    "war crime",
    "war crimes",
    "genocide",
    "aggression",
    "breach",
    "breached",
];

/// Links `q` to the events it states: a CAMEO 01–02 event (statements,
/// appeals) whose trigger is the attribution's cue, and any event whose
/// trigger lies inside the content. `by_start` is `(trigger start, event
/// index)` sorted, so each quote looks only at the events in its spans.
fn link_events(events: &[Event], by_start: &[(u32, u32)], q: &mut Quote) {
    let in_range = |lo: u32, hi: u32| {
        let a = by_start.partition_point(|&(s, _)| s < lo);
        let b = by_start.partition_point(|&(s, _)| s < hi);
        by_start[a..b].iter().map(|&(_, i)| i)
    };
    let mut linked: Vec<u32> = Vec::new();
    if let Some(c) = q.cue_span {
        // A trigger overlapping the cue starts at most a few words before it.
        for i in in_range(c.start.saturating_sub(48), c.end) {
            let e = &events[i as usize];
            let t = e.trigger_span;
            if c.start < t.end && t.start < c.end && matches!(e.cameo.root(), 1 | 2) {
                linked.push(i);
            }
        }
    }
    for s in &q.quote_spans {
        for i in in_range(s.start, s.end) {
            if s.contains(events[i as usize].trigger_span) {
                linked.push(i);
            }
        }
    }
    linked.sort_unstable();
    linked.dedup();
    q.events = linked;
}

/// A reported statement whose content accuses someone becomes an event:
/// speaker (source) accuses the actor named in the content (target), 112.
fn quote_event(doc: &Doc, l: &Layout, q: &Quote) -> Option<Event> {
    if q.kind == QuoteType::Direct {
        return None;
    }
    let src = q.speaker_actor.as_ref()?.code.clone()?;
    let span = *q.quote_spans.first()?;
    let content = span.slice(&doc.text).to_lowercase();
    if !ACCUSE.iter().any(|w| {
        content
            .match_indices(w)
            .any(|(i, _)| !content[..i].ends_with(|c: char| c.is_alphabetic()))
    }) {
        return None;
    }
    if content.contains(" not ") || content.contains("n't ") || content.contains("n’t ") {
        return None;
    }
    // Target: a coded mention inside the content, else a country word.
    let mut target = None;
    for (i, m) in doc.mentions.iter().enumerate() {
        if span.contains(m.span) {
            if let Some(c) = &m.code {
                if c.root() != src.root() {
                    target = Some((c.clone(), m.span, Some(i as u32)));
                    break;
                }
            }
        }
    }
    if target.is_none() {
        let lo = l.toks.partition_point(|t| (t.s as u32) < span.start);
        for t in &l.toks[lo..] {
            if t.s as u32 >= span.end {
                break;
            }
            if t.kind != Kind::Word {
                continue;
            }
            if !t.cap && t.lower != "us" {
                continue;
            }
            if let Some((code, _)) = lexicon::country(t.lower) {
                if code != src.root() {
                    target = Some((
                        entente_core::ActorCode::new(code),
                        Span::new(t.s, t.e),
                        None,
                    ));
                    break;
                }
            }
        }
    }
    let (tcode, tspan, tmention) = target?;
    let cameo: CameoCode = "112".parse().ok()?;
    Some(Event {
        sentence: q.sentence,
        source: Some(src),
        target: Some(tcode),
        quad_class: cameo.quad_class(),
        cameo,
        plover_type: Some("ACCUSE".into()),
        plover_mode: None,
        plover_context: None,
        goldstein: -2.0,
        modality: Modality::Asserted,
        date: doc.date(),
        place: None,
        trigger_span: q.cue_span.unwrap_or(span),
        source_span: q.speaker_span,
        target_span: Some(tspan),
        source_mention: q.speaker_mention,
        target_mention: tmention,
        confidence: 0.5,
        rule: "quotes: reported statement with accusation word → 112 accuse".into(),
    })
}

#[cfg(test)]
mod tests;
