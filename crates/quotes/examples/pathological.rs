//! Times the quote stage on UNIT repeated N times (one paragraph):
//! through nlp → actors → quotes:
//! `cargo run --release -p entente-quotes --example pathological -- N [UNIT]`.
use entente_core::{Annotator, Article, Doc};
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let n: usize = a.get(1).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let unit = a
        .get(2)
        .cloned()
        .unwrap_or_else(|| " ' \u{201c} he said \u{201d} ' ".into());
    let text = unit.repeat(n);
    let mut doc = Doc::new(Article::from_text(&text, None));
    let t0 = std::time::Instant::now();
    let stages: Vec<Box<dyn Annotator>> = vec![
        Box::new(entente_nlp::Nlp::load().unwrap()),
        Box::new(entente_actors::Actors::load().unwrap()),
        Box::new(entente_quotes::Quotes::load().unwrap()),
    ];
    for s in &stages {
        let t = std::time::Instant::now();
        s.annotate(&mut doc).unwrap();
        eprintln!("  {}: {:?}", s.name(), t.elapsed());
    }
    println!(
        "{n} x {unit:?}: {} bytes, {:?}, {} quotes",
        text.len(),
        t0.elapsed(),
        doc.quotes.len()
    );
}
