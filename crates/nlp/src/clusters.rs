//! Distributional word classes learnt from raw text, used as extra tagger
//! and parser features for words that are rare or unseen in the treebanks.
//!
//! Each frequent word is described by how often each of the most frequent
//! words occurs immediately left and right of it; these profiles are
//! square-root normalised (Hellinger), randomly projected to a few dozen
//! dimensions and grouped by spherical k-means at two granularities. The
//! whole procedure is seeded and deterministic.

use std::collections::HashMap;

use crate::perceptron::{hash_str, put_var, IdHasher, Reader};
use crate::tagger::{norm, Rng};
use crate::tokenize;

type Table = HashMap<u64, (u16, u16), std::hash::BuildHasherDefault<IdHasher>>;

/// Word → (coarse class, fine class), keyed by the hash of the normalised form.
#[derive(Clone, Default)]
pub struct Clusters {
    map: Table,
}

/// Settings for [`Clusters::build`].
#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// Words that get a class (most frequent first).
    pub vocab: usize,
    /// Context words (most frequent first).
    pub context: usize,
    /// Projected dimensions.
    pub dims: usize,
    /// Number of coarse / fine classes.
    pub coarse: usize,
    pub fine: usize,
    /// k-means iterations.
    pub iterations: usize,
    pub seed: u64,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            vocab: 40_000,
            context: 400,
            dims: 64,
            coarse: 64,
            fine: 512,
            iterations: 12,
            seed: 7,
        }
    }
}

/// Spherical k-means on unit rows; returns the class of every row.
fn kmeans(x: &[f32], d: usize, k: usize, iters: usize, rng: &mut Rng) -> Vec<u16> {
    let n = x.len() / d;
    let k = k.min(n).max(1);
    // Initialise with evenly spread rows of a seeded permutation.
    let mut idx: Vec<usize> = (0..n).collect();
    rng.shuffle(&mut idx);
    let mut c: Vec<f32> = idx[..k]
        .iter()
        .flat_map(|&i| x[i * d..(i + 1) * d].to_vec())
        .collect();
    let mut assign = vec![0u16; n];
    for _ in 0..iters {
        for (i, a) in assign.iter_mut().enumerate() {
            let row = &x[i * d..(i + 1) * d];
            let mut best = (f32::MIN, 0usize);
            for j in 0..k {
                let cj = &c[j * d..(j + 1) * d];
                let dot: f32 = row.iter().zip(cj).map(|(a, b)| a * b).sum();
                if dot > best.0 {
                    best = (dot, j);
                }
            }
            *a = best.1 as u16;
        }
        let mut sum = vec![0f32; k * d];
        for (i, a) in assign.iter().enumerate() {
            let a = *a as usize;
            for t in 0..d {
                sum[a * d + t] += x[i * d + t];
            }
        }
        for j in 0..k {
            let s = &mut sum[j * d..(j + 1) * d];
            let norm = s.iter().map(|v| v * v).sum::<f32>().sqrt();
            if norm > 0.0 {
                s.iter_mut().for_each(|v| *v /= norm);
                c[j * d..(j + 1) * d].copy_from_slice(s);
            }
        }
    }
    assign
}

/// Reads the `text` field of every line of every `*.jsonl.gz` file in
/// `dir` (training-time helper; sorted by file name).
pub fn read_corpus(dir: &std::path::Path) -> std::io::Result<Vec<String>> {
    use std::io::BufRead;
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".jsonl.gz"))
        .collect();
    files.sort();
    let mut texts = Vec::new();
    for f in &files {
        let r = std::io::BufReader::new(flate2::read::GzDecoder::new(std::fs::File::open(f)?));
        for line in r.lines() {
            let line = line?;
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) {
                if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                    texts.push(t.to_string());
                }
            }
        }
    }
    Ok(texts)
}

impl Clusters {
    /// Learns classes from raw `texts`.
    pub fn build(texts: impl Iterator<Item = String>, o: &ClusterOptions) -> Clusters {
        let mut ids: HashMap<u64, u32> = HashMap::new();
        let mut freq: Vec<u32> = Vec::new();
        let mut seq: Vec<u32> = Vec::new();
        const BREAK: u32 = u32::MAX;
        for t in texts {
            for span in tokenize(&t) {
                let h = hash_str(&norm(span.slice(&t)));
                let next = ids.len() as u32;
                let id = *ids.entry(h).or_insert(next);
                if id == next {
                    freq.push(0);
                }
                freq[id as usize] += 1;
                seq.push(id);
            }
            seq.push(BREAK);
        }
        let mut by_freq: Vec<u32> = (0..freq.len() as u32).collect();
        by_freq.sort_by(|a, b| freq[*b as usize].cmp(&freq[*a as usize]).then(a.cmp(b)));
        let nv = o.vocab.min(by_freq.len());
        let nc = o.context.min(by_freq.len());
        let mut vrow = vec![u32::MAX; freq.len()];
        for (r, &id) in by_freq[..nv].iter().enumerate() {
            vrow[id as usize] = r as u32;
        }
        let mut crow = vec![u32::MAX; freq.len()];
        for (r, &id) in by_freq[..nc].iter().enumerate() {
            crow[id as usize] = r as u32;
        }
        let w = 2 * nc;
        let mut counts = vec![0u32; nv * w];
        for i in 0..seq.len() {
            let id = seq[i];
            if id == BREAK || vrow[id as usize] == u32::MAX {
                continue;
            }
            let r = vrow[id as usize] as usize;
            if i > 0 && seq[i - 1] != BREAK && crow[seq[i - 1] as usize] != u32::MAX {
                counts[r * w + crow[seq[i - 1] as usize] as usize] += 1;
            }
            if i + 1 < seq.len() && seq[i + 1] != BREAK && crow[seq[i + 1] as usize] != u32::MAX {
                counts[r * w + nc + crow[seq[i + 1] as usize] as usize] += 1;
            }
        }
        drop(seq);
        let mut rng = Rng(o.seed);
        let d = o.dims;
        // Gaussian-ish projection (sum of uniforms).
        let proj: Vec<f32> = (0..w * d)
            .map(|_| (0..4).map(|_| rng.unit() as f32 - 0.5).sum::<f32>())
            .collect();
        let mut x = vec![0f32; nv * d];
        for r in 0..nv {
            let row = &counts[r * w..(r + 1) * w];
            let total: u32 = row.iter().sum();
            if total == 0 {
                continue;
            }
            let out = &mut x[r * d..(r + 1) * d];
            for (j, &cnt) in row.iter().enumerate() {
                if cnt > 0 {
                    let v = (cnt as f32 / total as f32).sqrt();
                    let p = &proj[j * d..(j + 1) * d];
                    for t in 0..d {
                        out[t] += v * p[t];
                    }
                }
            }
            let norm = out.iter().map(|v| v * v).sum::<f32>().sqrt();
            if norm > 0.0 {
                out.iter_mut().for_each(|v| *v /= norm);
            }
        }
        drop(counts);
        let coarse = kmeans(&x, d, o.coarse, o.iterations, &mut rng);
        let fine = kmeans(&x, d, o.fine, o.iterations, &mut rng);
        let mut hash_of = vec![0u64; freq.len()];
        for (h, id) in &ids {
            hash_of[*id as usize] = *h;
        }
        let mut map = Table::default();
        for (r, &id) in by_freq[..nv].iter().enumerate() {
            map.insert(hash_of[id as usize], (coarse[r], fine[r]));
        }
        Clusters { map }
    }

    /// Classes of a word given the hash of its normalised form.
    #[inline]
    pub fn get(&self, word_hash: u64) -> Option<(u16, u16)> {
        self.map.get(&word_hash).copied()
    }

    /// Number of words with a class.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when no word has a class.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Serialises the table (sorted).
    pub fn write(&self, out: &mut Vec<u8>) {
        let mut v: Vec<_> = self.map.iter().collect();
        v.sort();
        put_var(out, v.len() as u64);
        for (h, (a, b)) in v {
            out.extend_from_slice(&h.to_le_bytes());
            put_var(out, u64::from(*a));
            put_var(out, u64::from(*b));
        }
    }

    /// Reads a table written by [`Clusters::write`].
    pub fn read(r: &mut Reader<'_>) -> Option<Clusters> {
        let n = r.var()? as usize;
        let mut map = Table::with_capacity_and_hasher(n.min(1 << 20), Default::default());
        for _ in 0..n {
            let h = r.u64()?;
            let a = u16::try_from(r.var()?).ok()?;
            let b = u16::try_from(r.var()?).ok()?;
            map.insert(h, (a, b));
        }
        Some(Clusters { map })
    }
}
