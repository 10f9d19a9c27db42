//! # entente-core
//!
//! The document model every stage of entente reads and writes.
//!
//! A [`Doc`] owns the cleaned article text. Everything later stages add —
//! sentences, tokens, actor mentions, events, quotes — refers back to that text
//! through [`Span`]s (byte offsets), so every record can be traced to its words.
//!
//! **Architecture invariant:** this crate does no I/O. It knows nothing of
//! files, SQL or HTTP; it is plain data plus the [`Annotator`] trait that the
//! stage crates implement.
//!
//! ```
//! use entente_core::{Article, Doc};
//! let article = Article::from_text("Iran and the US talk.", Some("https://example.org/a".into()));
//! let doc = Doc::new(article);
//! assert_eq!(doc.text, "Iran and the US talk.");
//! assert_eq!(doc.id.as_str().len(), 16);
//! ```

mod codes;
pub mod conllu;
mod date;
mod doc;
mod error;
mod span;

pub use codes::{ActorCode, CameoCode, Modality, QuadClass};
pub use date::{DatePrecision, EventDate};
pub use doc::{
    main_country, ActorRef, Article, Doc, DocId, Event, InferredDate, Mention, MentionKind, Quote,
    QuoteType, ResolvedPlace, Sentence, Token,
};
pub use error::CoreError;
pub use span::Span;

/// The version of entente that produced a record. Stored with every record so
/// that re-coding with a newer version never silently rewrites history.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// A pipeline stage: takes a document and adds its annotations in place.
///
/// Implementations live in the stage crates (`entente-nlp`, `entente-actors`,
/// `entente-events`, `entente-quotes`); `entente-pipeline` chains them. A stage
/// must never panic on odd input: it reports trouble as a warning on the
/// document (see [`Doc::warn`]) or as an error.
pub trait Annotator: Send + Sync {
    /// Short, stable name used in warnings and provenance (e.g. `"nlp"`).
    fn name(&self) -> &'static str;
    /// Adds this stage's annotations to `doc`.
    fn annotate(&self, doc: &mut Doc) -> Result<(), CoreError>;
}
