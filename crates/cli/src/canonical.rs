//! Rebuilds the canonical events (events, not reports) from the stored event
//! mentions after a run.

use entente_store::{CanonicalEvent, EventFilter, Store};

/// Clusters all stored event mentions and writes the canonical events.
///
/// Until cross-article deduplication lands in `entente-analysis`, each event
/// mention is its own canonical event.
pub fn rebuild(store: &mut dyn Store) -> anyhow::Result<()> {
    let mentions = store.events(&EventFilter::default())?;
    let mut events = Vec::with_capacity(mentions.len());
    let mut members = Vec::with_capacity(mentions.len());
    for m in &mentions {
        let id = format!("{}:{}", m.doc_id, m.idx);
        events.push(CanonicalEvent {
            id: id.clone(),
            source: m.source.clone(),
            target: m.target.clone(),
            cameo: m.cameo.clone(),
            plover_type: m.plover_type.clone(),
            goldstein: m.goldstein,
            quad_class: m.quad_class,
            modality: m.modality.clone(),
            date: m.date.clone(),
            place: m.place.clone(),
            mentions: 1,
            documents: 1,
            sources: 1,
        });
        members.push((m.doc_id.clone(), m.idx, id));
    }
    store.replace_canonical_events(&events, &members)?;
    Ok(())
}
