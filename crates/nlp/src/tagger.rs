//! Averaged-perceptron tagger predicting a joint `UPOS XPOS` class, with the
//! classic feature set (words in a ±2 window, affixes, shape, previous tags)
//! plus the ambiguity class of the current and following words taken from a
//! training-data tag dictionary and distributional word classes.
//!
//! The ambiguity class is the set of UPOS tags a word takes at least 10 % of
//! the time in training, for every word seen there. While training, each
//! token's own occurrence is left out of its word's counts (a word seen once
//! looks unknown, as a new word does at run time): without that, every
//! training token's tag is in its ambiguity class and the model trusts the
//! class far more than it should on new text (+0.35 UPOS on EWT dev).
//!
//! Two greedy taggers with the same templates run left-to-right and
//! right-to-left; the per-token class scores of both are summed (about +0.25
//! UPOS on EWT dev over one direction). Frequent words that take one class
//! at least 99 % of the time skip scoring, and so does the right-to-left
//! pass wherever the left-to-right best class leads the runner-up by more
//! than the largest single weight (about two thirds of the scored tokens; the
//! right-to-left scores hardly ever overturn such a lead: EWT dev UPOS is
//! unchanged).

use std::collections::HashMap;

use crate::clusters::Clusters;
use crate::perceptron::{hash_str, key, mix, Model, Reader, Trainer};

/// Normalised form used as the lexical feature: lower case, digits folded.
pub fn norm(form: &str) -> String {
    let form = truncate(form, 48);
    if form.bytes().any(|b| b.is_ascii_digit()) {
        if form.len() == 4 && form.bytes().all(|b| b.is_ascii_digit()) {
            return "!YEAR".to_string();
        }
        return form
            .chars()
            .map(|c| if c.is_ascii_digit() { '0' } else { c })
            .flat_map(char::to_lowercase)
            .collect();
    }
    form.to_lowercase()
}

/// At most `max` chars of `s` (garbage input can be one huge token).
pub fn truncate(s: &str, max: usize) -> &str {
    // A string of at most `max` bytes has at most `max` chars.
    if s.len() <= max {
        return s;
    }
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Word shape: `Xx`, `dd`, `X.X.` … with runs collapsed.
fn shape(form: &str) -> u64 {
    let mut h = 7u64;
    let mut last = ' ';
    for c in truncate(form, 24).chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if s != last {
            h = mix(h, s as u64);
            last = s;
        }
    }
    h
}

/// Per-word values hashed once per sentence.
#[derive(Clone, Copy, Default)]
pub(crate) struct WordFeats {
    pub(crate) w: u64,
    suf: [u64; 4],
    pre: [u64; 3],
    shape: u64,
    amb: u64,
    flags: u64,
    /// Coarse and fine distributional class.
    pub(crate) cc: u64,
    pub(crate) cf: u64,
    /// The class of a frequent unambiguous word.
    fixed: Option<u16>,
}

/// Tag dictionary and perceptron.
#[derive(Clone)]
pub struct Tagger {
    /// `UPOS XPOS` per class.
    pub classes: Vec<(String, String)>,
    dict: HashMap<String, u64>,
    /// Frequent words that (almost) always take one class: tagged without
    /// scoring (the usual speed trick; they are a third of running text).
    fixed: HashMap<String, u16>,
    /// Word classes from raw text.
    pub clusters: Clusters,
    model: Model,
    /// The right-to-left model.
    model_r: Model,
    /// Left-to-right margin (best minus runner-up score) above which the
    /// right-to-left pass keeps the left-to-right class ([`SKIP_MARGIN`]
    /// times the model's largest weight, so it follows requantisation).
    skip: i32,
}

/// The skip margin in units of the left-to-right model's largest weight, in
/// percent. On EWT dev (pruned and coarsened as shipped) 40–150 all leave
/// UPOS within ±0.02 of no skipping, scoring 10–60 % of the right-to-left
/// tokens; 100 scores about a third.
const SKIP_MARGIN: i64 = 100;

const NONE: u64 = 0x0123_4567;
const START: u64 = 0x7654_3210;

impl Tagger {
    pub(crate) fn word_feats(dict: &HashMap<String, u64>, cl: &Clusters, form: &str) -> WordFeats {
        Self::word_feats_fixed(dict, None, cl, form)
    }

    fn word_feats_fixed(
        dict: &HashMap<String, u64>,
        fixed: Option<&HashMap<String, u16>>,
        cl: &Clusters,
        form: &str,
    ) -> WordFeats {
        let n = norm(form);
        // Char boundaries from the end / start, without allocating.
        let mut suf = [NONE; 4];
        let mut pre = [NONE; 3];
        let nchars = n.chars().count();
        for (k, (i, _)) in n.char_indices().rev().take(4).enumerate() {
            if nchars > k + 1 {
                suf[k] = hash_str(&n[i..]);
            }
        }
        for (k, (i, c)) in n.char_indices().take(3).enumerate() {
            if nchars > k + 1 {
                pre[k] = hash_str(&n[..i + c.len_utf8()]);
            }
        }
        let first = form.chars().next().unwrap_or(' ');
        let mut flags = 0u64;
        if first.is_uppercase() {
            flags |= 1;
        }
        let head = truncate(form, 48);
        if head.chars().all(|c| !c.is_lowercase()) && head.chars().any(char::is_uppercase) {
            flags |= 2;
        }
        if head.contains('-') {
            flags |= 4;
        }
        if head.chars().any(|c| c.is_numeric()) {
            flags |= 8;
        }
        let amb = dict
            .get(n.as_str())
            .copied()
            .unwrap_or_else(|| unknown_amb(flags));
        let w = hash_str(&n);
        let (cc, cf) = class_values(cl, w);
        // Capitalised forms are left to the model (names, sentence starts).
        let fixed = fixed
            .filter(|_| flags & 1 == 0)
            .and_then(|f| f.get(n.as_str()).copied());
        WordFeats {
            fixed,
            w,
            cc,
            cf,
            suf,
            pre,
            shape: shape(form),
            amb,
            flags,
        }
    }

    fn features(ws: &[WordFeats], i: usize, p1: u64, p2: u64, out: &mut Vec<u32>) {
        out.clear();
        let get = |j: isize| -> Option<&WordFeats> {
            if j < 0 {
                None
            } else {
                ws.get(j as usize)
            }
        };
        let i_ = i as isize;
        let cur = &ws[i];
        let wm1 = get(i_ - 1).map_or(START, |w| w.w);
        let wm2 = get(i_ - 2).map_or(START, |w| w.w);
        let wp1 = get(i_ + 1).map_or(START, |w| w.w);
        let wp2 = get(i_ + 2).map_or(START, |w| w.w);
        let ap1 = get(i_ + 1).map_or(START, |w| w.amb);
        let ap2 = get(i_ + 2).map_or(START, |w| w.amb);
        let sm1 = get(i_ - 1).map_or(START, |w| w.suf[2]);
        let sp1 = get(i_ + 1).map_or(START, |w| w.suf[2]);
        let cfm1 = get(i_ - 1).map_or(START, |w| w.cf);
        let cfp1 = get(i_ + 1).map_or(START, |w| w.cf);
        let ccp1 = get(i_ + 1).map_or(START, |w| w.cc);
        let cfp2 = get(i_ + 2).map_or(START, |w| w.cf);
        // The template id is mixed in on its own first: `mix` sees `h ^ v`,
        // so small ids and small values must not meet in one xor.
        let mut f = |t: u64, a: u64, b: u64| out.push(key(mix(mix(mix(0x7467, t), a), b)));
        f(1, 0, 0);
        f(2, cur.w, 0);
        for (k, s) in cur.suf.iter().enumerate() {
            f(3 + k as u64, *s, 0);
        }
        for (k, s) in cur.pre.iter().enumerate() {
            f(8 + k as u64, *s, 0);
        }
        f(12, cur.shape, 0);
        f(13, cur.flags, (i == 0) as u64);
        f(14, cur.amb, 0);
        f(15, p1, 0);
        f(16, p2, 0);
        f(17, p1, p2);
        f(18, p1, cur.w);
        f(19, wm1, 0);
        f(20, wm2, 0);
        f(21, wp1, 0);
        f(22, wp2, 0);
        f(23, sm1, 0);
        f(24, sp1, 0);
        f(25, wm1, cur.w);
        f(26, cur.w, wp1);
        f(27, ap1, 0);
        f(28, ap2, 0);
        f(29, cur.amb, ap1);
        f(30, p1, cur.amb);
        f(31, p1, cur.suf[2]);
        f(32, cur.amb, cur.shape);
        f(33, p1, ap1);
        f(34, wm1, wp1);
        f(35, cur.cf, 0);
        f(36, cur.cc, 0);
        f(37, cur.cf, cur.flags & 1);
        f(38, p1, cur.cf);
        f(39, cfm1, 0);
        f(40, cfp1, 0);
        f(41, ccp1, cur.cc);
        f(42, cfp2, 0);
        f(43, cur.cf, cur.suf[1]);
        f(44, cur.amb, cfp1);
    }

    /// Tags a sentence; returns class ids.
    pub fn tag(&self, forms: &[&str]) -> Vec<u16> {
        self.tag_with_words(forms).0
    }

    /// Tags a sentence; returns class ids and the per-word features
    /// (hashed words and classes, reused by the parser).
    pub(crate) fn tag_with_words(&self, forms: &[&str]) -> (Vec<u16>, Vec<WordFeats>) {
        let ws: Vec<WordFeats> = forms
            .iter()
            .map(|f| Self::word_feats_fixed(&self.dict, Some(&self.fixed), &self.clusters, f))
            .collect();
        let n = forms.len();
        let k = self.model.classes();
        // Left to right (keeping the per-token scores), then right to left.
        let mut fwd = vec![0i32; n * k];
        let mut bwd = vec![0i32; k];
        // Left-to-right classes, and whether each is sure enough to keep.
        let mut l2r = vec![0u16; n];
        let mut sure = vec![false; n];
        let mut feats = Vec::with_capacity(48);
        let (mut p1, mut p2) = (START, START);
        for i in 0..n {
            let best = match ws[i].fixed {
                Some(c) => c as usize,
                None => {
                    Self::features(&ws, i, p1, p2, &mut feats);
                    let sc = &mut fwd[i * k..(i + 1) * k];
                    self.model.score(&feats, sc);
                    let b = argmax_i(sc);
                    let second = sc
                        .iter()
                        .enumerate()
                        .filter(|(c, _)| *c != b)
                        .map(|(_, v)| *v)
                        .max()
                        .unwrap_or(i32::MIN);
                    sure[i] = sc[b].saturating_sub(second) > self.skip;
                    b
                }
            };
            l2r[i] = best as u16;
            p2 = p1;
            p1 = best as u64 + 100;
        }
        let rev: Vec<WordFeats> = ws.iter().rev().copied().collect();
        // Tokens the left-to-right pass settled keep its class, which is
        // also the right-to-left pass's history there.
        let mut out = l2r;
        let (mut p1, mut p2) = (START, START);
        for j in 0..n {
            let i = n - 1 - j;
            let mut best = out[i];
            if ws[i].fixed.is_none() && !sure[i] {
                Self::features(&rev, j, p1, p2, &mut feats);
                self.model_r.score(&feats, &mut bwd);
                best = argmax_i(&bwd) as u16;
                out[i] = argmax_sum(&fwd[i * k..(i + 1) * k], &bwd) as u16;
            }
            p2 = p1;
            p1 = u64::from(best) + 100;
        }
        (out, ws)
    }

    /// Trains a tagger on `(forms, classes)` sentences.
    pub fn train(
        sents: &[(Vec<String>, Vec<u16>)],
        classes: Vec<(String, String)>,
        clusters: &Clusters,
        epochs: usize,
        seed: u64,
        log: &mut dyn FnMut(&str),
    ) -> Tagger {
        let (dict, fixed, counts) = build_dict(sents, &classes);
        let n = classes.len();
        let cached: Vec<Vec<WordFeats>> = sents
            .iter()
            .map(|(f, g)| {
                f.iter()
                    .zip(g)
                    .map(|(w, t)| {
                        let mut x = Self::word_feats(&dict, clusters, w);
                        // Leave this token out of its word's counts.
                        if let Some(c) = counts.get(&norm(w)) {
                            let mut c = c.clone();
                            c[*t as usize] -= 1;
                            x.amb = amb_class(&c, &classes).unwrap_or_else(|| unknown_amb(x.flags));
                        }
                        x
                    })
                    .collect()
            })
            .collect();
        let golds: Vec<Vec<u16>> = sents.iter().map(|(_, g)| g.clone()).collect();
        let model = train_direction(&cached, &golds, n, epochs, seed, "left-to-right", log);
        // The same tagger over reversed sentences (its "previous tags" are the
        // following ones); scores of both directions are summed at run time.
        let rev: Vec<Vec<WordFeats>> = cached
            .iter()
            .map(|w| w.iter().rev().copied().collect())
            .collect();
        let rgolds: Vec<Vec<u16>> = golds
            .iter()
            .map(|g| g.iter().rev().copied().collect())
            .collect();
        let model_r = train_direction(
            &rev,
            &rgolds,
            n,
            epochs,
            seed ^ 0x5eed,
            "right-to-left",
            log,
        );
        let mut t = Tagger {
            classes,
            dict,
            fixed,
            clusters: clusters.clone(),
            model,
            model_r,
            skip: 0,
        };
        t.set_skip();
        t
    }

    fn set_skip(&mut self) {
        self.skip = (i64::from(self.model.max_weight()) * SKIP_MARGIN / 100) as i32;
    }

    /// Serialises the tagger.
    pub fn write(&self, out: &mut Vec<u8>) {
        use crate::perceptron::{put_str, put_var};
        put_var(out, self.classes.len() as u64);
        for (u, x) in &self.classes {
            put_str(out, u);
            put_str(out, x);
        }
        let mut d: Vec<(&String, &u64)> = self.dict.iter().collect();
        d.sort();
        put_var(out, d.len() as u64);
        for (w, h) in d {
            put_str(out, w);
            out.extend_from_slice(&h.to_le_bytes());
        }
        let mut f: Vec<(&String, &u16)> = self.fixed.iter().collect();
        f.sort();
        put_var(out, f.len() as u64);
        for (w, c) in f {
            put_str(out, w);
            put_var(out, u64::from(*c));
        }
        self.clusters.write(out);
        self.model.write(out);
        self.model_r.write(out);
    }

    /// Reads a tagger written by [`Tagger::write`].
    pub fn read(r: &mut Reader<'_>) -> Option<Tagger> {
        let n = r.var()? as usize;
        let mut classes = Vec::with_capacity(n.min(1024));
        for _ in 0..n {
            classes.push((r.string()?, r.string()?));
        }
        let nd = r.var()? as usize;
        let mut dict = HashMap::with_capacity(nd.min(1 << 20));
        for _ in 0..nd {
            let w = r.string()?;
            let h = r.u64()?;
            dict.insert(w, h);
        }
        let nf = r.var()? as usize;
        let mut fixed = HashMap::with_capacity(nf.min(1 << 20));
        for _ in 0..nf {
            let w = r.string()?;
            let c = u16::try_from(r.var()?).ok().filter(|c| (*c as usize) < n)?;
            fixed.insert(w, c);
        }
        let clusters = Clusters::read(r)?;
        let model = Model::read(r)?;
        let model_r = Model::read(r)?;
        if model.classes() != n || model_r.classes() != n {
            return None;
        }
        let mut t = Tagger {
            model_r,
            classes,
            dict,
            fixed,
            clusters,
            model,
            skip: 0,
        };
        t.set_skip();
        Some(t)
    }

    /// Coarsens the weights by `2^shift` (see [`Model::requantized`]).
    pub fn requantize(&mut self, shift: u32) {
        self.model = self.model.requantized(shift);
        self.model_r = self.model_r.requantized(shift);
        self.set_skip();
    }

    /// Drops weights below `min_abs` (quantised units).
    pub fn prune(&mut self, min_abs: u16, min_hits: u32) {
        self.model = self.model.pruned(min_abs, min_hits);
        self.model_r = self.model_r.pruned(min_abs, min_hits);
        self.set_skip();
    }

    /// Number of features in the model.
    pub fn features_len(&self) -> usize {
        self.model.features()
    }
}

/// Coarse and fine class feature values of a hashed word (the same for
/// tagger and parser, at training and run time).
pub(crate) fn class_values(cl: &Clusters, w: u64) -> (u64, u64) {
    cl.get(w).map_or((NONE, NONE), |(a, b)| {
        (u64::from(a) + 1, u64::from(b) + 1000)
    })
}

/// Trains one greedy direction of the tagger over precomputed word features.
fn train_direction(
    cached: &[Vec<WordFeats>],
    golds: &[Vec<u16>],
    n: usize,
    epochs: usize,
    seed: u64,
    name: &str,
    log: &mut dyn FnMut(&str),
) -> Model {
    let name = format!("tagger {name}");
    train_greedy(
        golds,
        n,
        epochs,
        seed,
        START,
        &name,
        log,
        |s, i, p1, p2, out| Tagger::features(&cached[s], i, p1, p2, out),
    )
}

/// Trains a greedy left-to-right sequence labeller with an averaged
/// perceptron: `features(s, i, p1, p2, out)` gives the features of word `i`
/// of sentence `s` from the two previous predicted classes (hashed as the
/// class plus 100; `start` before the first word). It trains on its own
/// guesses, as at prediction time; `golds` gives the classes and the
/// sentence lengths.
#[allow(clippy::too_many_arguments)]
pub(crate) fn train_greedy(
    golds: &[Vec<u16>],
    n: usize,
    epochs: usize,
    seed: u64,
    start: u64,
    name: &str,
    log: &mut dyn FnMut(&str),
    mut features: impl FnMut(usize, usize, u64, u64, &mut Vec<u32>),
) -> Model {
    let mut tr = Trainer::new(n);
    let mut order: Vec<usize> = (0..golds.len()).collect();
    let mut rng = Rng(seed);
    let mut feats = Vec::new();
    let mut scores = vec![0f32; n];
    for ep in 0..epochs {
        rng.shuffle(&mut order);
        let (mut ok, mut tot) = (0usize, 0usize);
        for &s in &order {
            let (mut p1, mut p2) = (start, start);
            for (i, &truth) in golds[s].iter().enumerate() {
                features(s, i, p1, p2, &mut feats);
                tr.score(&feats, &mut scores);
                let guess = argmax_f(&scores);
                let truth = truth as usize;
                tr.update(&feats, truth, guess);
                tr.tick();
                ok += (guess == truth) as usize;
                tot += 1;
                p2 = p1;
                p1 = guess as u64 + 100;
            }
        }
        log(&format!(
            "{name} epoch {}: train acc {:.2}",
            ep + 1,
            100.0 * ok as f64 / tot.max(1) as f64
        ));
    }
    tr.finish(1)
}

/// The ambiguity class of a word not in the tag dictionary.
fn unknown_amb(flags: u64) -> u64 {
    mix(NONE, flags & 1)
}

/// Per normalised word, how often it takes each class.
type Counts = HashMap<String, Vec<u32>>;

/// Tag dictionary: for each normalised word seen in training, its
/// ambiguity class ([`amb_class`]).
///
/// Also returns the words seen at least 20 times with one class at least
/// 99 % of the time, and the class counts (for leaving each training token
/// out of its own word's class).
fn build_dict(
    sents: &[(Vec<String>, Vec<u16>)],
    classes: &[(String, String)],
) -> (HashMap<String, u64>, HashMap<String, u16>, Counts) {
    let n = classes.len();
    let mut counts: Counts = HashMap::new();
    for (forms, tags) in sents {
        for (f, t) in forms.iter().zip(tags) {
            let e = counts.entry(norm(f)).or_insert_with(|| vec![0; n]);
            e[*t as usize] += 1;
        }
    }
    let mut dict = HashMap::new();
    let mut fixed = HashMap::new();
    for (w, c) in &counts {
        let total: u32 = c.iter().sum();
        let (best, &top) = c
            .iter()
            .enumerate()
            .max_by_key(|(i, k)| (**k, std::cmp::Reverse(*i)))
            .unwrap_or((0, &0));
        if total >= 20 && top * 100 >= total * 99 {
            fixed.insert(w.clone(), best as u16);
        }
        if let Some(h) = amb_class(c, classes) {
            dict.insert(w.clone(), h);
        }
    }
    (dict, fixed, counts)
}

/// A hash of the set of UPOS tags taking at least 10 % of a word's class
/// counts `c` (`None` for a word never seen).
fn amb_class(c: &[u32], classes: &[(String, String)]) -> Option<u64> {
    let total: u32 = c.iter().sum();
    if total == 0 {
        return None;
    }
    let mut upos: Vec<(&str, u32)> = Vec::new();
    for ((u, _), k) in classes.iter().zip(c) {
        match upos.iter_mut().find(|(x, _)| *x == u.as_str()) {
            Some(e) => e.1 += k,
            None => upos.push((u.as_str(), *k)),
        }
    }
    upos.sort_unstable();
    let mut h = 99u64;
    for (u, k) in upos {
        if k * 10 >= total {
            h = mix(h, hash_str(u));
        }
    }
    Some(h)
}

/// Index of the largest sum of two score rows (first on ties).
fn argmax_sum(a: &[i32], b: &[i32]) -> usize {
    let mut best = 0;
    let mut bs = i32::MIN;
    for (c, (x, y)) in a.iter().zip(b).enumerate() {
        let v = x.saturating_add(*y);
        if v > bs {
            bs = v;
            best = c;
        }
    }
    best
}

/// Index of the largest score (first on ties).
pub fn argmax_i(s: &[i32]) -> usize {
    let mut b = 0;
    for (i, v) in s.iter().enumerate() {
        if *v > s[b] {
            b = i;
        }
    }
    b
}

/// Index of the largest score (first on ties), for training scores.
pub fn argmax_f(s: &[f32]) -> usize {
    let mut b = 0;
    for (i, v) in s.iter().enumerate() {
        if *v > s[b] {
            b = i;
        }
    }
    b
}

/// Small deterministic PRNG (xorshift64*) so training is reproducible.
pub struct Rng(pub u64);

impl Rng {
    /// Next pseudo-random number.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0.max(1);
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes() -> Vec<(String, String)> {
        [
            ("NOUN", "NN"),
            ("NOUN", "NNS"),
            ("VERB", "VB"),
            ("ADJ", "JJ"),
        ]
        .iter()
        .map(|(u, x)| (u.to_string(), x.to_string()))
        .collect()
    }

    #[test]
    fn ambiguity_classes_are_upos_sets_of_ten_percent() {
        let c = classes();
        // XPOS variants of one UPOS pool their counts.
        assert_eq!(amb_class(&[1, 1, 8, 0], &c), amb_class(&[2, 0, 8, 0], &c));
        // 10 % is in, less is out.
        assert_ne!(amb_class(&[1, 0, 9, 0], &c), amb_class(&[0, 0, 9, 0], &c));
        assert_eq!(amb_class(&[0, 0, 20, 1], &c), amb_class(&[0, 0, 5, 0], &c));
        // A word whose only occurrence is left out is unknown.
        assert_eq!(amb_class(&[0, 0, 0, 0], &c), None);
    }
}
