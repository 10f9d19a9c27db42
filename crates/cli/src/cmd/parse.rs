//! `entente parse`: tokenizes, tags and parses text (or re-annotates the
//! gold tokens of a CoNLL-U file) and writes CoNLL-U.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use entente_core::{conllu, Annotator, Article, Doc};

#[derive(clap::Args)]
pub struct Args {
    /// Input file (`-` or nothing: standard input).
    input: Option<PathBuf>,
    /// Read CoNLL-U and keep its tokenization and sentences (default when
    /// the file name ends in `.conllu`).
    #[arg(long)]
    conllu: bool,
    /// Use this model bundle instead of the embedded one.
    #[arg(long)]
    model: Option<PathBuf>,
    /// Print token count and speed (after model loading) to standard error.
    #[arg(long)]
    stats: bool,
}

/// Loads the embedded model, or the bundle at `path`.
pub fn load_model(path: Option<&PathBuf>) -> anyhow::Result<entente_nlp::Nlp> {
    Ok(match path {
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
            entente_nlp::Nlp::from_bytes(&bytes)?
        }
        None => entente_nlp::Nlp::load()?,
    })
}

/// Replaces the annotations of a document built from CoNLL-U by the model's.
pub fn reannotate(nlp: &entente_nlp::Nlp, doc: &mut Doc) {
    for i in 0..doc.sentences.len() {
        let range = doc.sentences[i].tokens();
        let forms: Vec<String> = doc.tokens[range.clone()]
            .iter()
            .map(|t| doc.slice(t.span).to_string())
            .collect();
        let refs: Vec<&str> = forms.iter().map(String::as_str).collect();
        let analysed = nlp.analyze(&refs);
        for (t, a) in doc.tokens[range].iter_mut().zip(analysed) {
            *t = entente_core::Token { span: t.span, ..a };
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut text = String::new();
    let is_conllu_name = args
        .input
        .as_ref()
        .is_some_and(|p| p.extension().is_some_and(|e| e == "conllu"));
    match args.input.as_ref().filter(|p| p.as_os_str() != "-") {
        Some(p) => {
            text = std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?
        }
        None => {
            std::io::stdin().read_to_string(&mut text)?;
        }
    }
    let nlp = load_model(args.model.as_ref())?;
    let t0 = std::time::Instant::now();
    let doc = if args.conllu || is_conllu_name {
        let sents = conllu::parse(&text)?;
        let mut doc = conllu::to_doc(&sents, Article::default());
        reannotate(&nlp, &mut doc);
        doc
    } else {
        let mut doc = Doc::new(Article::from_text(&text, None));
        nlp.annotate(&mut doc)?;
        doc
    };
    if args.stats {
        let secs = t0.elapsed().as_secs_f64();
        eprintln!(
            "{} tokens, {} sentences in {secs:.3} s: {:.0} tokens/s",
            doc.tokens.len(),
            doc.sentences.len(),
            doc.tokens.len() as f64 / secs.max(1e-9)
        );
    }
    let out = conllu::write_doc(&doc);
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
