//! Shared by the coder's test files: documents from hand-written parses with
//! hand-placed actor mentions, and coding them with the embedded
//! dictionaries.

use entente_core::{conllu, ActorCode, Annotator, Article, Doc, Event, Mention, MentionKind};
use entente_events::EventCoder;

/// `id form lemma upos xpos head deprel [SpaceAfter=No]` per line.
pub fn doc(lines: &str, date: Option<&str>, mentions: &[(u32, u32, &str)]) -> Doc {
    let mut text = String::new();
    for l in lines.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let c: Vec<&str> = l.split_whitespace().collect();
        let misc = c.get(7).copied().unwrap_or("_");
        text.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t{}\n",
            c[0], c[1], c[2], c[3], c[4], c[5], c[6], misc
        ));
    }
    text.push('\n');
    let sents = conllu::parse(&text).expect("valid CoNLL-U");
    let mut d = conllu::to_doc(
        &sents,
        Article {
            date: date.map(str::to_string),
            ..Article::default()
        },
    );
    for &(a, b, code) in mentions {
        let span = d.tokens[a as usize]
            .span
            .cover(d.tokens[b as usize - 1].span);
        d.mentions.push(Mention {
            sentence: 0,
            span,
            token_start: a,
            token_end: b,
            kind: MentionKind::Name,
            code: Some(ActorCode::new(code)),
            actor: None,
            antecedent: None,
            rule: "test".into(),
        });
    }
    d
}

/// `(source, target)` codes of an event ("" where absent).
pub fn dyad(e: &Event) -> (String, String) {
    (
        e.source.as_ref().map(|a| a.0.clone()).unwrap_or_default(),
        e.target.as_ref().map(|a| a.0.clone()).unwrap_or_default(),
    )
}

/// Dyads and CAMEO codes of events, for assertion messages.
#[allow(dead_code)] // (not every test file prints them)
pub fn coded(ev: &[Event]) -> Vec<((String, String), String)> {
    ev.iter()
        .map(|e| (dyad(e), e.cameo.as_str().to_string()))
        .collect()
}

pub fn code(d: &mut Doc) -> Vec<Event> {
    let coder = EventCoder::load().expect("embedded dictionaries load");
    coder.annotate(d).expect("coding succeeds");
    d.events.clone()
}
