//! Shared helpers: one embedded knowledge base per test binary, tokenised docs.

use std::sync::OnceLock;

use entente_actors::Actors;
use entente_core::{Annotator, Article, Doc, Mention};

#[allow(dead_code)]
pub fn actors() -> &'static Actors {
    static A: OnceLock<Actors> = OnceLock::new();
    A.get_or_init(|| Actors::load().expect("embedded knowledge base loads"))
}

/// Tokenises and annotates `text` dated `date`.
#[allow(dead_code)]
pub fn annotate(text: &str, date: Option<&str>) -> Doc {
    let mut doc = Doc::new(Article {
        date: date.map(str::to_string),
        ..Article::from_text(text, None)
    });
    entente_nlp::Nlp::load()
        .unwrap()
        .annotate(&mut doc)
        .unwrap();
    actors().annotate(&mut doc).unwrap();
    doc
}

/// The shared data folder, when present.
#[allow(dead_code)]
pub fn shared() -> Option<std::path::PathBuf> {
    if let Ok(p) = std::env::var("ENTENTE_SHARED") {
        return Some(p.into());
    }
    let mut dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    loop {
        let cand = dir.join("shared");
        if cand.join("data").is_dir() {
            return Some(cand);
        }
        if !dir.pop() {
            return None;
        }
    }
}

/// The mention starting at `word` inside the first occurrence of `context`.
#[allow(dead_code)]
pub fn mention_at<'d>(doc: &'d Doc, context: &str, word: &str) -> &'d Mention {
    let c = doc
        .text
        .find(context)
        .unwrap_or_else(|| panic!("context {context:?} not in text"));
    let w = doc.text[c..c + context.len()]
        .find(word)
        .unwrap_or_else(|| panic!("{word:?} not in {context:?}"));
    let start = (c + w) as u32;
    doc.mentions
        .iter()
        .find(|m| m.span.start == start)
        .unwrap_or_else(|| panic!("no mention at {word:?} in {context:?}"))
}

/// The code of a mention as text ("-" when none).
#[allow(dead_code)]
pub fn code(m: &Mention) -> String {
    m.code.as_ref().map_or("-".to_string(), |c| c.to_string())
}
