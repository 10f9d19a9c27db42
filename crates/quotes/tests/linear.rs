//! Quote handling is linear in its input: pathological texts made of many
//! short quotations in one paragraph (the shape that made the coreference
//! feature "inside quote marks" cubic: 1,000 pairs took 34 s) take time
//! proportional to their size through the stages a run puts before and at
//! the quote stage (nlp → actors → quotes). The bounds are generous on
//! purpose: the point is "linear", not "fast".

use std::time::{Duration, Instant};

use entente_core::{Annotator, Article, Doc};
use entente_quotes::Quotes;

fn time(unit: &str, n: usize) -> (Duration, usize) {
    let text = unit.repeat(n);
    let mut doc = Doc::new(Article::from_text(&text, None));
    let stages: Vec<Box<dyn Annotator>> = vec![
        Box::new(entente_nlp::Nlp::load().expect("nlp loads")),
        Box::new(entente_actors::Actors::load().expect("actors load")),
        Box::new(Quotes::load().expect("quote stage loads")),
    ];
    let t0 = Instant::now();
    for s in &stages {
        s.annotate(&mut doc).expect("stages never fail on text");
    }
    (t0.elapsed(), doc.quotes.len())
}

fn assert_linear(unit: &str) {
    let (small, _) = time(unit, 2_000);
    let (large, found) = time(unit, 20_000);
    // 20,000 repetitions are ~0.3 MB of text: seconds when linear.
    assert!(
        large < Duration::from_secs(120),
        "{unit:?} x 20,000 took {large:?} ({found} quotes)"
    );
    // Ten times the input may cost at most ~30 times the time (linear with
    // generous slack for allocation and noise on a shared machine); the
    // quadratic path this guards against cost ~100 times.
    let floor = Duration::from_millis(200);
    assert!(
        large <= (small.max(floor)) * 30,
        "{unit:?}: 2,000 reps {small:?}, 20,000 reps {large:?}"
    );
}

#[test]
fn paired_quotes_in_one_sentence_are_linear() {
    assert_linear(" \u{201c} he said \u{201d} ");
}

#[test]
fn straight_and_single_marks_are_linear() {
    assert_linear(" ' \u{201c} he said \u{201d} ' ");
    assert_linear(" \" he said \" ");
    assert_linear(" \u{2018}he said\u{2019} ");
}

#[test]
fn unpaired_marks_and_cues_are_linear() {
    assert_linear(" \u{201c} he said that ");
    assert_linear(" he said, according to him, ");
    assert_linear("\u{201d} said ");
}
