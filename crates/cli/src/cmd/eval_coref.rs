//! `entente eval coref DIR`: scores pronoun and definite-description
//! resolution against GUM documents (CoNLL-U with `Entity=` annotation),
//! using their gold tokens and syntax.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use entente_actors::gum::{score_document, CorefCounts};
use entente_actors::Actors;

#[derive(clap::Args)]
pub struct Args {
    /// Directory of GUM `.conllu` files (e.g. ../shared/data/ud/gum).
    dir: PathBuf,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

fn genre(path: &std::path::Path) -> String {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.split('_').nth(1).unwrap_or("other").to_string()
}

fn summary(c: &CorefCounts) -> serde_json::Value {
    serde_json::json!({
        "pronoun_accuracy": c.pronoun_accuracy(),
        "description_accuracy": c.description_accuracy(),
        "pronouns": c.pronouns,
        "descriptions": c.descriptions,
        "pronouns_correct": c.pronouns_correct,
        "descriptions_correct": c.descriptions_correct,
    })
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let actors = Actors::load().context("loading the actor stage")?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(&args.dir)
        .with_context(|| format!("reading {}", args.dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
        .collect();
    files.sort();
    if files.is_empty() {
        anyhow::bail!("no .conllu files in {}", args.dir.display());
    }
    let mut total = CorefCounts::default();
    let mut news_interview = CorefCounts::default();
    let mut by_genre: std::collections::BTreeMap<String, CorefCounts> = Default::default();
    for f in &files {
        let text =
            std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?;
        let c =
            score_document(&actors, &text).with_context(|| format!("parsing {}", f.display()))?;
        total.add(c);
        let g = genre(f);
        if g == "news" || g == "interview" {
            news_interview.add(c);
        }
        by_genre.entry(g).or_default().add(c);
    }
    if args.json {
        let mut v = summary(&total);
        v["documents"] = files.len().into();
        v["news_interview"] = summary(&news_interview);
        v["by_genre"] = by_genre
            .iter()
            .map(|(k, c)| (k.clone(), summary(c)))
            .collect::<serde_json::Map<_, _>>()
            .into();
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        println!("documents: {}", files.len());
        let line = |name: &str, c: &CorefCounts| {
            println!(
                "{name:<16} pronouns {:>5.1}% of {:<5} descriptions {:>5.1}% of {}",
                100.0 * c.pronoun_accuracy(),
                c.pronouns,
                100.0 * c.description_accuracy(),
                c.descriptions
            );
        };
        line("all", &total);
        line("news+interview", &news_interview);
        for (g, c) in &by_genre {
            line(g, c);
        }
    }
    Ok(ExitCode::SUCCESS)
}
