//! Averaged multi-class perceptron over hashed sparse features.
//!
//! Training keeps dense rows (one weight per class) for every feature that was
//! ever updated, with the averaging trick of Daumé (`avg = w - u / c`), so an
//! update is O(features) and averaging needs no timestamps. The trained model
//! is quantised to `i16`, zero weights are dropped and each feature keeps a
//! sparse row of `(class, weight)` cells; lookups go through an
//! open-addressing table keyed by the 32-bit feature hash.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

/// Hasher for keys that already are hashes.
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type IdMap<V> = HashMap<u32, V, BuildHasherDefault<IdHasher>>;

/// Mixes a value into a running feature hash.
#[inline]
pub fn mix(h: u64, v: u64) -> u64 {
    let x = (h ^ v).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^ (x >> 29)
}

/// Hashes a string (FNV-1a, then mixed).
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix(h, 0x51_7cc1_b727_220a)
}

/// Turns a 64-bit feature hash into the 32-bit key used by the models
/// (never 0, which marks an empty slot).
#[inline]
pub fn key(h: u64) -> u32 {
    let k = (mix(h, 0x2545_F491_4F6C_DD1D) >> 32) as u32;
    k.max(1)
}

/// A perceptron being trained.
pub struct Trainer {
    /// Number of classes.
    pub n: usize,
    index: IdMap<u32>,
    w: Vec<f32>,
    u: Vec<f64>,
    /// Updates that touched each row (a proxy for how often the feature
    /// mattered; rare ones are pruned).
    hits: Vec<u32>,
    /// Number of examples seen (the averaging clock).
    c: f64,
}

impl Trainer {
    /// A fresh model over `n` classes.
    pub fn new(n: usize) -> Trainer {
        Trainer {
            n,
            index: IdMap::default(),
            w: Vec::new(),
            u: Vec::new(),
            hits: Vec::new(),
            c: 1.0,
        }
    }

    /// Adds the current (non-averaged) weights of `feats` to `scores`.
    pub fn score(&self, feats: &[u32], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                let row = &self.w[r as usize * self.n..(r as usize + 1) * self.n];
                for (s, w) in scores.iter_mut().zip(row) {
                    *s += *w;
                }
            }
        }
    }

    fn row(&mut self, f: u32) -> usize {
        let n = self.n;
        let next = self.index.len() as u32;
        let r = *self.index.entry(f).or_insert(next);
        if r == next {
            self.w.resize(self.w.len() + n, 0.0);
            self.u.resize(self.u.len() + n, 0.0);
            self.hits.push(0);
        }
        self.hits[r as usize] = self.hits[r as usize].saturating_add(1);
        r as usize * n
    }

    /// Moves weight from `guess` to `truth` for every feature (no-op if equal).
    pub fn update(&mut self, feats: &[u32], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        let c = self.c;
        for &f in feats {
            let b = self.row(f);
            self.w[b + truth] += 1.0;
            self.u[b + truth] += c;
            self.w[b + guess] -= 1.0;
            self.u[b + guess] -= c;
        }
    }

    /// Adds `delta` to the weight of `class` for every feature.
    pub fn add(&mut self, feats: &[u32], class: usize, delta: f32) {
        let c = self.c;
        for &f in feats {
            let b = self.row(f);
            self.w[b + class] += delta;
            self.u[b + class] += c * f64::from(delta);
        }
    }

    /// Advances the averaging clock (once per training example).
    pub fn tick(&mut self) {
        self.c += 1.0;
    }

    /// The averaged, quantised, sparse model. Weights whose quantised value
    /// is below `min_abs` in magnitude are dropped.
    pub fn finish(&self, min_abs: i16) -> Model {
        let n = self.n;
        let avg: Vec<f32> = self
            .w
            .iter()
            .zip(&self.u)
            .map(|(w, u)| (f64::from(*w) - u / self.c) as f32)
            .collect();
        let max = avg.iter().fold(0f32, |m, w| m.max(w.abs())).max(1e-6);
        let scale = 32000.0 / max;
        let mut keys: Vec<(u32, u32)> = self.index.iter().map(|(k, r)| (*k, *r)).collect();
        keys.sort_unstable();
        let mut rows = Vec::new();
        for (k, r) in keys {
            let row = &avg[r as usize * n..(r as usize + 1) * n];
            let cells: Vec<(u16, i16)> = row
                .iter()
                .enumerate()
                .map(|(c, w)| (c as u16, (w * scale).round() as i16))
                .filter(|(_, q)| q.unsigned_abs() >= min_abs.unsigned_abs())
                .collect();
            if !cells.is_empty() {
                rows.push((k, cells, self.hits[r as usize]));
            }
        }
        let mut m = Model::from_rows(
            n,
            &rows
                .iter()
                .map(|(k, c, _)| (*k, c.clone()))
                .collect::<Vec<_>>(),
        );
        m.hits = rows.iter().map(|(k, _, h)| (*k, *h)).collect();
        m
    }
}

/// An averaged perceptron ready for prediction.
///
/// Layout for speed (lookups are random accesses over tens of MB, so cache
/// misses are the cost): `slots` is an open-addressing table of 8-byte
/// slots. A slot keeps a 16-bit tag of the feature key (the slot position
/// already fixes most other bits; a stray match costs one feature's weights
/// about once in 65,536 probes) and, for models of up to [`SMALL`] classes,
/// all weights. For larger models most features carry exactly two weights (a
/// perceptron update moves weight from the guess to the truth), so a slot
/// holds two `(class, weight)` cells inline and a lookup is one cache miss;
/// longer rows spill into `cells` (a header `(count, 0)`, then `count`
/// cells; or, for rows with weights for at least half the classes, a header
/// `(DENSE, 0)` then all weights two per cell, which is no larger and sums
/// with vector instructions). Scoring first prefetches all slots (the loads are independent, so
/// the CPU overlaps the misses), then the spilled rows. The full keys sit in
/// `keys`, apart from the hot table, for writing and pruning.
#[derive(Debug, Clone)]
pub struct Model {
    n: usize,
    mask: usize,
    slots: Vec<Slot>,
    cells: Vec<(u16, i16)>,
    keys: Vec<u32>,
    rows: usize,
    /// Training update counts by key (empty for a loaded model).
    hits: HashMap<u32, u32, BuildHasherDefault<IdHasher>>,
}

/// Class count up to which all weights are stored inline.
const SMALL: usize = 3;
/// Class value of an unused inline cell.
const NO_CLASS: u8 = u8::MAX;
/// Header count marking a dense row in `cells`.
const DENSE: u16 = u16::MAX;
/// Class value marking a slot whose row spilled into `cells`.
const SPILL: u8 = u8::MAX - 1;

/// A hash slot (tag 0 = empty). Large models: `c`/`w` are up to two inline
/// cells, or `c[0] == SPILL` and `w` holds the row's offset in `cells`.
/// Small models: `w` and `c` (as the third weight) are the class weights.
#[derive(Debug, Clone, Copy)]
#[repr(C, align(8))]
struct Slot {
    tag: u16,
    c: [u8; 2],
    w: [i16; 2],
}

impl Default for Slot {
    fn default() -> Slot {
        Slot {
            tag: 0,
            c: [NO_CLASS; 2],
            w: [0; 2],
        }
    }
}

impl Slot {
    fn offset(&self) -> usize {
        (self.w[0] as u16 as usize) | ((self.w[1] as u16 as usize) << 16)
    }
    fn small_weights(&self) -> [i16; SMALL] {
        [self.w[0], self.w[1], i16::from_le_bytes(self.c)]
    }
}

/// The 16-bit tag of a key (never 0, which marks an empty slot).
#[inline]
fn tag_of(k: u32) -> u16 {
    ((k >> 16) as u16).max(1)
}

/// Asks the kernel to back a large, not yet touched allocation with 2 MB
/// pages. Model lookups are random accesses over tens of MB, so with 4 KB
/// pages nearly every one also misses the TLB; huge pages make that a cache
/// miss only. Advisory: without transparent huge pages nothing changes.
fn advise_huge<T>(v: &Vec<T>) {
    #[cfg(target_os = "linux")]
    {
        const PAGE: usize = 4096;
        let bytes = v.capacity() * std::mem::size_of::<T>();
        if bytes < (4 << 20) {
            return;
        }
        let start = v.as_ptr() as usize;
        let aligned = start.next_multiple_of(PAGE);
        let len = (start + bytes).saturating_sub(aligned) / PAGE * PAGE;
        if len > 0 {
            // SAFETY: the range lies inside the vector's own allocation and
            // MADV_HUGEPAGE only changes how its pages are backed.
            unsafe {
                libc::madvise(aligned as *mut libc::c_void, len, libc::MADV_HUGEPAGE);
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = v;
}

/// A vector of `len` copies of `fill`, in huge pages where the OS allows.
fn huge_vec<T: Clone>(len: usize, fill: T) -> Vec<T> {
    let mut v = Vec::with_capacity(len);
    advise_huge(&v);
    v.resize(len, fill);
    v
}

#[inline]
fn slot_of(k: u32, mask: usize) -> usize {
    (k.wrapping_mul(0x9E37_79B9) as usize ^ (k as usize >> 7)) & mask
}

#[inline]
fn prefetch<T>(p: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        // SAFETY: SSE is part of the x86_64 baseline, and a prefetch of a
        // valid reference never faults or changes memory.
        unsafe { _mm_prefetch::<_MM_HINT_T0>((p as *const T).cast::<i8>()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

impl Model {
    /// Number of classes.
    pub fn classes(&self) -> usize {
        self.n
    }

    /// Number of features with at least one weight.
    pub fn features(&self) -> usize {
        self.rows
    }

    fn from_rows(n: usize, rows: &[(u32, Vec<(u16, i16)>)]) -> Model {
        let cap = (rows.len() * 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut slots = huge_vec(cap, Slot::default());
        let mut keys = vec![0u32; cap];
        // Classes must fit the inline cells' u8 (else every row spills).
        let inline_ok = n < usize::from(SPILL);
        let mut cells = Vec::new();
        if n > SMALL {
            cells.reserve(
                rows.iter()
                    .filter(|r| !inline_ok || r.1.len() > 2)
                    .map(|r| r.1.len().min(n.div_ceil(2)) + 1)
                    .sum(),
            );
            advise_huge(&cells);
        }
        for (k, row) in rows {
            let mut slot = Slot {
                tag: tag_of(*k),
                ..Slot::default()
            };
            if n <= SMALL {
                let mut w = [0i16; SMALL];
                for &(c, x) in row {
                    if let Some(v) = w.get_mut(c as usize) {
                        *v = x;
                    }
                }
                slot.w = [w[0], w[1]];
                slot.c = w[2].to_le_bytes();
            } else if inline_ok && row.len() <= 2 {
                for (j, &(c, w)) in row.iter().enumerate() {
                    slot.c[j] = c as u8;
                    slot.w[j] = w;
                }
            } else {
                let off = cells.len();
                if row.len() * 2 >= n {
                    // Dense: weights of classes 2j and 2j+1 share cell j
                    // (no larger than the sparse cells, and it vectorises).
                    cells.push((DENSE, 0));
                    let start = cells.len();
                    cells.resize(start + n.div_ceil(2), (0, 0));
                    for &(c, w) in row {
                        let c = c as usize;
                        if let Some(cell) = cells.get_mut(start + c / 2) {
                            if c.is_multiple_of(2) {
                                cell.0 = w as u16;
                            } else {
                                cell.1 = w;
                            }
                        }
                    }
                } else {
                    cells.push((row.len() as u16, 0));
                    cells.extend_from_slice(row);
                }
                slot.c[0] = SPILL;
                slot.w = [off as u16 as i16, (off >> 16) as u16 as i16];
            }
            let mut i = slot_of(*k, mask);
            while slots[i].tag != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = slot;
            keys[i] = *k;
        }
        Model {
            n,
            mask,
            slots,
            cells,
            keys,
            rows: rows.len(),
            hits: HashMap::default(),
        }
    }

    /// Largest weight magnitude: the quantisation scale (32,000 as trained,
    /// less after [`Model::requantized`]).
    pub fn max_weight(&self) -> i32 {
        let inline = self.slots.iter().filter(|s| s.tag != 0).map(|s| {
            if self.n <= SMALL {
                s.small_weights()
                    .iter()
                    .map(|w| i32::from(*w).abs())
                    .max()
                    .unwrap_or(0)
            } else if s.c[0] == SPILL {
                0
            } else {
                i32::from(s.w[0]).abs().max(i32::from(s.w[1]).abs())
            }
        });
        // Spilled rows: sparse cells hold (class, weight); dense cells hold
        // two weights; the headers hold a count (or `DENSE`) and 0, so
        // only the weights of dense rows are read from the first half.
        let mut spilled = 0i32;
        let mut off = 0;
        let half = self.n.div_ceil(2);
        while off < self.cells.len() {
            let (cnt, _) = self.cells[off];
            let (len, dense) = if cnt == DENSE {
                (half, true)
            } else {
                (cnt as usize, false)
            };
            for &(a, b) in self.cells.get(off + 1..off + 1 + len).unwrap_or(&[]) {
                spilled = spilled.max(i32::from(b).abs());
                if dense {
                    spilled = spilled.max(i32::from(a as i16).abs());
                }
            }
            off += 1 + len;
        }
        inline.max().unwrap_or(0).max(spilled)
    }

    /// Rows as `(key, cells)`, sorted by key.
    fn rows(&self) -> Vec<(u32, Vec<(u16, i16)>)> {
        let mut rows: Vec<(u32, Vec<(u16, i16)>)> = self
            .slots
            .iter()
            .zip(&self.keys)
            .filter(|(s, _)| s.tag != 0)
            .map(|(s, k)| {
                let cells = if self.n <= SMALL {
                    s.small_weights()
                        .iter()
                        .enumerate()
                        .take(self.n)
                        .filter(|(_, w)| **w != 0)
                        .map(|(c, w)| (c as u16, *w))
                        .collect()
                } else if s.c[0] == SPILL {
                    let off = s.offset();
                    if self.cells[off].0 == DENSE {
                        let row = &self.cells[off + 1..off + 1 + self.n.div_ceil(2)];
                        row.iter()
                            .flat_map(|&(a, b)| [a as i16, b])
                            .enumerate()
                            .take(self.n)
                            .filter(|(_, w)| *w != 0)
                            .map(|(c, w)| (c as u16, w))
                            .collect()
                    } else {
                        let cnt = self.cells[off].0 as usize;
                        self.cells[off + 1..off + 1 + cnt].to_vec()
                    }
                } else {
                    s.c.iter()
                        .zip(s.w)
                        .filter(|(c, _)| **c != NO_CLASS)
                        .map(|(c, w)| (u16::from(*c), w))
                        .collect()
                };
                (*k, cells)
            })
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        rows
    }

    /// The mean of models over the same classes (rows missing from a model
    /// count as zero). Scores are linear in the weights, so the mean scores
    /// every decision as the average of the models' scores: an ensemble of
    /// independently trained models at the cost of one. Update counts add.
    pub fn mean(models: &[&Model]) -> Model {
        let Some(first) = models.first() else {
            return Model::from_rows(1, &[]);
        };
        let n = first.n;
        let k = models.len() as i32;
        let mut sum: BTreeMap<u32, Vec<i32>> = BTreeMap::new();
        let mut hits: HashMap<u32, u32, BuildHasherDefault<IdHasher>> = HashMap::default();
        for m in models {
            for (key, cells) in m.rows() {
                let row = sum.entry(key).or_insert_with(|| vec![0; n]);
                for (c, w) in cells {
                    if let Some(x) = row.get_mut(c as usize) {
                        *x += i32::from(w);
                    }
                }
            }
            for (key, h) in &m.hits {
                let e = hits.entry(*key).or_default();
                *e = e.saturating_add(*h);
            }
        }
        let rows: Vec<(u32, Vec<(u16, i16)>)> = sum
            .into_iter()
            .map(|(key, row)| {
                let cells: Vec<(u16, i16)> = row
                    .iter()
                    .enumerate()
                    .map(|(c, w)| (c as u16, (w + w.signum() * k / 2) / k))
                    .filter(|(_, w)| *w != 0)
                    .map(|(c, w)| (c, w as i16))
                    .collect();
                (key, cells)
            })
            .filter(|(_, c)| !c.is_empty())
            .collect();
        let mut m = Model::from_rows(n, &rows);
        m.hits = hits;
        m
    }

    /// A copy without weights below `min_abs` (quantised units) and, when
    /// training counts are known, without features updated fewer than
    /// `min_hits` times.
    pub fn pruned(&self, min_abs: u16, min_hits: u32) -> Model {
        self.rebuilt(
            |k| self.hits.get(&k).is_none_or(|h| *h >= min_hits),
            |w| (w.unsigned_abs() >= min_abs).then_some(w),
        )
    }

    /// A copy with every weight divided by `2^shift` (rounded; weights that
    /// become 0 are dropped). Training quantises to ±32,000, far finer than
    /// the averaged weights need: on EWT dev a shift of 7 leaves tagging and
    /// parsing scores unchanged and the model a third smaller.
    pub fn requantized(&self, shift: u32) -> Model {
        if shift == 0 {
            return self.clone();
        }
        let half = 1i32 << (shift - 1);
        self.rebuilt(
            |_| true,
            |w| Some(((i32::from(w) + half) >> shift) as i16).filter(|w| *w != 0),
        )
    }

    /// A copy keeping the rows whose key passes `keep`, each weight mapped
    /// by `weight` (`None` drops it); rows left empty are dropped.
    fn rebuilt(&self, keep: impl Fn(u32) -> bool, weight: impl Fn(i16) -> Option<i16>) -> Model {
        let rows: Vec<(u32, Vec<(u16, i16)>)> = self
            .rows()
            .into_iter()
            .filter(|(k, _)| keep(*k))
            .map(|(k, c)| {
                let c: Vec<(u16, i16)> = c
                    .into_iter()
                    .filter_map(|(c, w)| weight(w).map(|w| (c, w)))
                    .collect();
                (k, c)
            })
            .filter(|(_, c)| !c.is_empty())
            .collect();
        let mut m = Model::from_rows(self.n, &rows);
        m.hits = self.hits.clone();
        m
    }

    /// Sums the weights of `feats` into `scores` (which is reset first).
    #[inline]
    pub fn score(&self, feats: &[u32], scores: &mut [i32]) {
        scores.iter_mut().for_each(|s| *s = 0);
        for &f in feats {
            prefetch(&self.slots[slot_of(f, self.mask)]);
        }
        if self.n <= SMALL {
            let mut acc = [0i32; SMALL];
            for &f in feats {
                if let Some(s) = self.find(f) {
                    for (a, w) in acc.iter_mut().zip(s.small_weights()) {
                        *a += i32::from(w);
                    }
                }
            }
            for (s, a) in scores.iter_mut().zip(acc) {
                *s = a;
            }
            return;
        }
        let mut offs = [0u32; 160];
        let mut m = 0;
        for &f in feats {
            let Some(s) = self.find(f) else { continue };
            if s.c[0] == SPILL {
                if m < offs.len() {
                    let off = s.offset();
                    prefetch(&self.cells[off]);
                    offs[m] = off as u32;
                    m += 1;
                }
            } else {
                for (c, w) in s.c.iter().zip(s.w) {
                    if let Some(x) = scores.get_mut(usize::from(*c)) {
                        *x += i32::from(w);
                    }
                }
            }
        }
        let half = self.n.div_ceil(2);
        for &off in &offs[..m] {
            let off = off as usize;
            let cnt = self.cells[off].0;
            if cnt == DENSE {
                let Some(row) = self.cells.get(off + 1..off + 1 + half) else {
                    continue;
                };
                let (pairs, rest) = scores.split_at_mut(scores.len() & !1);
                for (sc, &(a, b)) in pairs.chunks_exact_mut(2).zip(row) {
                    sc[0] += i32::from(a as i16);
                    sc[1] += i32::from(b);
                }
                if let (Some(s), Some(&(a, _))) = (rest.first_mut(), row.get(half - 1)) {
                    *s += i32::from(a as i16);
                }
                continue;
            }
            for &(c, w) in &self.cells[off + 1..off + 1 + cnt as usize] {
                if let Some(s) = scores.get_mut(c as usize) {
                    *s += i32::from(w);
                }
            }
        }
    }

    /// The slot of feature `f`, if it has weights.
    #[inline]
    fn find(&self, f: u32) -> Option<&Slot> {
        let tag = tag_of(f);
        let mut i = slot_of(f, self.mask);
        loop {
            let s = &self.slots[i];
            if s.tag == tag {
                return Some(s);
            }
            if s.tag == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Serialises the model (sorted keys, delta-coded varints).
    pub fn write(&self, out: &mut Vec<u8>) {
        let rows = self.rows();
        put_var(out, self.n as u64);
        put_var(out, rows.len() as u64);
        let mut prev = 0u32;
        for (k, cells) in &rows {
            let k = *k;
            put_var(out, u64::from(k - prev));
            prev = k;
            put_var(out, cells.len() as u64);
            let mut pc = 0u16;
            for &(c, w) in cells.iter() {
                put_var(out, u64::from(c - pc));
                pc = c;
                let z = ((i32::from(w) << 1) ^ (i32::from(w) >> 31)) as u32;
                put_var(out, u64::from(z));
            }
        }
    }

    /// Reads a model written by [`Model::write`].
    pub fn read(r: &mut Reader<'_>) -> Option<Model> {
        let n = r.var()? as usize;
        let nrows = r.var()? as usize;
        let mut rows = Vec::with_capacity(nrows.min(1 << 24));
        let mut k = 0u32;
        for _ in 0..nrows {
            k = k.checked_add(u32::try_from(r.var()?).ok()?)?;
            let nc = r.var()? as usize;
            if nc > n {
                return None;
            }
            let mut cells = Vec::with_capacity(nc);
            let mut c = 0u16;
            for _ in 0..nc {
                c = c.checked_add(u16::try_from(r.var()?).ok()?)?;
                let z = u32::try_from(r.var()?).ok()?;
                let w = ((z >> 1) as i32) ^ -((z & 1) as i32);
                cells.push((c, w as i16));
            }
            rows.push((k, cells));
        }
        Some(Model::from_rows(n, &rows))
    }
}

/// Appends an unsigned LEB128 varint.
pub fn put_var(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// Appends a length-prefixed string.
pub fn put_str(out: &mut Vec<u8>, s: &str) {
    put_var(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// A cursor over serialised model bytes; every read is checked.
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// Reads from the start of `buf`.
    pub fn new(buf: &'a [u8]) -> Reader<'a> {
        Reader { buf, pos: 0 }
    }

    /// Reads an unsigned varint.
    pub fn var(&mut self) -> Option<u64> {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let b = *self.buf.get(self.pos)?;
            self.pos += 1;
            if shift >= 64 {
                return None;
            }
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
            shift += 7;
        }
    }

    /// Reads a little-endian u64.
    pub fn u64(&mut self) -> Option<u64> {
        let end = self.pos.checked_add(8)?;
        let b: [u8; 8] = self.buf.get(self.pos..end)?.try_into().ok()?;
        self.pos = end;
        Some(u64::from_le_bytes(b))
    }

    /// Reads a length-prefixed string.
    pub fn string(&mut self) -> Option<String> {
        let n = self.var()? as usize;
        let end = self.pos.checked_add(n)?;
        let s = std::str::from_utf8(self.buf.get(self.pos..end)?).ok()?;
        self.pos = end;
        Some(s.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_and_round_trips() {
        let mut t = Trainer::new(2);
        let data = [(vec![1u32, 5], 0usize), (vec![2, 5], 1), (vec![1, 7], 0)];
        let mut s = [0f32; 2];
        for _ in 0..5 {
            for (f, y) in &data {
                t.score(f, &mut s);
                let g = if s[1] > s[0] { 1 } else { 0 };
                t.update(f, *y, g);
                t.tick();
            }
        }
        let m = t.finish(1);
        let mut buf = Vec::new();
        m.write(&mut buf);
        let m2 = Model::read(&mut Reader::new(&buf)).expect("reads back");
        let mut si = [0i32; 2];
        for (f, y) in &data {
            m2.score(f, &mut si);
            let g = if si[1] > si[0] { 1 } else { 0 };
            assert_eq!(g, *y);
        }
        assert!(Model::read(&mut Reader::new(&buf[..buf.len() / 2])).is_none());
    }

    /// Inline, sparse and dense rows all score as the plain sum of weights,
    /// for odd and even class counts, and survive a write/read round trip.
    #[test]
    fn every_row_layout_scores_the_same() {
        for n in [7usize, 8] {
            let rows: Vec<(u32, Vec<(u16, i16)>)> = vec![
                (10, vec![(1, 5)]),
                (20, vec![(0, -3), (6, 9)]),
                (30, vec![(2, 4), (3, -8), (5, 1)]),
                (
                    40_000,
                    (0..n as u16).map(|c| (c, c as i16 * 10 - 20)).collect(),
                ),
            ];
            let m = Model::from_rows(n, &rows);
            let feats: Vec<u32> = rows.iter().map(|r| r.0).collect();
            let mut want = vec![0i32; n];
            for (_, cells) in &rows {
                for &(c, w) in cells {
                    want[c as usize] += i32::from(w);
                }
            }
            let mut got = vec![0i32; n];
            m.score(&feats, &mut got);
            assert_eq!(got, want, "n = {n}");
            let max = rows
                .iter()
                .flat_map(|r| r.1.iter().map(|c| i32::from(c.1).abs()))
                .max();
            assert_eq!(Some(m.max_weight()), max, "n = {n}");
            let mut buf = Vec::new();
            m.write(&mut buf);
            let m2 = Model::read(&mut Reader::new(&buf)).expect("reads back");
            m2.score(&feats, &mut got);
            assert_eq!(got, want, "n = {n} after a round trip");
        }
    }

    /// The mean model scores as the average of the models' scores.
    #[test]
    fn mean_scores_as_the_average() {
        let a = Model::from_rows(4, &[(1, vec![(0, 10), (3, -4)]), (2, vec![(1, 6)])]);
        let b = Model::from_rows(4, &[(1, vec![(0, 20)]), (3, vec![(2, 8), (1, -2)])]);
        let m = Model::mean(&[&a, &b]);
        let feats = [1u32, 2, 3];
        let (mut sa, mut sb, mut sm) = (vec![0i32; 4], vec![0i32; 4], vec![0i32; 4]);
        a.score(&feats, &mut sa);
        b.score(&feats, &mut sb);
        m.score(&feats, &mut sm);
        let avg: Vec<i32> = sa.iter().zip(&sb).map(|(x, y)| (x + y) / 2).collect();
        assert_eq!(sm, avg);
    }
}
