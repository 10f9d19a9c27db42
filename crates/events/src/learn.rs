//! The learned decision on top of the dictionary: every candidate event the
//! rules code is scored by a logistic regression over features of the event
//! in its sentence (trigger lemma and rule, code class, the kinds of actor
//! on each side, missing sides, modality, question and quotation context,
//! position, genre cues). The probability is the event's `confidence`; the
//! coder keeps the events at or above [`crate::Config::min_confidence`].
//!
//! The model is trained on the gold set's train part (`entente train
//! events`, deterministic: fixed example order, fixed schedule) and ships
//! as a small text file in the crate (`data/decision.model`).
//!
//! This module does no I/O.

use std::collections::{BTreeMap, HashMap};

use entente_core::{Doc, Event};

/// Kind of actor code, coarse enough to generalise: none, a country, a
/// country with its first agent, an agent of no country, an IGO, an IMG,
/// an NGO.
fn actor_kind(code: Option<&str>) -> String {
    let Some(c) = code.filter(|c| !c.is_empty()) else {
        return "none".into();
    };
    for p in ["IGO", "IMG", "NGO", "MNC"] {
        if c.starts_with(p) {
            return p.into();
        }
    }
    if let Some(agent) = c.strip_prefix("---") {
        return format!("any{}", agent.get(..3).unwrap_or(agent));
    }
    match c.get(3..6) {
        Some(a) if !a.is_empty() => format!("ctry{a}"),
        _ => "ctry".into(),
    }
}

/// The rule family: the dictionary block, "nominal", or another stage's.
fn rule_family(rule: &str) -> &str {
    let head = rule.split(':').next().unwrap_or(rule).trim();
    head.split_whitespace().next().unwrap_or("")
}

/// Document-level cues, computed once per document.
#[derive(Debug, Clone, Copy, Default)]
pub struct DocCues {
    legal: bool,
    transcript: bool,
    single: bool,
}

impl DocCues {
    /// The genre cues of `doc`: orders and statutes ("shall" again and
    /// again), transcripts (question lines), a lone sentence.
    pub fn of(doc: &Doc) -> DocCues {
        DocCues {
            legal: doc.text.matches(" shall ").count() >= 3,
            transcript: doc.text.matches("\nQ ").count() + doc.text.matches("\nQ:").count() >= 2,
            single: doc.sentences.len() == 1,
        }
    }
}

/// Features of event `e` of `doc` (strings; the bias is implicit).
pub fn features(doc: &Doc, e: &Event) -> Vec<String> {
    features_with(doc, &DocCues::of(doc), e)
}

/// [`features`] with the document's cues computed beforehand.
pub fn features_with(doc: &Doc, cues: &DocCues, e: &Event) -> Vec<String> {
    let mut f = Vec::with_capacity(32);
    let code = e.cameo.as_str();
    let root = code.get(..2).unwrap_or(code);
    let code3 = code.get(..3).unwrap_or(code);
    let src = e.source.as_ref().map(|a| a.as_str());
    let tgt = e.target.as_ref().map(|a| a.as_str());
    let (sk, tk) = (actor_kind(src), actor_kind(tgt));
    let family = rule_family(&e.rule).to_string();
    f.push(format!("root={root}"));
    f.push(format!("code={code3}"));
    let trig = doc.slice(e.trigger_span).to_lowercase();
    let lemma = doc
        .tokens
        .binary_search_by_key(&e.trigger_span.start, |t| t.span.start)
        .ok()
        .map(|i| doc.tokens[i].lemma.to_lowercase())
        .unwrap_or_else(|| trig.clone());
    f.push(format!("rule={family}"));
    f.push(format!("lem={lemma}"));
    f.push(format!("lem_root={lemma}_{root}"));
    f.push(format!("rule_root={family}_{root}"));
    f.push(format!("src={sk}"));
    f.push(format!("tgt={tk}"));
    f.push(format!("src_tgt={sk}_{tk}"));
    f.push(format!("root_src={root}_{sk}"));
    f.push(format!("root_tgt={root}_{tk}"));
    f.push(format!("mod={}", e.modality.as_str()));
    f.push(format!("mod_root={}_{root}", e.modality.as_str()));
    let kind = if e.rule.starts_with("nominal") {
        "nominal"
    } else if e.rule.starts_with("quotes") {
        "quotes"
    } else if e.rule.contains('~') {
        "transform"
    } else if e.rule.contains(" + ") {
        "combined"
    } else if e.rule.contains('[') {
        "pattern"
    } else {
        "verb"
    };
    f.push(format!("kind={kind}"));
    f.push(format!("kind_root={kind}_{root}"));
    if let (Some(a), Some(b)) = (src, tgt) {
        if a.get(..3) == b.get(..3) {
            f.push("same_country".into());
        }
    }
    let pron = |span: Option<entente_core::Span>| {
        span.map(|s| doc.slice(s).to_lowercase()).is_some_and(|w| {
            matches!(
                w.as_str(),
                "he" | "she" | "it" | "they" | "we" | "i" | "you" | "his" | "her" | "its" | "their"
            )
        })
    };
    if pron(e.source_span) {
        f.push("src_pronoun".into());
    }
    if pron(e.target_span) {
        f.push("tgt_pronoun".into());
    }
    // sentence context
    if let Some(s) = doc.sentences.get(e.sentence as usize) {
        let text = doc.slice(s.span);
        if text.contains('?') {
            f.push("question".into());
        }
        let before = &doc.text
            [s.span.start as usize..(e.trigger_span.start as usize).max(s.span.start as usize)];
        let quotes = before.matches(['"', '“', '”']).count();
        if quotes % 2 == 1 || before.contains('“') && !before.contains('”') {
            f.push("in_quote".into());
        }
        if text.contains('"') || text.contains('“') {
            f.push("has_quote".into());
        }
        let words = text.split_whitespace().count();
        f.push(format!("len={}", (words / 10).min(5)));
    }
    f.push(format!(
        "pos={}",
        match e.sentence {
            0 => "0",
            1..=2 => "1",
            3..=8 => "2",
            _ => "3",
        }
    ));
    // genre cues: a lone sentence (examples, sentence datasets) rather
    // than an article; orders and statutes; transcripts
    if cues.single {
        f.push("single_sentence".into());
        f.push(format!("single_root={root}"));
    }
    if cues.legal {
        f.push("genre=legal".into());
    }
    if cues.transcript {
        f.push("genre=transcript".into());
    }
    f
}

/// A logistic regression over string features.
///
/// The raw score is mapped to a probability through a calibration
/// `sigmoid(scale · z + shift)` (Platt scaling) fitted on out-of-fold
/// scores of the gold train part, so that `confidence` means what it says
/// on news (the PLOVER sentences trained on beside them are far more often
/// right than news candidates are, which biases the raw scores).
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    bias: f32,
    weights: HashMap<String, f32>,
    scale: f32,
    shift: f32,
}

impl Default for Model {
    fn default() -> Model {
        Model {
            bias: 0.0,
            weights: HashMap::new(),
            scale: 1.0,
            shift: 0.0,
        }
    }
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

impl Model {
    /// Reads a model file: `bias W` on the first line, then `feature\tweight`
    /// lines. Lines starting with `#` are comments.
    pub fn parse(text: &str) -> Result<Model, String> {
        let mut m = Model::default();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (k, v) = line
                .rsplit_once('\t')
                .ok_or_else(|| format!("decision model line {}: no tab", n + 1))?;
            let w: f32 = v
                .trim()
                .parse()
                .map_err(|_| format!("decision model line {}: bad weight {v:?}", n + 1))?;
            if k == "__bias__" {
                m.bias = w;
            } else if k == "__scale__" {
                m.scale = w;
            } else if k == "__shift__" {
                m.shift = w;
            } else {
                m.weights.insert(k.to_string(), w);
            }
        }
        Ok(m)
    }

    /// Whether the model has any weights (an empty model keeps the rule
    /// confidences).
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty() && self.bias == 0.0
    }

    /// The model as text, features sorted (byte-identical for equal models).
    pub fn to_text(&self) -> String {
        let mut out = String::from(
            "# entente event decision model (logistic regression); made by `entente train events`\n",
        );
        out.push_str(&format!("__bias__\t{:.5}\n", self.bias));
        out.push_str(&format!("__scale__\t{:.5}\n", self.scale));
        out.push_str(&format!("__shift__\t{:.5}\n", self.shift));
        let sorted: BTreeMap<&String, &f32> = self.weights.iter().collect();
        for (k, w) in sorted {
            if w.abs() >= 1e-4 {
                out.push_str(&format!("{k}\t{w:.5}\n"));
            }
        }
        out
    }

    /// The raw (uncalibrated) log-odds of `feats`.
    pub fn logit(&self, feats: &[String]) -> f32 {
        self.bias
            + feats
                .iter()
                .filter_map(|f| self.weights.get(f))
                .sum::<f32>()
    }

    /// The calibrated probability of a raw log-odds `z`.
    pub fn calibrated(&self, z: f32) -> f32 {
        sigmoid(self.scale * z + self.shift)
    }

    /// Calibrated probability that an event with these features is right.
    pub fn score(&self, feats: &[String]) -> f32 {
        sigmoid(self.scale * self.logit(feats) + self.shift)
    }

    /// Sets the calibration to the Platt fit of `(logit, right)` pairs
    /// (held-out scores): damped Newton steps on the log loss of
    /// `sigmoid(scale · z + shift)` (a step is halved until the loss
    /// falls), deterministic.
    pub fn calibrate(&mut self, held_out: &[(f32, bool)]) {
        let loss = |a: f64, b: f64| -> f64 {
            held_out
                .iter()
                .map(|&(z, y)| {
                    let t = a * z as f64 + b;
                    // log(1 + e^t) - y·t, computed stably
                    let softplus = if t > 0.0 {
                        t + (-t).exp().ln_1p()
                    } else {
                        t.exp().ln_1p()
                    };
                    softplus - if y { t } else { 0.0 }
                })
                .sum()
        };
        let (mut a, mut b) = (1.0f64, 0.0f64);
        let mut current = loss(a, b);
        for _ in 0..100 {
            let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, 0.0, 1e-6, 0.0, 1e-6);
            for &(z, y) in held_out {
                let z = z as f64;
                let p = 1.0 / (1.0 + (-(a * z + b)).exp());
                let g = p - if y { 1.0 } else { 0.0 };
                let w = p * (1.0 - p);
                ga += g * z;
                gb += g;
                haa += w * z * z;
                hab += w * z;
                hbb += w;
            }
            let det = haa * hbb - hab * hab;
            if det.abs() < 1e-12 {
                break;
            }
            let da = (hbb * ga - hab * gb) / det;
            let db = (haa * gb - hab * ga) / det;
            let mut step = 1.0;
            let mut moved = false;
            for _ in 0..30 {
                let (na, nb) = (a - step * da, b - step * db);
                let l = loss(na, nb);
                if l.is_finite() && l <= current {
                    (a, b, current) = (na, nb, l);
                    moved = true;
                    break;
                }
                step *= 0.5;
            }
            if !moved || (step * (da.abs() + db.abs())) < 1e-9 {
                break;
            }
        }
        self.scale = a as f32;
        self.shift = b as f32;
    }

    /// Trains on `(features, label)` examples: stochastic gradient descent
    /// on the log loss with L2, in the given order, `epochs` passes.
    /// Deterministic for a given input.
    pub fn train(examples: &[(Vec<String>, bool)], epochs: usize, l2: f32) -> Model {
        let mut m = Model::default();
        for ep in 0..epochs {
            let lr = 0.1 / (1.0 + ep as f32 * 0.2);
            for (x, y) in examples {
                let p = sigmoid(m.logit(x));
                let g = p - if *y { 1.0 } else { 0.0 };
                m.bias -= lr * g;
                for f in x {
                    let w = m.weights.entry(f.clone()).or_insert(0.0);
                    *w -= lr * (g + l2 * *w);
                }
            }
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn training_separates_and_round_trips() {
        let ex: Vec<(Vec<String>, bool)> = (0..40)
            .map(|i| {
                let good = i % 3 != 0;
                let f = if good { "lem=attack" } else { "lem=say" };
                (vec![f.to_string(), format!("n={}", i % 2)], good)
            })
            .collect();
        let m = Model::train(&ex, 20, 1e-4);
        assert!(m.score(&["lem=attack".into()]) > 0.8);
        assert!(m.score(&["lem=say".into()]) < 0.2);
        let back = Model::parse(&m.to_text()).expect("parses");
        let a = m.score(&["lem=attack".into(), "n=1".into()]);
        let b = back.score(&["lem=attack".into(), "n=1".into()]);
        assert!((a - b).abs() < 1e-3);
        // deterministic
        assert_eq!(Model::train(&ex, 20, 1e-4).to_text(), m.to_text());
    }

    #[test]
    fn calibration_maps_scores_to_observed_rates() {
        // raw logit 2 is right 30 % of the time, -2 is right 5 %
        let mut held = Vec::new();
        for i in 0..100 {
            held.push((2.0, i < 30));
            held.push((-2.0, i < 5));
        }
        let mut m = Model {
            bias: 2.0,
            ..Default::default()
        };
        m.calibrate(&held);
        let p = m.score(&[]);
        assert!((p - 0.30).abs() < 0.02, "calibrated {p}");
        let back = Model::parse(&m.to_text()).expect("parses");
        assert!((back.score(&[]) - p).abs() < 1e-3);
    }

    #[test]
    fn bad_lines_are_errors_not_panics() {
        assert!(Model::parse("x\ty").is_err());
        assert!(Model::parse("novalue").is_err());
        assert!(Model::parse("# c\n__bias__\t0.5\n").is_ok());
    }
}
