//! Quote extraction on arbitrary text, after the stages a run puts before
//! it (language core, actors). Inputs are capped at 16 KB: the target looks
//! for crashes; cost on long inputs is tested in tests/hostile.
#![no_main]

use std::sync::OnceLock;

use entente_core::{Annotator, Article, Doc};
use libfuzzer_sys::fuzz_target;

struct Stages {
    nlp: entente_nlp::Nlp,
    actors: entente_actors::Actors,
    quotes: entente_quotes::Quotes,
}

fn stages() -> &'static Stages {
    static S: OnceLock<Stages> = OnceLock::new();
    S.get_or_init(|| Stages {
        nlp: entente_nlp::Nlp::load().expect("nlp loads"),
        actors: entente_actors::Actors::load().expect("actors load"),
        quotes: entente_quotes::Quotes::load().expect("quotes load"),
    })
}

fuzz_target!(|data: &[u8]| {
    if data.len() > 16 * 1024 {
        return;
    }
    let text = String::from_utf8_lossy(data);
    let s = stages();
    let mut doc = Doc::new(Article::from_text(&text, None));
    if s.nlp.annotate(&mut doc).is_err() || s.actors.annotate(&mut doc).is_err() {
        return;
    }
    let (quotes, _events, _notes) = s.quotes.extract(&doc);
    for q in &quotes {
        // Every quoted span points into the text.
        for sp in &q.quote_spans {
            assert!(
                sp.start <= sp.end && sp.end as usize <= doc.text.len(),
                "{sp:?}"
            );
        }
    }
});
