//! # entente-nlp
//!
//! Stage 2 of the pipeline: English tokenizer and sentence splitter (with exact
//! byte offsets into the document text), part-of-speech tagger (UPOS + PTB
//! XPOS), lemmatizer, morphological features and a labelled dependency parser
//! producing Universal Dependencies.
//!
//! The statistical models (an averaged-perceptron tagger, a supertagger that
//! predicts each word's relation and head side, and a greedy arc-hybrid
//! parser reading both, see [`tagger`], [`supertag`] and [`parser`]) are
//! trained by
//! [`train::train`] from UD English EWT and GUM and shipped compressed inside
//! the binary (`models/en_ud.bin.gz`, CC BY-SA 4.0, see `models/README.md`).
//!
//! **Architecture invariant:** no I/O at run time except reading the models
//! embedded in the binary; never reads `../shared`.

use entente_core::{Annotator, CoreError, Doc, Sentence, Span, Token};

pub mod clusters;
pub mod eval;
pub mod morph;
pub mod parser;
pub mod perceptron;
pub mod supertag;
pub mod tagger;
mod tokenize;
pub mod train;

pub use tokenize::{split_sentences, tokenize};

use morph::Morph;
use parser::{Input, Parser};
use perceptron::{mix, Reader};
use supertag::{StWord, Supertagger};
use tagger::Tagger;

/// The embedded model bundle (gzip).
static MODEL: &[u8] = include_bytes!("../models/en_ud.bin.gz");

const MAGIC: &[u8] = b"ENTENTE-NLP-1\n";
const ROOT_W: u64 = 0x5eed_0001;
const ROOT_P: u64 = 0x5eed_0002;

/// Longest sentence handed to the parser; longer runs (garbage, tables) are
/// cut into pieces so time stays linear.
const MAX_SENT: usize = 400;

/// The language-analysis stage: tagger, parser and morphology tables.
#[derive(Clone)]
pub struct Nlp {
    tagger: Tagger,
    parser: Parser,
    /// Optional supertagger (relation + head side per word) feeding the
    /// parser.
    supertagger: Option<Supertagger>,
    morph: Morph,
}

impl std::fmt::Debug for Nlp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Nlp")
            .field("tags", &self.tagger.classes.len())
            .field("labels", &self.parser.labels.len())
            .finish()
    }
}

fn stage_err(message: impl Into<String>) -> CoreError {
    CoreError::Stage {
        stage: "nlp",
        message: message.into(),
    }
}

/// Hash of a supertag class (or of its absence) as the parser sees it.
fn supertag_hash(class: Option<u16>) -> u64 {
    class.map_or(0x5ca1_ab1e, |c| mix(0x5e7, u64::from(c)))
}

/// Hash of a tag class as the parser sees it.
fn tag_hash(class: u16) -> u64 {
    mix(0x7a9, u64::from(class))
}

impl Nlp {
    /// Loads the models embedded in the binary.
    pub fn load() -> Result<Nlp, CoreError> {
        Nlp::from_bytes(MODEL)
    }

    /// Loads a model bundle written by [`Nlp::to_bytes`] (gzip-compressed).
    pub fn from_bytes(gz: &[u8]) -> Result<Nlp, CoreError> {
        use std::io::Read;
        if gz.is_empty() {
            return Err(stage_err("no model embedded (run `entente train`)"));
        }
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(gz)
            .read_to_end(&mut raw)
            .map_err(|e| stage_err(format!("model: {e}")))?;
        let body = raw
            .strip_prefix(MAGIC)
            .ok_or_else(|| stage_err("model: bad header"))?;
        let mut r = Reader::new(body);
        let tagger = Tagger::read(&mut r).ok_or_else(|| stage_err("model: bad tagger"))?;
        let parser = Parser::read(&mut r).ok_or_else(|| stage_err("model: bad parser"))?;
        let morph = Morph::read(&mut r).ok_or_else(|| stage_err("model: bad morphology"))?;
        let mut parser = parser;
        // Optional trailer: the parser's beam width.
        if let Some(b) = r.var() {
            parser.beam = (b as usize).clamp(1, 64);
        }
        // Optional trailer: the supertagger.
        let supertagger = match r.var() {
            Some(1) => {
                Some(Supertagger::read(&mut r).ok_or_else(|| stage_err("model: bad supertagger"))?)
            }
            _ => None,
        };
        Ok(Nlp {
            tagger,
            parser,
            supertagger,
            morph,
        })
    }

    /// Assembles a bundle from trained parts.
    pub fn from_parts(tagger: Tagger, parser: Parser, morph: Morph) -> Nlp {
        Nlp {
            tagger,
            parser,
            supertagger: None,
            morph,
        }
    }

    /// Adds a supertagger whose tags the parser reads.
    pub fn with_supertagger(mut self, t: Supertagger) -> Nlp {
        self.supertagger = Some(t);
        self
    }

    /// Serialises the bundle, gzip-compressed.
    pub fn to_bytes(&self) -> Vec<u8> {
        use std::io::Write;
        let mut raw = MAGIC.to_vec();
        self.tagger.write(&mut raw);
        self.parser.write(&mut raw);
        self.morph.write(&mut raw);
        perceptron::put_var(&mut raw, self.parser.beam as u64);
        if let Some(t) = &self.supertagger {
            perceptron::put_var(&mut raw, 1);
            t.write(&mut raw);
        }
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(9));
        // Writing to a Vec cannot fail.
        let _ = enc.write_all(&raw);
        enc.finish().unwrap_or_default()
    }

    /// Drops small weights (quantised units) and rarely updated features
    /// (update counts are known only right after training).
    pub fn prune(&mut self, min_abs: u16, min_hits: u32) {
        if min_abs > 0 || min_hits > 1 {
            // The tagger is small and loses accuracy first: weights only.
            self.tagger.prune(min_abs, 1);
            if let Some(t) = &mut self.supertagger {
                t.prune(min_abs, min_hits);
            }
            self.parser.prune(min_abs, min_hits);
        }
    }

    /// Coarsens all perceptron weights by `2^shift` (a smaller model; see
    /// `perceptron::Model::requantized`).
    pub fn requantize(&mut self, shift: u32) {
        self.tagger.requantize(shift);
        if let Some(t) = &mut self.supertagger {
            t.requantize(shift);
        }
        self.parser.requantize(shift);
    }

    /// Sets the parser's beam width (1 = greedy).
    pub fn set_beam(&mut self, k: usize) {
        self.parser.beam = k.clamp(1, 64);
    }

    /// Sizes of the models, for reports: (tagger features, parser move
    /// features, label features).
    pub fn sizes(&self) -> (usize, usize, usize) {
        let (m, l) = self.parser.features_len();
        (self.tagger.features_len(), m, l)
    }

    /// Tags, lemmatizes and parses one pre-tokenized sentence. The returned
    /// tokens have empty spans; `head` is 1-based within the sentence (0 =
    /// root).
    pub fn analyze(&self, forms: &[&str]) -> Vec<Token> {
        let mut out = Vec::with_capacity(forms.len());
        for chunk in forms.chunks(MAX_SENT) {
            let base = out.len() as u32;
            let mut toks = self.analyze_chunk(chunk);
            if base > 0 {
                for t in &mut toks {
                    if t.head == 0 {
                        // Later pieces of an over-long sentence hang off the first root.
                        t.head = out
                            .iter()
                            .position(|x: &Token| x.head == 0)
                            .map_or(0, |p| p as u32 + 1);
                        t.deprel = "parataxis".to_string();
                    } else {
                        t.head += base;
                    }
                }
            }
            out.extend(toks);
        }
        out
    }

    /// Like [`Nlp::analyze`] but with given `(UPOS, XPOS)` tags (for
    /// evaluating the parser on gold tags). Sentences longer than the
    /// parser's limit are analysed with predicted tags.
    pub fn analyze_with_tags(&self, forms: &[&str], tags: &[(&str, &str)]) -> Vec<Token> {
        if forms.len() > MAX_SENT || tags.len() != forms.len() {
            return self.analyze(forms);
        }
        let classes: Vec<u16> = tags
            .iter()
            .map(|(u, x)| {
                let c = &self.tagger.classes;
                c.iter()
                    .position(|(a, b)| a == u && b == x)
                    .or_else(|| c.iter().position(|(_, b)| b == x))
                    .unwrap_or(0) as u16
            })
            .collect();
        self.analyze_tagged(forms, Some(classes))
    }

    fn analyze_chunk(&self, forms: &[&str]) -> Vec<Token> {
        self.analyze_tagged(forms, None)
    }

    fn analyze_tagged(&self, forms: &[&str], given: Option<Vec<u16>>) -> Vec<Token> {
        if forms.is_empty() {
            return Vec::new();
        }
        let (mut tags, words) = self.tagger.tag_with_words(forms);
        if let Some(g) = given {
            tags = g;
        }
        let mut w = Vec::with_capacity(forms.len() + 1);
        let mut p = Vec::with_capacity(forms.len() + 1);
        w.push(ROOT_W);
        p.push(ROOT_P);
        w.extend(words.iter().map(|x| x.w));
        p.extend(tags.iter().map(|t| tag_hash(*t)));
        let mut c = Vec::with_capacity(forms.len() + 1);
        c.push(ROOT_W);
        c.extend(words.iter().map(|x| x.cf));
        let mut st = Vec::with_capacity(forms.len() + 1);
        st.push(supertag_hash(None));
        match &self.supertagger {
            Some(t) => {
                let sw: Vec<StWord> = words
                    .iter()
                    .zip(&tags)
                    .map(|(x, t)| StWord {
                        w: x.w,
                        c: x.cf,
                        t: tag_hash(*t),
                        verb: self
                            .tagger
                            .classes
                            .get(*t as usize)
                            .is_some_and(|(u, _)| supertag::is_verb(u)),
                    })
                    .collect();
                st.extend(t.tag(&sw).iter().map(|x| supertag_hash(Some(*x))));
            }
            None => st.resize(forms.len() + 1, supertag_hash(None)),
        }
        let (heads, labels) = self.parser.parse(&Input {
            w: &w,
            p: &p,
            c: &c,
            st: &st,
        });
        let mut toks: Vec<Token> = forms
            .iter()
            .zip(&tags)
            .enumerate()
            .map(|(i, (f, t))| {
                let (upos, xpos) = self
                    .tagger
                    .classes
                    .get(*t as usize)
                    .map_or(("X", "FW"), |(u, x)| (u.as_str(), x.as_str()));
                let (lemma, feats) = self.morph.analyze(f, upos, xpos);
                let (upos, xpos) = (upos.to_string(), xpos.to_string());
                let lab = labels.get(i + 1).copied().unwrap_or(0) as usize;
                Token {
                    span: Span::default(),
                    upos,
                    xpos,
                    lemma,
                    feats,
                    head: heads.get(i + 1).copied().unwrap_or(0),
                    deprel: self
                        .parser
                        .labels
                        .get(lab)
                        .cloned()
                        .unwrap_or_else(|| "dep".to_string()),
                }
            })
            .collect();
        morph::mark_passives(&mut toks);
        toks
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
            let forms: Vec<&str> = toks[a..b].iter().map(|s| s.slice(&doc.text)).collect();
            let analysed = self.analyze(&forms);
            for (t, span) in analysed.into_iter().zip(&toks[a..b]) {
                doc.tokens.push(Token { span: *span, ..t });
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
