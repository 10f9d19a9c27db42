//! Scoring against gold CoNLL-U: tagging, lemmas and attachment on gold
//! tokens, and sentence splitting on the raw text.

use std::time::Instant;

use entente_core::conllu::ConlluSentence;

use crate::{split_sentences, tokenize, Nlp};

/// Accuracy figures, in percent (except counts and speed).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Scores {
    /// Gold sentences.
    pub sentences: usize,
    /// Gold words.
    pub tokens: usize,
    /// UPOS accuracy.
    pub upos: f64,
    /// XPOS accuracy.
    pub xpos: f64,
    /// Lemma accuracy (exact string).
    pub lemma: f64,
    /// Accuracy of the full FEATS string.
    pub feats: f64,
    /// Unlabelled attachment score (all words, punctuation included).
    pub uas: f64,
    /// Labelled attachment score, full relation with subtype.
    pub las: f64,
    /// Labelled attachment score on the universal relation only (CoNLL 2018).
    pub las_universal: f64,
    /// F1 of sentence spans when splitting the raw text.
    pub sentence_f1: f64,
    /// Tagging + parsing (+ lemmas/feats) speed on gold tokens, one thread,
    /// per second of that thread's CPU time (robust on a shared machine).
    pub tokens_per_s: f64,
    /// The same per second of wall-clock time.
    pub tokens_per_s_wall: f64,
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// Scores `nlp` on gold sentences.
pub fn evaluate(nlp: &Nlp, gold: &[ConlluSentence]) -> Scores {
    evaluate_opts(nlp, gold, false)
}

/// Scores `nlp` on gold sentences; with `gold_tags` the parser gets the gold
/// UPOS/XPOS instead of the tagger's.
pub fn evaluate_opts(nlp: &Nlp, gold: &[ConlluSentence], gold_tags: bool) -> Scores {
    evaluate_runs(nlp, gold, gold_tags, 1)
}

/// As [`evaluate_opts`], timing `runs` passes and keeping the fastest (the
/// machine may be shared; the analyses are identical).
pub fn evaluate_runs(nlp: &Nlp, gold: &[ConlluSentence], gold_tags: bool, runs: usize) -> Scores {
    let forms: Vec<Vec<&str>> = gold
        .iter()
        .map(|s| s.forms.iter().map(String::as_str).collect())
        .collect();
    let (mut cpu, mut secs) = (f64::MAX, f64::MAX);
    let mut pred = Vec::new();
    for _ in 0..runs.max(1) {
        let t0 = Instant::now();
        let c0 = thread_cpu_seconds();
        pred = forms
            .iter()
            .zip(gold)
            .map(|(f, g)| {
                if gold_tags {
                    let tags: Vec<(&str, &str)> = g
                        .tokens
                        .iter()
                        .map(|t| (t.upos.as_str(), t.xpos.as_str()))
                        .collect();
                    nlp.analyze_with_tags(f, &tags)
                } else {
                    nlp.analyze(f)
                }
            })
            .collect::<Vec<Vec<entente_core::Token>>>();
        cpu = cpu.min(thread_cpu_seconds() - c0);
        secs = secs.min(t0.elapsed().as_secs_f64());
    }
    let (mut n, mut upos, mut xpos, mut lemma, mut feats, mut uas, mut las, mut lasu) =
        (0, 0, 0, 0, 0, 0, 0, 0);
    let univ = |d: &str| d.split(':').next().unwrap_or("").to_string();
    for (g, p) in gold.iter().zip(&pred) {
        for (gt, pt) in g.tokens.iter().zip(p) {
            n += 1;
            upos += (gt.upos == pt.upos) as usize;
            xpos += (gt.xpos == pt.xpos) as usize;
            lemma += (gt.lemma == pt.lemma) as usize;
            feats += (gt.feats == pt.feats) as usize;
            if gt.head == pt.head {
                uas += 1;
                las += (gt.deprel == pt.deprel) as usize;
                lasu += (univ(&gt.deprel) == univ(&pt.deprel)) as usize;
            }
        }
    }
    Scores {
        sentences: gold.len(),
        tokens: n,
        upos: pct(upos, n),
        xpos: pct(xpos, n),
        lemma: pct(lemma, n),
        feats: pct(feats, n),
        uas: pct(uas, n),
        las: pct(las, n),
        las_universal: pct(lasu, n),
        sentence_f1: sentence_f1(gold),
        tokens_per_s: if cpu > 0.0 { n as f64 / cpu } else { 0.0 },
        tokens_per_s_wall: if secs > 0.0 { n as f64 / secs } else { 0.0 },
    }
}

/// CPU time consumed by the calling thread, in seconds.
pub fn thread_cpu_seconds() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the duration of the call.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return 0.0;
    }
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

/// Sentence-split F1: the `# text` of every sentence is joined into one
/// document (paragraph breaks at `# newpar`/`# newdoc`, else a space), split
/// with [`split_sentences`], and predicted spans are matched exactly against
/// the gold ones.
pub fn sentence_f1(gold: &[ConlluSentence]) -> f64 {
    let mut text = String::new();
    let mut spans = Vec::new();
    for s in gold {
        let raw = s
            .comment("text")
            .map(str::to_string)
            .unwrap_or_else(|| s.forms.join(" "));
        if !text.is_empty() {
            let para = s
                .comments
                .iter()
                .any(|(k, _)| k.starts_with("newpar") || k.starts_with("newdoc"));
            text.push_str(if para { "\n\n" } else { " " });
        }
        let a = text.len();
        text.push_str(raw.trim());
        spans.push((a as u32, text.len() as u32));
    }
    let toks = tokenize(&text);
    let pred: Vec<(u32, u32)> = split_sentences(&text, &toks)
        .into_iter()
        .map(|(a, b)| (toks[a].start, toks[b - 1].end))
        .collect();
    let gold_set: std::collections::HashSet<(u32, u32)> = spans.iter().copied().collect();
    let hit = pred.iter().filter(|p| gold_set.contains(p)).count();
    let p = hit as f64 / pred.len().max(1) as f64;
    let r = hit as f64 / spans.len().max(1) as f64;
    if p + r == 0.0 {
        0.0
    } else {
        100.0 * 2.0 * p * r / (p + r)
    }
}
