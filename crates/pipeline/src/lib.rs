//! # entente-pipeline
//!
//! The core library: builds the standard chain of stages
//! (nlp → actors → events → quotes) and runs articles through it.
//!
//! **Architecture invariant:** the pipeline knows nothing of SQL or HTTP. It
//! takes [`Article`]s and returns annotated [`Doc`]s; storing them is the
//! caller's business (`entente-store`), as is serving them (`entente-serve`).
//!
//! ```
//! let pipeline = entente_pipeline::Pipeline::standard().unwrap();
//! let doc = pipeline.process(entente_core::Article::from_text("Iran condemned the strikes. Talks went on.", None));
//! assert_eq!(doc.sentences.len(), 2);
//! ```

use entente_core::{Annotator, Article, CoreError, Doc};

pub use entente_ingest as ingest;

/// An ordered chain of annotators.
pub struct Pipeline {
    stages: Vec<Box<dyn Annotator>>,
}

impl Pipeline {
    /// The standard chain with the embedded models and dictionaries.
    pub fn standard() -> Result<Pipeline, CoreError> {
        Pipeline::standard_with(entente_events::Config::default())
    }

    /// The standard chain with the event coder's options set (e.g. its
    /// `min_confidence`).
    pub fn standard_with(events: entente_events::Config) -> Result<Pipeline, CoreError> {
        Ok(Pipeline {
            stages: vec![
                Box::new(entente_nlp::Nlp::load()?),
                Box::new(entente_actors::Actors::load()?),
                Box::new(entente_events::EventCoder::load()?.with_config(events)),
                Box::new(entente_quotes::Quotes::load()?),
            ],
        })
    }

    /// A custom chain.
    pub fn with_stages(stages: Vec<Box<dyn Annotator>>) -> Pipeline {
        Pipeline { stages }
    }

    /// Runs an article through every stage. A failing stage leaves a warning
    /// on the document and the remaining stages still run.
    pub fn process(&self, article: Article) -> Doc {
        let mut doc = Doc::new(article);
        self.annotate(&mut doc);
        doc
    }

    /// Runs every stage over an existing document.
    pub fn annotate(&self, doc: &mut Doc) {
        for stage in &self.stages {
            if let Err(e) = stage.annotate(doc) {
                doc.warn(stage.name(), e);
            }
        }
    }
}
