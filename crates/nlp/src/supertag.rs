//! Supertagger: predicts for each word its dependency relation and the side
//! of its head ("nsubj, head to the right"), from the words, their predicted
//! POS tags and the distance to the nearest verbs. The greedy parser reads
//! these predictions as features: a cheap look-ahead over the whole
//! sentence that a left-to-right parser with a three-word buffer window
//! lacks (Ouchi, Duh and Matsumoto 2014, "Improving dependency parsers with
//! supertags").
//!
//! One greedy left-to-right averaged perceptron over ~20 templates; the
//! parser is trained on jackknifed supertags, as on jackknifed POS tags.

use crate::perceptron::{key, mix, IdHasher, Model, Reader};
use crate::tagger::{argmax_i, train_greedy};

const NONE: u64 = 0x5157_0000;
const START: u64 = 0x5157_0001;

/// What the supertagger sees of a word.
#[derive(Clone, Copy, Debug)]
pub struct StWord {
    /// Hash of the normalised form.
    pub w: u64,
    /// Hashed fine word class.
    pub c: u64,
    /// Hashed predicted POS class.
    pub t: u64,
    /// The predicted POS is a verb or auxiliary.
    pub verb: bool,
}

/// The UPOS values [`StWord::verb`] marks.
pub fn is_verb(upos: &str) -> bool {
    upos == "VERB" || upos == "AUX"
}

/// Relation + head-side classes and their perceptron.
#[derive(Clone)]
pub struct Supertagger {
    /// `(relation, side)` per class; side is `L`, `R` or `root`.
    pub classes: Vec<(String, String)>,
    model: Model,
    /// Frequent (word, POS) pairs that take one class at least 99 % of the
    /// time in training: tagged without scoring ("the", "."), about a
    /// third of running text.
    fixed: IdMap<u16>,
}

type IdMap<V> = std::collections::HashMap<u64, V, std::hash::BuildHasherDefault<IdHasher>>;

/// Key of a word for [`Supertagger::fixed`].
fn fixed_key(w: &StWord) -> u64 {
    mix(w.w, w.t)
}

/// Distance buckets to the nearest verb before and after each word.
fn verb_distances(ws: &[StWord]) -> Vec<(u64, u64)> {
    let n = ws.len();
    let bucket = |d: usize| d.min(6) as u64;
    let mut out = vec![(7u64, 7u64); n];
    let mut last: Option<usize> = None;
    for (i, w) in ws.iter().enumerate() {
        out[i].0 = last.map_or(7, |j| bucket(i - j));
        if w.verb {
            last = Some(i);
        }
    }
    let mut next: Option<usize> = None;
    for i in (0..n).rev() {
        out[i].1 = next.map_or(7, |j| bucket(j - i));
        if ws[i].verb {
            next = Some(i);
        }
    }
    out
}

fn features(ws: &[StWord], vd: &[(u64, u64)], i: usize, s1: u64, s2: u64, out: &mut Vec<u32>) {
    out.clear();
    let n = ws.len();
    let t = |j: isize| -> u64 {
        if j < 0 || j as usize >= n {
            START
        } else {
            ws[j as usize].t
        }
    };
    let w = |j: isize| -> u64 {
        if j < 0 || j as usize >= n {
            START
        } else {
            ws[j as usize].w
        }
    };
    let i_ = i as isize;
    let (w0, t0, c0) = (ws[i].w, ws[i].t, ws[i].c);
    let (tm1, tm2, tp1, tp2) = (t(i_ - 1), t(i_ - 2), t(i_ + 1), t(i_ + 2));
    let (pv, nv) = vd[i];
    let edge = u64::from(i == 0) | u64::from(i + 1 == n) << 1;
    let mut k = 0u64;
    let mut f = |vals: &[u64]| {
        k += 1;
        let mut h = mix(0x5374, k);
        for v in vals {
            h = mix(h, *v);
        }
        out.push(key(h));
    };
    f(&[]);
    f(&[w0]);
    f(&[t0]);
    f(&[w0, t0]);
    f(&[c0, t0]);
    f(&[tm1, t0]);
    f(&[t0, tp1]);
    f(&[tm1, t0, tp1]);
    f(&[tm2, tm1, t0]);
    f(&[t0, tp1, tp2]);
    f(&[w(i_ - 1), t0]);
    f(&[t0, w(i_ + 1)]);
    f(&[s1]);
    f(&[s1, t0]);
    f(&[s2, s1, t0]);
    f(&[s1, w0]);
    f(&[t0, nv]);
    f(&[t0, pv]);
    f(&[w0, nv]);
    f(&[t0, pv, nv]);
    f(&[t0, edge]);
}

impl Supertagger {
    /// Tags a sentence; returns class ids.
    pub fn tag(&self, ws: &[StWord]) -> Vec<u16> {
        let vd = verb_distances(ws);
        let mut feats = Vec::with_capacity(24);
        let mut scores = vec![0i32; self.model.classes()];
        let (mut s1, mut s2) = (START, START);
        let mut out = Vec::with_capacity(ws.len());
        for i in 0..ws.len() {
            let best = match self.fixed.get(&fixed_key(&ws[i])) {
                Some(&c) => c as usize,
                None => {
                    features(ws, &vd, i, s1, s2, &mut feats);
                    self.model.score(&feats, &mut scores);
                    argmax_i(&scores)
                }
            };
            out.push(best as u16);
            s2 = s1;
            s1 = best as u64 + 100;
        }
        out
    }

    /// Trains on `(words, gold classes)` sentences.
    pub fn train(
        sents: &[(Vec<StWord>, Vec<u16>)],
        classes: Vec<(String, String)>,
        epochs: usize,
        seed: u64,
        log: &mut dyn FnMut(&str),
    ) -> Supertagger {
        let n = classes.len().max(1);
        let vds: Vec<Vec<(u64, u64)>> = sents.iter().map(|(w, _)| verb_distances(w)).collect();
        let golds: Vec<Vec<u16>> = sents.iter().map(|(_, g)| g.clone()).collect();
        let model = train_greedy(
            &golds,
            n,
            epochs,
            seed,
            START,
            "supertagger",
            log,
            |s, i, p1, p2, out| features(&sents[s].0, &vds[s], i, p1, p2, out),
        );
        // Frequent unambiguous words.
        let mut counts: IdMap<Vec<u32>> = IdMap::default();
        for (ws, gold) in sents {
            for (w, g) in ws.iter().zip(gold) {
                let e = counts.entry(fixed_key(w)).or_insert_with(|| vec![0; n]);
                if let Some(c) = e.get_mut(*g as usize) {
                    *c += 1;
                }
            }
        }
        let mut fixed = IdMap::default();
        for (k, c) in counts {
            let total: u32 = c.iter().sum();
            if let Some((best, &top)) = c
                .iter()
                .enumerate()
                .max_by_key(|(i, v)| (**v, std::cmp::Reverse(*i)))
            {
                if total >= 20 && top * 100 >= total * 99 {
                    fixed.insert(k, best as u16);
                }
            }
        }
        Supertagger {
            classes,
            model,
            fixed,
        }
    }

    /// Serialises the supertagger.
    pub fn write(&self, out: &mut Vec<u8>) {
        use crate::perceptron::{put_str, put_var};
        put_var(out, self.classes.len() as u64);
        for (a, b) in &self.classes {
            put_str(out, a);
            put_str(out, b);
        }
        self.model.write(out);
        let mut f: Vec<(&u64, &u16)> = self.fixed.iter().collect();
        f.sort();
        put_var(out, f.len() as u64);
        for (k, c) in f {
            out.extend_from_slice(&k.to_le_bytes());
            put_var(out, u64::from(*c));
        }
    }

    /// Reads what [`Supertagger::write`] wrote.
    pub fn read(r: &mut Reader<'_>) -> Option<Supertagger> {
        let n = r.var()? as usize;
        let mut classes = Vec::with_capacity(n.min(1024));
        for _ in 0..n {
            classes.push((r.string()?, r.string()?));
        }
        let model = Model::read(r)?;
        if model.classes() != classes.len() || classes.is_empty() {
            return None;
        }
        let nf = r.var()? as usize;
        let mut fixed = IdMap::with_capacity_and_hasher(nf.min(1 << 20), Default::default());
        for _ in 0..nf {
            let k = r.u64()?;
            let c = u16::try_from(r.var()?).ok()?;
            if usize::from(c) >= classes.len() {
                return None;
            }
            fixed.insert(k, c);
        }
        Some(Supertagger {
            classes,
            model,
            fixed,
        })
    }

    /// Coarsens the weights by `2^shift`.
    pub fn requantize(&mut self, shift: u32) {
        self.model = self.model.requantized(shift);
    }

    /// Drops weights below `min_abs` (quantised units).
    pub fn prune(&mut self, min_abs: u16, min_hits: u32) {
        self.model = self.model.pruned(min_abs, min_hits);
    }
}

/// Hash of no supertag (positions without one, e.g. the root).
pub const NO_SUPERTAG: u64 = NONE;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verb_distances_look_both_ways() {
        let w = |verb| StWord {
            w: 1,
            c: 2,
            t: 3,
            verb,
        };
        let ws = [w(false), w(true), w(false), w(false)];
        let d = verb_distances(&ws);
        assert_eq!(d[0], (7, 1));
        assert_eq!(d[1], (7, 7));
        assert_eq!(d[3], (2, 7));
    }
}
