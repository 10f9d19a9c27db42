//! # entente-pipeline
//!
//! The core library: builds the standard chain of stages
//! (nlp → actors → events → quotes) and runs articles through it.
//!
//! **Architecture invariant:** the pipeline knows nothing of SQL or HTTP. It
//! takes [`Article`]s and returns annotated [`Doc`]s; storing them is the
//! caller's business (`entente-store`), as is serving them (`entente-serve`).
//!
//! Every document runs within [`Limits`]: text beyond
//! [`Limits::max_text_bytes`] is cut (with a warning on the document), and a
//! stage that panics leaves the document stored with its text and a warning
//! instead of taking the run down.
//!
//! ```
//! let pipeline = entente_pipeline::Pipeline::standard().unwrap();
//! let doc = pipeline.process(entente_core::Article::from_text("Iran condemned the strikes. Talks went on.", None));
//! assert_eq!(doc.sentences.len(), 2);
//! ```

use std::panic::{catch_unwind, AssertUnwindSafe};

use entente_core::{Annotator, Article, CoreError, Doc, DocId};

pub use entente_ingest as ingest;

/// Per-document budgets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Longest body analysed, in bytes of UTF-8 text; the rest is cut at a
    /// paragraph or sentence end and a warning says so. 1 MB by default:
    /// about 150,000 words, a long book, far beyond any news article (the
    /// longest run to a few tens of thousands of words), and a few seconds
    /// of work.
    pub max_text_bytes: usize,
    /// Longest title kept, in bytes.
    pub max_title_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_text_bytes: DEFAULT_MAX_TEXT_BYTES,
            max_title_bytes: 2_000,
        }
    }
}

/// Default of [`Limits::max_text_bytes`].
pub const DEFAULT_MAX_TEXT_BYTES: usize = 1_000_000;

/// An ordered chain of annotators.
pub struct Pipeline {
    stages: Vec<Box<dyn Annotator>>,
    limits: Limits,
}

impl Pipeline {
    /// The standard chain with the embedded models and dictionaries.
    pub fn standard() -> Result<Pipeline, CoreError> {
        Pipeline::standard_with(entente_events::Config::default())
    }

    /// The standard chain with the event coder's options set (e.g. its
    /// `min_confidence`).
    pub fn standard_with(events: entente_events::Config) -> Result<Pipeline, CoreError> {
        Ok(Pipeline::with_stages(vec![
            Box::new(entente_nlp::Nlp::load()?),
            Box::new(entente_actors::Actors::load()?),
            Box::new(entente_events::EventCoder::load()?.with_config(events)),
            Box::new(entente_quotes::Quotes::load()?),
        ]))
    }

    /// A custom chain.
    pub fn with_stages(stages: Vec<Box<dyn Annotator>>) -> Pipeline {
        Pipeline {
            stages,
            limits: Limits::default(),
        }
    }

    /// The same chain with other per-document budgets.
    pub fn with_limits(mut self, limits: Limits) -> Pipeline {
        self.limits = limits;
        self
    }

    /// The per-document budgets in force.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Runs an article through every stage. A failing stage leaves a warning
    /// on the document and the remaining stages still run. The document id
    /// is derived from the whole article, also when its text is cut.
    pub fn process(&self, mut article: Article) -> Doc {
        let id = DocId::derive(article.url.as_deref(), &article.body);
        let mut notes = Vec::new();
        let body_len = article.body.len();
        if body_len > self.limits.max_text_bytes {
            let at = cut_point(&article.body, self.limits.max_text_bytes);
            article.body.truncate(at);
            notes.push(format!(
                "text of {body_len} bytes is longer than the limit of {} bytes; \
                 only the first {at} bytes were analysed",
                self.limits.max_text_bytes
            ));
        }
        if let Some(t) = article.title.as_mut() {
            if t.len() > self.limits.max_title_bytes {
                let at = floor_char_boundary(t, self.limits.max_title_bytes);
                t.truncate(at);
                notes.push(format!("title cut to {at} bytes"));
            }
        }
        let mut doc = Doc::new(article);
        doc.id = id;
        for n in notes {
            doc.warn("limits", n);
        }
        self.annotate(&mut doc);
        doc
    }

    /// Runs every stage over an existing document.
    ///
    /// A stage that panics (a bug on some unforeseen input) must not take the
    /// other documents of the run with it: its annotations and those of the
    /// stages after it are dropped, and the document keeps its text and a
    /// warning naming the stage.
    pub fn annotate(&self, doc: &mut Doc) {
        for stage in &self.stages {
            match catch_unwind(AssertUnwindSafe(|| stage.annotate(doc))) {
                Ok(Ok(())) => {}
                Ok(Err(e)) => doc.warn(stage.name(), e),
                Err(panic) => {
                    let why = panic
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "unknown panic".into());
                    doc.sentences.clear();
                    doc.tokens.clear();
                    doc.mentions.clear();
                    doc.events.clear();
                    doc.quotes.clear();
                    doc.warn(
                        stage.name(),
                        format!("internal error ({why}); the document is stored unannotated"),
                    );
                    return;
                }
            }
        }
    }
}

/// The largest char boundary at or below `at`.
fn floor_char_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Where to cut a text to at most `max` bytes: the last paragraph break in
/// the final tenth before the limit, else the last sentence end (". ")
/// there, else the last whitespace, else a char boundary.
fn cut_point(text: &str, max: usize) -> usize {
    let hard = floor_char_boundary(text, max);
    let from = floor_char_boundary(text, hard - hard / 10);
    let window = &text[from..hard];
    if let Some(i) = window.rfind("\n\n") {
        return from + i;
    }
    if let Some(i) = window.rfind(". ") {
        return from + i + 1;
    }
    if let Some(i) = window.rfind(char::is_whitespace) {
        return from + i;
    }
    hard
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Boom;
    impl Annotator for Boom {
        fn name(&self) -> &'static str {
            "boom"
        }
        fn annotate(&self, doc: &mut Doc) -> Result<(), CoreError> {
            if doc.text.contains("boom") {
                panic!("exploded on purpose");
            }
            Ok(())
        }
    }

    #[test]
    fn a_panicking_stage_leaves_the_document_with_a_warning() {
        let p = Pipeline::with_stages(vec![Box::new(Boom)]);
        let doc = p.process(Article::from_text("it goes boom here", None));
        assert_eq!(doc.text, "it goes boom here");
        assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
        assert!(doc.warnings[0].starts_with("boom: internal error (exploded on purpose)"));
        let fine = p.process(Article::from_text("all quiet", None));
        assert!(fine.warnings.is_empty());
    }

    #[test]
    fn long_texts_are_cut_at_a_sentence_end_and_keep_their_id() {
        let body = "Iran condemned the strikes. ".repeat(100);
        let p = Pipeline::with_stages(Vec::new()).with_limits(Limits {
            max_text_bytes: 1000,
            ..Limits::default()
        });
        let doc = p.process(Article::from_text(&body, None));
        assert!(doc.text.len() <= 1000 && doc.text.len() > 900);
        assert!(doc.text.ends_with("strikes."), "{:?}", &doc.text[900..]);
        assert_eq!(doc.id, DocId::derive(None, &body));
        assert_eq!(doc.warnings.len(), 1);
        assert!(
            doc.warnings[0].contains("2800 bytes"),
            "{}",
            doc.warnings[0]
        );
        // Multi-byte text is cut on a char boundary.
        let wide = "é".repeat(1000);
        let doc = p.process(Article::from_text(&wide, None));
        assert!(doc.text.len() <= 1000 && doc.text.chars().all(|c| c == 'é'));
    }
}
