//! Shared by the nlp test files.

use std::path::PathBuf;

/// The shared UD folder (`$ENTENTE_SHARED/data/ud` or an ancestor's
/// `shared/data/ud`), when it is around.
pub fn shared_ud() -> Option<PathBuf> {
    if let Ok(s) = std::env::var("ENTENTE_SHARED") {
        return Some(PathBuf::from(s).join("data/ud"));
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|a| a.join("shared/data/ud"))
        .find(|p| p.is_dir())
}
