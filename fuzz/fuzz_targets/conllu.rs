//! CoNLL-U reading, as `entente train`, `eval parse` and `parse` use it: any
//! text parsed as a treebank; what parses becomes a document, is written
//! back, and is scored by the language core (gold heads, tags and lemmas
//! taken as they come).
#![no_main]

use std::sync::OnceLock;

use entente_core::{conllu, Article};
use libfuzzer_sys::fuzz_target;

fn nlp() -> &'static entente_nlp::Nlp {
    static NLP: OnceLock<entente_nlp::Nlp> = OnceLock::new();
    NLP.get_or_init(|| entente_nlp::Nlp::load().expect("embedded model loads"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(sents) = conllu::parse(text) else {
        return;
    };
    let doc = conllu::to_doc(&sents, Article::from_text("", None));
    let written = conllu::write_doc(&doc);
    let _ = conllu::parse(&written);
    let _ = entente_nlp::eval::evaluate_opts(nlp(), &sents, true);
    let _ = entente_nlp::eval::evaluate_opts(nlp(), &sents, false);
});
