//! `entente train`: builds the tagger/parser/morphology bundle from the UD
//! treebanks (EWT train, plus the GUM documents) and writes it where the nlp
//! crate embeds it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use entente_core::conllu;

#[derive(clap::Args)]
pub struct Args {
    /// The `ud` data folder (with `en_ewt/` and `gum/`); found by walking up
    /// from the current directory to `shared/data/ud`, or $ENTENTE_SHARED/data/ud.
    #[arg(long)]
    data: Option<PathBuf>,
    /// Output model bundle.
    #[arg(long, default_value = "crates/nlp/models/en_ud.bin.gz")]
    out: PathBuf,
    /// Raw-text corpus folder (`*.jsonl.gz`, one JSON object with a `text`
    /// field per line) for the word classes; default: `../corpus` next to the
    /// ud folder.
    #[arg(long)]
    corpus: Option<PathBuf>,
    /// Read the word classes from this file if it exists, else build and
    /// save them there (speeds up repeated experiments).
    #[arg(long)]
    clusters_cache: Option<PathBuf>,
    /// Read the trained tagger and the parser's jackknifed training tags from
    /// this file if it exists, else train them and save them there (parser
    /// experiments then skip the taggers; the file must come from the same
    /// data and options).
    #[arg(long)]
    tags_cache: Option<PathBuf>,
    /// Only train a tagger and print its dev accuracy (feature experiments).
    #[arg(long)]
    tagger_only: bool,
    /// Train without word classes.
    #[arg(long)]
    no_clusters: bool,
    /// Train on EWT only (leave out the GUM documents).
    #[arg(long)]
    no_gum: bool,
    /// Also train on EWT dev (for the final model; then dev scores are not held out).
    #[arg(long)]
    with_dev: bool,
    #[arg(long, default_value_t = 10)]
    tagger_epochs: usize,
    #[arg(long, default_value_t = 15)]
    parser_epochs: usize,
    /// Probability of following the parser's own wrong moves in training
    /// (error exploration, after the first epoch).
    #[arg(long, default_value_t = 0.9)]
    explore: f64,
    /// Train without the supertagger (relation + head side per word) whose
    /// tags the parser reads.
    #[arg(long)]
    no_supertags: bool,
    /// Train this many parsers with different seeds and average them.
    #[arg(long, default_value_t = 1)]
    parser_models: usize,
    /// Jackknife folds for the parser's training tags.
    #[arg(long, default_value_t = 4)]
    folds: usize,
    #[arg(long, default_value_t = 20_260_101)]
    seed: u64,
    /// Parser beam width (1 = greedy).
    #[arg(long, default_value_t = 1)]
    beam: usize,
    /// Override the beam width of a loaded (`--from`) bundle.
    #[arg(long)]
    set_beam: Option<usize>,
    /// Skip training: load this bundle (then prune/sweep/write).
    #[arg(long)]
    from: Option<PathBuf>,
    /// Drop weights below this magnitude (quantised units) before writing.
    #[arg(long, default_value_t = 0)]
    prune: u16,
    /// Drop features updated fewer than this many times in training.
    #[arg(long, default_value_t = 1)]
    min_hits: u32,
    /// Coarsen the weights by 2^N before writing (a smaller model; 7 leaves
    /// EWT dev scores unchanged). Apply once: a loaded bundle may already be
    /// coarsened.
    #[arg(long, default_value_t = 0)]
    quant_shift: u32,
    /// Print dev scores and sizes for these `min_abs:min_hits` prune levels
    /// (comma-separated, e.g. `0:2,0:4,128:4`).
    #[arg(long, value_delimiter = ',')]
    sweep: Vec<String>,
}

/// Finds `shared/data/ud` from $ENTENTE_SHARED or the ancestors of the
/// current directory.
pub fn find_ud() -> Option<PathBuf> {
    if let Ok(s) = std::env::var("ENTENTE_SHARED") {
        let p = Path::new(&s).join("data/ud");
        if p.is_dir() {
            return Some(p);
        }
    }
    let cwd = std::env::current_dir().ok()?;
    cwd.ancestors()
        .map(|a| a.join("shared/data/ud"))
        .find(|p| p.is_dir())
}

/// The value stored at `path` if it reads back (and `true`), else
/// `build()`, saved there (training caches for repeated experiments; no
/// path, no cache).
fn cached<T>(
    path: Option<&Path>,
    read: impl Fn(&mut entente_nlp::perceptron::Reader<'_>) -> Option<T>,
    write: impl Fn(&T, &mut Vec<u8>),
    build: impl FnOnce() -> anyhow::Result<T>,
) -> anyhow::Result<(T, bool)> {
    let stored = path
        .and_then(|p| std::fs::read(p).ok())
        .and_then(|b| read(&mut entente_nlp::perceptron::Reader::new(&b)));
    if let Some(v) = stored {
        return Ok((v, true));
    }
    let v = build()?;
    if let Some(p) = path {
        let mut b = Vec::new();
        write(&v, &mut b);
        std::fs::write(p, b).with_context(|| format!("writing {}", p.display()))?;
    }
    Ok((v, false))
}

fn read(path: &Path) -> anyhow::Result<Vec<conllu::ConlluSentence>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    conllu::parse(&text).with_context(|| format!("parsing {}", path.display()))
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let data = match args.data {
        Some(d) => d,
        None => find_ud().context("no shared/data/ud found; pass --data")?,
    };
    let t0 = Instant::now();
    let mut train = read(&data.join("en_ewt/train.conllu"))?;
    let dev = read(&data.join("en_ewt/dev.conllu"))?;
    if args.with_dev {
        train.extend(dev.iter().cloned());
    }
    if !args.no_gum {
        let mut files: Vec<PathBuf> = std::fs::read_dir(data.join("gum"))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
            .collect();
        files.sort();
        for f in files {
            train.extend(read(&f)?);
        }
    }
    let clusters = if args.no_clusters || args.from.is_some() {
        entente_nlp::clusters::Clusters::default()
    } else {
        let dir = args
            .corpus
            .clone()
            .unwrap_or_else(|| data.join("../corpus"));
        cached(
            args.clusters_cache.as_deref(),
            entente_nlp::clusters::Clusters::read,
            entente_nlp::clusters::Clusters::write,
            || {
                let texts = entente_nlp::clusters::read_corpus(&dir)
                    .with_context(|| format!("reading {}", dir.display()))?;
                eprintln!(
                    "[{:>6.1}s] word classes from {} documents",
                    t0.elapsed().as_secs_f64(),
                    texts.len()
                );
                let c =
                    entente_nlp::clusters::Clusters::build(texts.into_iter(), &Default::default());
                eprintln!(
                    "[{:>6.1}s] {} words classed",
                    t0.elapsed().as_secs_f64(),
                    c.len()
                );
                Ok(c)
            },
        )?
        .0
    };
    let opts = entente_nlp::train::Options {
        tagger_epochs: args.tagger_epochs,
        parser_epochs: args.parser_epochs,
        folds: args.folds,
        seed: args.seed,
        explore: args.explore,
        supertags: !args.no_supertags,
        parser_models: args.parser_models,
        beam: args.beam,
    };
    if args.tagger_only {
        let (u, x) =
            entente_nlp::train::tagger_experiment(&train, &dev, &clusters, &opts, &mut |m| {
                eprintln!("[{:>6.1}s] {m}", t0.elapsed().as_secs_f64())
            });
        eprintln!("EWT dev tagger only: UPOS {u:.2} XPOS {x:.2}");
        return Ok(ExitCode::SUCCESS);
    }
    let nlp = match &args.from {
        Some(p) => entente_nlp::Nlp::from_bytes(&std::fs::read(p)?)?,
        None => {
            let mut log = |m: &str| eprintln!("[{:>6.1}s] {m}", t0.elapsed().as_secs_f64());
            let (tagged, hit) = cached(
                args.tags_cache.as_deref(),
                entente_nlp::train::Tagged::read,
                entente_nlp::train::Tagged::write,
                || {
                    Ok(entente_nlp::train::train_tagging(
                        &train, &clusters, &opts, &mut log,
                    ))
                },
            )?;
            if hit {
                log("tagger and jackknifed tags from the cache");
            }
            entente_nlp::train::train_parsing(&train, &clusters, tagged, &opts, &mut log)
        }
    };
    for level in &args.sweep {
        let (a, h) = level.split_once(':').unwrap_or((level, "1"));
        let mut m = nlp.clone();
        m.prune(a.parse()?, h.parse()?);
        let size = m.to_bytes().len();
        let s = entente_nlp::eval::evaluate(&m, &dev);
        eprintln!(
            "prune {level}: {size} bytes, dev UPOS {:.2} UAS {:.2} LAS {:.2} ({:.0} tokens/s)",
            s.upos, s.uas, s.las, s.tokens_per_s
        );
    }
    let mut nlp = nlp;
    if let Some(b) = args.set_beam {
        nlp.set_beam(b);
    }
    nlp.prune(args.prune, args.min_hits);
    nlp.requantize(args.quant_shift.min(12));
    let bytes = nlp.to_bytes();
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    let (t, m, l) = nlp.sizes();
    eprintln!(
        "[{:>6.1}s] wrote {} ({} bytes; features: tagger {t}, moves {m}, labels {l})",
        t0.elapsed().as_secs_f64(),
        args.out.display(),
        bytes.len()
    );
    let s = entente_nlp::eval::evaluate(&nlp, &dev);
    eprintln!(
        "EWT dev{}: UPOS {:.2} XPOS {:.2} lemma {:.2} feats {:.2} UAS {:.2} LAS {:.2} ({:.0} tokens/s)",
        if args.with_dev { " (trained on)" } else { "" },
        s.upos,
        s.xpos,
        s.lemma,
        s.feats,
        s.uas,
        s.las,
        s.tokens_per_s
    );
    Ok(ExitCode::SUCCESS)
}
