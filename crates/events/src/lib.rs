//! # entente-events
//!
//! Stage 4a: CAMEO / PLOVER event coding over the dependency parse, with
//! modality, dates, places and provenance. Fills [`entente_core::Doc::events`].
//!
//! **Architecture invariant:** the verb dictionaries ship in the crate; no
//! SQL, no HTTP.

use entente_core::{Annotator, CoreError, Doc};

/// The event coder.
#[derive(Debug, Default)]
pub struct EventCoder {}

impl EventCoder {
    /// Loads the embedded dictionaries.
    pub fn load() -> Result<EventCoder, CoreError> {
        Ok(EventCoder {})
    }
}

impl Annotator for EventCoder {
    fn name(&self) -> &'static str {
        "events"
    }
    fn annotate(&self, _doc: &mut Doc) -> Result<(), CoreError> {
        // Not yet implemented: see issue 6.
        Ok(())
    }
}
