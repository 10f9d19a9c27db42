//! Trains the pronoun ranker (averaged perceptron) on GUM documents and
//! writes `data/coref-weights.txt`:
//! `cargo run --release -p entente-actors --example train_coref -- DIR GENRE[,GENRE..] [EPOCHS]`
//! (train only on genres you do not report on, e.g.
//! `bio,textbook,voyage,speech,vlog,conversation`, keeping news and interview held out).

use entente_actors::coref::{link_with, Trainer, FEATURE_NAMES, N_BASE, N_FEATURES};
use entente_actors::gum::gold_mentions;
use entente_core::conllu;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .ok_or("usage: train_coref DIR GENRES [EPOCHS]")?;
    let genres: Vec<String> = args
        .next()
        .ok_or("genres")?
        .split(',')
        .map(str::to_string)
        .collect();
    let epochs: usize = args.next().map_or(Ok(8), |e| e.parse())?;
    let actors = entente_actors::Actors::load()?;
    let mut docs = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    for f in files {
        let name = f
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        if !name.ends_with(".conllu") || !genres.iter().any(|g| name.contains(&format!("_{g}_"))) {
            continue;
        }
        let text = std::fs::read_to_string(&f)?;
        let sents = conllu::parse(&text)?;
        let misc: Vec<String> = sents.iter().flat_map(|s| s.misc.iter().cloned()).collect();
        let doc = conllu::to_doc(&sents, entente_core::Article::default());
        let gold = gold_mentions(&misc);
        let (m, i) = actors.find_mentions(&doc);
        docs.push((doc, gold, m, i));
    }
    eprintln!("{} training documents", docs.len());
    let mut tr_weights = [0f32; N_FEATURES];
    let mut sum = [0f32; N_FEATURES];
    let mut steps = 0f32;
    // Documents in a fresh (deterministic) order each epoch, so the
    // averaged weights do not hinge on the file order.
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut rng: u64 = 0x9e37_79b9_7f4a_7c15;
    for epoch in 0..epochs {
        let (mut seen, mut right) = (0, 0);
        for k in (1..order.len()).rev() {
            rng = rng
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            order.swap(k, (rng >> 33) as usize % (k + 1));
        }
        for (doc, gold, m, i) in order.iter().map(|&k| &docs[k]) {
            let inner = |t: usize| {
                gold.iter()
                    .filter(|g| g.start <= t && t < g.end)
                    .min_by_key(|g| g.end - g.start)
                    .map(|g| g.entity.as_str())
            };
            let oracle = |head: usize, pron: usize| -> bool {
                let Some(pe) = gold
                    .iter()
                    .find(|g| g.start == pron && g.end == pron + 1)
                    .map(|g| g.entity.as_str())
                else {
                    return false;
                };
                inner(head) == Some(pe)
            };
            let mut tr = Trainer {
                oracle: &oracle,
                weights: tr_weights,
                sum,
                steps,
                seen: 0,
                right: 0,
            };
            link_with(doc, m, i, Some(&mut tr));
            tr_weights = tr.weights;
            sum = tr.sum;
            steps = tr.steps;
            seen += tr.seen;
            right += tr.right;
        }
        eprintln!(
            "epoch {epoch}: ranked right {right}/{seen} ({:.1}%)",
            100.0 * right as f64 / seen.max(1) as f64
        );
    }
    let avg: Vec<f32> = sum.iter().map(|s| s / steps.max(1.0)).collect();
    let mut out = String::from("# Pronoun-ranking weights (feature value), averaged perceptron trained by\n# examples/train_coref.rs on GUM documents of genres ");
    out.push_str(&genres.join(","));
    out.push_str(&format!(" ({epochs} epochs).\n# Derived from GUM (CC BY / CC BY-SA 4.0, see NOTICE.md); news and interview held out.\n"));
    for (k, w) in avg.iter().enumerate() {
        let prefix = ["", "personal:", "it:", "they:"][k / N_BASE];
        if w.abs() > 1e-4 {
            out.push_str(&format!("{prefix}{} {w:.4}\n", FEATURE_NAMES[k % N_BASE]));
        }
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/coref-weights.txt");
    std::fs::write(path, out)?;
    eprintln!("wrote {path}");
    Ok(())
}
