//! # entente-nlp
//!
//! Stage 2 of the pipeline: English tokenizer and sentence splitter (with exact
//! byte offsets into the document text), and — as models land — tagger,
//! lemmatizer and dependency parser.
//!
//! **Architecture invariant:** no I/O at run time except reading the models
//! embedded in the binary; never reads `../shared`.

use entente_core::{Annotator, CoreError, Doc, Sentence, Span, Token};

mod tokenize;

pub use tokenize::{split_sentences, tokenize};

/// The language-analysis stage.
#[derive(Debug, Default)]
pub struct Nlp {}

impl Nlp {
    /// Loads the embedded models.
    pub fn load() -> Result<Nlp, CoreError> {
        Ok(Nlp {})
    }
}

impl Annotator for Nlp {
    fn name(&self) -> &'static str {
        "nlp"
    }

    fn annotate(&self, doc: &mut Doc) -> Result<(), CoreError> {
        let toks = tokenize(&doc.text);
        let sents = split_sentences(&doc.text, &toks);
        doc.tokens.clear();
        doc.sentences.clear();
        for (a, b) in sents {
            let start = doc.tokens.len() as u32;
            for t in &toks[a..b] {
                doc.tokens.push(Token {
                    span: *t,
                    ..Token::default()
                });
            }
            let span = Span::new(toks[a].start as usize, toks[b - 1].end as usize);
            doc.sentences.push(Sentence {
                span,
                token_start: start,
                token_end: doc.tokens.len() as u32,
            });
        }
        Ok(())
    }
}
