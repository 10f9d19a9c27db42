//! Rebuilds the canonical events (events, not reports) from the stored event
//! mentions after a run: mentions of one real event across articles are
//! clustered by `entente-analysis` and written back as one event each.

use entente_analysis::DedupParams;
use entente_store::Store;

/// Clusters all stored event mentions and writes the canonical events.
///
/// Concurrent workers each rebuild when they finish. Event mentions are only
/// ever added, so a rebuild that finds the count changed while it worked
/// (another worker committed meanwhile) starts over: the last writer always
/// wrote from the complete set.
pub fn rebuild(store: &mut dyn Store) -> anyhow::Result<()> {
    loop {
        let before = store.count_event_mentions()?;
        let relations = entente_serve::relations::load(store, &DedupParams::default())?;
        entente_serve::relations::write_canonical(store, &relations)?;
        if store.count_event_mentions()? == before {
            return Ok(());
        }
    }
}
