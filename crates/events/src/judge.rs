//! Sentence- and event-level checks after coding: what the codebook
//! (`docs/codebook.md` §5) says is *not* an event, whatever verb matched.
//!
//! Each check is a class of sentences, not a list of records: questions,
//! numbered legal clauses and directives, natural disasters and accidents,
//! places taken as targets, and events without any political or social
//! actor (relevance).

use entente_core::Doc;

use crate::coder::{Coder, Scratch, Sent};
use crate::CodedEvent;

/// Nouns naming natural forces, accidents and broken things: as the doer
/// of a verb they make no political event ("a water main broke", "the
/// earthquake injured dozens", "wildfires destroyed the forest").
const NON_AGENTS: &[&str] = &[
    "fire",
    "blaze",
    "wildfire",
    "bushfire",
    "flame",
    "earthquake",
    "quake",
    "tremor",
    "aftershock",
    "storm",
    "hurricane",
    "typhoon",
    "cyclone",
    "tornado",
    "flood",
    "flooding",
    "landslide",
    "mudslide",
    "avalanche",
    "tsunami",
    "eruption",
    "volcano",
    "drought",
    "heatwave",
    "rain",
    "snow",
    "wind",
    "lightning",
    "main",
    "pipe",
    "accident",
    "crash",
    "collapse",
    "derailment",
    "virus",
    "disease",
    "outbreak",
    "pandemic",
    "epidemic",
    "illness",
    "cancer",
];

/// Prepositions of location: a place named in such a phrase is where the
/// event happened ("attacks in Syria": Syria is the place, not the target).
fn locative(case: Option<&str>) -> bool {
    matches!(
        case,
        Some("in" | "inside" | "within" | "near" | "across" | "throughout")
    )
}

/// Whether the clause holding sentence token `t` is a question: the first
/// sentence-final mark after it is a question mark.
fn in_question(s: &Sent, t: usize) -> bool {
    for k in t..s.tokens.len() {
        match s.form(k) {
            "?" => return true,
            "." | "!" | ";" => return false,
            _ => {}
        }
    }
    false
}

/// A numbered clause or section mark opening a sentence: "(i)", "(a)",
/// "(12)", "Sec. 3.", "Section 2", "3.".
fn enumerated(s: &Sent) -> bool {
    let f0 = s.form(0);
    let f1 = if s.tokens.len() > 1 { s.form(1) } else { "" };
    let f2 = if s.tokens.len() > 2 { s.form(2) } else { "" };
    let short_label = |w: &str| {
        !w.is_empty()
            && w.len() <= 4
            && (w.chars().all(|c| c.is_ascii_digit())
                || w.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l'))
                || (w.len() == 1 && w.chars().all(|c| c.is_ascii_alphabetic())))
    };
    if f0 == "(" && short_label(f1) && f2 == ")" {
        return true;
    }
    if f0.starts_with('(') && f0.ends_with(')') && short_label(&f0[1..f0.len() - 1]) {
        return true;
    }
    let sec = f0.trim_end_matches('.');
    if matches!(sec, "Sec" | "Section" | "SEC" | "SECTION" | "Article")
        && f1.trim_end_matches('.').chars().all(|c| c.is_ascii_digit())
    {
        return true;
    }
    false
}

/// A legal directive: the trigger carries "shall" ("The Secretary shall
/// consult with ..."), the language of orders and statutes, not news.
fn directive(c: &Coder, sc: &Scratch, s: &Sent, t: usize) -> bool {
    let mut x = t;
    for _ in 0..3 {
        if sc
            .kids(x)
            .iter()
            .any(|&k| s.rel(k).starts_with("aux") && s.lemma_lc(k) == "shall")
        {
            return true;
        }
        let h = sc.toks[x].head;
        if h >= sc.toks.len() || !matches!(s.base_rel(x), "xcomp" | "conj") {
            break;
        }
        x = h;
    }
    let _ = c;
    false
}

/// The trigger's doer is a natural force or a broken thing: its subject
/// (or the noun it modifies) is one of [`NON_AGENTS`], or the verb takes
/// "fire" as object ("the hotel caught fire").
fn natural(c: &Coder, sc: &Scratch, s: &Sent, t: usize) -> bool {
    if matches!(s.upos(t), "NOUN") {
        return NON_AGENTS.contains(&s.lemma_lc(t));
    }
    if let Some(subj) = c.subject(sc, s, t) {
        // (a subject that is itself an actor is no natural force)
        if NON_AGENTS.contains(&s.lemma_lc(subj)) && sc.toks[subj].mention.is_none() {
            return true;
        }
    }
    sc.kids(t).iter().any(|&k| {
        matches!(s.base_rel(k), "obj" | "dobj")
            && matches!(s.lemma_lc(k), "fire" | "flame" | "flames")
    })
}

/// "X was expected to ...", "the things expected to be discussed", "is
/// believed to": a verb of expectation or belief in the passive with no
/// one holding it gives its clause a modality; it is no event itself.
fn attitude_passive(s: &Sent, t: usize) -> bool {
    matches!(s.upos(t), "VERB" | "ADJ")
        && matches!(
            s.lemma_lc(t),
            "expect"
                | "believe"
                | "think"
                | "predict"
                | "anticipate"
                | "suppose"
                | "rumour"
                | "rumor"
                | "consider"
                | "say"
                | "report"
                | "schedule"
                | "set"
        )
}

/// A political or social actor (codebook §2, relevance): a country, a bloc,
/// an IGO or an armed group, or an agent that is a political one even with
/// no country ("---GOV": a government).
pub fn political(code: &str) -> bool {
    if code.len() < 3 || !code.is_char_boundary(3) {
        return false;
    }
    if let Some(agent) = code.strip_prefix("---") {
        let a = agent.get(..3).unwrap_or(agent);
        return matches!(
            a,
            "GOV"
                | "MIL"
                | "COP"
                | "SPY"
                | "LEG"
                | "JUD"
                | "OPP"
                | "REB"
                | "INS"
                | "SEP"
                | "UAF"
                | "PTY"
                | "NGO"
                | "MED"
                | "IGO"
                | "IMG"
                | "ELI"
        );
    }
    code[..3].bytes().all(|b| b.is_ascii_uppercase())
}

/// Applies the checks to the events coded for one sentence
/// (`out[start..]`), removing those that are no events and clearing
/// targets that are places.
pub(crate) fn judge(c: &Coder, sc: &Scratch, s: &Sent, out: &mut Vec<CodedEvent>, start: usize) {
    if out.len() <= start {
        return;
    }
    let enumerated = enumerated(s);
    let mut k = start;
    while k < out.len() {
        let t = out[k].trigger.saturating_sub(s.base);
        let e = &mut out[k];
        let drop = t >= s.tokens.len()
            || enumerated
            || in_question(s, t)
            || directive(c, sc, s, t)
            || natural(c, sc, s, t)
            || (e.source.is_none() && attitude_passive(s, t));
        if !drop && !c.cfg.petrarch {
            // "a man was stabbed in London": London is where, not whom
            if let Some(tg) = &e.target {
                let bare_place = tg.code.len() == 3
                    && tg.token < sc.toks.len()
                    && s.upos(tg.token) == "PROPN"
                    && locative(c.case_of(sc, s, tg.token));
                if bare_place {
                    e.target = None;
                }
            }
        }
        let relevant = c.cfg.keep_irrelevant
            || e.source.as_ref().is_some_and(|a| political(&a.code))
            || e.target.as_ref().is_some_and(|a| political(&a.code));
        if drop || (e.source.is_none() && e.target.is_none()) || !relevant {
            out.remove(k);
        } else {
            k += 1;
        }
    }
}

/// The country an article is about (see [`entente_core::main_country`]).
pub fn main_country(doc: &Doc) -> Option<String> {
    entente_core::main_country(&doc.mentions)
}

/// "militants", "the prosecutors", "residents": an agent the sentence
/// gives no country belongs to the country the article is about (codebook
/// §2: a sector is coded with its country), so `---REB` in a story about
/// Somalia is `SOMREB`.
pub(crate) fn document_country(doc: &Doc, out: &mut [CodedEvent]) {
    let Some(main) = main_country(doc) else {
        return;
    };
    for e in out.iter_mut() {
        for a in [e.source.as_mut(), e.target.as_mut()].into_iter().flatten() {
            if let Some(agent) = a.code.strip_prefix("---") {
                if !agent.is_empty() {
                    a.code = format!("{main}{agent}");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::political;

    #[test]
    fn political_actors_are_states_groups_and_political_agents() {
        for c in [
            "USA",
            "IRNGOV",
            "IGOUNO",
            "IMGMUSISI",
            "---GOV",
            "---MED",
            "WST",
        ] {
            assert!(political(c), "{c}");
        }
        for c in ["---CVL", "---PPL", "---BUS", "", "--", "---"] {
            assert!(!political(c), "{c}");
        }
    }
}
