//! The parse gate: which sentences get the dependency parse, and that the
//! gated chain codes the same events and quotes as parsing everything.

use entente_core::{Annotator, Article, Doc};
use entente_pipeline::Pipeline;

const TEXT: &str = "The weather was mild on Tuesday, with clear skies over the coast. \
Iran condemned the air strikes on Syria. \
Prices of bread rose by ten percent in March. \
\"We will not give up,\" the Iranian foreign minister said. \
Russia and China signed a trade agreement in Beijing. \
He later accused the United States of lying.";

fn run(gate: bool) -> (Doc, (usize, usize)) {
    let p = Pipeline::standard_with_gate(gate).expect("standard pipeline");
    let doc = p.process(Article::from_text(TEXT, Some("2020-01-01".into())));
    let counts = p.parse_counts();
    (doc, counts)
}

fn parsed(doc: &Doc, si: usize) -> bool {
    doc.tokens[doc.sentences[si].tokens()]
        .iter()
        .any(|t| !t.deprel.is_empty())
}

#[test]
fn only_sentences_that_can_matter_are_parsed() {
    let (doc, (sentences, n_parsed)) = run(true);
    assert_eq!(doc.sentences.len(), 6);
    assert_eq!(sentences, 6);
    // no actor and no quote: tags only
    assert!(!parsed(&doc, 0), "weather sentence parsed");
    assert!(!parsed(&doc, 2), "prices sentence parsed");
    // a trigger with two actors, a quotation, a pronoun source
    assert!(parsed(&doc, 1));
    assert!(parsed(&doc, 3));
    assert!(parsed(&doc, 4));
    assert!(parsed(&doc, 5));
    assert_eq!(n_parsed, 4);
    // unparsed sentences still carry tags and lemmas
    let first = &doc.tokens[doc.sentences[0].tokens()];
    assert!(first.iter().all(|t| !t.upos.is_empty() && t.head == 0));
}

#[test]
fn gated_chain_codes_what_the_full_parse_codes() {
    let (gated, _) = run(true);
    let (full, (_, all)) = run(false);
    assert_eq!(all, 6);
    let ev = |d: &Doc| {
        let mut v: Vec<String> = d
            .events
            .iter()
            .map(|e| serde_json::to_string(e).unwrap_or_default())
            .collect();
        v.sort();
        v
    };
    assert!(!full.events.is_empty());
    assert_eq!(ev(&gated), ev(&full));
    assert_eq!(gated.quotes.len(), full.quotes.len());
    assert_eq!(gated.mentions.len(), full.mentions.len());
}

#[test]
fn parse_all_matches_the_nlp_stage() {
    // The nlp stage alone (tag, then parse every sentence) gives the same
    // tokens as the pipeline without the gate.
    let nlp = entente_nlp::Nlp::load().expect("model");
    let mut d = Doc::new(Article::from_text(TEXT, None));
    nlp.annotate(&mut d).expect("nlp");
    let (full, _) = run(false);
    assert_eq!(d.tokens.len(), full.tokens.len());
    for (a, b) in d.tokens.iter().zip(&full.tokens) {
        assert_eq!(
            (a.head, &a.deprel, &a.upos, &a.lemma),
            (b.head, &b.deprel, &b.upos, &b.lemma)
        );
    }
    // and the same as analysing each sentence's words on their own
    for s in &d.sentences {
        let forms: Vec<&str> = d.tokens[s.tokens()]
            .iter()
            .map(|t| d.slice(t.span))
            .collect();
        let alone = nlp.analyze(&forms);
        for (a, b) in alone.iter().zip(&d.tokens[s.tokens()]) {
            assert_eq!((a.head, &a.deprel, &a.feats), (b.head, &b.deprel, &b.feats));
        }
    }
}

/// A document over its CPU budget is kept with a warning naming what was
/// left out: here a zero budget, so the stages after the first are skipped.
#[test]
fn a_document_over_its_cpu_budget_is_kept_with_a_warning() {
    let p = Pipeline::standard()
        .expect("standard pipeline")
        .with_limits(entente_pipeline::Limits {
            max_cpu: std::time::Duration::ZERO,
            ..Default::default()
        });
    let text = TEXT.repeat(50);
    let doc = p.process(Article::from_text(&text, Some("2020-01-01".into())));
    assert_eq!(doc.text, text);
    assert!(!doc.sentences.is_empty());
    assert!(doc.events.is_empty() && doc.quotes.is_empty());
    let w: Vec<&String> = doc
        .warnings
        .iter()
        .filter(|w| w.starts_with("limits:"))
        .collect();
    assert!(
        w.iter().any(|w| w.contains("sentences left unparsed")),
        "{w:?}"
    );
    assert!(
        w.iter()
            .any(|w| w.contains("stages not run: events, quotes")),
        "{w:?}"
    );
    // The default budget leaves an ordinary document alone.
    let doc = Pipeline::standard()
        .expect("standard pipeline")
        .process(Article::from_text(&text, Some("2020-01-01".into())));
    assert!(!doc.events.is_empty());
    assert!(
        doc.warnings.iter().all(|w| !w.starts_with("limits:")),
        "{:?}",
        doc.warnings
    );
}
