//! # entente-actors
//!
//! Stage 3: the dated actor knowledge base, mention matching and
//! within-article coreference. Fills [`entente_core::Doc::mentions`].
//!
//! **Architecture invariant:** the knowledge base ships in the crate (no
//! `../shared` at run time); no SQL, no HTTP.

use entente_core::{Annotator, CoreError, Doc};

/// The actor stage (knowledge base + matcher + coreference).
#[derive(Debug, Default)]
pub struct Actors {}

impl Actors {
    /// Loads the embedded knowledge base.
    pub fn load() -> Result<Actors, CoreError> {
        Ok(Actors {})
    }
}

impl Annotator for Actors {
    fn name(&self) -> &'static str {
        "actors"
    }
    fn annotate(&self, _doc: &mut Doc) -> Result<(), CoreError> {
        // Not yet implemented: see issue 5.
        Ok(())
    }
}
