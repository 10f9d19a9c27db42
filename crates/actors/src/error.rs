/// Errors of the actor knowledge base.
#[derive(Debug, thiserror::Error)]
pub enum ActorsError {
    /// A dictionary or knowledge-base line that could not be read.
    #[error("{source_name} line {line}: {message}")]
    Parse {
        /// File or source name (`people.jsonl`, `actors[0]`).
        source_name: String,
        /// 1-based line number.
        line: usize,
        /// What was wrong.
        message: String,
    },
}

impl ActorsError {
    pub(crate) fn parse(source_name: &str, line: usize, message: impl Into<String>) -> ActorsError {
        ActorsError::Parse {
            source_name: source_name.to_string(),
            line,
            message: message.into(),
        }
    }
}

impl From<ActorsError> for entente_core::CoreError {
    fn from(e: ActorsError) -> Self {
        entente_core::CoreError::Stage {
            stage: "actors",
            message: e.to_string(),
        }
    }
}
