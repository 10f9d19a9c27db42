//! The seed page end to end through nlp → actors → quotes: the four quoted
//! passages with their speakers and the NBC News outlet, and the reported
//! accusation coded as an event. Skipped (with a note) when `shared/` is not
//! next to the repository.

use std::path::PathBuf;

use entente_core::{Annotator, Article, Doc, QuoteType};

fn shared() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("ENTENTE_SHARED") {
        return Some(PathBuf::from(p));
    }
    let mut dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
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

fn seed_doc() -> Option<Doc> {
    // The repository keeps the seed page in examples/seed; shared/ has it too.
    let in_repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/seed/iran-west-common-enemy.txt");
    let path = if in_repo.is_file() {
        in_repo
    } else {
        shared()?.join("seed/iran-west-common-enemy.txt")
    };
    let text = std::fs::read_to_string(path).ok()?;
    let mut doc = Doc::new(Article::from_text(&text, None));
    entente_nlp::Nlp::load()
        .unwrap()
        .annotate(&mut doc)
        .unwrap();
    entente_actors::Actors::load()
        .unwrap()
        .annotate(&mut doc)
        .unwrap();
    entente_quotes::Quotes::load()
        .unwrap()
        .annotate(&mut doc)
        .unwrap();
    Some(doc)
}

fn find<'a>(doc: &'a Doc, words: &str) -> &'a entente_core::Quote {
    doc.quotes
        .iter()
        .find(|q| q.quote.contains(words))
        .unwrap_or_else(|| panic!("no quote containing {words:?}: {:#?}", doc.quotes))
}

#[test]
fn seed_page_quotes_speakers_and_outlet() {
    let Some(doc) = seed_doc() else {
        eprintln!("shared/ not found: seed test skipped");
        return;
    };
    let kerry = find(&doc, "a role for nearly every country");
    assert_eq!(kerry.kind, QuoteType::Direct);
    assert_eq!(kerry.speaker_actor.as_ref().unwrap().name, "John Kerry");

    let rouhani = find(&doc, "Are Americans afraid");
    assert_eq!(rouhani.speaker.as_deref(), Some("he"));
    assert_eq!(
        rouhani.speaker_actor.as_ref().unwrap().name,
        "Hassan Rouhani"
    );
    assert_eq!(rouhani.outlet.as_deref(), Some("NBC News"));
    // The quotation interrupted by "he said" is one quote in two spans.
    assert_eq!(rouhani.quote_spans.len(), 2);
    assert!(rouhani.quote.contains("Are they afraid of their soldiers"));

    let anon = find(&doc, "the US informed Iran in advance");
    assert!(anon.anonymous);
    assert_eq!(anon.outlet.as_deref(), Some("Reuters"));
    assert_eq!(
        anon.speaker.as_deref(),
        Some("An anonymous senior Iranian official")
    );
    assert!(anon.anonymous_inferred.as_deref().unwrap().contains("Iran"));

    let state = find(&doc, "We communicated our intentions");
    assert_eq!(state.kind, QuoteType::Direct);
    assert_eq!(state.speaker.as_deref(), Some("the official"));
    let actor = state.speaker_actor.as_ref().unwrap();
    assert!(
        actor.name.contains("State Department official"),
        "{actor:?}"
    );
    assert!(state.anonymous);

    let confirm = find(&doc, "this communication took place");
    assert_eq!(confirm.hedge.as_deref(), Some("partially confirmed"));
}

#[test]
fn seed_page_reported_accusation_becomes_an_event() {
    let Some(doc) = seed_doc() else {
        eprintln!("shared/ not found: seed test skipped");
        return;
    };
    let ev = doc
        .events
        .iter()
        .find(|e| e.rule.starts_with("quotes:"))
        .unwrap_or_else(|| panic!("no quote event: {:#?}", doc.quotes));
    assert_eq!(ev.cameo.as_str(), "112");
    assert_eq!(ev.source.as_ref().unwrap().root(), "IRN");
    assert_eq!(ev.target.as_ref().unwrap().root(), "USA");
    // The attribution links to the event it states.
    let at = doc.events.iter().position(|e| std::ptr::eq(e, ev)).unwrap() as u32;
    let q = doc
        .quotes
        .iter()
        .find(|q| q.events.contains(&at))
        .unwrap_or_else(|| panic!("no quote links event {at}: {:#?}", doc.quotes));
    assert_ne!(q.kind, QuoteType::Direct);
}
