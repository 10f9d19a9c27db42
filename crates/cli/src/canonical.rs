//! Rebuilds the canonical events (events, not reports) from the stored event
//! mentions after a run: mentions of one real event across articles are
//! clustered by `entente-analysis` and written back as one event each.

use entente_analysis::DedupParams;
use entente_store::Store;

/// Clusters all stored event mentions and writes the canonical events.
pub fn rebuild(store: &mut dyn Store) -> anyhow::Result<()> {
    let relations = entente_serve::relations::load(store, &DedupParams::default())?;
    entente_serve::relations::write_canonical(store, &relations)?;
    Ok(())
}
