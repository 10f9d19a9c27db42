use super::*;
use entente_core::Article;

fn run(text: &str) -> Doc {
    let mut doc = Doc::new(Article::from_text(text, None));
    Quotes::load().unwrap().annotate(&mut doc).unwrap();
    doc
}

#[test]
fn interrupted_quote_is_one_quote_with_pronoun_speaker() {
    let d = run("Prime Minister Jane Doe spoke on Monday.\n\n\u{201c}We will not give in,\u{201d} she said. \u{201c}Never.\u{201d}");
    assert_eq!(d.quotes.len(), 1, "{:#?}", d.quotes);
    let q = &d.quotes[0];
    assert_eq!(q.quote_spans.len(), 2);
    assert_eq!(q.speaker.as_deref(), Some("she"));
    assert_eq!(q.speaker_actor.as_ref().map(|a| a.name.as_str()), Some("Jane Doe"));
    assert_eq!(q.cue.as_deref(), Some("say"));
}
