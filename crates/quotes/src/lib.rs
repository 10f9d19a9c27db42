//! # entente-quotes
//!
//! Stage 4b: direct, mixed and reported speech with speakers, cues, outlets,
//! hedges and anonymous sources. Fills [`entente_core::Doc::quotes`].
//!
//! **Architecture invariant:** no SQL, no HTTP; works per paragraph so one
//! unbalanced quote mark never loses a whole document.

use entente_core::{Annotator, CoreError, Doc};

/// The quote and attribution stage.
#[derive(Debug, Default)]
pub struct Quotes {}

impl Quotes {
    /// Builds the stage.
    pub fn load() -> Result<Quotes, CoreError> {
        Ok(Quotes {})
    }
}

impl Annotator for Quotes {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn annotate(&self, _doc: &mut Doc) -> Result<(), CoreError> {
        // Not yet implemented: see issue 7.
        Ok(())
    }
}
