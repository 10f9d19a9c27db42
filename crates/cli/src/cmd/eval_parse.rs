//! `entente eval parse FILE.conllu`: tagging, lemma and attachment scores on
//! the file's gold tokens, sentence-split F1 on its raw text, and speed.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

#[derive(clap::Args)]
pub struct Args {
    /// Gold CoNLL-U file (e.g. EWT test).
    file: PathBuf,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
    /// Use this model bundle instead of the embedded one.
    #[arg(long)]
    model: Option<PathBuf>,
    /// Time this many passes and report the fastest.
    #[arg(long, default_value_t = 1)]
    runs: usize,
    /// Parse with the gold UPOS/XPOS tags (isolates parser errors).
    #[arg(long)]
    gold_tags: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(&args.file)
        .with_context(|| format!("reading {}", args.file.display()))?;
    let gold = entente_core::conllu::parse(&text)?;
    let t0 = std::time::Instant::now();
    let nlp = super::parse::load_model(args.model.as_ref())?;
    let load_s = t0.elapsed().as_secs_f64();
    let s = entente_nlp::eval::evaluate_runs(&nlp, &gold, args.gold_tags, args.runs);
    if args.json {
        let mut v = serde_json::to_value(&s)?;
        v["model_load_s"] = serde_json::json!(load_s);
        println!("{v}");
    } else {
        println!("sentences     {}", s.sentences);
        println!("tokens        {}", s.tokens);
        println!("UPOS          {:.2}", s.upos);
        println!("XPOS          {:.2}", s.xpos);
        println!("lemma         {:.2}", s.lemma);
        println!("feats         {:.2}", s.feats);
        println!("UAS           {:.2}", s.uas);
        println!("LAS           {:.2}", s.las);
        println!("LAS (univ.)   {:.2}", s.las_universal);
        println!("sentence F1   {:.2}", s.sentence_f1);
        println!(
            "tokens/s      {:.0} (thread CPU time; wall clock {:.0})",
            s.tokens_per_s, s.tokens_per_s_wall
        );
        println!("model load    {:.3} s", load_s);
    }
    Ok(ExitCode::SUCCESS)
}
