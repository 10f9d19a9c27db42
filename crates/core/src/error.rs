/// Errors of the document model and of annotators.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// A code string (CAMEO, actor, …) that does not have the required shape.
    #[error("invalid {kind} code {value:?}: {why}")]
    InvalidCode {
        kind: &'static str,
        value: String,
        why: &'static str,
    },
    /// A date string that could not be read.
    #[error("invalid date {0:?}")]
    InvalidDate(String),
    /// A stage failed on a document.
    #[error("{stage}: {message}")]
    Stage {
        stage: &'static str,
        message: String,
    },
}
