//! Behaviour of the embedded models: structure of the output, a few
//! unambiguous analyses, garbage input, and accuracy on a slice of EWT dev
//! when the shared data is around.

mod common;
use common::shared_ud;

use std::time::{Duration, Instant};

use entente_core::{Annotator, Article, Doc};
use entente_nlp::Nlp;

fn nlp() -> Nlp {
    Nlp::load().expect("embedded model loads")
}

fn annotate(nlp: &Nlp, text: &str) -> Doc {
    let mut doc = Doc::new(Article::from_text(text, None));
    nlp.annotate(&mut doc).expect("annotates");
    doc
}

/// Every sentence is one tree: heads in range, exactly one root, no cycles.
fn assert_trees(doc: &Doc) {
    for i in 0..doc.sentences.len() {
        let toks = doc.sentence_tokens(i);
        let n = toks.len() as u32;
        assert_eq!(toks.iter().filter(|t| t.head == 0).count(), 1, "one root");
        for (k, t) in toks.iter().enumerate() {
            assert!(t.head <= n && t.head != k as u32 + 1, "head in range");
            assert!(!t.upos.is_empty() && !t.xpos.is_empty() && !t.deprel.is_empty());
            assert!(!t.lemma.is_empty());
            // Walk up: must reach the root within n steps.
            let mut h = t.head;
            let mut steps = 0;
            while h != 0 {
                h = toks[h as usize - 1].head;
                steps += 1;
                assert!(steps <= n, "cycle");
            }
        }
    }
}

#[test]
fn simple_sentence_is_analysed() {
    let nlp = nlp();
    let doc = annotate(
        &nlp,
        "Iran condemned the airstrikes on Monday. The talks were postponed.",
    );
    assert_eq!(doc.sentences.len(), 2);
    assert_trees(&doc);
    let word = |w: &str| {
        doc.tokens
            .iter()
            .find(|t| doc.slice(t.span) == w)
            .unwrap_or_else(|| panic!("token {w}"))
    };
    let iran = word("Iran");
    assert_eq!(iran.upos, "PROPN");
    assert_eq!(iran.deprel, "nsubj");
    assert_eq!(
        doc.slice(doc.sentence_tokens(0)[iran.head as usize - 1].span),
        "condemned"
    );
    let cond = word("condemned");
    assert_eq!(
        (cond.upos.as_str(), cond.xpos.as_str(), cond.lemma.as_str()),
        ("VERB", "VBD", "condemn")
    );
    assert!(cond.feats.contains("Tense=Past"), "{}", cond.feats);
    assert_eq!(word("airstrikes").deprel, "obj");
    assert_eq!(word("airstrikes").lemma, "airstrike");
    assert!(word("airstrikes").feats.contains("Number=Plur"));
    let post = word("postponed");
    assert!(post.feats.contains("Voice=Pass"), "{}", post.feats);
    assert_eq!(word("talks").deprel, "nsubj:pass");
}

#[test]
fn negation_and_person_features() {
    let nlp = nlp();
    let doc = annotate(&nlp, "He won't attend the meeting.");
    assert_trees(&doc);
    let nt = doc
        .tokens
        .iter()
        .find(|t| doc.slice(t.span) == "n't")
        .expect("n't");
    assert!(nt.feats.contains("Polarity=Neg"), "{}", nt.feats);
    assert_eq!(nt.lemma, "not");
    let he = &doc.tokens[0];
    assert!(
        he.feats.contains("Person=3") && he.feats.contains("Number=Sing"),
        "{}",
        he.feats
    );
}

#[test]
fn pretokenized_matches_annotate() {
    let nlp = nlp();
    let forms = [
        "The",
        "U.S.",
        "imposed",
        "new",
        "sanctions",
        "on",
        "Iran",
        "on",
        "Monday",
        ".",
    ];
    let toks = nlp.analyze(&forms);
    assert_eq!(toks.len(), forms.len());
    assert_eq!(toks.iter().filter(|t| t.head == 0).count(), 1);
    assert_eq!(toks[2].head, 0);
    assert_eq!((toks[1].head, toks[1].deprel.as_str()), (3, "nsubj"));
    assert_eq!((toks[4].head, toks[4].deprel.as_str()), (3, "obj"));
    // The same analysis as through the tokenizer.
    let doc = annotate(&nlp, &forms.join(" "));
    let heads: Vec<u32> = doc.tokens.iter().map(|t| t.head).collect();
    assert_eq!(heads, toks.iter().map(|t| t.head).collect::<Vec<_>>());
    assert!(nlp.analyze(&[]).is_empty());
}

#[test]
fn garbage_in_no_panic_bounded_time() {
    let nlp = nlp();
    let t0 = Instant::now();
    for text in [
        "x".repeat(1 << 20),
        "😀".repeat(10_000),
        "\u{0}\u{1}\u{7}\u{1b}[31m\u{7f}\u{feff}\r\n\t\u{2028}".repeat(100),
        String::new(),
        "a.".repeat(50_000),
        "'s".repeat(10_000),
        "http://".repeat(1000),
    ] {
        let doc = annotate(&nlp, &text);
        if !doc.sentences.is_empty() {
            assert_trees(&doc);
        }
        for t in &doc.tokens {
            assert!(text.is_char_boundary(t.span.start as usize));
            assert!(text.is_char_boundary(t.span.end as usize));
        }
    }
    // Linear-time guard (generous for debug builds on a shared machine).
    assert!(t0.elapsed() < Duration::from_secs(60), "{:?}", t0.elapsed());
}

#[test]
fn accuracy_on_ewt_dev_slice() {
    let Some(ud) = shared_ud() else {
        eprintln!("shared/data/ud not found; skipping");
        return;
    };
    let text = std::fs::read_to_string(ud.join("en_ewt/dev.conllu")).expect("dev");
    let gold = entente_core::conllu::parse(&text).expect("parses");
    let s = entente_nlp::eval::evaluate(&nlp(), &gold[..400]);
    assert!(s.tokens > 3000);
    assert!(s.upos > 93.0, "UPOS {}", s.upos);
    assert!(s.uas > 82.0, "UAS {}", s.uas);
    assert!(s.las > 78.0, "LAS {}", s.las);
    assert!(s.lemma > 95.0, "lemma {}", s.lemma);
}

/// A text without sentence ends is cut into sentences of at most
/// `MAX_SENTENCE_TOKENS` tokens, after a comma near the limit when there is
/// one, every token kept, with a warning on the document.
#[test]
fn over_long_sentences_are_split_with_a_warning() {
    let nlp = nlp();
    let cap = entente_nlp::MAX_SENTENCE_TOKENS;
    // 5 tokens per unit, a comma every 10 tokens: 3,000 tokens.
    let text = "Iran condemned the strikes and the talks went on , ".repeat(300);
    let doc = annotate(&nlp, &text);
    assert!(doc.sentences.len() >= 3000 / cap);
    let mut next = 0;
    for s in &doc.sentences {
        let r = s.tokens();
        assert_eq!(r.start, next, "every token in one sentence");
        next = r.end;
        assert!(r.len() <= cap, "{} tokens", r.len());
        // Cut after a comma, not mid-phrase.
        if r.end < doc.tokens.len() {
            assert_eq!(doc.slice(doc.tokens[r.end - 1].span), ",");
        }
    }
    assert_eq!(next, doc.tokens.len());
    assert_trees(&doc);
    assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
    assert!(
        doc.warnings[0].contains("1 sentences longer than"),
        "{}",
        doc.warnings[0]
    );
    // Without commas the cut is hard, at the limit.
    let doc = annotate(&nlp, &"and then ".repeat(500));
    assert_eq!(doc.sentences[0].tokens().len(), cap);
    // Short sentences are left alone, without a warning.
    let doc = annotate(&nlp, "Iran condemned the strikes. Talks went on.");
    assert_eq!(doc.sentences.len(), 2);
    assert!(doc.warnings.is_empty());
}
