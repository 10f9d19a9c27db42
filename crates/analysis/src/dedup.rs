//! Events, not reports: clustering event mentions into canonical events.
//!
//! Two mentions are taken to report the same real-world event when they have
//! the same directed dyad (at [`crate::node_key`] level), the same CAMEO root,
//! the same modality, dates within a window, compatible places and enough
//! words in common. Mentions are assigned greedily in date order to the best
//! matching open cluster (single linkage against the cluster's members; the
//! cluster's date range may not exceed twice the window, so it cannot drift
//! through a long chain of daily reports).
//!
//! Two refinements from checking clusters by hand: a joint event coded both
//! ways from one sentence ("A and B met" → A→B and B→A) is one event keyed by
//! the sorted dyad; and mentions with an unknown source or target only merge
//! within one sentence, since without both actors shared words say little.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use entente_core::{ActorCode, CameoCode, Modality, QuadClass};
use serde::{Deserialize, Serialize};

use crate::EventRecord;

/// Tuning for [`cluster`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DedupParams {
    /// Largest gap in days between a mention's date and a cluster's date range.
    pub date_window_days: i64,
    /// Least word overlap (Jaccard over content words of the sentences, plus a
    /// bonus when the triggers share a word) to join a cluster.
    pub min_word_overlap: f32,
}

impl Default for DedupParams {
    fn default() -> Self {
        DedupParams {
            date_window_days: 2,
            min_word_overlap: 0.3,
        }
    }
}

/// One real-world event and the mentions that report it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CanonicalEvent {
    /// Stable id: the smallest member mention id.
    pub id: String,
    /// Source network node (see [`crate::node_key`]).
    pub source_node: Option<String>,
    /// Target network node.
    pub target_node: Option<String>,
    /// Most frequent source actor code among the mentions.
    pub source: Option<ActorCode>,
    /// Most frequent target actor code.
    pub target: Option<ActorCode>,
    /// Most frequent source display name.
    pub source_name: Option<String>,
    /// Most frequent target display name.
    pub target_name: Option<String>,
    /// Most frequent CAMEO code (the most specific on ties).
    pub cameo: CameoCode,
    /// Most frequent PLOVER type.
    pub plover_type: Option<String>,
    /// Mean Goldstein score of the mentions.
    pub goldstein: f32,
    /// Quad class of the shared CAMEO root.
    pub quad_class: QuadClass,
    /// The shared modality.
    pub modality: Modality,
    /// Earliest mention date.
    pub date: Option<NaiveDate>,
    /// Latest mention date.
    pub date_end: Option<NaiveDate>,
    /// Most frequent place.
    pub place: Option<String>,
    /// Member mention ids, ascending.
    pub members: Vec<String>,
    /// Number of distinct articles reporting it.
    pub docs: usize,
    /// Number of independent sources (distinct outlets).
    pub sources: usize,
}

impl CanonicalEvent {
    /// Number of mentions (reports) of this event.
    pub fn mentions(&self) -> usize {
        self.members.len()
    }
}

/// Small closed-class word list: these say nothing about which event it is.
const STOPWORDS: &[&str] = &[
    "the", "and", "for", "that", "with", "was", "were", "has", "have", "had", "this", "from",
    "are", "not", "but", "his", "her", "its", "their", "they", "them", "who", "which", "will",
    "would", "said", "says", "say", "been", "also", "than", "then", "there", "into", "about",
    "after", "over", "some", "more", "what", "when", "where", "while", "other", "such", "our",
    "you", "all", "can", "could", "may", "might", "should", "one", "two", "being", "those",
    "these", "him", "she",
];

fn word_hashes(text: &str) -> Vec<u64> {
    use std::hash::{Hash, Hasher};
    let mut out: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .filter_map(|w| {
            let lw = w.to_lowercase();
            if STOPWORDS.contains(&lw.as_str()) {
                return None;
            }
            let mut h = std::collections::hash_map::DefaultHasher::new();
            lw.hash(&mut h);
            Some(h.finish())
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Jaccard similarity of two sorted, deduplicated hash lists.
fn jaccard(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - inter;
    inter as f32 / union as f32
}

fn shares_any(a: &[u64], b: &[u64]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

fn norm_place(p: &str) -> String {
    p.trim().to_lowercase()
}

/// Distance in days from `d` to the closed range `[lo, hi]`.
fn gap_days(d: NaiveDate, lo: NaiveDate, hi: NaiveDate) -> i64 {
    if d < lo {
        (lo - d).num_days()
    } else if d > hi {
        (d - hi).num_days()
    } else {
        0
    }
}

/// Budgets that keep clustering near-linear on hostile input (one article
/// repeating an event sentence 200,000 times, or thousands of distinct
/// events of one dyad on one day). Real news stays far below both: beyond
/// them a mention is compared with the most recent clusters and signatures
/// only.
///
/// Open clusters of one blocking key (dyad, CAMEO root, modality) within
/// the date window that a mention is compared with.
pub const MAX_OPEN_CANDIDATES: usize = 256;
/// Distinct sentence signatures (content words + trigger words) of one
/// cluster that a mention is compared with.
pub const MAX_SIGNATURES: usize = 64;

/// A cluster under construction. Members with the same words are one
/// signature: single linkage over distinct signatures equals single linkage
/// over members, at a cost independent of how often a sentence repeats.
struct Open<'a> {
    members: Vec<usize>,
    lo: Option<NaiveDate>,
    hi: Option<NaiveDate>,
    docs: HashSet<&'a str>,
    /// (document, sentence) of every member: the same sentence coded twice
    /// is one report.
    sentences: HashSet<(&'a str, u32)>,
    /// Distinct normalised places of the members.
    places: Vec<String>,
    /// Distinct (content words, trigger words) signatures, in arrival order.
    signatures: Vec<(Vec<u64>, Vec<u64>)>,
    seen: HashSet<(Vec<u64>, Vec<u64>)>,
}

impl<'a> Open<'a> {
    fn new() -> Self {
        Open {
            members: Vec::new(),
            lo: None,
            hi: None,
            docs: HashSet::new(),
            sentences: HashSet::new(),
            places: Vec::new(),
            signatures: Vec::new(),
            seen: HashSet::new(),
        }
    }

    fn add(&mut self, i: usize, r: &'a EventRecord, words: Vec<u64>, trigger: Vec<u64>) {
        if let Some(d) = r.date {
            self.lo = Some(self.lo.map_or(d, |x| x.min(d)));
            self.hi = Some(self.hi.map_or(d, |x| x.max(d)));
        }
        self.docs.insert(r.doc_id.as_str());
        self.sentences.insert((r.doc_id.as_str(), r.sentence));
        if let Some(p) = r.place.as_deref() {
            let p = norm_place(p);
            if !self.places.contains(&p) {
                self.places.push(p);
            }
        }
        let sig = (words, trigger);
        if !self.seen.contains(&sig) {
            self.seen.insert(sig.clone());
            self.signatures.push(sig);
        }
        self.members.push(i);
    }
}

type Key = (Option<String>, Option<String>, u8, Modality);

/// Where a mention sits and between whom (sorted dyad), for spotting
/// reciprocal codings of one sentence.
type Slot<'a> = (&'a str, u32, &'a str, Option<String>, Option<String>);

/// The slot of a record and whether its dyad was already in sorted order.
fn slot(r: &EventRecord) -> (Slot<'_>, bool) {
    let (s, t) = (r.source_node(), r.target_node());
    let fwd = s <= t;
    let (lo, hi) = if fwd { (s, t) } else { (t, s) };
    (
        (r.doc_id.as_str(), r.sentence, r.cameo.as_str(), lo, hi),
        fwd,
    )
}

/// Clusters event mentions into canonical events (see the module doc).
///
/// The result is sorted by date (undated last), then id; every input record
/// belongs to exactly one canonical event.
///
/// Cost: O(n log n) in the number of mentions `n`. Mentions are blocked by
/// (dyad, CAMEO root, modality) and sorted by date; a mention is compared
/// only with the clusters of its block still inside the date window (at most
/// [`MAX_OPEN_CANDIDATES`], the most recent), and with at most
/// [`MAX_SIGNATURES`] distinct sentences of each. Undated mentions only meet
/// clusters of their own article (the most recent [`MAX_OPEN_CANDIDATES`]),
/// found through an index by document, and mentions with an unknown side
/// only the clusters of their own sentence, through an index by sentence.
pub fn cluster(records: &[EventRecord], params: &DedupParams) -> Vec<CanonicalEvent> {
    // A joint event ("Rouhani and Obama had a phone call") is often coded
    // both ways from one sentence: such reciprocal pairs are one event, keyed
    // by the sorted dyad.
    let slots: Vec<(Slot, bool)> = records.iter().map(slot).collect();
    let mut directions: HashMap<&Slot, (bool, bool)> = HashMap::new();
    for (k, fwd) in &slots {
        let d = directions.entry(k).or_default();
        if *fwd {
            d.0 = true;
        } else {
            d.1 = true;
        }
    }
    // Group by the hard key first so the pairwise comparisons stay local.
    let mut groups: HashMap<Key, Vec<usize>> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        let (k, fwd) = &slots[i];
        let reciprocal = directions.get(k).is_some_and(|d| d.0 && d.1);
        // The slot holds the sorted dyad: the directed one when not reciprocal.
        let key = if reciprocal || *fwd {
            (k.3.clone(), k.4.clone(), r.cameo.root(), r.modality)
        } else {
            (k.4.clone(), k.3.clone(), r.cameo.root(), r.modality)
        };
        groups.entry(key).or_default().push(i);
    }
    let mut out = Vec::new();
    for (key, mut idxs) in groups {
        // With an unknown side, shared words are not enough to say two
        // sentences report one event ("I think people …" in an interview):
        // such mentions merge within one sentence only.
        let both_known = key.0.is_some() && key.1.is_some();
        idxs.sort_by(|&i, &j| {
            let k = |r: &EventRecord| (r.date.is_none(), r.date);
            k(&records[i])
                .cmp(&k(&records[j]))
                .then_with(|| records[i].id.cmp(&records[j].id))
        });
        let mut open: Vec<Open> = Vec::new();
        // Clusters a dated mention may still join, in creation order: dates
        // arrive in ascending order, so a cluster that fell out of the
        // window stays out.
        let mut active: Vec<usize> = Vec::new();
        // Clusters by member document, for undated mentions.
        let mut by_doc: HashMap<&str, Vec<usize>> = HashMap::new();
        // Clusters by member sentence, for mentions with an unknown side.
        let mut by_sentence: HashMap<(&str, u32), Vec<usize>> = HashMap::new();
        for i in idxs {
            let r = &records[i];
            let words = word_hashes(&r.sentence_text);
            let trigger = word_hashes(&r.trigger);
            let place = r.place.as_deref().map(norm_place);
            let candidates: Vec<usize> = if !both_known && params.min_word_overlap > 0.0 {
                // Only the same sentence can score: its clusters.
                let mut c = by_sentence
                    .get(&(r.doc_id.as_str(), r.sentence))
                    .cloned()
                    .unwrap_or_default();
                c.sort_unstable();
                c
            } else if let Some(d) = r.date {
                // The most recent clusters still in the window, found from
                // the end: only the part scanned is pruned (a cluster out of
                // the window never comes back), so a long run of open
                // clusters on one date costs no full pass per mention.
                let live = |ci: &usize| {
                    open[*ci]
                        .hi
                        .is_some_and(|hi| (d - hi).num_days() <= params.date_window_days)
                };
                let mut k = active.len();
                let mut found = 0;
                while k > 0 && found < MAX_OPEN_CANDIDATES {
                    k -= 1;
                    if live(&active[k]) {
                        found += 1;
                    }
                }
                let tail: Vec<usize> = active.drain(k..).filter(live).collect();
                active.extend_from_slice(&tail);
                tail
            } else {
                let c = by_doc.get(r.doc_id.as_str()).map_or(&[][..], Vec::as_slice);
                let mut c = c[c.len().saturating_sub(MAX_OPEN_CANDIDATES)..].to_vec();
                c.sort_unstable();
                c
            };
            let mut best: Option<(usize, f32)> = None;
            for ci in candidates {
                let c = &open[ci];
                let date_ok = match (r.date, c.lo, c.hi) {
                    // Within the window of the cluster, and the cluster may
                    // not stretch beyond twice the window (no endless chains
                    // of daily reports).
                    (Some(d), Some(lo), Some(hi)) => {
                        gap_days(d, lo, hi) <= params.date_window_days
                            && (hi.max(d) - lo.min(d)).num_days() <= 2 * params.date_window_days
                    }
                    // Undated mentions only join reports from the same article.
                    _ => c.docs.contains(r.doc_id.as_str()),
                };
                if !date_ok {
                    continue;
                }
                // Places are compatible when either is unknown or one names
                // the other ("Syria" and "Raqqa, Syria").
                let compatible = place.as_deref().is_none_or(|p| {
                    c.places
                        .iter()
                        .all(|o| o.contains(p) || p.contains(o.as_str()))
                });
                if !compatible {
                    continue;
                }
                let mut score: f32 = if c.sentences.contains(&(r.doc_id.as_str(), r.sentence)) {
                    // The same sentence coded twice is one report.
                    1.0
                } else {
                    0.0
                };
                if both_known {
                    let from = c.signatures.len().saturating_sub(MAX_SIGNATURES);
                    for (ow, ot) in &c.signatures[from..] {
                        let bonus = if shares_any(&trigger, ot) { 0.1 } else { 0.0 };
                        score = score.max(jaccard(&words, ow) + bonus);
                    }
                }
                if score >= params.min_word_overlap && best.is_none_or(|(_, b)| score > b) {
                    best = Some((ci, score));
                }
            }
            let ci = match best {
                Some((ci, _)) => ci,
                None => {
                    open.push(Open::new());
                    if r.date.is_some() {
                        active.push(open.len() - 1);
                    }
                    open.len() - 1
                }
            };
            let new_doc = !open[ci].docs.contains(r.doc_id.as_str());
            let new_sentence = !open[ci]
                .sentences
                .contains(&(r.doc_id.as_str(), r.sentence));
            open[ci].add(i, r, words, trigger);
            if new_doc {
                by_doc.entry(r.doc_id.as_str()).or_default().push(ci);
            }
            if new_sentence {
                by_sentence
                    .entry((r.doc_id.as_str(), r.sentence))
                    .or_default()
                    .push(ci);
            }
        }
        for c in open {
            out.push(canonical(records, &c));
        }
    }
    out.sort_by(|a, b| {
        (a.date.is_none(), a.date)
            .cmp(&(b.date.is_none(), b.date))
            .then_with(|| a.id.cmp(&b.id))
    });
    out
}

/// The most frequent value; ties go to the larger by `Ord` after `len` (so
/// the most specific code wins), which keeps the choice deterministic.
fn mode<T: Ord + Clone>(items: impl Iterator<Item = T>, len: impl Fn(&T) -> usize) -> Option<T> {
    let mut counts: BTreeMap<T, usize> = BTreeMap::new();
    for it in items {
        *counts.entry(it).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|(a, na), (b, nb)| na.cmp(nb).then(len(a).cmp(&len(b))).then(b.cmp(a)))
        .map(|(t, _)| t)
}

fn canonical(records: &[EventRecord], c: &Open) -> CanonicalEvent {
    let recs: Vec<&EventRecord> = c.members.iter().map(|&i| &records[i]).collect();
    let first = recs[0];
    let mut members: Vec<String> = recs.iter().map(|r| r.id.clone()).collect();
    members.sort_unstable();
    let sources: HashSet<&str> = recs.iter().map(|r| r.source_key()).collect();
    let goldstein = recs.iter().map(|r| r.goldstein).sum::<f32>() / recs.len() as f32;
    // A reciprocal cluster holds A→B and B→A codings of one sentence: take
    // the actors from the members oriented like the first, so that source
    // and target never collapse onto the same side.
    let oriented: Vec<&EventRecord> = recs
        .iter()
        .copied()
        .filter(|r| {
            r.source_node() == first.source_node() && r.target_node() == first.target_node()
        })
        .collect();
    CanonicalEvent {
        id: members[0].clone(),
        source_node: first.source_node(),
        target_node: first.target_node(),
        source: mode(oriented.iter().filter_map(|r| r.source.clone()), |a| {
            a.0.len()
        }),
        target: mode(oriented.iter().filter_map(|r| r.target.clone()), |a| {
            a.0.len()
        }),
        source_name: mode(oriented.iter().filter_map(|r| r.source_name.clone()), |_| 0),
        target_name: mode(oriented.iter().filter_map(|r| r.target_name.clone()), |_| 0),
        cameo: mode(recs.iter().map(|r| r.cameo.clone()), |c| c.as_str().len())
            .unwrap_or_else(|| first.cameo.clone()),
        plover_type: mode(recs.iter().filter_map(|r| r.plover_type.clone()), |_| 0),
        goldstein,
        quad_class: first.cameo.quad_class(),
        modality: first.modality,
        date: c.lo,
        date_end: c.hi,
        place: mode(recs.iter().filter_map(|r| r.place.clone()), |_| 0),
        members,
        docs: c.docs.len(),
        sources: sources.len(),
    }
}
