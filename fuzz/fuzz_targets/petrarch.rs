//! PETRARCH-format dictionaries: the input is split at `\n====\n` into an
//! actors file, an agents file, a discards file, a verb dictionary and a
//! nominal trigger list, each read by its parser (actors: knowledge base;
//! events: verbs, discards, nominals). Errors are fine; panics are not.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = text.split("\n====\n");
    let actors = parts.next().unwrap_or("");
    let agents = parts.next().unwrap_or("");
    let discards = parts.next().unwrap_or("");
    let verbs = parts.next().unwrap_or("");
    let nominals = parts.next().unwrap_or("");
    if let Ok(mut kb) = entente_actors::KnowledgeBase::from_petrarch(&[actors], &[agents]) {
        kb.load_petrarch_discards(discards);
        let _ = kb.lookup("Secretary Kerry", chrono_free_date());
    }
    let _ = entente_events::VerbDict::parse(verbs);
    let _ = entente_events::Discards::parse(discards);
    let _ = entente_events::Nominals::parse(nominals);
});

/// No date: the lookup takes every dated code.
fn chrono_free_date<T>() -> Option<T> {
    None
}
