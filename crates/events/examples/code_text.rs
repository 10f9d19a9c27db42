//! Codes the events of a plain-text file end to end (tokenizer, tagger,
//! parser, actors, events) and prints one JSON object per event.
//!
//! `cargo run --release -p entente-events --example code_text -- FILE [--date YYYY-MM-DD] [--debug]`

use entente_core::{Annotator, Article, Doc};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .first()
        .ok_or("usage: code_text FILE [--date YYYY-MM-DD]")?;
    let date = args
        .iter()
        .position(|a| a == "--date")
        .and_then(|i| args.get(i + 1).cloned());
    let text = std::fs::read_to_string(path)?;
    let mut doc = Doc::new(Article {
        date,
        ..Article::from_text(&text, None)
    });
    entente_nlp::Nlp::load()?.annotate(&mut doc)?;
    entente_actors::Actors::load()?.annotate(&mut doc)?;
    entente_events::EventCoder::load()?.annotate(&mut doc)?;
    if args.iter().any(|a| a == "--debug") {
        eprint!("{}", entente_core::conllu::write_doc(&doc));
        for m in &doc.mentions {
            eprintln!(
                "mention {:?} {:?} {:?}",
                doc.slice(m.span),
                m.code.as_ref().map(|c| c.as_str()),
                m.kind
            );
        }
    }
    for e in &doc.events {
        let sent = doc
            .sentences
            .get(e.sentence as usize)
            .map(|s| doc.slice(s.span))
            .unwrap_or("");
        let line = serde_json::json!({
            "doc_id": doc.id.as_str(),
            "sentence": e.sentence,
            "text": sent,
            "source": e.source.as_ref().map(|a| a.as_str()),
            "target": e.target.as_ref().map(|a| a.as_str()),
            "source_text": e.source_span.map(|s| doc.slice(s)),
            "target_text": e.target_span.map(|s| doc.slice(s)),
            "trigger": doc.slice(e.trigger_span),
            "cameo": e.cameo.as_str(),
            "plover_type": e.plover_type,
            "plover_mode": e.plover_mode,
            "goldstein": e.goldstein,
            "quad_class": e.quad_class.as_u8(),
            "modality": e.modality.as_str(),
            "date": e.date.map(|d| d.to_string()),
            "date_precision": e.date.map(|d| d.precision.as_str()),
            "place": e.place,
            "trigger_span": [e.trigger_span.start, e.trigger_span.end],
            "source_span": e.source_span.map(|s| [s.start, s.end]),
            "target_span": e.target_span.map(|s| [s.start, s.end]),
            "confidence": e.confidence,
            "rule": e.rule,
        });
        println!("{line}");
    }
    Ok(())
}
