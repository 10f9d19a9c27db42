//! `entente train events`: trains the event coder's learned decision
//! (`entente_events::learn`) on the gold set's **train** part and writes
//! the model file the crate ships (`crates/events/data/decision.model`).
//!
//! Every document of the train part is run through nlp → actors → the
//! event coder without a model and without a threshold; each candidate
//! event is labelled right when a gold event of its sentence has the same
//! root code and the same actors at country level (a one-sided candidate:
//! the side it has). Before training on all of it, a 5-fold
//! cross-validation by document reports precision and recall of the rules
//! alone and of the rules with the learned decision at a few thresholds.
//!
//! Test-part documents are skipped before anything is read from them.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{anyhow, Context};
use entente_core::{Annotator, Article, Doc};
use entente_events::gold::country_level;
use entente_events::learn::{features, Model};
use entente_events::{Config, EventCoder};
use rayon::prelude::*;

use super::eval_gold::{article, read_jsonl, sentence_at, Line, LineEvent, Sheet};

#[derive(clap::Args)]
pub struct Args {
    /// Gold set folder (`documents.jsonl`, `gold.jsonl`).
    #[arg(long, default_value = "crates/events/gold")]
    pub gold: PathBuf,
    /// Output model file.
    #[arg(long, default_value = "crates/events/data/decision.model")]
    pub out: PathBuf,
    /// Training passes.
    #[arg(long, default_value_t = 10)]
    pub epochs: usize,
    /// L2 regularisation.
    #[arg(long, default_value_t = 1e-2)]
    pub l2: f32,
    /// The shared event-coding dev suites (`dev.jsonl`): the PLOVER suite's
    /// records (single sentences coded with entente's own dictionaries) are
    /// added to every training set as labelled candidates. Default:
    /// `shared/data/event-coding/dev.jsonl` found walking up from the
    /// current folder, or under $ENTENTE_SHARED; skipped when absent.
    #[arg(long)]
    pub dev: Option<PathBuf>,
    /// Only report the cross-validation; write no model.
    #[arg(long)]
    pub cv_only: bool,
    /// Also report where the train part's dyadic gold events are lost:
    /// both actors among the sentence's coded mentions or not, and whether
    /// a candidate has the pair with the right root, the pair with another
    /// root, other pairs, or no candidate at all.
    #[arg(long)]
    pub diagnose: bool,
}

/// One candidate: features, label, dyadic, the gold event it matches.
struct Cand {
    feats: Vec<String>,
    right: bool,
    dyadic: bool,
    matched: Option<(usize, u32, usize)>,
}

/// One train document's candidates and its number of dyadic gold events.
struct DocCands {
    cands: Vec<Cand>,
    gold_dyadic: usize,
    /// `--diagnose`: one line per dyadic gold event (see [`diagnose`]).
    lost: Vec<String>,
}

fn same(a: Option<&str>, b: Option<&String>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => country_level(a) == country_level(b),
        _ => false,
    }
}

struct Stages {
    nlp: entente_nlp::Nlp,
    actors: entente_actors::Actors,
    coder: EventCoder,
}

fn candidates(
    st: &Stages,
    di: usize,
    sheet: &Sheet,
    gold: &HashMap<u32, Vec<LineEvent>>,
    diagnosing: bool,
) -> anyhow::Result<DocCands> {
    let mut doc = Doc::new(article(sheet));
    st.nlp.annotate(&mut doc)?;
    st.actors.annotate(&mut doc)?;
    st.coder.annotate(&mut doc)?;
    let gold_dyadic = gold
        .values()
        .flatten()
        .filter(|g| g.source.is_some() && g.target.is_some())
        .count();
    let lost = if diagnosing {
        diagnose(&doc, sheet, gold)
    } else {
        Vec::new()
    };
    let mut cands = Vec::new();
    for e in &doc.events {
        let Some(sent) = sentence_at(sheet, e.trigger_span.start) else {
            continue;
        };
        let src = e.source.as_ref().map(|a| a.as_str());
        let tgt = e.target.as_ref().map(|a| a.as_str());
        let root = e.cameo.as_str().get(..2).unwrap_or("");
        let dyadic = src.is_some() && tgt.is_some();
        let mut matched = None;
        for (gi, g) in gold.get(&sent).into_iter().flatten().enumerate() {
            if g.code.get(..2) != Some(root) {
                continue;
            }
            let ok = match (src, tgt) {
                (Some(_), Some(_)) => same(src, g.source.as_ref()) && same(tgt, g.target.as_ref()),
                (Some(_), None) => same(src, g.source.as_ref()),
                (None, Some(_)) => same(tgt, g.target.as_ref()),
                (None, None) => false,
            };
            if ok {
                let g_dyadic = g.source.is_some() && g.target.is_some();
                matched = Some((di, sent, if g_dyadic { gi } else { usize::MAX }));
                break;
            }
        }
        cands.push(Cand {
            feats: features(&doc, e),
            right: matched.is_some(),
            dyadic,
            matched,
        });
    }
    Ok(DocCands {
        cands,
        gold_dyadic,
        lost,
    })
}

/// Source and target at country level, and the root code.
type Dyad = (Option<String>, Option<String>, String);

/// For each dyadic gold event of a document: the best of what the
/// candidates of its sentence have (`match`: the pair and root;
/// `pair_wrongcode`: the pair with another root; `reversed`: the root with
/// the pair the other way round; `one_side`: the root and one of the two
/// actors; `othercand`: something else; `nocand`: nothing) and
/// whether its source and target are among the sentence's coded mentions
/// at country level.
fn diagnose(doc: &Doc, sheet: &Sheet, gold: &HashMap<u32, Vec<LineEvent>>) -> Vec<String> {
    let mut lines = Vec::new();
    let mut by_sent: HashMap<u32, HashSet<String>> = HashMap::new();
    for m in &doc.mentions {
        let code = m.code.as_ref().or_else(|| {
            m.antecedent
                .and_then(|a| doc.mentions.get(a as usize))
                .and_then(|a| a.code.as_ref())
        });
        if let (Some(c), Some(s)) = (code, sentence_at(sheet, m.span.start)) {
            by_sent
                .entry(s)
                .or_default()
                .insert(country_level(c.as_str()));
        }
    }
    let mut cand: HashMap<u32, Vec<Dyad>> = HashMap::new();
    for e in &doc.events {
        if let Some(s) = sentence_at(sheet, e.trigger_span.start) {
            cand.entry(s).or_default().push((
                e.source.as_ref().map(|a| country_level(a.as_str())),
                e.target.as_ref().map(|a| country_level(a.as_str())),
                e.cameo.as_str().get(..2).unwrap_or("").to_string(),
            ));
        }
    }
    for (s, evs) in gold {
        for g in evs {
            let (Some(gs), Some(gt)) = (&g.source, &g.target) else {
                continue;
            };
            let (gs, gt) = (country_level(gs), country_level(gt));
            let have = by_sent.get(s);
            let hs = have.is_some_and(|h| h.contains(&gs));
            let ht = have.is_some_and(|h| h.contains(&gt));
            let cs = cand.get(s).into_iter().flatten();
            let groot = g.code.get(..2).unwrap_or("");
            let rank = |k: &str| match k {
                "match" => 5,
                "pair_wrongcode" => 4,
                "reversed" => 3,
                "one_side" => 2,
                "othercand" => 1,
                _ => 0,
            };
            let mut kind = "nocand";
            for (a, b, r) in cs {
                let (sa, tb) = (
                    a.as_deref() == Some(gs.as_str()),
                    b.as_deref() == Some(gt.as_str()),
                );
                let rev = a.as_deref() == Some(gt.as_str()) && b.as_deref() == Some(gs.as_str());
                let k = if sa && tb && r.as_str() == groot {
                    "match"
                } else if sa && tb {
                    "pair_wrongcode"
                } else if rev && r.as_str() == groot {
                    "reversed"
                } else if (sa || tb) && r.as_str() == groot {
                    "one_side"
                } else {
                    "othercand"
                };
                if rank(k) > rank(kind) {
                    kind = k;
                }
            }
            lines.push(format!(
                "{kind:<15} source {} target {}",
                if hs { "named" } else { "absent" },
                if ht { "named" } else { "absent" }
            ));
        }
    }
    lines
}

/// Dyadic precision and recall of the candidates whose probability
/// (`probs`, per document and candidate) is at least `min`, and the number
/// and share right of those at 0.8 or more.
fn prf(docs: &[DocCands], probs: &[Vec<f32>], min: f32) -> (f64, f64, usize, f64) {
    let (mut coded, mut right) = (0usize, 0usize);
    let mut found: HashSet<(usize, u32, usize)> = HashSet::new();
    let (mut hi, mut hi_right) = (0usize, 0usize);
    let mut gold = 0usize;
    for (d, ps) in docs.iter().zip(probs) {
        gold += d.gold_dyadic;
        for (c, &p) in d.cands.iter().zip(ps) {
            if p < min || !c.dyadic {
                continue;
            }
            coded += 1;
            if c.right {
                right += 1;
            }
            if let Some(m) = c.matched.filter(|m| m.2 != usize::MAX) {
                found.insert(m);
            }
            if p >= 0.8 {
                hi += 1;
                if c.right {
                    hi_right += 1;
                }
            }
        }
    }
    let r = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    (r(right, coded), r(found.len(), gold), hi, r(hi_right, hi))
}

fn find_dev(args: &Args) -> Option<PathBuf> {
    if let Some(d) = &args.dev {
        return Some(d.clone());
    }
    let rel = "data/event-coding/dev.jsonl";
    if let Ok(s) = std::env::var("ENTENTE_SHARED") {
        let p = PathBuf::from(s).join(rel);
        if p.is_file() {
            return Some(p);
        }
    }
    let mut dir = std::env::current_dir().ok()?;
    loop {
        let p = dir.join("shared").join(rel);
        if p.is_file() {
            return Some(p);
        }
        if !dir.pop() {
            return None;
        }
    }
}

/// Labelled candidates from the PLOVER dev suite: a candidate is right when
/// its PLOVER type is the record's.
fn dev_examples(st: &Stages, path: &Path) -> anyhow::Result<Vec<(Vec<String>, bool)>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = Vec::new();
    for (ln, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let r: serde_json::Value =
            serde_json::from_str(line).with_context(|| format!("{}:{}", path.display(), ln + 1))?;
        if !r["suite"].as_str().unwrap_or("").starts_with("plover")
            || r["evaluate"].as_bool() == Some(false)
        {
            continue;
        }
        let want = entente_events::plover_08(r["category"].as_str().unwrap_or("")).to_string();
        let mut doc = Doc::new(Article {
            body: r["text"].as_str().unwrap_or("").to_string(),
            date: r["date"].as_str().map(str::to_string),
            ..Article::default()
        });
        st.nlp.annotate(&mut doc)?;
        st.actors.annotate(&mut doc)?;
        st.coder.annotate(&mut doc)?;
        for e in &doc.events {
            let right = e.plover_type.as_deref() == Some(want.as_str());
            out.push((features(&doc, e), right));
        }
    }
    Ok(out)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let sheets: Vec<Sheet> = read_jsonl(&args.gold.join("documents.jsonl"))?;
    // the test part is never read beyond its `part` field
    let train: Vec<Sheet> = sheets.into_iter().filter(|s| s.part == "train").collect();
    let ids: HashSet<&str> = train.iter().map(|s| s.id.as_str()).collect();
    let mut gold: HashMap<String, HashMap<u32, Vec<LineEvent>>> = HashMap::new();
    let lines: Vec<Line> = read_jsonl(&args.gold.join("gold.jsonl"))?;
    for l in lines.into_iter().filter(|l| ids.contains(l.doc.as_str())) {
        gold.entry(l.doc).or_default().insert(l.sent, l.events);
    }
    if gold.is_empty() {
        return Err(anyhow!(
            "{}: no annotated train-part sentences",
            args.gold.join("gold.jsonl").display()
        ));
    }
    let st = Stages {
        nlp: entente_nlp::Nlp::load().map_err(|e| anyhow!("{e}"))?,
        actors: entente_actors::Actors::load().map_err(|e| anyhow!("{e}"))?,
        coder: EventCoder::load()
            .map_err(|e| anyhow!("{e}"))?
            .without_model()
            .with_config(Config {
                min_confidence: 0.0,
                ..Config::default()
            }),
    };
    let empty = HashMap::new();
    let docs: Vec<DocCands> = train
        .par_iter()
        .enumerate()
        .map(|(di, s)| candidates(&st, di, s, gold.get(&s.id).unwrap_or(&empty), args.diagnose))
        .collect::<anyhow::Result<_>>()?;
    let dev = match find_dev(&args) {
        Some(p) => {
            let ex = dev_examples(&st, &p)?;
            println!(
                "PLOVER dev suite ({}): {} candidate events, {} right",
                p.display(),
                ex.len(),
                ex.iter().filter(|e| e.1).count()
            );
            ex
        }
        None => {
            println!("dev suites not found: trained on the gold train part only");
            Vec::new()
        }
    };
    let n: usize = docs.iter().map(|d| d.cands.len()).sum();
    let pos: usize = docs
        .iter()
        .flat_map(|d| &d.cands)
        .filter(|c| c.right)
        .count();
    println!(
        "train part: {} documents, {n} candidate events, {pos} right ({:.1} %)",
        docs.len(),
        100.0 * pos as f64 / n.max(1) as f64
    );

    if args.diagnose {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for l in docs.iter().flat_map(|d| &d.lost) {
            *counts.entry(l.as_str()).or_default() += 1;
        }
        let mut counts: Vec<_> = counts.into_iter().collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        println!("dyadic gold events of the train part, by what the candidates (before the decision) have:");
        for (k, n) in counts {
            println!("  {n:>4}  {k}");
        }
    }

    // 5-fold cross-validation by document
    let folds = 5;
    let thresholds = [0.05f32, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5];
    let mut scored: Vec<Vec<f32>> = docs.iter().map(|d| vec![0.0; d.cands.len()]).collect();
    for k in 0..folds {
        let ex: Vec<(Vec<String>, bool)> = docs
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != k)
            .flat_map(|(_, d)| d.cands.iter().map(|c| (c.feats.clone(), c.right)))
            .chain(dev.iter().cloned())
            .collect();
        let m = Model::train(&ex, args.epochs, args.l2);
        for (i, d) in docs.iter().enumerate().filter(|(i, _)| i % folds == k) {
            for (j, c) in d.cands.iter().enumerate() {
                scored[i][j] = m.logit(&c.feats);
            }
        }
    }
    // Platt calibration on the out-of-fold scores of the news candidates
    let held: Vec<(f32, bool)> = docs
        .iter()
        .zip(&scored)
        .flat_map(|(d, z)| d.cands.iter().zip(z).map(|(c, &z)| (z, c.right)))
        .collect();
    let mut calib = Model::default();
    calib.calibrate(&held);
    let scored: Vec<Vec<f32>> = scored
        .iter()
        .map(|zs| zs.iter().map(|&z| calib.calibrated(z)).collect())
        .collect();
    let ones: Vec<Vec<f32>> = docs.iter().map(|d| vec![1.0; d.cands.len()]).collect();
    let (p, r, _, _) = prf(&docs, &ones, 0.0);
    println!("5-fold CV, dyadic (root, country level): rules alone  P {p:.3} R {r:.3}");
    for t in thresholds {
        let (p, r, hi, cal) = prf(&docs, &scored, t);
        println!(
            "5-fold CV, dyadic: learned, min confidence {t:.2}  P {p:.3} R {r:.3}  (conf >= 0.8: {hi} events, {:.1} % right)",
            100.0 * cal
        );
    }
    if args.cv_only {
        return Ok(ExitCode::SUCCESS);
    }
    let ex: Vec<(Vec<String>, bool)> = docs
        .iter()
        .flat_map(|d| d.cands.iter().map(|c| (c.feats.clone(), c.right)))
        .chain(dev.iter().cloned())
        .collect();
    let mut m = Model::train(&ex, args.epochs, args.l2);
    m.calibrate(&held);
    std::fs::write(&args.out, m.to_text())
        .with_context(|| format!("writing {}", args.out.display()))?;
    println!("wrote {}", args.out.display());
    Ok(ExitCode::SUCCESS)
}
