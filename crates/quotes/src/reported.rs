//! Reported speech and cognition without a cue verb in the active voice:
//!
//! - source-less passives: "It is (widely) believed that …", "It was
//!   reported that …" — no speaker; the quote keeps the hedge;
//! - "In X's view, …" / "In the view of X, …" — a belief of X;
//! - "As X noted/said, …" — X's statement, the main clause its content;
//! - "X is said/believed/reported to …" — no speaker; the content runs from
//!   the subject to the end, the passive is the hedge;
//! - "reportedly" / "allegedly" in a sentence nothing else attributes — no
//!   speaker; the sentence is the content, the adverb the hedge.
//!
//! Each rule reads one sentence (its token range) and gives at most one
//! attribution whose content is the clause the construction governs.

use entente_core::QuoteType;

use crate::extract::{Attr, Found, Layout, Tag};
use crate::lexicon;
use crate::text::Kind;

/// Attributions of the sentence `lo..hi` made by the constructions above.
pub fn in_sentence(l: &Layout, lo: usize, hi: usize) -> Option<Found> {
    sourceless_passive(l, lo, hi)
        .or_else(|| in_view(l, lo, hi))
        .or_else(|| as_noted(l, lo, hi))
        .or_else(|| said_to(l, lo, hi))
        .or_else(|| hedged_adverb(l, lo, hi))
}

/// Participles of the raising passive "X is said to …".
fn raising_participle(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "believed"
            | "reported"
            | "thought"
            | "alleged"
            | "rumoured"
            | "rumored"
            | "understood"
            | "deemed"
            | "considered"
            | "presumed"
            | "suspected"
            | "estimated"
            | "predicted"
            | "seen"
    )
}

/// "X is/was/are (widely) said/believed/reported to VP": the content runs
/// from X to the sentence end; the cue is the participle.
fn said_to(l: &Layout, lo: usize, hi: usize) -> Option<Found> {
    let toks = &l.toks;
    for v in lo + 1..hi.saturating_sub(2) {
        let t = &toks[v];
        // "to" + a verb: an infinitive, not "reported to the police".
        let inf = &toks[v + 2];
        if !raising_participle(t.lower)
            || !toks[v + 1].is("to")
            || !inf.is_word()
            || inf.cap
            || l.tag(v + 2) == Tag::Noun
            || matches!(
                inf.lower,
                "the"
                    | "a"
                    | "an"
                    | "his"
                    | "her"
                    | "their"
                    | "its"
                    | "this"
                    | "that"
                    | "these"
                    | "those"
                    | "our"
                    | "my"
                    | "your"
            )
        {
            continue;
        }
        // "seen" only as "widely seen" (else perception: "was seen to leave").
        let adverb = toks[v - 1].lower.ends_with("ly");
        if t.lower == "seen" && !adverb {
            continue;
        }
        let be = if adverb { v.checked_sub(2)? } else { v - 1 };
        if be < lo
            || !matches!(
                toks[be].lower,
                "is" | "are" | "was" | "were" | "been" | "being" | "be"
            )
        {
            continue;
        }
        // Not "it is said to be …"-less impersonal forms: those have "that".
        if toks[be.saturating_sub(1)].is("it") {
            continue;
        }
        // The subject: the noun phrase before the verb group, else the
        // sentence start.
        let mut s = be;
        while s > lo
            && (toks[s - 1].is_word() || toks[s - 1].is("'s") || toks[s - 1].is("’s"))
            && !toks[s - 1].is(",")
            && !matches!(
                toks[s - 1].lower,
                "and" | "but" | "because" | "while" | "although" | "as" | "if"
            )
        {
            s -= 1;
            // Auxiliaries belong to the verb group ("has been said").
            if s < be && matches!(toks[s].lower, "has" | "have" | "had" | "will" | "would") {
                continue;
            }
        }
        // Inside a subordinate clause ("Although its winds are predicted to
        // …, the service …") the content ends with that clause.
        let sub = s > lo
            && matches!(
                toks[s - 1].lower,
                "because" | "while" | "although" | "though" | "as" | "if" | "since"
            );
        let stop = if sub {
            (v + 2..hi).find(|&k| toks[k].is(",")).unwrap_or(hi)
        } else {
            hi
        };
        let span = content(l, s, stop)?;
        if !unquoted(l, s, v + 2) {
            return None;
        }
        return Some(found(
            l,
            span,
            Attr {
                speaker: None,
                cue: Some(v),
                end: v + 1,
            },
        ));
    }
    None
}

/// A sentence hedged by "reportedly"/"allegedly" and attributed by nothing
/// else: the sentence is the content.
fn hedged_adverb(l: &Layout, lo: usize, hi: usize) -> Option<Found> {
    let toks = &l.toks;
    let v = (lo..hi).find(|&i| {
        matches!(
            toks[i].lower,
            "reportedly" | "allegedly" | "purportedly" | "reputedly"
        ) && l.inq[i] == 0
    })?;
    let span = content(l, lo, hi)?;
    Some(found(
        l,
        span,
        Attr {
            speaker: None,
            cue: Some(v),
            end: v + 1,
        },
    ))
}

/// Content from token `s` to the end of the sentence, final punctuation and
/// closing marks left out; `None` when fewer than three words remain.
fn content(l: &Layout, s: usize, hi: usize) -> Option<(usize, usize)> {
    let mut e = hi;
    while e > s && l.toks[e - 1].kind != Kind::Word {
        e -= 1;
    }
    let words = l.toks[s..e].iter().filter(|t| t.is_word()).count();
    (words >= 3).then_some((s, e))
}

fn found(l: &Layout, (s, e): (usize, usize), attr: Attr) -> Found {
    Found {
        kind: QuoteType::Indirect,
        spans: vec![(l.toks[s].s, l.toks[e - 1].e)],
        first: s,
        last: e,
        attr,
        inherited: None,
        pair: None,
    }
}

/// No token of `s..e` lies inside quote marks.
fn unquoted(l: &Layout, s: usize, e: usize) -> bool {
    l.inq[s..e].iter().all(|&q| q == 0)
}

/// "It is/was/has been (widely) believed/reported/said that CLAUSE".
fn sourceless_passive(l: &Layout, lo: usize, hi: usize) -> Option<Found> {
    let toks = &l.toks;
    let mut k = lo;
    // A sentence adverbial before it ("Now, it is believed …").
    while k < hi && k < lo + 4 && !toks[k].is("it") {
        k += 1;
    }
    if k >= hi || !toks[k].is("it") {
        return None;
    }
    let mut v = k + 1;
    let mut be = false;
    while v < hi && v < k + 5 {
        let w = toks[v].lower;
        if matches!(
            w,
            "is" | "was" | "has" | "had" | "been" | "be" | "being" | "will" | "would"
        ) {
            be |= matches!(w, "is" | "was" | "been" | "be");
            v += 1;
        } else if lexicon::hedge_adverb(w) || matches!(w, "widely" | "generally" | "now" | "also") {
            v += 1;
        } else {
            break;
        }
    }
    if !be || v + 1 >= hi || !toks[v + 1].is("that") {
        return None;
    }
    let cue = lexicon::cue(toks[v].lower)?;
    // Past participles of reporting and cognition verbs only.
    if !cue.reports
        || !(toks[v].lower.ends_with("ed") || matches!(toks[v].lower, "said" | "thought"))
    {
        return None;
    }
    let span = content(l, v + 2, hi)?;
    if !unquoted(l, k, v + 2) {
        return None;
    }
    Some(found(
        l,
        span,
        Attr {
            speaker: None,
            cue: Some(v),
            end: v + 1,
        },
    ))
}

/// The noun phrase of a holder from `s`, up to (not including) a token
/// that ends it ("," or "'s"), at most five words.
fn holder_np(l: &Layout, s: usize, hi: usize) -> Option<(usize, usize)> {
    let toks = &l.toks;
    let mut e = s;
    while e < hi && e < s + 6 && toks[e].is_word() && !toks[e].is(",") {
        e += 1;
        if toks[e - 1].lower.ends_with("'s") || toks[e - 1].lower.ends_with("’s") {
            break;
        }
    }
    (e > s).then_some((s, e))
}

/// "In X's view, CLAUSE" / "In the view of X, CLAUSE".
fn in_view(l: &Layout, lo: usize, hi: usize) -> Option<Found> {
    let toks = &l.toks;
    if hi < lo + 5 || !toks[lo].is("in") {
        return None;
    }
    let comma = (lo + 2..hi.min(lo + 10)).find(|&i| toks[i].is(","))?;
    let view = (lo + 1..comma).find(|&i| {
        matches!(
            toks[i].lower,
            "view" | "opinion" | "judgment" | "estimation"
        )
    })?;
    let speaker = if toks[lo + 1].is("the") && toks.get(view + 1).is_some_and(|t| t.is("of")) {
        // "In the view of X,"
        (view + 2 < comma).then_some((view + 2, comma))?
    } else {
        // "In X's view," — the possessor, "'s" kept off when a token of its own.
        let (s, mut e) = holder_np(l, lo + 1, view)?;
        if e > s + 1 && matches!(toks[e - 1].lower, "'s" | "’s" | "'" | "’") {
            e -= 1;
        }
        if e != view && e + 1 != view {
            return None;
        }
        (s, e)
    };
    if !toks[speaker.0].cap && !lexicon::pronoun(toks[speaker.0].lower) {
        // "In my view" → first person; "in this view" → no holder.
        if !matches!(
            toks[speaker.0].lower,
            "his" | "her" | "their" | "my" | "our"
        ) {
            return None;
        }
    }
    fronted(l, lo, comma, hi, speaker, view)
}

/// A fronted attribution ("In X's view, CLAUSE", "As X noted, CLAUSE"):
/// the clause after the comma at `comma`, when nothing before it is quoted.
fn fronted(
    l: &Layout,
    lo: usize,
    comma: usize,
    hi: usize,
    speaker: (usize, usize),
    cue: usize,
) -> Option<Found> {
    let span = content(l, comma + 1, hi)?;
    unquoted(l, lo, comma).then(|| {
        found(
            l,
            span,
            Attr {
                speaker: Some(speaker),
                cue: Some(cue),
                end: comma,
            },
        )
    })
}

/// "As X noted/said/warned, CLAUSE".
fn as_noted(l: &Layout, lo: usize, hi: usize) -> Option<Found> {
    let toks = &l.toks;
    if hi < lo + 5 || !toks[lo].is("as") {
        return None;
    }
    let comma = (lo + 2..hi.min(lo + 12)).find(|&i| toks[i].is(","))?;
    // The cue right before the comma (an adverb or time word may follow it).
    let v = (lo + 2..comma)
        .rev()
        .find(|&i| lexicon::cue(toks[i].lower).is_some_and(|c| c.reports))?;
    let speaker = l.back_np(v, lo + 1)?;
    if speaker.0 != lo + 1 {
        return None;
    }
    fronted(l, lo, comma, hi, speaker, v)
}
