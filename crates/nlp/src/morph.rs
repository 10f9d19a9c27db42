//! Lemmatizer and morphological features.
//!
//! Both are learnt from the training treebanks: a table from
//! `(lower-cased form, XPOS)` to lemma and features, plus, for unseen words,
//! the most frequent suffix rewrite `(XPOS, final letters) → (cut, add)` and
//! the most frequent features of the tag. Voice=Pass is added after parsing
//! (a participle with an `aux:pass` or `nsubj:pass` dependent).

use std::collections::HashMap;

use crate::perceptron::{hash_str, mix, put_str, put_var, IdHasher, Reader};

type Table<V> = HashMap<u64, V, std::hash::BuildHasherDefault<IdHasher>>;

/// Key of a `(string, tag)` pair in the run-time tables.
fn k2(a: &str, b: &str) -> u64 {
    // Seeded first: `mix(x, y)` only sees `x ^ y`, so equal halves would collide.
    mix(mix(0x006d_6f72_7068, hash_str(a)), hash_str(b))
}

/// Lemma and feature tables, keyed by 64-bit hashes of `(word, tag)` so
/// lookups do not allocate.
#[derive(Default, Clone)]
pub struct Morph {
    lemma: Table<String>,
    rules: Table<(u8, String)>,
    feats_word: Table<String>,
    feats_tag: Table<String>,
}

const MAX_SUFFIX: usize = 5;

fn suffixes(s: &str) -> impl Iterator<Item = &str> {
    let idx: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
    let n = idx.len();
    (1..=MAX_SUFFIX.min(n.saturating_sub(1)))
        .rev()
        .map(move |k| &s[idx[n - k]..])
}

/// `(cut, add)` turning `form` into `lemma`: chars removed from the end, then text appended.
fn rewrite(form: &str, lemma: &str) -> (u8, String) {
    let f: Vec<char> = form.chars().collect();
    let l: Vec<char> = lemma.chars().collect();
    let common = f.iter().zip(&l).take_while(|(a, b)| a == b).count();
    let cut = (f.len() - common).min(255) as u8;
    (cut, l[common..].iter().collect())
}

fn most_frequent<K: std::hash::Hash + Eq + Clone>(
    counts: HashMap<K, HashMap<String, u32>>,
    min: u32,
) -> HashMap<K, String> {
    counts
        .into_iter()
        .filter_map(|(k, v)| {
            let total: u32 = v.values().sum();
            let mut best: Vec<(String, u32)> = v.into_iter().collect();
            best.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let (s, c) = best.into_iter().next()?;
            (total >= min && c > 0).then_some((k, s))
        })
        .collect()
}

impl Morph {
    /// Learns the tables from `(form, upos, xpos, lemma, feats)` words.
    pub fn train<'a>(
        words: impl Iterator<Item = (&'a str, &'a str, &'a str, &'a str, &'a str)>,
    ) -> Morph {
        let mut lemma: HashMap<(String, String), HashMap<String, u32>> = HashMap::new();
        let mut rules: HashMap<(String, String), HashMap<String, u32>> = HashMap::new();
        let mut fw: HashMap<(String, String), HashMap<String, u32>> = HashMap::new();
        let mut ft: HashMap<(String, String), HashMap<String, u32>> = HashMap::new();
        for (form, upos, xpos, lem, feats) in words {
            // Voice=Pass depends on the parse, not the word: added by
            // `mark_passives`.
            let stripped: String;
            let feats = if feats.contains("Voice=Pass") {
                stripped = feats
                    .split('|')
                    .filter(|f| *f != "Voice=Pass")
                    .collect::<Vec<_>>()
                    .join("|");
                if stripped.is_empty() {
                    "_"
                } else {
                    stripped.as_str()
                }
            } else {
                feats
            };
            let lower = form.to_lowercase();
            *lemma
                .entry((lower.clone(), xpos.to_string()))
                .or_default()
                .entry(lem.to_string())
                .or_default() += 1;
            if upos != "PROPN" {
                let (cut, add) = rewrite(&lower, &lem.to_lowercase());
                let r = format!("{cut}\t{add}");
                for suf in suffixes(&lower) {
                    *rules
                        .entry((xpos.to_string(), suf.to_string()))
                        .or_default()
                        .entry(r.clone())
                        .or_default() += 1;
                }
            }
            *fw.entry((lower, xpos.to_string()))
                .or_default()
                .entry(feats.to_string())
                .or_default() += 1;
            *ft.entry((upos.to_string(), xpos.to_string()))
                .or_default()
                .entry(feats.to_string())
                .or_default() += 1;
        }
        let rules: HashMap<(String, String), (u8, String)> = most_frequent(rules, 2)
            .into_iter()
            .filter_map(|(k, r)| {
                let (c, a) = r.split_once('\t')?;
                Some((k, (c.parse().ok()?, a.to_string())))
            })
            .collect();
        let hashed = |m: HashMap<(String, String), String>| -> Table<String> {
            m.into_iter().map(|((a, b), v)| (k2(&a, &b), v)).collect()
        };
        Morph {
            lemma: hashed(most_frequent(lemma, 1)),
            rules: rules
                .into_iter()
                .map(|((a, b), v): ((String, String), (u8, String))| (k2(&a, &b), v))
                .collect(),
            feats_word: hashed(most_frequent(fw, 1)),
            feats_tag: hashed(most_frequent(ft, 1)),
        }
    }

    /// Lemma and features of one word.
    pub fn analyze(&self, form: &str, upos: &str, xpos: &str) -> (String, String) {
        let lower = if form.is_ascii() {
            form.to_ascii_lowercase()
        } else {
            form.to_lowercase()
        };
        (
            self.lemma_lower(form, &lower, upos, xpos),
            self.feats_lower(&lower, upos, xpos),
        )
    }

    /// The lemma of `form` tagged `upos`/`xpos`.
    pub fn lemma(&self, form: &str, upos: &str, xpos: &str) -> String {
        self.lemma_lower(form, &form.to_lowercase(), upos, xpos)
    }

    fn lemma_lower(&self, form: &str, lower: &str, upos: &str, xpos: &str) -> String {
        if let Some(l) = self.lemma.get(&k2(lower, xpos)) {
            // Names keep their case ("Iran"), as in the treebank.
            if upos == "PROPN" && l.chars().flat_map(char::to_lowercase).eq(lower.chars()) {
                return form.to_string();
            }
            return l.clone();
        }
        if upos == "PROPN" || lower.len() > 80 {
            return form.to_string();
        }
        for suf in suffixes(lower) {
            if let Some((cut, add)) = self.rules.get(&k2(xpos, suf)) {
                let keep = lower.chars().count().saturating_sub(*cut as usize);
                let mut l: String = lower.chars().take(keep).collect();
                l.push_str(add);
                if !l.is_empty() {
                    return l;
                }
            }
        }
        lower.to_string()
    }

    /// The UD features of a word (`_` when none).
    pub fn feats(&self, form: &str, upos: &str, xpos: &str) -> String {
        self.feats_lower(&form.to_lowercase(), upos, xpos)
    }

    fn feats_lower(&self, lower: &str, upos: &str, xpos: &str) -> String {
        if let Some(f) = self.feats_word.get(&k2(lower, xpos)) {
            return f.clone();
        }
        self.feats_tag
            .get(&k2(upos, xpos))
            .cloned()
            .unwrap_or_else(|| "_".to_string())
    }

    /// Serialises the tables (sorted, so the output is reproducible).
    pub fn write(&self, out: &mut Vec<u8>) {
        let table = |out: &mut Vec<u8>, m: &Table<String>| {
            let mut v: Vec<_> = m.iter().collect();
            v.sort();
            put_var(out, v.len() as u64);
            for (k, s) in v {
                out.extend_from_slice(&k.to_le_bytes());
                put_str(out, s);
            }
        };
        table(out, &self.lemma);
        let rules: Table<String> = self
            .rules
            .iter()
            .map(|(k, (c, a))| (*k, format!("{c}\t{a}")))
            .collect();
        table(out, &rules);
        table(out, &self.feats_word);
        table(out, &self.feats_tag);
    }

    /// Reads tables written by [`Morph::write`].
    pub fn read(r: &mut Reader<'_>) -> Option<Morph> {
        let mut maps = Vec::new();
        for _ in 0..4 {
            let n = r.var()? as usize;
            let mut m = Table::with_capacity_and_hasher(n.min(1 << 20), Default::default());
            for _ in 0..n {
                let k = r.u64()?;
                m.insert(k, r.string()?);
            }
            maps.push(m);
        }
        let feats_tag = maps.pop()?;
        let feats_word = maps.pop()?;
        let rules = maps
            .pop()?
            .into_iter()
            .filter_map(|(k, v)| {
                let (c, a) = v.split_once('\t')?;
                Some((k, (c.parse().ok()?, a.to_string())))
            })
            .collect();
        let lemma = maps.pop()?;
        Some(Morph {
            lemma,
            rules,
            feats_word,
            feats_tag,
        })
    }
}

/// Adds `Voice=Pass` to passive participles: a VBN with a passive auxiliary
/// or passive subject among its dependents. `heads` are CoNLL-U heads.
pub fn mark_passives(tokens: &mut [entente_core::Token]) {
    let mut passive = vec![false; tokens.len()];
    for t in tokens.iter() {
        if matches!(t.deprel.as_str(), "aux:pass" | "nsubj:pass" | "csubj:pass") && t.head > 0 {
            if let Some(p) = passive.get_mut(t.head as usize - 1) {
                *p = true;
            }
        }
    }
    for (t, p) in tokens.iter_mut().zip(passive) {
        if p && t.xpos == "VBN" && !t.feats.contains("Voice=") {
            t.feats = add_feat(&t.feats, "Voice=Pass");
        }
    }
}

/// Inserts `f` into a `|`-separated feature string, keeping it sorted.
pub fn add_feat(feats: &str, f: &str) -> String {
    let mut v: Vec<&str> = feats
        .split('|')
        .filter(|x| !x.is_empty() && *x != "_")
        .collect();
    v.push(f);
    v.sort_by_key(|x| x.to_lowercase());
    v.join("|")
}
