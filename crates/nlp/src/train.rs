//! Training the bundle from CoNLL-U treebanks.
//!
//! Reproducible: sentence order is shuffled with a seeded PRNG and every
//! table is built in a deterministic order. The parser is trained on tags
//! predicted by jackknifed taggers (each fold tagged by a tagger that did not
//! see it), so it learns to cope with tagging errors as at run time; the
//! supertagger likewise reads jackknifed POS tags and the parser jackknifed
//! supertags.

use std::collections::HashMap;

use entente_core::conllu::ConlluSentence;

use crate::clusters::Clusters;
use crate::morph::Morph;
use crate::parser::{Parser, TrainSent};
use crate::perceptron::hash_str;
use crate::supertag::{StWord, Supertagger};
use crate::tagger::{norm, Tagger};
use crate::{tag_hash, Nlp, ROOT_P, ROOT_W};

/// Training settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// Tagger epochs.
    pub tagger_epochs: usize,
    /// Parser epochs.
    pub parser_epochs: usize,
    /// Jackknife folds for the parser's training tags (1 = use gold tags).
    pub folds: usize,
    /// PRNG seed.
    pub seed: u64,
    /// Probability of following the parser's own (possibly wrong) move in
    /// training after the first epoch (error exploration).
    pub explore: f64,
    /// Train a supertagger (relation + head side) whose tags the parser
    /// reads as features.
    pub supertags: bool,
    /// Parsers trained with different seeds whose weights are averaged
    /// (an ensemble at the run-time cost of one).
    pub parser_models: usize,
    /// Parser beam width (1 = greedy with the dynamic oracle, the shipped
    /// setting). Beam training (global perceptron, early update) is
    /// experimental: implemented, but not yet trained or evaluated here.
    pub beam: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            tagger_epochs: 10,
            parser_epochs: 15,
            folds: 4,
            seed: 20_260_101,
            explore: 0.9,
            supertags: true,
            parser_models: 1,
            beam: 1,
        }
    }
}

fn pair(t: &entente_core::Token) -> (String, String) {
    (t.upos.clone(), t.xpos.clone())
}

type TagClasses = (Vec<(String, String)>, HashMap<(String, String), u16>);

/// Joint tag classes (pairs seen at least 3 times, by frequency) and a map
/// from every seen pair to its class.
fn tag_classes(sents: &[ConlluSentence]) -> TagClasses {
    classes_of(sents.iter().flat_map(|s| s.tokens.iter().map(pair)))
}

/// Supertag classes of `sents` (see [`supertag`]).
fn supertag_classes(sents: &[&ConlluSentence]) -> TagClasses {
    classes_of(
        sents
            .iter()
            .flat_map(|s| (0..s.tokens.len()).map(move |i| supertag(s, i))),
    )
}

/// Supertag of a word: its relation and the side of its head.
fn supertag(s: &ConlluSentence, i: usize) -> (String, String) {
    let t = &s.tokens[i];
    let side = match (t.head as usize).cmp(&(i + 1)) {
        _ if t.head == 0 => "root",
        std::cmp::Ordering::Less => "L",
        _ => "R",
    };
    (t.deprel.clone(), side.to_string())
}

/// Classes of `(a, b)` pairs (those seen at least 3 times, by frequency)
/// and a map from every seen pair to its class (a rare pair maps to a class
/// sharing its second, else first, member).
fn classes_of(pairs: impl Iterator<Item = (String, String)>) -> TagClasses {
    let mut counts: HashMap<(String, String), usize> = HashMap::new();
    for p in pairs {
        *counts.entry(p).or_default() += 1;
    }
    let mut v: Vec<_> = counts.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let classes: Vec<(String, String)> = v
        .iter()
        .filter(|(_, c)| **c >= 3)
        .map(|(p, _)| (*p).clone())
        .collect();
    let mut map = HashMap::new();
    for (p, _) in &v {
        let id = classes
            .iter()
            .position(|c| c == *p)
            .or_else(|| classes.iter().position(|c| c.1 == p.1))
            .or_else(|| classes.iter().position(|c| c.0 == p.0))
            .unwrap_or(0);
        map.insert((*p).clone(), id as u16);
    }
    (classes, map)
}

/// Jackknifing: trains `folds` models each on all but one fold (seeds
/// `seed + k + 1`) and labels that fold with it (the held-out predictions
/// the next stage trains on), then a model on everything (seed `seed`).
/// With fewer than two folds the predictions are the gold labels.
fn jackknife<S: Clone, M>(
    sents: &[(S, Vec<u16>)],
    folds: usize,
    seed: u64,
    what: &str,
    log: &mut dyn FnMut(&str),
    train: impl Fn(&[(S, Vec<u16>)], u64, &mut dyn FnMut(&str)) -> M,
    label: impl Fn(&M, &S) -> Vec<u16>,
) -> (M, Vec<Vec<u16>>) {
    let mut pred: Vec<Vec<u16>> = sents.iter().map(|(_, t)| t.clone()).collect();
    if folds > 1 {
        for k in 0..folds {
            let train_k: Vec<(S, Vec<u16>)> = sents
                .iter()
                .enumerate()
                .filter(|(i, _)| i % folds != k)
                .map(|(_, s)| s.clone())
                .collect();
            let m = train(&train_k, seed + k as u64 + 1, &mut |_| {});
            let (mut ok, mut tot) = (0, 0);
            for (i, (x, gold)) in sents.iter().enumerate() {
                if i % folds == k {
                    pred[i] = label(&m, x);
                    ok += pred[i].iter().zip(gold).filter(|(a, b)| a == b).count();
                    tot += gold.len();
                }
            }
            log(&format!(
                "{what} jackknife fold {}/{folds}: held-out accuracy {:.2}",
                k + 1,
                100.0 * ok as f64 / tot.max(1) as f64
            ));
        }
    }
    (train(sents, seed, log), pred)
}

/// The tagging half of training: the final tagger and, for every training
/// sentence (those with words, in order), the tags the parser trains on.
pub struct Tagged {
    /// The tagger trained on all sentences.
    pub tagger: Tagger,
    /// Jackknifed tag classes per sentence (gold when `folds` is 1).
    pub pred: Vec<Vec<u16>>,
    /// The supertagger (relation + head side per word), if trained.
    pub supertagger: Option<Supertagger>,
    /// Jackknifed supertag classes per sentence (empty without supertagger).
    pub pred_st: Vec<Vec<u16>>,
}

impl Tagged {
    /// Serialises the tagger and the jackknifed tags (a training cache).
    pub fn write(&self, out: &mut Vec<u8>) {
        use crate::perceptron::put_var;
        self.tagger.write(out);
        put_var(out, self.pred.len() as u64);
        put_var(out, self.pred_st.len() as u64);
        for s in self.pred.iter().chain(&self.pred_st) {
            put_var(out, s.len() as u64);
            for t in s {
                put_var(out, u64::from(*t));
            }
        }
        if let Some(t) = &self.supertagger {
            t.write(out);
        }
    }

    /// Reads what [`Tagged::write`] wrote.
    pub fn read(r: &mut crate::perceptron::Reader<'_>) -> Option<Tagged> {
        let tagger = Tagger::read(r)?;
        let n = r.var()? as usize;
        let nst = r.var()? as usize;
        let mut pred = Vec::with_capacity(n.min(1 << 20));
        for _ in 0..n + nst {
            let k = r.var()? as usize;
            let mut s = Vec::with_capacity(k.min(1 << 16));
            for _ in 0..k {
                s.push(u16::try_from(r.var()?).ok()?);
            }
            pred.push(s);
        }
        let pred_st = pred.split_off(n);
        let supertagger = if nst > 0 {
            Some(Supertagger::read(r)?)
        } else {
            None
        };
        Some(Tagged {
            tagger,
            pred,
            supertagger,
            pred_st,
        })
    }
}

/// Trains the final tagger and jackknifed taggers for the parser's tags.
pub fn train_tagging(
    train: &[ConlluSentence],
    clusters: &Clusters,
    opts: &Options,
    log: &mut dyn FnMut(&str),
) -> Tagged {
    let sents: Vec<&ConlluSentence> = train.iter().filter(|s| !s.forms.is_empty()).collect();
    let owned: Vec<ConlluSentence> = sents.iter().map(|s| (*s).clone()).collect();
    let (classes, cmap) = tag_classes(&owned);
    log(&format!(
        "{} sentences, {} tag classes",
        sents.len(),
        classes.len()
    ));
    let tagged: Vec<(Vec<String>, Vec<u16>)> = sents
        .iter()
        .map(|s| {
            (
                s.forms.clone(),
                s.tokens
                    .iter()
                    .map(|t| cmap.get(&pair(t)).copied().unwrap_or(0))
                    .collect(),
            )
        })
        .collect();

    // Jackknifed tags for the parser.
    let verb: Vec<bool> = classes
        .iter()
        .map(|(u, _)| crate::supertag::is_verb(u))
        .collect();
    let (tagger, pred) = jackknife(
        &tagged,
        opts.folds,
        opts.seed,
        "tagger",
        log,
        |part, seed, log| {
            Tagger::train(
                part,
                classes.clone(),
                clusters,
                opts.tagger_epochs,
                seed,
                log,
            )
        },
        |tg, forms| tg.tag(&forms.iter().map(String::as_str).collect::<Vec<_>>()),
    );
    // Supertags (relation + side of the head) over the jackknifed POS tags,
    // themselves jackknifed.
    let (supertagger, pred_st) = if opts.supertags {
        let (sclasses, smap) = supertag_classes(&sents);
        log(&format!("{} supertag classes", sclasses.len()));
        let st: Vec<(Vec<StWord>, Vec<u16>)> = sents
            .iter()
            .zip(&pred)
            .map(|(s, tags)| {
                let words = s
                    .forms
                    .iter()
                    .zip(tags)
                    .map(|(f, t)| {
                        let w = hash_str(&norm(f));
                        StWord {
                            w,
                            c: crate::tagger::class_values(clusters, w).1,
                            t: tag_hash(*t),
                            verb: verb.get(*t as usize).copied().unwrap_or(false),
                        }
                    })
                    .collect();
                let ids = (0..s.tokens.len())
                    .map(|i| smap.get(&supertag(s, i)).copied().unwrap_or(0))
                    .collect();
                (words, ids)
            })
            .collect();
        let (m, pred_st) = jackknife(
            &st,
            opts.folds.max(2),
            opts.seed + 10,
            "supertagger",
            log,
            |part, seed, log| {
                Supertagger::train(part, sclasses.clone(), opts.tagger_epochs, seed, log)
            },
            |m, words| m.tag(words),
        );
        (Some(m), pred_st)
    } else {
        (None, Vec::new())
    };
    Tagged {
        tagger,
        pred,
        supertagger,
        pred_st,
    }
}

/// Trains tagger, parser and morphology on `train` and returns the bundle.
/// `log` receives progress lines.
pub fn train(
    train: &[ConlluSentence],
    clusters: &Clusters,
    opts: &Options,
    log: &mut dyn FnMut(&str),
) -> Nlp {
    let tagged = train_tagging(train, clusters, opts, log);
    train_parsing(train, clusters, tagged, opts, log)
}

/// Trains parser and morphology on `train`, given the tagging half
/// (from [`train_tagging`] on the same sentences).
pub fn train_parsing(
    train: &[ConlluSentence],
    clusters: &Clusters,
    tagged: Tagged,
    opts: &Options,
    log: &mut dyn FnMut(&str),
) -> Nlp {
    let sents: Vec<&ConlluSentence> = train.iter().filter(|s| !s.forms.is_empty()).collect();
    let Tagged {
        tagger,
        pred,
        supertagger,
        pred_st,
    } = tagged;
    // Parser.
    let mut labels: Vec<String> = vec!["root".to_string()];
    let mut lcount: HashMap<&str, usize> = HashMap::new();
    for s in &sents {
        for t in &s.tokens {
            if t.deprel != "root" {
                *lcount.entry(t.deprel.as_str()).or_default() += 1;
            }
        }
    }
    let mut lv: Vec<_> = lcount.into_iter().collect();
    lv.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    labels.extend(lv.into_iter().map(|(l, _)| l.to_string()));
    let lid: HashMap<&str, u8> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i as u8))
        .collect();
    let psents: Vec<TrainSent> = sents
        .iter()
        .enumerate()
        .zip(&pred)
        .filter(|((_, s), _)| s.tokens.iter().all(|t| (t.head as usize) <= s.tokens.len()))
        .map(|((si, s), tags)| {
            let mut w = vec![ROOT_W];
            let mut p = vec![ROOT_P];
            let mut cls = vec![ROOT_W];
            let mut head = vec![0];
            let mut label = vec![0];
            for ((f, t), c) in s.forms.iter().zip(&s.tokens).zip(tags) {
                let h = hash_str(&norm(f));
                w.push(h);
                cls.push(crate::tagger::class_values(clusters, h).1);
                p.push(tag_hash(*c));
                head.push(t.head);
                label.push(lid.get(t.deprel.as_str()).copied().unwrap_or(0));
            }
            let mut st = vec![crate::supertag_hash(None)];
            match pred_st.get(si) {
                Some(v) => st.extend(v.iter().map(|x| crate::supertag_hash(Some(*x)))),
                None => st.resize(w.len(), crate::supertag_hash(None)),
            }
            TrainSent {
                w,
                p,
                c: cls,
                st,
                head,
                label,
            }
        })
        .collect();
    let parser = if opts.beam > 1 {
        Parser::train_beam(
            &psents,
            labels.clone(),
            opts.parser_epochs,
            opts.seed,
            opts.beam,
            log,
        )
    } else {
        let mut parsers: Vec<Parser> = (0..opts.parser_models.max(1) as u64)
            .map(|i| {
                Parser::train(
                    &psents,
                    labels.clone(),
                    opts.parser_epochs,
                    opts.seed + 1000 * i,
                    opts.explore,
                    log,
                )
            })
            .collect();
        if parsers.len() > 1 {
            Parser::mean(&parsers)
        } else {
            parsers.pop()
        }
        .expect("parser_models.max(1) parsers were trained")
    };

    let morph = Morph::train(sents.iter().flat_map(|s| {
        s.forms.iter().zip(&s.tokens).map(|(f, t)| {
            (
                f.as_str(),
                t.upos.as_str(),
                t.xpos.as_str(),
                t.lemma.as_str(),
                t.feats.as_str(),
            )
        })
    }));
    let nlp = Nlp::from_parts(tagger, parser, morph);
    match supertagger {
        Some(t) => nlp.with_supertagger(t),
        None => nlp,
    }
}

/// Trains only a tagger on `train` and returns `(UPOS, XPOS)` accuracy on
/// `dev` (for quick feature experiments).
pub fn tagger_experiment(
    train: &[ConlluSentence],
    dev: &[ConlluSentence],
    clusters: &Clusters,
    opts: &Options,
    log: &mut dyn FnMut(&str),
) -> (f64, f64) {
    let (classes, cmap) = tag_classes(train);
    let tagged: Vec<(Vec<String>, Vec<u16>)> = train
        .iter()
        .map(|s| {
            (
                s.forms.clone(),
                s.tokens
                    .iter()
                    .map(|t| cmap.get(&pair(t)).copied().unwrap_or(0))
                    .collect(),
            )
        })
        .collect();
    let tg = Tagger::train(
        &tagged,
        classes,
        clusters,
        opts.tagger_epochs,
        opts.seed,
        log,
    );
    let (mut n, mut u, mut x) = (0usize, 0usize, 0usize);
    for s in dev {
        let f: Vec<&str> = s.forms.iter().map(String::as_str).collect();
        for (c, t) in tg.tag(&f).iter().zip(&s.tokens) {
            let (pu, px) = &tg.classes[*c as usize];
            n += 1;
            u += (*pu == t.upos) as usize;
            x += (*px == t.xpos) as usize;
        }
    }
    (
        100.0 * u as f64 / n.max(1) as f64,
        100.0 * x as f64 / n.max(1) as f64,
    )
}
