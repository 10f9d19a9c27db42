//! Scoring extracted quotes against gold quotes.
//!
//! **Matching rule (token overlap).** Each quote is reduced to the multiset
//! of its lower-cased word tokens (maximal runs of letters and digits; marks,
//! punctuation and span boundaries are ignored, so a quotation split in two
//! spans and the same words in one span are alike). A system quote and a gold
//! quote of the same document *match* when the Dice overlap of their token
//! multisets, `2·|G∩S| / (|G|+|S|)`, is at least [`MATCH_THRESHOLD`] (0.5).
//! Pairs are matched one-to-one, greedily by decreasing overlap. Precision is
//! matched system quotes over system quotes, recall matched gold quotes over
//! gold quotes. A per-type score (e.g. direct-quote F1) keeps only quotes of
//! that type on *both* sides before matching.
//!
//! **Speaker accuracy** is measured over matched pairs whose gold quote names
//! a speaker: the system's resolved actor name (else its speaker as written)
//! is right when, after lower-casing and dropping punctuation and leading
//! articles, it equals the gold actor name, or their last words (surnames,
//! head nouns) are equal, or one name's words all occur in the other.
//! **Pronoun resolution** is the same test restricted to pairs whose gold
//! speaker as written is a personal pronoun. Names are compared with common Latin diacritics
//! folded ("Erdogan" = "Erdoğan").
//!
//! **Transcript turns.** A gold attribution marked `turn` is a paragraph of
//! a labelled speaker's turn; attributions nested inside it are not
//! annotated (docs/attribution-guidelines.md). So, inside each gold turn
//! span, only the system attribution overlapping it most is scored (as that
//! turn); other system attributions lying wholly inside the turn are left
//! out instead of counting as false positives. The `news` figures leave
//! turns out on both sides.

use std::collections::HashMap;

/// Minimum Dice overlap of token multisets for a match.
pub const MATCH_THRESHOLD: f64 = 0.5;

/// A quote reduced to what the evaluation compares.
#[derive(Debug, Clone, Default)]
pub struct EvalQuote {
    pub text: String,
    /// `direct`, `mixed` or `indirect`.
    pub kind: String,
    /// The speaker as written.
    pub speaker: Option<String>,
    /// The resolved actor name.
    pub actor: Option<String>,
    pub anonymous: bool,
    pub outlet: Option<String>,
    /// Byte spans of the content in the document text.
    pub spans: Vec<(usize, usize)>,
    /// A transcript turn's paragraph (gold), or a system attribution lying
    /// in one (set by [`score_doc`]).
    pub turn: bool,
    /// `speech` or `belief`, when given.
    pub cue_class: Option<String>,
}

/// Precision, recall and F1 with their counts.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    pub gold: usize,
    pub system: usize,
    pub matched: usize,
}

impl Prf {
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.system)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// A correct/total count.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Acc {
    pub correct: usize,
    pub total: usize,
}

impl Acc {
    pub fn rate(&self) -> f64 {
        ratio(self.correct, self.total)
    }
    fn add(&mut self, ok: bool) {
        self.total += 1;
        if ok {
            self.correct += 1;
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// All figures of one evaluation run.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// All quotes, type ignored.
    pub all: Prf,
    pub direct: Prf,
    pub mixed: Prf,
    pub indirect: Prf,
    /// Direct and mixed together (everything inside quote marks).
    pub quoted: Prf,
    /// Type agreement over matched pairs (all-quotes matching).
    pub type_acc: Acc,
    /// Speaker over matched pairs (all-quotes matching).
    pub speaker: Acc,
    /// Speaker over matched direct-quote pairs.
    pub speaker_direct: Acc,
    /// Speaker over matched pairs whose gold speaker is a pronoun.
    pub pronoun: Acc,
    /// Anonymous flag over matched pairs.
    pub anonymous: Acc,
    /// Outlet over matched pairs where gold or system names one.
    pub outlet: Acc,
    /// Transcript turns only.
    pub turns: Prf,
    /// Everything but transcript turns (news attributions).
    pub news: Prf,
    /// Direct quotes outside transcript turns.
    pub news_direct: Prf,
    /// Attributions whose gold `cue_class` is `belief` (recall only is meaningful).
    pub belief: Prf,
    /// System attributions left out because they lie inside a gold turn.
    pub nested_dropped: usize,
}

/// Lower-cased word tokens of a text.
pub fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Lower-cased name words with common Latin diacritics folded.
fn name_tokens(s: &str) -> Vec<String> {
    tokens(s)
        .into_iter()
        .map(|w| {
            w.chars()
                .map(|c| match c {
                    'á' | 'à' | 'â' | 'ä' | 'ã' | 'ą' => 'a',
                    'é' | 'è' | 'ê' | 'ë' | 'ę' => 'e',
                    'í' | 'ì' | 'î' | 'ï' | 'ı' => 'i',
                    'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' => 'o',
                    'ú' | 'ù' | 'û' | 'ü' => 'u',
                    'ç' | 'ć' | 'č' => 'c',
                    'ğ' => 'g',
                    'ł' => 'l',
                    'ñ' | 'ń' => 'n',
                    'ś' | 'ş' | 'š' => 's',
                    'ź' | 'ż' | 'ž' => 'z',
                    c => c,
                })
                .collect()
        })
        .collect()
}

/// Dice overlap of two token multisets.
pub fn dice(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut counts: HashMap<&str, i32> = HashMap::new();
    for w in a {
        *counts.entry(w.as_str()).or_default() += 1;
    }
    let mut common = 0;
    for w in b {
        if let Some(c) = counts.get_mut(w.as_str()) {
            if *c > 0 {
                *c -= 1;
                common += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

/// Greedy one-to-one matching; returns (gold index, system index) pairs.
pub fn match_quotes(gold: &[&EvalQuote], sys: &[&EvalQuote]) -> Vec<(usize, usize)> {
    let gt: Vec<Vec<String>> = gold.iter().map(|q| tokens(&q.text)).collect();
    let st: Vec<Vec<String>> = sys.iter().map(|q| tokens(&q.text)).collect();
    let mut cands = Vec::new();
    for (i, g) in gt.iter().enumerate() {
        for (j, s) in st.iter().enumerate() {
            let d = dice(g, s);
            if d >= MATCH_THRESHOLD {
                cands.push((d, i, j));
            }
        }
    }
    cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut gu = vec![false; gold.len()];
    let mut su = vec![false; sys.len()];
    let mut out = Vec::new();
    for (_, i, j) in cands {
        if !gu[i] && !su[j] {
            gu[i] = true;
            su[j] = true;
            out.push((i, j));
        }
    }
    out
}

fn norm_name(s: &str) -> Vec<String> {
    let mut t = name_tokens(s);
    while t
        .first()
        .is_some_and(|w| matches!(w.as_str(), "the" | "a" | "an"))
    {
        t.remove(0);
    }
    t
}

/// Whether two speaker names denote the same speaker (see module docs).
pub fn same_speaker(gold: &str, sys: &str) -> bool {
    let g = norm_name(gold);
    let s = norm_name(sys);
    if g.is_empty() || s.is_empty() {
        return false;
    }
    g == s
        || g.last() == s.last()
        || g.iter().all(|w| s.contains(w))
        || s.iter().all(|w| g.contains(w))
}

fn is_pronoun(s: &str) -> bool {
    matches!(
        s.trim().to_lowercase().as_str(),
        "he" | "she" | "they" | "i" | "we" | "him" | "her" | "it"
    )
}

fn prf(gold: &[&EvalQuote], sys: &[&EvalQuote], keep: &dyn Fn(&EvalQuote) -> bool) -> Prf {
    let g: Vec<&EvalQuote> = gold.iter().copied().filter(|q| keep(q)).collect();
    let s: Vec<&EvalQuote> = sys.iter().copied().filter(|q| keep(q)).collect();
    Prf {
        gold: g.len(),
        system: s.len(),
        matched: match_quotes(&g, &s).len(),
    }
}

fn add(a: &mut Prf, b: Prf) {
    a.gold += b.gold;
    a.system += b.system;
    a.matched += b.matched;
}

fn inside(inner: &[(usize, usize)], outer: &[(usize, usize)]) -> bool {
    !inner.is_empty()
        && inner
            .iter()
            .all(|&(s, e)| outer.iter().any(|&(os, oe)| os <= s && e <= oe))
}

/// Applies the transcript-turn rule (see module docs): marks system
/// attributions inside a gold turn as `turn`, keeps per turn only the one
/// overlapping it most, and returns the kept ones with the number dropped.
pub fn resolve_turns(gold: &[EvalQuote], sys: &[EvalQuote]) -> (Vec<EvalQuote>, usize) {
    let mut keep = vec![true; sys.len()];
    let mut turn = vec![false; sys.len()];
    for g in gold.iter().filter(|g| g.turn) {
        let gt = tokens(&g.text);
        let inner: Vec<usize> = (0..sys.len())
            .filter(|&j| inside(&sys[j].spans, &g.spans))
            .collect();
        let best = inner.iter().copied().max_by(|&a, &b| {
            dice(&gt, &tokens(&sys[a].text))
                .total_cmp(&dice(&gt, &tokens(&sys[b].text)))
                .then(b.cmp(&a))
        });
        for j in inner {
            turn[j] = true;
            if Some(j) != best {
                keep[j] = false;
            }
        }
    }
    let dropped = keep.iter().filter(|k| !**k).count();
    let out = sys
        .iter()
        .enumerate()
        .filter(|(j, _)| keep[*j])
        .map(|(j, q)| EvalQuote {
            turn: turn[j],
            ..q.clone()
        })
        .collect();
    (out, dropped)
}

/// Scores one document's system quotes against its gold quotes, adding to
/// `r`.
pub fn score_doc(r: &mut Report, gold: &[EvalQuote], sys: &[EvalQuote]) {
    let (sys, dropped) = resolve_turns(gold, sys);
    r.nested_dropped += dropped;
    let g: Vec<&EvalQuote> = gold.iter().collect();
    let s: Vec<&EvalQuote> = sys.iter().collect();
    add(&mut r.all, prf(&g, &s, &|_| true));
    add(&mut r.direct, prf(&g, &s, &|q| q.kind == "direct"));
    add(&mut r.mixed, prf(&g, &s, &|q| q.kind == "mixed"));
    add(&mut r.indirect, prf(&g, &s, &|q| q.kind == "indirect"));
    add(
        &mut r.quoted,
        prf(&g, &s, &|q| q.kind == "direct" || q.kind == "mixed"),
    );
    add(&mut r.turns, prf(&g, &s, &|q| q.turn));
    add(&mut r.news, prf(&g, &s, &|q| !q.turn));
    add(
        &mut r.news_direct,
        prf(&g, &s, &|q| !q.turn && q.kind == "direct"),
    );
    add(
        &mut r.belief,
        prf(&g, &s, &|q| q.cue_class.as_deref() == Some("belief")),
    );
    for (i, j) in match_quotes(&g, &s) {
        let (gq, sq) = (g[i], s[j]);
        r.type_acc.add(gq.kind == sq.kind);
        let gold_name = gq.actor.as_deref().or(gq.speaker.as_deref());
        if let Some(gn) = gold_name {
            let sn = sq.actor.as_deref().or(sq.speaker.as_deref());
            let ok = sn.is_some_and(|sn| same_speaker(gn, sn));
            r.speaker.add(ok);
            if gq.kind == "direct" {
                r.speaker_direct.add(ok);
            }
            if gq.speaker.as_deref().is_some_and(is_pronoun) {
                let resolved = sq.actor.as_deref().filter(|a| !is_pronoun(a));
                r.pronoun.add(resolved.is_some_and(|a| same_speaker(gn, a)));
            }
        }
        r.anonymous.add(gq.anonymous == sq.anonymous);
        if gq.outlet.is_some() || sq.outlet.is_some() {
            let ok = match (&gq.outlet, &sq.outlet) {
                (Some(a), Some(b)) => same_speaker(a, b),
                _ => false,
            };
            r.outlet.add(ok);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str, kind: &str, actor: &str) -> EvalQuote {
        EvalQuote {
            text: text.into(),
            kind: kind.into(),
            actor: Some(actor.into()),
            ..EvalQuote::default()
        }
    }

    #[test]
    fn overlap_matching_is_one_to_one_and_thresholded() {
        let gold = vec![
            q("We will win, he said. We must.", "direct", "Jane Doe"),
            q("The talks failed", "indirect", "John Roe"),
        ];
        let sys = vec![
            q("We will win,", "direct", "Doe"),
            q("We will win", "direct", "Doe"),
            q("completely different words here", "indirect", "X"),
        ];
        let mut r = Report::default();
        score_doc(&mut r, &gold, &sys);
        assert_eq!(r.all.matched, 1);
        assert_eq!(r.all.system, 3);
        assert_eq!(r.direct.gold, 1);
        assert_eq!(r.speaker.correct, 1);
        assert!((r.all.precision() - 1.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn attributions_nested_in_a_turn_are_not_false_positives() {
        let mut turn = q(
            "I think we will win this fight and I know it",
            "direct",
            "Jen Psaki",
        );
        turn.turn = true;
        turn.spans = vec![(100, 145)];
        let mut whole = q(
            "I think we will win this fight and I know it",
            "direct",
            "Psaki",
        );
        whole.spans = vec![(100, 145)];
        let mut nested = q("we will win this fight", "indirect", "Psaki");
        nested.spans = vec![(108, 130)];
        let mut outside = q("something else entirely", "indirect", "X");
        outside.spans = vec![(200, 220)];
        let mut r = Report::default();
        score_doc(&mut r, &[turn], &[nested, whole, outside]);
        assert_eq!(r.nested_dropped, 1);
        assert_eq!(r.all.system, 2);
        assert_eq!(r.all.matched, 1);
        assert_eq!(r.turns.matched, 1);
        assert_eq!((r.news.gold, r.news.system), (0, 1));
    }

    #[test]
    fn speaker_names_compare_by_surname_and_containment() {
        assert!(same_speaker("Hassan Rouhani", "Rouhani"));
        assert!(same_speaker(
            "the US State Department official",
            "US State Department official"
        ));
        assert!(!same_speaker("John Kerry", "Barack Obama"));
        assert!(!same_speaker("", "Obama"));
    }
}
