//! Modality: how sure the text is that an event happened.
//!
//! Read from the verb's own auxiliaries and negation, from the verb that
//! governs it ("expected to explore", "vowed to wage"), from conditional
//! markers ("if", "in return for") and from questions.

use entente_core::Modality;

use crate::coder::{Coder, Scratch, Sent};

const EXPECT: &[&str] = &[
    "expect",
    "anticipate",
    "predict",
    "likely",
    "unlikely",
    "forecast",
    "set",
    "due",
    "poised",
    "slate",
    "schedule",
];
const INTEND: &[&str] = &[
    "plan",
    "intend",
    "vow",
    "swear",
    "pledge",
    "promise",
    "want",
    "aim",
    "seek",
    "hope",
    "offer",
    "agree",
    "prepare",
    "decide",
    "ready",
    "willing",
    "prepared",
    "about",
    "going",
    "determined",
    "wish",
    "try",
    "attempt",
];
const DENY: &[&str] = &["deny", "dismiss", "reject"];
const CLAIM: &[&str] = &["claim", "allege", "purport", "reportedly", "accuse"];
const NEG: &[&str] = &["not", "n't", "never", "no", "neither", "nor"];

#[derive(Default)]
struct Flags {
    negated: bool,
    conditional: bool,
    denied: bool,
    claimed: bool,
    expected: bool,
    hypothetical: bool,
    intended: bool,
}

fn scan_node(sc: &Scratch, s: &Sent, x: usize, f: &mut Flags) {
    for &c in sc.kids(x) {
        let r = s.rel(c);
        let l = s.lemma_lc(c);
        let form = s.form(c);
        let fl = form.to_ascii_lowercase();
        if (r == "advmod" || r == "neg" || r == "det" || r == "cc:preconj")
            && (NEG.contains(&l) || NEG.contains(&fl.as_str()))
        {
            f.negated = true;
        }
        if r.starts_with("aux") {
            match (l, fl.as_str()) {
                ("will" | "shall", _) | (_, "'ll" | "wo" | "will") => f.intended = true,
                ("would" | "could" | "might" | "may" | "should", _) | (_, "'d") => {
                    f.hypothetical = true
                }
                _ => {}
            }
        }
        if r == "mark" && matches!(l, "if" | "unless" | "provided" | "whether") {
            f.conditional = true;
        }
        if matches!(s.base_rel(c), "obl" | "nmod" | "advcl") {
            // "in return for", "in exchange for", "on condition that"
            let lc = s.lemma_lc(c);
            if matches!(lc, "return" | "exchange" | "condition") {
                let has_in = sc
                    .kids(c)
                    .iter()
                    .any(|&k| matches!(s.lemma_lc(k), "in" | "on"));
                if has_in {
                    f.conditional = true;
                }
            }
            if sc
                .kids(c)
                .iter()
                .any(|&k| s.rel(k) == "mark" && matches!(s.lemma_lc(k), "if" | "unless"))
            {
                f.conditional = true;
            }
        }
    }
}

/// Modality of the event triggered at `v` (governed, possibly, by `outer`).
pub(crate) fn of_verb(
    _c: &Coder,
    sc: &Scratch,
    s: &Sent,
    trig: usize,
    v: usize,
    outer: usize,
) -> Modality {
    let mut f = Flags::default();
    let n = sc.toks.len();
    scan_node(sc, s, trig, &mut f);
    if v != trig {
        scan_node(sc, s, v, &mut f);
    }
    // An infinitival purpose clause ("... to strike ISIS") is intended.
    if matches!(s.base_rel(v), "advcl" | "acl")
        && sc
            .kids(v)
            .iter()
            .any(|&k| s.rel(k) == "mark" && s.lemma_lc(k) == "to")
    {
        f.intended = true;
    }
    // Walk up through the verbs that govern this one.
    let mut cur = v;
    let mut steps = 0;
    let mut last = outer;
    while steps < 4 {
        let rel = s.base_rel(cur);
        let h = sc.toks[cur].head;
        if h >= n
            || !matches!(
                rel,
                "xcomp" | "ccomp" | "csubj" | "advcl" | "acl" | "obj" | "nsubj" | "conj"
            )
        {
            break;
        }
        if rel == "conj" {
            cur = h;
            continue;
        }
        let hl = s.lemma_lc(h);
        let hf = s.form(h).to_ascii_lowercase();
        if matches!(rel, "xcomp" | "ccomp" | "advcl" | "acl" | "csubj") {
            if EXPECT.contains(&hl) || EXPECT.contains(&hf.as_str()) {
                f.expected = true;
            } else if INTEND.contains(&hl) {
                f.intended = true;
            } else if DENY.contains(&hl) && rel == "ccomp" {
                f.denied = true;
            } else if CLAIM.contains(&hl) && rel == "ccomp" {
                f.claimed = true;
            } else if matches!(hl, "if" | "whether") {
                f.hypothetical = true;
            } else if rel == "xcomp" && matches!(hl, "fail" | "neglect") {
                // "failed to reach agreement": the event did not happen.
                f.negated = true;
            }
            if rel == "advcl"
                && sc
                    .kids(cur)
                    .iter()
                    .any(|&k| s.rel(k) == "mark" && matches!(s.lemma_lc(k), "if" | "unless"))
            {
                f.conditional = true;
            }
        }
        if matches!(rel, "obj" | "nsubj") && (steps > 0 || h != last) {
            // a nominal trigger inherits from its verb ("had a phone call")
        }
        let mut hf2 = Flags::default();
        scan_node(sc, s, h, &mut hf2);
        f.negated |= hf2.negated;
        f.conditional |= hf2.conditional;
        if matches!(rel, "xcomp" | "obj" | "nsubj") {
            f.intended |= hf2.intended;
            f.hypothetical |= hf2.hypothetical;
        }
        last = h;
        cur = h;
        steps += 1;
    }
    // "in return for" anywhere in the clause of a "would" event
    if f.hypothetical && !f.conditional {
        let toks = s.tokens;
        for i in 0..toks.len().saturating_sub(2) {
            let a = s.form(i).eq_ignore_ascii_case("in");
            if a && s.form(i + 1).eq_ignore_ascii_case("return")
                && s.form(i + 2).eq_ignore_ascii_case("for")
            {
                f.conditional = true;
            }
        }
    }
    // A question: "Are they afraid ...?"
    if s.tokens.last().is_some_and(|t| s.doc.slice(t.span) == "?") {
        f.hypothetical = true;
    }
    if f.negated {
        Modality::Negated
    } else if f.conditional {
        Modality::Conditional
    } else if f.denied {
        Modality::Denied
    } else if f.claimed {
        Modality::Claimed
    } else if f.expected {
        Modality::Expected
    } else if f.hypothetical {
        Modality::Hypothetical
    } else if f.intended {
        Modality::Intended
    } else {
        Modality::Asserted
    }
}
