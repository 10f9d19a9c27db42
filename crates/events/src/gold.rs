//! Scoring coded events against a sentence-level gold annotation made under
//! `docs/codebook.md`.
//!
//! The unit is the sentence: a coded event matches a gold event of the same
//! sentence when both actors agree at *country level* ([`country_level`]) and
//! the CAMEO root agrees; a match at 3-digit level also needs the first three
//! digits to agree. Consultations (root 04) are symmetric — the codebook lets
//! the annotator write "A and B met" in either direction — so their actors may
//! be swapped. Matching is one-to-one, 3-digit matches first.
//!
//! ```
//! use entente_events::gold::{country_level, GoldEvent, Scored, Tally};
//! assert_eq!(country_level("IRNGOV"), "IRN");
//! assert_eq!(country_level("IMGMUSISI"), "IMGMUSISI");
//! let gold = [GoldEvent::new(3, Some("USAGOV"), Some("IRN"), "040", "asserted")];
//! let coded = [Scored::new(3, Some("IRN"), Some("USA"), "042", "asserted", 0.9)];
//! let mut t = Tally::default();
//! t.add(&gold, &coded, true);
//! assert_eq!((t.matched_root, t.matched_code3), (1, 0));
//! ```
//!
//! This module does no I/O; `entente eval events --gold` reads the files.

/// One gold event (codebook §6), reduced to what is scored.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldEvent {
    /// Sentence index in the document.
    pub sentence: u32,
    /// Source actor code, `None` when the sentence names none.
    pub source: Option<String>,
    /// Target actor code.
    pub target: Option<String>,
    /// CAMEO code, 3 or 4 digits.
    pub code: String,
    /// Modality name (`asserted`, `negated`, …).
    pub modality: String,
}

impl GoldEvent {
    /// Builds a gold event.
    pub fn new(
        sentence: u32,
        source: Option<&str>,
        target: Option<&str>,
        code: &str,
        modality: &str,
    ) -> GoldEvent {
        GoldEvent {
            sentence,
            source: source.map(str::to_string),
            target: target.map(str::to_string),
            code: code.to_string(),
            modality: modality.to_string(),
        }
    }
}

/// One coded event, mapped to the gold sentence that holds its trigger.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// Gold sentence index.
    pub sentence: u32,
    /// Source actor code.
    pub source: Option<String>,
    /// Target actor code.
    pub target: Option<String>,
    /// CAMEO code.
    pub code: String,
    /// Modality name.
    pub modality: String,
    /// The coder's confidence, 0..1.
    pub confidence: f32,
}

impl Scored {
    /// Builds a coded event for scoring.
    pub fn new(
        sentence: u32,
        source: Option<&str>,
        target: Option<&str>,
        code: &str,
        modality: &str,
        confidence: f32,
    ) -> Scored {
        Scored {
            sentence,
            source: source.map(str::to_string),
            target: target.map(str::to_string),
            code: code.to_string(),
            modality: modality.to_string(),
            confidence,
        }
    }
}

/// An actor code at the level the gold set is scored at: the first three
/// letters (a country or a bloc: `IRNGOV` → `IRN`, `WST`), except for codes
/// whose identity is the whole code — intergovernmental organisations,
/// transnational armed groups, NGOs and companies (`IGOUNO`, `IMGMUSISI`).
pub fn country_level(code: &str) -> String {
    let c = code.trim().to_ascii_uppercase();
    let whole = ["IGO", "IMG", "NGO", "MNC"]
        .iter()
        .any(|p| c.starts_with(p));
    if whole || c.len() <= 3 {
        c
    } else {
        c.chars().take(3).collect()
    }
}

fn root(code: &str) -> &str {
    code.get(..2).unwrap_or(code)
}

fn code3(code: &str) -> &str {
    code.get(..3).unwrap_or(code)
}

fn actors_match(g: &GoldEvent, p: &Scored) -> bool {
    let lvl = |a: &Option<String>| a.as_deref().map(country_level);
    let (gs, gt, ps, pt) = (
        lvl(&g.source),
        lvl(&g.target),
        lvl(&p.source),
        lvl(&p.target),
    );
    (gs == ps && gt == pt) || (root(&g.code) == "04" && gs == pt && gt == ps)
}

/// Whether an event has both actors, the kind the dyadic figures count.
fn dyadic(s: &Option<String>, t: &Option<String>) -> bool {
    s.is_some() && t.is_some()
}

/// Counts over many documents.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    /// Gold events counted.
    pub gold: usize,
    /// Coded events counted.
    pub predicted: usize,
    /// Matches at root level with both actors right.
    pub matched_root: usize,
    /// Matches that also agree on the 3-digit code.
    pub matched_code3: usize,
    /// Root-level matches whose modality agrees.
    pub modality_right: usize,
    /// Per confidence decile (0–0.1, …, 0.9–1.0): coded events, and how many
    /// of them matched at root level.
    pub bins: [(usize, usize); 10],
}

impl Tally {
    /// Scores one document's events. With `dyadic_only`, only events with
    /// both a source and a target count, on both sides. Returns, for each
    /// coded event, the index of the gold event it matched.
    pub fn add(
        &mut self,
        gold: &[GoldEvent],
        coded: &[Scored],
        dyadic_only: bool,
    ) -> Vec<Option<usize>> {
        let keep_g: Vec<bool> = gold
            .iter()
            .map(|g| !dyadic_only || dyadic(&g.source, &g.target))
            .collect();
        let keep_p: Vec<bool> = coded
            .iter()
            .map(|p| !dyadic_only || dyadic(&p.source, &p.target))
            .collect();
        let mut taken = vec![false; gold.len()];
        let mut matched: Vec<Option<usize>> = vec![None; coded.len()];
        // Two passes: exact 3-digit matches first, so that a root-level match
        // never steals the gold event another coded event matches exactly.
        for strict in [true, false] {
            for (pi, p) in coded.iter().enumerate() {
                if !keep_p[pi] || matched[pi].is_some() {
                    continue;
                }
                let hit = gold.iter().enumerate().position(|(gi, g)| {
                    keep_g[gi]
                        && !taken[gi]
                        && g.sentence == p.sentence
                        && root(&g.code) == root(&p.code)
                        && (!strict || code3(&g.code) == code3(&p.code))
                        && actors_match(g, p)
                });
                if let Some(gi) = hit {
                    taken[gi] = true;
                    matched[pi] = Some(gi);
                }
            }
        }
        self.gold += keep_g.iter().filter(|k| **k).count();
        for (pi, p) in coded.iter().enumerate() {
            if !keep_p[pi] {
                continue;
            }
            self.predicted += 1;
            let bin = ((p.confidence.clamp(0.0, 1.0) * 10.0) as usize).min(9);
            self.bins[bin].0 += 1;
            if let Some(gi) = matched[pi] {
                let g = &gold[gi];
                self.matched_root += 1;
                self.bins[bin].1 += 1;
                if code3(&g.code) == code3(&p.code) {
                    self.matched_code3 += 1;
                }
                if g.modality == p.modality {
                    self.modality_right += 1;
                }
            }
        }
        matched
    }

    /// Adds another tally's counts.
    pub fn merge(&mut self, o: &Tally) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.matched_root += o.matched_root;
        self.matched_code3 += o.matched_code3;
        self.modality_right += o.modality_right;
        for (a, b) in self.bins.iter_mut().zip(o.bins.iter()) {
            a.0 += b.0;
            a.1 += b.1;
        }
    }

    /// Root-level precision.
    pub fn precision(&self) -> f64 {
        ratio(self.matched_root, self.predicted)
    }
    /// Root-level recall.
    pub fn recall(&self) -> f64 {
        ratio(self.matched_root, self.gold)
    }
    /// Root-level F1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// 3-digit precision.
    pub fn precision3(&self) -> f64 {
        ratio(self.matched_code3, self.predicted)
    }
    /// 3-digit recall.
    pub fn recall3(&self) -> f64 {
        ratio(self.matched_code3, self.gold)
    }
    /// Share of root-level matches with the right modality.
    pub fn modality_accuracy(&self) -> f64 {
        ratio(self.modality_right, self.matched_root)
    }
    /// Coded events with confidence ≥ `min` and the share of them right.
    pub fn calibration_at(&self, min: f32) -> (usize, f64) {
        let from = ((min.clamp(0.0, 1.0) * 10.0) as usize).min(9);
        let (n, ok) = self.bins[from..]
            .iter()
            .fold((0, 0), |(n, ok), b| (n + b.0, ok + b.1));
        (n, ratio(ok, n))
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching_is_one_to_one_and_prefers_exact_codes() {
        let gold = [
            GoldEvent::new(1, Some("USAGOV"), Some("IRN"), "111", "asserted"),
            GoldEvent::new(1, Some("USAGOV"), Some("IRN"), "112", "claimed"),
        ];
        let coded = [
            Scored::new(1, Some("USA"), Some("IRNGOV"), "110", "asserted", 0.55),
            Scored::new(1, Some("USA"), Some("IRNGOV"), "112", "asserted", 0.95),
            Scored::new(1, Some("USA"), Some("IRNGOV"), "111", "asserted", 0.85),
        ];
        let mut t = Tally::default();
        let m = t.add(&gold, &coded, true);
        assert_eq!(m, vec![None, Some(1), Some(0)]);
        assert_eq!(
            (t.gold, t.predicted, t.matched_root, t.matched_code3),
            (2, 3, 2, 2)
        );
        assert_eq!(t.modality_right, 1);
        assert_eq!(t.calibration_at(0.8), (2, 1.0));
    }

    #[test]
    fn other_sentences_directions_and_one_sided_events() {
        let gold = [
            GoldEvent::new(0, Some("USA"), Some("IRN"), "190", "asserted"),
            GoldEvent::new(2, Some("IRN"), None, "010", "asserted"),
        ];
        // wrong sentence, reversed non-symmetric direction, one-sided
        let coded = [
            Scored::new(1, Some("USA"), Some("IRN"), "190", "asserted", 0.9),
            Scored::new(0, Some("IRN"), Some("USA"), "190", "asserted", 0.9),
            Scored::new(2, Some("IRN"), None, "010", "asserted", 0.9),
        ];
        let mut dy = Tally::default();
        dy.add(&gold, &coded, true);
        assert_eq!((dy.gold, dy.predicted, dy.matched_root), (1, 2, 0));
        let mut all = Tally::default();
        all.add(&gold, &coded, false);
        assert_eq!((all.gold, all.predicted, all.matched_root), (2, 3, 1));
    }
}
